"""Certifications side by side: every field, what differs, newer reports, and what it implies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as declared

from billing_career.errors import UsageError
from billing_career.knowledge.figures import NOT_IN_GUIDE, money
from billing_career.knowledge.lookup import ReportedFigure, reported, resolve_certification
from billing_career.knowledge.models import Certification, KnowledgeBase
from billing_career.knowledge.serialize import JSON_INLINE

# The compared fields, in the order a table shows them. None in any of them means "not in guide".
FIELDS: tuple[str, ...] = (
    "issuer",
    "prerequisites",
    "membership_required",
    "exam_questions",
    "exam_minutes",
    "format_note",
    "open_book",
    "covers",
    "fee_member",
    "fee_non_member",
    "fee_single",
    "renewal_every_years",
    "renewal_ceus",
    "related",
)

# A newer report is filed under a field of the data record; these are the compared fields it
# speaks to (an exam report gives questions, time and format together).
UPDATE_FIELDS: dict[str, tuple[str, ...]] = {
    "exam": ("exam_questions", "exam_minutes", "open_book"),
    "fees": ("fee_member", "fee_non_member", "fee_single"),
    "fees.member": ("fee_member",),
    # How the exam is taken (online, a 45-day window): none of the compared fields.
    "exam.delivery": (),
    "requirements": ("prerequisites",),
    "renewal": ("renewal_every_years", "renewal_ceus"),
    "membership_required": ("membership_required",),
    "issuer": ("issuer",),
    "related": ("related",),
}

Value = str | int | bool | tuple[str, ...] | None


@dataclass(frozen=True)
class Newer:
    """A newer reported figure and the compared fields it speaks to."""

    figure: ReportedFigure = declared(metadata=JSON_INLINE)
    fields: tuple[str, ...]


@dataclass(frozen=True)
class CertificationFacts:
    """One certification as the guide gives it; None means the guide does not say."""

    code: str
    name: str
    level: str
    focus: str | None
    issuer: str | None
    issuer_abbreviation: str | None
    prerequisites: tuple[str, ...] | None
    prerequisites_required: bool | None
    membership_required: bool | None
    exam_questions: int | None
    exam_minutes: int | None
    open_book: bool | None
    format_note: str | None
    covers: tuple[str, ...] | None
    fee_member: int | None
    fee_non_member: int | None
    fee_single: int | None
    renewal_every_years: int | None
    renewal_ceus: int | None
    renewal_note: str | None
    related: tuple[str, ...] | None
    related_note: str | None
    source: str
    section: str | None
    # Compared fields the guide does not give for this certification.
    not_in_guide: tuple[str, ...] = declared(init=False)
    newer: tuple[Newer, ...] = ()

    def __post_init__(self) -> None:
        missing = tuple(name for name in FIELDS if self.value(name) is None)
        object.__setattr__(self, "not_in_guide", missing)

    def value(self, field: str) -> Value:
        """The value of one compared field."""
        result: Value = getattr(self, field)
        return result

    def newer_for(self, field: str) -> tuple[Newer, ...]:
        """Newer reports that speak to one compared field."""
        return tuple(item for item in self.newer if field in item.fields)

    @property
    def lowest_fee(self) -> tuple[int, str] | None:
        """The lowest exam fee the guide gives and which fee it is."""
        fees = [
            (fee, kind)
            for fee, kind in (
                (self.fee_single, "one price"),
                (self.fee_member, "member"),
                (self.fee_non_member, "non-member"),
            )
            if fee is not None
        ]
        return min(fees) if fees else None

    @property
    def fees_text(self) -> str:
        """'$349 member / $449 non-member', '$155', or 'not in guide'."""
        parts = [
            f"{money(fee)}{label}"
            for fee, label in (
                (self.fee_member, " member"),
                (self.fee_non_member, " non-member"),
                (self.fee_single, ""),
            )
            if fee is not None
        ]
        return " / ".join(parts) or NOT_IN_GUIDE

    @property
    def ceus_per_year(self) -> float | None:
        """Renewal CEUs per year, where the guide gives both the CEUs and the period."""
        if self.renewal_ceus is None or not self.renewal_every_years:
            return None
        return self.renewal_ceus / self.renewal_every_years


@dataclass(frozen=True)
class Insight:
    """A plain sentence the figures support, and the certifications it is about."""

    kind: str
    text: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """The compared certifications, the fields on which they differ, and the insights."""

    certifications: tuple[CertificationFacts, ...]
    fields: tuple[str, ...] = declared(default=FIELDS, kw_only=True)
    differences: tuple[str, ...]
    insights: tuple[Insight, ...]


def _facts(kb: KnowledgeBase, cert: Certification) -> CertificationFacts:
    issuer = kb.organization(cert.issuer) if cert.issuer else None
    exam, fees, renewal = cert.exam, cert.fees, cert.renewal
    newer = tuple(
        Newer(
            reported(kb, update),
            UPDATE_FIELDS.get(update.field, (update.field,) if update.field in FIELDS else ()),
        )
        for update in cert.updates
    )
    return CertificationFacts(
        code=cert.code,
        name=cert.name,
        level=cert.level,
        focus=cert.focus,
        issuer=issuer.name if issuer else None,
        issuer_abbreviation=issuer.abbreviation if issuer else None,
        prerequisites=cert.requirements or None,
        prerequisites_required=cert.prerequisites_required,
        membership_required=cert.membership_required,
        exam_questions=exam.questions if exam else None,
        exam_minutes=exam.minutes if exam else None,
        open_book=exam.open_book if exam else None,
        format_note=exam.format_note if exam else None,
        covers=(exam.covers or None) if exam else None,
        fee_member=fees.member if fees else None,
        fee_non_member=fees.non_member if fees else None,
        fee_single=fees.single if fees else None,
        renewal_every_years=renewal.every_years if renewal else None,
        renewal_ceus=renewal.ceus if renewal else None,
        renewal_note=renewal.note if renewal else None,
        related=cert.related or None,
        related_note=cert.related_note,
        source=kb.source(cert.source.id).title,
        section=cert.source.section,
        newer=newer,
    )


FEE_FIELDS = ("fee_member", "fee_non_member", "fee_single")


def shown_fields(certs: Sequence[CertificationFacts]) -> tuple[str, ...]:
    """The fields a table shows: every field, except fee kinds none of these certifications has
    (the one-price fee means nothing beside member prices). With no fee known at all, the member
    and non-member rows stay so the table says "not in guide"."""
    fees = [name for name in FEE_FIELDS if any(cert.value(name) is not None for cert in certs)]
    if not fees:
        fees = ["fee_member", "fee_non_member"]
    return tuple(name for name in FIELDS if name not in FEE_FIELDS or name in fees)


def differences(certs: Sequence[CertificationFacts]) -> tuple[str, ...]:
    """Compared fields whose values are not the same for every certification."""
    return tuple(field for field in FIELDS if len({cert.value(field) for cert in certs}) > 1)


def _codes(certs: Sequence[CertificationFacts]) -> str:
    return ", ".join(cert.code for cert in certs)


def _fee_label(fee: int, kind: str) -> str:
    return f"{money(fee)} ({kind})"


def _membership_price(kb: KnowledgeBase, cert: CertificationFacts) -> str:
    """'AAPC membership ($190/year in the guide)' or '... whose price the guide does not give'."""
    issuer_id = kb.certification(cert.code).issuer
    org = cert.issuer_abbreviation or cert.issuer or "the issuer's"
    membership = next((m for m in kb.costs.memberships if m.organization == issuer_id), None)
    if membership is None or membership.cost_per_year is None:
        return f"{org} membership, whose price the guide does not give"
    return f"{org} membership ({money(membership.cost_per_year)}/year in the guide)"


def _cheapest_exam(kb: KnowledgeBase, certs: Sequence[CertificationFacts]) -> list[Insight]:
    priced: list[tuple[CertificationFacts, tuple[int, str]]] = sorted(
        ((cert, cheapest) for cert in certs if (cheapest := cert.lowest_fee) is not None),
        key=lambda pair: pair[1][0],
    )
    unpriced = [cert for cert in certs if cert.lowest_fee is None]
    if not priced:
        return []
    missing = f" No exam fee in the guide for {_codes(unpriced)}." if unpriced else ""
    # A member price named as a lowest fee, or the only fee, is not open to everyone: say what
    # else it takes.
    lowest = priced[0][1][0]
    noted = [
        cert
        for cert, (amount, kind) in priced
        if kind == "member"
        and (amount == lowest or (cert.fee_non_member is None and cert.fee_single is None))
    ]
    needs = "".join(
        f" {cert.code}'s {money(cert.fee_member or 0)} is a member price: it also "
        f"needs {_membership_price(kb, cert)}."
        for cert in noted
    )
    if len(priced) == 1:
        cert, (amount, kind) = priced[0]
        return [
            Insight(
                "cheapest-exam",
                f"Only {cert.code} has an exam fee in the guide: "
                f"{_fee_label(amount, kind)}.{needs}{missing}",
                (cert.code,),
            )
        ]
    winners = [(cert, kind) for cert, (amount, kind) in priced if amount == lowest]
    others = "; ".join(
        f"{cert.code} {cert.fees_text}" for cert, (amount, _kind) in priced if amount != lowest
    )
    names = " and ".join(f"{cert.code} at {_fee_label(lowest, kind)}" for cert, kind in winners)
    text = f"Cheapest exam in the guide: {names}."
    if others:
        text += f" Then {others}."
    return [
        Insight("cheapest-exam", text + needs + missing, tuple(cert.code for cert, _ in winners))
    ]


def _lightest_renewal(certs: Sequence[CertificationFacts]) -> list[Insight]:
    rated = [(cert, rate) for cert in certs if (rate := cert.ceus_per_year) is not None]
    unrated = [cert for cert in certs if cert.ceus_per_year is None]
    if not rated:
        return []

    def describe(cert: CertificationFacts, rate: float) -> str:
        years = cert.renewal_every_years
        period = "every year" if years == 1 else f"every {years} years"
        return f"{cert.code}, {cert.renewal_ceus} CEUs {period} ({rate:g} a year)"

    lowest = min(rate for _, rate in rated)
    winners = [cert for cert, rate in rated if rate == lowest]
    text = (
        "Lightest renewal in the guide: "
        + " and ".join(describe(cert, lowest) for cert in winners)
        + "."
    )
    others = [describe(cert, rate) for cert, rate in rated if rate != lowest]
    if others:
        text += f" Then {'; '.join(others)}."
    if unrated:
        text += f" CEUs not in guide for {_codes(unrated)}."
    return [Insight("lightest-renewal", text, tuple(cert.code for cert in winners))]


def _simple(certs: Sequence[CertificationFacts]) -> list[Insight]:
    found: list[Insight] = []
    free = [cert for cert in certs if cert.prerequisites_required is False]
    if free:
        found.append(
            Insight(
                "no-prerequisites",
                f"No prerequisites: {_codes(free)}.",
                tuple(cert.code for cert in free),
            )
        )
    open_book = [cert for cert in certs if cert.open_book]
    if open_book:
        found.append(
            Insight(
                "open-book",
                f"Open book: {_codes(open_book)}.",
                tuple(cert.code for cert in open_book),
            )
        )
    return found


def _related(kb: KnowledgeBase, certs: Sequence[CertificationFacts]) -> list[Insight]:
    found = []
    for cert in certs:
        if not cert.related:
            continue
        ahead = [
            code
            for code in cert.related
            if cert.level == "entry" and kb.certification(code).level == "advanced"
        ]
        verb = "leads on to" if ahead and len(ahead) == len(cert.related) else "is related to"
        text = f"{cert.code} {verb} {', '.join(cert.related)}"
        text += f": {cert.related_note}" if cert.related_note else "."
        found.append(Insight("related", text, (cert.code, *cert.related)))
    return found


def _membership(kb: KnowledgeBase, certs: Sequence[CertificationFacts]) -> list[Insight]:
    found = []
    for cert in certs:
        org = cert.issuer_abbreviation or cert.issuer or "the issuer"
        if cert.membership_required:
            issuer_id = kb.certification(cert.code).issuer
            membership = next(
                (m for m in kb.costs.memberships if m.organization == issuer_id), None
            )
            price = (
                "price not in guide"
                if membership is None or membership.cost_per_year is None
                else f"{money(membership.cost_per_year)}/year"
            )
            found.append(
                Insight(
                    "membership", f"{cert.code} needs {org} membership ({price}).", (cert.code,)
                )
            )
        for item in cert.newer_for("membership_required"):
            figure = item.figure
            found.append(
                Insight(
                    "membership",
                    f"{cert.code}: a newer report says: {figure.summary} "
                    f"({figure.source}, {figure.reported_by}, {figure.date}); the guide does not.",
                    (cert.code,),
                )
            )
    return found


def insights(kb: KnowledgeBase, certs: Sequence[CertificationFacts]) -> tuple[Insight, ...]:
    """What the figures support: cheapest exam, lightest renewal, prerequisites, format, paths."""
    return (
        *_cheapest_exam(kb, certs),
        *_lightest_renewal(certs),
        *_simple(certs),
        *_related(kb, certs),
        *_membership(kb, certs),
    )


def compare(kb: KnowledgeBase, codes: Sequence[str], all: bool = False) -> Comparison:
    """Compare the certifications named by `codes` (any case), or every one with all=True."""
    if all and codes:
        raise UsageError("Give certification codes or --all, not both.")
    if all:
        chosen = list(kb.certifications.certifications)
    else:
        chosen = []
        for code in codes:
            cert = resolve_certification(kb, code)
            if cert not in chosen:
                chosen.append(cert)
        if len(chosen) < 2:
            known = ", ".join(cert.code for cert in kb.certifications.certifications)
            raise UsageError(
                "Give at least two different certification codes, or --all.", f"Known: {known}."
            )
    facts = tuple(_facts(kb, cert) for cert in chosen)
    return Comparison(facts, differences(facts), insights(kb, facts), fields=shown_fields(facts))
