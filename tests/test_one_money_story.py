"""Plan, cost, aid, report and what-if say the same money (what a workforce counselor and a
second reader found): each run as the person or the counselor runs it, the text and the JSON."""

from __future__ import annotations

import json
from typing import Any

from plan_runs import flat, text_and_json

START = "2026-12-14"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "80"}

# --- 1. A program the plan makes optional: `cost` and `aid` price it as the plan does ----------

BILLER = ("--education", "associate", "--budget", "500", "--experience-years", "10")
BILLER_PLAN = (*BILLER, "--schedule", "full-time", "--goal", "advancement", "--current-pay", "22/h")


def test_cost_and_aid_price_an_optional_program_as_the_plan_does(invoke: Any) -> None:
    text, plan = text_and_json(invoke, START, TEXT_ENV, *BILLER_PLAN)
    program = plan["recommendations"]["program"]
    assert (program["id"], program["optional"]) == ("online-self-paced", True)
    total = plan["cost"]["total"]
    assert (total["min"], total["max"]) == (130, 375)
    assert "Program: Online Self-Paced (optional for you)" in text
    assert "Total cost: $130-$375" in text
    path = ("--program", program["id"], "--cert", plan["recommendations"]["certification"]["code"])
    # With the plan's answers: the plan's price, and the price with the training beside it.
    priced = json.loads(invoke("cost", *path, *BILLER, "--json").out)
    assert priced["total"] == total
    assert priced["items"] == plan["cost"]["items"]
    assert priced["money"]["left_to_pay"] == {"min": 130.0, "max": 375.0}
    assert priced["optional_training"] == {
        "program": "online-self-paced",
        "name": "Online Self-Paced",
        "with_training": {"min": 680, "max": 2525},
    }
    shown = invoke("cost", *path, *BILLER, env=TEXT_ENV)
    assert shown.code == 0, shown.err
    out = flat(shown.out)
    assert "What it costs: no training (Online Self-Paced optional), CHFP exam" in out
    assert (
        "Online Self-Paced training is optional for you: your billing experience lets you take "
        "the exam without it, so its tuition and fees are left out, as your plan leaves them "
        "out. With it this path would cost $680-$2,525 instead of $130-$375." in out
    )
    assert "Tuition" not in out
    # `aid` for the same answers and path: the same.
    view = json.loads(invoke("aid", *path, *BILLER, "--json").out)
    assert view["money"]["total"] == {"min": 130, "max": 375}
    assert view["optional_training"] == priced["optional_training"]
    out = flat(invoke("aid", *path, *BILLER, env=TEXT_ENV).out)
    assert "Path: no training program (online-self-paced optional), CHFP exam" in out
    assert "With it this path would cost $680-$2,525 instead of $130-$375." in out
    # Without the experience nothing is optional: the program is priced whole, as before.
    whole = json.loads(invoke("cost", *path, "--json").out)
    assert (whole["total"]["min"], whole["total"]["max"]) == (680, 2525)
    assert whole["optional_training"] is None
    assert "optional" not in flat(invoke("cost", *path, env=TEXT_ENV).out)
