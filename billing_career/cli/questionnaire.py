"""The questionnaire: the plan's questions (data/questions.yaml) asked with questionary.

This is the only module that imports questionary (and with it prompt_toolkit), and only when a
question is really asked. Every prompt uses unsafe_ask(): Ctrl-C raises KeyboardInterrupt, which
the command line turns into exit 130 with nothing saved; Ctrl-D on a text prompt does the same.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from billing_career.errors import UnknownValueError
from billing_career.knowledge.wording import date_text
from billing_career.planning.answers import answer_words
from billing_career.planning.profile import (
    ASKED_ONLY_IF,
    DEFAULTS,
    HourlyPay,
    InvalidAnswer,
    parse_answer,
    skippable,
)

if TYPE_CHECKING:
    from billing_career.knowledge.models import Question, QuestionsFile

T = TypeVar("T")


# Choice questions with more values than this are typed (checked like a flag), not picked.
_LONGEST_MENU = 12
# The help line under each question is dim; questionary's own hints (arrows, y/N) stay.
_STYLE = [("instruction", "fg:ansibrightblack"), ("qmark", "fg:ansicyan bold")]
_HINTS = {
    "choice": "(Use arrow keys)",
    "multi": "(Space to pick, Enter when done)",
}


@functools.cache
def _default_key_bindings() -> Any:
    from prompt_toolkit.key_binding.defaults import load_key_bindings

    return load_key_bindings()


def _share_default_key_bindings() -> None:
    """Build prompt_toolkit's default key bindings once, not once per prompt.

    Every question is a new prompt_toolkit application, and each built the same six hundred
    stateless default bindings (emacs and vi; their filters ask the running application): more
    than half of the time a question took to appear. What the keys do is unchanged; the
    prompt's own bindings (Ctrl-C among them) are still made per prompt."""
    import prompt_toolkit.application.application as application

    if hasattr(application, "load_key_bindings"):  # else a prompt_toolkit that builds its own
        application.load_key_bindings = _default_key_bindings


def _validator(field: str, today: dt.date) -> Any:
    """Inline validation: True, or the message shown under the prompt."""

    def validate(text: str) -> bool | str:
        if not text.strip() and (skippable(field) or field == "start"):
            return True
        try:
            parse_answer(field, text, today=today)
        except InvalidAnswer as error:
            return f"{answer_words(field).capitalize()} {error}."
        except UnknownValueError as error:
            return error.message
        return True

    return validate


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def ask_question(question: Question, default: Any, *, today: dt.date, progress: str = "") -> Any:
    """Ask one question and return the answer as the Profile holds it (None: skipped)."""
    import questionary

    _share_default_key_bindings()

    kind = question.kind
    style = questionary.Style(_STYLE)
    # "Question 3 of 11" on its own line above the question; the help on a dim line under it.
    qmark = f"{progress}\n?" if progress else "?"
    help_line = "\n" + _wrapped(question.help)
    try:
        # A long list (the states) is typed, not scrolled through, and may be skipped.
        if kind == "choice" and len(question.choices) <= _LONGEST_MENU:
            values = [choice.value for choice in question.choices]
            raw = questionary.select(
                question.prompt,
                choices=[
                    questionary.Choice(title=choice.label, value=choice.value)
                    for choice in question.choices
                ],
                default=default if default in values else None,
                instruction=_HINTS["choice"] + help_line,
                qmark=qmark,
                style=style,
            ).unsafe_ask()
        elif kind == "multi":
            chosen = set(default or ())
            raw = questionary.checkbox(
                question.prompt,
                choices=[
                    questionary.Choice(
                        title=choice.label, value=choice.value, checked=choice.value in chosen
                    )
                    for choice in question.choices
                ],
                instruction=_HINTS["multi"] + help_line,
                qmark=qmark,
                style=style,
            ).unsafe_ask()
        elif kind == "yes-no":
            flag = bool(default)
            raw = questionary.confirm(
                question.prompt,
                default=flag,
                instruction=f"{'(Y/n)' if flag else '(y/N)'}{help_line}\n  ",
                qmark=qmark,
                style=style,
                # Erased, then left on screen as the others are: the answer in words.
                erase_when_done=True,
            ).unsafe_ask()
            if raw is not None:
                _answered(qmark, question.prompt, "Yes" if raw else "No")
        else:
            raw = _ask_text(question, default, today=today, qmark=qmark, help_line=help_line)
    except EOFError:
        # Ctrl-D: the person is done answering; end the way Ctrl-C does, saving nothing.
        raise KeyboardInterrupt from None
    if raw is None:  # questionary returns None only when it was cancelled
        raise KeyboardInterrupt
    if isinstance(raw, str) and not raw.strip():
        if question.id == "start":  # an empty field means today, as the help says
            return today
        if skippable(question.id):
            return None
    return parse_answer(question.id, raw, today=today)


