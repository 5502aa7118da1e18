"""`bcareer plan --batch`: a cohort from CSV or YAML, one plan per line, the same plans as single
runs, bad rows reported and skipped, output written atomically."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from billing_career.planning import batch
from billing_career.planning.load import load_knowledge

START = "2026-01-05"

# Varied people: every education, schedule and goal, both boolean spellings, a background list,
# experience, a start of their own, and one with only the required answers.
SAMPLE: list[dict[str, str]] = [
    {"education": "ged", "budget": "3000", "schedule": "part-time"},
    {
        "education": "high-school",
        "budget": "1,500",
        "schedule": "full-time",
        "learning": "online",
        "remote": "yes",
        "background": "customer-service,data-entry",
    },
    {
        "education": "bachelor",
        "budget": "$12000",
        "schedule": "flexible",
        "goal": "advancement",
        "experience-years": "3",
        "veteran": "true",
        "employer-sponsor": "no",
    },
    {
        "education": "none",
        "budget": "0",
        "schedule": "part-time",
        "veteran": "false",
        "start": "2026-09-01",
    },
    {
        "education": "some-college",
        "budget": "800",
        "schedule": "full-time",
        "goal": "comprehensive",
        "learning": "in-person",
        "employer-sponsor": "yes",
        "background": "insurance",
    },
    {
        "education": "associate",
        "budget": "5000",
        "schedule": "flexible",
        "experience-years": "1",
        "remote": "no",
        "background": "healthcare-office,accounting",
    },
]
COLUMNS = [
    "education",
    "budget",
    "schedule",
    "learning",
    "experience-years",
    "background",
    "goal",
    "veteran",
    "employer-sponsor",
    "remote",
    "start",
]
BOOLEANS = {"veteran", "employer-sponsor", "remote"}


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_yaml(path: Path, rows: list[dict[str, str]]) -> Path:
    """A YAML list of mappings, written as a person would: snake_case keys, lists for
    background, plain (unquoted) scalars."""
    lines = ["# a cohort"]
    for row in rows:
        first = True
        for key, value in row.items():
            name = key.replace("-", "_")
            shown = f"[{value}]" if key == "background" else value
            lines.append(f"{'- ' if first else '  '}{name}: {shown}")
            first = False
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def single_run_args(row: dict[str, str]) -> list[str]:
    args = ["plan", "--no-input", "--no-save", "--json"]
    for key, value in row.items():
        if key in BOOLEANS:
            yes = value.lower() in {"yes", "true"}
            args.append(f"--{key}" if yes else f"--no-{key}")
        else:
            args += [f"--{key}", value]
    if "start" not in row:
        args += ["--start", START]
    return args


def lines_of(text: str) -> list[str]:
    assert text == "" or text.endswith("\n")
    return text.splitlines()


@pytest.fixture
def cohort_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "cohort.csv", SAMPLE)


# --- the same plans as single runs --------------------------------------------------------------


def test_each_line_is_the_single_run_plan_compacted(invoke, cohort_csv: Path) -> None:
    result = invoke("plan", "--batch", str(cohort_csv), "--start", START)
    assert result.code == 0, result.err
    assert result.err == ""
    lines = lines_of(result.out)
    assert len(lines) == len(SAMPLE)
    for row, line in zip(SAMPLE, lines, strict=True):
        single = invoke(*single_run_args(row))
        assert single.code == 0, single.err
        expected = json.loads(single.out)
        assert json.loads(line) == expected
        # Byte for byte: the single run's JSON, same keys in the same order, on one line.
        assert json.dumps(expected, separators=(",", ":")) == line
        assert "\n" not in line


def test_answers_are_read_like_flags(invoke, cohort_csv: Path) -> None:
    result = invoke("plan", "--batch", str(cohort_csv), "--start", START)
    profiles = [json.loads(line)["profile"] for line in lines_of(result.out)]
    assert profiles[0]["learning"] == "either"  # omitted: the documented default
    assert profiles[0]["experience_years"] == 0
    assert profiles[0]["veteran"] is False
    assert profiles[0]["start"] == START  # --start for rows that give none
    assert profiles[1]["budget"] == 1500
    assert profiles[1]["remote"] is True
    assert profiles[1]["background"] == ["customer-service", "data-entry"]
    assert profiles[2]["budget"] == 12000
    assert profiles[2]["experience_years"] == 3
    assert (profiles[2]["veteran"], profiles[2]["employer_sponsor"]) == (True, False)
    assert profiles[3]["start"] == "2026-09-01"  # a row's own start wins


def test_yaml_gives_the_same_lines_as_csv(invoke, cohort_csv: Path, tmp_path: Path) -> None:
    from_csv = invoke("plan", "--batch", str(cohort_csv), "--start", START)
    cohort_yaml = write_yaml(tmp_path / "cohort.yaml", SAMPLE)
    assert "experience_years: 3" in cohort_yaml.read_text()
    from_yaml = invoke("plan", "--batch", str(cohort_yaml), "--start", START)
    assert from_yaml.code == 0, from_yaml.err
    assert from_yaml.out == from_csv.out


def test_yaml_one_document_per_profile(invoke, tmp_path: Path) -> None:
    docs = tmp_path / "people.yml"
    docs.write_text(
        "education: ged\nbudget: 3000\nschedule: part-time\nveteran: yes\n---\n"
        "education: bachelor\nbudget: 9000\nschedule: full-time\nveteran: no\n",
        encoding="utf-8",
    )
    listed = tmp_path / "people.csv"
    write_csv(
        listed,
        [
            {"education": "ged", "budget": "3000", "schedule": "part-time", "veteran": "yes"},
            {"education": "bachelor", "budget": "9000", "schedule": "full-time", "veteran": "no"},
        ],
    )
    from_docs = invoke("plan", "--batch", str(docs), "--start", START)
    assert from_docs.code == 0, from_docs.err
    assert from_docs.out == invoke("plan", "--batch", str(listed), "--start", START).out
    assert [json.loads(line)["profile"]["veteran"] for line in lines_of(from_docs.out)] == [
        True,
        False,
    ]


def test_explain_adds_the_rules_as_the_single_run_does(invoke, cohort_csv: Path) -> None:
    result = invoke("plan", "--batch", str(cohort_csv), "--start", START, "--explain")
    first = json.loads(lines_of(result.out)[0])
    single = invoke(*single_run_args(SAMPLE[0]), "--explain")
    assert "explain" in first
    assert first == json.loads(single.out)


# --- bad rows, bad files --------------------------------------------------------------------------


def test_bad_rows_are_reported_and_skipped(invoke, tmp_path: Path) -> None:
    rows = [
        SAMPLE[0],
        {"education": "phd", "budget": "3000", "schedule": "part-time"},
        {"education": "ged", "budget": "-200", "schedule": "part-time"},
        SAMPLE[1],
        {"education": "ged", "budget": "3000", "schedule": "part-time", "veteran": "maybe"},
        {"education": "", "budget": "3000", "schedule": "part-time"},
    ]
    path = write_csv(tmp_path / "intake.csv", rows)
    result = invoke("plan", "--batch", str(path), "--start", START)
    assert result.code == 1
    assert "Traceback" not in result.err
    errors = result.err.splitlines()
    assert len(errors) == 5  # one per bad row, then the count
    assert errors[0].startswith(
        f"Error: {path} row 2 (line 3): Invalid --education: Unknown education 'phd'."
    )
    assert errors[1].startswith(f"Error: {path} row 3 (line 4): Invalid --budget:")
    assert "negative" in errors[1]
    assert errors[2].startswith(f"Error: {path} row 5 (line 6): Invalid --veteran:")
    assert errors[3] == (
        f"Error: {path} row 6 (line 7): Missing education. Every row needs "
        "education, budget and schedule."
    )
    assert errors[4] == "Error: 4 of 6 rows had no plan; the other 2 were planned."
    planned = [json.loads(line)["profile"]["education"] for line in lines_of(result.out)]
    assert planned == ["ged", "high-school"]


@pytest.mark.parametrize("content", ["", "\n", "\ufeff"], ids=["empty", "blank-line", "bom"])
@pytest.mark.parametrize("suffix", [".csv", ".yaml"])
def test_an_empty_file_plans_nothing(invoke, tmp_path: Path, content: str, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_text(content, encoding="utf-8")
    result = invoke("plan", "--batch", str(path))
    assert result.code == 0
    assert result.out == ""
    assert result.err == f"Note: {path} holds no profiles; nothing was planned.\n"


def test_a_header_only_csv_plans_nothing(invoke, tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("education,budget,schedule\n", encoding="utf-8")
    result = invoke("plan", "--batch", str(path), "--output", str(tmp_path / "out.jsonl"))
    assert result.code == 0
    assert result.out == ""
    assert result.err == f"Note: {path} holds no profiles; nothing was planned.\n"
    assert (tmp_path / "out.jsonl").read_text() == ""  # an empty result is still a result


def test_blank_lines_and_empty_cells_are_not_people(invoke, tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(
        "education,budget,schedule,,\nged,3000,part-time,,\n\n,,,,\nbachelor,-1,full-time,,\n",
        encoding="utf-8",
    )
    result = invoke("plan", "--batch", str(path), "--start", START)
    assert len(lines_of(result.out)) == 1
    # The bad row is the second person, on the fifth line of the file.
    assert f"{path} row 2 (line 5): Invalid --budget" in result.err


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("education,budgt,schedule", "Unknown column 'budgt'. Did you mean 'budget'?"),
        (
            "education,budget,schedule,experience-years,experience_years",
            "columns 'experience-years' and 'experience_years' are the same answer.",
        ),
    ],
    ids=["unknown", "twice"],
)
def test_a_bad_header_is_a_usage_error(invoke, tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "cohort.csv"
    path.write_text(f"{header}\nged,3000,part-time\n", encoding="utf-8")
    result = invoke("plan", "--batch", str(path))
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert message in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--batch", "cohort.txt"], "Cannot tell the format of cohort.txt."),
        # Where it looked and what to do, not only that it is missing.
        (["--batch", "missing.csv"], "Batch file not found: missing.csv (looked in "),
        (["--batch", "missing.csv"], "Check the name, or create it: a CSV with a header row"),
        (
            ["--batch", "cohort.csv", "--education", "ged"],
            "--batch takes each person's answers from cohort.csv: leave out --education.",
        ),
        (["--output", "plans.jsonl"], "--output goes with --batch FILE."),
        (["--batch", "cohort.csv", "--start", "soon"], "Invalid --start"),
    ],
    ids=["format", "missing", "missing-what-to-do", "flags", "output-alone", "start"],
)
def test_usage_errors(
    invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    write_csv(tmp_path / "cohort.csv", SAMPLE[:1])
    (tmp_path / "cohort.txt").write_text("education\nged\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("plan", *args)
    assert result.code == 2
    assert result.err.startswith("Error: ")
    assert message in result.err
    assert result.err.count("\n") == 1


def test_broken_yaml_stops_with_its_line(invoke, tmp_path: Path) -> None:
    path = tmp_path / "cohort.yaml"
    path.write_text(
        "- education: ged\n  budget: 3000\n  schedule: part-time\n- education: [unclosed\n",
        encoding="utf-8",
    )
    result = invoke("plan", "--batch", str(path), "--output", str(tmp_path / "p.jsonl"))
    assert result.code == 2
    assert "not valid YAML at line" in result.err
    assert not (tmp_path / "p.jsonl").exists()  # a batch that stopped leaves no output file


def test_yaml_rows_that_are_not_answers(invoke, tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(
        "- just a sentence\n"
        "- education: ged\n  budget: 3000\n  schedule: part-time\n  budget: 4000\n"
        "- education: ged\n  budget: 3000\n  schedule: part-time\n  hobby: chess\n"
        "- &a {education: ged, budget: 3000, schedule: part-time}\n"
        "- {education: ged, budget: 3000, schedule: part-time, background: *a}\n",
        encoding="utf-8",
    )
    result = invoke("plan", "--batch", str(path), "--start", START)
    assert result.code == 1
    assert len(lines_of(result.out)) == 1
    errors = result.err.splitlines()
    assert "row 1 (line 1): expected a mapping of answers" in errors[0]
    assert "row 2 (line 2): budget: given twice" in errors[1]
    assert "row 3 (line 6): Unknown answer 'hobby'." in errors[2]
    assert "row 5 (line 11): background: aliases (*name) are not allowed" in errors[3]


def test_csv_with_semicolons_and_a_byte_order_mark(invoke, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffeducation;budget;schedule\nged;3000;part-time\n".encode())
    result = invoke("plan", "--batch", str(path), "--start", START)
    assert result.code == 0, result.err
    assert json.loads(result.out)["profile"]["education"] == "ged"


# --- --output ------------------------------------------------------------------------------------


def test_output_is_private_and_not_overwritten_without_force(
    invoke, cohort_csv: Path, tmp_path: Path
) -> None:
    target = tmp_path / "plans.jsonl"
    first = invoke("plan", "--batch", str(cohort_csv), "--start", START, "--output", str(target))
    assert first.code == 0, first.err
    assert first.out == ""
    assert first.err == f"Wrote {len(SAMPLE)} plans to {target}\n"
    assert target.stat().st_mode & 0o777 == 0o600  # it holds people's answers
    assert len(target.read_text().splitlines()) == len(SAMPLE)

    target.write_text("keep me\n")
    again = invoke("plan", "--batch", str(cohort_csv), "--output", str(target))
    assert again.code == 2
    assert "already exists" in again.err
    assert target.read_text() == "keep me\n"
    forced = invoke(
        "plan", "--batch", str(cohort_csv), "--start", START, "--output", str(target), "--force"
    )
    assert forced.code == 0
    assert target.read_text().splitlines() == lines_of(
        invoke("plan", "--batch", str(cohort_csv), "--start", START).out
    )


def test_interrupted_batch_leaves_no_partial_output(
    invoke, cohort_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plans.jsonl"
    target.write_text("the old file\n")
    planned = 0
    original = batch.plan_row

    def interrupted_on_third(*args: object) -> str:
        nonlocal planned
        planned += 1
        if planned == 3:
            raise KeyboardInterrupt
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "plan_row", interrupted_on_third)
    result = invoke("plan", "--batch", str(cohort_csv), "--output", str(target), "--force")
    assert result.code == 130
    assert target.read_text() == "the old file\n"  # whole, not two plans and a half
    assert [path.name for path in folder.iterdir()] == ["plans.jsonl"]  # no temp file left


# --- streaming and processes ----------------------------------------------------------------------


def generated_rows(count: int, read: list[int], bad_every: int = 50) -> Iterator[batch.Row]:
    """count varied rows, one in bad_every with a budget that is not a number; each index
    read is added to read."""
    educations = ("ged", "high-school", "bachelor", "none", "associate", "some-college")
    for index in range(count):
        read.append(index)
        budget = str(300 + index * 97 % 9000) if index % bad_every != 7 else "lots"
        yield batch.Row(
            index + 1,
            index + 2,
            {
                "education": educations[index % len(educations)],
                "budget": budget,
                "schedule": ("part-time", "full-time", "flexible")[index % 3],
                "remote": "yes" if index % 4 == 0 else "no",
            },
        )


def test_rows_stream_through_one_at_a_time() -> None:
    kb = load_knowledge()
    read: list[int] = []
    rows_read_at_write: list[int] = []
    batch.run_batch(
        kb,
        generated_rows(20, read),
        lambda line: rows_read_at_write.append(len(read)),
        lambda error: None,
        batch.Options(start=START),
        "gen",
    )
    # Each plan is written before the next row is read.
    assert rows_read_at_write[:5] == [1, 2, 3, 4, 5]


def test_processes_give_the_same_output_in_the_same_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # Smaller chunks, the same shape: five full chunks and a short one, more than the workers
    # take at once, so ordering and the bounded read-ahead are proven on 83 rows, not 323.
    monkeypatch.setattr(batch, "CHUNK_ROWS", 16)
    kb = load_knowledge()
    count = batch.CHUNK_ROWS * 5 + 3
    outputs = []
    for workers in (1, 2):
        read: list[int] = []
        lines: list[str] = []
        errors: list[str] = []
        reads_at_first_write: list[int] = []

        def write(
            line: str,
            lines: list[str] = lines,
            read: list[int] = read,
            first: list[int] = reads_at_first_write,
        ) -> None:
            if not first:
                first.append(len(read))
            lines.append(line)

        summary = batch.run_batch(
            kb,
            generated_rows(count, read),
            write,
            lambda error, errors=errors: errors.append(str(error)),
            batch.Options(start=START),
            "gen",
            workers=workers,
        )
        assert summary.rows == count
        assert summary.failed == len(errors) == len(range(7, count, 50))
        # Reading stays a bounded number of rows ahead of writing.
        assert reads_at_first_write[0] <= batch.CHUNK_ROWS * batch.TASKS_PER_WORKER * workers
        # Workers write a chunk's lines at once: the same text, in the same order.
        outputs.append(("".join(lines), errors))
    assert outputs[0] == outputs[1]
    assert "gen row 8 (line 9): Invalid --budget" in outputs[0][1][0]


class _FakeLibc:
    """A C library whose mallopt records what it is asked, and takes what `takes` allows."""

    def __init__(self, takes: set[int]) -> None:
        self.takes = takes
        self.asked: list[tuple[int, int]] = []

    @property
    def mallopt(self) -> object:
        def mallopt(option: int, value: int) -> int:
            self.asked.append((option, value))
            return 1 if option in self.takes else 0

        return mallopt


@pytest.mark.parametrize(
    ("takes", "asked"),
    [
        # glibc (64-bit): blocks under 32 MB from the heap, then its free top kept.
        ({-3, -1}, [(-3, 32 * 1024 * 1024), (-1, 256 * 1024 * 1024)]),
        # A glibc that refuses the first (32-bit: 512 KB at most): a trim threshold alone
        # would make it worse, so it is not set.
        ({-1}, [(-3, 32 * 1024 * 1024)]),
    ],
)
def test_workers_ask_malloc_to_keep_freed_memory(
    monkeypatch: pytest.MonkeyPatch, takes: set[int], asked: list[tuple[int, int]]
) -> None:
    import ctypes

    libc = _FakeLibc(takes)
    monkeypatch.setattr(ctypes, "CDLL", lambda name, *args, **kwargs: libc)
    batch._keep_freed_memory()
    assert libc.asked == asked


@pytest.mark.parametrize("libc", ["missing", "without mallopt"])
def test_no_malloc_to_tune_is_no_error(monkeypatch: pytest.MonkeyPatch, libc: str) -> None:
    """Without glibc's mallopt (no C library found, or another libc such as musl) a worker
    starts all the same: nothing is asked. (Called here, not in a pool: a pool whose
    initializer fails starts workers again forever.)"""
    import ctypes

    def no_library(name: object, *args: object, **kwargs: object) -> object:
        if libc == "missing":
            raise OSError("no C library here")
        return object()  # a library without mallopt

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    batch._keep_freed_memory()


def test_workers_tune_malloc_and_parent_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's initializer tunes malloc in each worker; the parent (the caller's own
    process) is never asked."""
    import signal

    called: list[int] = []
    monkeypatch.setattr(batch, "_keep_freed_memory", lambda: called.append(os.getpid()))
    monkeypatch.setattr(batch, "_die_with_parent", lambda: None)
    # A worker's own signal handling, not this process's.
    monkeypatch.setattr(signal, "signal", lambda number, handler: None)
    batch._quiet_worker()
    assert called == [os.getpid()]
    called.clear()
    lines: list[str] = []
    monkeypatch.setattr(batch, "CHUNK_ROWS", 8)
    batch.run_batch(
        load_knowledge(),
        generated_rows(20, []),
        lines.append,
        lambda error: None,
        batch.Options(start=START),
        "gen",
        workers=2,
    )
    assert len(lines) > 1
    assert os.getpid() not in called  # in the workers (if at all), not here


