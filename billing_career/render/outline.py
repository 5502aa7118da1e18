"""A plan (the JSON of `bcareer plan --json`) as the outline every export format renders.

Titled sections of checklist items and tables, and the dated milestones a calendar holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from billing_career.errors import DataError
from billing_career.knowledge.figures import UNKNOWN, money
from billing_career.knowledge.models import KnowledgeBase

# The guide's step that ends with the certification exam (steps.yaml id).
EXAM_STEP_ID = "obtain-certification"
_STEP_PREFIX = re.compile(r"^\s*step\s+\d+\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    """One line of a section; a step is a checklist item with its details below it."""

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
    """A titled part of the plan."""

    title: str
    items: tuple[Item, ...] = ()
    grid: Grid | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Milestone:
    """A dated event for a calendar: a step's end, the exam, the first renewal."""

    key: str
    day: date
    title: str
    description: str


@dataclass(frozen=True)
class Outline:
    """What an export holds: a title, the sections, the milestones."""

    title: str
    sections: tuple[Section, ...]
    milestones: tuple[Milestone, ...] = field(default=())


# --- reading the plan dict tolerantly, with clear errors ----------------------------------------


def _text(value: Any) -> str:
    """A finding or reason as text: plain strings, or the sentence inside a finding's dict."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for key in ("text", "message", "because", "reason", "summary", "title", "name"):
            found = value.get(key)
            if isinstance(found, str):
                return found
    return str(value)


def _texts(values: Any) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str | Mapping):
        return (_text(values),)
    if isinstance(values, Sequence):
        return tuple(_text(value) for value in values)
    return (str(values),)


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DataError(f"Plan: {where}: expected an ISO date (YYYY-MM-DD), got {value!r}.")


def _money(amount: Any) -> str:
    # The plan is plain data: anything but a number is a figure not known.
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        return UNKNOWN
    return money(amount)


def _range(value: Any) -> str:
    if isinstance(value, Mapping) and "min" in value and "max" in value:
        low, high = value["min"], value["max"]
        if low is None or high is None:
            return UNKNOWN
        return _money(low) if low == high else f"{_money(low)}-{_money(high)}"
    if value is None:
        return UNKNOWN
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _money(value)
    return str(value)


def _steps(plan: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    steps = plan.get("steps") or []
    if not isinstance(steps, Sequence) or isinstance(steps, str):
        raise DataError("Plan: steps: expected a list of steps.")
    for index, step in enumerate(steps):
        if not isinstance(step, Mapping) or "title" not in step:
            raise DataError(f"Plan: steps[{index}]: expected {{title, start, end, details}}.")
    return list(steps)


def _exam_step(knowledge: KnowledgeBase, steps: list[Mapping[str, Any]]) -> int | None:
    """The index of the step that ends with the exam: by id, else by the guide's step title."""
    for index, step in enumerate(steps):
        if step.get("id") == EXAM_STEP_ID:
            return index
    guide_title = next((s.title for s in knowledge.steps.steps if s.id == EXAM_STEP_ID), None)
    if guide_title:
        for index, step in enumerate(steps):
            # Planner titles read "Step 4: Obtain certification: CBCS".
            title = _STEP_PREFIX.sub("", _text(step["title"])).lower()
            if title.startswith(guide_title.lower()):
                return index
    return None


# --- the outline --------------------------------------------------------------------------------


