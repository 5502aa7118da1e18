"""Completion offers one name per value, never a value already in the comma list, and the
states of the person's own salary_states.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_help_and_pager import complete

from billing_career.planning.load import load_knowledge
from billing_career.reference.costs import program_choices
from billing_career.reference.salary import STATES_EXAMPLE


def test_program_completion_offers_one_name_per_program(monkeypatch, capsys) -> None:
    offered = complete(monkeypatch, capsys, "bcareer cost --program ").split()
    choices = program_choices(load_knowledge())
    assert offered == [*(choice.id for choice in choices), "none"]
    aliases = {alias for choice in choices for alias in choice.record.aliases}
    assert aliases and not aliases & set(offered)
    assert "associate" in aliases  # still accepted when typed, just not offered


@pytest.mark.parametrize(
    ("line", "left_out"),
    [
        ("bcareer cost --aid wioa,", "wioa"),
        ("bcareer cost --aid wioa,gi-bill,", "gi-bill"),
        ("bcareer plan --background data-entry,", "data-entry"),
        ("bcareer plan --background Data-Entry,", "data-entry"),
    ],
)
def test_a_value_already_in_the_list_is_not_offered_again(
    monkeypatch, capsys, line: str, left_out: str
) -> None:
    offered = [item.rsplit(",", 1)[1] for item in complete(monkeypatch, capsys, line).split()]
    assert offered
    assert left_out not in offered


def test_salary_state_completes_from_the_persons_state_file(
    monkeypatch, capsys, isolated_home: Path
) -> None:
    assert complete(monkeypatch, capsys, "bcareer salary --state ").split() == []
    rows = STATES_EXAMPLE + STATES_EXAMPLE.split("states:\n", 1)[1].replace("TX", "ca")
    (isolated_home / "userdata" / "salary_states.yaml").write_text(rows, encoding="utf-8")
    assert complete(monkeypatch, capsys, "bcareer salary --state ").split() == ["TX", "CA"]
    assert complete(monkeypatch, capsys, "bcareer salary --state c").split() == ["ca"]
    (isolated_home / "userdata" / "salary_states.yaml").write_text("states: [", encoding="utf-8")
    assert complete(monkeypatch, capsys, "bcareer salary --state ").split() == []
