"""The waits and rules that shape a person's dates and first actions (a workforce counselor's
read): VR's decision before enrolling, a high school student's week and provisional
certificate, and SNAP's work rule that training counts toward."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from conftest import DATA, replace_once
from plan_runs import flat, plan_args, text_and_json

from billing_career.knowledge.models import KnowledgeBase
from billing_career.planning.load import build_knowledge
from billing_career.planning.money import assess, decision_wait
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import profile_from_flags
from billing_career.planning.reasons import provisional_exam

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}

VR = ("--education", "high-school", "--budget", "100", "--schedule", "flexible")
STUDENT = (
    "--education", "none", "--in-high-school", "--graduation", "2027-06", "--age", "17",
    "--budget", "1000", "--schedule", "part-time",
)  # fmt: skip
SNAP = ("--education", "ged", "--budget", "200", "--schedule", "part-time", "--job-seeker")


@functools.cache
def kb() -> KnowledgeBase:
    return build_knowledge(DATA)


def first_screen(invoke: Any, *flags: str) -> str:
    """The plain plan's answer block (up to the first blank line after it), flattened."""
    result = invoke(*plan_args(START, *flags), env=TEXT_ENV)
    assert result.code == 0, result.err
    answer = result.out.split("\n\n")[1]
    assert len(answer.splitlines()) <= 22
    return flat(answer)


def plain(invoke: Any, *flags: str) -> str:
    text, _data = text_and_json(invoke, START, TEXT_ENV, *flags)
    return text


# --- 1. Vocational Rehabilitation's decision wait ------------------------------------------------


def _plan(**flags: str) -> Any:
    given = {"start": START, "education": "ged", "budget": "1000", "schedule": "flexible"}
    return make_plan(kb(), profile_from_flags({**given, **flags}))


def test_vr_decision_wait_is_data_and_only_where_vr_applies() -> None:
    entry = next(e for e in kb().aid.funding if e.aid == "vocational-rehabilitation")
    assert entry.decides_within is not None
    assert entry.decides_within.days == 60
    assert entry.decides_within.source.id == "vocational-rehabilitation"
    # WIOA and MyCAA: the research gives no approval time, and none is invented.
    assert all(e.decides_within is None for e in kb().aid.funding if e.aid != entry.aid)
    with_vr = _plan(education="high-school", budget="100", disability_services="yes")
    without = _plan(education="high-school", budget="100")
    assert with_vr.enroll_wait is not None
    assert (with_vr.enroll_wait.id, with_vr.enroll_wait.days) == ("vocational-rehabilitation", 60)
    assert without.enroll_wait is None
    assert decision_wait(without.funding) is None


def test_vr_enroll_step_runs_until_the_decision_and_moves_every_date() -> None:
    flags = {"education": "high-school", "budget": "100", "schedule": "flexible"}
    with_vr = _plan(**flags, disability_services="yes")
    without = _plan(**flags)
    start = dt.date.fromisoformat(START)
    enroll = with_vr.steps[0]
    assert enroll.id == "meet-requirements"
    assert (enroll.start, enroll.end) == (start, start + dt.timedelta(days=60))
    # Without VR the step keeps its two weeks and the dates do not move.
    assert without.steps[0].end == start + dt.timedelta(weeks=2)
    training = next(step for step in with_vr.steps if step.id == "complete-training")
    assert training.start == enroll.end
    assert with_vr.ready_by > without.ready_by
    # The options table's rows wait too: the recommended row is the plan's own date.
    recommended = next(row for row in with_vr.options if "recommended" in row.labels)
    assert recommended.ready_by == with_vr.ready_by
    before = {row.path: row.ready_by for row in without.options}
    for row in with_vr.options:
        if row.path in before:
            assert row.ready_by > before[row.path], row.path


def test_the_vr_wait_counts_from_when_the_person_asks() -> None:
    start = dt.date.fromisoformat(START)
    # Asked this week: graduating in June takes longer than 60 days, so nothing moves.
    student = {"education": "none", "in_high_school": "yes", "graduation": "2027-06"}
    with_vr = _plan(**student, disability_services="yes")
    without = _plan(**student)
    assert [(s.id, s.start, s.end) for s in with_vr.steps] == [
        (s.id, s.start, s.end) for s in without.steps
    ]
    # The wait moved nothing, so the plan does not name it as why the dates are what they are.
    assert with_vr.enroll_wait is None
    enroll = next(s for s in with_vr.steps if s.id == "meet-requirements")
    assert not any("days after you ask" in detail for detail in enroll.details)
    # Behind the exclusion list's check, VR is asked once the check passes: 60 days from then.
    gated = _plan(record="excluded", disability_services="yes")
    check, enroll = gated.steps[0], gated.steps[1]
    assert check.id == "check-exclusion"
    assert check.start == start
    assert (enroll.start, enroll.end) == (check.end, check.end + dt.timedelta(days=60))