def plan_outline(plan: Mapping[str, Any], knowledge: KnowledgeBase) -> Outline:
    """The plan's sections as the terminal shows them (render/plan.py): summary, blockers and
    warnings, dated steps, cost, aid, pay, first actions; then the key dates a calendar holds."""
    recommendations = plan.get("recommendations") or {}
    sections: list[Section] = [_summary(plan, recommendations)]
    found = [f"Blocker: {text}" for text in _texts(plan.get("blockers"))]
    found += [f"Warning: {text}" for text in _texts(plan.get("warnings"))]
    if found:
        sections.append(Section("Blockers and warnings", tuple(Item(text) for text in found)))

    steps = _steps(plan)
    step_items = []
    for index, step in enumerate(steps):
        start = _date(step.get("start"), f"steps[{index}].start")
        end = _date(step.get("end"), f"steps[{index}].end")
        when = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
        # Numbered plans (issue 11) show their number, as the terminal does.
        number = step.get("number")
        title = _text(step["title"])
        if isinstance(number, int) and not isinstance(number, bool):
            title = f"Step {number}: {title}"
        step_items.append(Item(title, when, _texts(step.get("details")), checkbox=True))
    sections.append(Section("Steps", tuple(step_items)))

    cost = plan.get("cost")
    if isinstance(cost, Mapping):
        sections.append(_cost(cost, plan.get("budget")))

    aid = [
        option
        for option in recommendations.get("financial_aid") or []
        if isinstance(option, Mapping)
    ]
    budget = plan.get("budget")
    covered = isinstance(budget, Mapping) and budget.get("covers") == "all"
    sections.append(
        Section(
            "Financial aid",
            tuple(
                Item(
                    _text(option.get("name") or option.get("id"))
                    + (f": {_text(option['description'])}" if option.get("description") else ""),
                    None,
                    (*_texts(option.get("reasons")), *_newer(option.get("newer"))),
                )
                for option in aid
            ),
            notes=()
            if aid
            else (
                "None needed: your budget covers this path."
                if covered
                else "None of the guide's options fits your answers.",
            ),
        )
    )

    if isinstance(plan.get("salary"), Mapping):
        sections.append(_pay(plan["salary"]))

    actions = _texts(plan.get("first_actions") or plan.get("actions"))
    if actions:
        sections.append(
            Section(
                "First actions for this week",
                tuple(Item(action, checkbox=True) for action in actions),
            )
        )

    milestones = plan_milestones(plan, knowledge, steps)
    dates = tuple(
        Item(m.title, m.day.isoformat()) for m in milestones if not m.key.startswith("step:")
    )
    if dates:
        sections.append(Section("Key dates", dates))
    return Outline("Your medical billing career plan", tuple(sections), milestones)


def defaults_note(profile: Any) -> str | None:
    """Which answers were not given, as the flags that would give them: 'Not answered, so the
    defaults were used: --goal quick-entry, --no-veteran.' None when every answer was given."""
    if not isinstance(profile, Mapping):
        return None
    defaulted = profile.get("defaulted")
    if not isinstance(defaulted, Sequence) or isinstance(defaulted, str) or not defaulted:
        return None
    shown = []
    for name in defaulted:
        flag = "--" + str(name).replace("_", "-")
        value = profile.get(name)
        if isinstance(value, bool):
            shown.append(flag if value else f"--no-{flag[2:]}")
        elif isinstance(value, Sequence) and not isinstance(value, str):
            shown.append(f"{flag} {','.join(str(item) for item in value) or 'none'}")
        else:
            shown.append(f"{flag} {value}")
    return f"Not answered, so the defaults were used: {', '.join(shown)}."


def _summary(plan: Mapping[str, Any], recommendations: Mapping[str, Any]) -> Section:
    items: list[Item] = []
    program = recommendations.get("program")
    if isinstance(program, Mapping):
        name = _text(program.get("name") or program.get("id"))
        if program.get("delivery"):
            name += f", {_text(program['delivery'])}"
        if program.get("optional"):
            name += " (optional for you)"
        items.append(Item(name, "Program", _texts(program.get("reasons"))))
    else:
        items.append(Item("none left after the rules", "Program"))
    cert = recommendations.get("certification")
    if isinstance(cert, Mapping):
        name = _text(cert.get("code"))
        if cert.get("name"):
            name += f", {_text(cert['name'])}"
        items.append(Item(name, "Certification", _texts(cert.get("reasons"))))
    if plan.get("ready_by"):
        basis = plan.get("ready_by_basis")
        ready = f"about {plan['ready_by']} ({_text(basis)})" if basis else str(plan["ready_by"])
        items.append(Item(ready, "Job-ready by"))
    # Plans name their defaults once, on their "Assumed: ..." line (issue 11).
    assumed = plan.get("assumed")
    note = _text(assumed) if isinstance(assumed, str) and assumed else None
    if note is None and "assumed" not in plan:
        note = defaults_note(plan.get("profile"))
    return Section("Summary", tuple(items), notes=(note,) if note else ())


