"""A plan as the one outline every format draws: the terminal, Markdown, HTML and iCalendar.

Built once from the typed Plan: the answer first (a few labeled lines), then titled sections,
each with its short form (what `bcareer plan` shows) and its full form (`--details` and the
exports), and the dated milestones a calendar holds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from billing_career.knowledge.figures import UNKNOWN, money, money_range, money_span

if TYPE_CHECKING:
    from billing_career.planning.payback import PayLevel, PlanSalary
    from billing_career.planning.planner import Fallback, Plan
    from billing_career.planning.timeline import PlanStep

TITLE = "Your medical billing career plan"
# The guide's step that ends with the certification exam (steps.yaml id).
EXAM_STEP_ID = "obtain-certification"
# The timeline's words for a length the guide does not give; said once, as a note.
_ASSUMED_LENGTH = re.compile(
    r"^Planned as (?P<length>[^:]+): an assumption of this tool\. The guide gives no time for "
    r"this\.$"
)
ASSUMED_LENGTHS_NOTE = (
    "Steps marked (length assumed) have a length that is an assumption of this tool: "
    "the guide gives no time for them."
)


@dataclass(frozen=True)
class Line:
    """One line of the answer block: 'Program: Short Certificate, in person'."""

    label: str
    text: str


@dataclass(frozen=True)
class Item:
    """One entry of a section; a step is a checklist item with its dates and details."""

    text: str
    label: str | None = None
    details: tuple[str, ...] = ()
    checkbox: bool = False


@dataclass(frozen=True)
class Grid:
    """A small table: a header row, body rows, and an optional total row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Section:
    """A titled part of the plan. The short form is `brief` (lines) when given, else the items
    without their details; the full form is items with details, the grid and the notes."""

    title: str
    items: tuple[Item, ...] = ()
    grid: Grid | None = None
    notes: tuple[str, ...] = ()
    brief: tuple[str, ...] | None = None
    # Shown in full even in the short form (blockers and warnings: too important to hide).
    always_full: bool = False
    # Shown only in the full form (the reasons behind the answer).
    details_only: bool = False


@dataclass(frozen=True)
class Milestone:
    """A dated event for a calendar: a step (one event over its days), the exam, the first
    renewal."""

    key: str
    day: dt.date
    title: str
    description: str
    # The last day, for an event over several days (inclusive); None for a single day.
    end: dt.date | None = None


@dataclass(frozen=True)
class Outline:
    """What every format draws: a title, the answer, the sections, the milestones."""

    title: str
    answer: tuple[Line, ...]
    sections: tuple[Section, ...]
    assumed: str = ""
    # 'for: education GED; budget $0; ...' (the answers the person gave), for the exports.
    answers: str = ""
    milestones: tuple[Milestone, ...] = field(default=())


# --- the answer ---------------------------------------------------------------------------------


def _program_line(plan: Plan) -> Line:
    if plan.program is None:
        return Line("Program", "none left after the rules (see --explain)")
    name = plan.program.name
    # "Online Self-Paced, online" says it twice.
    shown = plan.delivery and plan.delivery.lower() not in name.lower()
    how = f", {plan.delivery}" if shown else ""
    optional = " (optional for you)" if plan.program_optional else ""
    return Line("Program", f"{name}{how}{optional}")


def _funding_line(plan: Plan) -> Line:
    """'your budget of $0 + Veterans Benefits counted for $1,755-$3,955: falls short by
    $130-$375. Counted if the program is approved for the GI Bill.'"""
    budget = plan.budget
    covers = budget.covers
    if covers == "all":
        verdict = "covers it"
    elif covers == "part":
        verdict = f"may fall short by up to {money(budget.gap_max)}"
    else:
        verdict = f"falls short by {money_span(budget.gap_min, budget.gap_max)}"
    counted = [source.name for source in plan.funding.sources if source.counted]
    text = f"Your budget of {money(budget.amount)}"
    if counted:
        low, high = sorted((budget.aid_min, budget.aid_max))
        names = counted[0] if len(counted) == 1 else f"{', '.join(counted[:-1])} and {counted[-1]}"
        # The conditions themselves are under "Funding and aid": the answer stays short.
        conditional = any(source.condition for source in plan.funding.sources if source.counted)
        on = ", on the conditions below" if conditional else ""
        text += f" + {names} ({money_span(low, high)}{on})"
    text += f": {verdict}."
    return Line("Funding", text)


