"""`bcareer plan` and `bcareer profile` from the command line: exit codes, one-line errors, JSON,
--explain, the saved profile, and what a person reads."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from hardening_tools import one_error_line
from inline_snapshot import snapshot

from billing_career.planning.profile import DEFAULTS, profile_path

ANSWERS = ("--education", "ged", "--budget", "3000", "--schedule", "full-time")
# Far ahead, so that no plan here is for a start date already past (which warns).
START = ("--start", "2099-01-05")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("--budget", "-5"),
            "Invalid --budget: budget must be a whole number of US dollars, 0 or "
            "more; got a negative number.",
        ),
        (
            ("--budget", "lots"),
            "Invalid --budget: budget must be a whole number of US dollars, 0 or more; got 'lots'.",
        ),
        (
            ("--education", "phd"),
            "Invalid --education: Unknown education 'phd'. Known: none, ged, "
            "high-school, some-college, associate, bachelor.",
        ),
        (
            ("--start", "2026-02-30"),
            "Invalid --start: start date is not a real day (no such date as '2026-02-30').",
        ),
        (("--schedule", "weekends"), "Invalid --schedule: Unknown schedule 'weekends'."),
        (("--experience-years", "-1"), "Invalid --experience-years"),
    ],
)
def test_bad_answers_exit_2_with_one_line(invoke, args: tuple[str, ...], expected: str) -> None:
    result = invoke("plan", *ANSWERS, *args)
    assert result.code == 2
    assert expected in one_error_line(result.err)
    assert result.out == ""


def test_unreadable_answers_files_exit_2(invoke, tmp_path: Path) -> None:
    missing = invoke("plan", "--answers", str(tmp_path / "missing.yaml"))
    assert missing.code == 2 and "missing.yaml: file is missing" in one_error_line(missing.err)
    folder = invoke("plan", "--answers", str(tmp_path))
    assert folder.code == 2 and "is a folder" in one_error_line(folder.err)
    broken = tmp_path / "broken.yaml"
    broken.write_text("education: [ged\n", encoding="utf-8")
    result = invoke("plan", "--answers", str(broken))
    assert result.code == 2 and "not valid YAML" in one_error_line(result.err)
    locked = tmp_path / "locked.yaml"
    locked.write_text("education: ged\n", encoding="utf-8")
    locked.chmod(0)
    if not os.access(locked, os.R_OK):  # root reads anything
        result = invoke("plan", "--answers", str(locked))
        assert result.code == 2 and "cannot be read" in one_error_line(result.err)
    listing = tmp_path / "list.yaml"
    listing.write_text("- ged\n", encoding="utf-8")
    result = invoke("plan", "--answers", str(listing))
    assert result.code == 2 and "expected a mapping" in one_error_line(result.err)


def test_missing_answers_exit_2_naming_the_flags(invoke) -> None:
    result = invoke("plan")
    assert result.code == 2
    assert "Missing --education, --budget and --schedule." in one_error_line(result.err)
    result = invoke("plan", "--education", "ged")
    assert "Missing --budget and --schedule." in one_error_line(result.err)
    assert not profile_path().exists()


def test_json_has_the_issue_keys_and_is_deterministic(invoke) -> None:
    first = invoke("plan", *ANSWERS, *START, "--json", "--no-save")
    assert first.code == 0, first.err
    data = json.loads(first.out)
    for key in (
        "profile",
        "blockers",
        "warnings",
        "recommendations",
        "steps",
        "cost",
        "salary",
        "ready_by",
    ):
        assert key in data
    recommendations = data["recommendations"]
    assert set(recommendations["program"]) >= {"id", "name", "reasons"}
    assert set(recommendations["certification"]) >= {"code", "reasons"}
    assert all(set(o) >= {"id", "name", "reasons"} for o in recommendations["financial_aid"])
    assert "alternatives" in recommendations
    assert all(set(s) >= {"title", "start", "end", "details"} for s in data["steps"])
    assert set(data["cost"]) >= {"items", "total"}
    assert data["profile"]["start"] == "2099-01-05"
    assert "explain" not in data
    second = invoke("plan", *ANSWERS, *START, "--json", "--no-save")
    assert second.out == first.out


def test_json_numbers_are_numbers(invoke) -> None:
    data = json.loads(invoke("plan", *ANSWERS, *START, "--json", "--no-save").out)
    assert data["profile"]["budget"] == 3000
    assert isinstance(data["cost"]["total"]["min"], int)
    assert data["salary"]["levels"][0]["annual"] == {"min": 35000, "max": 42000}
    assert data["budget"]["gap"]["max"] == max(0, data["cost"]["total"]["max"] - 3000)


def test_explain_json_shows_each_rule_and_the_failing_part(invoke) -> None:
    result = invoke("plan", *ANSWERS, *START, "--json", "--explain", "--no-save")
    explain = json.loads(result.out)["explain"]
    assert explain["topics"] == ["program", "certification", "aid", "steps", "actions"]
    rules = {rule["id"]: rule for rule in explain["rules"]}
    held = rules["best-for-quick-entry"]
    assert held["fired"] and held["because"] and held["failed"] == []
    assert held["topic"] == "program"
    assert held["held"] == ["your goal is getting into a job quickly"]
    missed = rules["cpb-for-comprehensive-preparation"]
    assert not missed["fired"] and missed["topic"] == "certification"
    assert missed["failed"] == ["your goal is comprehensive preparation"]
    assert missed["condition"] == {
        "kind": "test",
        "passed": False,
        "text": "your goal is comprehensive preparation",
        "actual": "getting into a job quickly",
        "fact": "goal",
        "op": "eq",
        "value": "comprehensive",
    }
    assert "not your goal" in missed["why_not"]


def test_explain_in_the_terminal_is_plain_words_by_topic(invoke) -> None:
    result = invoke(
        "plan",
        "--education",
        "bachelor",
        "--budget",
        "3000",
        "--schedule",
        "part-time",
        "--goal",
        "advancement",
        *START,
        "--explain",
        "--no-save",
        env={"NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert result.code == 0, result.err
    out = result.out
    explained = out[out.index("Why this plan") :]
    # Grouped by topic, each with what held and what did not.
    titles = [
        "Your answers, as the rules read them",
        "Program and delivery",
        "Certification",
        "Financial aid and budget",
        "Steps",
        "First actions",
    ]
    positions = [explained.index(f"\n{title}\n") for title in titles]
    assert positions == sorted(positions)
    certification = explained[positions[2] : positions[3]]
    assert "Chosen: Certified Professional Biller" in certification
    assert "Held: your goal is career advancement" in certification
    # The CBCS alternative shows what counts for it, not only what counts against it.
    cbcs = certification[certification.index("Not chosen: Certified Billing and Coding") :]
    assert "CBCS's exam ($155, against $349-$449 for CPB) is the cheapest of the three" in " ".join(
        cbcs.split()
    )
    # Plain words, not the rules' internal names.
    for internal in (
        "programs_fully_covered",
        "experience_years <",
        "goal is advancement",
        "cpb-leads-to-cpc",
        "has_any",
    ):
        assert internal not in explained, internal
    assert "Not so: your billing experience is at least 1 year (yours: 0 years)" in explained
    assert "what your budget covers whole (before the exam fee): Online Self-Paced" in explained


def test_terminal_output_is_in_the_documented_order(invoke) -> None:
    result = invoke(
        "plan",
        "--education",
        "none",
        "--budget",
        "200",
        "--schedule",
        "part-time",
        *START,
        "--no-save",
        env={"NO_COLOR": "1"},
    )
    assert result.code == 0, result.err
    out = result.out
    # The answer first (after the title and the line naming the guide), then the sections.
    lines = out.splitlines()
    assert lines[lines.index("") + 1].startswith("Program:")
    headings = [
        "Blockers and warnings",
        "Steps",
        "Cost",
        "Expected pay",
        "Funding and aid",
        "First actions for this week",
    ]
    positions = [out.index(f"\n{heading}\n") for heading in headings]
    assert positions == sorted(positions)
    assert "\x1b[" not in out
    assert "Blocker: The guide's Step 1 requires a high school diploma or GED" in out


def test_golden_plan_at_100_columns(invoke) -> None:
    result = invoke(
        "plan",
        "--education",
        "associate",
        "--budget",
        "2000",
        "--schedule",
        "full-time",
        "--experience-years",
        "2",
        "--background",
        "computer-skills,accounting,customer-service",
        *START,
        "--no-save",
        # Made on 2026-12-07, whatever day it is run (midnight UTC).
        env={"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb", "SOURCE_DATE_EPOCH": "1796601600"},
    )
    assert result.code == 0, result.err
    text = "\n".join(line.rstrip() for line in result.out.splitlines()) + "\n"
    assert text == snapshot("""\
