"""Explain once: each glossary word explained in a few words at its first use in a plan.

One Explainer per rendered plan, fed every text in the order the reader meets it (the terminal's
short form, its --details form and each export read in different orders, so each keeps its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

# Where a sentence ends: a word's explanation follows the sentence that first uses it.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Gloss:
    """One word to explain: its canonical form, how the plan writes it, the few words."""

    word: str
    forms: tuple[str, ...]
    says: str
    # Explained in the answer block too (the first screen keeps the rest for the sections).
    in_answer: bool = False


def plan_glossary(kb: KnowledgeBase) -> tuple[Gloss, ...]:
    """The glossary (glossary.yaml), then each certification code explained by its name."""
    glosses = [
        Gloss(term.match[0], term.match, term.says, term.in_answer) for term in kb.glossary.terms
    ]
    glosses += [
        Gloss(cert.code, (cert.code,), cert.name) for cert in kb.certifications.certifications
    ]
    return tuple(glosses)


class Explainer:
    """Feed it texts in reading order: the first text that uses a word gets the word's few
    words; later texts are returned unchanged."""

    def __init__(self, glosses: Iterable[Gloss]) -> None:
        self._pending: list[tuple[re.Pattern[str], Gloss]] = []
        for gloss in glosses:
            forms = sorted(gloss.forms, key=len, reverse=True)
            alternatives = "|".join(re.escape(form) for form in forms)
            # Whole words only: "Pell" is not "Pell-eligible", "member" not "membership".
            pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
            self._pending.append((pattern, gloss))

    def __call__(self, text: str, *, answer: bool = False) -> str:
        """The text with the words it is first to use explained; in the answer block (answer),
        only the words marked in_answer."""
        notes: dict[int, list[str]] = {}
        position = 0
        lowered = text.lower()
        # Words the answer block leaves to the sections (unless it explains them itself).
        kept = set()
        while True:
            found = [
                (match, gloss)
                for pattern, gloss in self._pending
                if gloss.word not in kept and (match := pattern.search(text, position)) is not None
            ]
            if not found:
                break
            match, gloss = min(found, key=lambda pair: (pair[0].start(), -len(pair[0][0])))
            says_it = gloss.says.lower() in lowered
            if answer and not gloss.in_answer and not says_it:
                kept.add(gloss.word)
                continue
            self._pending = [pending for pending in self._pending if pending[1] is not gloss]
            position = match.end()
            if says_it:
                continue  # the text says it already ("CBCS, Certified Billing and ...")
            # A sentence of its own after the one that uses the word: short sentences read
            # more easily than a long one with an aside in it.
            stop = _SENTENCE_END.search(text, position)
            at = stop.end() if stop else len(text)
            word = match[0][0].upper() + match[0][1:]
            notes.setdefault(at, []).append(f"{word}: {gloss.says}.")
        for at in sorted(notes, reverse=True):
            lead = "" if at < len(text) or text.rstrip().endswith((".", "!", "?")) else "."
            text = text[:at] + lead + " " + " ".join(notes[at]) + text[at:]
        return text
