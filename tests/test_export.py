"""Plan exports: Markdown, HTML and iCalendar files, each parsed back; no overwrite unforced."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from billing_career.errors import ExitCode, OperationError, UsageError
from billing_career.knowledge.models import KnowledgeBase
from billing_career.planning.load import load_knowledge
from billing_career.reference.renewal import add_years
from billing_career.render.export import FORMATS, write_export

START = dt.date(2027, 1, 4)
# The terminal's sections (render/plan.py), then the dates a calendar holds.
SECTIONS = [
    "Summary",
    "Steps",
    "Cost",
    "Financial aid",
    "Expected pay",
    "First actions for this week",
    "Key dates",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def real_plan(kb: KnowledgeBase, **answers: Any) -> dict[str, Any]:
    """A plan from the real planner, as `bcareer plan --json` prints it."""
    from billing_career.planning.planner import make_plan
    from billing_career.planning.profile import build_profile

    values = {
        "education": "ged",
        "budget": 3000,
        "schedule": "part-time",
        "start": START,
        **answers,
    }
    return make_plan(kb, build_profile(values)).to_dict()


@pytest.fixture(scope="module")
def plan(kb: KnowledgeBase) -> dict[str, Any]:
    # A budget that covers the whole path: no warnings, so the sections are the usual ones.
    return real_plan(kb, veteran=True, remote=True, budget=9000)


def exam_step(plan: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in plan["steps"] if s["id"] == "obtain-certification")


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_headings_and_checklist(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path
) -> None:
    target = tmp_path / "plan.md"
    write_export(plan, target, force=False, kb=kb)
    text = target.read_text(encoding="utf-8")
    headings = [
        (len(line) - len(line.lstrip("#")), line.lstrip("#").strip())
        for line in text.splitlines()
        if line.startswith("#")
    ]
    assert headings[0] == (1, "Your medical billing career plan")
    assert [title for level, title in headings if level == 2] == SECTIONS
    steps = [line for line in text.splitlines() if line.startswith("- [ ] **Step")]
    assert len(steps) == len(plan["steps"])
    assert f"({plan['steps'][0]['start']} to {plan['steps'][0]['end']})" in steps[0]
    total = plan["cost"]["total"]
    assert f"| **Total** | **${total['min']:,}-${total['max']:,}** |" in text
    assert f"- **Job-ready by:** about {plan['ready_by']} (estimate: " in text
    for action in plan["first_actions"]:
        assert f"- [ ] {action}" in text.replace("\\", "")


def test_blockers_and_warnings_come_after_the_summary(kb: KnowledgeBase, tmp_path: Path) -> None:
    plan = real_plan(kb, education="none", budget=0)
    assert plan["blockers"] and plan["warnings"]
    target = tmp_path / "plan.md"
    write_export(plan, target, force=False, kb=kb)
    text = target.read_text(encoding="utf-8")
    assert (
        text.index("## Summary") < text.index("## Blockers and warnings") < text.index("## Steps")
    )
    assert f"- Blocker: {plan['blockers'][0]['message']}" in text.replace("\\", "")


def test_markdown_escapes_text_that_would_format(kb: KnowledgeBase, tmp_path: Path) -> None:
    plan = minimal_plan()
    plan["warnings"] = [{"rule": "x", "message": "a [link](http://x) and *stars* | pipe"}]
    target = tmp_path / "plan.md"
    write_export(plan, target, force=False, kb=kb)
    text = target.read_text(encoding="utf-8")
    assert "\\[link\\](http://x) and \\*stars\\* \\| pipe" in text


# --- HTML ---------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would see: headings, checkboxes, scripts, outside resources, text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.checkboxes = 0
        self.tags: list[str] = []
        self.outside: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in {"meta", "input", "br"}:
            self.stack.append(tag)
        values = dict(attrs)
        if tag == "input" and values.get("type") == "checkbox":
            self.checkboxes += 1
        for key in ("src", "href"):
            if values.get(key):
                self.outside.append(str(values[key]))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in {"h1", "h2"}:
            self.headings.append((self.stack[-1], data.strip()))
        self.text.append(data)


def parse_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_html_is_one_well_formed_self_contained_page(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path
) -> None:
    target = tmp_path / "plan.html"
    write_export(plan, target, force=False, kb=kb)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    page = parse_page(target)
    assert page.stack == []  # every element closed
    assert page.outside == [] and "script" not in page.tags and "link" not in page.tags
    assert page.headings[0] == ("h1", "Your medical billing career plan")
    assert [text for tag, text in page.headings if tag == "h2"] == SECTIONS
    assert page.checkboxes == len(plan["steps"]) + len(plan["first_actions"])
    body = " ".join(" ".join(page.text).split())
    for step in plan["steps"]:
        assert step["title"] in body
    for option in plan["recommendations"]["financial_aid"]:
        assert option["name"] in body


def test_html_escapes_all_text(kb: KnowledgeBase, tmp_path: Path) -> None:
    plan = minimal_plan()
    plan["warnings"] = [{"rule": "x", "message": "<script>alert(1)</script> & [red]x[/]"}]
    plan["steps"][0]["title"] = 'Step "1" <b>bold</b>'
    target = tmp_path / "plan.html"
    write_export(plan, target, force=False, kb=kb)
    page = parse_page(target)
    assert "script" not in page.tags and "b" not in page.tags
    body = "".join(page.text)
    assert "<script>alert(1)</script> & [red]x[/]" in body
    assert 'Step "1" <b>bold</b>' in body


# --- iCalendar ----------------------------------------------------------------------------------


def read_calendar(path: Path):
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes())


def test_ics_has_a_milestone_per_step_the_exam_and_first_renewal(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path
) -> None:
    target = tmp_path / "plan.ics"
    write_export(plan, target, force=False, kb=kb)
    calendar = read_calendar(target)
    assert calendar.name == "VCALENDAR"
    assert calendar["VERSION"] == "2.0" and "bcareer" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert len(events) == len(plan["steps"]) + 2
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        assert event.get("DTSTAMP") is not None
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert end == start + dt.timedelta(days=1)
    by_title = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    for step in plan["steps"]:
        assert by_title[f"Done: {step['title']}"] == dt.date.fromisoformat(step["end"])
    code = plan["recommendations"]["certification"]["code"]
    exam = dt.date.fromisoformat(exam_step(plan)["end"])
    assert by_title[f"{code} exam"] == exam
    every = kb.certification(code).renewal.every_years
    assert by_title[f"{code} first renewal due"] == add_years(exam, every)


def test_ics_first_renewal_follows_the_certification(kb: KnowledgeBase, tmp_path: Path) -> None:
    plan = minimal_plan()
    plan["recommendations"]["certification"] = {"code": "CMRS", "reasons": []}
    target = tmp_path / "cmrs.ics"
    write_export(plan, target, force=False, kb=kb)
    events = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in read_calendar(target).walk("VEVENT")}
    assert events["CMRS first renewal due"] == dt.date(2028, 11, 7)  # yearly, after the exam


def test_ics_is_the_same_for_the_same_plan(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path
) -> None:
    stamp = dt.datetime(2027, 1, 1, 12, 0, tzinfo=dt.UTC)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    write_export(plan, first, force=False, kb=kb, stamp=stamp)
    write_export(plan, second, force=False, kb=kb, stamp=stamp)
    assert first.read_bytes() == second.read_bytes()


# --- files: formats, no overwrite, folders ------------------------------------------------------


def test_unknown_extension_is_a_usage_error_listing_the_formats(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path
) -> None:
    with pytest.raises(UsageError) as caught:
        write_export(plan, tmp_path / "plan.pdf", force=False, kb=kb)
    assert caught.value.exit_code == ExitCode.USAGE
    message = str(caught.value)
    assert "'.pdf'" in message
    assert all(ext in message for ext in FORMATS)
    assert not (tmp_path / "plan.pdf").exists()


def test_extension_case_does_not_matter(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path
) -> None:
    write_export(plan, tmp_path / "PLAN.MD", force=False, kb=kb)
    assert (tmp_path / "PLAN.MD").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("name", ["plan.md", "plan.html", "plan.ics"])
def test_existing_file_is_kept_without_force(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / name
    target.write_text("my notes")
    with pytest.raises(UsageError) as caught:
        write_export(plan, target, force=False, kb=kb)
    assert "already exists" in str(caught.value) and "--force" in str(caught.value)
    assert target.read_text() == "my notes"
    write_export(plan, target, force=True, kb=kb)
    assert target.read_text(encoding="utf-8") != "my notes"
    assert [p.name for p in folder.iterdir()] == [name]  # no temp file left behind


def test_missing_folder_is_a_clear_error(
    plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path
) -> None:
    with pytest.raises(OperationError) as caught:
        write_export(plan, tmp_path / "nowhere" / "plan.md", force=False, kb=kb)
    assert caught.value.exit_code == ExitCode.FAILURE
    assert "does not exist" in str(caught.value)


def test_a_folder_is_not_a_file(plan: dict[str, Any], kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(UsageError):
        write_export(plan, tmp_path / "dir.md", force=True, kb=kb)


def test_a_plan_with_a_bad_step_date_names_it(kb: KnowledgeBase, tmp_path: Path) -> None:
    from billing_career.errors import DataError

    plan = minimal_plan()
    plan["steps"][1]["end"] = "someday"
    with pytest.raises(DataError) as caught:
        write_export(plan, tmp_path / "plan.ics", force=False, kb=kb)
    assert "steps[1].end" in str(caught.value)


# --- the documented shape, without the planner --------------------------------------------------


def minimal_plan() -> dict[str, Any]:
    """The JSON shape of issue 4 with only the keys it names."""
    return {
        "profile": {"education": "ged", "budget": 3000, "schedule": "part-time"},
        "blockers": [],
        "warnings": [],
        "recommendations": {
            "program": {
                "id": "short-certificate",
                "name": "Short Certificate",
                "reasons": ["Quick entry."],
            },
            "certification": {"code": "CBCS", "reasons": ["Cheapest exam."]},
            "financial_aid": [
                {"id": "wioa", "name": "Workforce Development", "reasons": ["WIOA funds training."]}
            ],
            "alternatives": [],
        },
        "steps": [
            {
                "title": "Meet basic requirements",
                "start": "2027-01-04",
                "end": "2027-01-18",
                "details": [],
            },
            {
                "title": "Complete a training program",
                "start": "2027-01-18",
                "end": "2027-07-18",
                "details": ["Short Certificate"],
            },
            {
                "title": "Gain practical experience",
                "start": "2027-07-18",
                "end": "2027-09-12",
                "details": [],
            },
            {
                "title": "Obtain certification",
                "start": "2027-09-12",
                "end": "2027-11-07",
                "details": [],
            },
            {
                "title": "Begin your career",
                "start": "2027-11-07",
                "end": "2028-01-02",
                "details": [],
            },
        ],
        "cost": {
            "items": [{"name": "Tuition", "min": 1500, "max": 3500}],
            "total": {"min": 1500, "max": 3500},
        },
        "salary": {"entry": {"name": "Entry-Level", "min": 35000, "max": 42000}},
        "ready_by": "2027-11-07",
    }


@pytest.mark.parametrize("name", ["plan.md", "plan.html", "plan.ics"])
def test_the_documented_shape_exports(kb: KnowledgeBase, tmp_path: Path, name: str) -> None:
    write_export(minimal_plan(), tmp_path / name, force=False, kb=kb)
    assert (tmp_path / name).stat().st_size > 200


def test_every_plan_of_the_planner_exports(kb: KnowledgeBase, tmp_path: Path) -> None:
    """A spread of profiles through the real planner: each exports to all three formats."""
    profiles = [
        {"education": "none", "budget": 0, "schedule": "flexible"},
        {
            "education": "bachelor",
            "budget": 20000,
            "schedule": "full-time",
            "goal": "advancement",
            "learning": "in-person",
        },
        {
            "education": "high-school",
            "budget": 500,
            "schedule": "part-time",
            "experience_years": 2,
            "employer_sponsor": True,
        },
    ]
    for index, answers in enumerate(profiles):
        plan = real_plan(kb, **answers)
        for ext in FORMATS:
            write_export(plan, tmp_path / f"p{index}{ext}", force=False, kb=kb)
        events = read_calendar(tmp_path / f"p{index}.ics").walk("VEVENT")
        assert len(events) >= len(plan["steps"]) + 1


def test_newer_figures_budget_and_pay_export_as_the_terminal_shows_them(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    plan = real_plan(kb, budget=500, experience_years=2, employer_sponsor=True)
    target = tmp_path / "plan.md"
    write_export(plan, target, force=False, kb=kb)
    text = target.read_text(encoding="utf-8").replace("\\", "")
    # Newer figures are objects in the JSON and one line each in the file. AAPC's own payment
    # help is no help with another body's certification.
    assert plan["recommendations"]["certification"]["code"] != "CPB"
    assert "AAPC offers payment plans" not in text
    cpb_plan = real_plan(kb, budget=500, experience_years=2, goal="advancement")
    assert cpb_plan["recommendations"]["certification"]["code"] == "CPB"
    cpb_target = tmp_path / "cpb.md"
    write_export(cpb_plan, cpb_target, force=False, kb=kb)
    cpb_text = cpb_target.read_text(encoding="utf-8").replace("\\", "")
    # Each of AAPC's two pages is credited with what it says.
    assert "newer: AAPC offers payment plans (AAPC: Membership FAQ, issuer, read 2026-11)" in (
        cpb_text
    )
    assert (
        "newer: AAPC has a member hardship policy (AAPC: Member hardship policy, issuer, "
        "read 2026-11)"
    ) in cpb_text
    assert (
        "newer: $50,250 (May 2024; $24.16/h) (Pages citing the BLS Occupational Outlook "
        "Handbook, medical records specialists (SOC 29-2072), third-party, 2025)"
    ) in text
    # The budget sentence is the plan's own, and a gap never reads "None needed".
    assert plan["budget"]["summary"] in text
    assert "may fall short by up to" in plan["budget"]["summary"]
    assert "None needed" not in text
    # Pay from the person's own experience band.
    assert "Early Career, 1-3 years (yours)" in text and "Mid-Career, 4-7 years" in text
    assert "Entry-Level, 0-1 year" not in text
    assert "look beyond entry-level openings too" in text


def test_the_defaults_used_are_named_in_the_export(kb: KnowledgeBase, tmp_path: Path) -> None:
    plan = real_plan(kb, goal="comprehensive", veteran=True)
    assert plan["profile"]["defaulted"] == [
        "learning",
        "experience_years",
        "background",
        "employer_sponsor",
        "remote",
    ]
    target = tmp_path / "plan.md"
    write_export(plan, target, force=False, kb=kb)
    text = target.read_text(encoding="utf-8").replace("\\", "")
    assert plan["assumed"].startswith("Assumed: ")
    assert " ".join(plan["assumed"].split()) in " ".join(text.split())
    for flag in ("--learning", "--experience-years", "--background", "--employer-sponsor"):
        assert f"({flag})" in text