def _wrapped(text: str) -> str:
    """Help text indented by two spaces and wrapped to the terminal (prompts do not wrap)."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size().columns, 100) - 1)
    return textwrap.fill(text, width, initial_indent="  ", subsequent_indent="  ")


def _ask_text(
    question: Question, default: Any, *, today: dt.date, qmark: str, help_line: str
) -> Any:
    """A typed answer, checked on Enter; a wrong one is asked again with the reason in red
    right under the help line (prompt_toolkit would show it at the foot of the screen)."""
    import questionary

    validate = _validator(question.id, today)
    typed = _shown(default)
    error = ""
    while True:
        raw = questionary.text(
            question.prompt,
            default=typed,
            # A str to questionary, which formats it into the prompt at every redraw.
            instruction=cast(str, _Instruction(help_line, error, validate)),
            qmark=qmark,
            style=questionary.Style([*_STYLE, ("error", "fg:ansired bold")]),
            erase_when_done=True,
        ).unsafe_ask()
        if raw is None:
            return None
        verdict = validate(raw)
        if verdict is True:
            break
        error, typed = str(verdict), raw
    # The prompt erased itself; leave the answered question on screen, as the others do.
    _answered(qmark, question.prompt, _typed_answer(question.id, raw, today))
    return raw


class _Instruction:
    """The help line under a typed question and, once an answer was refused, the reason the
    text now typed is wrong, for as long as it is: questionary formats its instruction into the
    prompt at every redraw, so the reason goes as soon as the value is fixed (before Enter),
    follows the text while it is still wrong, and comes back if it is made wrong again."""

    def __init__(self, help_line: str, error: str, validate: Callable[[str], bool | str]) -> None:
        self.help_line = help_line
        self.error = error
        self.validate = validate

    def shown(self, typed: str) -> str:
        """The instruction drawn under the prompt while `typed` is in the field."""
        problem = ""
        if self.error:
            verdict = self.validate(typed)
            if verdict is not True:
                problem = "\n" + _wrapped(f"! {verdict}")
        return f"{self.help_line}{problem}\n "

    def __format__(self, spec: str) -> str:
        from prompt_toolkit.application.current import get_app

        return format(self.shown(get_app().current_buffer.text), spec)

    def __bool__(self) -> bool:
        return True


def _answered(qmark: str, prompt: str, answer: str) -> None:
    """An answered question, as it stays on screen: '? Are you a veteran? Yes'."""
    import questionary
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    print_formatted_text(
        FormattedText(
            [("class:qmark", qmark), ("class:question", f" {prompt} "), ("class:answer", answer)]
        ),
        style=questionary.Style(_STYLE),
    )


def _typed_answer(field: str, raw: str, today: dt.date) -> str:
    if raw.strip():
        return raw.strip()
    return today.isoformat() if field == "start" else "(skipped)"


def with_dependents(picked: Iterable[str]) -> frozenset[str]:
    """The picked questions and those asked only after one of them (the employer's amount
    after the sponsor): changing an answer asks again what depends on it."""
    chosen = set(picked)
    chosen |= {name for name, depends_on in ASKED_ONLY_IF.items() if depends_on in chosen}
    return frozenset(chosen)


def without_orphans(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Drop an answer whose question would not be asked now (an amount without a sponsor)."""
    return {
        name: value
        for name, value in answers.items()
        if name not in ASKED_ONLY_IF or answers.get(ASKED_ONLY_IF[name])
    }


def asking_order(questions: QuestionsFile) -> list[Question]:
    """The file's order, except that a follow-up comes right after the answer it depends on
    (the employer's amount right after the employer's yes), wherever the file lists it."""
    follow_ups: dict[str, list[Question]] = {}
    for question in questions.questions:
        parent = ASKED_ONLY_IF.get(question.id)
        if parent is not None:
            follow_ups.setdefault(parent, []).append(question)
    known = {question.id for question in questions.questions}
    ordered: list[Question] = []
    for question in questions.questions:
        parent = ASKED_ONLY_IF.get(question.id)
        if parent is not None and parent in known:
            continue  # placed after its parent below
        ordered.append(question)
        ordered.extend(follow_ups.get(question.id, ()))
    return ordered


