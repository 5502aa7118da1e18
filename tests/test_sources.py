"""Every sentence true to its source: a lint over data/ and what the commands say of their sources.

The lint reads the career guide's headings and the text under each, then checks every record of
data/ that is credited to the guide: its `source.section` must name headings that exist, in order,
and every number it holds must be in the guide's text for that section. Comparisons among the
certifications ("of the three", "cheapest", "lightest") must be computed from the figures: the only
ones written in data/ are the guide's own words. Output tests follow for what the commands say of
their sources (issue 14, items 1, 4, 5, 6 and 7).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, GUIDE

from billing_career.planning.load import load_knowledge
from billing_career.reference.ranking import rank_texts

needs_guide = pytest.mark.skipif(
    not GUIDE.exists(),
    reason=f"the career guide is not at {GUIDE} (expected in ../shared/seeds/ beside the repo)",
)

# The guide's top-level sections, in its order. Below them, "Step N: ..." groups the steps, and
# a line like "Requirements:" or "Issuing Organization: AAPC" labels a few lines of its own.
TOP_LEVEL = (
    "Quick answer",
    "What does a Medical Billing Specialist do?",
    "Certification types for Medical Billing specialists",
    "Step-by-step path",
    "Training programs and education options",
    "Cost breakdown",
    "Financial aid options",
    "Medical Billing Specialist salary and job outlook",
    "Career advancement opportunities",
    "Pros and challenges of this career",
    "Frequently asked questions",
    "How to get started today",
    "Additional Resources",
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Number words the guide uses for figures the data keeps as numbers ("Renewal: Annually").
_NUMBER_WORDS = {"one": 1.0, "two": 2.0, "three": 3.0, "annually": 1.0}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Keys that are not figures of the record: its source, newer reports (each credited to its own
# source), a rule's condition and scores (the tool's logic), ids.
# `points` are the rules' own weights, not figures of any source.
_NOT_FIGURES = {"source", "updates", "when", "then", "id", "points"}


# --- the guide: headings and the text under each ----------------------------------------------


@cache
def guide_lines() -> tuple[str, ...]:
    return tuple(line.strip() for line in GUIDE.read_text(encoding="utf-8").splitlines())


def _is_heading(line: str) -> bool:
    """A line that is neither a list item, a table row nor a sentence of running text."""
    return bool(line) and not line.startswith(("- ", "|")) and not line.endswith(".")


def _names(heading: str, name: str) -> bool:
    """A section names a heading by its whole text or by its first words ('Cost breakdown')."""
    heading, name = heading.casefold(), name.casefold()
    return heading == name or (heading.startswith(name) and heading[len(name)] in " :(")


def _level(line: str) -> float:
    if any(_names(line, top) for top in TOP_LEVEL):
        return 2
    if re.match(r"Step \d+:", line):
        return 2.5
    if line.endswith(":") or re.match(r"[A-Z][\w/ .-]{0,40}: \S", line):
        return 4
    return 3


@cache
def headings() -> tuple[tuple[int, str, float], ...]:
    """(line number, text, level) of every heading of the guide."""
    return tuple(
        (number, line, _level(line))
        for number, line in enumerate(guide_lines())
        if _is_heading(line)
    )


def resolve(part: str) -> int | None:
    """The line of the heading one part of a section names ('Certification types: Certified
    Professional Biller (CPB)'), each name found after the one before it; None if any is not."""
    names = [name.strip() for name in part.split(": ")]
    position, index = -1, 0
    while index < len(names):
        # The longest run of names first: a heading may hold ': ' itself ("Step 2: complete...").
        for end in range(len(names), index, -1):
            wanted = ": ".join(names[index:end])
            found = next(
                (n for n, line, _ in headings() if n > position and _names(line, wanted)), None
            )
            if found is not None:
                position, index = found, end
                break
        else:
            return None
    return position


def section_text(line: int) -> str:
    """The heading's line and everything under it, up to the next heading of its level or above."""
    level = next(lvl for n, _, lvl in headings() if n == line)
    end = next((n for n, _, lvl in headings() if n > line and lvl <= level), len(guide_lines()))
    return "\n".join(guide_lines()[line:end])


def numbers_in(text: str, *, words: bool = True) -> set[float]:
    """The figures of a text; with `words`, also the number words the guide uses for them."""
    found = {float(match.replace(",", "")) for match in _NUMBER.findall(text)}
    for word in re.findall(r"[a-z]+", text.casefold()) if words else ():
        if word in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[word])
    return found


