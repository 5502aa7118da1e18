"""The plan's dates: one numbered list of steps that may overlap (all of the plan's date logic).

- the diploma or GED, when needed, comes first; enrollment takes the plan's first weeks after it,
  or, with training to enroll in, as long as an aid office that applies takes to decide (VR's
  60 days);
- optional preparation runs alongside training, from its first day;
- the externship sits inside the program's last weeks; exam preparation overlaps the end of
  training and the exam follows within planning.exam_after_weeks;
- for certificate paths the exam never falls later than the guide's job-ready window after
  training starts (role.yaml job_ready_months); job-ready is the exam day, an estimate with its
  basis; with training optional (a year of experience) the exam follows exam preparation, and
  the optional training is dated for as long as it would take, the exam not waiting for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from billing_career.knowledge.dates import add_months
from billing_career.knowledge.figures import money_span
from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.knowledge.wording import and_list, date_text, fee_text, renewal_text
from billing_career.records import fast_init

if TYPE_CHECKING:
    from billing_career.knowledge.models import BySchedule, Certification, KnowledgeBase, Program
    from billing_career.planning.money import AidWait


@fast_init
@dataclass(frozen=True)
class PlanStep:
    """One dated step; id is the guide step's (steps.yaml) or the rules' early step's."""

    number: int
    id: str
    title: str
    start: dt.date
    end: dt.date
    details: tuple[str, ...]


@fast_init
@dataclass(frozen=True)
class Draft:
    """A step before numbering."""

    id: str
    title: str
    start: dt.date
    end: dt.date
    details: tuple[str, ...]


@dataclass(frozen=True)
class Gate:
    """A check the steps after it rest on (an early step's gate): while it fails, the person
    stops at it (JSON `gate`; null for a plan without one)."""

    # The check's step: its number and id.
    step: int
    step_id: str
    # The numbers of the steps that hold only once the check passes: every later one.
    conditional_steps: tuple[int, ...]
    # What they hold on ("once you are off the exclusion list (reinstated)").
    condition: str
    # What to do while the check fails, said with the step.
    stop: str
    # The plan's first line, before the program.
    answer: str
    # This week's first action: the check itself; and the one that stands for every action
    # held back until it passes ("Once you are off ..., go on from step 2 ...").
    action: str = ""
    later_action: str = ""
    # The kinds of first action kept beside the check (StepGate.keeps).
    keeps: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True)
class Timeline:
    """The numbered steps, the job-ready estimate and its basis, and when training starts."""

    steps: tuple[PlanStep, ...]
    ready_by: dt.date
    ready_by_basis: str
    training_start: dt.date
    # What the date rests on that the plan cannot know (an early step's ready_condition).
    ready_by_condition: str | None = None
    # A check every later step rests on (the exclusion list), or None.
    gate: Gate | None = None
    # The aid office's decision that lengthened the enroll step (VR's 60 days), or None: none
    # given, no training to enroll in, or the step as long without it.
    waited: AidWait | None = None


def weeks_for(by: BySchedule, schedule: str) -> int:
    """A planning figure for this schedule."""
    if schedule == "full-time":
        return by.full_time
    if schedule == "part-time":
        return by.part_time
    return by.flexible


def after_weeks(day: dt.date, weeks: int) -> dt.date:
    """The day this many weeks later."""
    return day + dt.timedelta(weeks=weeks)


def before_weeks(day: dt.date, weeks: int) -> dt.date:
    """The day this many weeks earlier."""
    return day - dt.timedelta(weeks=weeks)