def _to_ask(
    questions: QuestionsFile, answered: Mapping[str, Any], only: frozenset[str] | None
) -> list[Question]:
    """The questions still to ask, given the answers so far; a question that depends on a yes
    is left out until that yes is given."""
    out = []
    for question in asking_order(questions):
        if question.id in answered or (only is not None and question.id not in only):
            continue
        depends_on = ASKED_ONLY_IF.get(question.id)
        if depends_on is not None and not answered.get(depends_on):
            continue
        out.append(question)
    return out


def ask_missing(
    questions: QuestionsFile,
    answered: Mapping[str, Any],
    defaults: Mapping[str, Any],
    *,
    today: dt.date,
    only: frozenset[str] | None = None,
) -> dict[str, Any]:
    """Ask, in the file's order, each question `answered` lacks (or only those in `only`);
    `defaults` (e.g. the saved profile) are offered first, then the documented defaults, and
    today for the start date. Each question says where you are: "Question 3 of 11"."""
    answers: dict[str, Any] = {}
    skipped: set[str] = set()
    number = 0
    follow_up = 0
    while True:
        known = {**answered, **answers, **dict.fromkeys(skipped)}
        pending = _to_ask(questions, known, only)
        if not pending:
            return answers
        question = pending[0]
        # A follow-up, asked only after a yes, takes its question's number and a letter
        # ("Question 9a"): the count M of "N of M" is known from the start and never changes.
        if question.id in ASKED_ONLY_IF and number:
            follow_up += 1
            label = f"{number}{'abcdefghij'[min(follow_up, 10) - 1]}"
        else:
            number, follow_up = number + 1, 0
            label = str(number)
        if question.id in defaults:
            default = defaults[question.id]
        elif question.id == "start":
            default = today
        else:
            default = DEFAULTS.get(question.id)
        total = number + sum(1 for later in pending[1:] if later.id not in ASKED_ONLY_IF)
        progress = f"Question {label} of {total}" if total > 1 or number > 1 else ""
        answer = ask_question(question, default, today=today, progress=progress)
        if question.id == "start" and answer < today and not confirm_past(answer, today):
            number -= 1
            continue
        if answer is None:  # a skipped optional answer stays unknown
            skipped.add(question.id)
        else:
            answers[question.id] = answer


def confirm_past(start: dt.date, today: dt.date) -> bool:
    """A start date in the past is most often a typo: plan from it only when confirmed."""
    days = (today - start).days
    return confirm(
        f"{date_text(start)} is {days} day{'s' if days != 1 else ''} in the past. "
        "Plan from that day anyway?",
        default=False,
    )


# --- the answers at a glance ----------------------------------------------------------------


def answer_text(question: Question, value: Any) -> str:
    """An answer as a person reads it: choice labels, Yes/No, $3,000, 'not given'."""
    labels = {choice.value: choice.label for choice in question.choices}
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, tuple | list):
        return ", ".join(labels.get(str(item), str(item)) for item in value) or "None"
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, HourlyPay):
        # Typed per hour: made yearly with the hours a week when the plan is made.
        dollars = f"{value.cents / 100:,.2f}".removesuffix(".00")
        return f"${dollars} an hour"
    if question.kind == "money" and isinstance(value, int):
        return f"${value:,}"
    return labels.get(str(value), str(value))


def answers_table(
    questions: QuestionsFile, answers: Mapping[str, Any], marked: Iterable[str] = ()
) -> str:
    """The answers in a short two-column table, in question order; `marked` answers (given as
    flags or in a file) say so."""
    flagged = set(marked)
    rows = [
        (
            short_name(question),
            answer_text(question, answers[question.id])
            + ("  (given on the command line)" if question.id in flagged else ""),
        )
        for question in questions.questions
        if question.id in answers
    ]
    width = max((len(name) for name, _ in rows), default=0)
    return "\n".join(f"  {name.ljust(width)}  {value}" for name, value in rows)


def short_name(question: Question) -> str:
    """'Years of experience' for experience_years: the answer's name in words (an initialism
    such as SNAP keeps its capitals)."""
    words = answer_words(question.id)
    return words[:1].upper() + words[1:]


_short = short_name