def _cost(cost: Mapping[str, Any], budget: Any) -> Section:
    rows = []
    for item in cost.get("items") or []:
        if not isinstance(item, Mapping):
            rows.append((_text(item), UNKNOWN))
            continue
        known = item.get("known", True) and item.get("min") is not None
        figure = _range(item) if known else UNKNOWN
        if known and item.get("per") == "year":
            figure += "/yr"
        rows.append((_text(item), figure))
    total = cost.get("total") or {}
    notes = _budget_notes(budget)
    if total.get("not_counted"):
        notes.append(
            "Not in the total, as the guide gives no figure: "
            + ", ".join(_texts(total["not_counted"]))
            + "."
        )
    notes += list(_texts(cost.get("notes")))
    return Section(
        "Cost",
        grid=Grid(("Item", "Cost"), tuple(rows), ("Total", _range(total))),
        notes=tuple(notes),
    )


def _budget_notes(budget: Any) -> list[str]:
    if not isinstance(budget, Mapping) or "amount" not in budget:
        return []
    if isinstance(budget.get("summary"), str):
        return [budget["summary"]]
    amount = _money(budget["amount"])
    if budget.get("covers") == "all":
        return [f"Your budget of {amount} covers this path."]
    gap = budget.get("gap")
    high = gap.get("max") if isinstance(gap, Mapping) else None
    return [f"Your budget of {amount} may fall short by up to {_money(high)}."]


def _newer(figures: Any) -> tuple[str, ...]:
    """Newer reported figures ({summary, source, reported_by, date, ...}) as lines."""
    if figures is None:
        return ()
    if isinstance(figures, str | Mapping):
        figures = [figures]
    lines = []
    for figure in figures:
        if isinstance(figure, Mapping) and "summary" in figure:
            where = ", ".join(
                str(figure[key]) for key in ("source", "reported_by", "date") if figure.get(key)
            )
            lines.append(f"newer: {figure['summary']}" + (f" ({where})" if where else ""))
        else:
            lines.append(_text(figure))
    return tuple(lines)


def _annual(level: Any) -> str:
    """A level's yearly pay, as {annual: {min, max}} or {min, max} directly."""
    if not isinstance(level, Mapping):
        return UNKNOWN
    return _range(level.get("annual", level))


def _years(level: Mapping[str, Any]) -> str:
    low, high = level.get("years_min"), level.get("years_max")
    if low is None:
        return ""
    if high is None:
        return f", {low}+ years"
    return f", {low}-{high} year{'' if high == 1 else 's'}"


