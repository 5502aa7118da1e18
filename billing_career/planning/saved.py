"""What `bcareer profile show --json` reports: where the saved answers live, and what they are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from billing_career.planning.profile import FIELD_KINDS


@dataclass(frozen=True)
class SavedAnswers:
    """The saved profile's path, whether one is saved, and its answers in question order."""

    path: str
    saved: bool
    answers: dict[str, Any] | None


def saved_answers(path: Path, answers: dict[str, Any] | None) -> SavedAnswers:
    """The answers load_saved read from path (None: nothing saved), as plain values."""
    if answers is None:
        return SavedAnswers(str(path), False, None)
    plain = {name: answers[name] for name in FIELD_KINDS if name in answers}
    return SavedAnswers(str(path), True, plain)