def _say(text: str) -> None:
    import sys

    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def review(
    questions: QuestionsFile, answers: Mapping[str, Any], *, today: dt.date
) -> dict[str, Any]:
    """Show every answer, then "Make my plan / Change an answer / Start over" until the person
    is happy; returns the answers to plan with."""
    current = dict(answers)
    while True:
        _say("\nYour answers:\n" + answers_table(questions, current) + "\n")
        action = choose(
            "Ready?",
            [("Make my plan", "plan"), ("Change an answer", "change"), ("Start over", "over")],
        )
        if action == "plan":
            return current
        if action == "over":
            current = ask_missing(questions, {}, {}, today=today)
            continue
        shown = [question for question in questions.questions if question.id in current]
        picked = choose(
            "Which answer?",
            [(f"{short_name(q)}: {answer_text(q, current[q.id])}", q.id) for q in shown],
        )
        again = with_dependents([picked])
        rest = {name: value for name, value in current.items() if name not in again}
        changed = ask_missing(questions, rest, current, today=today, only=again)
        current = without_orphans({**rest, **changed})


def next_change(
    questions: QuestionsFile, answers: Mapping[str, Any], *, today: dt.date
) -> tuple[str, Any] | None:
    """After the plan: "Done / Compare with a change"; the answer picked and its new value (None
    when it is left out or not asked), or None when the person is done."""
    action = choose("Next?", [("Done", "done"), ("Compare with a change", "compare")])
    if action == "done":
        return None
    picked = choose(
        "Which answer?",
        [
            (f"{short_name(q)}: {answer_text(q, answers.get(q.id))}", q.id)
            for q in questions.questions
            # employer_amount only with a sponsor, as when it is asked
            if q.id not in ASKED_ONLY_IF or answers.get(ASKED_ONLY_IF[q.id])
        ],
    )
    rest = {name: value for name, value in answers.items() if name != picked}
    new = ask_missing(questions, rest, answers, today=today, only=frozenset({picked}))
    return picked, new.get(picked)


def use_saved_screen(
    questions: QuestionsFile,
    saved: Mapping[str, Any],
    answered: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """Show the answers this run will use, saved ones with those given on the command line
    applied and marked: "Use these / Change some / Start over".

    Returns the answers to keep, the defaults to offer for the questions still to ask (the saved
    answers picked to change), and whether the person wants to go through the answers again
    (then the review follows the questions).
    """
    shown = {**saved, **answered}
    _say(
        "Your saved answers from last time, with this run's own applied:\n"
        + answers_table(questions, shown, marked=answered)
        + "\n"
    )
    action = choose(
        "Use them?",
        [("Use these", "use"), ("Change some", "change"), ("Start over", "over")],
    )
    if action == "use":
        return {**saved, **answered}, {}, False
    if action == "over":
        return dict(answered), {}, True
    picked = checkbox(
        "Which answers do you want to change?",
        [
            (f"{short_name(q)}: {answer_text(q, saved[q.id])}", q.id)
            for q in questions.questions
            if q.id in saved and q.id not in answered
        ],
    )
    # The picked ones are asked again (with the saved answer offered), in one numbered run with
    # any question never answered.
    again = with_dependents(picked)
    kept = {name: value for name, value in saved.items() if name not in again}
    return {**kept, **answered}, dict(saved), True


def confirm(message: str, *, default: bool = False) -> bool:
    """A yes/no question (defaulting to No unless told otherwise)."""
    import questionary

    _share_default_key_bindings()

    try:
        answer = questionary.confirm(message, default=default).unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    if answer is None:
        raise KeyboardInterrupt
    return bool(answer)


def choose(message: str, choices: Sequence[tuple[str, T]], *, instruction: str | None = None) -> T:
    """Pick one of (label, value) choices with the arrow keys; returns the value."""
    import questionary

    _share_default_key_bindings()

    try:
        answer = questionary.select(
            message,
            choices=[
                questionary.Choice(title=label, value=str(index))
                for index, (label, _value) in enumerate(choices)
            ],
            instruction=instruction,
            style=questionary.Style(_STYLE),
        ).unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    if answer is None:
        raise KeyboardInterrupt
    return choices[int(answer)][1]


def checkbox(message: str, choices: Sequence[tuple[str, T]]) -> list[T]:
    """Pick any of (label, value) choices with space, confirm with enter; returns the values."""
    import questionary

    _share_default_key_bindings()

    try:
        answer = questionary.checkbox(
            message,
            choices=[
                questionary.Choice(title=label, value=str(index))
                for index, (label, _value) in enumerate(choices)
            ],
            instruction=_HINTS["multi"],
            style=questionary.Style(_STYLE),
        ).unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    if answer is None:
        raise KeyboardInterrupt
    return [choices[int(index)][1] for index in answer]
