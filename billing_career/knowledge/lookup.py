"""Look up what a user typed (codes, aid ids) and newer reported figures, for the core modules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from billing_career.errors import UnknownValueError
from billing_career.knowledge.models import (
    AidOption,
    Certification,
    KnowledgeBase,
    Number,
    Range,
    Update,
)


@dataclass(frozen=True)
class ReportedFigure:
    """A newer figure reported since the guide, with who reported it and when."""

    field: str
    summary: str
    value: Number | Range | None
    source: str
    url: str | None
    reported_by: str
    date: str
    note: str | None = None
    # 'maximum' or 'typical' for an amount of aid; None where the reporter says neither.
    value_is: str | None = None

    def label(self) -> str:
        """'135 questions, 4 h (AAPC: Taking the CPB exam, issuer, read 2026-11)'; a whole date
        in words ('January 31, 2025'), as people write it."""
        return f"{self.summary} ({self.source}, {self.reported_by}, {dated_text(self.date)})"

    def label_with_note(self) -> str:
        """label(), then the update's note where it has one ('... 2026-11). Check with AMBA.')."""
        return self.label() + (f". {self.note}" if self.note else "")


def dated_text(date: str) -> str:
    """A reporter's date as a reader writes it: '2025-01-31' as 'January 31, 2025'; a month or
    a year ('read 2026-11', '2025') as given."""
    from billing_career.knowledge.wording import date_text, parse_date_text

    try:
        return date_text(parse_date_text(date))
    except ValueError:
        return date


def reported(kb: KnowledgeBase, update: Update) -> ReportedFigure:
    """An update of a record, with its source's title and address."""
    source = kb.source(update.source.id)
    return ReportedFigure(
        field=update.field,
        summary=update.summary,
        value=update.value,
        source=source.title,
        url=source.url,
        reported_by=update.reported_by,
        date=update.date,
        note=update.note,
        value_is=update.value_is,
    )


def reported_all(kb: KnowledgeBase, updates: Iterable[Update]) -> tuple[ReportedFigure, ...]:
    """Several updates as reported figures, in data order."""
    return tuple(reported(kb, update) for update in updates)


def lower_first(text: str) -> str:
    """'Recommended: x' -> 'recommended: x', 'A conviction' -> 'a conviction'; 'AMBA
    membership' and '1 year' stay as written."""
    word = text.split(" ", 1)[0]
    # The article 'A' is the one capital word of one letter a label starts with.
    if (word == "A" and " " in text) or (
        len(word) > 1 and word[0].isupper() and word[1:].islower()
    ):
        return text[0].lower() + text[1:]
    return text


def requirements_text(requirements: Iterable[str]) -> str:
    """The guide's requirement lines as one phrase: a line ending ', OR' joins the next with 'or',
    others join with ';' ('Training program completion or 1 year of billing experience')."""
    text, joiner = "", ""
    for line in requirements:
        part = line.strip()
        alternative = re.search(r",?\s+or$", part, flags=re.IGNORECASE)
        if alternative:
            part = part[: alternative.start()]
        text += joiner + (lower_first(part) if text else part)
        joiner = " or " if alternative else "; "
    return text


def certification_codes(kb: KnowledgeBase) -> list[str]:
    """Every certification code, in data order."""
    return [cert.code for cert in kb.certifications.certifications]


def resolve_certification(kb: KnowledgeBase, code: str) -> Certification:
    """The certification with this code in any case; unknown codes get a suggestion (exit 2)."""
    wanted = code.strip().upper()
    for cert in kb.certifications.certifications:
        if cert.code == wanted:
            return cert
    raise UnknownValueError("certification", code, certification_codes(kb))


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def aid_names(kb: KnowledgeBase) -> dict[str, AidOption]:
    """Every name --aid accepts: ids, and the guide's examples as slugs ('pell-grants', 'fafsa')
    and by their first word ('pell'), so people can type what they know the aid as."""
    names: dict[str, AidOption] = {option.id: option for option in kb.aid.aid}
    for option in kb.aid.aid:
        for example in option.examples:
            slug = _slug(example)
            names.setdefault(slug, option)
            first = slug.split("-")[0]
            if len(first) >= 3:
                names.setdefault(first, option)
    return names


def resolve_aid(kb: KnowledgeBase, names: Iterable[str]) -> tuple[AidOption, ...]:
    """Aid options by name in any case ('all' means every one), without repeats, in given order."""
    known = aid_names(kb)
    chosen: dict[str, AidOption] = {}
    for name in names:
        wanted = _slug(name)
        if not name.strip():  # "--aid a,,b": an empty item; punctuation alone ("[/]") is unknown
            continue
        if wanted == "all":
            chosen.update((option.id, option) for option in kb.aid.aid if option.id not in chosen)
            continue
        if wanted not in known:
            # Ids and the examples as written; first-word shortcuts are accepted, not listed.
            listed = [option.id for option in kb.aid.aid]
            listed += [_slug(example) for option in kb.aid.aid for example in option.examples]
            raise UnknownValueError("aid option", name.strip(), [*dict.fromkeys(listed), "all"])
        option = known[wanted]
        chosen.setdefault(option.id, option)
    return tuple(chosen.values())
