"""Rendering of `bcareer renew`: the due date, CEUs and reminders, on screen or as iCalendar."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.table import Table
from rich.text import Text

from billing_career.errors import OperationError, UsageError
from billing_career.reference.renewal import REMINDER_POLICY, RenewalSchedule
from billing_career.render.guide import newer_lines, reported_text
from billing_career.render.ical import CalendarEvent, calendar_bytes
from billing_career.render.terminal import literal, make_console


def render_renewal(schedule: RenewalSchedule, *, no_color: bool) -> None:
    """The certification's cadence and CEUs (guide and newer), the due date, the reminders."""
    console = make_console(no_color=no_color)
    # A heading of its own: as a table title it would wrap to the width of a narrow table.
    console.print(
        Text(f"Renewing {schedule.name} ({schedule.code})", style="italic"), overflow="fold"
    )
    facts = Table(show_header=False)
    facts.add_column("what", overflow="fold", style="bold")
    facts.add_column("value", overflow="fold", ratio=1)
    issuer = Text(schedule.issuer or "not in guide")
    for item in schedule.issuer_newer:
        issuer.append(f"\nnewer: {reported_text(item)}", style="yellow")
    facts.add_row("Issuer", issuer)
    facts.add_row("Earned", schedule.earned.isoformat())
    cadence = schedule.cadence
    if schedule.guide_note:
        cadence += f" (guide: {schedule.guide_note})"
    facts.add_row("Renews", literal(cadence))
    facts.add_row("CEUs", literal(schedule.ceus_text))
    if schedule.newer:
        facts.add_row(
            "Newer reported",
            Text("\n".join(reported_text(item) for item in schedule.newer), style="yellow"),
        )
    if schedule.next_due is not None:
        days = (schedule.next_due - schedule.as_of).days
        when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
        facts.add_row(
            "Next due",
            f"{schedule.next_due.isoformat()} ({when}, counted from {schedule.as_of.isoformat()})",
        )
    else:
        facts.add_row("Next due", "not in guide")
    console.print(facts)
    for note in schedule.notes:
        console.print(Text(note, style="dim"), overflow="fold")
    if schedule.reminders:
        reminders = Table(
            title="Reminders",
            title_justify="left",
            caption=REMINDER_POLICY,
            caption_justify="left",
        )
        reminders.add_column("Date", no_wrap=True)
        reminders.add_column("Reminder", overflow="fold", ratio=1)
        for reminder in schedule.reminders:
            when = reminder.day.isoformat() + (" (past)" if reminder.past else "")
            reminders.add_row(
                when,
                literal(f"{reminder.title}. {reminder.details}"),
                style="dim" if reminder.past else None,
            )
        console.print(reminders)


def check_export_path(path: Path, *, force: bool) -> None:
    """Refuse a non-.ics name, a folder, a missing folder or an existing file (without --force)
    before any work is done."""
    from billing_career.files import check_target

    if path.suffix.lower() != ".ics":
        raise UsageError(
            f"Cannot export renewals to '{path.name}': the format is iCalendar.",
            "Give a file name ending in .ics.",
        )
    check_target(path, overwrite=force, folder_hint="Give a file name ending in .ics.")


def renewal_events(schedule: RenewalSchedule) -> list[CalendarEvent]:
    """The due date and every reminder still ahead, as all-day events."""
    if schedule.next_due is None:
        return []
    code = schedule.code
    newer = "".join(f"\n{line}" for line in newer_lines(schedule.newer))
    events = [
        CalendarEvent(
            key=f"renewal:{code}:{schedule.next_due.isoformat()}",
            day=schedule.next_due,
            title=f"{code} renewal due",
            description=(
                f"{schedule.name} ({code}) renews {schedule.cadence}. "
                f"CEUs: {schedule.ceus_text}.{newer}"
            ),
        )
    ]
    for reminder in schedule.reminders:
        if reminder.past:
            continue
        events.append(
            CalendarEvent(
                key=f"renewal-reminder:{code}:{reminder.day.isoformat()}",
                day=reminder.day,
                title=reminder.title,
                description=f"{reminder.details}\n{REMINDER_POLICY}",
            )
        )
    return events


def write_renewal_ics(
    schedule: RenewalSchedule, path: Path, *, force: bool, stamp: datetime | None = None
) -> int:
    """Write the renewal calendar atomically; returns how many events it holds."""
    from billing_career.files import write_atomic

    events = renewal_events(schedule)
    if not events:
        raise OperationError(
            f"Nothing to put in a calendar: the guide gives no renewal period for {schedule.code}."
        )
    content = calendar_bytes(events, name=f"{schedule.code} renewal", stamp=stamp)
    write_atomic(path, content, overwrite=force)
    return len(events)
