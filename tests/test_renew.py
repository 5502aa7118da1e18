"""`bcareer renew`: due dates, CEUs and cadence from the data, reminders, and the .ics export."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import GUIDE
from hardening_tools import one_error_line
from hypothesis import given
from hypothesis import strategies as st
from inline_snapshot import snapshot

from billing_career.planning.load import load_knowledge
from billing_career.reference.renewal import add_years, renewal_schedule


def renew(invoke, *args: str) -> dict:
    result = invoke("renew", *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.skipif(not GUIDE.exists(), reason="the career guide is not beside the repo")
@pytest.mark.parametrize("code", ["CPB", "CBCS"])
def test_cadence_and_ceus_are_the_guides(invoke, code: str) -> None:
    data = renew(invoke, code.lower(), "--earned", "2025-03-14", "--as-of", "2025-04-01")
    section = GUIDE.read_text(encoding="utf-8").split(f"({code})")[1]
    years, ceus = re.search(r"Renewal: Every (\d+) years with (\d+) CEUs", section).groups()
    assert (data["every_years"], data["ceus"]) == (int(years), int(ceus))
    assert data["next_due"] == f"{2025 + int(years)}-03-14"
    assert data["first_due"] == data["next_due"]


def test_cmrs_renews_every_year_and_its_ceus_are_not_in_the_guide(invoke) -> None:
    data = renew(invoke, "CMRS", "--earned", "2025-06-01", "--as-of", "2026-11-26")
    assert data["every_years"] == 1 and data["cadence"] == "every year"
    assert data["guide_note"] == "Annually with continuing education"
    assert data["ceus"] is None
    assert any("no number of CEUs" in note for note in data["notes"])
    # The newer figure is shown beside, never as the guide's.
    assert data["newer"][0]["value"] == 15 and data["newer"][0]["reported_by"] == "issuer"
    assert (data["cycle_start"], data["next_due"]) == ("2026-06-01", "2027-06-01")
    assert any("assuming each earlier renewal was on time" in note for note in data["notes"])


def test_advanced_certification_without_a_renewal_period_says_so(invoke) -> None:
    data = renew(invoke, "CPC", "--earned", "2025-01-10", "--as-of", "2025-02-01")
    assert data["next_due"] is None and data["every_years"] is None
    assert data["cadence"] == "not in guide" and data["reminders"] == []
    assert data["newer"][0]["summary"] == "36 CEUs every 2 years"
    assert any("no renewal period for CPC" in note for note in data["notes"])


def test_an_issuer_the_guide_lacks_shows_the_newer_one_beside(invoke) -> None:
    data = renew(invoke, "CPC", "--earned", "2025-01-10", "--as-of", "2025-02-01")
    assert data["issuer"] is None
    assert [item["summary"] for item in data["issuer_newer"]] == ["AAPC"]
    assert data["issuer_newer"][0]["reported_by"] == "issuer"
    out = invoke(
        "renew",
        "CPC",
        "--earned",
        "2025-01-10",
        "--as-of",
        "2025-02-01",
        env={"COLUMNS": "100", "NO_COLOR": "1"},
    ).out
    issuer = out[out.index("Issuer") : out.index("Earned")]
    assert "not in guide" in issuer
    assert "newer: AAPC (AAPC: CPC exam FAQs, issuer, read 2026-11)" in issuer


def test_the_title_does_not_wrap_to_a_narrow_tables_width(invoke) -> None:
    out = invoke(
        "renew",
        "CHFP",
        "--earned",
        "2024-01-01",
        "--as-of",
        "2025-01-01",
        env={"COLUMNS": "100", "NO_COLOR": "1"},
    ).out
    assert out.splitlines()[0] == "Renewing Certified Healthcare Financial Professional (CHFP)"


def test_reminders_sit_inside_the_cycle_in_order() -> None:
    kb = load_knowledge()
    schedule = renewal_schedule(kb, "CPB", date(2025, 3, 14), date(2026, 10, 1))
    days = [reminder.day for reminder in schedule.reminders]
    assert days == sorted(days)
    assert schedule.cycle_start is not None and schedule.next_due is not None
    assert all(schedule.cycle_start < day < schedule.next_due for day in days)
    assert [r.day.isoformat() for r in schedule.reminders] == [
        "2026-03-14",
        "2026-09-14",
        "2026-12-14",
        "2027-02-14",
        "2027-02-28",
    ]
    assert [r.past for r in schedule.reminders] == [True, True, False, False, False]
    assert "18 of 36 CEUs" in schedule.reminders[0].details


def test_leap_day_falls_due_on_the_last_of_february() -> None:
    kb = load_knowledge()
    schedule = renewal_schedule(kb, "CMRS", date(2024, 2, 29), date(2024, 3, 1))
    assert schedule.next_due == date(2025, 2, 28)


@given(
    earned=st.dates(date(1990, 1, 1), date(2040, 12, 31)),
    offset=st.integers(0, 20 * 366),
    code=st.sampled_from(["CPB", "CMRS", "CBCS"]),
)
def test_next_due_is_the_first_renewal_on_or_after_the_day(
    earned: date, offset: int, code: str
) -> None:
    kb = load_knowledge()
    as_of = earned + timedelta(days=offset)
    schedule = renewal_schedule(kb, code, earned, as_of)
    every = schedule.every_years
    assert every is not None and schedule.next_due is not None
    assert schedule.cycle_start is not None
    assert schedule.cycle_start <= as_of <= schedule.next_due
    assert schedule.next_due == add_years(schedule.cycle_start, every) or (
        earned.month,
        earned.day,
    ) == (2, 29)  # a leap day is the 28th in common years
    assert (schedule.next_due.year - earned.year) % every == 0
    assert schedule.next_due.month == earned.month


# --- golden render ------------------------------------------------------------------------------


def test_render_renew(invoke) -> None:
    result = invoke(
        "renew",
        "CPB",
        "--earned",
        "2025-03-14",
        "--as-of",
        "2026-10-01",
        env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.code == 0, result.err
    out = "\n".join(line.rstrip() for line in result.out.splitlines()) + "\n"
    assert out == snapshot("""\