Your medical billing career plan
Figures from the guide, with newer reported ones beside them. The guide: "How to Become a Medical
Billing Specialist", the career guide this tool is built on.

Program:       Short Certificate, in-person (optional for you)
Certification: CBCS, Certified Billing and Coding Specialist
Total cost:    $285-$530 (plan for this; newer reports: $247-$530)
Funding:       Your budget of $2,000: covers it.
You pay:       $285-$530, out of your budget of $2,000.
Job-ready by:  about February 16, 2099 (estimate: your experience lets you take the exam after 4
               weeks of study (a length this tool picked))
This week:     Read the CBCS exam requirements and gather any proof of training or experience they
               ask for.

Your options
Option: program                                          Cert  Total cost  Left to pay     Job-ready
recommended, least to pay, fastest: Short Certificate,   CBCS   $285-$530    $285-$530  Feb 16, 2099
in-person (optional)
Left to pay: after the aid counted for that path; dates are estimates. Say what you earn now to see
how soon each path pays for itself.

Steps
Jan 5 to Jan 19, 2099   1. Choose your certification exam and register
Jan 19 to May 19, 2099  2. Optional: Short Certificate training, if you choose it; the exam does not
                        wait for it
Jan 19 to Feb 16, 2099  3. Prepare for and pass the CBCS exam
Feb 16 to Apr 13, 2099  4. Begin your career