# --- data/: the records credited to the guide ---------------------------------------------------


@cache
def data_files() -> dict[str, Any]:
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(DATA.glob("*.yaml"))
    }


def records(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping with a `source`, named by where it sits; newer reports are left out."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), dict):
            yield where, node
        for key, value in node.items():
            if key != "updates":
                yield from records(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            name = value.get("id", value.get("code", index)) if isinstance(value, dict) else index
            yield from records(value, f"{where}/{name}")


def figures(node: Any, key: str = "") -> Iterator[tuple[str, float]]:
    """(the field's path, 'exam.minutes', a number) for every number of a record, in values and
    in its sentences, without those of a record nested in it (checked against its own source)."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name in _NOT_FIGURES or name.endswith("_source"):
                continue
            if isinstance(value, dict) and "source" in value:
                continue
            yield from figures(value, f"{key}.{name}" if key else str(name))
    elif isinstance(node, list):
        for value in node:
            if not (isinstance(value, dict) and "source" in value):
                yield from figures(value, key)
    elif isinstance(node, bool) or node is None:
        return
    elif isinstance(node, int | float):
        yield key, float(node)
    elif isinstance(node, str):
        for number in numbers_in(_PLACEHOLDER.sub("", node), words=False):
            yield key, number


def _in_guide(field: str, number: float, allowed: set[float]) -> bool:
    """The number as the guide writes it: minutes as hours, months as years where it says so."""
    if number in allowed:
        return True
    if "minutes" in field and number / 60 in allowed:
        return True
    return "months" in field and number / 12 in allowed


def guide_records() -> list[tuple[str, dict[str, Any]]]:
    return [
        (where, record)
        for name, data in data_files().items()
        for where, record in records(data, name)
        if record["source"].get("id") == "guide"
    ]


def _section_numbers(section: str) -> set[float]:
    allowed: set[float] = set()
    for part in section.split(";"):
        line = resolve(part.strip())
        assert line is not None, f"{part.strip()!r} names no heading of the guide"
        allowed |= numbers_in(section_text(line))
    return allowed


@needs_guide
def test_the_lints_reading_of_the_guide_finds_its_sections() -> None:
    """The lint's own footing: every top-level section is found, and a sub-section's text stops
    where the next one starts."""
    for top in TOP_LEVEL:
        assert resolve(top) is not None, top
    cpb = section_text(resolve("Certification types: Certified Professional Biller (CPB)") or 0)
    assert "$349" in cpb and "36 CEUs" in cpb and "$199" not in cpb
    assert resolve("Certification types: CMRS") is None
    assert resolve("Cost breakdown: Program types comparison") is None  # out of order


@needs_guide
def test_every_section_names_headings_of_the_guide() -> None:
    sections = [
        (where, ref["section"])
        for name, data in data_files().items()
        for where, record in records(data, name)
        for key, ref in record.items()
        if (key == "source" or key.endswith("_source"))
        and isinstance(ref, dict)
        and ref.get("id") == "guide"
    ]
    assert len(sections) > 100
    missing = [
        (where, part.strip())
        for where, section in sections
        for part in section.split(";")
        if resolve(part.strip()) is None
    ]
    assert not missing, missing


@needs_guide
def test_records_credited_to_the_guide_hold_only_its_figures_for_that_section() -> None:
    wrong: list[tuple[str, str, float]] = []
    checked = 0
    for where, record in guide_records():
        allowed = _section_numbers(record["source"]["section"])
        # A duration the tuition table lacks is credited apart, to the sections that give it.
        apart = record.get("duration_source")
        apart_allowed = _section_numbers(apart["section"]) if apart else allowed
        for field, number in figures(record):
            checked += 1
            top = field.split(".")[0]
            ok = _in_guide(field, number, apart_allowed if top == "duration_months" else allowed)
            # A figure the guide does not give (a planning duration) is allowed only where the
            # record says so beside it, in `FIELD_note`.
            note = str(record.get(f"{top}_note") or "")
            if not ok and "guide gives no" not in note:
                wrong.append((where, field, number))
    assert checked > 150
    assert not wrong, wrong


_WEB_ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|gov|edu)\b")


def web_addresses(node: Any) -> Iterator[str]:
    """Every web address a record holds, outside its source, newer reports and nested records."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name in _NOT_FIGURES or name.endswith("_source"):
                continue
            if not (isinstance(value, dict) and "source" in value):
                yield from web_addresses(value)
    elif isinstance(node, list):
        for value in node:
            if not (isinstance(value, dict) and "source" in value):
                yield from web_addresses(value)
    elif isinstance(node, str):
        yield from _WEB_ADDRESS.findall(node)


@needs_guide
def test_web_addresses_in_guide_records_are_the_guides() -> None:
    """The guide gives only cms.gov: an issuer's address belongs to the newer report that
    cites its page, not to a record credited to the guide."""
    found = []
    for where, record in guide_records():
        text = "\n".join(
            section_text(resolve(part.strip()) or 0)
            for part in record["source"]["section"].split(";")
        )
        found.extend((where, address) for address in web_addresses(record) if address not in text)
    assert not found, found
    record = {"url": "aapc.com", "source": {"id": "guide", "section": "x"}}
    assert list(web_addresses(record)) == ["aapc.com"]


@needs_guide
def test_the_lint_catches_a_figure_from_another_section() -> None:
    """CMRS's $199 is in the guide, but not in CPB's section: credited to CPB it is caught."""
    allowed = _section_numbers("Certification types: Certified Professional Biller (CPB)")
    assert 349.0 in allowed and 199.0 not in allowed
    record = {"fees": {"member": 199}, "source": {"id": "guide", "section": "x"}}
    assert list(figures(record)) == [("fees.member", 199.0)]


# --- comparisons are computed, not written -----------------------------------------------------

# Words that rank figures against each other.
COMPARISON = re.compile(
    r"\b(of the (?:two|three|four|\d+)|cheapest|costliest|lightest|heaviest|most upkeep|"
    r"least upkeep|lowest fee|cheaper|less expensive|more affordable|lighter|heavier)\b",
    re.IGNORECASE,
)


def strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "id":
                yield from strings(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, f"{where}/{index}")
    elif isinstance(node, str):
        yield where, node


@needs_guide
def test_every_comparison_in_data_is_computed_or_the_guides_own_words() -> None:
    guide = " ".join(" ".join(guide_lines()).split()).casefold()
    written = []
    for name, data in data_files().items():
        for where, text in strings(data, name):
            for match in COMPARISON.finditer(_PLACEHOLDER.sub("{}", text)):
                # The guide's own comparison ("Often more affordable") may be quoted.
                if match.group(0).casefold() not in guide:
                    written.append((where, match.group(0)))
    assert not written, written


def test_comparison_placeholders_are_used_where_certifications_are_ranked() -> None:
    rules = (DATA / "rules.yaml").read_text(encoding="utf-8")
    assert "{exam_fee_rank.CBCS}" in rules
    assert "{upkeep_rank.CBCS}" in rules and "{upkeep_rank.CPB}" in rules


def test_comparisons_follow_the_figures(tmp_path: Path) -> None:
    """With the bundled figures CBCS has the lightest upkeep of the two the guide counts; raise
    its CEUs above CPB's and the same placeholder says it has the most."""
    texts = rank_texts(load_knowledge(DATA))
    assert texts["upkeep_rank"]["CBCS"].startswith(
        "the lightest upkeep of the two the guide gives a CEU count for (CMRS: not in guide; "
    )
    assert "15 CEUs a year, which keeps that order" in texts["upkeep_rank"]["CBCS"]
    assert texts["upkeep_rank"]["CPB"].startswith("the most upkeep of the two")
    assert texts["exam_fee_rank"]["CBCS"].startswith("the cheapest of the three")
    assert "CMRS's $199 is a member price" in texts["exam_fee_rank"]["CBCS"]

    changed = tmp_path / "data"
    shutil.copytree(DATA, changed)
    certs = changed / "certifications.yaml"
    text = certs.read_text(encoding="utf-8")
    assert text.count("ceus: 10\n") == 1
    certs.write_text(text.replace("ceus: 10\n", "ceus: 40\n"), encoding="utf-8")
    texts = rank_texts(load_knowledge(changed))
    assert texts["upkeep_rank"]["CBCS"].startswith("the most upkeep of the two")
    assert texts["upkeep_rank"]["CPB"].startswith("the lightest upkeep of the two")
    # CMRS's newer 15 a year sits between 18 and 20: it no longer keeps CPB the lightest.
    assert "which would change that order" in texts["upkeep_rank"]["CPB"]


# --- what the commands say of their sources -----------------------------------------------------


def _json(result: Any) -> Any:
    assert result.code == 0, result.err
    return json.loads(result.out)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_renew_says_its_reminder_dates_are_the_tools_own(invoke, tmp_path: Path) -> None:
    """Item 1: on screen, in --json and in the .ics, the reminder schedule and the halfway pace
    are labeled as this tool's, not the issuer's."""
    args = ("renew", "CPB", "--earned", "2025-03-14", "--as-of", "2025-04-01")
    flat = _flat(invoke(*args).out)
    assert (
        "Reminder dates (halfway through a cycle; 6, 3 and 1 months and 2 weeks before the due "
        "date) are an assumption of this tool, not the issuer's schedule."
    ) in flat
    data = _json(invoke(*args, "--json"))
    halfway = data["reminders"][0]
    assert halfway["details"] == (
        "Aim to have about 18 of 36 CEUs by now (an even pace: an assumption of this tool)."
    )
    assert "assumption of this tool" in data["reminder_policy"]
    target = tmp_path / "cpb.ics"
    assert invoke(*args, "--export", str(target)).code == 0
    from icalendar import Calendar

    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    reminders = [e for e in events if str(e["SUMMARY"]) != "CPB renewal due"]
    assert len(reminders) == 5
    for event in reminders:
        assert "an assumption of this tool, not the issuer's schedule" in _flat(
            str(event["DESCRIPTION"])
        )
    assert min(e.decoded("DTSTART") for e in reminders) == date(2026, 3, 14)


def test_renew_with_no_reminders_states_no_policy(invoke) -> None:
    data = _json(invoke("renew", "CPC", "--earned", "2025-03-14", "--json"))
    assert data["reminders"] == [] and data["reminder_policy"] is None


def test_outlook_claims_only_what_onet_says(invoke) -> None:
    """Item 4: O*NET lists the job titles under its code; no source says billers are counted in
    both, so the tool does not say it."""
    flat = _flat(invoke("outlook").out)
    assert "also counted" not in flat and "not only in" not in flat
    assert (
        'O*NET-SOC 43-3021.02 (Billing clerks): O*NET lists "Medical Biller" and "Medical Billing '
        'Specialist" as job titles for this occupation.'
    ) in flat
    assert "The guide names no job code; its figures above match SOC 29-2072" in flat


def test_programs_cost_and_plan_say_which_of_the_guides_figures_they_use(invoke) -> None:
    """Item 5: where the guide's two tables (and its certificate durations) disagree, the tool
    says which figure it uses, why, and that the guide gives the other."""
    programs = _json(invoke("programs", "--json"))
    short = next(p for p in programs["program_types"] if p["id"] == "short-certificate")
    conflicts = {c["field"]: c for c in short["guide_conflicts"]}
    assert conflicts["tuition"]["used"] == "$1,500-$3,500"
    assert conflicts["tuition"]["other"] == "$1,500-$6,000 for Certificate"
    assert conflicts["duration"]["used"] == "4-6 months"
    assert conflicts["duration"]["other"] == "6-12 months for certificate programs"
    assert conflicts["program fees"]["kind"] == "pairing"
    assert "this tool's choice" in programs["fees_pairing"]
    online = next(p for p in programs["program_types"] if p["id"] == "online-self-paced")
    assert [c["other"] for c in online["guide_conflicts"] if c["field"] == "tuition"] == [
        "$500-$3,000 for Online Program"
    ]
    associate = next(p for p in programs["program_types"] if p["id"] == "associate-degree")
    # Both tables agree on the associate degree's tuition: nothing to say but the pairing.
    assert [c["kind"] for c in associate["guide_conflicts"]] == ["pairing"]
    flat = _flat(invoke("programs").out)
    assert "Where the guide's figures disagree" in flat
    assert (
        "Online Self-Paced tuition: bcareer uses $500-$2,000, from the guide's Program types "
        "comparison, the row that names it; the guide also gives $500-$3,000 for Online Program"
    ) in flat

    cost = _flat(invoke("cost", "--program", "short-certificate", "--cert", "CBCS").out)
    assert "Short Certificate duration: bcareer uses 4-6 months" in cost
    assert "the guide also gives 6-12 months for certificate programs" in cost
    # Chosen from the tuition table directly, the same difference is told the other way.
    category = _json(invoke("cost", "--program", "certificate", "--cert", "CBCS", "--json"))
    notes = " ".join(category["notes"])
    assert "Certificate tuition: bcareer uses $1,500-$6,000" in notes
    assert "$1,500-$3,500 for Short Certificate, $3,000-$6,000 for Extended Certificate" in notes
    assert category["program"]["duration_section"].startswith("Quick answer; Step 2")

    plan = _json(invoke(
        "plan", "--education", "ged", "--budget", "3000", "--schedule", "full-time",
        "--experience-years", "0", "--no-input", "--json",
    ))  # fmt: skip
    program = plan["cost"]["program"]
    assert program["guide_conflicts"], program["id"]
    assert any("the guide also gives" in note for note in plan["cost"]["notes"])


def test_faq_and_about_flag_the_newer_figures_as_salary_does(invoke) -> None:
    """Item 6: a guide figure with a newer report is flagged wherever the guide's sentence that
    quotes it is shown."""
    entry = _json(invoke("faq", "good career", "--json"))["matches"][0]
    flagged = {item["guide"]: item for item in entry["newer"]}
    assert set(flagged) == {"$48,780", "7%"}
    assert flagged["$48,780"]["summary"].startswith("$50,250")
    hourly = _json(invoke("faq", "per hour", "--json"))["matches"][0]
    assert [item["guide"] for item in hourly["newer"]] == ["$23-$28"]
    assert hourly["newer"][0]["summary"].startswith("$24.16/h")
    assert "$23-$28: newer: $24.16/h (May 2024)" in _flat(invoke("faq", "per hour").out)
    # An answer that quotes no such figure carries none.
    assert _json(invoke("faq", "stressful", "--json"))["matches"][0]["newer"] == []

    about = _json(invoke("about", "--json"))
    assert {item["guide"] for item in about["pros_newer"]} == {"$48,780", "7%"}
    flat = _flat(invoke("about").out)
    assert "$48,780: newer: $50,250 (May 2024; $24.16/h)" in flat
    assert "7%: newer: +7% 2024-2034" in flat
    # The same median under two names is said to be one series.
    series = _json(invoke("salary", "--json"))["national_median"]["series"]
    assert "the same series as the newer figure" in series
    assert "SOC 29-2072" in series


def test_cpb_newer_fee_is_one_report_beside_the_member_fee(invoke) -> None:
    """Item 7: $425 one attempt / $499 two attempts is two prices for two purchases, with no
    non-member fee: shown once, beside the member fee, and never stored as a range."""
    data = _json(invoke("compare", "CPB", "CBCS", "--json"))
    cpb = next(cert for cert in data["certifications"] if cert["code"] == "CPB")
    fees = [item for item in cpb["newer"] if item["field"].startswith("fees")]
    assert len(fees) == 1
    # The value is the price of one attempt (what the guide's fee is), not a range of the two.
    assert fees[0]["value"] == 425 and fees[0]["fields"] == ["fee_member"]
    assert "no non-member fee" in fees[0]["summary"]
    out = invoke("compare", "CPB", "CBCS", env={"NO_COLOR": "1", "COLUMNS": "100"}).out
    number = re.search(r"\[(\d+)\]\s+CPB fees \(member\):", out)
    assert number is not None
    marks = [line for line in out.splitlines() if f"│ $349 [{number.group(1)}]" in line]
    assert len(marks) == 1 and "Exam fee (member)" in marks[0]
    non_member = next(line for line in out.splitlines() if "Exam fee (non-member)" in line)
    assert "$449" in non_member and "newer" not in non_member.split("$449")[1].split("│")[0]

    member = _json(invoke("cost", "--program", "online", "--cert", "CPB", "--member", "--json"))
    non = _json(invoke("cost", "--program", "online", "--cert", "CPB", "--no-member", "--json"))

    def exam_newer(breakdown: dict[str, Any]) -> list[str]:
        item = next(i for i in breakdown["items"] if i["id"] == "exam-fee")
        return [figure["summary"] for figure in item["newer"]]

    assert any(s.startswith("$425 one attempt") for s in exam_newer(member))
    assert not any(s.startswith("$425 one attempt") for s in exam_newer(non))


def test_a_bodys_own_offer_names_a_body_of_the_data() -> None:
    """An update marked as one body's own offer (AAPC's payment help) names an organization the
    data holds, so a plan can match it to its certification's issuer."""
    kb = load_knowledge(DATA)
    ids = {org.id for org in kb.organizations.organizations}
    marked = [u for option in kb.aid.aid for u in option.updates if u.organization is not None]
    assert marked, "no body's own offer is marked"
    assert {u.organization for u in marked} <= ids