def _fallback_line(fallback: Fallback) -> Line:
    program = fallback.program.name if fallback.program is not None else "no program"
    code = fallback.certification.code
    gap = fallback.gap
    if fallback.covers == "all":
        verdict = "your budget covers it"
    elif fallback.covers == "part":
        verdict = f"your budget may fall short by up to {money(gap.max)}"
    else:
        verdict = f"your budget falls short by {money_span(gap.min, gap.max)}"
    total = money_span(fallback.cost.min, fallback.cost.max)
    return Line("Fallback", f"without the aid: {program} with {code}, {total}; {verdict}.")


def _total_line(plan: Plan) -> Line:
    text = money_span(plan.cost.total_min, plan.cost.total_max)
    newer = plan.total_with_newer_figures
    if newer is not None:
        text += f" ({money_span(newer.min, newer.max)} with newer reported figures)"
    unknown = [item.name for item in plan.cost.items if not item.known]
    if unknown:
        # A total that leaves a cost out says so where it is read.
        text += f", plus {', '.join(unknown)} ({UNKNOWN})"
    return Line("Total cost", text)


def answer_lines(plan: Plan) -> tuple[Line, ...]:
    """The answer: program, certification, total and funding, job-ready, this week's first
    thing."""
    cert = plan.certification
    lines = [
        _program_line(plan),
        Line("Certification", f"{cert.id}, {cert.name}"),
        _total_line(plan),
        _funding_line(plan),
    ]
    if plan.fallback is not None:
        lines.append(_fallback_line(plan.fallback))
    lines.append(Line("Job-ready by", f"about {plan.ready_by.isoformat()} ({_basis(plan)})"))
    if plan.first_actions:
        # A plan that starts in the past has no "this week": its first step is for when you begin.
        label = "First step" if plan.starts_in_past else "This week"
        lines.append(Line(label, plan.first_actions[0]))
    return tuple(lines)


def _basis(plan: Plan) -> str:
    """The estimate's basis in short: the guide's window, which the full basis ends with."""
    basis = plan.ready_by_basis
    head, _, guide = basis.rpartition("; ")
    return f"an estimate; {guide}" if head and guide.startswith("the guide") else basis


# --- the sections -------------------------------------------------------------------------------


def step_dates(step: PlanStep) -> str:
    """'2027-02-01' or '2027-02-01 to 2027-02-15'."""
    if step.start == step.end:
        return step.start.isoformat()
    return f"{step.start.isoformat()} to {step.end.isoformat()}"


def _step_item(step: PlanStep) -> Item:
    details = []
    assumed = False
    for detail in step.details:
        if _ASSUMED_LENGTH.match(detail):
            assumed = True
        else:
            details.append(detail)
    title = f"{step.number}. {step.title}" + (" (length assumed)" if assumed else "")
    return Item(title, step_dates(step), tuple(details), checkbox=True)


def _steps(plan: Plan) -> Section:
    items = tuple(_step_item(step) for step in plan.steps)
    assumed = any(item.text.endswith("(length assumed)") for item in items)
    return Section(
        "Steps",
        items,
        notes=(ASSUMED_LENGTHS_NOTE,) if assumed else (),
        brief=tuple(f"{step_dates(step)}  {step.number}. {step.title}" for step in plan.steps),
    )


def _why(plan: Plan) -> Section:
    """The reasons behind the answer: the program's, the certification's, the estimate's."""
    items = []
    if plan.program is not None:
        items.append(Item(_program_line(plan).text, "Program", plan.program.reasons))
    cert = plan.certification
    items.append(Item(f"{cert.id}, {cert.name}", "Certification", cert.reasons))
    items.append(Item(f"about {plan.ready_by.isoformat()}", "Job-ready by", (plan.ready_by_basis,)))
    if plan.fallback is not None:
        items.append(
            Item(
                "if the counted aid does not come through",
                "Fallback",
                (plan.fallback.summary,),
            )
        )
    return Section("Why this plan", tuple(items), details_only=True)


