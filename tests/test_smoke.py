"""The package installs, reports its version and checks its bundled data."""

from __future__ import annotations

import json


def test_version_from_installed_command(run_installed) -> None:
    result = run_installed("--version")
    assert result.code == 0
    assert result.out.startswith("bcareer ")


def test_data_check_json_lists_every_file(invoke) -> None:
    result = invoke("data", "check", "--json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert {entry["file"] for entry in payload["files"]} >= {"certifications.yaml", "faq.yaml"}
    assert any(item["record"] == "CPB" for item in payload["newer_figures"])
