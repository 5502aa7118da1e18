"""Faults a counselor and second readers found, each run as the person runs it (the real command,
the text they read and the JSON): a retake's two cost views, the label of a rule's condition
not met, an exam whose issuer nobody names, an unknown exam's message, and the what-if table's
figures beside the plan's "plan for"."""

from __future__ import annotations

import json
from typing import Any

from plan_runs import flat, plan_args

START = "2027-02-01"
TEXT_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


def _text(invoke: Any, *args: str) -> str:
    result = invoke(*args, env=TEXT_ENV)
    assert result.code == 0, result.err
    return flat(result.out)


def _json(invoke: Any, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


# --- 2. --explain: a condition not met reads as what the rule checked, not as a claim ----------

CPC_HOLDER_RETAKE = (
    "--education",
    "high-school",
    "--budget",
    "800",
    "--schedule",
    "full-time",
    "--credentials",
    "CPC",
    "--failed-exam",
    "CBCS",
)


def test_a_condition_not_met_is_labelled_not_so_in_the_text_and_the_json(invoke: Any) -> None:
    args = plan_args(START, *CPC_HOLDER_RETAKE, "--explain")
    text = _text(invoke, *args)
    # The rule that held says the person sat the CBCS; the one that did not hold says its
    # condition ("a first attempt") is not so, rather than "Failed: ... a first attempt".
    assert "You sat the CBCS exam already" in text
    assert "Not so: this plan's exam is a first attempt for you" in text
    assert "Failed:" not in text
    rules = _json(invoke, *args)["explain"]["rules"]
    not_met = [rule for rule in rules if not rule["fired"]]
    assert not_met and all(rule["why_not"] for rule in not_met)
    # A rule with no sentence of its own gives its condition under the same label.
    bare = [rule["why_not"] for rule in not_met if rule["why_not"].startswith("Not so: ")]
    assert any("this plan's exam is a first attempt for you" in why for why in bare)
    assert not any(rule["why_not"].startswith("Does not apply") for rule in not_met)


# --- 3. An exam whose issuer no source names has no member price, and the header says so -------


def test_an_exam_with_no_named_issuer_is_not_headed_non_member(invoke: Any) -> None:
    for code in ("CHFP", "CMA"):
        path = ("cost", "--program", "none", "--cert", code)
        text = _text(invoke, *path)
        assert f"{code} exam (no member price: the guide names no issuer)" in text
        assert "non-member" not in text
        # The JSON holds the fact the header words: no issuer, no member pricing.
        data = _json(invoke, *path)
        assert data["certification"]["issuer"] is None and data["member"] is False
        overview = _text(invoke, "cost", "--cert", code)
        assert f"cheapest first ({code} exam, no member price: the guide names no issuer)" in (
            overview
        )
    # An exam with a named issuer keeps its member or non-member pricing.
    assert "CPB exam (non-member)" in _text(invoke, "cost", "--program", "none", "--cert", "CPB")
    assert "CMRS exam (member)" in _text(invoke, "cost", "--program", "none", "--cert", "CMRS")
