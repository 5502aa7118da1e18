"""A whole cohort through `plan --batch` and through `report`, against `python -c pass`.

Run from the repository with the venv that has bcareer installed:

    python bench/batch.py                  # 10,000 rows, 3 rounds
    python bench/batch.py --rows 2000 --rounds 5

Each round runs `python -c pass`, then each command on the same generated CSV (varied people:
every education, budget band, schedule and goal, aid answers, current pay), one after the other,
so a busy machine slows both sides of a ratio alike. It prints each round's ratios and their
medians, the CPU time of each run (the command and its workers: steadier than the wall time on
a shared machine), and the load average before and after (the goal: each command within 300x
`python -c pass` for 10,000 rows on 2 cores). CI does not run it: a timing belongs in a
benchmark to read, not in a test that a busy machine can fail.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = (
    "id",
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
    "job-seeker",
    "current-pay",
)


def write_cohort(path: Path, rows: int, seed: int = 7) -> None:
    """rows varied clients, the same for the same seed."""
    pick = random.Random(seed).choice
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for index in range(rows):
            writer.writerow(
                (
                    f"c{index + 1:05d}",
                    pick(("none", "ged", "high-school", "some-college", "associate", "bachelor")),
                    pick((0, 500, 1500, 3000, 6000, 12000)),
                    pick(("full-time", "part-time", "flexible")),
                    pick(("online", "in-person", "either")),
                    pick((0, 0, 0, 1, 3)),
                    pick(("", "customer-service", "insurance,data-entry")),
                    pick(("quick-entry", "comprehensive", "advancement")),
                    pick(("yes", "no")),
                    pick(("yes", "no")),
                    pick(("yes", "no")),
                    pick(("yes", "no", "")),
                    pick(("", "30000", "17/h", "60000")),
                )
            )


def timed(command: list[str]) -> float:
    return timed_cpu(command)[0]


def timed_cpu(command: list[str]) -> tuple[float, float]:
    """The wall time of a run, and the CPU time of it and its workers (user and system): on a
    shared machine the CPU time moves less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Bad rows exit 1 by design; anything else is a broken run, not a time.
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-400:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="clients in the cohort")
    parser.add_argument("--rounds", type=int, default=3, help="rounds to take the median of")
    options = parser.parse_args()
    bcareer = shutil.which("bcareer", path=str(Path(sys.executable).parent)) or "bcareer"
    with tempfile.TemporaryDirectory() as folder:
        cohort = Path(folder) / "cohort.csv"
        write_cohort(cohort, options.rows)
        commands = {
            "plan --batch": [
                bcareer,
                "plan",
                "--batch",
                str(cohort),
                "--start",
                "2027-01-04",
                "--output",
                str(Path(folder) / "plans.jsonl"),
                "--force",
            ],
            "report": [
                bcareer,
                "report",
                str(cohort),
                "--start",
                "2027-01-04",
                "--output",
                str(Path(folder) / "caseload.json"),
                "--force",
            ],
        }
        floor = [sys.executable, "-c", "pass"]
        for command in commands.values():  # warm: bytecode and the knowledge-base cache
            timed([*command[:2], "--help"])
        print(f"load average before: {os.getloadavg()}")
        ratios: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(1, options.rounds + 1):
            for name, command in commands.items():
                # The floor is a few ms: its median of five, taken just before, steadies it.
                base = statistics.median(timed(floor) for _ in range(5))
                spent, cpu = timed_cpu(command)
                ratios[name].append(spent / base)
                print(
                    f"round {round_number}: {name}: {spent:.2f} s, python -c pass "
                    f"{base * 1000:.0f} ms, ratio {spent / base:.0f}x; CPU {cpu:.2f} s "
                    f"({cpu / options.rows * 1000:.2f} ms a row, workers and parent)"
                )
        print(f"load average after: {os.getloadavg()}")
        for name, values in ratios.items():
            print(
                f"{name}: {options.rows:,} rows, median ratio {statistics.median(values):.0f}x "
                f"python -c pass (goal: 300x)"
            )


if __name__ == "__main__":
    main()