def _findings(plan: Plan) -> Section | None:
    found = [f"Blocker: {message.text}" for message in plan.findings.blockers]
    found += [f"Warning: {message.text}" for message in plan.warnings]
    if not found:
        return None
    return Section("Blockers and warnings", tuple(Item(text) for text in found), always_full=True)


def _cost(plan: Plan) -> Section:
    cost = plan.cost
    rows = []
    for item in cost.items:
        low, high = (item.min, item.max) if item.known else (None, None)
        figure = money_span(low, high) + ("/yr" if item.per == "year" and item.known else "")
        rows.append((item.name, figure))
    notes = [plan.budget.summary]
    newer = plan.total_with_newer_figures
    if newer is not None:
        notes.append(
            f"With newer reported figures: {money_span(newer.min, newer.max)} "
            f"({'; '.join(newer.because)})."
        )
    notes += list(cost.notes)
    return Section(
        "Cost",
        grid=Grid(
            ("Item", "Cost"), tuple(rows), ("Total", money_span(cost.total_min, cost.total_max))
        ),
        notes=tuple(notes),
        brief=(
            "; ".join(f"{name} {figure}" for name, figure in rows)
            + f". Total {money_span(cost.total_min, cost.total_max)}.",
        ),
    )


def _years(level: PayLevel) -> str:
    low, high = level.years_min, level.years_max
    if high is None:
        return f"{low}+ years"
    return f"{low}-{high} year{'' if high == 1 else 's'}"


def pay_rows(salary: PlanSalary) -> list[tuple[str, str]]:
    """The pay table: the person's experience band, the next one, then any career paths."""
    rows = []
    for level in salary.levels:
        yours = " (yours)" if level.yours else ""
        rows.append((f"{level.name}, {_years(level)}{yours}", money_range(level.annual)))
    for path in salary.career_paths or ():
        rows.append((f"Career path: {path.role} ({path.requirements})", money_range(path.annual)))
    return rows


def pay_notes(salary: PlanSalary) -> list[str]:
    """Hourly pay, the national median with newer figures, remote settings."""
    notes = []
    hourly = [f"{level.name.lower()} {money_range(level.hourly)}" for level in salary.hourly]
    if hourly:
        notes.append(f"Hourly pay in the guide: {', '.join(hourly)} an hour.")
    notes.append(f"National median: {money(salary.national_median)} a year ({salary.source}).")
    # The plan says what the median means in a line of its own, so not the figure's note too.
    notes.extend(f"newer: {figure.label()}" for figure in salary.newer)
    if salary.national_median_series:
        notes.append(salary.national_median_series)
    if salary.experience_band_note:
        notes.append(salary.experience_band_note)
    for setting in salary.remote_settings or ():
        notes.append(f"Remote-friendly setting: {setting.name}, pay {money_range(setting.annual)}.")
    return notes


def _pay(plan: Plan) -> Section:
    rows = pay_rows(plan.salary)
    notes = pay_notes(plan.salary)
    brief = [f"{name}: {figure} a year" for name, figure in rows[:2]]
    if plan.payback is not None:
        notes.insert(0, f"Is it worth it? {plan.payback.note}")
        brief.append(f"Is it worth it? {plan.payback.note}")
    return Section(
        "Expected pay",
        grid=Grid(("Level", "A year"), tuple(rows)),
        notes=tuple(notes),
        brief=tuple(brief),
    )


def funding_lines(plan: Plan) -> list[str]:
    """The budget, then each aid source that applies: amount, condition, counted or not."""
    lines = [f"Your budget: {money(plan.funding.budget)}."]
    for source in plan.funding.sources:
        if not source.applies:
            continue
        amount = source.amount
        shown = amount if isinstance(amount, str) else money_span(amount.min, amount.max)
        state = "counted" if source.counted else "not counted"
        condition = f" Only {source.condition}." if source.condition else ""
        lines.append(f"{source.name}: amount {shown}; {state}.{condition}")
    return lines