Renewing Certified Professional Biller (CPB)
┌──────────┬───────────────────────────────────────────────────┐
│ Issuer   │ American Academy of Professional Coders           │
│ Earned   │ 2025-03-14                                        │
│ Renews   │ every 2 years                                     │
│ CEUs     │ 36 CEUs every 2 years (about 1.5 a month)         │
│ Next due │ 2027-03-14 (in 164 days, counted from 2026-10-01) │
└──────────┴───────────────────────────────────────────────────┘
Reminders
┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Date              ┃ Reminder                                                                     ┃
┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ 2026-03-14 (past) │ CPB: halfway through the renewal cycle. Aim to have about 18 of 36 CEUs by   │
│                   │ now (an even pace: an assumption of this tool).                              │
│ 2026-09-14 (past) │ CPB renewal due 2027-03-14 (6 months before). Check that your 36 CEUs are    │
│                   │ done and recorded with the issuer.                                           │
│ 2026-12-14        │ CPB renewal due 2027-03-14 (3 months before). Check that your 36 CEUs are    │
│                   │ done and recorded with the issuer.                                           │
│ 2027-02-14        │ CPB renewal due 2027-03-14 (1 month before). Check that your 36 CEUs are     │
│                   │ done and recorded with the issuer.                                           │
│ 2027-02-28        │ CPB renewal due 2027-03-14 (2 weeks before). Check that your 36 CEUs are     │
│                   │ done and recorded with the issuer.                                           │
└───────────────────┴──────────────────────────────────────────────────────────────────────────────┘
Reminder dates (halfway through a cycle; 6, 3 and 1 months and 2 weeks before the due date) are an
assumption of this tool, not the issuer's schedule.
""")


def test_render_renew_cmrs(invoke) -> None:
    result = invoke(
        "renew",
        "CMRS",
        "--earned",
        "2026-02-01",
        "--as-of",
        "2026-03-01",
        env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.code == 0, result.err
    out = "\n".join(line.rstrip() for line in result.out.splitlines()) + "\n"
    assert out == snapshot("""\
