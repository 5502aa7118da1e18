"""iCalendar files made with the icalendar library: all-day events that import into calendars."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from billing_career import __version__

PRODID = f"-//bcareer//bcareer {__version__}//EN"
# UIDs are derived from what an event is, so exporting again updates events instead of doubling.
UID_NAMESPACE = uuid.UUID("6f1d0c52-3f0e-4c55-9b7a-2a8f7d1c9e41")


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event (or a run of days when end is given, inclusive)."""

    key: str
    day: date
    title: str
    description: str
    end: date | None = None

    @property
    def uid(self) -> str:
        return f"{uuid.uuid5(UID_NAMESPACE, self.key)}@bcareer"


def calendar_bytes(
    events: list[CalendarEvent], *, name: str, stamp: datetime | None = None
) -> bytes:
    """A VCALENDAR with PRODID and VERSION and, per event, UID, DTSTAMP and all-day dates."""
    from icalendar import Calendar, Event

    when = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", when)
        event.add("dtstart", item.day)
        # DTEND of an all-day event is exclusive: the day after the last day.
        event.add("dtend", (item.end or item.day) + timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content
