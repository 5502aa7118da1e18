"""Itemized cost of the path: training, exam, membership and extras, with totals.

The guide's cost tables only: what aid pays of a path is planning/money.py's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from billing_career.errors import UnknownValueError
from billing_career.knowledge.figures import money, money_range
from billing_career.knowledge.lookup import (
    ReportedFigure,
    lower_first,
    reported_all,
    requirements_text,
    resolve_certification,
)
from billing_career.knowledge.models import (
    Certification,
    Expense,
    KnowledgeBase,
    Membership,
    Number,
    Program,
    Range,
    Sourced,
    TuitionCategory,
)
from billing_career.knowledge.serialize import JSON_SKIP, json_as
from billing_career.reference.conflicts import (
    GuideConflict,
    choice_conflicts,
    pairing_note,
    program_conflicts,
)

ChoiceKind = Literal["program", "tuition-category"]


# --- programs -----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ProgramChoice:
    """A training choice: a program type (its own tuition, fees from its tuition-table row) or a
    row of the guide's tuition table used directly."""

    id: str
    name: str
    kind: ChoiceKind
    aliases: tuple[str, ...]
    # Tuition in USD; additional program fees in USD, from the guide's tuition table.
    tuition: Range
    fees: Range
    fees_category: str
    # Months, 'varies', or None where the guide does not say.
    duration_months: Range | str | None
    delivery: tuple[str, ...]
    source: str
    section: str | None
    # The tuition table gives no durations: a row's duration is credited on its own.
    duration_section: str | None
    # Where the guide gives this program two figures: which is used, and why.
    guide_conflicts: tuple[GuideConflict, ...]
    record: Program | TuitionCategory = field(metadata=JSON_SKIP)
    fees_record: TuitionCategory = field(metadata=JSON_SKIP)

    @property
    def training_min(self) -> Number:
        """Tuition plus fees, low end."""
        return self.tuition.min + self.fees.min

    @property
    def training_max(self) -> Number:
        """Tuition plus fees, high end."""
        return self.tuition.max + self.fees.max


def _overview_conflicts(kb: KnowledgeBase) -> tuple[str, ...]:
    """Every contradiction among the program figures, then whose choice the fee rows are: said
    once where all programs are listed."""
    found = [
        conflict.sentence()
        for program in kb.programs.programs
        for conflict in program_conflicts(kb, program)
        if conflict.kind == "contradiction"
    ]
    return (*found, pairing_note(kb))


def _duration_section(record: Program | TuitionCategory) -> str | None:
    if isinstance(record, TuitionCategory):
        return record.duration_source.section if record.duration_source else None
    return record.source.section


def _choice(kb: KnowledgeBase, record: Program | TuitionCategory) -> ProgramChoice:
    if isinstance(record, Program):
        kind: ChoiceKind = "program"
        fees_record = kb.tuition_category(record.fees_category)
    else:
        kind, fees_record = "tuition-category", record
    return ProgramChoice(
        id=record.id,
        name=record.name,
        kind=kind,
        aliases=tuple(record.aliases),
        tuition=record.tuition,
        fees=fees_record.fees,
        fees_category=fees_record.id,
        duration_months=record.duration_months,
        delivery=tuple(record.delivery),
        source=kb.source(record.source.id).title,
        section=record.source.section,
        duration_section=_duration_section(record),
        guide_conflicts=tuple(choice_conflicts(kb, record)),
        record=record,
        fees_record=fees_record,
    )


def _training_records(kb: KnowledgeBase) -> list[Program | TuitionCategory]:
    return [*kb.programs.programs, *kb.programs.tuition_categories]


def program_names(kb: KnowledgeBase) -> list[str]:
    """Every name --program accepts: program ids, tuition-table ids, and their aliases."""
    names: list[str] = []
    for record in _training_records(kb):
        names.extend((record.id, *record.aliases))
    return names


def listed_program_names(kb: KnowledgeBase) -> list[str]:
    """The names to offer people (errors, completion): those of the distinct training choices.
    A tuition-table row that only supplies a program type's fees (associate-degree-fees) is still
    accepted but not offered: its id is a detail of the data, not a choice of its own."""
    names: list[str] = []
    for choice in program_choices(kb):
        names.extend((choice.id, *choice.record.aliases))
    return names


