"""Planning: answers, the rules engine, the planner and its aid verdicts."""