def test_an_exam_only_path_does_not_wait_for_vr() -> None:
    # VR pays training: with training optional (2 years of experience) there is none to enroll
    # in, so registering for the exam keeps its two weeks and no date moves.
    flags = {"education": "high-school", "budget": "100", "experience_years": "2"}
    with_vr = _plan(**flags, disability_services="yes")
    without = _plan(**flags)
    assert with_vr.program_optional
    first = with_vr.steps[0]
    assert first.id == "meet-requirements"
    assert first.end - first.start == dt.timedelta(weeks=2)
    assert with_vr.ready_by == without.ready_by
    assert with_vr.enroll_wait is None
    assert [row.ready_by for row in with_vr.options] == [row.ready_by for row in without.options]
    # A credential holder's exam-only path (no program) does not wait either.
    holder = {"education": "high-school", "budget": "1000", "credentials": "CPC"}
    holder_with_vr = _plan(**holder, disability_services="yes")
    assert holder_with_vr.program is None
    assert holder_with_vr.ready_by == _plan(**holder).ready_by
    assert holder_with_vr.enroll_wait is None


def test_an_exam_only_plan_with_vr_reads_no_wait(invoke: Any) -> None:
    flags = (
        "--education", "high-school", "--budget", "100", "--schedule", "full-time",
        "--experience-years", "2",
    )  # fmt: skip
    text, data = text_and_json(
        invoke, START, TEXT_ENV, *flags, "--disability-services", details=True
    )
    assert "Rehabilitation decides" not in text
    assert "days after you ask" not in text
    assert "enroll_wait" not in data
    assert data["steps"][0]["end"] == "2026-12-28"
    without = json.loads(invoke(*plan_args(START, *flags), "--json").out)
    assert data["ready_by"] == without["ready_by"]
    assert [row["ready_by"] for row in data["options"]] == [
        row["ready_by"] for row in without["options"]
    ]


def test_a_student_whose_graduation_sets_the_dates_reads_no_vr_wait(invoke: Any) -> None:
    flags = (*STUDENT[:-4], "--budget", "500", "--schedule", "part-time", "--disability-services")
    screen = first_screen(invoke, *flags)
    assert "Rehabilitation decides" not in screen
    data = json.loads(invoke(*plan_args(START, *flags), "--json").out)
    assert "enroll_wait" not in data


def test_vr_wait_on_the_first_screen_and_in_json(invoke: Any) -> None:
    screen = first_screen(invoke, *VR, "--disability-services")
    assert (
        "you enroll once Vocational Rehabilitation decides, within 60 days of your asking" in screen
    )
    assert "Rehabilitation decides" not in first_screen(invoke, *VR)
    data = json.loads(invoke(*plan_args(START, *VR, "--disability-services"), "--json").out)
    assert data["enroll_wait"]["days"] == 60
    assert data["steps"][0]["end"] == "2027-02-12"


def test_vr_wait_in_the_calendar(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = invoke(*plan_args(START, *VR, "--disability-services"), "--export", str(out))
    assert result.code == 0, result.err
    ics = out.read_text()
    first = ics.split("BEGIN:VEVENT")[1]
    assert "DTSTART;VALUE=DATE:20261214" in first
    # An all-day event ends the day after its last day.
    assert "DTEND;VALUE=DATE:20270213" in first


def test_vr_wait_in_the_caseload_report_and_what_if(invoke: Any, tmp_path: Path) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "id,education,budget,schedule,disability-services\n"
        "vr,high-school,100,flexible,yes\n"
        "no,high-school,100,flexible,no\n"
    )
    result = invoke("report", str(clients), "--start", START, "--json")
    assert result.code == 0, result.err
    months = json.loads(result.out)["ready_by_month"]
    with_vr = _plan(education="high-school", budget="100", disability_services="yes")
    without = _plan(education="high-school", budget="100")
    assert with_vr.ready_by.strftime("%Y-%m") != without.ready_by.strftime("%Y-%m")
    assert months == {
        without.ready_by.strftime("%Y-%m"): 1,
        with_vr.ready_by.strftime("%Y-%m"): 1,
    }
    what_if = invoke(
        *plan_args(START, *VR, "--disability-services"),
        "--what-if",
        "disability-services=no",
        "--json",
    )
    assert what_if.code == 0, what_if.err
    data = json.loads(what_if.out)
    assert data["base"]["enroll_wait"]["days"] == 60
    variant = data["what_if"][0]["plan"]
    assert "enroll_wait" not in variant
    assert variant["ready_by"] < data["base"]["ready_by"]