def plural(count: int, unit: str) -> str:
    """'1 week', '3 weeks'."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def program_months(kb: KnowledgeBase, program: Program, schedule: str) -> tuple[int, str]:
    """The months planned for a program on this schedule, and the sentence that says why."""
    from billing_career.knowledge.models import Range

    planning = kb.rules.planning
    span = program.duration_months
    note = ""
    if not isinstance(span, Range):
        span = planning.varies_months
        note = f" {planning.varies_note}"
    point = {
        "full-time": planning.schedule_point.full_time,
        "part-time": planning.schedule_point.part_time,
        "flexible": planning.schedule_point.flexible,
    }[schedule]
    if point == "min":
        months, which = span.min, "the short end"
    elif point == "max":
        months, which = span.max, "the long end"
    else:
        months, which = math.ceil((span.min + span.max) / 2), "the middle"
    months = math.ceil(months)
    factor = planning.part_time_fixed_length_factor
    if span.min == span.max and schedule == "part-time" and factor > 1:
        # The guide's one length is a full-time one: part-time study takes longer.
        longer = math.ceil(months * factor)
        return longer, (
            f"Planned as {plural(longer, 'month')}: the guide gives {plural(months, 'month')} "
            f"of full-time study, and part-time study is planned {factor:g} times as long "
            "(an assumption of this tool)."
        )
    if span.min == span.max:
        return months, f"Planned as {plural(months, 'month')}, the guide's duration.{note}"
    return months, (
        f"Planned as {plural(months, 'month')}: {schedule} study takes {which} of "
        f"{int(span.min)}-{int(span.max)} months (an assumption of this tool).{note}"
    )


def numbered(drafts: Sequence[Draft]) -> tuple[PlanStep, ...]:
    """Steps numbered 1..N by start date (ties keep their order)."""
    ordered = sorted(enumerate(drafts), key=lambda pair: (pair[1].start, pair[0]))
    return tuple(
        PlanStep(number, draft.id, draft.title, draft.start, draft.end, draft.details)
        for number, (_, draft) in enumerate(ordered, 1)
    )


def exam_day(
    kb: KnowledgeBase, training_start: dt.date, training_end: dt.date, after: int, window: bool
) -> tuple[dt.date, bool]:
    """The exam day: `after` weeks past training's end, but for certificate paths (window) never
    past the guide's job-ready window; True when the window moved it."""
    day = after_weeks(training_end, after)
    if window:
        latest = add_months(training_start, int(kb.role.role.job_ready_months.max))
        if day > latest:
            return max(latest, training_end), True
    return day, False


def months_between(start: dt.date, end: dt.date) -> float:
    """Months from start to end, to one decimal (30.44 days a month)."""
    return round((end - start).days / 30.44, 1)


def _assumed(weeks: int, note: str = "The guide gives no time for this.") -> str:
    return f"Planned as {plural(weeks, 'week')}: an assumption of this tool. {note}"


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@fast_init
@dataclass(frozen=True)
class StepInput:
    """What the steps are made from: the answers' schedule and start, the choice, and what the
    rules concluded for the steps."""

    start: dt.date
    schedule: str
    program: Program | None
    delivery: str | None
    cert: str
    optional: bool
    flags: frozenset[str]
    early: tuple[tuple[str, tuple[str, ...]], ...]
    details: dict[str, tuple[str, ...]]
    # Still in high school: the graduation month (YYYY-MM), if given.
    graduation: str | None = None
    # The exams failed before (a retake is planned for these).
    retake: tuple[str, ...] = ()
    # The exam fee as the plan prices it (its cost item's low and high), for a retake's words.
    exam_fee: tuple[float, float] | None = None
    # An aid office's decision to wait for before training starts (money.decision_wait).
    wait: AidWait | None = None
    # The credentials held (the reason an exam-only plan has no training, if any).
    held: tuple[str, ...] = ()


def graduation_day(month: str) -> dt.date:
    """The last day of a YYYY-MM graduation month."""
    year, number = (int(part) for part in month.split("-"))
    return add_months(dt.date(year, number, 1), 1) - dt.timedelta(days=1)


# The flags the steps read: build shows _build no other (so none can be read without being
# listed here, and so part of the key below).
FLAGS_READ = frozenset(
    {"experience_done", "retake", "exam_only", "advancement_plan", "remote_settings"}
)


def build(kb: KnowledgeBase, given: StepInput) -> Timeline:
    """The numbered steps, overlapping where the work does, and the job-ready estimate; the
    same steps for the same input (a cohort meets the same few paths and schedules again and
    again), kept by all they read."""
    flags = given.flags & FLAGS_READ
    key = (
        given.start,
        given.schedule,
        None if given.program is None else given.program.id,
        given.delivery,
        given.cert,
        given.optional,
        flags,
        given.early,
        tuple(given.details.items()),
        given.graduation,
        given.retake,
        given.exam_fee,
        given.wait,
        given.held,
    )
    known = _BUILT.get(kb, lambda _kb: {})
    try:
        found = known.get(key)
    except TypeError:  # a value that cannot be a key
        return _build(kb, replace(given, flags=flags))
    if found is None:
        found = _build(kb, replace(given, flags=flags))
        if len(known) >= _BUILT_LIMIT:
            known.clear()
        known[key] = found
    return found


# Timelines by their input (see build), per knowledge base; past the limit it starts over.
_BUILT: PerKnowledgeBase[dict[tuple[object, ...], Timeline]] = PerKnowledgeBase()
_BUILT_LIMIT = 2048


