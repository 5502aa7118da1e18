"""The person's answers as command options (--education ... --start), from planning/answers.py.

`plan` takes every answer; `cost` and `aid` take those that change money (MONEY_ANSWERS): one
declaration, so the flags, their help and their parsing are the same on every command.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection
from typing import Annotated, Any

import typer

from billing_career.cli.completion import answer_values
from billing_career.planning.answers import ANSWERS


def answer_parameters(only: Collection[str] | None = None) -> list[inspect.Parameter]:
    """One keyword option per question (or per question in `only`), in question order."""
    parameters = []
    for spec in ANSWERS:
        if only is not None and spec.id not in only:
            continue
        option: Any
        if spec.kind == "yes-no":
            kind: Any = bool | None
            option = typer.Option(
                f"{spec.flag}/--no-{spec.flag[2:]}", help=spec.help_line, show_default=False
            )
        else:
            kind = str | None
            # Text, not click types: the answer is checked by planning.profile, whose one-line
            # error names the flag and what it expects.
            option = typer.Option(
                spec.flag,
                help=spec.help_line,
                metavar=spec.metavar,
                show_default=False,
                autocompletion=answer_values(spec.id) if spec.choices else None,
            )
        parameters.append(
            inspect.Parameter(
                spec.id,
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[kind, option],
            )
        )
    return parameters


def with_answer_options(
    command: Callable[..., None], only: Collection[str] | None = None
) -> Callable[..., None]:
    """The command with the answer options in front of its own, as Typer reads its signature;
    the command takes them as **raw_answers."""
    signature = inspect.signature(command, eval_str=True)
    fixed = [
        parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for parameter in signature.parameters.values()
        if parameter.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    parameters = answer_parameters(only) + fixed
    command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {
        **{parameter.name: parameter.annotation for parameter in parameters},
        "return": None,
    }
    return command


def parsed_answers(raw_answers: dict[str, Any]) -> dict[str, Any]:
    """The answers given on the command line, parsed (a bad one: one line, exit 2)."""
    import datetime as dt

    if all(raw is None or raw == () for raw in raw_answers.values()):
        # Nothing given: no parser to load (it brings pydantic, a tenth of a start).
        return {}
    from billing_career.planning.profile import parse_flag

    today = dt.date.today()
    return {
        field: parse_flag(field, raw, today=today)
        for field, raw in raw_answers.items()
        if raw is not None
    }
