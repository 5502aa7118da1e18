"""Issue 21, part A: the thirteen problems of hardening round three, one test (or a few) each.

In-process through the real entry point, except the signals (a real process is what they hit).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest
from conftest import bcareer_executable, replace_once
from hardening_tools import big_cohort, one_error_line, wait_until

from billing_career.render.terminal import MAX_COLUMNS, text_width, trim_padding

PLAN = ("plan", "--education", "ged", "--budget", "3000", "--schedule", "part-time", "--no-input")
GOOD_ROW = "ged,3000,part-time"
BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: shows what follows it backwards


def plans(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


# --- 1: a byte that is not UTF-8 in a CSV batch is that row's error -------------------------------


def test_a_bad_byte_in_a_csv_batch_is_that_rows_error(invoke, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.csv"
    rows = [GOOD_ROW] * 3 + ["ged,30\xff0,part-time"] + [GOOD_ROW] * 2
    cohort.write_bytes(("education,budget,schedule\n" + "\n".join(rows) + "\n").encode("latin-1"))
    output = tmp_path / "plans.jsonl"
    result = invoke("plan", "--batch", str(cohort), "--output", str(output))
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("Error:")]
    assert "row 4 (line 5)" in errors[0] and "not UTF-8" in errors[0] and "0xff" in errors[0]
    assert "1 of 6 rows had no plan" in errors[1]
    assert len(plans(output.read_text())) == 5  # the good rows, before and after, are written


def test_a_bad_byte_in_a_csv_header_is_one_error(invoke, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_bytes(b"educ\xe9tion,budget,schedule\nged,3000,part-time\n")
    result = invoke("plan", "--batch", str(cohort))
    assert result.code == 2
    assert "header row is not UTF-8" in one_error_line(result.err)


# --- 2: an impossible date in any YAML file names the file, the line and the field ---------------


@pytest.mark.parametrize("day", ["2027-13-01", "2027-02-29"])
def test_an_impossible_date_in_an_answers_file_is_a_usage_error(
    invoke, tmp_path: Path, day: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"education: ged\nbudget: 3000\nschedule: part-time\nstart: {day}\n")
    result = invoke("plan", "--answers", str(answers), "--no-input", "--no-save")
    assert result.code == 2
    line = one_error_line(result.err)
    assert str(answers) in line and "start" in line and "line 4" in line
    assert f"'{day}' is no such date" in line


def test_an_impossible_date_in_a_saved_profile_is_bad_data(invoke, isolated_home: Path) -> None:
    (isolated_home / "config" / "profile.yaml").write_text("education: ged\nstart: 2027-02-29\n")
    result = invoke("profile", "show")
    assert result.code == 1
    line = one_error_line(result.err)
    assert "profile.yaml" in line and "line 2" in line and "no such date" in line


def test_an_impossible_date_in_a_data_file_is_bad_data(invoke, school: Path) -> None:
    replace_once(school / "sources.yaml", 'published: "2025-01-31"', "published: 2025-02-30")
    result = invoke("sources", "--data-dir", str(school))
    assert result.code == 1
    line = one_error_line(result.err)
    assert "sources.yaml" in line and "published" in line and "no such date" in line


@pytest.mark.parametrize(
    ("file", "text", "argv", "where"),
    [
        pytest.param(
            "salary_states.yaml",
            "states:\n  - state: TX\n    median_annual: 40000\n    source: a survey\n"
            "    date: 2025-02-30\n",
            ("salary", "--state", "TX"),
            "line 5",
            id="state-pay",
        ),
        pytest.param(
            "programs_local.yaml",
            "programs:\n  - name: A\n    delivery: [online]\n    tuition: 2000\n"
            "    source: a catalog\n    checked: 2026-13-01\n",
            ("programs", "find"),
            "line 6",
            id="local-programs",
        ),
    ],
)
def test_an_impossible_date_in_a_users_own_file_is_bad_data(
    invoke, isolated_home: Path, file: str, text: str, argv: tuple[str, ...], where: str
) -> None:
    (isolated_home / "userdata" / file).write_text(text)
    result = invoke(*argv)
    assert result.code == 1
    line = one_error_line(result.err)
    assert file in line and where in line
    assert "no such date" in line


# --- 3 and 4: COLUMNS out of any real terminal's range --------------------------------------------


@pytest.mark.parametrize("columns", ["0", "5"])
def test_a_width_too_small_to_use_is_taken_as_80(invoke, columns: str) -> None:
    result = invoke("--no-pager", "salary", env={"COLUMNS": columns})
    assert result.code == 0
    assert "Entry-Level" in result.out
    assert max(len(line) for line in result.out.splitlines()) <= 80
    assert max(len(line) for line in result.out.splitlines()) > 40  # laid out at 80, not 5


def test_a_huge_width_is_capped() -> None:
    assert text_width(99_999, on_terminal=False, columns_given=True) == MAX_COLUMNS
    assert text_width(0, on_terminal=True, columns_given=True) == 80


def test_a_huge_columns_runs_and_stays_within_the_cap(invoke) -> None:
    result = invoke("--no-pager", "salary", env={"COLUMNS": "99999"})
    assert result.code == 0
    lines = result.out.splitlines()
    assert "Entry-Level" in result.out
    assert max(len(line) for line in lines) <= MAX_COLUMNS
    assert all(line == line.rstrip(" ") for line in lines)


def test_the_padding_trim_works_line_by_line() -> None:
    # A long run of spaces not at a line's end is kept whole (the old pattern backtracked over
    # each such run, quadratically); spaces before a line's end, or its closing codes, go.
    spaces = " " * 200_000
    assert trim_padding(f"a{spaces}b\n") == f"a{spaces}b\n"
    assert trim_padding(f"a{spaces}\x1b[0m\nb   \nc  ") == "a\x1b[0m\nb\nc  "


# --- 5: any mix of stop signals during a batch ----------------------------------------------------


@pytest.mark.parametrize(
    ("signals", "codes"),
    [
        pytest.param((signal.SIGTERM, signal.SIGHUP), {129, 143}, id="term-and-hup"),
        pytest.param(
            (signal.SIGTERM, signal.SIGTERM, signal.SIGHUP, signal.SIGINT),
            {129, 130, 143},
            id="term-term-hup-int",
        ),
        pytest.param((signal.SIGINT, signal.SIGTERM), {130, 143}, id="int-then-term"),
    ],
)
def test_any_mix_of_signals_exits_quietly_and_cleans_up(
    tmp_path: Path, signals: tuple[int, ...], codes: set[int]
) -> None:
    cohort = big_cohort(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    process = subprocess.Popen(
        [
            bcareer_executable(),
            "plan",
            "--batch",
            str(cohort),
            "--output",
            str(out_dir / "p.jsonl"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )

    def writing() -> bool:
        temps = list(out_dir.iterdir())
        return bool(temps) and temps[0].stat().st_size > 0

    wait_until(writing, "plans are written to the temp file", process)
    for signum in signals:  # at once: the later ones arrive while the first is handled
        os.kill(process.pid, signum)
    out, err = process.communicate(timeout=30)
    assert process.returncode in codes
    assert (out, err.strip("\n").removeprefix("Interrupted.")) == ("", "")
    assert list(out_dir.iterdir()) == []


# --- 6: a large local programs file ---------------------------------------------------------------


def test_a_large_catalog_shows_the_best_and_says_how_many_more(invoke, isolated_home: Path) -> None:
    from billing_career.render.programs import SHOWN_AT_MOST

    count = SHOWN_AT_MOST + 30
    lines = ["programs:"]
    for index in range(count):
        tuition = 1000 + index
        lines += [
            f"- name: P{index}",
            "  delivery: [online]",
            f"  tuition: {tuition}",
            "  source: s",
        ]
    (isolated_home / "userdata" / "programs_local.yaml").write_text("\n".join(lines) + "\n")
    result = invoke("--no-pager", "programs", "find")
    assert result.code == 0
    assert f"({count} of {count})" in result.out
    assert f"The best {SHOWN_AT_MOST} are shown; 30 more match." in " ".join(result.out.split())
    assert f"{SHOWN_AT_MOST}. P{SHOWN_AT_MOST - 1}\n" in result.out
    assert f"P{SHOWN_AT_MOST}\n" not in result.out and f"P{count - 1} " not in result.out
    # --json still gives every one.
    found = json.loads(invoke("programs", "find", "--json").out)["programs"]
    assert len(found) == count


# --- 7 and 8: bidi controls and file names never reach the terminal raw ---------------------------


def test_bidi_controls_in_data_dir_text_are_escaped(invoke, school: Path) -> None:
    replace_once(
        school / "faq.yaml",
        "question: How long does it take to become a medical billing specialist?",
        f"question: How long{BIDI} does it take?",
    )
    result = invoke("--no-pager", "faq", "--data-dir", str(school))
    assert result.code == 0
    assert BIDI not in result.out
    assert "How long\\u202e does it take?" in result.out


@pytest.mark.parametrize("character", ["\u202a", "\u202e", "\u2066", "\u2069"])
def test_bidi_controls_in_a_batch_are_escaped(invoke, tmp_path: Path, character: str) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text(f"education,budget,schedule\nged,3000,part{character}time\n")
    result = invoke("plan", "--batch", str(cohort))
    assert result.code == 1
    assert character not in result.err
    assert repr(character)[1:-1] in result.err
    column = tmp_path / "column.csv"
    column.write_text(f"educ{character}ation,budget,schedule\n{GOOD_ROW}\n")
    result = invoke("plan", "--batch", str(column))
    assert result.code == 2
    line = one_error_line(result.err)
    assert character not in line and repr(character)[1:-1] in line


def test_the_wrote_line_escapes_the_file_name(invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan\x1b[31m\u202e.md"
    result = invoke(*PLAN, "--no-save", "--export", str(target))
    assert result.code == 0
    assert target.exists()
    last = result.err.splitlines()[-1]
    assert last.startswith("Wrote ")
    assert "\x1b" not in last and BIDI not in last
    assert last.endswith("plan\\x1b[31m\\u202e.md")


# --- 9: a bad path is bad usage -------------------------------------------------------------------


def test_an_answers_path_that_cannot_be_looked_at_is_a_usage_error(
    invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root enters any folder whatever its mode: the refusal is injected for the one path.
    answers = tmp_path / "locked" / "answers.yaml"
    real_stat = os.stat

    def refusing(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path) == str(answers):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", refusing)
    result = invoke(*PLAN, "--no-save", "--answers", str(answers))
    assert result.code == 2
    assert "Permission denied" in one_error_line(result.err)


@pytest.mark.parametrize(
    "args",
    [
        ("--answers", "a" * 300 + ".yaml"),
        ("--export", "e" * 300 + ".md"),
        ("--data-dir", "d" * 300),
    ],
    ids=["answers", "export", "data-dir"],
)
def test_a_file_name_too_long_is_a_usage_error(invoke, args: tuple[str, str]) -> None:
    result = invoke(*PLAN, "--no-save", *args)
    assert result.code == 2
    assert "File name too long" in one_error_line(result.err)


# --- 10: a config folder that cannot be entered ---------------------------------------------------


def test_a_config_folder_that_cannot_be_entered_warns_and_shows_the_plan(
    invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root no folder is closed: what the system says inside one that cannot be entered
    # (EACCES for anything in it) is injected into the calls bcareer makes.
    inside = str(isolated_home / "config") + os.sep

    for name in ("stat", "lstat", "open", "mkdir", "unlink", "readlink", "replace", "link"):
        real = getattr(os, name)

        def refused(path: object, *args: object, real: object = real, **kwargs: object) -> object:
            if isinstance(path, str | os.PathLike) and os.fspath(path).startswith(inside):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(os, name, refused)
    result = invoke(*PLAN, "--save")
    assert result.code == 0
    assert "Your medical billing career plan" in result.out
    assert result.err.startswith("Warning: your answers could not be saved")
    assert "Permission denied" in result.err


# --- 11: deep nesting in a YAML batch is that row's error -----------------------------------------


def test_deep_nesting_in_a_yaml_batch_is_that_rows_error(invoke, tmp_path: Path) -> None:
    good = "- education: ged\n  budget: 3000\n  schedule: part-time\n"
    lists = "- education: " + "[" * 100_000 + "x" + "]" * 100_000 + "\n  budget: 1\n"
    mappings = "- {education: " + "{a: " * 1200 + "1" + "}" * 1200 + "}\n"
    cohort = tmp_path / "cohort.yaml"
    cohort.write_text(good + good + lists + good + mappings + good)
    result = invoke("plan", "--batch", str(cohort))
    assert result.code == 1
    errors = result.err.splitlines()
    assert errors[0].endswith("row 3 (line 7): is nested more than 1,000 levels deep")
    assert errors[1].endswith("row 5 (line 12): is nested more than 1,000 levels deep")
    assert "2 of 6 rows had no plan" in errors[2]
    assert len(plans(result.out)) == 4  # the good rows, before, between and after


def test_deep_nesting_is_that_rows_error_with_the_pure_python_parser_too(
    invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where PyYAML has no libyaml, its own parser reads the batch: it stops at 250 levels of
    brackets (past them its time grows with the square of the depth)."""
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader")
    good = "- education: ged\n  budget: 3000\n  schedule: part-time\n"
    lists = "- education: " + "[" * 2_000 + "x" + "]" * 2_000 + "\n  budget: 1\n"
    cohort = tmp_path / "cohort.yaml"
    cohort.write_text(good + lists + good)
    result = invoke("plan", "--batch", str(cohort))
    assert result.code == 1
    errors = result.err.splitlines()
    assert errors[0].endswith("row 2 (line 4): is nested more than 250 levels deep")
    assert "1 of 3 rows had no plan" in errors[1]
    assert len(plans(result.out)) == 2


