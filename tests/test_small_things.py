"""The small rough edges of issue 21: each one, as a user meets it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from billing_career.errors import UnknownValueError, close_match

PLAN = ("plan", "--no-input", "--no-save", "--education", "ged", "--schedule", "part-time")


def test_a_question_of_common_words_only_searches(invoke: Any) -> None:
    result = invoke("faq", "how much", "--json")
    assert result.code == 0, result.err
    questions = [match["question"] for match in json.loads(result.out)["matches"]]
    assert questions
    assert all(question.lower().startswith("how much") for question in questions)


def test_a_query_with_no_words_at_all_is_still_a_usage_error(invoke: Any) -> None:
    result = invoke("faq", "?? !")
    assert result.code == 2
    assert "no words to search for" in result.err


def test_explain_does_not_list_a_budget_that_reaches_programs_as_not_holding(
    invoke: Any,
) -> None:
    result = invoke(*PLAN, "--budget", "3000", "--explain", env={"COLUMNS": "120"})
    assert result.code == 0, result.err
    for section in result.out.split("Rules that did not hold")[1:]:
        listed = section.split("\n\n")[0].split("Also checked")[0]
        assert "reaches" not in listed, listed


def test_current_pay_reads_as_money_in_explain(invoke: Any) -> None:
    result = invoke(
        *PLAN, "--budget", "3000", "--current-pay", "17/h", "--explain", env={"COLUMNS": "120"}
    )
    assert result.code == 0, result.err
    assert "your current pay: $35,360" in result.out
    assert "35360" not in result.out


@pytest.mark.parametrize(
    ("value", "choices", "expected"),
    [
        ("senior", ["entry", "early-career", "mid-career", "experienced"], None),
        ("junior", ["entry", "early-career", "mid-career", "experienced"], None),
        ("exprienced", ["entry", "early-career", "mid-career", "experienced"], "experienced"),
        ("CBSC", ["CPB", "CMRS", "CBCS"], "CBCS"),
        ("loans", ["payment-plans", "student-loans"], "student-loans"),
    ],
)
def test_did_you_mean_only_for_a_close_match(
    value: str, choices: list[str], expected: str | None
) -> None:
    assert close_match(value, choices) == expected


def test_salary_senior_suggests_nothing_unrelated(invoke: Any) -> None:
    result = invoke("salary", "--experience", "senior")
    assert result.code == 2
    assert "Did you mean" not in result.err
    assert "experienced" in result.err  # the known levels are listed
    assert UnknownValueError("level", "senior", ["entry"]).suggestion is None


# --- one name for one thing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "band"),
    [
        ("0", "entry"),
        ("1", "early-career"),
        ("3", "early-career"),
        ("5", "mid-career"),
        ("20", "experienced"),
    ],
)
def test_salary_takes_experience_years_like_every_command(
    invoke: Any, years: str, band: str
) -> None:
    result = invoke("salary", "--experience-years", years, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["selected"]["experience"] == band


@pytest.mark.parametrize(
    ("command", "new", "old"),
    [
        (("salary",), ("--experience-years", "5"), ("--experience", "mid-career")),
        (("programs", "find"), ("--learning", "online"), ("--online",)),
        (("programs", "find"), ("--learning", "in-person"), ("--in-person",)),
        (("cost", "--program", "online"), ("--veteran",), ("--aid", "gi-bill")),
    ],
)
def test_the_old_spelling_still_works_and_is_hidden_from_help(
    invoke: Any, command: tuple[str, ...], new: tuple[str, ...], old: tuple[str, ...]
) -> None:
    with_new = invoke(*command, *new, "--json")
    with_old = invoke(*command, *old, "--json")
    assert with_new.code == with_old.code == 0, with_new.err + with_old.err
    assert json.loads(with_new.out) == json.loads(with_old.out)
    shown = invoke(*command[:2] if command[0] == "programs" else command[:1], "--help").out
    assert f"{new[0]} " in shown or f"{new[0]}/" in shown
    if old[0] != "--aid":  # --aid stays: it names any aid option, the GI Bill among them
        assert f"{old[0]} " not in shown


def test_an_unknown_way_of_learning_is_a_usage_error(invoke: Any) -> None:
    result = invoke("programs", "find", "--learning", "onlin")
    assert result.code == 2
    assert "Did you mean 'online'?" in result.err


# --- long status and error lines ------------------------------------------------------------


class _Terminal:
    """A stderr that is a terminal, as a person's is."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_messages_wrap_at_spaces_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    import sys

    from billing_career.cli.app import for_stderr

    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setenv("COLUMNS", str(columns))
    message = (
        "Saved your answers to /home/someone/.config/bcareer/profile.yaml for next time; "
        "run with --no-save to keep nothing, or 'bcareer profile reset' to remove them "
        "(goal: quick-entry, aid: federal-aid).\n"
    )
    shown = for_stderr(message)
    lines = shown.rstrip("\n").split("\n")
    assert all(len(line) < columns for line in lines if " " in line.strip()), lines
    # Nothing cut: the same words, in the same order.
    assert shown.split() == message.split()
    assert shown.endswith("\n")


def test_messages_stay_one_line_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    from billing_career.cli.app import for_stderr

    monkeypatch.setenv("COLUMNS", "40")
    message = "Error: " + "word " * 30 + "\n"
    assert for_stderr(message) == message


# --- the questionnaire's order ------------------------------------------------------------------


def test_a_follow_up_is_asked_right_after_its_yes() -> None:
    from billing_career.cli.questionnaire import asking_order
    from billing_career.planning.load import load_knowledge
    from billing_career.planning.profile import ASKED_ONLY_IF

    kb = load_knowledge(None)
    order = [question.id for question in asking_order(kb.questions)]
    assert sorted(order) == sorted(question.id for question in kb.questions.questions)
    assert ASKED_ONLY_IF  # the employer's amount after the employer's yes
    for follow_up, parent in ASKED_ONLY_IF.items():
        assert order.index(follow_up) == order.index(parent) + 1
