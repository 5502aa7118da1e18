"""Wording shared by the rules and the plan: lists in words, exam fees and renewals as text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from billing_career.knowledge.figures import NOT_IN_GUIDE, money

if TYPE_CHECKING:
    from billing_career.knowledge.models import Certification


def lower_first(text: str) -> str:
    # Keep acronyms and names whole ("GED", "HIPAA"): only a capital before a lower-case letter.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def or_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def fee_text(cert: Certification) -> str:
    """A certification's exam fee as the guide gives it: '$155', '$349-$449', '$199 (member)'."""
    fees = cert.fees
    if fees is None:
        return NOT_IN_GUIDE
    if fees.single is not None:
        return money(fees.single)
    if fees.member is not None and fees.non_member is not None:
        return f"{money(fees.member)}-{money(fees.non_member)}"
    if fees.member is not None:
        return f"{money(fees.member)} (member)"
    if fees.non_member is not None:
        return f"{money(fees.non_member)} (non-member)"
    return NOT_IN_GUIDE


def renewal_text(cert: Certification) -> str:
    """'36 CEUs every 2 years', 'continuing education every year'."""
    renewal = cert.renewal
    if renewal is None or renewal.every_years is None:
        return NOT_IN_GUIDE
    every = "every year" if renewal.every_years == 1 else f"every {renewal.every_years} years"
    if renewal.ceus is not None:
        return f"{renewal.ceus} CEUs {every}"
    return f"continuing education {every}"
