"""Planning throughput: how long one plan takes in-process, for batches of many people.

Run from the repository with the venv that has bcareer installed:

    python bench/plans.py              # 5 rounds of 120 profiles
    python bench/plans.py --rounds 11

Each round plans the same 120 profiles (every schedule, budgets from $0 to $19,500) and turns
each plan into its JSON form, as `plan --batch` does; the report is the median time per plan
over the rounds, and what that means for 10,000 people. It was once an assert in the test suite
(under 5 ms a plan; 0.25 to 0.5 ms measured); a timing belongs in a benchmark to read, not in a
test that a busy machine can fail. CI does not run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from billing_career.knowledge.serialize import to_json
from billing_career.planning.load import load_knowledge
from billing_career.planning.planner import planner_for
from billing_career.planning.profile import CHOICES, build_profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds to take the median of")
    options = parser.parse_args()

    planner = planner_for(load_knowledge())
    profiles = [
        build_profile(
            {
                "education": "ged",
                "budget": budget,
                "schedule": schedule,
                "start": dt.date(2026, 1, 5),
            }
        )
        for budget in range(0, 20_000, 500)
        for schedule in CHOICES["schedule"]
    ]
    to_json(planner.plan(profiles[0]))  # warm: rules compiled, lazy imports done
    per_plan = []
    for _ in range(options.rounds):
        start = time.perf_counter()
        for profile in profiles:
            to_json(planner.plan(profile))
        per_plan.append((time.perf_counter() - start) / len(profiles))
    median = statistics.median(per_plan)
    print(f"{len(profiles)} profiles x {options.rounds} rounds")
    print(f"per plan:      {median * 1000:.3f} ms (median; min {min(per_plan) * 1000:.3f} ms)")
    print(f"10,000 plans:  {median * 10_000:.1f} s in one process")


if __name__ == "__main__":
    main()
