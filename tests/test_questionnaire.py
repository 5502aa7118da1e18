"""The questionnaire, in-process: prompt_toolkit reads keys from a pipe and writes to a buffer."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from billing_career.cli.questionnaire import ask_missing, confirm
from billing_career.knowledge.models import KnowledgeBase
from billing_career.planning.load import load_knowledge

TODAY = dt.date(2026, 1, 5)
DOWN, ENTER, CTRL_C, CTRL_D, CLEAR = "\x1b[B", "\r", "\x03", "\x04", "\x15"
# A bracketed paste: the terminal sends pasted text between these, and prompt_toolkit inserts it
# as one edit.
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
# Where the person stands today, each left at its default: no credentials, no training year,
# no failed exam, not in high school, age skipped, record "No" (the first choice), state skipped.
TODAY_KEYS = ENTER * 7
# The money questions after the job-seeker one (military spouse, disability services, SNAP), no.
NO_MONEY_HELP = {"military_spouse": False, "disability_services": False, "snap": False}
TODAY_ANSWERS = {"credentials": (), "failed_exam": (), "in_high_school": False, "record": "none"}


@pytest.fixture(scope="module")
def kb(warm_cache: Path) -> KnowledgeBase:
    """The bundled data, from the cache conftest built for this worker (read and validated
    once per worker, not again for this file; tests/test_cache.py proves the two the same)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("BCAREER_")]:
            patch.delenv(name)
        patch.setenv("BCAREER_CACHE_DIR", str(warm_cache))
        return load_knowledge()


class Screen:
    """Where the prompts are drawn, for checking what a person would read."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()

    @property
    def text(self) -> str:
        return self.buffer.getvalue()


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Type keys into the prompts; returns a function (keys, call) -> call's result."""

    def run(typed: str, call: Any, screen: Screen | None = None) -> Any:
        with create_pipe_input() as pipe:
            pipe.send_text(typed)
            # Keys run out as end of input (Ctrl-D), so a test that types too few fails rather
            # than waits forever.
            pipe.close()
            output = (
                DummyOutput()
                if screen is None
                else Vt100_Output(screen.buffer, lambda: Size(rows=24, columns=100), term="xterm")
            )
            with create_app_session(input=pipe, output=output):
                return call()

    yield run


def test_every_question_answered(kb: KnowledgeBase, keys: Any) -> None:
    typed = (
        DOWN
        + DOWN
        + ENTER  # education: high-school
        + "3000"
        + ENTER  # budget
        + DOWN
        + ENTER  # schedule: part-time
        + ENTER  # learning: the default, either
        + CLEAR
        + "2"
        + ENTER  # experience years
        + " "
        + DOWN
        + DOWN
        + " "
        + ENTER  # background: customer service, data entry
        + DOWN
        + DOWN
        + ENTER  # goal: advancement
        + "y"  # veteran
        + ENTER  # employer sponsor: default no
        + "n"  # remote
        + "y"  # job seeker; no sponsor, so no question about the employer's amount
        + "n"  # military spouse
        + "n"  # disability services
        + "n"  # SNAP
        + "17/h"
        + ENTER  # current pay
        + TODAY_KEYS
        + ENTER  # hours a week: 40
        + CLEAR
        + "2026-02-01"
        + ENTER  # start
    )
    answers = keys(typed, lambda: ask_missing(kb.questions, {}, {}, today=TODAY))
    assert answers == {
        "education": "high-school",
        "budget": 3000,
        "schedule": "part-time",
        "learning": "either",
        "experience_years": 2,
        "background": ("customer-service", "data-entry"),
        "goal": "advancement",
        "veteran": True,
        "employer_sponsor": False,
        "remote": False,
        "job_seeker": True,
        "military_spouse": False,
        "disability_services": False,
        "snap": False,
        "current_pay": 17 * 2080,
        **TODAY_ANSWERS,
        "hours_per_week": 40,
        "start": dt.date(2026, 2, 1),
    }


