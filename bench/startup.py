"""Start-up benchmark: bcareer against a bare Typer app (the floor) and against `python -c pass`.

Run from the repository with the venv that has bcareer installed:

    python bench/startup.py            # 21 pairs per comparison
    python bench/startup.py --pairs 41 --only help compare

Each comparison runs its two commands in turn (A B, then B A, ...) and reports the median of the
paired ratios A/B: pairing cancels the drift of a busy machine, the median ignores one slow run.
The knowledge-base cache and the bytecode are warmed first and kept in a temporary folder, so
your own cache, profiles and settings, and the repository, are untouched. This is a benchmark
to read, not a test: CI does not run it.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR_APP = HERE / "floor_app.py"
PLAN_ANSWERS = ("--education", "ged", "--budget", "3000", "--schedule", "part-time")
BATCH_ROWS = 10_000


@dataclass(frozen=True)
class Command:
    """One thing to start: its label, its argv and any environment of its own."""

    label: str
    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Comparison:
    """A against B, with the issue's target for the ratio where it sets one."""

    name: str
    a: Command
    b: Command
    target: float | None = None
    pairs: int | None = None  # fewer for long commands


def bcareer_argv() -> tuple[str, ...]:
    """The installed console script beside this interpreter, as a user would start it."""
    script = Path(sys.executable).with_name("bcareer")
    if script.exists():
        return (str(script),)
    found = shutil.which("bcareer")
    return (found,) if found else (sys.executable, "-m", "billing_career")


def time_once(command: Command, base_env: dict[str, str]) -> float:
    env = {**base_env, **command.env}
    start = time.perf_counter()
    proc = subprocess.run(
        command.argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{command.label} exited {proc.returncode}")
    return elapsed


def works(command: Command, base_env: dict[str, str]) -> str | None:
    """None if the command runs cleanly, else the first line of what it said."""
    proc = subprocess.run(
        command.argv,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**base_env, **command.env},
        check=False,
    )
    if proc.returncode == 0:
        return None
    said = (proc.stderr or proc.stdout).strip().splitlines()
    return said[0] if said else f"exit {proc.returncode}"


def paired_ratios(
    comparison: Comparison, pairs: int, warmup: int, base_env: dict[str, str]
) -> tuple[float, float, float]:
    """Median of A/B over alternating pairs, and the median times of A and B in seconds."""
    for _ in range(warmup):
        time_once(comparison.a, base_env)
        time_once(comparison.b, base_env)
    ratios, a_times, b_times = [], [], []
    for index in range(pairs):
        if index % 2 == 0:
            a_time = time_once(comparison.a, base_env)
            b_time = time_once(comparison.b, base_env)
        else:
            b_time = time_once(comparison.b, base_env)
            a_time = time_once(comparison.a, base_env)
        ratios.append(a_time / b_time)
        a_times.append(a_time)
        b_times.append(b_time)
    return statistics.median(ratios), statistics.median(a_times), statistics.median(b_times)


def write_batch_file(path: Path, rows: int) -> None:
    """A cohort of varied, valid profiles, one per row, in the plan's flag names."""
    educations = ("ged", "high-school", "some-college", "associate", "bachelor")
    schedules = ("part-time", "full-time")
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["education", "budget", "schedule"])
        for index in range(rows):
            writer.writerow(
                [
                    educations[index % len(educations)],
                    500 + (index * 37) % 9000,
                    schedules[index % 2],
                ]
            )


def comparisons(work: Path) -> list[Comparison]:
    python = sys.executable
    bcareer = bcareer_argv()
    baseline = Command("python -c pass", (python, "-c", "pass"))
    floor_table = Command("floor table", (python, str(FLOOR_APP), "table"))
    floor_help = Command("floor --help", (python, str(FLOOR_APP), "--help"))
    compare = Command("bcareer compare CPB CBCS", (*bcareer, "compare", "CPB", "CBCS"))
    help_ = Command("bcareer --help", (*bcareer, "--help"))
    plan = Command(
        "bcareer plan --no-input --json ...",
        (*bcareer, "plan", "--no-input", "--json", *PLAN_ANSWERS),
    )
    # The same comparison with a cache folder that cannot be created: every run reads and
    # validates the YAML (as `data check` always does).
    compare_cold = Command(
        "... with no cache",
        compare.argv,
        {"BCAREER_CACHE_DIR": str(work / "not-a-folder" / "cache")},
    )
    batch_file = work / "cohort.csv"
    batch = Command(
        f"bcareer plan --batch ({BATCH_ROWS:,} rows)",
        (
            *bcareer,
            "plan",
            "--batch",
            str(batch_file),
            "--output",
            str(work / "plans.jsonl"),
            "--force",
        ),
    )
    return [
        Comparison("compare", compare, floor_table, 1.15),
        Comparison("help", help_, floor_help, 1.0),
        Comparison("plan", plan, floor_table, 1.35),
        Comparison("compare", compare, baseline),
        Comparison("help", help_, baseline),
        Comparison("plan", plan, baseline),
        Comparison("floor", floor_table, baseline),
        Comparison("floor", floor_help, baseline),
        Comparison("cache", compare, compare_cold),
        Comparison("batch", batch, baseline, 300.0, pairs=5),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=21, help="A/B pairs per comparison")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs of each first")
    parser.add_argument(
        "--only",
        nargs="*",
        default=None,
        help="comparisons to run: compare help plan floor cache batch",
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bcareer-bench-") as folder:
        work = Path(folder)
        (work / "not-a-folder").write_text("a file where a folder should be\n")
        write_batch_file(work / "cohort.csv", BATCH_ROWS)
        base_env = dict(os.environ)
        for name in ("config", "cache", "userdata"):
            (work / name).mkdir()
            base_env[f"BCAREER_{name.upper()}_DIR"] = str(work / name)
        base_env.pop("BCAREER_DATA_DIR", None)
        base_env["BCAREER_NO_INPUT"] = "1"
        # An installed package has its bytecode compiled; a checkout may not (or may be told not
        # to write it). Compiled files go to a temporary folder so the repository stays as it is.
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        base_env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")

        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; median of paired "
            f"ratios A/B over {options.pairs} pairs (fewer for long commands)"
        )
        print(f"{'A':<44} {'B':<16} {'A/B':>7} {'target':>7}  {'A ms':>7} {'B ms':>6}")
        missing: set[str] = set()
        for comparison in comparisons(work):
            if options.only and comparison.name not in options.only:
                continue
            problem = None
            for command in (comparison.a, comparison.b):
                if command.label in missing:
                    problem = "not available"
                elif (said := works(command, base_env)) is not None:
                    missing.add(command.label)
                    problem = f"not available: {said}"
            if problem:
                print(f"{comparison.a.label:<44} {comparison.b.label:<16} {problem}")
                continue
            pairs = min(options.pairs, comparison.pairs or options.pairs)
            try:
                ratio, a_time, b_time = paired_ratios(comparison, pairs, options.warmup, base_env)
            except RuntimeError as error:  # a command that failed part-way: say so, go on
                print(f"{comparison.a.label:<44} {comparison.b.label:<16} failed: {error}")
                continue
            target = f"<={comparison.target:g}" if comparison.target else ""
            verdict = (
                ""
                if comparison.target is None
                else "  ok"
                if ratio <= comparison.target
                else "  OVER"
            )
            print(
                f"{comparison.a.label:<44} {comparison.b.label:<16} {ratio:7.2f} {target:>7}"
                f"  {a_time * 1000:7.1f} {b_time * 1000:6.1f}{verdict}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