def resolve_program(kb: KnowledgeBase, name: str) -> ProgramChoice:
    """The program type or tuition-table row called `name` (id or alias, any case)."""
    wanted = name.strip().lower()
    # Program types first: 'associate' means the program, whose fees come from its table row.
    for record in _training_records(kb):
        if wanted == record.id or wanted in record.aliases:
            return _choice(kb, record)
    raise UnknownValueError("program", name.strip(), listed_program_names(kb))


def program_choices(kb: KnowledgeBase) -> list[ProgramChoice]:
    """Every distinct training choice: program types, then tuition-table rows that are not just a
    program type's fee row with the same tuition."""
    choices = [_choice(kb, program) for program in kb.programs.programs]
    for category in kb.programs.tuition_categories:
        duplicate = any(
            program.fees_category == category.id and program.tuition == category.tuition
            for program in kb.programs.programs
        )
        if not duplicate:
            choices.append(_choice(kb, category))
    return choices


# --- the breakdown ------------------------------------------------------------------------------


def _share_json(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


@dataclass(frozen=True, kw_only=True)
class CostItem:
    """One line of the breakdown; unknown items (known=False) have no figure and are not added."""

    id: str
    name: str
    min: Number | None
    max: Number | None
    known: bool
    per: Literal["once", "year"] = "once"
    source: str
    source_id: str = ""
    section: str | None
    note: str | None = None
    # This item's part of the high estimate, 0..1; None for unknown items.
    share: float | None = field(default=None, metadata=json_as(convert=_share_json))
    newer: tuple[ReportedFigure, ...] = ()


@dataclass(frozen=True)
class CertificationNamed:
    """The certification a breakdown prices, by code and name, and who issues it."""

    code: str
    name: str
    issuer: str | None


@dataclass(frozen=True)
class Total:
    """The total of the known items, and the items left out of it for want of a figure."""

    min: Number
    max: Number
    complete: bool
    not_counted: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class CostBreakdown:
    """What one path costs: items, the total of the known ones, and what the numbers imply."""

    program: ProgramChoice | None
    # False whenever there is no program to take tuition from.
    include_tuition: bool
    named: CertificationNamed = field(init=False, metadata=json_as(key="certification"))
    member: bool
    # True when member pricing was switched on because the certification requires membership.
    member_required: bool = False
    remote: bool
    items: tuple[CostItem, ...]
    total: Total = field(init=False)
    notes: tuple[str, ...] = ()
    insights: tuple[str, ...] = ()
    certification: Certification = field(metadata=JSON_SKIP)
    total_min: Number = field(metadata=JSON_SKIP)
    total_max: Number = field(metadata=JSON_SKIP)
    issuer_name: str | None = field(default=None, metadata=JSON_SKIP)
    # A member of the issuer already (a CPC holder, of AAPC): the member price; the membership
    # it needs is still counted (one year), as it must be current when the exam is taken.
    already_member: bool = field(default=False, metadata=JSON_SKIP)

    def __post_init__(self) -> None:
        cert = self.certification
        object.__setattr__(
            self, "named", CertificationNamed(cert.code, cert.name, self.issuer_name)
        )
        not_counted = tuple(item.name for item in self.unknown_items)
        total = Total(self.total_min, self.total_max, not not_counted, not_counted)
        object.__setattr__(self, "total", total)

    @property
    def unknown_items(self) -> tuple[CostItem, ...]:
        """Items the guide gives no figure for; left out of the total."""
        return tuple(item for item in self.items if not item.known)

    @property
    def all_known(self) -> bool:
        """True when every item has a figure (the total then leaves nothing out)."""
        return not self.unknown_items


def _item(
    kb: KnowledgeBase,
    record: Sourced,
    item_id: str,
    name: str,
    low: Number | None,
    high: Number | None,
    **extra: Any,
) -> CostItem:
    """A cost item citing the record it comes from; no figure means unknown."""
    return CostItem(
        id=item_id,
        name=name,
        min=low,
        max=high,
        known=low is not None and high is not None,
        source=kb.source(record.source.id).title,
        section=record.source.section,
        source_id=record.source.id,
        **extra,
    )


def _newer_note(what: str, figures: Sequence[ReportedFigure], guide_says: str) -> list[str]:
    return [
        f"Newer reported {what}: {figure.label()}; the guide gives {guide_says}."
        + (f" {figure.note}" if figure.note else "")
        for figure in figures
    ]


def _expense_item(kb: KnowledgeBase, expense: Expense, retake: bool = False) -> CostItem:
    """An expense of the guide's table; for a retake, priced as its on_retake says (textbooks
    from $0: optional), the rest of it the guide's (its note is the breakdown's, said once)."""
    on_retake = expense.on_retake if retake else None
    return _item(
        kb,
        expense,
        expense.id,
        expense.name if on_retake is None else on_retake.name,
        expense.cost.min if on_retake is None else on_retake.min,
        expense.cost.max,
        per=expense.per,
        note="per year; one year counted" if expense.per == "year" else None,
        newer=reported_all(kb, expense.updates_for("cost")),
    )


def _training_items(kb: KnowledgeBase, choice: ProgramChoice) -> list[CostItem]:
    fees_note = None
    if choice.fees_record is not choice.record:
        # Program types take fees from the tuition table, which groups programs differently.
        fees_note = f"the guide's additional fees for {choice.fees_record.name}"
    return [
        _item(
            kb,
            choice.record,
            "tuition",
            f"Tuition ({choice.name})",
            choice.tuition.min,
            choice.tuition.max,
            newer=reported_all(kb, choice.record.updates_for("tuition")),
        ),
        _item(
            kb,
            choice.fees_record,
            "program-fees",
            "Program fees",
            choice.fees.min,
            choice.fees.max,
            note=fees_note,
            newer=reported_all(kb, choice.fees_record.updates_for("fees")),
        ),
    ]


def _exam_item(
    kb: KnowledgeBase, cert: Certification, member: bool, expenses: Sequence[Expense]
) -> CostItem:
    fees = cert.fees
    # A report on the member fee only (CPB's, which says there is none for non-members) sits
    # beside the member fee, never beside the non-member one.
    other = "fees.non_member" if member else "fees.member"
    newer = reported_all(kb, (u for u in cert.updates_for("fees") if u.field != other))
    who = "member" if member else "non-member"
    amount: int | None = None
    if fees is not None:
        if fees.single is not None:
            amount, who = fees.single, "one price"
        elif member:
            amount = fees.member
        else:
            amount = fees.non_member
    name = f"{cert.code} exam fee ({who})" if fees is not None else f"{cert.code} exam fee"
    if amount is not None:
        return _item(kb, cert, "exam-fee", name, amount, amount, newer=newer)
    # The guide's expense table may still give a range for this exam.
    for expense in expenses:
        if expense.applies == "exam" and expense.certification == cert.code:
            return _item(
                kb,
                expense,
                "exam-fee",
                f"{cert.code} exam fee",
                expense.cost.min,
                expense.cost.max,
                note="member or non-member",
                newer=newer,
            )
    if fees is not None and fees.member is not None and not member:
        note = f"the guide gives the {cert.code} fee for members only ({money(fees.member)})"
    else:
        note = f"the guide gives no exam fee for {cert.code}"
    return _item(kb, cert, "exam-fee", name, None, None, note=note, newer=newer)


def _membership(kb: KnowledgeBase, org_id: str) -> Membership | None:
    return next((m for m in kb.costs.memberships if m.organization == org_id), None)


def _org_label(kb: KnowledgeBase, org_id: str) -> str:
    org = kb.organization(org_id)
    return org.abbreviation or org.name


def _membership_item(
    kb: KnowledgeBase,
    cert: Certification,
    member: bool,
    notes: list[str],
    already_member: bool = False,
) -> CostItem | None:
    """The issuer's membership: counted when the member price is (asked for, required, or a
    member already); unknown price stays unknown."""
    required = cert.membership_required is True
    member_fee = cert.fees is not None and cert.fees.member is not None
    if not (member or required) or (already_member and not (required or member_fee)):
        # A member already of an issuer with no member price has nothing to keep for it.
        return None
    if cert.issuer is None:
        notes.append(f"The guide does not name {cert.code}'s issuer, so no membership is counted.")
        return None
    org = _org_label(kb, cert.issuer)
    membership = _membership(kb, cert.issuer)
    why = (
        f"required for {cert.code} in the guide"
        if required
        else "kept current for the member exam price"
        if already_member
        else "for the member exam price"
        if member_fee
        else None
    )
    if membership is None or membership.cost_per_year is None:
        if not required:
            reason = (
                membership.note
                if membership and membership.note
                else (f"The guide gives no {org} membership price.")
            )
            notes.append(f"No {org} membership counted: {reason}")
            return None
        return _item(
            kb,
            membership or cert,
            "membership",
            f"{org} membership",
            None,
            None,
            per="year",
            note=f"{why}; the guide gives no price",
            newer=reported_all(kb, membership.updates_for("cost_per_year")) if membership else (),
        )
    cost = membership.cost_per_year
    return _item(
        kb,
        membership,
        "membership",
        f"{org} membership",
        cost,
        cost,
        per="year",
        note="; ".join(part for part in (why, "per year; one year counted") if part),
        newer=reported_all(kb, membership.updates_for("cost_per_year")),
    )


def _items(
    kb: KnowledgeBase,
    choice: ProgramChoice | None,
    cert: Certification,
    member: bool,
    remote: bool,
    notes: list[str],
    already_member: bool = False,
    retake: bool = False,
) -> list[CostItem]:
    items = _training_items(kb, choice) if choice is not None else []
    # A retake's prices (textbooks optional) are for the exam alone: a new program brings its
    # own textbooks.
    retake = retake and choice is None
    expenses = kb.costs.expenses
    exam: CostItem | None = _exam_item(kb, cert, member, expenses)
    # The member price needs the membership: counted whenever the member price is, also for a
    # member already (a CPC holder is an AAPC member), whose membership must be current when
    # they sit the exam (a counselor's read: "you'll need the $190 membership too").
    membership = _membership_item(kb, cert, member, notes, already_member)
    # Keep the guide's table order: the exam and membership go where its table lists them.
    for expense in expenses:
        if expense.applies == "exam":
            if exam is not None:
                items.append(exam)
                exam = None
        elif expense.applies == "member":
            if membership is not None:
                items.append(membership)
                membership = None
        elif expense.applies == "always" or (expense.applies == "remote" and remote):
            items.append(_expense_item(kb, expense, retake))
            if retake and expense.on_retake is not None:
                notes.append(_retake_note(expense))
    items.extend(item for item in (exam, membership) if item is not None)
    return items


def _retake_note(expense: Expense) -> str:
    """What an expense's retake price means: 'Textbooks: optional for a retake, ...'."""
    return f"{expense.name}: {expense.on_retake_note}."


def _retake_row_note(expense: Expense, cert: Certification) -> str:
    """_retake_note in the overview, which prices a retake on the row without training alone:
    'Textbooks without a training program (your CMRS retake): optional for a retake, ...'."""
    return (
        f"{expense.name} without a training program (your {cert.code} retake): "
        f"{expense.on_retake_note}; the program rows count them at the guide's price, as a new "
        "program brings its own."
    )


def _with_shares(items: list[CostItem], total_max: Number) -> tuple[CostItem, ...]:
    from dataclasses import replace

    if total_max <= 0:
        return tuple(items)
    return tuple(
        replace(item, share=item.max / total_max) if item.known and item.max is not None else item
        for item in items
    )


def _guide_figure(item: CostItem) -> str:
    if not item.known:
        return "no figure"
    text = money_range(Range(min=item.min or 0, max=item.max or 0))
    return f"{text}/year" if item.per == "year" else text


def _notes(
    kb: KnowledgeBase,
    cert: Certification,
    choice: ProgramChoice | None,
    include_tuition: bool,
    items: Sequence[CostItem],
    base: list[str],
    retake: bool = False,
) -> tuple[str, ...]:
    notes: list[str] = []
    if choice is None or not include_tuition:
        requirements = lower_first(requirements_text(cert.requirements)) or "not in guide"
        notes.append(
            "No training program: tuition and program fees are left out. "
            # A retake's path says what the overview's row says, not a first attempt's
            # requirements (training or experience), as if the person had still to show them.
            + (
                retake_without_training(cert)
                if retake
                else f"{cert.code} requirements in the guide: {requirements}."
            )
        )
    unknown = [item.name for item in items if not item.known]
    if unknown:
        notes.append(
            f"Not counted in the total because the guide gives no figure: {', '.join(unknown)}."
        )
    notes.extend(base)
    if choice is not None and include_tuition:
        notes.extend(conflict.sentence() for conflict in choice_conflicts(kb, choice.record))
    for item in items:
        if item.per == "year" and item.known:
            notes.append(
                f"{item.name} is yearly: {_guide_figure(item)} again each year you keep it."
            )
    for item in items:
        notes.extend(_newer_note(item.name, item.newer, _guide_figure(item)))
    return tuple(notes)


def membership_required_reports(
    kb: KnowledgeBase, cert: Certification
) -> tuple[ReportedFigure, ...]:
    """Newer reports that sitting the exam needs the issuer's membership, where the guide does
    not say so itself (AAPC's CPB: the guide gives a non-member fee, newer reports none)."""
    if cert.membership_required is True:
        return ()
    return reported_all(kb, cert.updates_for("membership_required"))


@dataclass(frozen=True)
class ExamPrice:
    """The exam's fee as a path counts it, beside what the member and non-member pay and the
    membership the member price needs, in the guide and in newer reports (for the plan's exam
    and cost sections: one set of facts, worded at the edge)."""

    code: str
    # The issuer's short name ('AAPC'), or None where no source names it.
    issuer: str | None
    # Which fee the path counts: 'member', 'non-member' or 'single'.
    counted: str
    member_fee: int | None
    non_member_fee: int | None
    # The guide's yearly membership price (None where it gives none), and whether the path
    # counts a year of it.
    membership: Number | None
    membership_counted: bool
    # A member already through another credential the person holds.
    already_member: bool
    # Newer reports: of the fee, of the membership's price, and that membership is required.
    newer_fees: tuple[ReportedFigure, ...]
    newer_membership: tuple[ReportedFigure, ...]
    required_reported: tuple[ReportedFigure, ...]

    @property
    def newer_membership_span(self) -> tuple[Number, Number] | None:
        """The newer membership prices as one span (with the guide's), or None."""
        values = [
            end
            for figure in self.newer_membership
            if figure.value is not None
            for end in _span_of(figure.value)
        ]
        if not values:
            return None
        if self.membership is not None:
            values.append(self.membership)
        return min(values), max(values)


def exam_price(kb: KnowledgeBase, cost: CostBreakdown) -> ExamPrice | None:
    """The facts of the path's exam fee where a member and a non-member pay differently (AAPC's
    CPB); None for one price for everyone or no fee in the guide."""
    cert = cost.certification
    fees = cert.fees
    if fees is None or fees.single is not None or fees.member is None or fees.non_member is None:
        return None
    membership = _membership(kb, cert.issuer) if cert.issuer else None
    return ExamPrice(
        code=cert.code,
        issuer=_org_label(kb, cert.issuer) if cert.issuer else None,
        counted="member" if cost.member else "non-member",
        member_fee=fees.member,
        non_member_fee=fees.non_member,
        membership=None if membership is None else membership.cost_per_year,
        membership_counted=any(item.id == "membership" and item.known for item in cost.items),
        already_member=cost.already_member,
        newer_fees=reported_all(kb, cert.updates_for("fees")),
        newer_membership=()
        if membership is None
        else reported_all(kb, membership.updates_for("cost_per_year")),
        required_reported=membership_required_reports(kb, cert),
    )


def _membership_insight(kb: KnowledgeBase, cert: Certification) -> list[str]:
    fees = cert.fees
    if fees is None or fees.member is None or fees.non_member is None or cert.issuer is None:
        return []
    membership = _membership(kb, cert.issuer)
    if membership is None or membership.cost_per_year is None:
        return []
    org = _org_label(kb, cert.issuer)
    saving = fees.non_member - fees.member
    cost = membership.cost_per_year
    if cost > saving:
        text = (
            f"{org} membership ({money(cost)}/year) costs more than the {money(saving)} it "
            f"saves on the {cert.code} exam, unless you need it anyway."
        )
    elif cost < saving:
        text = (
            f"{org} membership ({money(cost)}/year) saves {money(saving)} on the "
            f"{cert.code} exam, {money(saving - cost)} more than it costs."
        )
    else:
        text = (
            f"{org} membership ({money(cost)}/year) costs exactly the {money(saving)} it "
            f"saves on the {cert.code} exam."
        )
    for figure in membership_required_reports(kb, cert):
        text += (
            f" But a newer report says: {figure.summary} ({figure.source}, "
            f"{figure.reported_by}, {figure.date}); check with {org} before you pay."
        )
    return [text]


def _insights(
    kb: KnowledgeBase,
    cert: Certification,
    choice: ProgramChoice | None,
    include_tuition: bool,
    items: Sequence[CostItem],
    total_max: Number,
    member_switched: bool = False,
    already_member: bool = False,
) -> tuple[str, ...]:
    # A member already (through another credential) has no membership to weigh.
    insights = [] if already_member else _membership_insight(kb, cert)
    known = [item for item in items if item.known and item.max is not None]
    if known and total_max > 0:
        largest = max(known, key=lambda item: item.max or 0)
        share = round(100 * (largest.max or 0) / total_max)
        insights.append(
            f"{largest.name} is the largest cost: {_guide_figure(largest)}, "
            f"{share}% of the high estimate."
        )
    if choice is not None and include_tuition:
        cheapest = min(program_choices(kb), key=lambda c: (c.training_max, c.training_min))
        if (cheapest.training_max, cheapest.training_min) < (
            choice.training_max,
            choice.training_min,
        ):
            span = money_range(Range(min=cheapest.training_min, max=cheapest.training_max))
            insights.append(
                f"{cheapest.name} is the lowest-cost training in the guide: {span} "
                "in tuition and fees."
            )
    if (
        cert.fees is not None
        and cert.fees.member is not None
        and cert.fees.non_member is None
        and cert.membership_required
        and not member_switched
    ):
        # (When member pricing was switched on, the note that says so gives this already.)
        insights.append(
            f"{cert.code} requires membership and the guide prices its exam for "
            f"members only ({money(cert.fees.member)})."
        )
    return tuple(insights)


def _membership_note(kb: KnowledgeBase, cert: Certification) -> str:
    org = _org_label(kb, cert.issuer) if cert.issuer else "the issuer's"
    fees = cert.fees
    members_only = ""
    if fees is not None and fees.member is not None and fees.non_member is None:
        members_only = f" and prices its exam for members only ({money(fees.member)})"
    return (
        f"{cert.code} requires {org} membership in the guide{members_only}, so member "
        "pricing is used and the membership is listed."
    )


def already_member(kb: KnowledgeBase, cert: str, held: Sequence[str]) -> bool:
    """A credential held from the same issuer makes the person its member already (a CPC
    holder is an AAPC member): the member exam price, no new membership."""
    if not held:
        return False
    certification = resolve_certification(kb, cert)
    if certification.issuer is None:
        return False
    for code in held:
        own = kb.certification(code).issuer
        # The guide names no issuer for the CPC; certifications.yaml relates it to the CPB,
        # whose note says they share their issuer (AAPC).
        if own == certification.issuer or (own is None and code in certification.related):
            return True
    return False


def cost_breakdown(
    kb: KnowledgeBase,
    program: str | None,
    *,
    cert: str = "CPB",
    member: bool = False,
    remote: bool = False,
    include_tuition: bool = True,
    already_member: bool = False,
    retake: bool = False,
) -> CostBreakdown:
    """Itemize what a path costs. `program` None or include_tuition=False leaves training out
    (for people who qualify through billing experience). A certification that requires
    membership is priced for members whatever `member` says (member_required tells). retake:
    the person sat this exam and did not pass (the expenses' on_retake prices apply on a path
    with no training counted)."""
    choice = resolve_program(kb, program) if program is not None else None
    certification = resolve_certification(kb, cert)
    extra_notes: list[str] = []
    member_required = certification.membership_required is True and not member
    if member_required:
        member = True
        extra_notes.append(_membership_note(kb, certification))
    # Where the member's note goes among the notes, once the items say it is true.
    member_note_at = len(extra_notes)
    if already_member:
        # The member price, and no membership to pay again (held through another credential).
        member = True
    training = choice if include_tuition else None
    raw_items = _items(
        kb,
        training,
        certification,
        member,
        remote,
        extra_notes,
        already_member=already_member,
        retake=retake,
    )
    fees = certification.fees
    if (
        already_member
        and fees is not None
        and fees.member is not None
        and any(item.id == "membership" for item in raw_items)
    ):
        # Said only where it is so: a member price to apply and the membership counted (not
        # for a one-price exam, whose issuer's membership nothing here counts).
        extra_notes.insert(
            member_note_at,
            f"You are already a member of {certification.code}'s issuer, so the member exam "
            "price applies; the membership it needs is counted for one year, as it must be "
            "current when you take the exam (if yours is paid through then, you pay that much "
            "less).",
        )
    total_min: Number = sum(
        (item.min for item in raw_items if item.known and item.min is not None), 0
    )
    total_max: Number = sum(
        (item.max for item in raw_items if item.known and item.max is not None), 0
    )
    items = _with_shares(raw_items, total_max)
    return CostBreakdown(
        program=choice,
        include_tuition=include_tuition and choice is not None,
        certification=certification,
        member=member,
        remote=remote,
        items=items,
        total_min=total_min,
        total_max=total_max,
        notes=_notes(kb, certification, choice, include_tuition, items, extra_notes, retake),
        insights=_insights(
            kb,
            certification,
            choice,
            include_tuition,
            items,
            total_max,
            member_required,
            already_member,
        ),
        issuer_name=(
            None if certification.issuer is None else kb.organization(certification.issuer).name
        ),
        member_required=member_required,
        already_member=already_member,
    )


@dataclass(frozen=True)
class CostOverview:
    """Every training choice and the path without one side by side, cheapest first."""

    rows: tuple[CostBreakdown, ...] = field(metadata=json_as(key="programs"))
    order: str = field(default="cheapest first (high estimate, then low)", init=False)
    # What the certification asks of someone who takes no training program.
    without_training: str = ""
    # What every row shares, said once.
    notes: tuple[str, ...] = field(default=())
    insights: tuple[str, ...] = field(default=())
    # The names of what every program's total adds to its training (the path without one at a
    # first attempt's prices: a retake's row prices its textbooks as optional, a program's not).
    extras: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)