def test_only_unanswered_questions_are_asked(kb: KnowledgeBase, keys: Any) -> None:
    answered = {
        "education": "ged",
        "budget": 100,
        "schedule": "full-time",
        "learning": "online",
        "experience_years": 0,
        "background": (),
        "goal": "quick-entry",
        "veteran": False,
        "employer_sponsor": False,
    }
    screen = Screen()
    answers = keys(
        "y" + "n" + "nnn" + ENTER + TODAY_KEYS + ENTER,
        lambda: ask_missing(kb.questions, answered, {}, today=TODAY),
        screen,
    )
    # The current pay was skipped: it stays unknown, and no hours a week are asked.
    assert answers == {
        "remote": True,
        "job_seeker": False,
        **NO_MONEY_HELP,
        **TODAY_ANSWERS,
        "start": TODAY,
    }
    assert "work from home" in screen.text
    assert "highest level of education" not in screen.text


def test_saved_answers_are_offered_as_defaults(kb: KnowledgeBase, keys: Any) -> None:
    saved = {
        "education": "associate",
        "budget": 4200,
        "schedule": "flexible",
        "learning": "in-person",
        "experience_years": 3,
        "background": ("insurance",),
        "goal": "comprehensive",
        "veteran": True,
        "employer_sponsor": True,
        "remote": True,
    }
    answers = keys(ENTER * 24, lambda: ask_missing(kb.questions, {}, saved, today=TODAY))
    assert answers == {
        **saved,
        "job_seeker": False,
        **NO_MONEY_HELP,
        **TODAY_ANSWERS,
        "start": TODAY,
    }


def refusal_drawn(kb: KnowledgeBase, keys: Any, field: str, typed: str) -> str:
    """The screen after `typed` is entered for `field` and refused: the question is asked again
    with the reason under it, and the keys end there (a refusal shows until the value is fixed,
    so a test that typed the fix at once would find it already gone)."""
    screen = Screen()
    with pytest.raises(KeyboardInterrupt):  # the keys ran out at the question asked again
        keys(
            typed + ENTER,
            lambda: ask_missing(
                kb.questions, {"education": "ged"}, {}, today=TODAY, only=frozenset({field})
            ),
            screen,
        )
    return screen.text


def test_bad_answers_are_refused_inline(kb: KnowledgeBase, keys: Any) -> None:
    answered = {"education": "ged"}
    # The two questions with bad answers, one after the other (the questions between them
    # take no typed text).
    only = frozenset({"budget", "start"})
    screen = Screen()
    typed = (
        "lots"
        + ENTER
        + CLEAR
        + "-5"
        + ENTER
        + CLEAR
        + "2500"
        + ENTER  # budget
        + CLEAR
        + "2026-02-30"
        + ENTER
        + CLEAR
        + "2026-02-28"
        + ENTER
    )
    answers = keys(
        typed, lambda: ask_missing(kb.questions, answered, {}, today=TODAY, only=only), screen
    )
    # Neither 'lots' nor -5 nor 30 February got through; the corrected answers did.
    assert answers["budget"] == 2500
    assert answers["start"] == dt.date(2026, 2, 28)
    # The help line is under the prompt, and each refusal is said right there.
    assert "cents are dropped" in screen.text
    assert "got 'lots'" in refusal_drawn(kb, keys, "budget", "lots")
    assert "got a negative number" in refusal_drawn(kb, keys, "budget", "-5")
    assert "no such date as '2026-02-30'" in refusal_drawn(kb, keys, "start", CLEAR + "2026-02-30")


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("budget", "lots", "Budget must be a whole number of US dollars, 0 or more; got 'lots'."),
        (
            "budget",
            "-5",
            "Budget must be a whole number of US dollars, 0 or more; got a negative number.",
        ),
        # Words, not field names; an impossible day is said to be one (issue 21).
        ("experience_years", "two", "Years of experience must be a whole number of years"),
        ("start", "2026-02-30", "Start date is not a real day (no such date as '2026-02-30')."),
        (
            "start",
            "2026-2-3",
            "Start date must be a date as YYYY-MM-DD, 6/8/2027 or June 8, 2027; got '2026-2-3'.",
        ),
    ],
)
def test_the_inline_message_says_what_is_expected(field: str, typed: str, message: str) -> None:
    from billing_career.cli.questionnaire import _validator

    validate = _validator(field, TODAY)
    assert str(validate(typed)).startswith(message)
    assert validate("2026-02-28" if field == "start" else "3") is True