def _build(kb: KnowledgeBase, given: StepInput) -> Timeline:
    """The numbered steps, overlapping where the work does, and the job-ready estimate."""
    # options._ready_by keeps job-ready dates by the inputs they read (program, optional,
    # schedule, start, early steps): a date that comes to read more must be keyed there too.
    planning = kb.rules.planning
    schedule = given.schedule
    guide = {step.id: step for step in kb.steps.steps}
    early = {step.id: step for step in kb.rules.early_steps}
    drafts: list[Draft] = []
    cursor = given.start
    # When the person asks an aid office this week's question (its decision is counted from
    # then): the plan's start, or once a gate's check passes (its actions wait for it).
    asked = given.start
    prep: list[tuple[str, tuple[str, ...]]] = []
    for step_id, reasons in given.early:
        record = early[step_id]
        weeks = weeks_for(record.weeks, schedule)
        if step_id == "finish-high-school" and given.graduation is not None:
            # Until graduation: nothing that needs the diploma starts before it.
            end = max(cursor, graduation_day(given.graduation))
            graduation = date_text(graduation_day(given.graduation))
            details = (*reasons, *record.details, f"Until your graduation, by {graduation}.")
            drafts.append(Draft(step_id, record.title, cursor, end, _unique(details)))
            cursor = end
        elif record.before_training:
            end = after_weeks(cursor, weeks)
            stop = (record.gate.stop,) if record.gate is not None else ()
            details = (*reasons, *record.details, *stop, _assumed(weeks, record.weeks_note))
            drafts.append(Draft(step_id, record.title, cursor, end, _unique(details)))
            cursor = end
            if record.gate is not None:
                asked = end
        else:
            prep.append((step_id, reasons))
    weeks = weeks_for(planning.requirements_weeks, schedule)
    enrolled = after_weeks(cursor, weeks)
    length = [_assumed(weeks)]
    # The office decides what training it pays: only a path with training to enroll in waits
    # (an exam-only path, or one whose training is optional, registers as it would without).
    trains = given.program is not None and not given.optional
    wait = given.wait if trains else None
    waited = None
    if wait is not None and asked + dt.timedelta(days=wait.days) > enrolled:
        # Training starts once the office can have decided (its source's time to decide),
        # counted from when the person asks it: a diploma or graduation may take longer.
        enrolled = asked + dt.timedelta(days=wait.days)
        waited = wait
        length = [
            f"Planned to end {wait.days} days after you ask {wait.name}: it decides within "
            f"{wait.days} days whether you qualify, and you enroll once it has "
            f"({kb.source(wait.source).title})."
        ]
    choose = (
        f"Register for your {given.cert} retake"
        if _retake(given)
        else "Choose your certification exam and register"
        if given.optional or given.program is None
        else "Choose your program, arrange the money and enroll"
    )
    drafts.append(
        Draft(
            "meet-requirements",
            choose,
            cursor,
            enrolled,
            _unique([*given.details.get("meet-requirements", ()), *length]),
        )
    )
    training_start = enrolled
    training_end, window = _training(kb, given, drafts, training_start)
    for step_id, reasons in prep:
        record = early[step_id]
        weeks = weeks_for(record.weeks, schedule)
        details = (
            *reasons,
            *record.details,
            "Optional, alongside your training.",
            _assumed(weeks, record.weeks_note),
        )
        drafts.append(
            Draft(
                step_id,
                record.title,
                training_start,
                after_weeks(training_start, weeks),
                _unique(details),
            )
        )
    experience = guide.get("gain-experience")
    if "experience_done" not in given.flags and given.program is not None and not given.optional:
        weeks = weeks_for(planning.experience_weeks, schedule)
        drafts.append(
            Draft(
                "gain-experience",
                f"{experience.title if experience else 'Gain practical experience'} "
                "(externship, in the program's last weeks)",
                max(training_start, before_weeks(training_end, weeks)),
                training_end,
                _unique([*given.details.get("gain-experience", ()), _assumed(weeks)]),
            )
        )
    ready_by, basis = _certification(kb, given, drafts, training_start, training_end, window)
    _career(kb, given, drafts, ready_by)
    condition = next(
        (
            early[step_id].ready_condition
            for step_id, _ in given.early
            if early[step_id].ready_condition is not None
        ),
        None,
    )
    steps = numbered(drafts)
    return Timeline(steps, ready_by, basis, training_start, condition, _gate(kb, steps), waited)


