"""Shell completion of every fixed list of values, read from the data.

Certification codes, program names, aid options, salary levels and settings, and the plan's
answers. Each callback runs in a completion request (`_BCAREER_COMPLETE=complete_bash ...`), not
in a command: it reads the knowledge base (a warm start reads only the cache) and never fails; a
broken data folder simply completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from billing_career.cli.app import GLOBAL

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase


def _data_dir(ctx: typer.Context) -> Path | None:
    """The --data-dir typed so far (the command's, then the global one), or None."""
    chosen: Path | None = None
    # Click's own context class: ctx.parent is not a typer.Context.
    context: Any = ctx
    while context is not None and chosen is None:
        value = context.params.get("data_dir")
        chosen = value if isinstance(value, Path) else None
        context = context.parent
    # The global --data-dir (before or after the command) is read into GLOBAL, not ctx.params.
    return chosen or GLOBAL.data_dir


def _knowledge(ctx: typer.Context) -> KnowledgeBase | None:
    """The knowledge base of the --data-dir typed so far (command's, then global), or None."""
    from billing_career.planning.load import load_knowledge

    chosen = _data_dir(ctx)
    try:
        return load_knowledge(chosen)
    except Exception:  # completion must never print an error into the shell
        return None


def _matching(names: list[str], incomplete: str) -> list[str]:
    """Names that start with what was typed, in any case, spelled in the case typed so far
    (the shell keeps only exact prefixes; bcareer itself accepts any case)."""
    lower = incomplete.lower()
    found = [name for name in dict.fromkeys(names) if name.lower().startswith(lower)]
    if incomplete and incomplete == lower:
        return [name.lower() for name in found]
    if incomplete and incomplete == incomplete.upper():
        return [name.upper() for name in found]
    # Mixed case ("Cm"): keep what was typed, so the shell does not drop the match.
    return [incomplete + name[len(incomplete) :] for name in found]


def certification_codes(ctx: typer.Context, incomplete: str) -> list[str]:
    """CPB, CBCS, ... for compare, renew and --cert."""
    kb = _knowledge(ctx)
    if kb is None:
        return []
    return _matching([cert.code for cert in kb.certifications.certifications], incomplete)


def program_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Program ids and tuition-table rows, and 'none', for --program: one name for each (an
    alias such as 'associate' is accepted when typed, never offered beside its id)."""
    kb = _knowledge(ctx)
    if kb is None:
        return []
    from billing_career.reference.costs import program_choices

    return _matching([*(choice.id for choice in program_choices(kb)), "none"], incomplete)


def _next_in_list(names: list[str], incomplete: str) -> list[str]:
    """For a comma-separated value: after the last comma, the names that may come next (not
    those already in the list)."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    given = {part.strip().lower() for part in done.split(",")} if done else set()
    left = [name for name in names if name.lower() not in given]
    return [prefix + name for name in _matching(left, last)]


def state_codes(ctx: typer.Context, incomplete: str) -> list[str]:
    """The states of the person's own salary_states.yaml (and of the data), for salary --state."""
    kb = _knowledge(ctx)
    if kb is None:
        return []
    from billing_career.paths import user_data_dir
    from billing_career.reference.salary import state_codes_on_file

    chosen = _data_dir(ctx)
    folders = [*([chosen] if chosen is not None else []), user_data_dir()]
    try:
        codes = state_codes_on_file(kb, folders)
    except Exception:  # a broken file completes nothing; `salary --state` reports it
        return []
    return _matching(codes, incomplete)


def aid_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Aid option ids and 'all' for --aid; after a comma, the next name of the list."""
    kb = _knowledge(ctx)
    if kb is None:
        return []
    return _next_in_list([option.id for option in kb.aid.aid] + ["all"], incomplete)


def experience_levels(ctx: typer.Context, incomplete: str) -> list[str]:
    """entry, early-career, ... for salary --experience."""
    kb = _knowledge(ctx)
    if kb is None:
        return []
    return _matching([level.id for level in kb.salary.by_experience], incomplete)


def work_settings(ctx: typer.Context, incomplete: str) -> list[str]:
    """hospitals, insurance-companies, ... for salary --setting."""
    kb = _knowledge(ctx)
    if kb is None:
        return []
    return _matching([setting.id for setting in kb.salary.by_setting], incomplete)


# --- the plan's answers (data/questions.yaml) ----------------------------------------------


def answer_values(question_id: str) -> Callable[[typer.Context, str], list[str]]:
    """The completion of one plan question's answers (--education, --schedule, --learning,
    --goal, --background, ...): its choices in data/questions.yaml; for a question that takes
    several answers, one after another, separated by commas."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        kb = _knowledge(ctx)
        if kb is None:
            return []
        question = next((q for q in kb.questions.questions if q.id == question_id), None)
        if question is None:
            return []
        values = [choice.value for choice in question.choices]
        if question.kind == "multi":
            return _next_in_list([*values, "none"], incomplete)
        return _matching(values, incomplete)

    return complete
