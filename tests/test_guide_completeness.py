"""Every table, figure and list item of the career guide is in the knowledge base, in its place.

The guide is parsed here (its markdown-ish tables, its bullets, its headed groups) and each part is
compared with the typed records, number against number. A last pair of tests sweeps every line and
every figure of the guide, so a line added to the guide and not to data/ fails here too. The newer
figures of research/facts-2026.md must each be a dated, sourced update.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from conftest import DATA, FACTS, GUIDE

from billing_career.knowledge.inventory import newer_figures
from billing_career.knowledge.loader import DATA_FILES
from billing_career.knowledge.models import (
    VARIES,
    KnowledgeBase,
    Range,
    Record,
    Sourced,
    SourceRef,
    Update,
)
from billing_career.knowledge.wording import MONTHS
from billing_career.planning.load import load_knowledge

pytestmark = pytest.mark.skipif(
    not GUIDE.exists(),
    reason=f"the career guide is not at {GUIDE} (expected in ../shared/seeds/ beside the repo)",
)

EN_DASH = "\u2013"


# --- reading the guide ------------------------------------------------------------------------


@cache
def guide_lines() -> tuple[str, ...]:
    return tuple(line.strip() for line in GUIDE.read_text(encoding="utf-8").splitlines())


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


@cache
def guide_tables() -> dict[str, Table]:
    """Each table under the line before its header: '| A | B |' then '|---|' then rows."""
    lines = guide_lines()
    tables = {}
    for index, line in enumerate(lines[:-1]):
        if line.startswith("|") and lines[index + 1].startswith("|--"):
            headers = tuple(_cells(line))
            rows = []
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                cells = _cells(row)
                assert len(cells) == len(headers), f"ragged row in the guide: {row}"
                rows.append(dict(zip(headers, cells, strict=True)))
            tables[lines[index - 1]] = Table(lines[index - 1], headers, tuple(rows))
    return tables


def section(start: str, end: str) -> list[str]:
    """The guide's lines strictly between a heading and the next given heading."""
    lines = guide_lines()
    assert start in lines, f"the guide has no line {start!r}"
    first = lines.index(start) + 1
    assert end in lines[first:], f"the guide has no line {end!r} after {start!r}"
    return list(lines[first : lines.index(end, first)])


def bullets(lines: list[str]) -> list[str]:
    return [line[2:] for line in lines if line.startswith("- ")]


