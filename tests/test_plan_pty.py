"""`bcareer plan` in a real pseudo-terminal: the questions, Ctrl-C, the saved profile."""

from __future__ import annotations

import stat
from pathlib import Path

import pexpect
import pytest
from conftest import ended, spawn_terminal

from billing_career.planning.profile import profile_path

DOWN, UP, ENTER, CTRL_C, CTRL_D, CLEAR = "\x1b[B", "\x1b[A", "\r", "\x03", "\x04", "\x15"
QUESTIONS = {
    "education": "highest level of education",
    "budget": "How much can you spend",
    "schedule": "How much time can you give",
    "learning": "How do you prefer to learn",
    "experience_years": "years of medical billing experience",
    "background": "Which of these are in your background",
    "goal": "What matters most to you",
    "veteran": "US military veteran",
    "employer_sponsor": "Does an employer offer",
    "remote": "work from home",
    "job_seeker": "out of work, laid off",
    "military_spouse": "spouse of a service member",
    "disability_services": "disability that makes work harder",
    "snap": "Do you get SNAP",
    "current_pay": "What do you earn now",
    "credentials": "Which certifications do you already hold",
    "training_done": "complete a medical billing or coding training program",
    "failed_exam": "exams have you taken and not passed",
    "in_high_school": "still in high school",
    "age": "How old are you",
    "record": "criminal record",
    "state": "Which state or territory",
    "hours_per_week": "How many hours a week",
    "start": "When do you want to start",
}
# Where the person stands today, in the order asked; hours a week only after a current pay.
TODAY = ("credentials", "training_done", "failed_exam", "in_high_school", "age", "record", "state")


def leave_today_at_defaults(child: pexpect.spawn, *, hours: bool) -> None:
    """Press Enter at each question asked since the money and where-you-stand questions came
    (each default, or skip): the money help, the hours behind a current pay, where you stand."""
    money_help = ("military_spouse", "disability_services", "snap")
    for name in (*money_help, *(("hours_per_week",) if hours else ()), *TODAY):
        child.expect(QUESTIONS[name])
        child.send(ENTER)


def test_a_full_run_answering_every_question() -> None:
    child = spawn_terminal("plan")
    child.expect(QUESTIONS["education"])
    child.send(DOWN)
    child.send(ENTER)  # ged
    child.expect(QUESTIONS["budget"])
    child.send("lots" + ENTER)
    child.expect("got 'lots'")  # refused inline, asked again
    child.send(CLEAR + "3000" + ENTER)
    child.expect(QUESTIONS["schedule"])
    child.send(DOWN)
    child.send(ENTER)  # part-time
    child.expect(QUESTIONS["learning"])
    child.send(ENTER)  # either
    child.expect(QUESTIONS["experience_years"])
    child.send(ENTER)  # 0
    child.expect(QUESTIONS["background"])
    child.send(" ")
    child.send(ENTER)  # customer service
    child.expect(QUESTIONS["goal"])
    child.send(ENTER)  # quick entry
    child.expect(QUESTIONS["veteran"])
    child.send("y")
    child.expect(QUESTIONS["employer_sponsor"])
    child.send("n")
    child.expect(QUESTIONS["remote"])
    child.send("y")
    child.expect(QUESTIONS["job_seeker"])
    child.send("y")
    for name in ("military_spouse", "disability_services", "snap"):
        child.expect(QUESTIONS[name])
        child.send("n")
    child.expect(QUESTIONS["current_pay"])
    child.send("17/h" + ENTER)
    # Its follow-up, right after it: the hours behind an hourly pay.
    child.expect(QUESTIONS["hours_per_week"])
    child.send(CLEAR + "30" + ENTER)
    for name in TODAY[:-1]:
        child.expect(QUESTIONS[name])
        child.send(ENTER)
    child.expect(QUESTIONS["state"])
    child.send("tx" + ENTER)
    child.expect("Question 23 of 23")  # where you are: follow-ups are numbered "12a"
    child.expect(QUESTIONS["start"])
    child.send(CLEAR + "2026-01-05" + ENTER)
    child.expect("in the past. Plan from that day anyway")
    child.send("y")
    # The review: every answer, then change one (the budget, second in the list).
    child.expect("Your answers:")
    child.expect("Make my plan")
    child.send(DOWN + ENTER)
    child.expect("Which answer")
    child.send(DOWN + ENTER)
    child.expect(QUESTIONS["budget"])
    child.send(CLEAR + "2500" + ENTER)
    child.expect(r"Budget +\$2,500")
    child.expect("Make my plan")
    child.send(ENTER)
    child.expect("Your medical billing career plan")
    child.expect(r"First actions \(from your start date")  # the confirmed past start
    # After the plan, the review offers a comparison: change the schedule to full-time.
    child.expect("Compare with a change")
    child.send(DOWN + ENTER)
    child.expect("Which answer")
    child.send(DOWN * 2 + ENTER)
    child.expect(QUESTIONS["schedule"])
    child.send(UP + ENTER)
    child.expect("What if: your plan with one answer changed")
    child.expect("differs from your plan")
    child.expect("Compare with a change")
    child.send(ENTER)  # Done
    child.expect("Save these answers as your profile 'me'")
    child.send(ENTER)  # yes, the default
    # Wrapped at spaces to the terminal (issue 21): the note may take two lines.
    child.expect(r"Answers saved as profile 'me' to[\s\S]*profile show me")
    output = ended(child)
    assert child.exitstatus == 0, output
    assert "Traceback" not in output
    saved = profile_path()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    text = saved.read_text(encoding="utf-8")
    assert "education: ged" in text and "budget: 2500" in text and "veteran: true" in text
    assert "background:\n- customer-service" in text and "remote: true" in text
    # 17 an hour for 30 hours a week: saved as given, by the hour, made yearly at the hours
    # given when read back.
    assert "job_seeker: true" in text and "current_pay: 17/h" in text
    assert "state: TX" in text and "hours_per_week: 30" in text and "record: none" in text