The CBCS exam
- Given by NHA (National Healthcareer Association): sign up on its website, nhanow.com.
- You can take it online with a live proctor, or in person at a test center.
- Exam fee: $155, one price for everyone.

Cost
- Textbooks $100-$300; CBCS exam fee (one price) $155; Background check $30-$75. Total $285-$530.
  Newer reports give $247-$530; plan for $285-$530, the higher figures, so you have enough either
  way.

Expected pay
- Early Career, 1-3 years (yours): $42,000-$50,000 a year
- Mid-Career, 4-7 years: $50,000-$58,000 a year

Funding and aid
- None needed: your budget covers this path.

First actions for this week
1. Read the CBCS exam requirements and gather any proof of training or experience they ask for.
2. Get CBCS exam prep materials and set a study schedule.
3. Decide whether Short Certificate training is worth it for you, or go straight to the exam.

Made on December 7, 2026 for: your education: associate degree; your budget: $2,000; your schedule:
full-time; your billing experience: 2 years; your background: customer service, computer skills
(spreadsheets, databases), accounting or bookkeeping; start: January 5, 2099.
Assumed, as you did not say: how you prefer to learn: either; your goal: getting into a job quickly;
a US military veteran: no; an employer offers to fund your training: no; you want to work from home:
no; a military spouse: no; a disability that makes work harder: no; on SNAP: no. If one is wrong,
answer that question and make the plan again.
More: add --details for every reason, or --explain for every rule.
""")


def test_narrow_terminal_keeps_lines_short_and_figures_whole(invoke) -> None:
    result = invoke(
        "plan", *ANSWERS, *START, "--remote", "--no-save", env={"NO_COLOR": "1", "COLUMNS": "40"}
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 40
    # Online Self-Paced's tuition ($3,000 pays less of the Short Certificate: planner._swap).
    for figure in ("$500-$2,000", "$35,000-$42,000", "$42,000-$50,000", "$200-$500"):
        assert any(figure in line for line in lines), figure


# --- the saved profile --------------------------------------------------------------------------


def test_answers_are_saved_privately_and_reused(invoke) -> None:
    first = invoke(
        "plan", *ANSWERS, "--remote", "--goal", "advancement", *START, "--json", "--save"
    )
    assert first.code == 0, first.err
    path = profile_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # With --use-saved the saved answers fill what the flags leave out (no terminal, so no
    # questions), each marked as saved.
    again = invoke("plan", *START, "--json", "--no-input", "--use-saved")
    assert again.code == 0, again.err
    before, after = json.loads(first.out)["profile"], json.loads(again.out)["profile"]
    assert before.pop("answered")["goal"] == "flag"
    assert after.pop("answered")["goal"] == "saved"
    assert after == before
    # Flags still win over the saved answers.
    cheaper = json.loads(invoke("plan", "--budget", "100", *START, "--json", "--use-saved").out)
    assert cheaper["profile"]["budget"] == 100 and cheaper["profile"]["goal"] == "advancement"
    assert cheaper["profile"]["answered"]["budget"] == "flag"


def test_no_save_writes_nothing(invoke) -> None:
    assert invoke("plan", *ANSWERS, "--no-save", "--json").code == 0
    assert not profile_path().exists()


def test_a_corrupt_profile_is_reported_and_kept(invoke) -> None:
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("education: [oops\n", encoding="utf-8")
    # Without --use-saved (or --save) the saved profile is not read at all.
    assert invoke("plan", *ANSWERS).code == 0
    result = invoke("plan", *ANSWERS, "--use-saved")
    assert result.code == 1
    line = one_error_line(result.err)
    assert str(path) in line and "bcareer profile reset" in line
    assert path.read_text(encoding="utf-8") == "education: [oops\n"
    shown = invoke("profile", "show")
    assert shown.code == 1 and str(path) in one_error_line(shown.err)
    # Asking for no save does not need the profile at all.
    assert invoke("plan", *ANSWERS, "--no-save").code == 0


def test_answers_file_replays_a_plan(invoke, tmp_path: Path) -> None:
    saved = invoke("plan", *ANSWERS, "--background", "insurance", *START, "--json", "--save")
    assert saved.code == 0
    replay = tmp_path / "answers.yaml"
    replay.write_text(profile_path().read_text(encoding="utf-8"), encoding="utf-8")
    profile_path().unlink()
    first = invoke("plan", "--answers", str(replay), *START, "--json", "--no-save")
    second = invoke("plan", *ANSWERS, "--background", "insurance", *START, "--json", "--no-save")
    assert first.code == 0, first.err
    # The same plan; only where the answers came from differs (a file, not flags).
    replayed, typed = json.loads(first.out), json.loads(second.out)
    assert replayed["profile"].pop("answered")["background"] == "answers-file"
    assert typed["profile"].pop("answered")["background"] == "flag"
    assert replayed == typed


def test_profile_show_and_reset(invoke) -> None:
    empty = invoke("profile", "show", "--json")
    assert json.loads(empty.out) == {"path": str(profile_path()), "saved": False, "answers": None}
    assert invoke("plan", *ANSWERS, "--veteran", "--save").code == 0
    shown = json.loads(invoke("profile", "show", "--json").out)
    assert shown["saved"] and shown["answers"]["veteran"] is True
    assert "start" not in shown["answers"]
    text = invoke("profile", "show", env={"NO_COLOR": "1"}).out
    assert "Are you a US military veteran?" in text and "$3,000" in text
    refused = invoke("profile", "reset")
    assert refused.code == 2
    assert "Rerun with --yes" in one_error_line(refused.err)
    assert profile_path().exists()
    removed = invoke("profile", "reset", "--yes")
    assert removed.code == 0 and "Removed" in removed.err
    assert not profile_path().exists()
    assert invoke("profile", "reset", "--force").code == 0


# --- help and export ----------------------------------------------------------------------------


def test_help_documents_the_defaults_and_its_examples_run(invoke) -> None:
    text = invoke("plan", "--help").out
    flat = " ".join(text.split())
    for name, value in DEFAULTS.items():
        flag = "--" + name.replace("_", "-")
        if value is None:  # optional: unknown unless given
            assert flag in flat and flag in flat.split("--current-pay are optional")[0]
        elif isinstance(value, bool):
            assert f"--no-{flag[2:]}" in flat and "Default: no." in flat
        else:
            shown = "none" if value == () else str(value)
            assert f"{flag} {shown}" in flat, (flag, shown)
    assert "--start today" in flat
    example = "bcareer plan --education ged --budget 3000 --schedule part-time --no-input"
    assert example in text
    assert invoke(*example.split()[1:]).code == 0


def test_export_hook_writes_the_file(invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    result = invoke("plan", *ANSWERS, *START, "--no-save", "--export", str(target))
    assert result.code == 0, result.err
    assert "Short Certificate" in target.read_text(encoding="utf-8")
    again = invoke("plan", *ANSWERS, *START, "--no-save", "--export", str(target))
    assert again.code == 2 and "--force" in again.err
    assert (
        invoke("plan", *ANSWERS, *START, "--no-save", "--export", str(target), "--force").code == 0
    )


def test_text_from_data_is_printed_literally(invoke, tmp_path: Path) -> None:
    import shutil

    from conftest import DATA

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    programs = folder / "programs.yaml"
    text = programs.read_text(encoding="utf-8")
    programs.write_text(
        text.replace("name: Short Certificate", "name: Short [red]Cert[/]", 1), encoding="utf-8"
    )
    result = invoke(
        "plan", *ANSWERS, *START, "--no-save", "--data-dir", str(folder), env={"NO_COLOR": "1"}
    )
    assert result.code == 0, result.err
    # The rules' pick, named where the plan says why it recommends another (planner._swap).
    assert re.search(r"Chosen over: +Short \[red\]Cert\[/\] \(in-person\)", result.out)


def test_a_past_start_without_questions_is_a_warning_on_stderr(invoke) -> None:
    result = invoke(
        "plan",
        "--education",
        "ged",
        "--budget",
        "3000",
        "--schedule",
        "full-time",
        "--start",
        "2020-01-06",
        "--no-input",
        "--no-save",
        "--json",
    )
    assert result.code == 0
    # One warning, in the plan's own words, on stderr as in the plan's warnings.
    [warning] = [line for line in result.err.splitlines() if line.startswith("Warning:")]
    assert "Your start date January 6, 2020 is before today" in warning
    plan = json.loads(result.out)
    assert plan["profile"]["start"] == "2020-01-06"
    assert plan["warnings"][-1]["message"] in warning


def test_a_past_start_has_no_this_week(invoke) -> None:
    args = ("--education", "ged", "--budget", "3000", "--schedule", "full-time")
    result = invoke("plan", *args, "--start", "2020-01-06", "--no-input", "--no-save")
    assert result.code == 0
    assert "this week" not in result.out.lower()
    assert re.search(r"^First step: +Research", result.out, re.M)
    assert "First actions (from your start date, January 6, 2020)" in result.out


def test_a_week_date_start_is_refused(invoke) -> None:
    result = invoke(
        "plan",
        "--education",
        "ged",
        "--budget",
        "1",
        "--schedule",
        "full-time",
        "--start",
        "2026-W01-1",
        "--no-input",
        "--no-save",
    )
    assert result.code == 2
    assert "must be a date as YYYY-MM-DD, 6/8/2027 or June 8, 2027; got '2026-W01-1'" in result.err
