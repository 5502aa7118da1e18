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
from billing_career.knowledge.lookup import lower_first
from billing_career.knowledge.wording import and_list, date_text, short_date
from billing_career.planning.amounts import MinMax
from billing_career.render.glossary import Gloss, plan_glossary
from billing_career.render.money import (
    newer_shortfall_text,
    not_assessed_line,
    other_path_text,
    paid_first_text,
    paths_compared_text,
    source_line,
    span_text,
    swapped_note,
    swapped_text,
    up_front_text,
    you_pay_plan_for,
    you_pay_text,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from billing_career.knowledge.models import Fees, KnowledgeBase
    from billing_career.planning.options import PathOption
    from billing_career.planning.payback import PayLevel, PlanSalary
    from billing_career.planning.planner import Fallback, Plan
    from billing_career.planning.timeline import Gate, PlanStep
    from billing_career.reference.costs import ExamPrice, NewerTotal

TITLE = "Your medical billing career plan"
# Under the title: what the plan rests on (the glossary names the guide here, once).
LEAD = "Figures from the guide, with newer reported ones beside them."
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
    # A line under the title (what the plan rests on); empty for outlines without one.
    lead: str = ""
    # 'for: education GED; budget $0; ...' (the answers the person gave), for the exports.
    answers: str = ""
    milestones: tuple[Milestone, ...] = field(default=())
    # The words to explain once, at first use (render.glossary.Explainer reads them).
    glossary: tuple[Gloss, ...] = ()


# --- the answer ---------------------------------------------------------------------------------


def _program_line(plan: Plan) -> Line:
    if plan.program is None and plan.certification.id in plan.profile.failed_exam:
        # A failed CPB says nothing of training (AAPC asks no proof): the retake is the reason.
        return Line("Program", "none needed: you retake the exam you sat")
    exam_only = "exam_only" in plan.findings.flags
    if plan.program is None and exam_only and plan.profile.credentials:
        # A credential held is why there is no training (the person may never have said they
        # trained): say that, not "your training is done".
        held = and_list(list(plan.profile.credentials))
        return Line("Program", f"none needed: you hold the {held}; the exam comes next")
    if plan.program is None and exam_only:
        return Line("Program", "none needed: your training is done; the exam comes next")
    if plan.program is None:
        return Line("Program", "none fits your answers")
    name = plan.program.name
    # "Online Self-Paced, online" says it twice.
    shown = plan.delivery and plan.delivery.lower() not in name.lower()
    how = f", {plan.delivery}" if shown else ""
    optional = " (optional for you)" if plan.program_optional else ""
    return Line("Program", f"{name}{how}{optional}")


def _funding_line(plan: Plan) -> Line:
    """'Your budget of $200 + Workforce Development ($1,600-$3,000, on the conditions below):
    falls short by $85-$1,130.' The amounts are the sum of the sources' counted amounts."""
    budget = plan.budget
    covers = budget.covers
    if covers == "all":
        # An item no source prices is not in the total: the funds cover the rest.
        verdict = (
            f"covers it, apart from {budget.unknown} (unknown)" if budget.unknown else "covers it"
        )
    elif covers == "part":
        verdict = f"may fall short by up to {money(budget.gap_max)}"
    else:
        verdict = f"falls short by {money_span(budget.gap_min, budget.gap_max)}"
    counted = [source for source in plan.funding.sources if source.counted]
    text = f"Your budget of {money(budget.amount)}"
    if counted:
        names = and_list([source.name for source in counted])
        # The conditions themselves are under "Funding and aid": the answer stays short.
        on = ", on the conditions below" if plan.funding.conditional else ""
        text += f" + {names} ({span_text(plan.funding.aid_counted)}{on})"
    text += f": {verdict}"
    # The total line says to plan for newer reports' higher figures: what the funds do against
    # what the person pays of those, where that is another thing.
    # An exam fee paid first and repaid after (the GI Bill's) may be more than the budget holds
    # until it is repaid: at the guide's figures after the guide's verdict, at the total to plan
    # for after newer reports'.
    you = plan.you_pay
    text += up_front_text(budget.amount, MinMax(you.min, you.max), you.paid_first)
    gap = (budget.gap_min, budget.gap_max)
    text += newer_shortfall_text(
        budget.amount,
        gap,
        you.with_newer_figures,
        you.short_at_first_with_newer_figures,
        you.short_at_first,
    )
    return Line("Funding", text + ".")


def _you_pay_line(plan: Plan) -> Line:
    """What the person pays after the counted aid (and without the conditional aid)."""
    you = plan.you_pay
    counted = bool(plan.funding.counted)
    budget = plan.budget
    out_of = budget.amount if budget.covers == "all" and budget.amount > 0 < you.max else None
    text = you_pay_text(
        MinMax(you.min, you.max),
        you.without_conditional_aid,
        you.not_counted,
        counted,
        out_of=out_of,
    )
    # The total line says to plan for newer reports' higher figures (an exam fee, a
    # membership): what the person pays of those.
    # What the person pays up front that the aid repays after (the GI Bill's test fee).
    text = paid_first_text(you_pay_plan_for(text, you.with_newer_figures), you.paid_first)
    return Line("You pay", text)


def _other_path_line(plan: Plan) -> Line | None:
    other = plan.other_path
    if other is None:
        return None
    name = other.program.name
    if other.certification != plan.certification.id:
        name = f"{name} with {other.certification}"
    text = other_path_text(
        name,
        other.cost,
        other.left_to_pay,
        other.ready_by,
        other.timing,
        other.counted_aid_names,
    )
    # A path that leaves no less to pay is named for its date.
    return Line("Less to pay" if other.leaves_less else "Sooner", text)


def swap_reason(plan: Plan, *, scored: bool = False) -> str | None:
    """Why the plan recommends its path over the rules' pick, after 'Recommended over' (the
    answer's "Chosen over" line, the program's first reason); None when it is the pick. scored
    (--details, --explain): with the pick's score, as the rules' first choice."""
    picked = plan.swapped_from
    if picked is None:
        return None
    name = picked.program.name
    # The same program with another certification: the certification is what was swapped.
    same = plan.program is not None and plan.program.id == picked.program.id
    if not same and picked.delivery and picked.delivery.lower() not in name.lower():
        name += f" ({picked.delivery})"
    if picked.certification != plan.certification.id:
        name += f" with {picked.certification}"
    you = plan.you_pay
    return swapped_text(
        name,
        None if same else picked.best_for,
        picked.left_to_pay,
        MinMax(you.min, you.max),
        plan.ready_by,
        picked.ready_by,
        picked.timing,
        plan.findings.score("program", picked.program.id) if scored else None,
    )


def swap_note(plan: Plan) -> str | None:
    """The rules' pick's own entry among the alternatives (--explain), where the plan
    recommends another path in its place: why it does; None when it is the pick."""
    picked = plan.swapped_from
    if picked is None or plan.program is None:
        return None
    you = plan.you_pay
    return swapped_note(
        _the(plan.program.name),
        picked.left_to_pay,
        MinMax(you.min, you.max),
        plan.ready_by,
        picked.ready_by,
        picked.timing,
    )


def _fallback_line(fallback: Fallback) -> Line:
    code = fallback.certification.code
    # An exam-only fallback is the exam alone, not a "program" of none.
    path = (
        f"{fallback.program.name} with {code}"
        if fallback.program is not None
        else f"the {code} exam alone"
    )
    gap = fallback.gap
    if fallback.covers == "all":
        verdict = "your budget covers it"
    elif fallback.covers == "part":
        verdict = f"your budget may fall short by up to {money(gap.max)}"
    else:
        verdict = f"your budget falls short by {money_span(gap.min, gap.max)}"
    total = money_span(fallback.cost.min, fallback.cost.max)
    return Line("Fallback", f"without the aid: {path}, {total}; {verdict}.")


def _total_line(plan: Plan) -> Line:
    text = money_span(plan.cost.total_min, plan.cost.total_max)
    unknown = [item.name for item in plan.cost.items if not item.known]
    if unknown:
        # A total that leaves a cost out says so where it is read.
        text += f", plus {', '.join(unknown)} ({UNKNOWN})"
    newer = plan.total_with_newer_figures
    if newer is not None:
        # Which total to plan for, in short; the Cost section says why.
        low, high = newer.plan_for(plan.cost.total_min, plan.cost.total_max)
        guide = (low, high) == (plan.cost.total_min, plan.cost.total_max)
        newer_text = money_span(newer.min, newer.max)
        text += (
            f" (plan for this; newer reports: {newer_text})"
            if guide
            else f"; newer reports: {newer_text}; plan for {money_span(low, high)}"
        )
    return Line("Total cost", text)


def plan_for_text(low: float, high: float, newer: NewerTotal) -> str:
    """Which total to plan for when newer reports differ from the guide's: the higher at each
    end, so that the money is enough whichever figure is right."""
    plan_low, plan_high = newer.plan_for(low, high)
    return (
        f"Newer reports give {money_span(newer.min, newer.max)}; plan for "
        f"{money_span(plan_low, plan_high)}, the higher figures, so you have enough either way."
    )


def answer_lines(plan: Plan) -> tuple[Line, ...]:
    """The answer: program, certification, total and funding, job-ready, this week's first
    thing."""
    cert = plan.certification
    # A check the whole plan rests on (the exclusion list): what not to do while it fails comes
    # first, before the plan for after it.
    gate = [Line("Important", plan.gate.answer)] if plan.gate is not None else []
    lines = [
        *gate,
        _program_line(plan),
        Line("Certification", f"{cert.id}, {cert.name}"),
        _total_line(plan),
        _funding_line(plan),
        _you_pay_line(plan),
    ]
    # The rules' pick, where the plan recommends a path that leaves less in its place.
    swapped = swap_reason(plan)
    if swapped is not None:
        lines.append(Line("Chosen over", swapped))
    other = _other_path_line(plan)
    if other is not None:
        lines.append(other)
    if plan.fallback is not None:
        lines.append(_fallback_line(plan.fallback))
    lines.append(Line("Job-ready by", f"about {_ready_text(plan)} ({_basis(plan)})"))
    if plan.first_actions:
        # A plan that starts in the past has no "this week": its first step is for when you begin.
        label = "First step" if plan.starts_in_past else "This week"
        lines.append(Line(label, plan.first_actions[0]))
    return tuple(lines)


def _ready_text(plan: Plan) -> str:
    """'August 8, 2027', or with what it rests on: 'August 8, 2027, if you are off the
    exclusion list before training starts'."""
    condition = plan.ready_by_condition
    day = date_text(plan.ready_by)
    return f"{day}, {condition}" if condition else day


def _basis(plan: Plan) -> str:
    """The estimate's basis in short: the guide's window, which the full basis ends with."""
    basis = plan.ready_by_basis
    head, _, guide = basis.rpartition("; ")
    wait = plan.enroll_wait
    # The decision the enroll step waits for (VR's 60 days) is why the dates start late.
    waits = (
        ""
        if wait is None
        else f"you enroll once {wait.name} decides, within {wait.days} days of your asking"
    )
    if head and guide.startswith("the guide"):
        return f"an estimate: {waits}; {guide}" if waits else f"an estimate; {guide}"
    return f"{basis}; {waits}" if waits else basis


# --- the sections -------------------------------------------------------------------------------

OPTIONS_TITLE = "Your options"
OPTIONS_HEADER = ("Option: program", "Cert", "Total cost", "Left to pay", "Job-ready", "Payback")


def option_program(option: PathOption) -> str:
    """'Online Self-Paced', 'Short Certificate, online', 'none'; '(optional)' when it is."""
    program = option.program
    if program is None:
        return "no training"
    how = program.delivery
    # "Online Self-Paced, online" says it twice.
    text = program.name + (f", {how}" if how and how.lower() not in program.name.lower() else "")
    return text + (" (optional)" if program.optional else "")


def payback_text(months: tuple[float, float] | None, *, given: bool, basis: str = "gain") -> str:
    """'2-11 months', '1 month', 'up to 3 months' or 'at once' (nothing, or nothing at the low
    end, left to pay), 'never', 'not given' where the guide gives no figure (its pay
    goes by experience), or 'n/a' without a current pay."""
    if not given:
        return "n/a"
    if basis == "experience":
        return "not given"
    if months is None:
        return "never"
    low, high = int(months[0]), int(months[1])
    if high <= 0:
        # Nothing left to pay: nothing to repay.
        return "at once"
    if low <= 0:
        return f"up to {high} month{'' if high == 1 else 's'}"
    span = str(low) if low == high else f"{low}-{high}"
    return f"{span} month{'' if span == '1' else 's'}"


# The labels as the table words them (the JSON keeps the ids).
# "lowest-cost" is the least LEFT to pay after the aid counted, not the lowest total.
OPTION_LABELS = {"lowest-cost": "least to pay", "goal": "your goal"}


def _label(label: str) -> str:
    """A row's label as the table words it."""
    return OPTION_LABELS.get(label, label)


def option_row(option: PathOption, *, payback: bool = True) -> tuple[str, ...]:
    """One row of the options table (without its payback when no one's pay is known)."""
    labels = ", ".join(_label(label) for label in option.labels)
    row = (
        f"{labels}: {option_program(option)}",
        option.certification.code,
        money_span(option.cost.min, option.cost.max),
        money_span(option.left_to_pay.min, option.left_to_pay.max),
        short_date(option.ready_by),
    )
    if not payback:
        return row
    months = option.payback.months if option.payback is not None else None
    return (
        *row,
        payback_text(
            None if months is None else (months.min, months.max),
            given=option.payback is not None,
            basis=option.payback.basis if option.payback is not None else "gain",
        ),
    )


def options_aid_note(options: Sequence[PathOption]) -> str:
    """' Aid counted: Federal Financial Aid in the least to pay row; none in the others. Least
    to pay: the least left to pay after the aid counted, not the lowest total.' What each
    row's left to pay rests on where the rows count different aid ('' where each counts the
    same, which the Funding line names, or none), and what the least-to-pay label means where
    another row costs less in all."""
    counted = [option for option in options if option.counted_aid]
    # The rows by the aid they count, in the table's order: each set of sources named once.
    rows: dict[tuple[str, ...], list[PathOption]] = {}
    for option in counted:
        rows.setdefault(option.counted_aid, []).append(option)
    # The row without aid counts none by its name: "none" is said of the other rows.
    rest = [o for o in options if not o.counted_aid and o.labels != ("without-aid",)]
    if not rows or (len(rows) == 1 and not rest):
        return ""
    parts = []
    for same in rows.values():
        names = and_list(list(same[0].counted_aid_names))
        where = and_list([", ".join(_label(label) for label in o.labels) for o in same])
        parts.append(f"{names} in the {where} row{'s' if len(same) > 1 else ''}")
    others = "; none in the others" if rest else ""
    text = f" Aid counted: {'; '.join(parts)}{others}."
    least = next((option for option in options if "lowest-cost" in option.labels), None)
    if least is not None and any(
        (option.cost.max, option.cost.min) < (least.cost.max, least.cost.min) for option in options
    ):
        text += " Least to pay: the least left to pay after the aid counted, not the lowest total."
    return text


def options_unpriced_note(options: Sequence[PathOption]) -> str:
    """' The recommended row's cost leaves out the AMBA membership: no source gives its price.'
    for rows whose path has a cost no source prices (CMRS's membership); '' for none."""
    rows: dict[tuple[str, ...], list[PathOption]] = {}
    for option in options:
        if option.not_counted:
            rows.setdefault(option.not_counted, []).append(option)
    parts = []
    for names, same in rows.items():
        where = and_list([", ".join(_label(label) for label in o.labels) for o in same])
        whose = "rows' costs leave" if len(same) > 1 else "row's cost leaves"
        its = "their prices" if len(names) > 1 else "its price"
        things = and_list([f"the {name}" for name in names])
        parts.append(f" The {where} {whose} out {things}: no source gives {its}.")
    return "".join(parts)


def _less_than_least_note(plan: Plan) -> str:
    """' Less to pay, above: of the paths ready as soon, the one that leaves least; the least
    to pay row is ready later.' where the answer's "Less to pay" names another path than the
    table's least-to-pay row (both true, and read as a contradiction without it); '' else."""
    if not plan.other_path_is_not_the_least:
        return ""
    return (
        " Less to pay, above: of the paths ready as soon, the one that leaves least; the least"
        " to pay row is ready later."
    )


def _newer_figures_note(plan: Plan) -> str:
    """' The rows are at the guide's figures; newer reports raise the recommended row's: plan
    for $745-$1,022 in all, $745-$1,022 left to pay.' where the Total cost line says to plan for
    other figures than the guide's (the rows, priced alike at the guide's, compare fairly; the
    recommended row's figures then differ from the answer's); '' otherwise."""
    raised = plan_for_raised(plan)
    if not raised:
        return ""
    return (
        " The rows are at the guide's figures; newer reports raise the recommended row's:"
        f" {raised}."
    )


def plan_for_raised(plan: Plan) -> str:
    """'plan for $745-$1,022 in all, $745-$1,022 left to pay' where the Total cost line says to
    plan for newer reports' higher figures than the guide's; '' where the guide's stand."""
    newer = plan.total_with_newer_figures
    if newer is None:
        return ""
    low, high = newer.plan_for(plan.cost.total_min, plan.cost.total_max)
    if (low, high) == (plan.cost.total_min, plan.cost.total_max):
        return ""
    paid = plan.you_pay.with_newer_figures
    left = "" if paid is None else f", {money_span(paid.min, paid.max)} left to pay"
    return f"plan for {money_span(low, high)} in all{left}"


def _options(plan: Plan) -> Section | None:
    """The paths worth weighing side by side: the plan's own, the lowest-cost, the fastest, and
    the one without aid, in one small table and one note."""
    if not plan.options:
        return None
    labels = {label for option in plan.options for label in option.labels}
    note = "Left to pay: after the aid counted for that path; dates are estimates."
    if plan.ready_by_condition:
        # Every path's date rests on what the plan's own does (the exclusion list).
        note = note[:-1] + f", and hold only {plan.ready_by_condition}."
    note += options_aid_note(plan.options)
    note += options_unpriced_note(plan.options)
    note += _newer_figures_note(plan)
    note += _less_than_least_note(plan)
    if "without-aid" in labels:
        # Not "what your budget alone pays for": with a budget of $0 it pays for nothing.
        note += (
            " Without-aid: the path to take if the aid does not come through, paid from your own"
            " money."
        )
    given = plan.profile.current_pay is not None
    if given and any(
        option.payback is not None and option.payback.basis == "experience"
        for option in plan.options
    ):
        note += (
            " Payback: not given, as the guide's pay goes by years of experience and gives no"
            " figure for what a certification adds."
        )
    elif given and plan.payback is not None and plan.payback.hours_per_week != 40:
        note += (
            " Payback: months until the pay you gain, at the hours you work now, repays what is"
            " left to pay."
        )
    elif given:
        note += " Payback: months until the pay you gain repays what is left to pay."
    else:
        note += " Say what you earn now to see how soon each path pays for itself."
    header = OPTIONS_HEADER if given else OPTIONS_HEADER[:-1]
    # Your goal: why the path of the goal you gave is not the plan's, under the table.
    goal = () if plan.goal_row is None else (goal_note(plan),)
    return Section(
        OPTIONS_TITLE,
        grid=Grid(header, tuple(option_row(option, payback=given) for option in plan.options)),
        notes=(note, *goal),
        always_full=True,
    )


def _the(name: str) -> str:
    """'the Associate Degree', 'Online Self-Paced' (as the budget rules name programs)."""
    return name if name.startswith("Online") else f"the {name}"


def goal_note(plan: Plan) -> str:
    """Why the path of the goal the person gave is not the plan's, from the facts of
    planning/options.py GoalRow: on what the goal's path rests (the guide's table or words, or
    this tool's reading), what favored the recommendation, and the two paths side by side."""
    row = plan.goal_row
    assert row is not None
    engine = plan.findings.engine
    goal = engine.fact_text("goal", row.goal)
    name = _the(row.path.name)
    if row.basis == "best-for" and row.words:
        head = f"the guide rates {name} best for {lower_first(row.words)}"
    elif row.basis == "guide-says" and row.words:
        head = f'the guide lists "{lower_first(row.words)}" for {name}'
    else:
        # The tool's own reading: said as the tool's, never cited to the guide.
        head = f"this tool (not the guide) points to {name}, as {row.because}"
    why = []
    if row.goal_rule_favors:
        if row.recommended_basis == "best-for" and row.recommended_words:
            why.append(f"the guide rates best for {lower_first(row.recommended_words)}")
        elif row.recommended_basis is not None:
            why.append("this tool also points to for your goal")
        else:
            why.append("a rule on your goal favors")
    if row.favoring_answers:
        labels = [engine.label(fact) for fact in row.favoring_answers]
        why.append(f"{and_list(labels)} favor{'s' if len(labels) == 1 else ''}")
    mine, theirs = row.scores
    if row.ranked_by == "gap":
        # The scores did not decide: the gap each program leaves did.
        why = []
        scored = (
            "your budget, with any aid counted, reaches the low end of no program type, so the "
            "plan takes the one that leaves the smallest gap"
        )
    elif mine == theirs:
        scored = f"the rules score both {theirs}, and the tie-break order puts it first"
    else:
        scored = f"the rules score it {theirs} against {mine}"
    which = f", which {and_list(why)}" if why else ""
    recommended = row.recommended
    compared = paths_compared_text(
        recommended.left_to_pay, row.path.left_to_pay, recommended.ready_by, row.path.ready_by
    )
    return (
        f"Your goal, {goal}: {head}; the plan recommends {_the(recommended.name)}{which} "
        f"({scored}): {compared}."
    )


def step_dates(step: PlanStep) -> str:
    """'February 1, 2027' or 'February 1, 2027 to February 15, 2027'."""
    if step.start == step.end:
        return date_text(step.start)
    return f"{date_text(step.start)} to {date_text(step.end)}"


def _table_dates(steps: tuple[PlanStep, ...]) -> list[str]:
    """Each step's dates as people write a span: 'Jan 11 to Jan 25, 2027', 'Dec 21, 2026 to
    Jun 21, 2027', 'Jun 21, 2027'; every span says its year (readers could not guess it)."""
    out = []
    for step in steps:
        start, end = step.start, step.end
        if start == end:
            out.append(short_date(start))
        elif start.year == end.year:
            out.append(f"{short_date(start, year=start.year)} to {short_date(end)}")
        else:
            out.append(f"{short_date(start)} to {short_date(end)}")
    return out


def _step_item(step: PlanStep, dates: str) -> Item:
    details = []
    assumed = False
    for detail in step.details:
        if _ASSUMED_LENGTH.match(detail):
            assumed = True
        else:
            details.append(detail)
    title = f"{step.number}. {step.title}" + (" (length assumed)" if assumed else "")
    return Item(title, dates, tuple(details), checkbox=True)


def gate_heading(gate: Gate) -> str:
    """'Steps 2-9, only once you are off the exclusion list (reinstated):', said before the
    steps that hold only once the check passes."""
    steps = gate.conditional_steps
    which = f"Step {steps[0]}" if len(steps) == 1 else f"Steps {steps[0]}-{steps[-1]}"
    return f"{which}, only {gate.condition}:"


def _steps(plan: Plan) -> Section:
    dates = _table_dates(plan.steps)
    gate = plan.gate
    items: list[Item] = []
    brief: list[str] = []
    for step, when in zip(plan.steps, dates, strict=True):
        if gate is not None and step.number == next(iter(gate.conditional_steps), None):
            # The steps after the check are the plan for once it passes: said before them.
            items.append(Item(gate_heading(gate)))
            brief.append(f"  {gate_heading(gate)}")
        items.append(_step_item(step, when))
        brief.append(f"{when}  {step.number}. {step.title}")
        if gate is not None and step.number == gate.step:
            # What to do while the check fails, even in the short plan (its details say it too).
            brief.append(f"  {gate.stop}")
    assumed = any(item.text.endswith("(length assumed)") for item in items)
    return Section(
        "Steps",
        tuple(items),
        notes=(ASSUMED_LENGTHS_NOTE,) if assumed else (),
        brief=tuple(brief),
    )


def _why(plan: Plan) -> Section:
    """The reasons behind the answer: the program's, the certification's, the estimate's."""
    items = []
    if plan.program is not None:
        swapped = swap_reason(plan, scored=True)
        first = () if swapped is None else (f"Recommended over {swapped}",)
        items.append(Item(_program_line(plan).text, "Program", (*first, *plan.program.reasons)))
    cert = plan.certification
    items.append(Item(f"{cert.id}, {cert.name}", "Certification", cert.reasons))
    items.append(Item(f"about {_ready_text(plan)}", "Job-ready by", (plan.ready_by_basis,)))
    if plan.fallback is not None:
        items.append(
            Item(
                "if the counted aid does not come through",
                "Fallback",
                (plan.fallback.summary,),
            )
        )
    return Section("Why this plan", tuple(items), details_only=True)


def exam_lines(kb: KnowledgeBase, code: str, price: ExamPrice | None = None) -> tuple[str, ...]:
    """The exam in a few lines: who gives it and where to register, whether it can be taken
    online, and what being a member changes (with price: the fee the plan's path counts)."""
    cert = kb.certification(code)
    org = kb.organization(cert.issuer) if cert.issuer else None
    issuer = (org.abbreviation or org.name) if org else None
    lines = []
    taking = cert.taking
    if org is not None:
        who = f"{issuer} ({org.name})" if org.abbreviation else org.name
        where = f"sign up on its website, {taking.register}" if taking else "ask it how to sign up"
        lines.append(f"Given by {who}: {where}.")
    elif reported := cert.updates_for("issuer"):
        lines.append(
            f"Given by {reported[0].summary}, a newer report says; the guide does not name who "
            "gives it."
        )
    else:
        # Said once, so that "ask the issuer" below does not stand for a body the plan knows.
        lines.append(f"The guide does not name who gives the {code} exam, and no source here does.")
    if taking is None or taking.online is None:
        lines.append("No source here says whether you can take it from home: ask the issuer.")
    elif taking.online:
        lines.append(f"You can take it {taking.how}.")
    else:
        lines.append(f"You take it in person: {taking.how}.")
    from billing_career.reference.costs import membership_required_reports

    if price is not None:
        lines.append(exam_price_line(price))
        return tuple(lines)
    required_as_reported = bool(membership_required_reports(kb, cert))
    lines.append(_member_line(cert.fees, issuer, cert.membership_required, required_as_reported))
    return tuple(lines)


def exam_price_line(price: ExamPrice) -> str:
    """The fee a path counts, in plain words, beside the other price and the membership the
    member price needs, the guide's figures first, then the newer ones."""
    body = price.issuer or "the issuer"
    member, other = price.member_fee or 0, price.non_member_fee or 0
    dues = price.membership
    if price.counted == "member":
        text = f"Exam fee: this plan counts {money(member)} for {body} members"
        if dues is not None and price.membership_counted:
            text += (
                f" and a year of the membership that price needs, {money(dues)} in the guide "
                f"({money(member + dues)} in all; the guide's fee without membership is "
                f"{money(other)})."
            )
        else:
            text += f" (the guide's fee without membership is {money(other)})."
        if price.already_member and dues is not None:
            text += (
                " You are a member through a certification you hold: if your membership is "
                f"paid through the exam, you pay {money(dues)} less."
            )
    else:
        text = (
            f"Exam fee: this plan counts the guide's {money(other)} for people who are not "
            f"{body} members."
        )
        if dues is not None:
            text += (
                f" Members pay {money(member)}, but the membership costs {money(dues)} a year "
                f"in the guide ({money(member + dues)} in all)."
            )
        else:
            text += f" Members pay {money(member)}, plus the membership."
    newer = _newer_exam_price(price)
    if price.required_reported and price.counted == "non-member":
        # Not a choice: newer reports offer no non-member fee (the first action says to join).
        text += (
            f" Newer reports say you must be a member to take it, so the guide's "
            f"{money(other)} for others may not be offered"
        )
        text += f"; they give: {newer}." if newer else "."
    elif newer:
        text += f" Newer reports: {newer}."
    if newer:
        text += " The total to plan for counts the newer figures where they are higher."
    return text


def _newer_exam_price(price: ExamPrice) -> str:
    """'$425 one attempt / $499 two attempts; ...; AAPC membership $157-$222 a year', or ''."""
    newer = [figure.summary for figure in price.newer_fees]
    span = price.newer_membership_span
    if span is not None:
        newer.append(f"{price.issuer or 'the issuer'} membership {money_span(*span)} a year")
    return "; ".join(newer)


def exam_cost_note(price: ExamPrice) -> str:
    """The exam fee of the cost list in one sentence: which price it is, the other price with
    the membership, and the newer figures."""
    body = price.issuer or "the issuer"
    member, other = price.member_fee or 0, price.non_member_fee or 0
    dues = price.membership
    dues_text = "" if dues is None else f", {money(dues)} a year in the guide"
    if price.counted == "member":
        text = (
            f"The {price.code} exam fee is the member {money(member)}, so {body} membership is "
            f"counted too{dues_text} (without membership: {money(other)})"
        )
    else:
        text = (
            f"The {price.code} exam fee is the non-member {money(other)} (members pay "
            f"{money(member)} plus {body} membership{dues_text})"
        )
    newer = _newer_exam_price(price)
    return text + (f"; newer reports: {newer}." if newer else ".")


def _member_line(
    fees: Fees | None, issuer: str | None, required: bool | None, reported: bool = False
) -> str:
    """Member or not, in one line: what each pays, and whether membership is needed (reported:
    newer reports say it is, where the guide gives a fee for others too)."""
    body = issuer or "the issuer"
    if fees is None or (fees.single, fees.member, fees.non_member) == (None, None, None):
        return "Exam fee: no source gives it; ask the issuer."
    if fees.single is not None:
        return f"Exam fee: {money(fees.single)}, one price for everyone."
    must = " You must be a member to take it." if required else ""
    if fees.member is not None and fees.non_member is not None and reported and not required:
        # Not a choice: the non-member fee is the guide's, which newer reports do not offer.
        return (
            f"Exam fee: {money(fees.member)} for {body} members. Newer reports say you must be "
            f"a member to take it, with no non-member fee, so the guide's "
            f"{money(fees.non_member)} for others may not be offered."
        )
    if fees.member is not None and fees.non_member is not None:
        return (
            f"Exam fee: {money(fees.member)} for {body} members, {money(fees.non_member)} for "
            f"others.{must}"
        )
    if fees.member is not None:
        return f"Exam fee: {money(fees.member)} for members of {body}.{must}"
    return f"Exam fee: {money(fees.non_member)} for people who are not members of {body}."


def _retake_limit(kb: KnowledgeBase, code: str) -> str | None:
    """A retake's reported limit on attempts, said with who reports it, where the data holds
    one (a counselor asks how many attempts are left)."""
    cert = kb.certification(code)
    limit = cert.retake.limit if cert.retake is not None else None
    if limit is None:
        return None
    source = kb.source(limit.source.id)
    who = "the issuer reports" if source.kind == "issuer" else "third parties report"
    org = kb.organization(cert.issuer) if cert.issuer else None
    ask = f"ask {org.abbreviation or org.name}" if org else "ask the issuer"
    return (
        f"Retakes: {who} {limit.attempts} attempts, then a {limit.then_wait_months}-month wait "
        f"before the next; {ask} how many attempts you have left."
    )


def _exam(plan: Plan) -> Section:
    from billing_career.reference.costs import exam_price

    kb = plan.findings.engine.kb
    price = (
        exam_price(kb, plan.cost) if plan.cost.certification.code == plan.certification.id else None
    )
    lines = exam_lines(kb, plan.certification.id, price)
    if plan.certification.id in plan.profile.failed_exam:
        limit = _retake_limit(kb, plan.certification.id)
        lines += (limit,) if limit else ()
    provisional = plan.provisional_exam
    if provisional is not None:
        # Most plans date the exam after the diploma: the certificate is then another route.
        route = "" if provisional.in_plan else " (this plan's exam comes after you graduate)"
        lines += (
            "While you are in high school: a student within "
            f"{provisional.months_before_graduation} months of graduating may test for a "
            f"provisional certificate{route}.",
        )
    return Section(
        f"The {plan.certification.id} exam", tuple(Item(line) for line in lines), brief=lines
    )


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
    from billing_career.reference.costs import exam_price

    notes = [plan.budget.summary]
    price = exam_price(plan.findings.engine.kb, cost)
    exam_note = "" if price is None else exam_cost_note(price)
    if exam_note:
        notes.append(exam_note)
    newer = plan.total_with_newer_figures
    if newer is not None:
        notes.append(
            f"{plan_for_text(cost.total_min, cost.total_max, newer)} The newer figures: "
            f"{'; '.join(newer.because)}."
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
            + f". Total {money_span(cost.total_min, cost.total_max)}."
            + (f" {exam_note}" if exam_note else "")
            # Which total to plan for, and why, in the short form too.
            + (f" {plan_for_text(cost.total_min, cost.total_max, newer)}" if newer else ""),
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
    state = plan.salary.state
    if state is not None and state.rows:
        for row in state.rows:
            top = (
                f", top 10% {money(row.top_10_percent_annual)}"
                if row.top_10_percent_annual is not None
                else ""
            )
            line = (
                f"Your state ({row.state}): median {money(row.median_annual)} a year{top} "
                f"(your figures: {row.source}{', ' + row.date if row.date else ''})."
            )
            brief.append(line)
            notes.insert(0, line)
    elif state is not None:
        line = (
            f"Your state ({state.state}): no state pay figures are bundled and none of your "
            "own were found, so these are the guide's national figures."
        )
        brief.append(line)
        notes.insert(0, line)
    return Section(
        "Expected pay",
        grid=Grid(("Level", "A year"), tuple(rows)),
        notes=tuple(notes),
        brief=tuple(brief),
    )


def funding_lines(plan: Plan, *, brief: bool = False) -> list[str]:
    """Each aid source that applies: what it counts (of its own amount) and on what condition,
    or why it is not counted; then the total counted. In brief, the sources that pay for
    nothing (named, never money) are left to the full list, and the budget (on the first
    screen) is not repeated."""
    lines = [] if brief else [f"Your budget: {money(plan.funding.budget)}."]
    for source in plan.funding.sources:
        if not source.applies:
            continue
        if brief and not source.counted and not source.pays_for:
            # Named, never money, and nothing to do about it this week (an apprenticeship, a
            # payment plan, which the first actions ask about): the full list has them.
            continue
        lines.append(source_line(source))
    if len(plan.funding.counted) > 1:
        lines.append(f"Aid counted in all: {span_text(plan.funding.aid_counted)}.")
    # Aid an answer not given leaves undecided, with the question that would decide it.
    questions = {
        question.id: question.prompt for question in plan.findings.engine.kb.questions.questions
    }
    for item in plan.not_assessed:
        lines.append(not_assessed_line(item, [questions[answer] for answer in item.answers]))
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
            (_none_needed(plan),)
            if plan.budget.covers == "all"
            else ("None of the guide's options fits your answers.",)
        )
    brief = (*funding_lines(plan, brief=True), *notes)
    if not brief:
        # Only options that are named, never money: say so rather than leave a bare heading.
        brief = (
            (_none_needed(plan),)
            if plan.budget.covers == "all"
            else ("No aid counts toward this path: what it costs comes from your budget.",)
        )
    return Section("Funding and aid", tuple(items), notes=notes, brief=brief)


def _none_needed(plan: Plan) -> str:
    """No aid named, as the budget covers the path at the guide's figures: and where it does
    not at newer reports' (the summary's and the warning's shortfall), that too."""
    planned = plan.budget.planned
    if planned is None:
        return "None needed: your budget covers this path."
    return (
        "None needed at the guide's figures, which your budget covers; at newer reports' "
        f"figures it {planned.shortfall}."
    )


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
    profile = plan.profile
    origins = profile.origins
    wage = profile.hourly_pay_cents
    for name in profile.field_names():
        # Only what the person said (a default is on the "Assumed" line, or says nothing).
        if origins.get(name) == "default" or name not in findings.facts:
            continue
        if getattr(profile, name, None) is None:  # an optional answer not given
            continue
        if wage is not None and name == "hours_per_week":
            continue  # said with the wage
        text = engine.fact_text(name, findings.facts[name])
        if wage is not None and name == "current_pay":
            # As the person gave it, by the hour, with the yearly figure the plan uses.
            hours = profile.hours_per_week
            text = (
                f"{money(wage / 100)} an hour ({text} a year at {hours} "
                f"hour{'' if hours == 1 else 's'} a week)"
            )
        parts.append(f"{engine.label(name)}: {text}")
    parts.append(f"start: {date_text(plan.profile.start)}")
    return "; ".join(parts)


def made_text(outline: Outline, made_on: dt.date) -> str:
    """'Made on November 30, 2026 for: your education: GED; ...' (the answers the person gave)."""
    return f"Made on {date_text(made_on)} for: {outline.answers}."


def plan_outline(plan: Plan) -> Outline:
    """The plan's outline: the answer, blockers and warnings, dated steps, cost, pay, funding
    and aid, first actions; and the milestones a calendar holds."""
    sections = [
        section
        for section in (
            # Blockers and warnings right after the answer, on the first screen.
            _findings(plan),
            _options(plan),
            _why(plan),
            _steps(plan),
            _exam(plan),
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
        lead=LEAD,
        answers=answered_text(plan),
        milestones=plan_milestones(plan),
        glossary=plan_glossary(plan.findings.engine.kb),
    )


# --- the calendar -------------------------------------------------------------------------------


def plan_milestones(plan: Plan) -> tuple[Milestone, ...]:
    """Each step as one event over its days ('Step 3 of 7: ...'); job-ready; the exam; the
    first renewal, where the guide gives one."""
    from billing_career.reference.renewal import first_renewal

    milestones: list[Milestone] = []
    count = len(plan.steps)
    gate = plan.gate
    for step in plan.steps:
        item = _step_item(step, step_dates(step))
        details = "\n".join(f"- {detail}" for detail in item.details)
        # A step that holds only once a check passes says so first, as its calendar event.
        only = (
            f"Only {gate.condition}. "
            if gate is not None and step.number in gate.conditional_steps
            else ""
        )
        milestones.append(
            Milestone(
                key=f"step:{step.number}:{step.id}",
                day=step.start,
                title=f"Step {step.number} of {count}: {step.title}",
                description=f"{only}{step_dates(step)}.\n{details}".strip(),
                end=step.end if step.end != step.start else None,
            )
        )
    milestones.append(
        Milestone(
            key="ready-by",
            day=plan.ready_by,
            title="Job-ready by about this date (an estimate)",
            description=(
                f"{plan.ready_by_basis}; {plan.ready_by_condition}"
                if plan.ready_by_condition
                else plan.ready_by_basis
            ),
        )
    )
    exam = next((step for step in plan.steps if step.id == EXAM_STEP_ID), None)
    if exam is None:
        return tuple(milestones)
    kb = plan.findings.engine.kb
    cert = kb.certification(plan.certification.id)
    # The exam and its renewal rest on the check as the exam's step does.
    only = (
        f"Only {gate.condition}. "
        if gate is not None and exam.number in gate.conditional_steps
        else ""
    )
    milestones.append(
        Milestone(
            key=f"exam:{cert.code}",
            day=exam.end,
            title=f"Finish by: the {cert.code} exam",
            description=f"{only}Sit the {cert.name} ({cert.code}) exam by this date, at the end "
            f"of step {exam.number}, '{exam.title}'.",
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
                    f"{only}{cert.code} renews every {every} year{'s' if every != 1 else ''} with "
                    f"{ceus}, counted from an exam on {date_text(exam.end)}. "
                    f"Once you pass, run 'bcareer renew {cert.code}' with the day you passed "
                    "for your renewal dates."
                ),
            )
        )
    return tuple(milestones)