# --- 2. A 17-year-old still in high school -------------------------------------------------------


def test_a_student_s_week_is_the_counselor_and_the_diploma_stays_a_dated_step() -> None:
    plan = _plan(
        education="none",
        in_high_school="yes",
        graduation="2027-06",
        age="17",
        budget="1000",
        schedule="part-time",
    )
    assert plan.first_actions[0] == (
        "Ask your school counselor which billing courses accept high school students."
    )
    assert not any(action.startswith("Finish high school") for action in plan.first_actions)
    first = plan.steps[0]
    assert (first.id, first.title) == ("finish-high-school", "Finish high school")
    assert first.end == dt.date(2027, 6, 30)
    # The plan's exam follows graduation (the diploma comes before training): the provisional
    # certificate is named as a route the plan does not take.
    exam = next(step for step in plan.steps if step.id == "obtain-certification")
    assert exam.end > first.end
    assert plan.provisional_exam is not None and not plan.provisional_exam.in_plan


def test_provisional_certificate_only_for_an_exam_in_its_months_before_graduation() -> None:
    # Only NHA's CBCS has one in the data (certifications.yaml provisional), 12 months.
    assert [c.code for c in kb().certifications.certifications if c.provisional] == ["CBCS"]
    graduation = dt.date(2027, 6, 30)
    found = provisional_exam(kb(), "CBCS", graduation, dt.date(2027, 1, 15))
    assert found is not None
    assert (found.certification, found.months_before_graduation, found.source) == (
        "CBCS",
        12,
        "nha-eligibility",
    )

    def in_plan(exam: dt.date | None) -> bool:
        found = provisional_exam(kb(), "CBCS", graduation, exam)
        assert found is not None  # a student: named whenever the certification has one
        return found.in_plan

    # Both ends of the window count; a day outside either, or no exam date, does not.
    assert in_plan(dt.date(2027, 1, 15)) and in_plan(graduation)
    assert in_plan(dt.date(2026, 6, 30)) and not in_plan(dt.date(2026, 6, 29))
    assert not in_plan(dt.date(2027, 7, 1)) and not in_plan(dt.date(2028, 7, 14))
    assert not in_plan(None)
    # Not a certification without one; not without a graduation (not in high school).
    assert provisional_exam(kb(), "CPB", graduation, dt.date(2027, 1, 15)) is None
    assert provisional_exam(kb(), "CBCS", None, dt.date(2027, 1, 15)) is None
    assert _plan(education="ged", budget="1000").provisional_exam is None


def test_a_student_whose_exam_follows_graduation_reads_the_provisional_route_as_another(
    invoke: Any,
) -> None:
    screen = first_screen(invoke, *STUDENT)
    assert (
        "This week: Ask your school counselor which billing courses accept high school students."
        in screen
    )
    for details in (False, True):
        text, data = text_and_json(invoke, START, TEXT_ENV, *STUDENT, details=details)
        # The exam section names the certificate as a route this plan's dates do not take.
        assert "The CBCS exam" in text
        assert (
            "While you are in high school: a student within 12 months of graduating may test "
            "for a provisional certificate (this plan's exam comes after you graduate)."
        ) in text
        assert data["provisional_exam"] == {
            "certification": "CBCS",
            "months_before_graduation": 12,
            "source": "nha-eligibility",
            "in_plan": False,
        }
        exam = next(step for step in data["steps"] if step["id"] == "obtain-certification")
        assert exam["end"] > "2027-06-30"


# --- 3. SNAP's work rule -------------------------------------------------------------------------

RULE = (
    "Training can help you keep SNAP: it counts toward the 80 hours a month that SNAP's 3-month "
    "time limit asks of adults 18-64 (since July 4, 2025; parents of a child under 14 are exempt)."
)


def test_snap_work_rule_is_data_with_its_source() -> None:
    entry = next(e for e in kb().aid.funding if e.aid == "snap-et")
    rule = entry.work_rule
    assert rule is not None
    assert (rule.benefit, rule.since, rule.hours_a_month, rule.limit_months) == (
        "SNAP",
        "2025-07-04",
        80,
        3,
    )
    assert (rule.ages.min, rule.ages.max, rule.exempt_child_under) == (18, 64, 14)
    assert rule.source.id == "fns-snap-et"
    profile = _plan(snap="yes").profile
    engine = make_plan(kb(), profile).findings.engine
    funding = assess(engine, profile, engine.answer_facts(profile))
    snap = next(s for s in funding.sources if s.id == "snap-et")
    assert snap.work_rule == rule


