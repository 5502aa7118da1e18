"""Comparisons among the entry certifications, computed from their figures, never written by hand.

A sentence such as "the lightest upkeep of the three" is only as true as the figures behind it: the
guide gives no CEU count for CMRS, so a comparison of upkeep covers the two it gives, and says what
the newer report of the missing one would change.
"""

from __future__ import annotations

from collections.abc import Callable

from billing_career.knowledge.figures import money
from billing_career.knowledge.models import Certification, KnowledgeBase, Range

_COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _count(n: int) -> str:
    return _COUNT_WORDS.get(n, str(n))


def lowest_fee(cert: Certification) -> int | None:
    """The lowest exam fee the guide gives for the certification (a member price if that is all)."""
    fees = cert.fees
    if fees is None:
        return None
    known = [fee for fee in (fees.single, fees.member, fees.non_member) if fee is not None]
    return min(known) if known else None


def ceus_per_year(cert: Certification) -> float | None:
    """The guide's CEUs a year: the count over the cycle's years; None where either is missing."""
    renewal = cert.renewal
    if renewal is None or renewal.ceus is None or not renewal.every_years:
        return None
    return renewal.ceus / renewal.every_years


def _newer_ceus_per_year(kb: KnowledgeBase, cert: Certification) -> tuple[float, str] | None:
    """A newer report's CEU count as a yearly figure and who reports it, where the guide has
    none (CMRS)."""
    every = cert.renewal.every_years if cert.renewal else None
    for update in cert.updates:
        if update.field != "renewal" or update.value is None or isinstance(update.value, Range):
            continue
        source = kb.source(update.source.id)
        return float(update.value) / (every or 1), source.title
    return None


def _entry(kb: KnowledgeBase) -> list[Certification]:
    return [cert for cert in kb.certifications.certifications if cert.level == "entry"]


def _rank(
    kb: KnowledgeBase,
    code: str,
    figure: Callable[[Certification], float | None],
    lowest: str,
    highest: str,
    counted: str,
) -> tuple[str, list[Certification], dict[str, float]]:
    certs = _entry(kb)
    known = {cert.code: value for cert in certs if (value := figure(cert)) is not None}
    missing = [cert for cert in certs if cert.code not in known]
    if code not in known or len(known) < 2:
        return "", missing, known
    value = known[code]
    if value == min(known.values()) and list(known.values()).count(value) == 1:
        word = lowest
    elif value == max(known.values()) and list(known.values()).count(value) == 1:
        word = highest
    else:
        word = f"neither {lowest.removeprefix('the ')} nor {highest.removeprefix('the ')}"
    if missing:
        scope = f"of the {_count(len(known))} the guide gives {counted} for"
    else:
        scope = f"of the {_count(len(known))}"
    return f"{word} {scope}", missing, known


def upkeep_rank(kb: KnowledgeBase, code: str) -> str:
    """'the lightest upkeep of the two the guide gives a CEU count for (CMRS: ...)', computed from
    the CEUs a year; a certification the guide gives no count for is named with its newer report."""
    phrase, missing, known = _rank(
        kb, code, ceus_per_year, "the lightest upkeep", "the most upkeep", "a CEU count"
    )
    if not phrase:
        return "upkeep not comparable from the guide's figures"
    notes: list[str] = []
    own = known[code]
    for cert in missing:
        found = _newer_ceus_per_year(kb, cert)
        if found is None:
            notes.append(f"{cert.code}: not in guide")
            continue
        newer, reporter = found
        if "lightest" in phrase:
            holds = newer > own
        elif "most" in phrase:
            holds = newer < own
        else:
            holds = True
        verdict = "which keeps that order" if holds else "which would change that order"
        notes.append(
            f"{cert.code}: not in guide; a newer report ({reporter}) gives {newer:g} CEUs a "
            f"year, {verdict}"
        )
    if notes:
        phrase += f" ({'; '.join(notes)})"
    return phrase


def exam_fee_rank(kb: KnowledgeBase, code: str) -> str:
    """'the cheapest of the three', computed from the lowest fee the guide gives for each
    entry certification; a member-only price is said to be one."""
    phrase, missing, _known = _rank(kb, code, lowest_fee, "the cheapest", "the costliest", "a fee")
    if not phrase:
        return "an exam fee not comparable from the guide's figures"
    notes = [f"{cert.code}: not in guide" for cert in missing]
    for cert in _entry(kb):
        fees = cert.fees
        if cert.code != code and fees and fees.member is not None and fees.non_member is None:
            notes.append(f"{cert.code}'s {money(fees.member)} is a member price")
    if notes:
        phrase += f" ({'; '.join(notes)})"
    return phrase


def rank_texts(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """The comparison placeholders rules may name: {exam_fee_rank.CODE}, {upkeep_rank.CODE}."""
    codes = [cert.code for cert in _entry(kb)]
    return {
        "exam_fee_rank": {code: exam_fee_rank(kb, code) for code in codes},
        "upkeep_rank": {code: upkeep_rank(kb, code) for code in codes},
    }