@pytest.mark.parametrize(("later", "key"), [(False, CTRL_C), (True, CTRL_C), (True, CTRL_D)])
def test_ctrl_c_exits_130_with_nothing_saved(later: bool, key: str) -> None:
    if not later:
        child = spawn_terminal("plan")
        child.expect(QUESTIONS["education"])
    else:
        # At a later question, after an answer typed: the ones before it given as flags.
        child = spawn_terminal(
            "plan", "--education", "ged", "--budget", "2500", "--schedule", "full-time"
        )
        child.expect(QUESTIONS["learning"])
        child.send(ENTER)
        child.expect(QUESTIONS["experience_years"])
        if key == CTRL_D:
            child.send(CLEAR)  # Ctrl-D ends input on an empty line
    child.send(key)
    output = ended(child)
    assert child.exitstatus == 130
    assert "Traceback" not in output and "Error" not in output
    assert not profile_path().exists()


def test_only_what_the_flags_leave_open_is_asked() -> None:
    child = spawn_terminal(
        "plan",
        "--education",
        "ged",
        "--budget",
        "3000",
        "--schedule",
        "full-time",
        "--learning",
        "online",
        "--experience-years",
        "1",
        "--background",
        "none",
        "--goal",
        "advancement",
        "--veteran",
        "--no-employer-sponsor",
        "--no-remote",
        "--no-job-seeker",
        "--no-military-spouse",
        "--no-disability-services",
        "--no-snap",
        "--current-pay",
        "36000",
        "--hours-per-week",
        "40",
        "--no-save",
    )
    index = child.expect([QUESTIONS["credentials"], QUESTIONS["education"]])
    assert index == 0
    child.send(ENTER)
    for name in TODAY[1:]:
        child.expect(QUESTIONS[name])
        child.send(ENTER)
    child.expect(QUESTIONS["start"])
    child.send(ENTER)  # today
    child.expect("Make my plan")  # questions were asked, so the review follows
    child.send(ENTER)
    child.expect("Your medical billing career plan")
    child.expect("Compare with a change")
    child.send(ENTER)  # Done
    ended(child)
    assert child.exitstatus == 0


def test_saved_answers_are_offered_next_time() -> None:
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "education: ged\nbudget: 4000\nschedule: flexible\nlearning: online\n"
        "experience_years: 0\nbackground: []\ngoal: comprehensive\nveteran: false\n"
        "employer_sponsor: false\nremote: false\njob_seeker: false\ncurrent_pay: 30000\n",
        encoding="utf-8",
    )
    child = spawn_terminal("plan", "--no-save")
    child.expect("Your saved answers")
    child.expect("Use these")
    child.send(DOWN + ENTER)  # Change some
    child.expect("Which answers do you want to change")
    child.send(DOWN + " " + ENTER)  # the budget only
    child.expect(QUESTIONS["budget"])
    child.send(CLEAR + "4500" + ENTER)
    leave_today_at_defaults(child, hours=True)  # never saved: asked now
    child.expect(QUESTIONS["start"])  # not saved
    child.send(ENTER)
    child.expect("Make my plan")
    child.send(ENTER)
    child.expect("Your budget of \\$4,500")  # the new budget; the rest as saved
    child.expect("Compare with a change")
    child.send(ENTER)  # Done
    ended(child)
    assert child.exitstatus == 0


def test_no_input_never_prompts_even_on_a_terminal() -> None:
    for child in (
        spawn_terminal("plan", "--no-input"),
        spawn_terminal("plan", env={"BCAREER_NO_INPUT": "1"}),
    ):
        output = ended(child)
        assert child.exitstatus == 2
        assert "Missing --education, --budget and --schedule" in output
        assert "?" not in output.split("Error:")[0]


def test_profile_reset_asks_and_defaults_to_no(isolated_home: Path) -> None:
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("education: ged\n", encoding="utf-8")
    child = spawn_terminal("profile", "reset")
    child.expect("Remove your saved answers")
    child.send(ENTER)
    output = ended(child)
    assert child.exitstatus == 0 and "Nothing removed" in output
    assert path.exists()
    child = spawn_terminal("profile", "reset")
    child.expect("Remove your saved answers")
    child.send("y")
    output = ended(child)
    assert child.exitstatus == 0 and "Removed" in output
    assert not path.exists()