Renewing Certified Medical Reimbursement Specialist (CMRS)
┌────────────────┬─────────────────────────────────────────────────────────────────────────────────┐
│ Issuer         │ American Medical Billing Association                                            │
│ Earned         │ 2026-02-01                                                                      │
│ Renews         │ every year (guide: Annually with continuing education)                          │
│ CEUs           │ not in guide                                                                    │
│ Newer reported │ 15 CEUs a year; AMBA membership renewed yearly (AMBA: CEU rules, issuer, read   │
│                │ 2026-11)                                                                        │
│ Next due       │ 2027-02-01 (in 337 days, counted from 2026-03-01)                               │
└────────────────┴─────────────────────────────────────────────────────────────────────────────────┘
The guide gives no number of CEUs for CMRS.
Reminders
┏━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Date       ┃ Reminder                                                                            ┃
┡━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ 2026-08-01 │ CMRS renewal due 2027-02-01 (6 months before). Check that your continuing education │
│            │ is done and recorded with the issuer.                                               │
│ 2026-11-01 │ CMRS renewal due 2027-02-01 (3 months before). Check that your continuing education │
│            │ is done and recorded with the issuer.                                               │
│ 2027-01-01 │ CMRS renewal due 2027-02-01 (1 month before). Check that your continuing education  │
│            │ is done and recorded with the issuer.                                               │
│ 2027-01-18 │ CMRS renewal due 2027-02-01 (2 weeks before). Check that your continuing education  │
│            │ is done and recorded with the issuer.                                               │
└────────────┴─────────────────────────────────────────────────────────────────────────────────────┘
Reminder dates (halfway through a cycle; 6, 3 and 1 months and 2 weeks before the due date) are an
assumption of this tool, not the issuer's schedule.
""")


# --- the calendar export ------------------------------------------------------------------------


def read_calendar(path: Path):
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes())


def test_export_ics_reads_back_as_a_calendar(invoke, tmp_path: Path) -> None:
    target = tmp_path / "cpb.ics"
    result = invoke(
        "renew", "CPB", "--earned", "2025-03-14", "--as-of", "2026-10-01", "--export", str(target)
    )
    assert result.code == 0, result.err
    assert "Wrote 4 events" in result.err
    calendar = read_calendar(target)
    assert calendar["VERSION"] == "2.0" and "bcareer" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert len(events) == 4  # the due date and the three reminders still ahead
    for event in events:
        assert event.get("UID") and event.get("DTSTAMP")
    due = next(e for e in events if str(e["SUMMARY"]) == "CPB renewal due")
    assert due.decoded("DTSTART") == date(2027, 3, 14)
    assert due.decoded("DTEND") == date(2027, 3, 15)
    assert "36 CEUs" in str(due["DESCRIPTION"])
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[0] == date(2026, 12, 14)
    assert len({str(e["UID"]) for e in events}) == 4


def test_export_never_overwrites_without_force(invoke, tmp_path: Path) -> None:
    target = tmp_path / "renew.ics"
    target.write_text("keep me")
    result = invoke("renew", "CBCS", "--earned", "2025-01-01", "--export", str(target))
    assert result.code == 2 and "already exists" in result.err and "--force" in result.err
    assert target.read_text() == "keep me"
    forced = invoke("renew", "CBCS", "--earned", "2025-01-01", "--export", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text().startswith("BEGIN:VCALENDAR")


def test_export_of_a_certification_without_a_period_fails_cleanly(invoke, tmp_path: Path) -> None:
    target = tmp_path / "cpc.ics"
    result = invoke("renew", "CPC", "--earned", "2025-01-01", "--export", str(target))
    assert result.code == 1 and "no renewal period for CPC" in result.err
    assert not target.exists()


# --- bad input ----------------------------------------------------------------------------------

BAD = [
    (("renew", "CBSC", "--earned", "2025-01-01"), 2, "Did you mean 'CBCS'?"),
    (("renew", "XYZ", "--earned", "2025-01-01"), 2, "Unknown certification 'XYZ'"),
    (("renew", "CPB", "--earned", "2025-02-30"), 2, "Bad date for --earned"),
    (("renew", "CPB", "--earned", "14/03/2025"), 2, "Use YYYY-MM-DD"),
    (("renew", "CPB", "--earned", "yesterday"), 2, "Bad date for --earned"),
    (("renew", "CPB", "--earned", "1800-01-01"), 2, "out of range"),
    (("renew", "CPB", "--earned", "2025-01-01", "--as-of", "soon"), 2, "Bad date for --as-of"),
    (("renew", "CPB"), 2, "--earned"),
    (("renew", "CPB", "--earned", "2025-01-01", "--export", "renew.pdf"), 2, ".ics"),
    (
        ("renew", "CPB", "--earned", "2025-01-01", "--export", "no/such/folder/r.ics"),
        1,
        "does not exist",
    ),
    # Renewal counts from a certification held: a date still ahead is a mistake of usage.
    (("renew", "CPB", "--earned", "2099-01-01"), 2, "--earned 2099-01-01 is after today ("),
    (
        ("renew", "CPB", "--earned", "2025-06-01", "--as-of", "2025-05-31"),
        2,
        "--earned 2025-06-01 is after --as-of (2025-05-31)",
    ),
]


@pytest.mark.parametrize(("args", "code", "text"), BAD)
def test_bad_input_one_line(run_installed, args: tuple[str, ...], code: int, text: str) -> None:
    result = run_installed(*args)
    assert result.code == code, result.err
    assert result.out == ""
    assert text in one_error_line(result.err)