@pytest.mark.parametrize(
    "typed",
    [
        CTRL_C,  # at the first question (a list)
        DOWN + ENTER + "3000" + ENTER + CTRL_C,  # at a later one
        DOWN + ENTER + CTRL_C,  # on a text prompt
    ],
)
def test_ctrl_c_interrupts(kb: KnowledgeBase, keys: Any, typed: str) -> None:
    with pytest.raises(KeyboardInterrupt):
        keys(typed, lambda: ask_missing(kb.questions, {}, {}, today=TODAY))


def test_ctrl_d_on_a_text_prompt_ends_like_ctrl_c(kb: KnowledgeBase, keys: Any) -> None:
    with pytest.raises(KeyboardInterrupt):
        keys(DOWN + ENTER + CTRL_D, lambda: ask_missing(kb.questions, {}, {}, today=TODAY))


def test_confirm_defaults_to_no(keys: Any) -> None:
    assert keys(ENTER, lambda: confirm("Remove it?")) is False
    assert keys("y", lambda: confirm("Remove it?")) is True
    with pytest.raises(KeyboardInterrupt):
        keys(CTRL_C, lambda: confirm("Remove it?"))


def test_only_this_module_imports_questionary() -> None:
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "billing_career"
    importers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "import questionary" in path.read_text(encoding="utf-8")
        or "from questionary" in path.read_text(encoding="utf-8")
    )
    assert importers == ["cli/questionnaire.py"]


def test_each_question_says_where_you_are(kb: KnowledgeBase, keys: Any) -> None:
    answered = {"education": "ged", "budget": 100, "schedule": "full-time", "learning": "online"}
    answered |= {"experience_years": 0, "background": (), "goal": "quick-entry", "veteran": False}
    screen = Screen()
    # Sponsor yes, so the amount is asked right after it (skipped here), then the rest.
    typed = "y" + ENTER + "n" + "n" + "n" + "n" + "n" + ENTER + TODAY_KEYS + ENTER
    answers = keys(typed, lambda: ask_missing(kb.questions, answered, {}, today=TODAY), screen)
    # The amount, a follow-up, is "1a": the count never changes midway (issue 21).
    shown = re.findall(r"Question (\w+) of (\d+)", screen.text)
    numbers = [number for number, _ in dict.fromkeys(shown)]
    assert numbers[:3] == ["1", "1a", "2"]
    assert len({total for _, total in shown}) == 1
    # Yes/No read as words once answered.
    assert "Does an employer offer to pay for your training? Yes" in screen.text
    assert answers == {
        "employer_sponsor": True,
        "remote": False,
        "job_seeker": False,
        **NO_MONEY_HELP,
        **TODAY_ANSWERS,
        "start": TODAY,
    }


def test_a_huge_budget_is_refused_inline_not_a_traceback(kb: KnowledgeBase, keys: Any) -> None:
    screen = Screen()
    answered = {"education": "ged"}
    only = frozenset({"budget"})
    # Pasted, as such a number would be: one edit (typed key by key, each of the 5,000 keys
    # would be checked and drawn, a fifth of the suite's time for this one test).
    typed = PASTE_START + "9" * 5000 + PASTE_END + ENTER + CLEAR + "$3,000.99" + ENTER
    answers = keys(
        typed, lambda: ask_missing(kb.questions, answered, {}, today=TODAY, only=only), screen
    )
    assert answers == {"budget": 3000}  # cents dropped, as the help says
    assert "at most 10,000,000" in refusal_drawn(
        kb, keys, "budget", PASTE_START + "9" * 5000 + PASTE_END
    )