def test_small_files_plan_in_one_process() -> None:
    assert batch.workers_for(2_000) == 1
    if sys.platform.startswith("linux"):
        expected = max(1, min(len(os.sched_getaffinity(0)), 4))
    else:  # only fork shares the loaded knowledge base for free
        expected = 1
    assert batch.workers_for(10_000_000) == expected


# --- a person watching ----------------------------------------------------------------------------


def test_progress_bar_only_on_a_terminal(invoke, cohort_csv: Path, isolated_home: Path) -> None:
    import pexpect
    from conftest import bcareer_executable

    piped = invoke(
        "plan", "--batch", str(cohort_csv), "--output", str(isolated_home / "piped.jsonl")
    )
    assert piped.code == 0
    assert "Planning" not in piped.err

    env = dict(os.environ, TERM="xterm-256color", NO_COLOR="1")
    target = isolated_home / "watched.jsonl"
    child = pexpect.spawn(
        bcareer_executable(),
        ["plan", "--batch", str(cohort_csv), "--output", str(target)],
        env=env,
        dimensions=(24, 100),
        encoding="utf-8",
        timeout=20,
    )
    child.expect("Planning cohort.csv")
    child.expect(f"Wrote {len(SAMPLE)} plans to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(target.read_text().splitlines()) == len(SAMPLE)


def test_ctrl_c_in_a_large_batch_leaves_no_file_and_no_traceback(tmp_path: Path) -> None:
    """A real SIGINT to the whole process group, as a terminal sends it, while workers plan
    (the file is large enough for several processes where there are several processors)."""
    import signal
    import subprocess

    from conftest import bcareer_executable
    from hardening_tools import wait_until

    rows = [
        {
            "education": ("ged", "bachelor")[index % 2],
            "budget": str(500 + index),
            "schedule": "part-time",
        }
        for index in range(20_000)
    ]
    source = write_csv(tmp_path / "big.csv", rows, ["education", "budget", "schedule"])
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plans.jsonl"
    proc = subprocess.Popen(
        [bcareer_executable(), "plan", "--batch", str(source), "--output", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # Interrupt once plans are being written: the workers are planning, the temp file is open.
    wait_until(
        lambda: any(temp.stat().st_size for temp in folder.glob(".plans.jsonl.*.tmp")),
        "the batch to write its first plans",
        proc,
    )
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert out == ""
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "Interrupted."
    assert list(folder.iterdir()) == []  # neither the plans nor a temp file


def test_lines_reusing_shared_parts_are_plan_line_of_to_json() -> None:
    import datetime as dt

    from billing_career.knowledge.serialize import to_json

    kb = load_knowledge()
    options = batch.Options(start=START, today=dt.date(2026, 1, 5))
    lines = batch.PlanLines()
    read: list[int] = []
    checked = 0
    for row in generated_rows(batch.PlanLines.TRIAL * 2, read):
        try:
            plan = batch.plan_of_row(kb, row, options)
        except Exception:
            continue
        assert lines.line(plan) == batch.plan_line(to_json(plan))
        checked += 1
    assert checked > batch.PlanLines.TRIAL
    assert lines._hits  # some parts were written from the memo


def test_a_row_planned_after_many_others_is_planned_as_the_first() -> None:
    """What a batch keeps from row to row (each path's money and job-ready date, payback
    months, the rules' sentences) changes no line: late rows of a varied cohort give, byte for
    byte, the line they give as the first plan of a knowledge base loaded afresh."""
    import datetime as dt
    import random

    from conftest import DATA

    from billing_career.knowledge.serialize import to_json
    from billing_career.planning.load import build_knowledge

    pick = random.Random(11).choice
    rows = [
        batch.Row(
            index + 1,
            index + 2,
            {
                "education": pick(("none", "ged", "high-school", "some-college", "bachelor")),
                "budget": pick(("0", "500", "1500", "3000", "6000", "12000")),
                "schedule": pick(("full-time", "part-time", "flexible")),
                "learning": pick(("online", "in-person", "either")),
                "experience-years": pick(("0", "0", "1", "3")),
                "goal": pick(("quick-entry", "comprehensive", "advancement")),
                "veteran": pick(("yes", "no")),
                "employer-sponsor": pick(("yes", "no")),
                "remote": pick(("yes", "no")),
                "current-pay": pick(("", "30000", "17/h", "60000")),
            },
        )
        for index in range(120)
    ]
    options = batch.Options(start=START, today=dt.date(2026, 1, 5))
    kb = load_knowledge()
    lines = [batch.plan_row(kb, row, options) for row in rows]
    for row, line in list(zip(rows, lines, strict=True))[-3:]:
        fresh = build_knowledge(DATA)
        assert batch.plan_line(to_json(batch.plan_of_row(fresh, row, options))) == line