def _gate(kb: KnowledgeBase, steps: tuple[PlanStep, ...]) -> Gate | None:
    """The first step with a gate, and every step after it as resting on it; None without."""
    gates = {step.id: step.gate for step in kb.rules.early_steps if step.gate is not None}
    for step in steps:
        gate = gates.get(step.id)
        if gate is not None:
            later = tuple(other.number for other in steps if other.number > step.number)
            after = next((other for other in steps if other.number > step.number), None)
            later_action = (
                gate.later.replace("{step}", str(after.number)).replace("{title}", after.title)
                if after is not None
                else ""
            )
            return Gate(
                step.number,
                step.id,
                later,
                gate.holds,
                gate.stop,
                gate.answer,
                gate.action,
                later_action,
                gate.keeps,
            )
    return None


def _guide_lists(kb: KnowledgeBase, step_id: str, section_ids: tuple[str, ...]) -> list[str]:
    """Lists of a guide step (steps.yaml), each as one detail: 'Core Curriculum: a, b, c.'"""
    step = next((step for step in kb.steps.steps if step.id == step_id), None)
    if step is None:
        return []
    # A list with no heading of its own (Step 4's) is titled by the step in steps.yaml.
    return [
        f"{part.title if part.title != step.title else f'The guide, Step {step.number}'}: "
        f"{', '.join(part.items)}."
        for part in step.sections
        if part.id in section_ids and part.items
    ]


def _guide_training(kb: KnowledgeBase, program: Program) -> list[str]:
    """What the guide says the program gives (its Step 2 bullets) and the core curriculum."""
    given = (
        [f"What it gives (the guide): {'; '.join(program.features)}."] if program.features else []
    )
    return [*given, *_guide_lists(kb, "complete-training", ("core-curriculum",))]


def _training(
    kb: KnowledgeBase, given: StepInput, drafts: list[Draft], start: dt.date
) -> tuple[dt.date, bool]:
    """Adds the training step; returns when training ends and whether the guide's certificate
    window applies."""
    program = given.program
    details = list(given.details.get("complete-training", ()))
    if program is None or given.optional:
        if program is not None:
            months, note = program_months(kb, program, given.schedule)
            how = f" ({given.delivery})" if given.delivery else ""
            details += [f"If you choose {program.name}{how}: {note}"]
            # Dated for as long as it would take if chosen (a step of one day, with no end,
            # read as a date to keep); the exam and job-ready dates do not wait for it.
            drafts.append(
                Draft(
                    "complete-training",
                    f"Optional: {program.name} training, if you choose it; the exam does not"
                    " wait for it",
                    start,
                    add_months(start, months),
                    _unique(
                        [
                            *details,
                            "Your experience stands in for it: the exam and the job-ready date"
                            " do not wait for it.",
                        ]
                    ),
                )
            )
        return start, False
    months, note = program_months(kb, program, given.schedule)
    how = f" ({given.delivery})" if given.delivery else ""
    end = add_months(start, months)
    drafts.append(
        Draft(
            "complete-training",
            f"Complete training: {program.name}{how}",
            start,
            end,
            _unique([*details, note, *_guide_training(kb, program)]),
        )
    )
    return end, program.id != "associate-degree"


def _retake(given: StepInput) -> bool:
    """Whether the plan's exam is a retake of one the person did not pass."""
    return "retake" in given.flags and given.cert in given.retake


def _retake_words(
    kb: KnowledgeBase, record: Certification, exam_fee: tuple[float, float] | None
) -> tuple[list[str], tuple[str, ...]]:
    """What a retake's title says of the wait and the fee (only what the certification's data
    holds), and the details that name the source of each."""
    retake = record.retake
    said: list[str] = []
    sources: list[str] = []
    if retake is None:
        return said, ()
    # The plan's own price of the exam (one figure where it prices one), not the guide's range.
    price = money_span(*exam_fee) if exam_fee is not None else fee_text(record)
    if retake.wait is not None:
        said.append(f"no sooner than {retake.wait.days} days after the failed attempt")
        sources.append(f"The wait: {kb.source(retake.wait.source.id).title}.")
    if retake.fee is not None:
        if retake.fee.kind == "again":
            # Said as reported where only third parties say it (not the issuer).
            third_party = kb.source(retake.fee.source.id).kind == "third-party"
            costs = "is reported to cost" if third_party else "costs"
            said.append(f"each attempt {costs} the exam fee again, {price}")
        else:
            said.append(
                "a two-attempt exam package may cover this retake (packages are sold for one "
                f"attempt or two); after a one-attempt package, the exam fee again, {price}"
            )
        sources.append(f"The retake's fee: {kb.source(retake.fee.source.id).title}.")
    return said, tuple(sources)