def test_enter_on_an_empty_start_is_today(kb: KnowledgeBase, keys: Any) -> None:
    only = frozenset({"start"})
    answers = keys(CLEAR + ENTER, lambda: ask_missing(kb.questions, {}, {}, today=TODAY, only=only))
    assert answers == {"start": TODAY}


def test_a_past_start_is_asked_to_confirm(kb: KnowledgeBase, keys: Any) -> None:
    only = frozenset({"start"})
    screen = Screen()
    # 2025-12-01 is refused at the confirmation (default No), then confirmed the second time.
    typed = CLEAR + "2025-12-01" + ENTER + ENTER + CLEAR + "2025-12-01" + ENTER + "y"
    answers = keys(typed, lambda: ask_missing(kb.questions, {}, {}, today=TODAY, only=only), screen)
    assert answers == {"start": dt.date(2025, 12, 1)}
    assert "December 1, 2025 is 35 days in the past. Plan from that day anyway?" in screen.text
    # Refused once: the date was asked again.
    assert "anyway? No" in screen.text.replace("\x1b[0;38;5;214;1m", "")


def test_the_review_changes_one_answer(kb: KnowledgeBase, keys: Any, capsys: Any) -> None:
    from billing_career.cli.questionnaire import review

    answers = {"education": "ged", "budget": 3000, "schedule": "full-time", "start": TODAY}
    # Change an answer -> Budget -> 2500; then Make my plan.
    typed = DOWN + ENTER + DOWN + ENTER + CLEAR + "2500" + ENTER + ENTER
    result = keys(typed, lambda: review(kb.questions, answers, today=TODAY))
    assert result == {**answers, "budget": 2500}
    shown = capsys.readouterr().out
    assert re.search(r"Budget +\$3,000", shown) and re.search(r"Budget +\$2,500", shown)


def test_saying_yes_to_the_sponsor_in_the_review_asks_the_amount(
    kb: KnowledgeBase, keys: Any
) -> None:
    from billing_career.cli.questionnaire import review

    answers = {
        "education": "ged",
        "budget": 3000,
        "schedule": "full-time",
        "employer_sponsor": False,
    }
    typed = DOWN + ENTER + DOWN * 3 + ENTER + "y" + "1200" + ENTER + ENTER
    result = keys(typed, lambda: review(kb.questions, answers, today=TODAY))
    assert result == {**answers, "employer_sponsor": True, "employer_amount": 1200}


def test_saved_answers_change_some(kb: KnowledgeBase, keys: Any, capsys: Any) -> None:
    from billing_career.cli.questionnaire import use_saved_screen as use_saved

    saved = {"education": "ged", "budget": 3000, "schedule": "full-time", "goal": "comprehensive"}
    # Change some -> tick Budget (2nd): it is left to ask, with the saved answer offered.
    typed = DOWN + ENTER + DOWN + " " + ENTER
    kept, defaults, asked = keys(typed, lambda: use_saved(kb.questions, saved, {}))
    assert kept == {"education": "ged", "schedule": "full-time", "goal": "comprehensive"}
    assert defaults == saved and asked
    shown = capsys.readouterr().out
    assert "Your saved answers" in shown and re.search(r"Goal +Comprehensive preparation", shown)
    # Then one numbered run asks the budget (offering 3000) and what was never answered.
    only = frozenset({"budget", "learning"})
    screen = Screen()
    answers = keys(
        CLEAR + "4000" + ENTER + ENTER,
        lambda: ask_missing(kb.questions, kept, defaults, today=TODAY, only=only),
        screen,
    )
    assert answers == {"budget": 4000, "learning": "either"}
    assert "Question 1 of 2" in screen.text and "Question 2 of 2" in screen.text


def test_saved_answers_use_these_and_start_over(kb: KnowledgeBase, keys: Any) -> None:
    from billing_career.cli.questionnaire import use_saved_screen as use_saved

    saved = {"education": "ged", "budget": 3000, "schedule": "full-time"}
    assert keys(ENTER, lambda: use_saved(kb.questions, saved, {"budget": 10})) == (
        {**saved, "budget": 10},
        {},
        False,
    )
    assert keys(DOWN + DOWN + ENTER, lambda: use_saved(kb.questions, saved, {"budget": 10})) == (
        {"budget": 10},
        {},
        True,
    )


