"""The knowledge base as planning reads it: loaded, and its questions and rules checked too."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from billing_career.knowledge import loader

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase


def check_planning(knowledge: KnowledgeBase, folder: str) -> None:
    """The questions must match the answers the tool understands, and every rule must name only
    facts, operators and records that exist."""
    from billing_career.planning.profile import check_questions
    from billing_career.planning.rules import check_rules

    check_questions(knowledge.questions, folder)
    check_rules(knowledge, folder)


def load_knowledge(data_dir: Path | str | None = None, *, refresh: bool = False) -> KnowledgeBase:
    """Every data file, validated and cross-checked, questions and rules included (cached; with
    refresh, read and validated again whatever the cache holds)."""
    return loader.load_knowledge(data_dir, check=check_planning, refresh=refresh)


def build_knowledge(folder: Path) -> KnowledgeBase:
    """Every data file read and checked afresh, with no cache."""
    return loader.build_knowledge(folder, check=check_planning)
