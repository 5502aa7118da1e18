"""What the guide has, shown where a person looks (issue 21, part C): the quick answer and the
certification overview in `about`, the Step 2 lists in `programs`, the exam format in `compare`,
and Step 2's curriculum and Step 4's bullets in the plan's details."""

from __future__ import annotations

import json
from typing import Any

import pytest

from billing_career.knowledge.models import KnowledgeBase
from billing_career.planning.load import load_knowledge

PLAN = (
    "plan",
    "--no-input",
    "--no-save",
    "--education",
    "ged",
    "--budget",
    "8000",
    "--schedule",
    "part-time",
    "--goal",
    "comprehensive",
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(None)


def guide_list(kb: KnowledgeBase, step_id: str, section_id: str) -> tuple[str, ...]:
    step = next(step for step in kb.steps.steps if step.id == step_id)
    return tuple(next(part for part in step.sections if part.id == section_id).items)


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_about_opens_with_the_quick_answer_and_says_what_certification_is_worth(
    invoke: Any, kb: KnowledgeBase
) -> None:
    text = invoke("--no-pager", "about", env={"COLUMNS": "80", "NO_COLOR": "1"}).out
    quick = kb.role.role.quick_answer
    assert quick.startswith("Complete a medical billing training program")
    first_screen = one_line("\n".join(text.splitlines()[:12]))
    assert one_line(quick) in first_screen
    overview = kb.certifications.overview
    assert overview is not None and "not legally required" in overview
    assert one_line(overview) in one_line(text)
    data = json.loads(invoke("about", "--json").out)
    assert data["quick_answer"] == quick
    assert data["certification"] == overview


def test_programs_shows_the_step_2_lists(invoke: Any, kb: KnowledgeBase) -> None:
    curriculum = guide_list(kb, "complete-training", "core-curriculum")
    certificate = guide_list(kb, "complete-training", "certificate-programs")
    associate = guide_list(kb, "complete-training", "associate-degree")
    assert len(curriculum) == 9 and len(certificate) == len(associate) == 4
    text = invoke("--no-pager", "programs", env={"COLUMNS": "100", "NO_COLOR": "1"}).out
    for item in (*curriculum, *certificate, *associate):
        assert f"- {item}" in text
    assert "Certificate Programs (6-12 months)" in text and "Associate Degree (2 years)" in text
    data = json.loads(invoke("programs", "--json").out)
    groups = {group["id"]: tuple(group["items"]) for group in data["training"]}
    assert groups["core-curriculum"] == curriculum
    assert groups["certificate-programs"] == certificate
    assert groups["associate-degree"] == associate


def test_compare_says_which_exams_are_multiple_choice(invoke: Any) -> None:
    text = invoke("--no-pager", "compare", "CPB", "CBCS", env={"COLUMNS": "100", "NO_COLOR": "1"})
    row = next(line for line in text.out.splitlines() if "Exam format" in line)
    assert row.count("Multiple-choice") == 2
    data = json.loads(invoke("compare", "CPB", "CMRS", "CBCS", "--json").out)
    formats = {cert["code"]: cert["format_note"] for cert in data["certifications"]}
    assert formats == {
        "CPB": "Multiple-choice",
        "CMRS": "Open-book format available",
        "CBCS": "Multiple-choice",
    }


def test_the_plan_details_carry_the_curriculum_and_step_4(invoke: Any, kb: KnowledgeBase) -> None:
    result = invoke(*PLAN, "--json")
    assert result.code == 0, result.err
    steps = {step["id"]: step for step in json.loads(result.out)["steps"]}
    training = " ".join(steps["complete-training"]["details"])
    for item in guide_list(kb, "complete-training", "core-curriculum"):
        assert item in training
    program = next(p for p in kb.programs.programs if p.id == "extended-certificate")
    assert program.features
    for feature in program.features:
        assert feature in training
    exam = " ".join(steps["obtain-certification"]["details"])
    for item in guide_list(kb, "obtain-certification", "obtain-certification"):
        assert item in exam
    text = invoke(*PLAN, "--details", env={"COLUMNS": "100", "NO_COLOR": "1"}).out
    assert "Core Curriculum: Medical billing procedures" in one_line(text)
    assert "The guide, Step 4: Complete billing training" in one_line(text)
