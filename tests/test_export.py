"""Plan exports: Markdown, HTML and iCalendar files drawn from the one outline, each read back
with a real parser; no overwrite unforced; the HTML fits a phone and a desktop in a browser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import headless
import pytest

from billing_career.errors import ExitCode, OperationError, UsageError
from billing_career.knowledge.figures import money_span
from billing_career.knowledge.models import KnowledgeBase
from billing_career.knowledge.wording import date_text
from billing_career.planning.load import load_knowledge
from billing_career.planning.planner import Plan, make_plan
from billing_career.planning.profile import build_profile
from billing_career.planning.rules import Message
from billing_career.reference.renewal import add_years
from billing_career.render.export import FORMATS, md, write_export

START = dt.date(2027, 1, 4)
MADE_ON = dt.date(2026, 11, 30)
# The outline's sections (render/outline.py), in order, for a plan without warnings.
SECTIONS = [
    "Your options",
    "Why this plan",
    "Steps",
    "The CBCS exam",
    "Cost",
    "Expected pay",
    "Funding and aid",
    "First actions for this week",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def real_plan(kb: KnowledgeBase, **answers: Any) -> Plan:
    """A plan from the real planner, as `bcareer plan` makes it."""
    values = {"education": "ged", "budget": 3000, "schedule": "part-time", "start": START}
    return make_plan(kb, build_profile({**values, **answers}))


@pytest.fixture(scope="module")
def plan(kb: KnowledgeBase) -> Plan:
    # A budget that covers the whole path: no warnings, so the sections are the usual ones.
    return real_plan(kb, veteran=True, remote=True, budget=9000)


def export(plan: Plan, path: Path, **options: Any) -> Path:
    write_export(plan, path, force=options.pop("force", False), made_on=MADE_ON, **options)
    return path


# --- Markdown, read back with a CommonMark parser -----------------------------------------------


def markdown_tokens(path: Path) -> list[Any]:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))


def headings(tokens: list[Any]) -> list[tuple[str, str]]:
    return [
        (token.tag, tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def inline_text(tokens: list[Any]) -> list[str]:
    """Each paragraph's or cell's text as a reader sees it (escapes undone)."""
    out = []
    for token in tokens:
        if token.type == "inline":
            out.append("".join(child.content for child in token.children or []))
    return out


GUIDE_TITLE = "How to Become a Medical Billing Specialist"


def test_markdown_reads_back_with_the_answer_first(
    plan: Plan, tmp_path: Path, kb: KnowledgeBase
) -> None:
    tokens = markdown_tokens(export(plan, tmp_path / "plan.md"))
    assert headings(tokens)[0] == ("h1", "Your medical billing career plan")
    assert [title for tag, title in headings(tokens) if tag == "h2"] == SECTIONS
    texts = inline_text(tokens)
    # Under the title, the line naming the guide the plan is built from (issue 22).
    assert texts[1].startswith("Figures from the guide") and GUIDE_TITLE in texts[1]
    # The answer next; then what the plan was made for, and what it assumed.
    made = next(i for i, text in enumerate(texts) if text.startswith("Made on "))
    assert texts[made].startswith(f"Made on {date_text(MADE_ON)} for: ")
    assert "your education: ged; your budget: $9,000;" in texts[made].lower()
    assert "not given" not in texts[made]
    assert texts[made + 1] == plan.assumed
    # The answer block, before the first section: program, certification, total, job-ready.
    answer = texts[2:made]
    total = money_span(plan.cost.total_min, plan.cost.total_max)
    assert any(line.startswith(f"Program: {plan.program.name}") for line in answer)
    assert f"Certification: {plan.certification.id}, {plan.certification.name}" in answer
    assert any(line.startswith(f"Total cost: {total}") for line in answer)
    assert any(
        line.startswith(f"Job-ready by: about {date_text(plan.ready_by)}") for line in answer
    )
    # Amounts are text, not math: every "$" is there, as written.
    assert total in " ".join(texts) and "$" in total
    # Steps are checklist items with their dates; no command-line leftovers.
    text = (tmp_path / "plan.md").read_text(encoding="utf-8")
    for step in plan.steps:
        assert f"- [ ] **{step.number}. {md(step.title)}" in text
    assert "(default; change with" not in text and "Done:" not in text
    # ... and written as they read: a `\$` shows as typed in Python-Markdown.
    assert "\\$" not in text and total in text


def test_markdown_notes_are_paragraphs_not_list_items(plan: Plan, tmp_path: Path) -> None:
    tokens = markdown_tokens(export(plan, tmp_path / "plan.md"))
    # The Assumed line is a paragraph of its own, outside any list.
    depth = 0
    for index, token in enumerate(tokens):
        depth += token.nesting if token.type.endswith("list_open") else 0
        depth += token.nesting if token.type.endswith("list_close") else 0
        if token.type == "inline" and token.content.startswith("Assumed"):
            assert depth == 0 and tokens[index - 1].type == "paragraph_open"
            break
    else:
        pytest.fail("no Assumed line")


def test_blockers_and_warnings_come_before_the_steps(kb: KnowledgeBase, tmp_path: Path) -> None:
    plan = real_plan(kb, education="none", budget=0)
    assert plan.findings.blockers and plan.warnings
    tokens = markdown_tokens(export(plan, tmp_path / "plan.md"))
    titles = [title for tag, title in headings(tokens) if tag == "h2"]
    assert titles.index("Blockers and warnings") < titles.index("Steps")
    assert f"Blocker: {plan.findings.blockers[0].text}" in inline_text(tokens)


def test_markdown_escapes_text_that_would_format(plan: Plan, tmp_path: Path) -> None:
    hostile = "a [link](http://x), *stars*, | pipe, $5 and $6, ~~gone~~ <b>"
    odd = dataclasses.replace(plan, notices=(Message("x", hostile),))
    tokens = markdown_tokens(export(odd, tmp_path / "plan.md"))
    assert f"Warning: {hostile}" in inline_text(tokens)
    warning = next(token for token in tokens if token.content.startswith("Warning: a "))
    kinds = {child.type for child in warning.children or []}
    assert not kinds & {"link_open", "em_open", "strong_open", "html_inline", "s_open"}


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


def test_html_is_one_well_formed_self_contained_page(plan: Plan, tmp_path: Path) -> None:
    target = export(plan, tmp_path / "plan.html")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    page = parse_page(target)
    assert page.stack == []  # every element closed
    assert page.outside == [] and "script" not in page.tags and "link" not in page.tags
    assert page.headings[0] == ("h1", "Your medical billing career plan")
    assert [text for tag, text in page.headings if tag == "h2"] == SECTIONS
    assert page.checkboxes == len(plan.steps) + len(plan.first_actions)
    body = " ".join(" ".join(page.text).split())
    assert f"Made on {date_text(MADE_ON)} for: " in body
    assert plan.assumed in body
    for step in plan.steps:
        assert step.title in body
    for option in plan.aid:
        assert option.name in body


def test_html_escapes_all_text(plan: Plan, tmp_path: Path) -> None:
    step = dataclasses.replace(plan.steps[0], title='Step "1" <b>bold</b>')
    odd = dataclasses.replace(
        plan,
        steps=(step, *plan.steps[1:]),
        notices=(Message("x", "<script>alert(1)</script> & [red]x[/]"),),
    )
    page = parse_page(export(odd, tmp_path / "plan.html"))
    assert "script" not in page.tags and "b" not in page.tags
    body = "".join(page.text)
    assert "<script>alert(1)</script> & [red]x[/]" in body
    assert 'Step "1" <b>bold</b>' in body


@pytest.mark.skipif(headless.browser() is None, reason="no Chromium here")
def test_html_has_no_horizontal_overflow_at_390_and_1280_px(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """One browser start: a page holding the export at a phone's and a desktop's width."""
    # The widest content: a job seeker's funding conditions, long step titles, tables.
    plan = real_plan(kb, budget=500, job_seeker=True, veteran=True, current_pay=30000)
    page = export(plan, tmp_path / "plan.html")
    for width, (scroll, client) in headless.content_widths(page, (390, 1280)).items():
        assert scroll <= client, f"{width} px: content {scroll}px wide in a {client}px page"


# --- iCalendar, read back with icalendar --------------------------------------------------------


def read_calendar(path: Path) -> Any:
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes())


def test_ics_holds_each_step_as_one_event_over_its_days(
    plan: Plan, kb: KnowledgeBase, tmp_path: Path
) -> None:
    calendar = read_calendar(export(plan, tmp_path / "plan.ics"))
    assert calendar.name == "VCALENDAR"
    assert calendar["VERSION"] == "2.0" and "bcareer" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert len({str(e["UID"]) for e in events}) == len(events)
    days = {}
    for event in events:
        assert event.get("DTSTAMP") is not None
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert end > start
        # DTEND is exclusive: the day after the last day.
        days[str(event["SUMMARY"])] = (start, end - dt.timedelta(days=1))
    count = len(plan.steps)
    for step in plan.steps:
        assert days[f"Step {step.number} of {count}: {step.title}"] == (step.start, step.end)
        # One event a step: no second "Finish by" event for its end.
        assert f"Finish by: {step.title}" not in days
    assert sum(title.startswith("Step ") for title in days) == count
    assert not any(title.startswith("Done:") for title in days)
    code = plan.certification.id
    exam = next(step for step in plan.steps if step.id == "obtain-certification").end
    assert days[f"Finish by: the {code} exam"] == (exam, exam)
    every = kb.certification(code).renewal.every_years
    renewal = add_years(exam, every)
    assert days[f"{code} first renewal due"] == (renewal, renewal)
    ready = days["Job-ready by about this date (an estimate)"]
    assert ready == (plan.ready_by, plan.ready_by)


def test_ics_is_the_same_for_the_same_plan(plan: Plan, tmp_path: Path) -> None:
    stamp = dt.datetime(2027, 1, 1, 12, 0, tzinfo=dt.UTC)
    first = export(plan, tmp_path / "a.ics", stamp=stamp)
    second = export(plan, tmp_path / "b.ics", stamp=stamp)
    assert first.read_bytes() == second.read_bytes()


def test_every_plan_of_the_planner_exports(kb: KnowledgeBase, tmp_path: Path) -> None:
    """A spread of profiles through the real planner: each exports to all three formats."""
    profiles: list[dict[str, Any]] = [
        {"education": "none", "budget": 0, "schedule": "flexible"},
        {"education": "bachelor", "budget": 20000, "schedule": "full-time", "goal": "advancement"},
        {
            "education": "high-school",
            "budget": 500,
            "experience_years": 2,
            "employer_sponsor": True,
        },
        {"education": "associate", "budget": 500, "experience_years": 10, "goal": "advancement"},
    ]
    for index, answers in enumerate(profiles):
        plan = real_plan(kb, **answers)
        for ext in FORMATS:
            export(plan, tmp_path / f"p{index}{ext}")
        events = read_calendar(tmp_path / f"p{index}.ics").walk("VEVENT")
        assert len(events) >= len(plan.steps) + 1


# --- files: formats, no overwrite, folders ------------------------------------------------------


def test_unknown_extension_is_a_usage_error_listing_the_formats(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        export(plan, tmp_path / "plan.pdf")
    assert caught.value.exit_code == ExitCode.USAGE
    message = str(caught.value)
    assert "'.pdf'" in message
    assert all(ext in message for ext in FORMATS)
    assert not (tmp_path / "plan.pdf").exists()


def test_extension_case_does_not_matter(plan: Plan, tmp_path: Path) -> None:
    assert export(plan, tmp_path / "PLAN.MD").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("name", ["plan.md", "plan.html", "plan.ics"])
def test_existing_file_is_kept_without_force(plan: Plan, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / name
    target.write_text("my notes")
    with pytest.raises(UsageError) as caught:
        export(plan, target)
    assert "already exists" in str(caught.value) and "--force" in str(caught.value)
    assert target.read_text() == "my notes"
    export(plan, target, force=True)
    assert target.read_text(encoding="utf-8") != "my notes"
    assert [p.name for p in folder.iterdir()] == [name]  # no temp file left behind


def test_missing_folder_is_a_clear_error(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(OperationError) as caught:
        export(plan, tmp_path / "nowhere" / "plan.md")
    assert caught.value.exit_code == ExitCode.FAILURE
    assert "does not exist" in str(caught.value)


def test_a_folder_is_not_a_file(plan: Plan, tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(UsageError):
        export(plan, tmp_path / "dir.md", force=True)


# --- the same content as the terminal's details -------------------------------------------------


def test_newer_figures_budget_and_pay_export_as_the_terminal_shows_them(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    plan = real_plan(kb, budget=500, experience_years=2, employer_sponsor=True)
    text = export(plan, tmp_path / "plan.md").read_text(encoding="utf-8").replace("\\", "")
    # AAPC's own payment help is no help with another body's certification.
    assert plan.certification.id != "CPB"
    assert "AAPC offers payment plans" not in text
    cpb_plan = real_plan(kb, budget=500, experience_years=2, goal="advancement")
    assert cpb_plan.certification.id == "CPB"
    cpb_text = export(cpb_plan, tmp_path / "cpb.md").read_text(encoding="utf-8").replace("\\", "")
    # Each of AAPC's two pages is credited with what it says.
    assert "newer: AAPC offers payment plans (AAPC: Membership FAQ, issuer, read 2026-11)" in (
        cpb_text
    )
    assert (
        "newer: $50,250 (May 2024; $24.16/h) (Pages citing the BLS Occupational Outlook "
        "Handbook, medical records specialists (SOC 29-2072), third-party, 2025)"
    ) in text
    # The budget sentence is the plan's own, and a gap never reads "None needed".
    assert plan.budget.summary in text
    assert "None needed" not in text
    # Pay from the person's own experience band.
    assert "Early Career, 1-3 years (yours)" in text and "Mid-Career, 4-7 years" in text
    assert "Entry-Level, 0-1 year" not in text


def test_the_defaults_used_are_named_once_in_the_export(kb: KnowledgeBase, tmp_path: Path) -> None:
    plan = real_plan(kb, goal="comprehensive", veteran=True)
    assert plan.profile.defaulted
    text = export(plan, tmp_path / "plan.md").read_text(encoding="utf-8").replace("\\", "")
    assert text.count("Assumed, as you did not say: ") == 1
    engine = plan.findings.engine
    for name in ("learning", "experience_years", "background", "employer_sponsor"):
        assert f"{engine.label(name)}:" in text
    # In words: an export names no flag.
    assert not re.search(r"(?<![\w-])--[a-z]", text)
    assert "(default; change with" not in text