def _common(lists: Sequence[Sequence[str]]) -> tuple[str, ...]:
    if not lists:
        return ()
    return tuple(text for text in lists[0] if all(text in other for other in lists[1:]))


def without_training(cert: Certification) -> str:
    """What the guide asks of someone who takes the certification without a training program."""
    requirements = requirements_text(cert.requirements)
    if not requirements:
        return f"{cert.code} requirements: not in guide."
    if cert.prerequisites_required is True:
        return (
            f"Without training you must qualify another way: {cert.code} requires "
            f"{lower_first(requirements)} (guide)."
        )
    return f"{cert.code} requirements (guide): {lower_first(requirements)}."


def retake_without_training(cert: Certification) -> str:
    """The path without a training program for someone who sat the exam and did not pass:
    without_training's note is what a first attempt must show, and whatever the issuer asked
    (NHA's and AMBA's proof of training or experience) they showed when they sat it."""
    return (
        f"A retake of the {cert.code} exam you sat: no training needed (what the guide asks "
        "before a first attempt, you met when you sat it)."
    )


def cost_overview(
    kb: KnowledgeBase,
    *,
    cert: str = "CPB",
    member: bool = False,
    remote: bool = False,
    failed: Sequence[str] = (),
) -> CostOverview:
    """The total for each training choice and for none, with the same options, cheapest first;
    an exam the person sat and did not pass (failed) prices the path without training as a
    retake, as `cost --program none` and the plan price it."""
    rows = [
        cost_breakdown(kb, choice.id, cert=cert, member=member, remote=remote)
        for choice in program_choices(kb)
    ]
    first_attempt = cost_breakdown(kb, None, cert=cert, member=member, remote=remote)
    certification = first_attempt.certification
    retake = certification.code in failed
    bare = (
        cost_breakdown(kb, None, cert=cert, member=member, remote=remote, retake=True)
        if retake
        else first_attempt
    )
    rows.append(bare)
    rows.sort(key=lambda row: (row.total_max, row.total_min))
    # A retake's own prices are the no-training row's alone: said beside what every row shares.
    retake_notes = tuple(
        _retake_row_note(expense, certification)
        for expense in kb.costs.expenses
        if retake
        and expense.on_retake is not None
        and (expense.applies == "always" or (expense.applies == "remote" and remote))
    )
    return CostOverview(
        rows=tuple(rows),
        notes=(*_common([row.notes for row in rows]), *retake_notes, *_overview_conflicts(kb)),
        insights=_common([row.insights for row in rows]),
        without_training=(
            retake_without_training(certification) if retake else without_training(certification)
        ),
        extras=tuple(item.name for item in first_attempt.items),
    )