def groups(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Headed groups: 'Title:' or 'Title' then bullets; 'Title: text' is a group of one item."""
    found: list[tuple[str | None, list[str]]] = []
    for line in lines:
        if not line:
            continue
        if line.startswith("- "):
            if not found:
                found.append((None, []))
            found[-1][1].append(line[2:])
        elif match := re.fullmatch(r"([^:]+): (.+)", line):
            found.append((match[1], [match[2]]))
        else:
            found.append((line.removesuffix(":"), []))
    return found


def label_text(item: str) -> tuple[str, str]:
    """'Name: description' split in two."""
    name, _, text = item.partition(": ")
    assert text, f"expected 'Name: text' in the guide, got {item!r}"
    return name, text


def usd(text: str) -> int:
    return int(text.replace("$", "").replace(",", ""))


def usd_range(text: str) -> tuple[int, int]:
    """'$1,500-$3,500' -> (1500, 3500); a single '$190/year' -> (190, 190)."""
    amounts = [usd(part) for part in re.findall(r"\$[\d,]+", text)]
    assert amounts and len(amounts) <= 2, f"not a money figure: {text!r}"
    return amounts[0], amounts[-1]


def months(text: str) -> tuple[int, int] | str:
    """'4-6 months' -> (4, 6); '2 years' -> (24, 24); 'Varies' -> 'varies'."""
    if text.casefold() == VARIES:
        return VARIES
    match = re.fullmatch(r"(\d+)(?:-(\d+))? (months?|years?)", text)
    assert match, f"not a duration: {text!r}"
    scale = 12 if match[3].startswith("year") else 1
    low = int(match[1]) * scale
    return low, int(match[2] or match[1]) * scale


def span(value: Range | str | None) -> tuple[float, float] | str | None:
    return (value.min, value.max) if isinstance(value, Range) else value


def same_text(left: str, right: str) -> bool:
    return " ".join(left.split()) == " ".join(right.split())


def without_parenthesis(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)$", "", name)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(DATA)


# --- the tables -------------------------------------------------------------------------------

TABLE_TITLES = {
    "Program types comparison",
    "Tuition and Fees",
    "Additional Expenses",
    "Salary by Experience Level",
    "Salary by Work Setting",
    "Salary by State",
    "Advanced Certifications",
    "Career Paths",
}


def test_every_table_of_the_guide_is_checked() -> None:
    assert set(guide_tables()) == TABLE_TITLES


def test_program_types_table(kb: KnowledgeBase) -> None:
    rows = guide_tables()["Program types comparison"].rows
    by_name = {program.name: program for program in kb.programs.programs}
    assert sorted(by_name) == sorted(row["Program Type"] for row in rows)
    for row in rows:
        program = by_name[row["Program Type"]]
        assert span(program.duration_months) == months(row["Duration"]), program.id
        assert span(program.tuition) == usd_range(row["Cost Range"]), program.id
        assert program.best_for == row["Best For"]
        assert program.source.id == "guide"


def test_tuition_and_fees_table(kb: KnowledgeBase) -> None:
    rows = guide_tables()["Tuition and Fees"].rows
    categories = kb.programs.tuition_categories
    by_name = {without_parenthesis(category.name): category for category in categories}
    assert sorted(by_name) == sorted(row["Program Type"] for row in rows)
    for row in rows:
        category = by_name[row["Program Type"]]
        assert span(category.tuition) == usd_range(row["Tuition Range"]), category.id
        assert span(category.fees) == usd_range(row["Additional Fees"]), category.id


def test_additional_expenses_table(kb: KnowledgeBase) -> None:
    rows = guide_tables()["Additional Expenses"].rows
    by_name = {expense.name: expense for expense in kb.costs.expenses}
    assert sorted(by_name) == sorted(row["Item"] for row in rows)
    for row in rows:
        expense = by_name[row["Item"]]
        assert span(expense.cost) == usd_range(row["Estimated Cost"]), expense.id
        assert expense.per == ("year" if "/year" in row["Estimated Cost"] else "once")
    membership = next(m for m in kb.costs.memberships if m.organization == "aapc")
    assert membership.cost_per_year == usd(
        next(
            row["Estimated Cost"] for row in rows if row["Item"] == "AAPC membership"
        ).removesuffix("/year")
    )


def test_salary_by_experience_table(kb: KnowledgeBase) -> None:
    rows = guide_tables()["Salary by Experience Level"].rows
    assert len(kb.salary.by_experience) == len(rows)
    for level, row in zip(kb.salary.by_experience, rows, strict=True):
        match = re.fullmatch(r"(.+) \((\d+)(?:-(\d+)|\+)? years?\)", row["Experience"])
        assert match, row
        assert level.name == match[1]
        assert level.years_min == int(match[2])
        assert level.years_max == (int(match[3]) if match[3] else None)
        assert span(level.annual) == usd_range(row["Typical Annual Salary"])


def test_salary_by_work_setting_table(kb: KnowledgeBase) -> None:
    rows = guide_tables()["Salary by Work Setting"].rows
    assert [setting.name for setting in kb.salary.by_setting] == [row["Setting"] for row in rows]
    for setting, row in zip(kb.salary.by_setting, rows, strict=True):
        cell = row["Median Annual Salary"]
        if cell.casefold().startswith(VARIES):
            assert setting.median_annual == VARIES
        else:
            assert span(setting.median_annual) == usd_range(cell), setting.id


def test_salary_by_state_table_is_empty_and_nothing_is_invented(kb: KnowledgeBase) -> None:
    table = guide_tables()["Salary by State"]
    assert table.headers == ("State", "Median annual", "Top 10% annual")
    assert table.rows == ()
    assert kb.salary.by_state == ()


def test_advanced_certifications_table(kb: KnowledgeBase) -> None:
    rows = guide_tables()["Advanced Certifications"].rows
    advanced = [cert for cert in kb.certifications.certifications if cert.level == "advanced"]
    assert len(advanced) == len(rows)
    for row in rows:
        match = re.fullmatch(r"(.+?)(?: \(([A-Z]+)\))?", row["Certification"])
        assert match
        cert = next(c for c in advanced if c.name == match[1])
        if match[2]:
            assert cert.code == match[2]
        assert cert.focus == row["Focus"]
        assert cert.requirements == (row["Requirements"],)


def test_career_paths_table(kb: KnowledgeBase) -> None:
    rows = guide_tables()["Career Paths"].rows
    paths = kb.careers.career_paths
    assert [path.role for path in paths] == [row["Role"] for row in rows]
    for path, row in zip(paths, rows, strict=True):
        assert path.requirements == row["Additional Requirements"]
        assert span(path.salary) == usd_range(row["Salary Range"]), path.id


# --- what the specialist does -----------------------------------------------------------------


def test_quick_answer_and_summary(kb: KnowledgeBase) -> None:
    quick = section(
        "Quick answer: how to become a Medical Billing Specialist",
        "What does a Medical Billing Specialist do?",
    )
    assert same_text(kb.role.role.quick_answer, " ".join(quick))
    within = re.search(r"within (\d+)-(\d+) months of starting training", " ".join(quick))
    assert within
    assert span(kb.role.role.job_ready_months) == (int(within[1]), int(within[2]))
    summary = section("What does a Medical Billing Specialist do?", "Primary Responsibilities")
    assert same_text(kb.role.role.summary, " ".join(summary))


def test_responsibilities(kb: KnowledgeBase) -> None:
    guide = groups(section("Primary Responsibilities", "Work Environment"))
    assert [(group.title, list(group.items)) for group in kb.role.role.responsibilities] == guide


def test_work_environments(kb: KnowledgeBase) -> None:
    lines = section("Work Environment", "Certification types for Medical Billing specialists")
    assert list(kb.role.role.work_environments) == bullets(lines)


def test_pros_and_challenges(kb: KnowledgeBase) -> None:
    lines = section("Pros and challenges of this career", "Frequently asked questions")
    assert groups(lines) == [
        ("Benefits", list(kb.role.role.pros)),
        ("Challenges", list(kb.role.role.challenges)),
    ]
    benefits = " ".join(kb.role.role.pros)
    median = re.search(r"\((\$[\d,]+) median\)", benefits)
    growth = re.search(r"\((\d+)% growth rate\)", benefits)
    assert median and growth
    assert kb.salary.national_median.annual == usd(median[1])
    assert kb.outlook.outlook.growth_percent == int(growth[1])
    assert "6-12 months" in benefits
    assert span(kb.role.role.job_ready_months) == (6, 12)


# --- certifications ---------------------------------------------------------------------------


def entry_certification_blocks() -> Iterator[tuple[str, str, list[str]]]:
    """(name, code, lines) for each certification the guide describes in detail."""
    lines = section(
        "Certification types for Medical Billing specialists",
        "Step-by-step path to becoming a Medical Billing Specialist",
    )
    starts = [
        (index, match)
        for index, line in enumerate(lines)
        if (match := re.fullmatch(r"(Certified .+) \(([A-Z]+)\)", line))
    ]
    assert len(starts) == 3
    for number, (index, match) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        yield match[1], match[2], lines[index + 1 : end]


def test_certification_is_not_legally_required(kb: KnowledgeBase) -> None:
    opening = section(
        "Certification types for Medical Billing specialists", "Certified Professional Biller (CPB)"
    )
    assert len(opening) == 1 and opening[0].startswith("While not legally required")
    assert kb.certifications.overview is not None
    assert same_text(kb.certifications.overview, opening[0])
    assert kb.certifications.legally_required is False
    assert kb.certifications.overview_source is not None


@pytest.mark.parametrize("code", ["CPB", "CMRS", "CBCS"])
def test_entry_certification(kb: KnowledgeBase, code: str) -> None:
    name, _, lines = next(block for block in entry_certification_blocks() if block[1] == code)
    cert = kb.certification(code)
    assert cert.level == "entry"
    assert cert.name.casefold() == name.casefold()
    assert cert.source.id == "guide"

    issuer = re.fullmatch(r"Issuing Organization: ([A-Z]+) \((.+)\)", lines[0])
    assert issuer and cert.issuer
    organization = kb.organization(cert.issuer)
    assert (organization.abbreviation, organization.name) == (issuer[1], issuer[2])

    requirements = bullets(section_of(lines, "Requirements:", "Exam Details:"))
    assert list(cert.requirements) == requirements
    needs_membership = any("membership" in item.casefold() for item in requirements)
    assert bool(cert.membership_required) is needs_membership

    exam, fees = cert.exam, cert.fees
    assert exam is not None and fees is not None
    details = bullets(section_of(lines, "Exam Details:", None))
    said = {
        "questions": None,
        "minutes": None,
        "open_book": None,
        "member": None,
        "non_member": None,
        "single": None,
    }
    for detail in details:
        if match := re.fullmatch(r"(\d+) multiple-choice questions", detail):
            said["questions"] = int(match[1])
            assert exam.format_note and "multiple-choice" in exam.format_note.casefold()
        elif match := re.fullmatch(r"(\d+)-hour time limit", detail):
            said["minutes"] = int(match[1]) * 60
        elif detail == "Open-book format available":
            said["open_book"] = True
            assert exam.format_note == detail
        elif match := re.fullmatch(r"Covers (.+)", detail):
            covers = [part for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", match[1]) if part]
            assert list(exam.covers) == covers
        elif match := re.fullmatch(r"\$(\d+) exam fee \(member\) / \$(\d+) \(non-member\)", detail):
            said["member"], said["non_member"] = int(match[1]), int(match[2])
        elif match := re.fullmatch(r"\$(\d+) exam fee \(member\)", detail):
            said["member"] = int(match[1])
        elif match := re.fullmatch(r"\$(\d+) exam fee", detail):
            said["single"] = int(match[1])
        else:
            pytest.fail(f"an exam detail of {code} the test does not know: {detail!r}")
    # What the guide does not say stays unknown (None), never zero.
    assert (exam.questions, exam.minutes, exam.open_book) == (
        said["questions"],
        said["minutes"],
        said["open_book"],
    )
    assert (fees.member, fees.non_member, fees.single) == (
        said["member"],
        said["non_member"],
        said["single"],
    )

    renewal_line = lines[-1]
    assert cert.renewal is not None
    if match := re.fullmatch(r"Renewal: Every (\d+) years with (\d+) CEUs", renewal_line):
        assert (cert.renewal.every_years, cert.renewal.ceus) == (int(match[1]), int(match[2]))
    else:
        assert renewal_line == "Renewal: Annually with continuing education"
        assert (cert.renewal.every_years, cert.renewal.ceus) == (1, None)
        assert cert.renewal.note == "Annually with continuing education"


def section_of(lines: list[str], start: str, end: str | None) -> list[str]:
    first = lines.index(start) + 1
    return lines[first : lines.index(end, first) if end else len(lines) - 1]


def test_cpb_exam_fee_in_the_expenses_matches_the_certification(kb: KnowledgeBase) -> None:
    fees = kb.certification("CPB").fees
    expense = next(e for e in kb.costs.expenses if e.certification == "CPB")
    assert fees is not None
    assert span(expense.cost) == (fees.member, fees.non_member)


# --- the five steps and training --------------------------------------------------------------


def test_steps(kb: KnowledgeBase) -> None:
    lines = section(
        "Step-by-step path to becoming a Medical Billing Specialist",
        "Training programs and education options",
    )
    starts = [index for index, line in enumerate(lines) if re.match(r"Step \d: ", line)]
    assert len(starts) == len(kb.steps.steps) == 5
    for step, start, end in zip(kb.steps.steps, starts, [*starts[1:], len(lines)], strict=True):
        heading = re.fullmatch(r"Step (\d): (.+)", lines[start])
        assert heading
        assert step.number == int(heading[1])
        assert step.title.casefold() == heading[2].casefold()
        guide = groups(lines[start + 1 : end])
        assert len(step.sections) == len(guide), step.id
        for group, (title, items) in zip(step.sections, guide, strict=True):
            assert list(group.items) == items, step.id
            # Step 4 lists its bullets under no heading; the data names the group after the step.
            assert group.title == (title if title is not None else step.title)
    assert set(kb.steps.education_required) == {"high-school", "ged"}


def test_step_two_program_groups_match_the_programs(kb: KnowledgeBase) -> None:
    lines = section("Step 2: complete a training program", "Step 3: gain practical experience")
    guide = dict(groups(lines))
    certificate = kb.program("extended-certificate")
    assert list(certificate.features) == guide["Certificate Programs (6-12 months)"]
    assert span(certificate.duration_months) == (6, 12)
    associate = kb.program("associate-degree")
    assert list(associate.features) == guide["Associate Degree (2 years)"]
    assert span(associate.duration_months) == (24, 24)
    assert list(kb.programs.curriculum) == guide["Core Curriculum"]


def test_what_to_look_for_in_a_program(kb: KnowledgeBase) -> None:
    lines = [
        line
        for line in section("What to look for in a program", "Online vs. in-person training")
        if line
    ]
    expected = [label_text(line) for line in lines]
    assert [(c.name, c.description) for c in kb.programs.what_to_look_for] == expected


def test_online_versus_in_person(kb: KnowledgeBase) -> None:
    lines = section("Online vs. in-person training", "Cost breakdown: Medical Billing training")
    assert [(mode.name, list(mode.pros)) for mode in kb.programs.delivery_modes] == groups(lines)


def test_financial_aid_options(kb: KnowledgeBase) -> None:
    items = bullets(
        section("Financial aid options", "Medical Billing Specialist salary and job outlook")
    )
    # The guide's options, in its order; the aid added since (MyCAA, VR, SNAP...) cites others.
    from_guide = [aid for aid in kb.aid.aid if aid.source.id == "guide"]
    assert [(aid.name, aid.description) for aid in from_guide] == [label_text(i) for i in items]


# --- pay and outlook --------------------------------------------------------------------------


def test_job_outlook(kb: KnowledgeBase) -> None:
    items = dict(label_text(item) for item in bullets(section("Job Outlook", "Salary by State")))
    outlook = kb.outlook.outlook
    employment = re.fullmatch(r"([\d,]+) (.+) nationwide", items.pop("Current Employment"))
    assert employment
    assert outlook.employment == usd(employment[1])
    assert outlook.occupation.casefold() == employment[2].casefold()
    growth = re.fullmatch(r"(\d+)% \((.+)\)", items.pop("Projected Growth (2022-2032)"))
    assert growth
    assert (outlook.projection_start, outlook.projection_end) == (2022, 2032)
    assert (outlook.growth_percent, outlook.growth_label) == (int(growth[1]), growth[2])
    openings = re.fullmatch(r"([\d,]+) positions", items.pop("Annual Job Openings"))
    assert openings
    assert outlook.annual_openings == usd(openings[1])
    assert list(outlook.growth_factors) == items.pop("Growth Factors").split(", ")
    assert items == {}, "a Job Outlook line the test does not check"


# --- careers ----------------------------------------------------------------------------------


def test_specializations_and_advanced_roles(kb: KnowledgeBase) -> None:
    lines = section("Specialization Options", "Advanced Certifications")
    assert groups(lines) == [
        ("Specialty Billing", list(kb.careers.specializations)),
        ("Advanced Roles", list(kb.careers.advanced_roles)),
    ]


def test_where_new_specialists_start(kb: KnowledgeBase) -> None:
    guide = dict(
        groups(section("Step 5: begin your career", "Training programs and education options"))
    )
    assert list(kb.careers.entry_positions) == guide["Entry-Level Positions"]
    assert list(kb.careers.employers) == guide["Where New Specialists Find Work"]


# --- FAQ, getting started, resources ----------------------------------------------------------


def faq_pairs() -> list[tuple[str, str]]:
    lines = [
        line for line in section("Frequently asked questions", "How to get started today") if line
    ]
    assert len(lines) % 2 == 0
    pairs = list(zip(lines[::2], lines[1::2], strict=True))
    assert all(question.endswith("?") for question, _ in pairs)
    return pairs


def test_every_faq_question_and_answer(kb: KnowledgeBase) -> None:
    pairs = faq_pairs()
    assert len(kb.faq.faq) == len(pairs) == 12
    for entry, (question, answer) in zip(kb.faq.faq, pairs, strict=True):
        assert entry.question == question
        assert same_text(entry.answer, answer), entry.id


def test_faq_figures_are_structured(kb: KnowledgeBase) -> None:
    answers = dict(faq_pairs())
    hourly = answers["How much do medical billing specialists make per hour?"]
    levels = {level.id: span(level.hourly) for level in kb.salary.hourly}
    for level, pattern in (
        ("median", r"approximately (\$\d+-\$\d+) per hour at the median"),
        ("entry", r"Entry-level positions start around (\$\d+-\$\d+)"),
        ("experienced", r"experienced specialists can earn (\$\d+-\$\d+)"),
    ):
        match = re.search(pattern, hourly)
        assert match, pattern
        assert levels[level] == usd_range(match[1])

    cost = answers["How much does medical billing training cost?"]
    for category, pattern in (
        ("certificate", r"Certificate programs typically cost (\S+?)\."),
        ("online", r"Online programs may be less expensive \((\S+?)\)"),
        ("associate-degree-fees", r"Associate degrees range from (\S+?)\."),
    ):
        match = re.search(pattern, cost)
        assert match, pattern
        assert span(kb.tuition_category(category).tuition) == usd_range(match[1])

    how_long = answers["How long does it take to become a medical billing specialist?"]
    assert "Most certificate programs take 6-12 months" in how_long
    assert span(kb.tuition_category("certificate").duration_months) == (6, 12)
    assert "Associate degrees take 2 years" in how_long
    assert span(kb.program("associate-degree").duration_months) == (24, 24)

    for question in (
        "Is medical billing specialist a good career choice?",
        "What is the job outlook for medical billing specialists?",
    ):
        text = answers[question]
        assert f"{kb.outlook.outlook.growth_percent}%" in text
        assert f"{kb.outlook.outlook.annual_openings:,}" in text
    assert (
        f"${kb.salary.national_median.annual:,} median"
        in answers["Is medical billing specialist a good career choice?"]
    )
    assert (
        f"through {kb.outlook.outlook.projection_end}"
        in answers["What is the job outlook for medical billing specialists?"]
    )


def test_billing_versus_coding_and_software(kb: KnowledgeBase) -> None:
    answers = dict(faq_pairs())
    assert same_text(
        kb.role.role.billing_vs_coding,
        answers["What is the difference between medical billing and medical coding?"],
    )
    software = answers["What software do medical billing specialists use?"]
    for name in kb.role.role.software:
        assert name in software


def test_getting_started(kb: KnowledgeBase) -> None:
    lines = section("How to get started today", "Additional Resources")
    assert lines[0].startswith("Ready to begin")
    expected = [label_text(item) for item in bullets(lines)]
    actual = [(group.title, " ".join(group.items)) for group in kb.steps.getting_started]
    assert actual == expected


def test_additional_resources(kb: KnowledgeBase) -> None:
    guide = dict(groups(section("Additional Resources", "Career Development")))
    # The guide's "Certification Organizations" heading has nothing under it.
    assert guide.pop("Certification Organizations") == []
    organizations = {org.abbreviation or org.name: org for org in kb.organizations.organizations}
    for item in guide.pop("Professional Organizations") + guide.pop("Industry Resources"):
        name, text = label_text(item)
        match = re.fullmatch(r"([A-Z]+) \((.+)\)", name)
        org = organizations[match[1] if match else name]
        if match:
            assert org.name == match[2]
        url, dash, offers = text.partition(f" {EN_DASH} ")
        if dash:
            assert (org.url, org.offers) == (url, offers)
        else:
            assert org.offers == text
    assert guide == {}
    development = bullets(guide_lines()[guide_lines().index("Career Development") + 1 :])
    resources = kb.organizations.career_development
    assert [(r.name, r.description) for r in resources] == [label_text(i) for i in development]


# --- sweeps: every line and every figure ------------------------------------------------------

# Lines of the guide that only structure it; their content is in the records under them.
HEADINGS = frozenset(
    {
        "Quick answer: how to become a Medical Billing Specialist",
        "What does a Medical Billing Specialist do?",
        "Primary Responsibilities",
        "Work Environment",
        "Medical billing specialists work in various settings:",
        "Certification types for Medical Billing specialists",
        "Requirements:",
        "Exam Details:",
        "Step-by-step path to becoming a Medical Billing Specialist",
        "Training programs and education options",
        "Program types comparison",
        "What to look for in a program",
        "Online vs. in-person training",
        "Cost breakdown: Medical Billing training",
        "Tuition and Fees",
        "Additional Expenses",
        "Financial aid options",
        "Medical Billing Specialist salary and job outlook",
        "National salary data",
        "Salary by Experience Level",
        "Salary by Work Setting",
        "Job Outlook",
        "Salary by State",
        "Career advancement opportunities",
        "Specialization Options",
        "Specialty Billing:",
        "Advanced Roles:",
        "Advanced Certifications",
        "Career Paths",
        "Pros and challenges of this career",
        "Benefits",
        "Challenges",
        "Frequently asked questions",
        "How to get started today",
        "Ready to begin your medical billing specialist career? Follow these steps:",
        "Additional Resources",
        "Certification Organizations",
        "Professional Organizations",
        "Industry Resources",
        "Career Development",
    }
)

# Lines whose facts are numbers or structure, each checked field by field by the named test.
STRUCTURED = (
    (r"Issuing Organization: .+", "test_entry_certification"),
    (r"- \d+ multiple-choice questions", "test_entry_certification"),
    (r"- \d+-hour time limit", "test_entry_certification"),
    (r"- Covers .+", "test_entry_certification"),
    (r"- \$\d+ exam fee.*", "test_entry_certification"),
    (r"Renewal: .+", "test_entry_certification"),
    (r"Step \d: .+", "test_steps"),
    (
        r"- (Current Employment|Projected Growth|Annual Job Openings|Growth Factors)\b.+",
        "test_job_outlook",
    ),
)


# The questionnaire and the rules restate the guide's facts in their own terms; the facts live in
# the other files.
NOT_FACTS = {"questions", "rules"}


def guide_facts(kb: KnowledgeBase) -> Iterator[Any]:
    for name in DATA_FILES:
        if name not in NOT_FACTS:
            yield from _guide_facts(getattr(kb, name))


def _guide_facts(node: Any, from_guide: bool = True) -> Iterator[Any]:
    """Every value of the records the guide is the source of; newer figures and source
    references are left out, and so are search keywords, which are not facts."""
    if isinstance(node, Update | SourceRef):
        return
    if isinstance(node, Sourced):
        from_guide = node.source.id == "guide"
    if isinstance(node, Record):
        for name in node.field_names():
            if name != "keywords":
                yield from _guide_facts(getattr(node, name), from_guide)
    elif isinstance(node, tuple):
        for item in node:
            yield from _guide_facts(item, from_guide)
    elif from_guide:
        yield node


def _normal(text: str) -> str:
    return " ".join(text.split()).strip().removesuffix(":").casefold()


def _present(text: str, strings: set[str]) -> bool:
    """The text is a string of the data, or its parts are ('Name: text', 'ABBR (Name)', lists)."""
    text = _normal(text)
    if not text or text in strings:
        return True
    parts: list[list[str]] = []
    if match := re.fullmatch(r"(.+?) \((.+)\)", text):
        parts.append([match[1], match[2]])
    if ": " in text:
        parts.append(text.split(": ", 1))
    for separator in (f" {EN_DASH} ", ", "):
        if separator in text:
            parts.append(text.split(separator))
    return any(all(_present(part, strings) for part in split) for split in parts)


def test_every_line_of_the_guide_is_in_the_knowledge_base(kb: KnowledgeBase) -> None:
    strings = {_normal(value) for value in guide_facts(kb) if isinstance(value, str)}
    missing = []
    for line in guide_lines():
        if not line or line.startswith("|") or line in HEADINGS:
            continue
        if any(re.fullmatch(pattern, line) for pattern, _ in STRUCTURED):
            continue
        if not _present(line.removeprefix("- "), strings):
            missing.append(line)
    assert missing == []


NUMBER = re.compile(r"\$?\d[\d,]*(?:\.\d+)?")
# After a number (and the rest of its range), the unit that tells how the data stores it.
UNIT = re.compile(r"(?:-\$?\d[\d,]*|\+)?\s*-?\s*(hours?|years?)\b")


def guide_figures() -> Iterator[tuple[str, float, set[float]]]:
    """(line, figure, the values it may be stored as) for every number in the guide."""
    for line in guide_lines():
        for match in NUMBER.finditer(line):
            figure = float(match[0].replace("$", "").replace(",", ""))
            unit = UNIT.match(line, match.end())
            forms = {figure}
            if unit and unit[1].startswith("hour") and not line[match.end() :].startswith(" per"):
                forms.add(figure * 60)  # exam time limits are stored in minutes
            if unit and unit[1].startswith("year"):
                forms.add(figure * 12)  # durations are stored in months
            yield line, figure, forms


def test_every_figure_of_the_guide_is_a_number_in_the_data(kb: KnowledgeBase) -> None:
    numbers = {
        float(value)
        for value in guide_facts(kb)
        if isinstance(value, int | float) and not isinstance(value, bool)
    }
    missing = [(line, figure) for line, figure, forms in guide_figures() if not forms & numbers]
    assert missing == []
    assert sum(1 for _ in guide_figures()) > 120  # the sweep really read the guide's figures


def test_guide_figures_sweep_catches_a_missing_figure(kb: KnowledgeBase) -> None:
    """The sweep is not vacuous: without the employment figure, 218,000 is reported missing."""
    numbers = {float(v) for v in guide_facts(kb) if isinstance(v, int | float)}
    numbers.discard(218000.0)
    missing = [figure for _, figure, forms in guide_figures() if not forms & numbers]
    assert 218000.0 in missing


# --- newer figures: research/facts-2026.md -----------------------------------------------------


@dataclass(frozen=True)
class FactRow:
    fact: str
    guide_says: str
    newer: str
    reported_by: str
    date: str


def fact_rows() -> list[FactRow]:
    if not FACTS.exists():
        pytest.skip(f"research/facts-2026.md is not at {FACTS}")
    rows = []
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and not line.startswith("| fact "):
            rows.append(FactRow(*_cells(line)))
    assert len(rows) >= 13
    return rows


JOB_CODE = re.compile(r"\b\d{2}-\d{4}(?:\.\d{2})?\b")


# The month names plans write dates with (knowledge/wording.py).
MONTH_NAMES = list(MONTHS)
WORDED_DATE = re.compile(rf"({'|'.join(MONTH_NAMES)}) (\d{{1,2}}), (\d{{4}})")


def figures_in(text: str) -> set[float]:
    # A date as people write it (plans show "July 1, 2026") holds the same figures as 2026-07-01.
    text = WORDED_DATE.sub(
        lambda m: f"{m[3]}-{MONTH_NAMES.index(m[1]) + 1:02d}-{int(m[2]):02d}", text
    )
    text = JOB_CODE.sub(" ", text)
    return {float(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


@dataclass(frozen=True)
class Reported:
    """A newer figure in the data (an update, or a record the guide has nothing for)."""

    text: str
    numbers: frozenset[float]
    source_id: str
    date: str


def reported_figures(kb: KnowledgeBase) -> list[Reported]:
    found = []
    for newer in newer_figures(kb):
        update = newer.update
        numbers = figures_in(update.summary)
        if isinstance(update.value, Range):
            numbers |= {float(update.value.min), float(update.value.max)}
        elif update.value is not None:
            numbers.add(float(update.value))
        found.append(Reported(update.summary, frozenset(numbers), update.source.id, update.date))
    for code in kb.outlook.outlook.job_codes:
        source = kb.source(code.source.id)
        found.append(
            Reported(
                f"{code.code} {code.title} {code.note or ''}",
                frozenset(),
                code.source.id,
                source.read or source.published or "",
            )
        )
    return found


def test_every_newer_figure_is_in_the_data_with_its_source_and_date(kb: KnowledgeBase) -> None:
    reported = reported_figures(kb)
    for row in fact_rows():
        # A source may name several publishers ("a; b") when a row does not say which of its
        # pages reports a claim: it matches when the row names every one of them.
        sources = {
            source.id
            for source in kb.sources.sources
            if (source.url and source.url in row.reported_by)
            or (
                source.publisher
                and all(part.strip() in row.reported_by for part in source.publisher.split(";"))
            )
        }
        assert sources, f"no source in sources.yaml for {row.fact!r} ({row.reported_by})"
        candidates = [r for r in reported if r.source_id in sources]
        assert candidates, f"no update from {sorted(sources)} for {row.fact!r}"
        numbers = frozenset().union(*(r.numbers for r in candidates))
        assert figures_in(row.newer) <= numbers, row.fact
        texts = " ".join(r.text for r in candidates)
        for code in JOB_CODE.findall(row.newer):
            assert code in texts, row.fact
        if not figures_in(row.newer):
            # A row with no figure (AAPC's payment help): its words must be in an update.
            words = set(re.findall(r"[a-z]{5,}", row.newer.casefold()))
            assert words <= set(re.findall(r"[a-z]{5,}", texts.casefold())), row.fact
        dates = re.findall(r"\d{4}(?:-\d{2}){0,2}", row.date)
        assert any(all(d in r.date for d in dates) for r in candidates), (row.fact, row.date)


def test_updates_name_who_reported_them(kb: KnowledgeBase) -> None:
    for newer in newer_figures(kb):
        assert newer.source.kind != "guide", (newer.record, newer.update.field)
        assert newer.update.reported_by == newer.source.kind, (newer.record, newer.update.field)
        assert newer.update.date.strip(), (newer.record, newer.update.field)


def test_guide_figures_are_kept_beside_the_newer_ones(kb: KnowledgeBase) -> None:
    """A newer figure never replaces the guide's: both are in the data."""
    cpb = kb.certification("CPB")
    assert cpb.exam is not None and cpb.fees is not None
    assert (cpb.exam.questions, cpb.exam.minutes) == (100, 180)
    assert any("135" in u.summary for u in cpb.updates_for("exam"))
    assert (cpb.fees.member, cpb.fees.non_member) == (349, 449)
    assert kb.salary.national_median.annual == 48780
    assert [u.value for u in kb.salary.national_median.updates_for("annual")] == [50250]
    assert kb.outlook.outlook.employment == 218000
    assert [u.value for u in kb.outlook.outlook.updates_for("employment")] == [194800]
