"""The plan's computation alone: CPU time a row of make_plan, full and brief, for a batch's cohort.

Run from the repository with the venv that has bcareer installed:

    python bench/plan_compute.py                 # 3,000 rows, best of 3 rounds
    python bench/plan_compute.py --rows 10000 --rounds 5

The rows are bench/batch.py's cohort (the same generator and seed), read and turned into
profiles before the clock starts: what is timed is make_plan only, as `plan --batch` (full) and
`report` (brief) call it, without the JSON line, the file or the workers. Each round plans every
row once, in one process; the figure is the best round's CPU time a row (the least disturbed by
other work on a shared machine), with the collector on, as a batch runs. CI does not run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from batch import write_cohort  # bench/batch.py, beside this file

from billing_career.planning.batch import ID_COLUMN, read_rows
from billing_career.planning.load import load_knowledge
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import profile_from_flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000, help="clients in the cohort")
    parser.add_argument("--rounds", type=int, default=3, help="rounds to take the best of")
    options = parser.parse_args()

    kb = load_knowledge()
    today = dt.date(2026, 12, 7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cohort.csv"
        write_cohort(path, options.rows)
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(read_rows(stream, "csv", str(path)))
    profiles = [
        profile_from_flags(
            {key: value for key, value in row.answers.items() if key != ID_COLUMN}, today=today
        )
        for row in rows
    ]
    for brief in (False, True):
        best = float("inf")
        for _ in range(options.rounds):
            start = time.process_time()
            for profile in profiles:
                make_plan(kb, profile, today=today, brief=brief)
            best = min(best, time.process_time() - start)
        name = "brief (report)" if brief else "full (plan --batch)"
        print(f"make_plan, {name}: {best / len(profiles) * 1000:.3f} ms CPU a row")


if __name__ == "__main__":
    main()