# A low and a high amount.
Span = tuple[Number, Number]


def _span_of(value: Number | Range) -> Span:
    return (value.min, value.max) if isinstance(value, Range) else (value, value)


@dataclass(frozen=True)
class NewerTotal:
    """The path's total redone with newer reported figures, and which figures changed it."""

    min: Number
    max: Number
    because: tuple[str, ...]
    # The items the newer figures change, by cost item id, with their newer low and high: for
    # working out what aid pays of them (the exam fee; a membership added or raised).
    items: tuple[tuple[str, Number, Number], ...] = field(default=(), metadata=JSON_SKIP)

    def plan_for(self, low: Number, high: Number) -> tuple[Number, Number]:
        """The total to plan for against the guide's low and high: the higher figure at each
        end, enough money whichever report is right."""
        return max(low, self.min), max(high, self.max)


def total_with_newer_figures(kb: KnowledgeBase, cost: CostBreakdown) -> NewerTotal | None:
    """The path's total redone with newer reported figures (the exam fee; a membership reported
    as required to sit), or None when no newer figure changes it. The guide's total stays the
    headline; this is shown beside it."""
    cert = cost.certification
    low, high = cost.total_min, cost.total_max
    because: list[str] = []
    items: list[tuple[str, Number, Number]] = []
    exam = next((item for item in cost.items if item.id == "exam-fee"), None)
    fees = [f for f in reported_all(kb, cert.updates_for("fees")) if f.value is not None]
    if exam is not None and exam.known and fees and exam.min is not None and exam.max is not None:
        new_low, new_high = _span_of(fees[0].value)  # type: ignore[arg-type]
        low += new_low - exam.min
        high += new_high - exam.max
        because.append(f"{cert.code} exam fee: {fees[0].label()}")
        items.append(("exam-fee", new_low, new_high))
    counted = next((item for item in cost.items if item.id == "membership"), None)
    membership = _membership(kb, cert.issuer) if cert.issuer else None
    required = reported_all(kb, cert.updates_for("membership_required"))
    if membership is not None and membership.cost_per_year is not None:
        reported = [
            _span_of(f.value)[1]
            for f in reported_all(kb, membership.updates_for("cost_per_year"))
            if f.value is not None
        ]
        top = max([membership.cost_per_year, *reported])
        org = _org_label(kb, cert.issuer or "")
        if counted is None and required and not cost.already_member:
            low += membership.cost_per_year
            high += top
            items.append(("membership", membership.cost_per_year, top))
            because.append(
                f"{org} membership, reported as required to sit the exam "
                f"({money_range(Range(min=membership.cost_per_year, max=top))} a year): "
                f"{required[0].label()}"
            )
        elif counted is not None and counted.max is not None and top > counted.max:
            high += top - counted.max
            items.append(("membership", counted.min or 0, top))
            because.append(f"{org} membership reported at up to {money(top)} a year")
    if not because:
        return None
    return NewerTotal(low, high, tuple(because), tuple(items))


