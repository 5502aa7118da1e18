"""Where the CPU of `plan --batch` and `report` goes: each row's work, and the parent's own.

Run from the repository with the venv that has bcareer installed:

    python bench/batch_parent.py                 # 10,000 rows, best of 3
    python bench/batch_parent.py --rows 2000 --rounds 5

On a machine shared with other work the wall time of bench/batch.py moves by half and more;
CPU time moves far less. This prints, for each command on bench/batch.py's cohort (its own
generator, the same rows):

- the row work in one process (plan_json: the plan and its JSON line; facts_and_json_of_row:
  a report row's facts and JSON), CPU ms a row, best of the rounds;
- the whole command run in this process with its workers, as `bcareer` runs it: the parent's
  CPU, split into its main thread (reading, writing, the report's summing and words) and the
  pool's threads (sending rows, receiving results). The parent's work after the workers are
  done is paid in full on the wall clock; the rest shares two cores with the workers.

CI does not run it: a timing belongs in a benchmark to read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from batch import write_cohort  # bench/batch.py's generator: the same rows


def row_work_ms(cohort: Path, work: Callable[..., Any]) -> float:
    """CPU ms a row of work() over the cohort, in this one process."""
    from billing_career.planning.batch import Options, outcomes, read_rows
    from billing_career.planning.load import load_knowledge

    kb = load_knowledge()
    options = Options(start="2027-01-04", today=dt.date(2026, 12, 7))
    start = time.process_time()
    with cohort.open(encoding="utf-8", newline="") as stream:
        done = sum(1 for _ in outcomes(kb, read_rows(stream, "csv", str(cohort)), options, work))
    return (time.process_time() - start) * 1000 / done


def parent_cpu(args: list[str]) -> tuple[float, float, float]:
    """The command run here as bcareer runs it: (the parent's CPU s in all, its main thread's,
    the pool threads')."""
    from billing_career.cli.main import run

    pool: list[float] = []
    original = threading.Thread.run

    def timed(self: threading.Thread) -> None:
        try:
            original(self)
        finally:
            pool.append(time.thread_time())

    threading.Thread.run = timed  # type: ignore[method-assign]
    stdout = sys.stdout
    sys.stdout = io.StringIO()
    start, main = time.process_time(), time.thread_time()
    try:
        run(args)
    except SystemExit:
        pass
    finally:
        sys.stdout = stdout
        threading.Thread.run = original  # type: ignore[method-assign]
    return time.process_time() - start, time.thread_time() - main, sum(pool)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="clients in the cohort")
    parser.add_argument("--rounds", type=int, default=3, help="rounds to take the best of")
    options = parser.parse_args()
    from billing_career.planning.batch import plan_json
    from billing_career.planning.report import facts_and_json_of_row

    with tempfile.TemporaryDirectory() as folder:
        cohort = Path(folder) / "cohort.csv"
        write_cohort(cohort, options.rows)
        small = Path(folder) / "small.csv"
        write_cohort(small, min(options.rows, 2000))
        for name, work in (("plan --batch", plan_json), ("report", facts_and_json_of_row)):
            best = min(row_work_ms(small, work) for _ in range(options.rounds))
            print(f"{name}: row work in one process {best:.3f} ms a row (best of {options.rounds})")
        commands = {
            "plan --batch": ["plan", "--batch", str(cohort), "--output", f"{folder}/p.jsonl"],
            "report": ["report", str(cohort), "--output", f"{folder}/c.json"],
        }
        for name, command in commands.items():
            args = ["--no-pager", *command, "--start", "2027-01-04", "--force"]
            runs = [parent_cpu(args) for _ in range(options.rounds)]
            total, main_thread, threads = min(runs)
            print(
                f"{name}: {options.rows:,} rows, the parent's CPU {total:.2f} s (main thread "
                f"{main_thread:.2f} s, pool threads {threads:.2f} s; best of {options.rounds})"
            )


if __name__ == "__main__":
    main()
