"""A plan its reader understands (issue 22), for twelve people: dates as people write them, no
program notation in the body or the exports, the guide named, each hard word explained once,
first actions in the order that unblocks and none that contradicts the plan, and plain language
measured with textstat (Flesch-Kincaid grade: first screen 8 or below, whole plan 9 or below)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from billing_career.planning.load import load_knowledge

START = ("--start", "2027-02-01", "--no-input", "--no-save")
GUIDE_TITLE = '"How to Become a Medical Billing Specialist", the career guide this tool is built on'
ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")
# A flag name: two dashes then a letter, not inside a word or a range ("$1,885-$4,330").
FLAG = re.compile(r"(?<![\w-])--[a-z]")
# The one terminal line that may name flags (the plan's last).
MORE = "More: add --details for every reason, or --explain for every rule."


@dataclass(frozen=True)
class Person:
    """Someone reading a plan, and what this week's first action must be about."""

    name: str
    args: tuple[str, ...]
    first: str


PEOPLE = [
    Person(
        "no diploma, out of work",
        ("--education", "none", "--budget", "0", "--schedule", "full-time", "--job-seeker"),
        "high school diploma or GED",
    ),
    Person(
        "$0 job seeker counting WIOA",
        ("--education", "high-school", "--budget", "0", "--schedule", "full-time", "--job-seeker"),
        "American Job Center",
    ),
    Person(
        "employer pays",
        (
            "--education",
            "high-school",
            "--budget",
            "500",
            "--schedule",
            "part-time",
            "--employer-sponsor",
        ),
        "Ask your employer in writing",
    ),
    Person(
        "no diploma, employer pays",
        ("--education", "none", "--budget", "0", "--schedule", "part-time", "--employer-sponsor"),
        "high school diploma or GED",
    ),
    Person(
        "veteran with no money",
        ("--education", "ged", "--budget", "0", "--schedule", "full-time", "--veteran"),
        "approved for the GI Bill",
    ),
    Person(
        "laid-off parent, part-time",
        (
            "--education",
            "high-school",
            "--budget",
            "500",
            "--schedule",
            "part-time",
            "--job-seeker",
            "--background",
            "customer-service",
        ),
        "American Job Center",
    ),
    Person(
        "ten-year biller",
        (
            "--education",
            "associate",
            "--budget",
            "500",
            "--schedule",
            "full-time",
            "--experience-years",
            "10",
            "--goal",
            "advancement",
            "--current-pay",
            "17/h",
        ),
        "exam requirements",
    ),
    Person(
        "bachelor's, part-time",
        ("--education", "bachelor", "--budget", "3000", "--schedule", "part-time"),
        "Research",
    ),
    Person(
        "budget covers it, in person",
        (
            "--education",
            "high-school",
            "--budget",
            "9000",
            "--schedule",
            "full-time",
            "--learning",
            "in-person",
        ),
        "Research",
    ),
    Person(
        "online, wants to work from home",
        (
            "--education",
            "some-college",
            "--budget",
            "1000",
            "--schedule",
            "flexible",
            "--learning",
            "online",
            "--remote",
        ),
        "Research",
    ),
    Person(
        "comprehensive, money saved",
        (
            "--education",
            "ged",
            "--budget",
            "20000",
            "--schedule",
            "full-time",
            "--goal",
            "comprehensive",
        ),
        "Research",
    ),
    Person(
        "two years' experience, no money",
        (
            "--education",
            "high-school",
            "--budget",
            "0",
            "--schedule",
            "full-time",
            "--experience-years",
            "2",
        ),
        "exam requirements",
    ),
    # The answer first ("While you are on the exclusion list, ..."), then the plan for after.
    Person(
        "on the exclusion list",
        (
            "--education",
            "high-school",
            "--budget",
            "3000",
            "--schedule",
            "full-time",
            "--record",
            "excluded",
        ),
        "OIG exclusion list",
    ),
    Person(
        "a conviction",
        (
            "--education",
            "high-school",
            "--budget",
            "3000",
            "--schedule",
            "full-time",
            "--record",
            "conviction",
        ),
        "OIG exclusion list",
    ),
]
IDS = [person.name for person in PEOPLE]


@pytest.fixture(scope="module")
def glosses() -> list[str]:
    """The glossary's explanations (certification names are also said where they belong)."""
    return [term.says for term in load_knowledge().glossary.terms]


# Each plan rendered once per worker: several tests read the same person's plan, and the run
# is the same in each (same answers, start, width and data).
_RENDERED: dict[tuple[tuple[str, ...], int], str] = {}


def run(invoke: Any, *args: str, columns: int = 80) -> str:
    if (args, columns) not in _RENDERED:
        result = invoke("plan", *args, *START, env={"COLUMNS": str(columns), "NO_COLOR": "1"})
        assert result.code == 0, result.err
        _RENDERED[args, columns] = result.out
    return _RENDERED[args, columns]


def body(text: str) -> str:
    """The plan without its last line, the one that may point to --details and --explain."""
    lines = text.rstrip("\n").splitlines()
    if lines and lines[-1] == MORE:
        lines = lines[:-1]
    return "\n".join(lines)