def test_the_saved_screen_shows_flags_applied_and_marked(
    kb: KnowledgeBase, keys: Any, capsys: Any
) -> None:
    from billing_career.cli.questionnaire import use_saved_screen

    saved = {"education": "ged", "budget": 3000, "schedule": "full-time", "veteran": True}
    kept, _, _ = keys(ENTER, lambda: use_saved_screen(kb.questions, saved, {"budget": 10}))
    shown = capsys.readouterr().out
    # This run's own answer (a flag) is what the screen shows, marked; the saved one is gone.
    assert re.search(r"Budget +\$10  \(given on the command line\)", shown)
    assert "$3,000" not in shown
    assert re.search(r"Veteran +Yes\n", shown)
    assert kept == {**saved, "budget": 10}


def test_after_the_plan_done_or_compare_with_a_change(kb: KnowledgeBase, keys: Any) -> None:
    from billing_career.cli.questionnaire import next_change

    answers = {"education": "ged", "budget": 3000, "schedule": "part-time", "start": TODAY}
    assert keys(ENTER, lambda: next_change(kb.questions, answers, today=TODAY)) is None
    # Compare with a change -> Budget -> 4500.
    typed = DOWN + ENTER + DOWN + ENTER + CLEAR + "4500" + ENTER
    picked = keys(typed, lambda: next_change(kb.questions, answers, today=TODAY))
    assert picked == ("budget", 4500)


def test_the_employer_amount_is_offered_only_with_a_sponsor(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from billing_career.cli import questionnaire

    offered: list[list[str]] = []

    class Picked(Exception):
        pass

    def choose(message: str, choices: list[tuple[str, Any]], **_: Any) -> Any:
        offered.append([value for _label, value in choices])
        if len(offered) == 1:
            return "compare"
        raise Picked

    monkeypatch.setattr(questionnaire, "choose", choose)
    for sponsor in (False, True):
        answers = {"education": "ged", "budget": 3000, "employer_sponsor": sponsor}
        with pytest.raises(Picked):
            questionnaire.next_change(kb.questions, answers, today=TODAY)
        assert ("employer_amount" in offered[-1]) is sponsor
        assert "employer_sponsor" in offered[-1] and "schedule" in offered[-1]
        offered.clear()


def test_a_refusal_goes_once_the_value_is_fixed(keys: Any) -> None:
    """Once a typed answer is refused, the reason the text is wrong stays under the prompt while
    it is, and goes at the first redraw after it is fixed, before Enter (issue 21)."""
    import questionary
    from prompt_toolkit.application.current import set_app
    from prompt_toolkit.formatted_text import to_plain_text
    from prompt_toolkit.layout.controls import FormattedTextControl

    from billing_career.cli.questionnaire import _Instruction, _validator

    refusal = "Budget must be a whole number of US dollars, 0 or more; got 'lots'."
    instruction = _Instruction("Whole US dollars.", refusal, _validator("budget", TODAY))

    def drawn_with(typed: str) -> str:
        """What the prompt's text controls draw with `typed` in the field: questionary formats
        the instruction into the prompt at each redraw."""
        question = questionary.text("Budget?", default=typed, instruction=cast(str, instruction))
        app = question.application
        drawn = []
        with set_app(app):
            for window in app.layout.find_all_windows():
                control = window.content
                if isinstance(control, FormattedTextControl):
                    text = control.text() if callable(control.text) else control.text
                    drawn.append(to_plain_text(text))
        return " ".join(" ".join(drawn).split())

    assert refusal in drawn_with("lots")
    # Still wrong: the reason follows the text.
    assert refusal.replace("lots", "25OO") in drawn_with("25OO")
    assert "Whole US dollars." in drawn_with("2500")  # fixed: the help line stays...
    assert refusal not in drawn_with("2500") and "!" not in drawn_with("2500")  # ...the reason goes