def _certification(
    kb: KnowledgeBase,
    given: StepInput,
    drafts: list[Draft],
    training_start: dt.date,
    training_end: dt.date,
    window: bool,
) -> tuple[dt.date, str]:
    """Adds exam preparation and the exam; returns the job-ready day and its basis."""
    planning = kb.rules.planning
    prep_weeks = weeks_for(planning.certification_weeks, given.schedule)
    record = kb.certification(given.cert)
    trained = given.program is not None and not given.optional
    if trained:
        after = weeks_for(planning.exam_after_weeks, given.schedule)
        day, moved = exam_day(kb, training_start, training_end, after, window)
        prep_start = max(training_start, before_weeks(day, prep_weeks))
    else:
        prep_start, day, moved = training_start, after_weeks(training_start, prep_weeks), False
    fee = fee_text(record)
    retake_said: tuple[str, ...] = ()
    if _retake(given):
        # The plain plan shows titles only: the wait and the fee are said in it, where the data
        # holds them for this certification (with their sources, in the details).
        said, retake_said = _retake_words(kb, record, given.exam_fee)
        title = f"Study for and retake the {given.cert} exam" + (
            f": {'; '.join(said)}" if said else ""
        )
    else:
        title = f"Prepare for and pass the {given.cert} exam"
    drafts.append(
        Draft(
            "obtain-certification",
            title,
            prep_start,
            day,
            _unique(
                [
                    *given.details.get("obtain-certification", ()),
                    # The guide's own Step 4 bullets, word for word (study, pass, maintain).
                    *_guide_lists(kb, "obtain-certification", ("obtain-certification",)),
                    f"Exam fee: {fee}; renewal: {renewal_text(record)}.",
                    *retake_said,
                    *(() if trained else given.details.get("gain-experience", ())),
                    _assumed(
                        prep_weeks,
                        "Exam preparation overlaps the end of training."
                        if trained
                        else "The guide gives no time for this.",
                    ),
                ]
            ),
        )
    )
    job = kb.role.role.job_ready_months
    if trained and window:
        basis = (
            f"estimate: training from {date_text(training_start)} as planned, exam "
            f"{'at the end of training' if moved else 'in the weeks after it'}; the guide says "
            f"job-ready within {int(job.min)}-{int(job.max)} months of starting training"
        )
    elif trained:
        basis = (
            f"estimate: the {given.program.name if given.program else 'program'}'s planned "
            "length, then the exam"
        )
    elif _retake(given):
        basis = (
            f"estimate: a retake of the exam you sat, so {plural(prep_weeks, 'week')} of study, "
            "then the exam (an assumption of this tool)"
        )
    elif "exam_only" in given.flags and given.held:
        basis = (
            f"estimate: you hold the {and_list(given.held)}, so {plural(prep_weeks, 'week')} of "
            "exam preparation, then the exam (an assumption of this tool)"
        )
    elif "exam_only" in given.flags:
        basis = (
            f"estimate: your training is done, so {plural(prep_weeks, 'week')} of exam "
            "preparation, then the exam (an assumption of this tool)"
        )
    else:
        basis = (
            f"estimate: your experience lets you take the exam after "
            f"{plural(prep_weeks, 'week')} of study (a length this tool picked)"
        )
    if trained and given.program is not None and given.schedule == "part-time":
        factor = kb.rules.planning.part_time_fixed_length_factor
        span = given.program.duration_months
        if factor > 1 and getattr(span, "min", None) == getattr(span, "max", 0):
            basis += (
                f"; part-time study of the {given.program.name} is planned {factor:g} times "
                "the guide's full-time length (an assumption of this tool)"
            )
    return day, basis


def _career(kb: KnowledgeBase, given: StepInput, drafts: list[Draft], ready_by: dt.date) -> None:
    """Adds the job search (or, with 3+ years, the move to advanced roles)."""
    guide = {step.id: step for step in kb.steps.steps}
    career = guide.get("begin-career")
    weeks = weeks_for(kb.rules.planning.job_search_weeks, given.schedule)
    details = list(given.details.get("begin-career", ()))
    advancing = "advancement_plan" in given.flags
    if advancing:
        roles = [path.role for path in kb.careers.career_paths]
        details.append(f"Roles to aim for: {', '.join(roles)}.")
        title = "Apply for supervisor and revenue-cycle roles"
    else:
        title = career.title if career else "Begin your career"
        if career is not None:
            details += [f"{part.title}: {', '.join(part.items)}." for part in career.sections]
    if "remote_settings" in given.flags:
        settings = [s.name for s in kb.salary.by_setting if s.remote_friendly]
        if settings:
            details.append(f"Remote-friendly settings: {', '.join(settings)}.")
    drafts.append(
        Draft(
            "begin-career",
            title,
            ready_by,
            after_weeks(ready_by, weeks),
            _unique([*details, _assumed(weeks)]),
        )
    )