# --- 12: clearer messages -------------------------------------------------------------------------


def test_a_budget_of_minus_zero_is_zero(invoke) -> None:
    result = invoke(*PLAN[:4], "-0", *PLAN[5:], "--no-save", "--json")
    assert result.code == 0
    assert json.loads(result.out)["profile"]["budget"] == 0


def test_a_profile_that_is_a_dangling_link_says_so(invoke, isolated_home: Path) -> None:
    target = isolated_home / "config" / "gone.yaml"
    (isolated_home / "config" / "profile.yaml").symlink_to(target)
    result = invoke("profile", "show")
    assert result.code == 1
    line = one_error_line(result.err)
    assert f"is a link to {target}, which does not exist" in line
    assert "file is missing" not in line


def test_an_unclosed_quote_in_a_csv_is_named(invoke, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text(f'education,budget,schedule\n{GOOD_ROW}\nged,"3000,part-time\n{GOOD_ROW}\n')
    result = invoke("plan", "--batch", str(cohort))
    assert result.code == 1
    first = result.err.splitlines()[0]
    assert "row 2 (line 3)" in first and "closing quote" in first
    assert "Missing" not in result.err
    assert len(plans(result.out)) == 1


# --- 13: a long FAQ query -------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["cost", "zzqx"], ids=["matches", "no-match"])
def test_a_long_faq_query_is_not_echoed_whole(invoke, word: str) -> None:
    query = " ".join([word] * 20_000)
    result = invoke("--no-pager", "faq", query)
    assert len(result.out) + len(result.err) < 20_000
    assert (word + " ") in result.out + result.err