def program_costs(kb: KnowledgeBase) -> dict[str, Span]:
    """Each program type's tuition plus its fees (the tuition row its fees come from)."""
    out: dict[str, Span] = {}
    for program in kb.programs.programs:
        fees = kb.tuition_category(program.fees_category).fees
        out[program.id] = (program.tuition.min + fees.min, program.tuition.max + fees.max)
    return out


def _pre_exam_extras(kb: KnowledgeBase, remote: bool) -> list[Expense]:
    return [
        expense
        for expense in kb.costs.expenses
        if expense.applies == "always" or (remote and expense.applies == "remote")
    ]


def pre_exam_costs(kb: KnowledgeBase, remote: bool) -> dict[str, Span]:
    """Each program type's cost before the exam: tuition, fees and the extras every path has
    (textbooks, background check; the home office setup when remote)."""
    extras = _pre_exam_extras(kb, remote)
    low = sum(expense.cost.min for expense in extras)
    high = sum(expense.cost.max for expense in extras)
    return {
        ident: (cost_low + low, cost_high + high)
        for ident, (cost_low, cost_high) in program_costs(kb).items()
    }


def pre_exam_counts(kb: KnowledgeBase, remote: bool) -> str:
    """What pre_exam_costs adds up, in words: 'tuition, fees, textbooks and background check'."""
    from billing_career.knowledge.lookup import lower_first
    from billing_career.knowledge.wording import and_list

    names = [lower_first(expense.name) for expense in _pre_exam_extras(kb, remote)]
    return and_list(["tuition", "fees", *names])