def test_snap_work_rule_said_in_plan_aid_and_cost(invoke: Any) -> None:
    text, data = text_and_json(invoke, START, TEXT_ENV, *SNAP, "--snap")
    assert RULE in text
    snap = next(s for s in data["funding"]["sources"] if s["id"] == "snap-et")
    assert snap["work_rule"]["hours_a_month"] == 80
    assert snap["work_rule"]["ages"] == {"min": 18, "max": 64}
    aid = invoke("aid", "--snap", env=TEXT_ENV)
    assert aid.code == 0, aid.err
    assert RULE in flat(aid.out)
    aid_json = json.loads(invoke("aid", "--snap", "--json").out)
    option = next(o for o in aid_json["options"] if o["id"] == "snap-et")
    assert option["work_rule"]["since"] == "2025-07-04"
    cost = invoke("cost", "--snap", "--program", "short-certificate", env=TEXT_ENV)
    assert cost.code == 0, cost.err
    assert RULE in flat(cost.out)
    # Not for a person who did not say they get SNAP.
    assert "80 hours" not in plain(invoke, *SNAP)
    assert "80 hours" not in flat(invoke("aid", env=TEXT_ENV).out)


def test_snap_work_rule_only_for_the_ages_it_covers(invoke: Any) -> None:
    rule = next(e for e in kb().aid.funding if e.aid == "snap-et").work_rule
    assert rule is not None
    # Its ages, both ends in; an age not given may be one of them.
    assert [rule.covers(age) for age in (17, 18, 64, 65, None)] == [False, True, True, False, True]
    for age, said in (("70", False), ("17", False), ("40", True)):
        text, data = text_and_json(invoke, START, TEXT_ENV, *SNAP, "--snap", "--age", age)
        snap = next(s for s in data["funding"]["sources"] if s["id"] == "snap-et")
        assert snap["reasons"][0].startswith("You get SNAP")
        assert (RULE in text, "work_rule" in snap) == (said, said), age
        aid = invoke("aid", "--snap", "--age", age, env=TEXT_ENV)
        assert aid.code == 0, aid.err
        assert (RULE in flat(aid.out)) == said, age
        aid_json = json.loads(invoke("aid", "--snap", "--age", age, "--json").out)
        option = next(o for o in aid_json["options"] if o["id"] == "snap-et")
        assert option["applies"] is True
        assert ("work_rule" in option) == said, age
        cost = invoke(
            "cost", "--snap", "--age", age, "--program", "short-certificate", env=TEXT_ENV
        )
        assert cost.code == 0, cost.err
        assert (RULE in flat(cost.out)) == said, age


def test_a_work_rule_date_that_is_no_date_is_a_data_error(invoke: Any, school: Path) -> None:
    replace_once(school / "aid.yaml", 'since: "2025-07-04"', 'since: "2025-02-30"')
    said = "aid.yaml: funding[6]: work_rule: since (2025-02-30) is not a date (YYYY-MM-DD)."
    for args in (
        ("data", "check"),
        (*plan_args(START, *SNAP, "--snap"),),
        (*plan_args(START, *SNAP, "--snap"), "--json"),
        ("aid", "--snap"),
    ):
        result = invoke(*args, "--data-dir", str(school))
        assert result.code == 1, args
        assert said in result.err, args
        assert "Traceback" not in result.err and "Unexpected" not in result.err
        assert len(result.err.strip().splitlines()) == 1, result.err


def test_an_exam_only_path_with_vr_keeps_its_dates_in_report_and_what_if(
    invoke: Any, tmp_path: Path
) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "id,education,budget,schedule,experience-years,disability-services\n"
        "vr,high-school,100,full-time,2,yes\n"
        "no,high-school,100,full-time,2,no\n"
    )
    result = invoke("report", str(clients), "--start", START, "--json")
    assert result.code == 0, result.err
    assert list(json.loads(result.out)["ready_by_month"].values()) == [2]
    flags = ("--education", "high-school", "--budget", "100", "--schedule", "full-time",
             "--experience-years", "2", "--disability-services")  # fmt: skip
    what_if = invoke(*plan_args(START, *flags), "--what-if", "disability-services=no", "--json")
    assert what_if.code == 0, what_if.err
    data = json.loads(what_if.out)
    assert "enroll_wait" not in data["base"]
    assert data["what_if"][0]["plan"]["ready_by"] == data["base"]["ready_by"]
