"""The questionnaire: the plan's questions (data/questions.yaml) asked with questionary.

This is the only module that imports questionary (and with it prompt_toolkit), and only when a
question is really asked. Every prompt uses unsafe_ask(): Ctrl-C raises KeyboardInterrupt, which
the command line turns into exit 130 with nothing saved; Ctrl-D on a text prompt does the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from billing_career.errors import UnknownValueError
from billing_career.planning.profile import (
    ASKED_ONLY_IF,
    DEFAULTS,
    InvalidAnswer,
    parse_answer,
    skippable,
)

if TYPE_CHECKING:
    from billing_career.knowledge.models import Question, QuestionsFile

T = TypeVar("T")


def _validator(field: str, today: dt.date) -> Any:
    """Inline validation: True, or the message shown under the prompt."""

    def validate(text: str) -> bool | str:
        if not text.strip() and skippable(field):
            return True
        try:
            parse_answer(field, text, today=today)
        except InvalidAnswer as error:
            return f"{field.replace('_', ' ').capitalize()} {error}."
        except UnknownValueError as error:
            return error.message
        return True

    return validate


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def ask_question(question: Question, default: Any, *, today: dt.date) -> Any:
    """Ask one question and return the answer as the Profile holds it."""
    import questionary

    kind = question.kind
    try:
        if kind == "choice":
            values = [choice.value for choice in question.choices]
            raw = questionary.select(
                question.prompt,
                choices=[
                    questionary.Choice(title=choice.label, value=choice.value)
                    for choice in question.choices
                ],
                default=default if default in values else None,
                instruction=f"({question.help})",
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
                instruction=f"({question.help})",
            ).unsafe_ask()
        elif kind == "yes-no":
            flag = bool(default)
            raw = questionary.confirm(
                question.prompt,
                default=flag,
                instruction=f"({question.help}) {'(Y/n)' if flag else '(y/N)'} ",
            ).unsafe_ask()
        else:
            raw = questionary.text(
                question.prompt,
                default=_shown(default),
                validate=_validator(question.id, today),
                instruction=f"({question.help})",
            ).unsafe_ask()
    except EOFError:
        # Ctrl-D: the person is done answering; end the way Ctrl-C does, saving nothing.
        raise KeyboardInterrupt from None
    if raw is None:  # questionary returns None only when it was cancelled
        raise KeyboardInterrupt
    if isinstance(raw, str) and not raw.strip() and skippable(question.id):
        return None
    return parse_answer(question.id, raw, today=today)


def ask_missing(
    questions: QuestionsFile,
    answered: Mapping[str, Any],
    defaults: Mapping[str, Any],
    *,
    today: dt.date,
) -> dict[str, Any]:
    """Ask, in the file's order, each question `answered` lacks; `defaults` (e.g. the saved
    profile) are offered first, then the documented defaults, and today for the start date."""
    answers: dict[str, Any] = {}
    for question in questions.questions:
        if question.id in answered:
            continue
        depends_on = ASKED_ONLY_IF.get(question.id)
        if depends_on is not None and not {**answered, **answers}.get(depends_on):
            continue
        if question.id in defaults:
            default = defaults[question.id]
        elif question.id == "start":
            default = today
        else:
            default = DEFAULTS.get(question.id)
        answer = ask_question(question, default, today=today)
        if answer is not None:  # a skipped optional answer stays unknown
            answers[question.id] = answer
    return answers


def confirm(message: str, *, default: bool = False) -> bool:
    """A yes/no question (defaulting to No unless told otherwise)."""
    import questionary

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

    try:
        answer = questionary.select(
            message,
            choices=[
                questionary.Choice(title=label, value=str(index))
                for index, (label, _value) in enumerate(choices)
            ],
            instruction=instruction,
        ).unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    if answer is None:
        raise KeyboardInterrupt
    return choices[int(answer)][1]