def _aid(plan: Plan) -> Section:
    lines = funding_lines(plan)
    items = [Item(line) for line in lines]
    for option in plan.aid:
        newer = tuple(f"newer: {figure.label()}" for figure in option.newer)
        items.append(
            Item(option.description, option.name, (*option.reasons, *newer)),
        )
    notes: tuple[str, ...] = ()
    if not plan.aid:
        notes = (
            ("None needed: your budget covers this path.",)
            if plan.budget.covers == "all"
            else ("None of the guide's options fits your answers (see --explain).",)
        )
    return Section("Funding and aid", tuple(items), notes=notes, brief=(*lines, *notes))


def _actions(plan: Plan) -> Section:
    return Section(
        plan.first_actions_heading,
        tuple(Item(action, checkbox=True) for action in plan.first_actions),
    )


def answered_text(plan: Plan) -> str:
    """The answers the person gave, in words: 'your education: GED; your budget: $0; ...'."""
    findings = plan.findings
    engine = findings.engine
    parts = []
    for name in plan.profile.field_names():
        if name in plan.profile.defaulted or name not in findings.facts:
            continue
        if getattr(plan.profile, name, None) is None:  # an optional answer not given
            continue
        parts.append(f"{engine.label(name)}: {engine.fact_text(name, findings.facts[name])}")
    parts.append(f"start: {plan.profile.start.isoformat()}")
    return "; ".join(parts)


def plan_outline(plan: Plan) -> Outline:
    """The plan's outline: the answer, blockers and warnings, dated steps, cost, pay, funding
    and aid, first actions; and the milestones a calendar holds."""
    sections = [
        section
        for section in (
            _why(plan),
            _findings(plan),
            _steps(plan),
            _cost(plan),
            _pay(plan),
            _aid(plan),
            _actions(plan),
        )
        if section is not None
    ]
    return Outline(
        TITLE,
        answer_lines(plan),
        tuple(sections),
        assumed=plan.assumed,
        answers=answered_text(plan),
        milestones=plan_milestones(plan),
    )


# --- the calendar -------------------------------------------------------------------------------


def plan_milestones(plan: Plan) -> tuple[Milestone, ...]:
    """Each step as one event over its days ('Step 3 of 7: ...'); job-ready; the exam; the
    first renewal, where the guide gives one."""
    from billing_career.reference.renewal import first_renewal

    milestones: list[Milestone] = []
    count = len(plan.steps)
    for step in plan.steps:
        item = _step_item(step)
        details = "\n".join(f"- {detail}" for detail in item.details)
        milestones.append(
            Milestone(
                key=f"step:{step.number}:{step.id}",
                day=step.start,
                title=f"Step {step.number} of {count}: {step.title}",
                description=f"{step_dates(step)}.\n{details}".strip(),
                end=step.end if step.end != step.start else None,
            )
        )
    milestones.append(
        Milestone(
            key="ready-by",
            day=plan.ready_by,
            title="Job-ready by about this date (an estimate)",
            description=plan.ready_by_basis,
        )
    )
    exam = next((step for step in plan.steps if step.id == EXAM_STEP_ID), None)
    if exam is None:
        return tuple(milestones)
    kb = plan.findings.engine.kb
    cert = kb.certification(plan.certification.id)
    milestones.append(
        Milestone(
            key=f"exam:{cert.code}",
            day=exam.end,
            title=f"Finish by: the {cert.code} exam",
            description=f"Sit the {cert.name} ({cert.code}) exam by this date, at the end of "
            f"step {exam.number}, '{exam.title}'.",
        )
    )
    renewal_day = first_renewal(cert, exam.end)
    if renewal_day is not None and cert.renewal is not None:
        every = cert.renewal.every_years
        ceus = (
            f"{cert.renewal.ceus} CEUs (continuing education units)"
            if cert.renewal.ceus is not None
            else "continuing education (the guide gives no number of CEUs)"
        )
        milestones.append(
            Milestone(
                key=f"renewal:{cert.code}",
                day=renewal_day,
                title=f"{cert.code} first renewal due",
                description=(
                    f"{cert.code} renews every {every} year{'s' if every != 1 else ''} with "
                    f"{ceus}, counted from an exam on {exam.end.isoformat()}. "
                    f"Run 'bcareer renew {cert.code} --earned DATE' once you pass."
                ),
            )
        )
    return tuple(milestones)
