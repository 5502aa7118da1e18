"""The rules engine carries the guide's logic: one test per rule of the guide, then the engine
itself (load-time checks naming the rule, explanations part by part, nothing ever evaluated)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from conftest import DATA

from billing_career.errors import DataError
from billing_career.knowledge.loader import validate_file
from billing_career.knowledge.models import KnowledgeBase, RulesFile
from billing_career.knowledge.serialize import to_json
from billing_career.planning.load import build_knowledge, load_knowledge
from billing_career.planning.planner import Plan, make_plan
from billing_career.planning.profile import Profile, build_profile
from billing_career.planning.rules import RuleEngine, evaluate

START = dt.date(2026, 1, 5)
# For answers no flag declares yet (job_seeker, employer_amount): a Profile built directly.
BASE: dict[str, Any] = {
    "education": "high-school",
    "budget": 5000,
    "schedule": "full-time",
    "start": START,
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge(DATA)


def profile(**answers: Any):  # type: ignore[no-untyped-def]
    base: dict[str, Any] = {
        "education": "high-school",
        "budget": 5000,
        "schedule": "full-time",
        "start": START,
    }
    base.update(answers)
    return build_profile(base)


def plan(kb: KnowledgeBase, **answers: Any) -> Plan:
    return make_plan(kb, profile(**answers))


def aid_ids(result: Plan) -> list[str]:
    return [option.id for option in result.aid]


def alternative(result: Plan, kind: str, ident: str) -> Any:
    return next(a for a in result.alternatives if a.kind == kind and a.id == ident)


# --- Step 1: a diploma or GED ---------------------------------------------------------------------


def test_no_diploma_is_a_blocker_and_earning_one_is_the_first_step(kb: KnowledgeBase) -> None:
    result = plan(kb, education="none")
    assert [m.rule for m in result.findings.blockers] == ["diploma-or-ged-required"]
    assert "diploma or GED" in result.findings.blockers[0].text
    assert result.steps[0].title == "Earn a high school diploma or GED"
    assert result.steps[0].number == 1
    assert result.steps[0].start == START
    assert "GED" in result.first_actions[0]
    for education in ("ged", "high-school", "some-college", "associate", "bachelor"):
        assert plan(kb, education=education).findings.blockers == ()


# --- "Best for" ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "program"),
    [
        ("quick-entry", "short-certificate"),
        ("comprehensive", "extended-certificate"),
        ("advancement", "associate-degree"),
    ],
)
def test_goal_picks_the_program_the_guide_rates_best_for_it(
    kb: KnowledgeBase, goal: str, program: str
) -> None:
    # A budget that covers every program, so only the goal differs.
    result = plan(kb, goal=goal, budget=20000)
    assert result.program is not None
    assert result.program.id == program
    best_for = kb.program(program).best_for.lower()
    assert any(best_for in reason.lower() for reason in result.program.reasons)


def test_flexible_learners_get_online_self_paced(kb: KnowledgeBase) -> None:
    result = plan(kb, schedule="flexible", learning="online", budget=20000)
    assert result.findings.fired("best-for-flexible-learners")
    assert result.program is not None and result.program.id == "online-self-paced"
    assert any("flexible learners" in reason for reason in result.program.reasons)
    assert not plan(kb, schedule="full-time").findings.fired("best-for-flexible-learners")


# --- Budget against cost ranges -----------------------------------------------------------------


def test_programs_the_budget_covers_are_preferred(kb: KnowledgeBase) -> None:
    # Advancement points to the associate degree ($8,530-$19,175 with fees, textbooks and a
    # background check); $500 with a Pell Grant counted (up to $7,395 of tuition and fees) does
    # not reach it, but covers the Extended Certificate before the exam: that is recommended,
    # and the plan says why not the degree.
    result = plan(kb, goal="advancement", budget=500)
    assert result.program is not None and result.program.id == "extended-certificate"
    degree = alternative(result, "program", "associate-degree")
    assert any(
        "your budget of $500 with Pell Grants counted is below the low end of the Associate "
        "Degree's tuition, fees and extras." in reason
        for reason in degree.reasons
    )
    assert result.findings.facts["programs_fully_covered"] == frozenset({"extended-certificate"})


def test_no_program_fits_the_budget_shows_the_gap_and_points_to_aid(kb: KnowledgeBase) -> None:
    # A bachelor's degree: no Pell, so the budget alone is weighed.
    result = plan(kb, budget=300, education="bachelor")
    assert [m.rule for m in result.findings.warnings] == ["budget-short-at-the-low-end"]
    assert result.budget.covers == "none"
    assert result.budget.gap_min == result.cost.total_min - 300 > 0
    assert result.budget.gap_max == result.cost.total_max - 300
    assert "payment-plans" in aid_ids(result)
    assert not {"wioa", "federal-aid"} & set(result.funding.counted)
    assert not plan(kb, budget=20000).findings.warnings


# --- Online or in person ------------------------------------------------------------------------


def test_online_preference_gives_online_delivery(kb: KnowledgeBase) -> None:
    result = plan(kb, learning="online", budget=4000)
    assert result.delivery == "online"
    assert any("learn from home" in reason for reason in result.program.reasons)  # type: ignore[union-attr]


def test_in_person_preference_rules_out_the_online_only_program(kb: KnowledgeBase) -> None:
    result = plan(kb, learning="in-person", budget=1000)
    assert result.delivery == "in-person"
    assert result.program is not None and result.program.id != "online-self-paced"
    self_paced = alternative(result, "program", "online-self-paced")
    assert self_paced.ruled_out
    assert any("online only" in reason for reason in self_paced.reasons)


def test_either_follows_the_schedule(kb: KnowledgeBase) -> None:
    # $4,500 covers the in-person Short Certificate ($1,885-$4,330): with less, Online
    # Self-Paced, as soon and leaving less, would take its place (planner._swap).
    assert plan(kb, learning="either", schedule="part-time", budget=4500).delivery == "online"
    assert plan(kb, learning="either", schedule="full-time", budget=4500).delivery == "in-person"


# --- Certification fit --------------------------------------------------------------------------


def test_cbcs_needs_training_or_a_year_and_has_the_cheapest_exam(kb: KnowledgeBase) -> None:
    result = plan(kb, goal="quick-entry", budget=3000, schedule="part-time")
    assert result.certification.id == "CBCS"
    reasons = " ".join(result.certification.reasons)
    assert "training program or one year of billing experience" in reasons
    assert "is the cheapest of the three" in reasons and "$155" in reasons
    assert "10 CEUs every 2 years" in reasons


def test_cpb_has_no_prerequisites_and_leads_on_to_cpc(kb: KnowledgeBase) -> None:
    result = plan(kb, goal="advancement", budget=20000)
    assert result.certification.id == "CPB"
    reasons = " ".join(result.certification.reasons)
    assert "no prerequisites" in reasons and "AAPC" in reasons and "CPC" in reasons
    # Part-time, CPB's 36 CEUs every 2 years count against it.
    part_time = plan(kb, goal="quick-entry", schedule="part-time")
    cpb = alternative(part_time, "certification", "CPB")
    assert any("36 CEUs every 2 years" in reason for reason in cpb.reasons)


def test_cmrs_needs_amba_membership_and_renews_every_year(kb: KnowledgeBase) -> None:
    result = plan(kb)
    cmrs = alternative(result, "certification", "CMRS")
    text = " ".join(cmrs.reasons)
    assert "AMBA membership" in text and "every year" in text
    experienced = evaluate(kb, profile(experience_years=2))
    assert experienced.fired("cmrs-open-book-with-experience")
    assert "open-book" in experienced.because(experienced.result("cmrs-open-book-with-experience"))


# --- Experience ---------------------------------------------------------------------------------


def test_a_year_of_experience_makes_training_optional_and_the_no_tuition_path_cheapest(
    kb: KnowledgeBase,
) -> None:
    experienced = plan(kb, experience_years=1)
    newcomer = plan(kb, experience_years=0)
    assert experienced.program_optional and not newcomer.program_optional
    assert not experienced.cost.include_tuition or experienced.cost.program is None
    assert "tuition" not in {item.id for item in experienced.cost.items}
    assert experienced.cost.total_max < newcomer.cost.total_min
    training = next(step for step in experienced.steps if step.id == "complete-training")
    # Dated for as long as it would take if chosen; the exam and job-ready do not wait for it.
    assert training.start < training.end and "optional" in training.title.lower()
    assert experienced.ready_by < training.end
    assert experienced.program is not None
    assert any(reason.startswith("Optional: with") for reason in experienced.program.reasons)
    assert experienced.ready_by < newcomer.ready_by
    assert any(
        "accepts one year of billing experience" in reason
        for reason in experienced.certification.reasons
    )


# --- Aid ----------------------------------------------------------------------------------------


def test_gi_bill_for_veterans_and_only_for_veterans(kb: KnowledgeBase) -> None:
    assert "gi-bill" in aid_ids(plan(kb, veteran=True))
    civilian = plan(kb, veteran=False)
    assert "gi-bill" not in aid_ids(civilian)
    gi_bill = next(source for source in civilian.funding.sources if source.id == "gi-bill")
    assert not gi_bill.counted and any("veterans' benefit" in r for r in gi_bill.reasons)


def test_employer_sponsorship_when_available(kb: KnowledgeBase) -> None:
    sponsored = plan(kb, employer_sponsor=True)
    assert aid_ids(sponsored)[0] == "employer-sponsorship"
    assert any("employer" in action for action in sponsored.first_actions)
    assert "employer-sponsorship" not in aid_ids(plan(kb, employer_sponsor=False))


def test_wioa_fafsa_pell_and_payment_plans_for_training(kb: KnowledgeBase) -> None:
    result = make_plan(kb, Profile(**{**BASE, "budget": 0, "job_seeker": True}))
    options = {option.id: option for option in result.aid}
    assert {"wioa", "federal-aid", "payment-plans"} <= set(options)
    # WIOA is counted; Pell only for programs whose length shows its hours, not this one. (The
    # rules' Short Certificate leaves more than $0 can pay: Online Self-Paced, as soon, takes
    # its place: planner._swap.)
    assert result.swapped_from is not None
    assert result.swapped_from.program.id == "short-certificate"
    assert result.program is not None and result.program.id == "online-self-paced"
    assert set(result.funding.counted) == {"wioa"}
    pell = next(source for source in result.funding.sources if source.id == "federal-aid")
    assert pell.applies and any("hours" in reason for reason in pell.reasons)
    assert any("American Job Center" in reason for reason in options["wioa"].reasons)
    assert any("Eligible Training Provider" in reason for reason in options["wioa"].reasons)
    assert any("Pell" in reason for reason in options["federal-aid"].reasons)
    assert any("$7,395" in figure.summary for figure in options["federal-aid"].newer)
    assert any("installment" in reason for reason in options["payment-plans"].reasons)
    # Not a job seeker: WIOA and Pell are weighed but not counted.
    assert not {"wioa", "federal-aid"} & set(plan(kb, budget=2000).funding.counted)
    # With no tuition to pay, training aid is not counted.
    experienced = make_plan(
        kb, Profile(**{**BASE, "budget": 2000, "job_seeker": True, "experience_years": 3})
    )
    assert not {"wioa", "federal-aid"} & set(experienced.funding.counted)


# --- Remote work --------------------------------------------------------------------------------


def test_remote_adds_the_home_office_and_the_remote_friendly_settings(kb: KnowledgeBase) -> None:
    remote = plan(kb, remote=True)
    office = next(item for item in remote.cost.items if item.id == "home-office")
    assert (office.min, office.max) == (200, 500)
    assert [s.name for s in remote.salary.remote_settings or ()] == ["Remote/Billing Services"]
    local = plan(kb, remote=False)
    assert "home-office" not in {item.id for item in local.cost.items}
    assert "remote_settings" not in to_json(local.salary)
    assert remote.cost.total_max == local.cost.total_max + 500


# --- Preparation gaps ---------------------------------------------------------------------------


def test_preparation_gaps_are_optional_and_run_alongside_training(kb: KnowledgeBase) -> None:
    result = plan(kb, background=())
    prep = [step for step in result.steps if step.title.startswith("Optional: ")]
    assert [step.id for step in prep] == [
        "practice-spreadsheets",
        "learn-bookkeeping",
        "practice-communication",
    ]
    training = next(step for step in result.steps if step.id == "complete-training")
    assert all(step.start == training.start for step in prep)
    assert not any("Practise" in step.title or "English" in step.title for step in result.steps)
    ready = plan(kb, background=("computer-skills", "accounting", "customer-service"))
    assert not any(
        step.id in {"practice-spreadsheets", "learn-bookkeeping", "practice-communication"}
        for step in ready.steps
    )
    assert ready.steps[0].id == "meet-requirements"
    # A degree implies communication; a year of billing the software and accounting basics.
    graduate = plan(kb, background=(), education="bachelor", experience_years=2)
    assert not any(
        step.title.startswith("Optional: ") and step.id != "complete-training"
        for step in graduate.steps
    )


# --- the engine ---------------------------------------------------------------------------------


def rules_with(kb: KnowledgeBase, rule: dict[str, Any]) -> KnowledgeBase:
    """The knowledge base with one extra rule appended."""
    raw = kb.rules.to_data()
    raw["rules"] = [*raw["rules"], rule]
    return kb.replace(rules=validate_file(RulesFile, raw, "data/rules.yaml"))


BASE_RULE = {
    "id": "made-up",
    "then": {"programs": {"short-certificate": 1}},
    "because": "x",
    "source": {"id": "guide"},
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"when": {"fact": "salary", "op": "eq", "value": 1}}, "unknown fact 'salary'"),
        ({"when": {"fact": "budget", "op": "approx", "value": 1}}, "unknown operator 'approx'"),
        ({"when": {"fact": "budget", "op": "has", "value": 1}}, "'has' does not apply to budget"),
        ({"when": {"fact": "education", "op": "eq", "value": "phd"}}, "unknown value 'phd'"),
        ({"when": {"fact": "budget", "op": "ge", "value": "1000"}}, "budget is a number"),
        (
            {
                "when": {
                    "all": [
                        {"fact": "goal", "op": "eq", "value": "quick-entry"},
                        {"fact": "background", "op": "has", "value": "juggling"},
                    ]
                }
            },
            "when.all[1].value: unknown value 'juggling'",
        ),
        ({"then": {"programs": {"phd": 2}}}, "unknown program 'phd'"),
        ({"then": {"certifications": {"CBSC": 2}}}, "unknown entry certification 'CBSC'"),
        ({"then": {"certifications": {"XYZ": 2}}}, "unknown entry certification 'XYZ'"),
        ({"then": {"rule_out": {"aid": ["lottery"]}}}, "unknown aid 'lottery'"),
        ({"then": {"steps": ["learn-latin"]}}, "unknown early step 'learn-latin'"),
        ({"because": "Costs {program_cost.phd}."}, "names an unknown program cost 'phd'"),
        ({"because": "Hello {name}."}, "unknown placeholder {name}"),
        ({"id": "best-for-quick-entry"}, "duplicate id 'best-for-quick-entry'"),
    ],
)
def test_a_bad_rule_is_an_error_naming_the_rule(
    kb: KnowledgeBase, change: dict[str, Any], expected: str
) -> None:
    rule = {**BASE_RULE, **change}
    with pytest.raises(DataError) as caught:
        RuleEngine(rules_with(kb, rule))
    message = str(caught.value)
    assert message.startswith(f"data/rules.yaml: {rule['id']}: ")
    assert expected in message


def test_strings_in_rules_are_never_evaluated(kb: KnowledgeBase) -> None:
    sneaky = {
        **BASE_RULE,
        "when": {"fact": "education", "op": "eq", "value": "__import__('os').system('exit 3')"},
    }
    with pytest.raises(DataError, match="unknown value"):
        RuleEngine(rules_with(kb, sneaky))
    # A placeholder is only ever looked up, so format-string tricks stay text.
    engine = RuleEngine(kb)
    facts = engine.facts(profile())
    assert engine.text("{budget.__class__} {0} {budget}", facts) == "{budget.__class__} {0} $5,000"


def test_a_broken_rules_file_fails_to_load_naming_file_and_rule(tmp_path: Any) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(
        "when: {fact: goal, op: eq, value: comprehensive}",
        "when: {fact: goal, op: eq, value: comprehensiv}",
        1,
    )
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_knowledge(folder)
    assert str(caught.value).startswith(
        "data/rules.yaml: best-for-comprehensive: when.value: unknown value 'comprehensiv'"
    )


def test_every_part_is_evaluated_and_the_failing_part_named(kb: KnowledgeBase) -> None:
    findings = evaluate(kb, profile(budget=2000, experience_years=0))
    result = findings.result("smallest-gap-when-no-program-fits")
    assert not result.fired
    part = findings.explain(result)
    assert part.kind == "all" and not part.passed
    # Both parts were evaluated: the first held, the second failed.
    assert [child.passed for child in part.children] == [True, False, True]
    failed = part.failed_tests()
    # In plain words, from the labels in rules.yaml, with the person's value in words too.
    assert [test.text for test in failed] == [
        "what your budget reaches the low end of (before the exam fee): none"
    ]
    assert failed[0].actual == "Short Certificate, Online Self-Paced"
    held = findings.explain(findings.result("best-for-quick-entry"))
    assert held.passed and held.text == "your goal is getting into a job quickly"
    assert held.actual == "getting into a job quickly"
    always = findings.explain(findings.result("cpb-no-prerequisites"))
    assert always.kind == "always" and always.passed


def test_any_and_not_parts_are_kept(kb: KnowledgeBase) -> None:
    findings = evaluate(kb, profile(goal="comprehensive", budget=20000))
    part = findings.explain(findings.result("cbcs-cheapest-exam"))
    assert part.kind == "any" and not part.passed
    assert [child.kind for child in part.children] == ["test", "all"]
    assert [child.kind for child in part.children[1].children] == ["test", "test"]
    assert [test.text for test in part.failed_tests()] == [
        "your goal is getting into a job quickly",
        "what costs more than your budget even at its low end (before the exam fee) includes "
        "Extended Certificate",
    ]


def test_why_not_cpb_is_answered(kb: KnowledgeBase) -> None:
    result = plan(kb, goal="quick-entry", budget=3000)
    cpb = alternative(result, "certification", "CPB")
    assert any("career advancement" in reason for reason in cpb.reasons)
    assert any(reason.startswith("Scored ") and "CBCS" in reason for reason in cpb.reasons)
    missed = [r.rule.id for r in result.findings.missed("certification", "CPB")]
    assert "cpb-leads-to-cpc" in missed


# --- the budget against the whole path ----------------------------------------------------------


def test_summary_and_cost_never_contradict_on_the_budget(kb: KnowledgeBase) -> None:
    # $2,200 used to "cover Online Self-Paced" while the cost said "a gap of $0-$480"; then the
    # summary quoted $680-$2,525 and the cost $835-$2,680. Now only the path's total is quoted.
    result = plan(kb, education="high-school", budget=2200, schedule="flexible")
    assert result.program is not None and result.program.id == "online-self-paced"
    assert result.certification.id == "CBCS"
    assert (result.cost.total_min, result.cost.total_max) == (835, 2680)
    reasons = " ".join(result.program.reasons)
    assert "$680" not in reasons and "$2,525" not in reasons
    assert "reaches past the middle of Online Self-Paced's tuition, fees and extras" in reasons
    assert result.budget.covers == "part"
    assert result.budget.summary == (
        "Your budget of $2,200 covers this path's total of $835-$2,680 at its low end but may "
        "fall short by up to $480."
    )
    assert [m.rule for m in result.findings.warnings] == ["budget-may-fall-short"]
    assert "may fall short by up to $480" in result.findings.warnings[0].text


def test_a_budget_covering_training_but_not_the_exam_says_so_in_the_summary(
    kb: KnowledgeBase,
) -> None:
    # $2,600 covers Online Self-Paced before the exam ($680-$2,525) but not with it ($2,680).
    result = plan(kb, budget=2600, schedule="flexible", learning="online")
    assert result.program is not None and result.program.id == "online-self-paced"
    assert result.budget.covers == "part"
    reasons = result.program.reasons
    assert any("covers Online Self-Paced's tuition, fees and extras" in r for r in reasons)
    assert (
        "But: with the CBCS exam ($155) and its extras the whole path costs $835-$2,680, so "
        "your budget of $2,600 may fall short by up to $80."
    ) in reasons
    covered = plan(kb, budget=2680, schedule="flexible", learning="online")
    assert covered.budget.covers == "all"
    assert covered.budget.summary == (
        "Your budget of $2,680 covers this path's total of $835-$2,680, even at its high end."
    )
    assert not any(reason.startswith("But: with the") for reason in covered.program.reasons)  # type: ignore[union-attr]


def test_a_gap_with_experience_still_gets_aid_and_a_warning(kb: KnowledgeBase) -> None:
    # A year of experience and no budget: $285-$530 to pay, and the plan said "None needed".
    result = plan(kb, budget=0, experience_years=1)
    assert (result.cost.total_min, result.cost.total_max) == (285, 530)
    assert result.budget.summary == (
        "Your budget of $0 falls short of this path's total of $285-$530 by $285-$530."
    )
    assert "payment-plans" in aid_ids(result)
    assert [m.rule for m in result.findings.warnings] == ["budget-short-at-the-low-end"]
    assert any("may fall short by up to $530" in action for action in result.first_actions)
    # An employer's stated amount is counted against the whole path, with no condition.
    sponsored = make_plan(
        kb,
        Profile(
            **{
                **BASE,
                "budget": 0,
                "experience_years": 1,
                "employer_sponsor": True,
                "employer_amount": 400,
            }
        ),
    )
    assert sponsored.funding.counted == ("employer-sponsorship",)
    assert (sponsored.budget.aid_min, sponsored.budget.aid_max) == (285, 400)
    assert sponsored.fallback is None
    # Covered: no aid is needed, and none is offered.
    assert aid_ids(plan(kb, budget=600, experience_years=1)) == []


def test_with_no_program_in_reach_the_smallest_gap_wins(kb: KnowledgeBase) -> None:
    # $0, full-time used to get the Short Certificate in person (gap $1,885-$4,330). A
    # bachelor's degree: no Pell counted, so no program's tuition is paid.
    result = plan(kb, education="bachelor", budget=0, schedule="full-time")
    assert result.findings.fired("smallest-gap-when-no-program-fits")
    assert result.program is not None and result.program.id == "online-self-paced"
    assert (result.budget.gap_min, result.budget.gap_max) == (835, 2680)
    assert any("leaves the smallest gap" in reason for reason in result.program.reasons)
    short = alternative(result, "program", "short-certificate")
    assert any("best for quick entry" in reason for reason in short.reasons)
    assert any(
        reason.startswith(
            "It leaves a larger gap than Online Self-Paced ($1,730-$4,175 against $680-$2,525"
        )
        for reason in short.reasons
    )
    # In person rules Online Self-Paced out: the cheapest program left.
    in_person = plan(
        kb,
        education="bachelor",
        budget=0,
        schedule="full-time",
        learning="in-person",
        goal="comprehensive",
    )
    assert in_person.program is not None and in_person.program.id == "short-certificate"
    # A budget that reaches a program is weighed on every answer, not on cost alone.
    assert not plan(kb, budget=1000).findings.fired("smallest-gap-when-no-program-fits")


# --- the advancement goal -------------------------------------------------------------------------


def test_advancement_with_experience_gets_cpb_and_the_career_paths(kb: KnowledgeBase) -> None:
    result = plan(
        kb,
        education="bachelor",
        experience_years=2,
        goal="advancement",
        schedule="part-time",
        budget=5000,
    )
    assert result.program_optional
    assert result.certification.id == "CPB"
    # The budget-against-training half of the exam-fee rule needs training to be needed.
    assert not result.findings.fired("cbcs-cheapest-exam")
    assert any("CPC" in reason for reason in result.certification.reasons)
    paths = [path.role for path in result.salary.career_paths or ()]
    assert paths == [
        "Billing Supervisor",
        "Revenue Cycle Manager",
        "Compliance Officer",
        "Healthcare Administrator",
    ]
    career = next(step for step in result.steps if step.id == "begin-career")
    text = " ".join(career.details)
    assert "Your bachelor's degree is what two of the guide's career paths ask for" in text
    assert "Revenue Cycle Manager (Bachelor\u2019s preferred, $60,000-$85,000)" in text
    assert "career_paths" not in to_json(plan(kb, goal="quick-entry").salary)


@pytest.mark.parametrize(
    "answers",
    [
        {"budget": 0},
        {"budget": 3000, "schedule": "part-time"},
        {"budget": 20000},
        {"experience_years": 2, "schedule": "flexible"},
    ],
)
def test_advancement_always_prefers_cpb(kb: KnowledgeBase, answers: dict[str, Any]) -> None:
    """The rules' pick: the plan's own, or the one it names as swapped for a path that leaves
    less, as soon, where the budget cannot pay the pick (planner._swap)."""
    result = plan(kb, goal="advancement", **answers)
    picked = result.swapped_from
    assert (result.certification.id if picked is None else picked.certification) == "CPB"


# --- answers not given -----------------------------------------------------------------------


def test_defaults_are_named_once_on_the_assumed_line(kb: KnowledgeBase) -> None:
    defaulted = make_plan(
        kb,
        build_profile(
            {"education": "ged", "budget": 20000, "schedule": "full-time", "start": START}
        ),
    )
    assert defaulted.profile.defaulted == (
        "learning",
        "experience_years",
        "background",
        "goal",
        "veteran",
        "employer_sponsor",
        "remote",
        "military_spouse",
        "disability_services",
        "snap",
    )
    assert defaulted.assumed.startswith("Assumed, as you did not say: ")
    # In words: what was assumed and how to change it, with no flag names.
    assert "--" not in defaulted.assumed
    assert "If one is wrong, answer that question" in defaulted.assumed
    for name in defaulted.profile.defaulted:
        assert defaulted.assumed.count(defaulted.findings.engine.label(name) + ":") == 1
    text = json.dumps(to_json(defaulted))
    assert "(default; change with" not in text
    chosen = plan(kb, goal="quick-entry", budget=20000)
    assert "your goal" not in chosen.assumed


# --- background, first actions, pay ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("background", "listed"),
    [
        (("customer-service",), "customer service"),
        (
            ("customer-service", "insurance", "accounting", "computer-skills"),
            "customer service, insurance knowledge",
        ),
    ],
)
def test_helpful_background_lists_only_the_persons_items(
    kb: KnowledgeBase, background: tuple[str, ...], listed: str
) -> None:
    result = plan(kb, background=background)
    step = next(step for step in result.steps if step.id == "meet-requirements")
    assert (
        f"Your background includes some of the guide's helpful background: {listed}."
        in step.details
    )


def test_first_actions_fit_the_answers(kb: KnowledgeBase) -> None:
    no_diploma = plan(kb, education="none")
    assert "Apply and enroll in the program you choose." not in no_diploma.first_actions
    assert any("once you have your diploma or GED" in action for action in no_diploma.first_actions)
    in_person = plan(kb, learning="in-person")
    assert not any("online and in-person" in action for action in in_person.first_actions)
    either = plan(kb, learning="either")
    # The plan has chosen how to learn: what is left is to check that it fits, never to compare.
    assert f"Check that {either.delivery} classes fit your schedule." in either.first_actions
    assert not any("online and in-person" in action for action in either.first_actions)
    assert "Apply and enroll in the program you choose." in either.first_actions


@pytest.mark.parametrize(
    ("years", "levels"),
    [
        (0, ["entry", "early-career"]),
        (1, ["early-career", "mid-career"]),
        (2, ["early-career", "mid-career"]),
        (5, ["mid-career", "experienced"]),
        (12, ["experienced"]),
    ],
)
def test_pay_starts_from_the_persons_experience(
    kb: KnowledgeBase, years: int, levels: list[str]
) -> None:
    salary = plan(kb, experience_years=years).salary
    assert [level.id for level in salary.levels] == levels
    assert [level.yours for level in salary.levels] == [True] + [False] * (len(levels) - 1)


def test_alternatives_show_what_counts_for_them_too(kb: KnowledgeBase) -> None:
    result = plan(kb, goal="quick-entry", budget=3000)
    cpb = alternative(result, "certification", "CPB")
    # The rule that held for CPB is there, not only the ones against it.
    assert any(reason.startswith("CPB, from AAPC, has no prerequisites") for reason in cpb.reasons)


def test_aid_and_pay_newer_figures_are_structured(kb: KnowledgeBase) -> None:
    data = to_json(make_plan(kb, Profile(**{**BASE, "budget": 500, "job_seeker": True})))
    federal = next(
        option
        for option in data["recommendations"]["financial_aid"]
        if option["id"] == "federal-aid"
    )
    pell = federal["newer"][0]
    assert (
        pell["summary"] == "Pell Grant maximum $7,395 for 2026-27 (minimum $740), set by the FAFSA"
    )
    assert pell["value"] == 7395 and pell["reported_by"] == "government"
    assert pell["date"] == "2026-01-30" and pell["source"].startswith("Federal Student Aid")
    median = data["salary"]["newer"][0]
    assert median["value"] == 50250 and median["reported_by"] == "third-party"
    # The same shape as `bcareer cost --json` gives its newer figures.
    cost_newer = next(item["newer"][0] for item in data["cost"]["items"] if item["newer"])
    assert set(pell) == set(median) == set(cost_newer)


# --- two stages and plain words -------------------------------------------------------------------


def test_path_rules_wait_for_the_chosen_path(kb: KnowledgeBase) -> None:
    findings = evaluate(kb, profile(budget=0))
    pending = findings.result("budget-short-at-the-low-end")
    assert pending.pending and not pending.fired and not findings.path_evaluated
    assert findings.explain(pending).kind == "pending"
    done = plan(kb, budget=0).findings
    assert done.path_evaluated and done.fired("budget-short-at-the-low-end")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"when": {"fact": "path_covered", "op": "eq", "value": "none"}},
            "it uses path_covered, known only once the program and certification are chosen, so it "
            "cannot score programs",
        ),
        ({"when": {"fact": "path_covered", "op": "eq", "value": "most"}}, "unknown value 'most'"),
        (
            {"because": "Short by {path_gap_max}.", "then": {"flags": ["career_paths"]}},
            "so it cannot set flags",
        ),
        (
            {"because": "You have {matched.background}."},
            "{matched.background}: the rule tests no 'background' with has or has_any",
        ),
    ],
)
def test_bad_path_rules_are_errors_naming_the_rule(
    kb: KnowledgeBase, change: dict[str, Any], expected: str
) -> None:
    with pytest.raises(DataError) as caught:
        RuleEngine(rules_with(kb, {**BASE_RULE, **change}))
    assert str(caught.value).startswith("data/rules.yaml: made-up: ")
    assert expected in str(caught.value)


def test_every_fact_needs_plain_words(kb: KnowledgeBase) -> None:
    raw = kb.rules.to_data()
    del raw["labels"]["facts"]["experience_years"]
    broken = kb.replace(rules=validate_file(RulesFile, raw, "data/rules.yaml"))
    with pytest.raises(DataError, match="labels: facts: no label for experience_years"):
        RuleEngine(broken)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"goal": "fame"}, "goal_paths: 1: unknown goal fame"),
        ({"program": "phd"}, "goal_paths: 1: unknown program phd"),
        ({"basis": "tool"}, "goal_paths: 1: basis tool needs because"),
        ({"basis": "guide-says"}, "goal_paths: 1: basis guide-says needs quote"),
    ],
)
def test_a_bad_goal_path_is_an_error(
    kb: KnowledgeBase, change: dict[str, Any], expected: str
) -> None:
    raw = kb.rules.to_data()
    raw["goal_paths"] = [{**raw["goal_paths"][0], **change}, *raw["goal_paths"][1:]]
    broken = kb.replace(rules=validate_file(RulesFile, raw, "data/rules.yaml"))
    with pytest.raises(DataError) as caught:
        RuleEngine(broken)
    assert str(caught.value).startswith(f"data/rules.yaml: {expected}")


def test_completing_adds_up_as_one_pass_would(kb: KnowledgeBase) -> None:
    """evaluate_path() merges the stage-2 conclusions into stage 1's: the same as adding up every
    rule in one pass, in rule order."""
    engine = RuleEngine(kb)
    for budget in (0, 400, 900, 2200, 2600, 9000):
        for years in (0, 2):
            for sponsor in (False, True):
                person = profile(
                    budget=budget,
                    experience_years=years,
                    employer_sponsor=sponsor,
                    schedule="part-time",
                )
                stage1 = engine.evaluate(person)
                for covers, low, high in (("none", 900, 1500), ("part", 100, 1500), ("all", 0, 0)):
                    path = {
                        "path_covered": covers,
                        "path_cost_min": 500,
                        "path_cost_max": 2000,
                        "path_gap_min": low,
                        "path_gap_max": high,
                        "path_certification": "CPB",
                        "path_retake": False,
                    }
                    merged = engine.evaluate_path(stage1, path)
                    # The one-pass reference.
                    whole = engine._conclude(
                        merged.facts, merged.defaulted, list(merged.results), ()
                    )
                    for name in (
                        "scores",
                        "ruled_out",
                        "blockers",
                        "warnings",
                        "early_steps",
                        "details",
                        "flags",
                        "actions",
                        "texts",
                        "totals",
                    ):
                        assert getattr(merged, name) == getattr(whole, name), (name, path)