def exports(invoke: Any, person: Person, folder: Path) -> dict[str, str]:
    out = {}
    for suffix in ("md", "html", "ics"):
        target = folder / f"plan.{suffix}"
        result = invoke("plan", *person.args, *START, "--export", str(target))
        assert result.code == 0, result.err
        out[suffix] = target.read_text(encoding="utf-8")
    return out


def sentences(text: str) -> str:
    """Each line of the plan as the unit a reader takes in: a label line or a step with no
    full stop still ends there (otherwise the answer block would count as one long sentence)."""
    units = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            units.append(line if line[-1] in ".!?:" else f"{line}.")
    return " ".join(units)


def grade(text: str) -> float:
    import textstat  # here, not at collection: its import costs every worker half a second

    return float(textstat.flesch_kincaid_grade(sentences(text)))


@pytest.mark.parametrize("person", PEOPLE, ids=IDS)
def test_the_plan_reads_as_people_write(
    invoke: Any, person: Person, tmp_path: Path, glosses: list[str]
) -> None:
    text = run(invoke, *person.args)
    details = run(invoke, *person.args, "--details")
    files = exports(invoke, person, tmp_path)
    # Flags only on the terminal's last line; none in any export, the calendar included.
    assert text.rstrip("\n").splitlines()[-1] == MORE
    for shown in (body(text), details, files["md"], files["html"], files["ics"]):
        assert not FLAG.search(shown), FLAG.search(shown)
    # Dates in words in the text and the documents (the calendar keeps ISO in its fields).
    for shown in (text, details, files["md"], files["html"]):
        assert not ISO_DATE.search(shown), ISO_DATE.search(shown)
    # The guide is named by its title once, where "the guide" is first used.
    for shown in (text, details, files["md"]):
        flat = " ".join(shown.split()).replace("\\", "")
        uses = [match.start() for match in re.finditer(r"\b[Tt]he guide\b", flat)]
        if not uses:
            assert GUIDE_TITLE not in flat
            continue
        assert flat.count(GUIDE_TITLE) == 1
        named = flat.index(GUIDE_TITLE)
        # "The guide: <title>" is the naming itself, not a use.
        uses = [use for use in uses if use != named - len("The guide: ")]
        # Named after the sentence of its first use: a use before it shares that sentence.
        assert uses[0] < named, "named too late"
        assert all(use > named or ". " not in flat[uses[0] : use] for use in uses[1:]), (
            "named too late"
        )
    # Every explanation at most once a plan, in each form.
    for shown in (text, details, files["md"], files["html"]):
        flat = " ".join(shown.split()).replace("\\", "")
        for says in glosses:
            assert flat.count(says) <= 1, says


@pytest.mark.parametrize("person", PEOPLE, ids=IDS)
def test_the_first_action_fits_and_none_contradicts_the_plan(invoke: Any, person: Person) -> None:
    data = json.loads(invoke("plan", *person.args, *START, "--json").out)
    actions = data["first_actions"]
    assert person.first in actions[0], actions
    text = " ".join(run(invoke, *person.args).split())
    assert f"This week: {actions[0]}" in text
    # The plan chose how to learn: nothing asks to compare online and in-person after that.
    assert not any("online and in-person" in action for action in actions)
    # No "look into the aid" when no aid applies, nor a payment plan when the budget covers it.
    assert not any("aid options" in action for action in actions)
    if data["budget"]["covers"] == "all":
        assert not any("payment plan" in action for action in actions)
    # The diploma or GED before anything; the money counted before the programs (aid that only
    # may apply comes with the programs, and after the counted money).
    counted = {source["id"] for source in data["funding"]["sources"] if source["counted"]}
    stages = {
        "American Job Center": "wioa",
        "Ask your employer": "employer-sponsorship",
        "GI Bill": "gi-bill",
        "FAFSA": "federal-aid",
    }
    research = [index for index, action in enumerate(actions) if action.startswith("Research")]
    # A budget that pays the whole path on its own needs no aid first.
    own_covered = data["budget"]["amount"] >= data["cost"]["total"]["max"]
    for index, action in enumerate(actions):
        if own_covered:
            break
        if any(word in action and stages[word] in counted for word in stages):
            assert not research or index < research[0], actions
        if "GED program" in action:
            assert index == 0, actions


@pytest.mark.parametrize("person", PEOPLE, ids=IDS)
def test_the_grade_levels_hold(invoke: Any, person: Person) -> None:
    # Unwrapped (one logical line each), so that a wrapped line is not read as a sentence.
    text = body(run(invoke, *person.args, columns=1000))
    lines = text.splitlines()
    first_screen = "\n".join(lines[: lines.index("", 2)])
    assert grade(first_screen) <= 8, first_screen
    assert grade(text) <= 9


def test_grade_measures_what_it_says() -> None:
    """The measure can fail: long words in one long sentence read well above grade 9."""
    hard = (
        "Notwithstanding the aforementioned considerations, institutional accreditation "
        "determinations necessitate comprehensive documentation of programmatic eligibility "
        "requirements, administrative verification and substantive reimbursement."
    )
    assert grade(hard) > 9
    assert grade("Visit the job center. Ask which programs it pays for.") <= 8