def _pay(salary: Mapping[str, Any]) -> Section:
    rows: list[tuple[str, str]] = []
    levels = salary.get("levels")
    if isinstance(levels, Sequence) and not isinstance(levels, str):
        for level in levels:
            if isinstance(level, Mapping):
                rows.append(
                    (
                        f"{_text(level.get('name'))}{_years(level)}"
                        + (" (yours)" if level.get("yours") else ""),
                        _annual(level),
                    )
                )
    else:
        # The shape before pay followed experience: an entry and an early-career level.
        rows += [
            ("Entry level", _annual(salary.get("entry"))),
            ("After 1-3 years", _annual(salary.get("early_career"))),
        ]
    for path in salary.get("career_paths") or []:
        if isinstance(path, Mapping):
            rows.append(
                (
                    f"Career path: {_text(path.get('role'))} ({_text(path.get('requirements'))})",
                    _annual(path),
                )
            )
    notes: list[str] = []
    hourly = salary.get("hourly")
    if isinstance(hourly, Sequence) and not isinstance(hourly, str):
        shown = [
            f"{_text(level.get('name')).lower()} {_range(level.get('hourly'))}"
            for level in hourly
            if isinstance(level, Mapping)
        ]
        if shown:
            notes.append(f"Hourly pay in the guide: {', '.join(shown)} an hour.")
    elif isinstance(hourly, Mapping) and isinstance(hourly.get("entry"), Mapping):
        notes.append(f"Entry-level hourly pay: {_range(hourly['entry'])} an hour.")
    if salary.get("national_median") is not None:
        source = f" ({_text(salary['source'])})" if salary.get("source") else ""
        notes.append(f"National median: {_money(salary['national_median'])} a year{source}.")
    notes += list(_newer(salary.get("newer")))
    for setting in salary.get("remote_settings") or []:
        if isinstance(setting, Mapping):
            figure = setting.get("annual", setting.get("median_annual"))
            notes.append(
                f"Remote-friendly setting: {_text(setting.get('name'))}, pay {_range(figure)}."
            )
    return Section("Expected pay", grid=Grid(("Level", "A year"), tuple(rows)), notes=tuple(notes))


def plan_milestones(
    plan: Mapping[str, Any],
    knowledge: KnowledgeBase,
    steps: list[Mapping[str, Any]] | None = None,
) -> tuple[Milestone, ...]:
    """One milestone per step (its end), the exam (the end of the certification step) and the
    first renewal (the exam date plus the renewal period, where the guide gives one)."""
    from billing_career.reference.renewal import first_renewal

    steps = _steps(plan) if steps is None else steps
    milestones: list[Milestone] = []
    for index, step in enumerate(steps):
        end = _date(step.get("end"), f"steps[{index}].end")
        start = _date(step.get("start"), f"steps[{index}].start")
        details = "\n".join(f"- {d}" for d in _texts(step.get("details")))
        milestones.append(
            Milestone(
                key=f"step:{index + 1}:{_text(step['title'])}",
                day=end,
                title=f"Done: {_text(step['title'])}",
                description=f"From {start.isoformat()} to {end.isoformat()}.\n{details}".strip(),
            )
        )
    code = ((plan.get("recommendations") or {}).get("certification") or {}).get("code")
    exam_index = _exam_step(knowledge, steps)
    if not code or exam_index is None:
        return tuple(milestones)
    from billing_career.knowledge.lookup import resolve_certification

    cert = resolve_certification(knowledge, str(code))
    exam_day = _date(steps[exam_index].get("end"), f"steps[{exam_index}].end")
    milestones.append(
        Milestone(
            key=f"exam:{cert.code}",
            day=exam_day,
            title=f"{cert.code} exam",
            description=f"Sit the {cert.name} ({cert.code}) exam by this date, at the end of the "
            f"step '{_text(steps[exam_index]['title'])}'.",
        )
    )
    renewal_day = first_renewal(cert, exam_day)
    if renewal_day is not None and cert.renewal is not None:
        every = cert.renewal.every_years
        ceus = (
            f"{cert.renewal.ceus} CEUs"
            if cert.renewal.ceus is not None
            else "continuing education (CEUs not in guide)"
        )
        milestones.append(
            Milestone(
                key=f"renewal:{cert.code}",
                day=renewal_day,
                title=f"{cert.code} first renewal due",
                description=(
                    f"{cert.code} renews every {every} year{'s' if every != 1 else ''} with "
                    f"{ceus}, counted from an exam on {exam_day.isoformat()}. "
                    f"Run 'bcareer renew {cert.code} --earned DATE' once you pass."
                ),
            )
        )
    return tuple(milestones)
