"""The fast paths of a large batch or report write exactly what the plain paths write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import json
import random
from typing import TYPE_CHECKING, Any

import pytest
from rich.console import Console

from billing_career.errors import BcareerError
from billing_career.planning.batch import Options, Row, plan_json
from billing_career.planning.load import build_knowledge
from billing_career.planning.report import facts_of_row
from billing_career.render.output import indented_json
from billing_career.render.report import _print_lines
from billing_career.render.terminal import SafeConsole, literal

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

_SCALARS = [
    *(None, True, False, 0, -5, 10**20, 1.5, -0.0, 1e300, 7.0),
    *(float("nan"), float("inf"), -float("inf")),
    *("", 'quote " back \\ line\n tab\t nul\x00', "é 名 😀", "plain"),
]


def _value(pick: random.Random, depth: int = 0) -> Any:
    roll = pick.random()
    if depth > 4 or roll < 0.4:
        return pick.choice(_SCALARS)
    if roll < 0.7:
        return [_value(pick, depth + 1) for _ in range(pick.randint(0, 4))]
    if roll < 0.8:
        return tuple(_value(pick, depth + 1) for _ in range(pick.randint(0, 3)))
    keys = ["k", "é", 1, 2.5, True, None, False, "x\ny"]
    return {pick.choice(keys): _value(pick, depth + 1) for _ in range(pick.randint(0, 4))}


def test_indented_json_is_json_dumps_with_indent_2() -> None:
    pick = random.Random(3)
    for _ in range(3000):
        value = _value(pick)
        assert indented_json(value) == json.dumps(value, indent=2)


def test_indented_json_refuses_what_json_dumps_refuses() -> None:
    with pytest.raises(TypeError):
        indented_json({"when": object()})
    with pytest.raises(TypeError):
        indented_json({(1, 2): "a tuple key"})


_LINES = [
    "c00017: Extended Certificate, CBCS; short by $1,200-$3,400; job-ready by March 1, 2027",
    "  First: File the FAFSA (studentaid.gov) and ask each school's aid office whether its "
    "program can get a Pell Grant.",
    "short line",
    "名前 テスト " * 9,
    "a\tb " * 30,
    "x" * 130,
    "[red]not markup[/] and more words here " * 4,
    "a bell\x07 and an escape \x1b[31m in a cell",
    "two  spaces   between words that go on and on past the width of a narrow terminal",
    " leading and trailing spaces that go on and on past the width of a narrow terminal ",
    "word " * 40,
]


@pytest.mark.parametrize("width", [20, 37, 40, 60, 80, 81, 100, 120])
def test_report_lines_are_rich_s_own_wrapping(width: int) -> None:
    pick = random.Random(width)
    lines = [pick.choice(_LINES) for _ in range(60)] + [f"c{n:05d}: word " * 7 for n in range(9)]
    pick.shuffle(lines)

    def console(out: io.StringIO) -> Console:
        return SafeConsole(file=out, width=width, highlight=False, emoji=False, color_system=None)

    fast, plain = io.StringIO(), io.StringIO()
    _print_lines(console(fast), lines)
    console(plain).print(*(literal(line) for line in lines), sep="\n")
    assert fast.getvalue() == plain.getvalue()


# The varied cohort's size: enough people that every shortcut is taken and met again (the
# tests below assert so), few enough that the plain way's plans stay a few seconds.
COHORT = 100


def _cohort(size: int) -> list[Row]:
    """Varied people: every education, budget band, schedule and goal, aid answers, pay."""
    pick = random.Random(23).choice
    return [
        Row(
            index + 1,
            index + 2,
            {
                "education": pick(("none", "ged", "high-school", "some-college", "bachelor")),
                "budget": pick(("0", "500", "1500", "3000", "6000", "12000", "2750")),
                "schedule": pick(("full-time", "part-time", "flexible")),
                "learning": pick(("online", "in-person", "either")),
                "experience-years": pick(("0", "0", "1", "3", "")),
                "background": pick(("", "customer-service", "insurance,data-entry")),
                "goal": pick(("quick-entry", "comprehensive", "advancement")),
                "veteran": pick(("yes", "no", "")),
                "employer-sponsor": pick(("yes", "no")),
                "employer-amount": pick(("", "", "1000")),
                "remote": pick(("yes", "no")),
                "job-seeker": pick(("yes", "no", "")),
                "snap": pick(("yes", "no")),
                "military-spouse": pick(("yes", "no", "no")),
                "current-pay": pick(("", "30000", "17/h", "60000", "16/h")),
                # Where the person stands: each changes the path, its price or its payback.
                "hours-per-week": pick(("", "", "20", "30")),
                "credentials": pick(("", "", "", "CPC", "CBCS")),
                "training-done": pick(("", "", "", "2024", "2016")),
                "failed-exam": pick(("", "", "", "CPB")),
                "in-high-school": pick(("", "", "", "yes")),
                "graduation": pick(("", "2027-06")),
                "age": pick(("", "", "17", "45")),
                "record": pick(("", "", "none", "conviction", "excluded", "prefer-not-to-say")),
                "state": pick(("", "", "TX", "PR", "CA")),
                "disability-services": pick(("", "no", "yes")),
            },
        )
        for index in range(size)
    ]


def _lines(kb: KnowledgeBase, rows: list[Row], work: Any) -> dict[int, str]:
    options = Options(start="2027-01-04", today=dt.date(2026, 12, 7))
    out: dict[int, str] = {}
    for row in rows:
        try:
            out[row.number] = repr(work(kb, row, options))
        except BcareerError as error:
            out[row.number] = f"error: {error}"
    return out


@pytest.mark.parametrize("work", [plan_json, facts_of_row], ids=["plan", "report"])
def test_what_a_batch_keeps_never_gives_a_row_another_row_s_answer(work: Any) -> None:
    """What a batch keeps from row to row (rule results and sentences, aid sources, timelines,
    option rows, answers read from text) is keyed on all it reads: a cohort planned forward and
    backward gives every row the same line, and a row planned first by a knowledge base that
    planned nothing before gives it too."""
    from conftest import DATA

    rows = _cohort(COHORT)
    forward = _lines(build_knowledge(DATA), rows, work)
    backward = _lines(build_knowledge(DATA), rows[::-1], work)
    assert backward == forward
    assert (
        len({line for line in forward.values() if not line.startswith("error")}) > COHORT * 2 // 3
    )
    for row in rows[::50]:
        assert _lines(build_knowledge(DATA), [row], work) == {row.number: forward[row.number]}


def test_stage_two_completed_from_stage_one_is_all_rules_added_up_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stage 2 completes the stage-1 findings when its rules that hold add only warnings and
    actions (RuleEngine._complete): every plan's line is the one adding every rule up again
    gives, and the completion did run for some of the cohort."""
    from conftest import DATA

    from billing_career.planning.rules import RuleEngine

    rows = _cohort(COHORT)
    completed = 0
    complete = RuleEngine._complete

    def counted(self: RuleEngine, *args: Any) -> Any:
        nonlocal completed
        found = complete(self, *args)
        completed += found is not None
        return found

    monkeypatch.setattr(RuleEngine, "_complete", counted)
    fast = _lines(build_knowledge(DATA), rows, plan_json)
    assert completed > COHORT // 3
    monkeypatch.setattr(RuleEngine, "_complete", lambda self, *args: None)
    assert _lines(build_knowledge(DATA), rows, plan_json) == fast


@pytest.mark.parametrize("way", ["spliced", "joined", "json"])
def test_a_batch_line_is_the_plain_json_of_the_plan(
    way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PlanLines reuses the text of parts plans share and writes the rest of a line by one
    orjson call, the kept texts put in their holders' places (spliced); where that cannot be
    (joined: orjson's text would not be json's; json: no orjson), the runs of parts between
    kept texts are written each at once and joined: each line is still json.dumps of
    to_json(plan), byte for byte, for a varied cohort."""
    import importlib.util
    import sys

    from conftest import DATA

    import billing_career.knowledge.serialize as serialize
    from billing_career.knowledge.serialize import to_json
    from billing_career.planning.batch import PlanLines, plan_line, plan_of_row

    if way == "joined":
        monkeypatch.setattr(serialize, "json_bytes_spliced", lambda value, texts: None)
    if way == "json":
        monkeypatch.setattr(serialize, "_FINITE_ENCODE", None)
        monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson fails
    elif importlib.util.find_spec("orjson") is None:
        pytest.skip("orjson is not installed")
    kb = build_knowledge(DATA)
    options = Options(start="2027-01-04", today=dt.date(2026, 12, 7))
    lines = PlanLines()
    planned = 0
    for row in _cohort(COHORT) * 2:
        try:
            plan = plan_of_row(kb, row, options)
        except BcareerError:
            continue
        planned += 1
        assert lines.line(plan) == plan_line(to_json(plan))
    assert planned > COHORT * 4 // 3


def test_json_text_is_json_dumps_of_to_json() -> None:
    """json_text writes a value straight from it (indented: a writer made once per class;
    compact: json's encoder asking only for each record's fields): the very text of
    json.dumps(to_json(value)), indented or compact, for plain values (every
    scalar json.dumps special-cases, any key), dataclasses with skipped, inlined, renamed,
    converted and omitted fields, and what json.dumps refuses. to_json's own code made for a
    class keeps a key given twice where the loop it stands for keeps it."""
    from test_serialize import Inner, Outer

    from billing_career.knowledge.models import Range
    from billing_career.knowledge.serialize import JSON_OMIT_NONE, json_as, json_text, to_json

    @dataclasses.dataclass(frozen=True)
    class Maybe:
        name: str
        note: str | None = dataclasses.field(default=None, metadata=JSON_OMIT_NONE)
        when: dt.date | None = None

    @dataclasses.dataclass(frozen=True)
    class Nothing:
        pass

    @dataclasses.dataclass(frozen=True)
    class Twice:  # two fields under one key: the first one's place, the last one's value
        first: int = dataclasses.field(metadata=json_as(key="k"))
        middle: str
        last: float = dataclasses.field(metadata=json_as(key="k"))

    class Label(str):
        pass

    pick = random.Random(5)
    values: list[Any] = [_value(pick) for _ in range(2000)]
    outer = Outer("x", dt.date(2026, 3, 1), Inner("n", Range(min=1, max=2.5)), 0.1234, ("a",))
    values += [
        outer,
        Inner("a", None),
        [outer, {"k": outer, 3: (Maybe("m"), Maybe("n", "note", dt.date(2027, 1, 2)))}],
        Maybe(Label("label"), Label("")),
        (Nothing(), [Nothing()], {"": Nothing()}),
        [Twice(1, "m", 2.5), Twice(3, "n", 4.0)],
        dt.datetime(2026, 1, 2, 3, 4, 5),
        [True, 1, 1.0, float("nan"), None, "é\n"],
    ]
    for _ in range(2):  # to_json's own code for a class is made at its second value
        assert to_json(Twice(1, "m", 2.5)) == {"k": 2.5, "middle": "m"}
        assert list(to_json(Twice(1, "m", 2.5))) == ["k", "middle"]
    for value in values:
        assert json_text(value, indent=True) == json.dumps(to_json(value), indent=2)
        assert json_text(value) == json.dumps(to_json(value), separators=(",", ":"))
    for bad in ({"when": object()}, {(1, 2): "a tuple key"}, [Inner("x", object())]):
        for indent in (True, False):
            with pytest.raises(TypeError):
                json_text(bad, indent=indent)


def test_a_shared_part_is_known_by_its_own_fields_objects() -> None:
    """PlanLines knows a part met before by its class and the very objects of its fields (a
    frozen dataclass), or by the very tuple (of frozen dataclasses only): parts with other
    objects, of another class, or that may change (a plain dataclass, a list, a tuple holding
    anything else, a class) are never known."""
    from collections import namedtuple

    from billing_career.planning.batch import _identity

    @dataclasses.dataclass(frozen=True)
    class Frozen:
        name: str
        when: tuple[int, ...]

    @dataclasses.dataclass(frozen=True)
    class Twin:
        name: str
        when: tuple[int, ...]

    @dataclasses.dataclass
    class Open:
        name: str

    name, when = "n", (1, 2)
    first = Frozen(name, when)
    assert _identity(first) == _identity(Frozen(name, when))
    assert _identity(first) != _identity(Twin(name, when))
    assert _identity(first) != _identity(Frozen(name, (1, 3)))
    steps = (first, Twin(name, when))
    assert _identity(steps) == (id(steps),)
    pair = namedtuple("pair", "a b")(first, first)
    for never in (Open("n"), Frozen, [first], (first, Open("n")), (), (first, 1), pair, "t", 3):
        assert _identity(never) == ()


def test_json_text_of_finite_is_json_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's lines are written by orjson where it is installed: the very text of json's
    encoder for any value without NaN or infinity (plain values, characters past ASCII and
    past the first 65,536, DEL and control characters, floats large and small, integers past
    64 bits, keys that are not strings, lone surrogates, dataclasses, dates), and json's own
    error for what json refuses; without orjson, json's encoder writes them."""
    import importlib.util
    import sys

    from test_serialize import Inner, Outer

    import billing_career.knowledge.serialize as serialize
    from billing_career.knowledge.models import Range
    from billing_career.knowledge.serialize import json_text, json_text_of_finite

    finite = [value for value in _SCALARS if value not in (float("inf"), -float("inf"))]
    finite = [value for value in finite if value == value]  # no NaN
    scalars = [
        *finite,
        *(1e-4, 5e-05, 1.5e-7, 3e-300, 1e16, 123456789.125, -2.5e-05, 2**63, -(2**64)),
        *("DEL \x7f", "\u2019 \u2028 \x85 \x1f", "lone \ud800", "one-2 e-5", "0.00001"),
    ]
    pick = random.Random(8)

    def value(depth: int = 0) -> Any:
        roll = pick.random()
        if depth > 4 or roll < 0.4:
            return pick.choice(scalars)
        if roll < 0.65:
            return [value(depth + 1) for _ in range(pick.randint(0, 4))]
        if roll < 0.75:
            return tuple(value(depth + 1) for _ in range(pick.randint(0, 3)))
        if roll < 0.85:
            low, high = sorted(pick.sample([0, 1, 2.5, 5e-05, 1e16, 375.5], 2))
            return Inner(pick.choice(["n", "é\x7f"]), Range(min=low, max=high))
        keys = ["k", "é", 1, 2.5, True, None, False, "x\ny"]
        return {pick.choice(keys): value(depth + 1) for _ in range(pick.randint(0, 4))}

    values: list[Any] = [value() for _ in range(3000)]
    values += [
        Outer("x", dt.date(2026, 3, 1), Inner("n", Range(min=1, max=2.5)), 0.1234, ("a",)),
        dt.datetime(2026, 1, 2, 3, 4, 5, 6),
        [dt.date(2027, 1, 4), "😀 \U0010ffff"],
    ]
    bad = ({"when": object()}, {(1, 2): "a tuple key"}, [Inner("x", object())], {1j: 1})
    with_orjson = importlib.util.find_spec("orjson") is not None
    for orjson_there in (True, False) if with_orjson else (False,):
        monkeypatch.setattr(serialize, "_FINITE_ENCODE", None)
        if not orjson_there:
            monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson fails
        for one in values:
            assert json_text_of_finite(one) == json_text(one), one
        for refused in bad:
            with pytest.raises(TypeError):
                json_text_of_finite(refused)


def test_json_text_spliced_is_json_text_with_the_texts_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """json_text_spliced writes a value by orjson with each holder's place given the next kept
    text: the very text of json_text of the value with the kept texts' own values in their
    places (values past ASCII around them, holders in dicts, lists and tuples); None where
    orjson's text of the rest would not be json's (a small float, DEL); without orjson there is
    no holder."""
    import importlib.util
    import sys

    from test_serialize import Inner

    import billing_career.knowledge.serialize as serialize
    from billing_career.knowledge.models import Range
    from billing_career.knowledge.serialize import json_text, json_text_spliced, text_holder

    if importlib.util.find_spec("orjson") is None:
        pytest.skip("orjson is not installed")
    monkeypatch.setattr(serialize, "_FINITE_ENCODE", None)
    holder = text_holder()
    assert holder is not None
    pick = random.Random(9)
    finite = [value for value in _SCALARS if isinstance(value, str) or value == value]
    finite = [value for value in finite if value not in (float("inf"), -float("inf"), 10**20)]

    def value(depth: int = 0) -> Any:
        roll = pick.random()
        if depth > 3 or roll < 0.4:
            return pick.choice(finite)
        if roll < 0.6:
            return [value(depth + 1) for _ in range(pick.randint(0, 4))]
        if roll < 0.7:
            return Inner(pick.choice(["n", "é"]), Range(min=1, max=2.5))
        return {pick.choice(["k", "é", "x\ny", "a"]): value(depth + 1) for _ in range(3)}

    for _ in range(500):
        plain: dict[str, Any] = {}
        held: dict[str, Any] = {}
        texts: list[str] = []
        for number in range(pick.randint(0, 6)):
            part = value()
            plain[f"p{number}"] = part
            if pick.random() < 0.5:
                held[f"p{number}"] = holder
                texts.append(json_text(part))
            else:
                held[f"p{number}"] = part
        assert json_text_spliced(held, texts) == json_text(plain)
        assert json_text_spliced([held, (holder,)], [*texts, "[1]"]) == json_text([plain, ([1],)])
    for rest in (5e-05, 1e-7, "DEL \x7f", ["one-time", 2e-7]):
        assert json_text_spliced({"a": holder, "b": rest}, ["1"]) is None
    assert json_text_spliced({"a": holder, "b": "one-time"}, ["1"]) == '{"a":1,"b":"one-time"}'
    with pytest.raises(ValueError):
        json_text_spliced({"a": holder, "b": holder}, ["1"])
    with pytest.raises(ValueError):
        json_text_spliced({"a": holder}, ["1", "2"])
    assert json_text_spliced({"a": holder, "b": 2**64}, ["1"]) is None  # orjson refuses it
    monkeypatch.setattr(serialize, "_FINITE_ENCODE", None)
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson fails
    assert text_holder() is None
    assert json_text_spliced({"a": 1}, []) is None


def test_no_record_is_also_a_value_json_writes_on_its_own() -> None:
    """Compact json_text leaves strings, numbers, lists, tuples and dicts to json's encoder,
    which never asks for the fields of a record that is also one of them (to_json would write
    them): no dataclass or record of the package is."""
    import importlib
    import pkgutil

    import billing_career

    checked = 0
    for module_info in pkgutil.walk_packages(billing_career.__path__, "billing_career."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            if dataclasses.is_dataclass(value) or hasattr(value, "field_names"):
                checked += 1
                assert not issubclass(value, str | int | float | list | tuple | dict), value
    assert checked > 50


def test_json_text_of_plans_and_of_a_caseload() -> None:
    """A varied cohort's plans (brief, full and explained) and its caseload report: json_text
    is the text --json writes, and the report's JSON file is it too."""
    from conftest import DATA

    from billing_career.knowledge.serialize import json_text, to_json
    from billing_career.planning.batch import plan_line, plan_of_row
    from billing_career.planning.report import Caseload, client_facts
    from billing_career.render.report import to_json_text

    kb = build_knowledge(DATA)
    options = Options(start="2027-01-04", today=dt.date(2026, 12, 7))
    caseload = Caseload()
    for row in _cohort(50):
        try:
            plan = plan_of_row(kb, row, options)
        except BcareerError:
            continue
        for value in (plan, plan.explained()):
            assert json_text(value) == plan_line(to_json(value))
        assert json_text(plan, indent=True) == indented_json(to_json(plan))
        caseload.add(client_facts(plan_of_row(kb, row, options, brief=True), row.client, 1))
    report = caseload.report(dt.date(2026, 12, 7))
    assert len(report.rows) > 35
    assert to_json_text(report) == indented_json(to_json(report)) + "\n"


def test_per_client_lines_keep_nothing_from_another_client() -> None:
    """The per-client lines make each amount's and date's words once for the clients that share
    them, and wrap each first action once: every line is still the client's own words, even
    for amounts equal as numbers but written differently (0 and 0.0, 375 and 375.5)."""
    from billing_career.planning.amounts import MinMax
    from billing_career.planning.report import ClientFacts
    from billing_career.render.report import client_lines, day_text, short_text, span_text

    pick = random.Random(11)
    spans = [MinMax(0, 375.0), MinMax(0.0, 375), MinMax(0, 375.5), MinMax(1200, 1200.0)]
    actions = ["", "File the FAFSA.", "Ask the school's aid office " * 4]
    rows = [
        ClientFacts(
            client=f"c{number}",
            line=number + 1,
            program=None,
            program_name=pick.choice((None, "Short Certificate")),
            certification="CPB",
            blockers=(),
            warnings=(),
            sources=(),
            total_cost=MinMax(0, 0),
            aid_counted=MinMax(0, 0),
            aid_of_newer_figures=MinMax(0, 0),
            you_pay=pick.choice(spans),
            left_to_pay=pick.choice(spans),
            fully_funded=False,
            ready_by=dt.date(2027, pick.randint(1, 12), pick.randint(1, 28)),
            payback_months=None,
            more_pay_now=False,
            payback_not_claimed=False,
            first_action=pick.choice(actions) or None,
        )
        for number in range(300)
    ]
    assert client_lines(rows) == [
        (
            row.client,
            row.program_name or "No program",
            row.certification,
            span_text(row.you_pay),
            short_text(row.left_to_pay),
            # No fee paid up front: no shortfall at first.
            "",
            day_text(row.ready_by),
            row.first_action or "",
        )
        for row in rows
    ]


def _plain_contenders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every allowed path priced in full (what options did before contenders)."""
    from billing_career.planning import options

    monkeypatch.setattr(
        options, "contenders", lambda *args: [options.Candidate(*path) for path in args[-1]]
    )


def _plain_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    """Optional training told from the findings with the aid counted only."""
    from billing_career.planning.rules import RuleEngine

    monkeypatch.setattr(RuleEngine, "holds_flag", lambda self, profile, flag: None)


def _plain_money_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sentence with money words worded afresh."""
    from billing_career.planning.rules_words import RuleWords

    monkeypatch.setattr(RuleWords, "_money_key", lambda self, *args: None)


def _plain_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every missed rule asked for its otherwise sentence."""
    from billing_career.planning.rules import Findings

    def walked(self: Findings, kind: Any, ident: str) -> list[str]:
        return [text for result in self.missed(kind, ident) if (text := self.otherwise(result))]

    monkeypatch.setattr(Findings, "missed_otherwise", walked)


def _plain_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules naming a flag or step found by walking every rule, each time."""
    from billing_career.planning.rules import RuleEngine

    def walked(self: RuleEngine, what: str, name: str) -> tuple[int, ...]:
        return tuple(
            index
            for index in range(len(self._rules))
            if name in getattr(self._rules[index].rule.then, what)
        )

    monkeypatch.setattr(RuleEngine, "setting", walked)


def _plain_conclude(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a rule adds kept from one plan to the next (made again each time it holds)."""
    from billing_career.planning.rules import RuleEngine

    made = RuleEngine._made_of

    def afresh(self: RuleEngine, index: int, because: str) -> Any:
        found = made(self, index, because)
        self._made[index].pop(because, None)
        return found

    monkeypatch.setattr(RuleEngine, "_made_of", afresh)


class _NeverKept(dict[Any, Any]):
    """A memo that keeps nothing."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _plain_money(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every budget, every tuple of sources, what a funding works out of its sources, what is
    left to pay without the conditional aid, and what the aid pays of each program (by the
    very sources), made afresh."""
    from billing_career.planning import money

    monkeypatch.setattr(money, "_BUDGETS", _NeverKept())
    monkeypatch.setattr(money, "_DERIVED", _NeverKept())
    monkeypatch.setattr(money, "_SOURCES", _NeverKept())
    monkeypatch.setattr(money, "_WITHOUT", _NeverKept())
    monkeypatch.setattr(money, "_keep_paid", lambda *args: None)


def _plain_money_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every source set against a path made afresh from the whole (no step of with_path kept:
    the path's shape, a source before its share, the shares, a source with its share), every
    path's parts, what is paid first, what is left at newer figures, every equal terms, every
    budget's derived values, every You pay (whatever the budget's amount), the counted aid's
    names and every amount's text made afresh."""
    from billing_career.knowledge import figures
    from billing_career.planning import money, planner

    for name in (
        "_WITH_PATH",
        "_SHAPES",
        "_BEFORE_SHARE",
        "_SHARES",
        "_WITH_SHARE",
        "_PARTS",
        "_PAID_FIRST",
        "_EQUAL_TERMS",
        "_BUDGET_DERIVED",
        "_NEWER_LEFT",
    ):
        monkeypatch.setattr(money, name, _NeverKept())
    monkeypatch.setattr(planner, "_YOU_PAY", _NeverKept())
    monkeypatch.setattr(planner, "_COUNTED_NAMES", _NeverKept())
    monkeypatch.setattr(figures, "_MONEY", _NeverKept())


class _NeverKeptPerKnowledgeBase:
    """A per-knowledge-base memo that keeps nothing."""

    def get(self, kb: Any, build: Any) -> Any:
        return _NeverKept()


def _plain_shared_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every funding, every source set against a path (no equal one made before taken in its
    place), the payments of equal values, the sources on a plan's training dates, every
    payback, every You pay, every budget against the total to plan for and every aid wait
    made afresh, and the aid assessed source by source (not kept whole)."""
    from billing_career.planning import money, payback, planner

    monkeypatch.setattr(money, "_FUNDINGS", _NeverKept())
    monkeypatch.setattr(money, "_EQUAL_SOURCES", _NeverKept())
    monkeypatch.setattr(money, "_FOR_TRAINING", _NeverKept())
    monkeypatch.setattr(money, "_same_paid", lambda kept, paid, by_program: (paid, by_program))
    monkeypatch.setattr(payback, "_PAYBACKS", _NeverKeptPerKnowledgeBase())
    monkeypatch.setattr(planner, "_YOU_PAY", _NeverKept())
    monkeypatch.setattr(money, "_PLANNED", _NeverKept())
    monkeypatch.setattr(money, "_WAITS", _NeverKept())
    monkeypatch.setattr(money, "_whole_key", lambda kept, profile, facts: None)


def _plain_rankings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ranking, and what a path's price reads of each certification, made afresh; the
    options' terms numbered from the terms each time."""
    from billing_career.planning import options
    from billing_career.planning.planner import Planner

    made = Planner.__init__

    def keeping_nothing(self: Planner, kb: Any) -> None:
        made(self, kb)
        self._by_cert = _NeverKept()

    monkeypatch.setattr(Planner, "__init__", keeping_nothing)
    monkeypatch.setattr(options, "_BY_SOURCES", _NeverKept())

    def afresh(self: Planner, findings: Any, kind: Any, allowed: Any = None) -> list[str]:
        return self._rank(
            findings, kind, allowed, findings.ruled_out[kind], findings.totals.get(kind)
        )

    monkeypatch.setattr(Planner, "_ranked", afresh)


def _plain_options(monkeypatch: pytest.MonkeyPatch) -> None:
    """The paths the options weigh, the plan's own row, the rows chosen, the goal row's facts
    and the fallback, made afresh each time."""
    from billing_career.planning import options
    from billing_career.planning import planner as planner_module
    from billing_career.planning.planner import Planner

    made = Planner.__init__

    def keeping_nothing(self: Planner, kb: Any) -> None:
        made(self, kb)
        self._paths_of = _NeverKept()
        self._own_rows = _NeverKept()
        self._chosen = _NeverKept()
        self._fallbacks = _NeverKept()

    monkeypatch.setattr(Planner, "__init__", keeping_nothing)
    monkeypatch.setattr(options, "goal_row", options._goal_row)
    # The planner imports it with its module (an import at each call costs more than the call).
    monkeypatch.setattr(planner_module, "goal_row", options._goal_row)


def _plain_stage_two_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stage 2 makes every action again, even where stage 1's stand as they are."""
    from billing_career.planning.rules import RuleEngine

    made = RuleEngine.__init__

    def rendering(self: RuleEngine, *args: Any) -> None:
        made(self, *args)
        self._plain_stage1_actions = False

    monkeypatch.setattr(RuleEngine, "__init__", rendering)


def _plain_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule evaluated and added up on its own: no runs of rules kept by case."""
    from billing_career.planning.rules import RuleEngine

    monkeypatch.setattr(RuleEngine, "_units_of", lambda self: tuple(range(len(self._rules))))


def _plain_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every plan's alternatives and first actions made afresh (none kept by what they
    read)."""
    from billing_career.planning.reasons import PlanReasons

    monkeypatch.setattr(PlanReasons, "_alternatives_known", lambda self: _NeverKept())
    monkeypatch.setattr(PlanReasons, "_actions_known", lambda self: _NeverKept())


def _plain_watched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every plan's alternatives kept by their "otherwise" sentences themselves, not by which
    of the rules that have one held."""
    from billing_career.planning.reasons import PlanReasons

    monkeypatch.setattr(PlanReasons, "_otherwise_watched", lambda self, kind: None)


def _plain_assumed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every plan's line of the answers assumed worded afresh (none kept by what it reads)."""
    from billing_career.planning import planner

    monkeypatch.setattr(planner, "_ASSUMED", _NeverKept())


def _plain_inits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every frozen dataclass records.fast_init gave a made __init__ built by the dataclass's
    own __init__ again."""
    import billing_career.planning.planner  # noqa: F401  (its classes, made when it loads)
    from billing_career.records import made_init_classes, plain_init

    for cls in made_init_classes():
        monkeypatch.setattr(cls, "__init__", plain_init(cls))


PLAIN_WAYS = {
    "contenders": _plain_contenders,
    "flag": _plain_flag,
    "money-sentences": _plain_money_sentences,
    "otherwise": _plain_otherwise,
    "setting": _plain_setting,
    "made": _plain_conclude,
    "runs": _plain_runs,
    "budgets": _plain_money,
    "shared-values": _plain_shared_values,
    "money-steps": _plain_money_steps,
    "rankings": _plain_rankings,
    "options": _plain_options,
    "stage-two-actions": _plain_stage_two_actions,
    "reasons": _plain_reasons,
    "alternatives-by-rules-held": _plain_watched,
    "assumed-lines": _plain_assumed,
    "dataclass-inits": _plain_inits,
}


@pytest.mark.parametrize("work", [plan_json, facts_of_row], ids=["plan", "report"])
def test_the_shortcuts_of_the_plan_give_what_the_plain_way_gives(
    work: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcuts of the plan's computation (only the paths that can be named lowest-cost
    or fastest priced in full; optional training told from the answers; sentences with money
    words kept by what they read; otherwise sentences from the rules that have one; the rules
    naming a flag or step found once; what a rule adds kept per sentence; runs of rules kept
    by the values of the facts they read; budgets and what a funding works out of its sources
    kept by what they read; fundings, sources, paybacks and You pays made once and shared by
    the plans they are equal for; a ranking kept by the very scores it reads; the options' paths,
    rows and goal row kept by what they read; stage 2 keeping stage 1's actions; alternatives and
    first actions kept by what they read, alternatives by which rules held where their otherwise
    sentences read no fact; the line of answers assumed kept by what it reads) give every row of
    a varied cohort the line the plain
    way gives, every shortcut turned off, on a fresh
    knowledge base each way."""
    from conftest import DATA

    fast = _all_shortcuts_lines(work)
    for plain in PLAIN_WAYS.values():
        plain(monkeypatch)
    assert _lines(build_knowledge(DATA), _cohort(COHORT), work) == fast


@pytest.mark.parametrize("plain", PLAIN_WAYS.values(), ids=PLAIN_WAYS.keys())
def test_each_shortcut_alone_gives_what_the_plain_way_gives(
    plain: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each shortcut turned off on its own (the others taken) gives the same plans, for the
    first people of the cohort: where the test above fails, this names the shortcut more often
    than not (the whole cohort is the test above's)."""
    from conftest import DATA

    fast = _all_shortcuts_lines(plan_json)
    plain(monkeypatch)
    lines = _lines(build_knowledge(DATA), _cohort(SMALL_COHORT), plan_json)
    assert lines == {number: fast[number] for number in lines}


# The first people of the varied cohort (_cohort gives the same people first at any size).
SMALL_COHORT = 20


@functools.cache
def _all_shortcuts_lines(work: Any) -> dict[int, str]:
    """The varied cohort's lines with every shortcut taken, on a fresh knowledge base: the same
    for each test that turns shortcuts off, so made once per worker."""
    from conftest import DATA

    return _lines(build_knowledge(DATA), _cohort(COHORT), work)


def test_the_shortcuts_are_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcuts above are not vacuous, and optional training told from the answers is
    what the findings with the aid counted hold: for a varied cohort the flag is told from the
    answers, sentences with money words are kept, and options price fewer paths in full than
    they weigh."""
    from conftest import DATA

    from billing_career.planning import options
    from billing_career.planning import planner as planner_module
    from billing_career.planning.money import assess
    from billing_career.planning.profile import profile_from_flags
    from billing_career.planning.rules import _Run, _Tests, engine_for
    from billing_career.planning.rules_words import _MONEY_WORDS

    kb = build_knowledge(DATA)
    engine = engine_for(kb)
    # The rules are worked out in runs and in groups told together: the tests of runs above
    # compare something (a data change that left every rule single would make them vacuous).
    kinds = {type(unit) for unit in engine._units_of()}
    assert _Run in kinds and _Tests in kinds
    told = 0
    for row in _cohort(75):
        answers = {key: value for key, value in row.answers.items() if value}
        profile = profile_from_flags({**answers, "start": "2027-01-04"})
        held = engine.holds_flag(profile, "training_optional")
        assessed = assess(engine, profile, engine.answer_facts(profile))
        findings = engine.evaluate(profile, assessed.paid, assessed.ranked, assessed.by_program)
        if held is not None:
            told += 1
            assert held == ("training_optional" in findings.flags)
    assert told == 75
    weighed: list[tuple[int, int]] = []
    contenders = options.contenders

    def counted(*args: Any) -> Any:
        found = contenders(*args)
        weighed.append((len(args[-1]), len(found)))
        return found

    monkeypatch.setattr(options, "contenders", counted)
    # The planner imports it with its module.
    monkeypatch.setattr(planner_module, "contenders", counted)
    _lines(kb, _cohort(75), plan_json)
    assert len(weighed) > 50
    assert sum(full for _, full in weighed) * 2 < sum(paths for paths, _ in weighed)
    assert any(_MONEY_WORDS in key for key in engine._sentence_memo())


def test_alternatives_and_assumed_lines_are_kept_by_what_they_read() -> None:
    """The shortcuts of the alternatives and the assumed line are taken for a varied cohort:
    the data's "otherwise" sentences of programs and certifications read no fact (so their
    alternatives are kept by which rules held), and a line of answers assumed is kept."""
    from conftest import DATA

    from billing_career.planning import planner
    from billing_career.planning.reasons import _BY_FIRED

    kb = build_knowledge(DATA)
    _lines(kb, _cohort(75), plan_json)
    made = planner.planner_for(kb)
    assert made._otherwise_watched("program") is not None
    assert made._otherwise_watched("certification") is not None
    assert any(key[0] is _BY_FIRED for key in made._alternatives_known())
    assert any(engine is made.engine for engine, _ in planner._ASSUMED.values())


def _findings_fields(findings: Any) -> tuple[Any, ...]:
    """Every field of findings but the engine, as comparable values."""
    from dataclasses import fields

    return tuple(
        getattr(findings, field.name) for field in fields(findings) if field.name != "engine"
    )


def test_runs_of_rules_give_the_findings_each_rule_on_its_own_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The findings of a run-by-run evaluation (RuleEngine._units_of) equal, field by field,
    those of each rule evaluated and added up on its own, with words and without, with the aid
    counted and on the budget alone, for a varied cohort, forward and backward."""
    from conftest import DATA

    from billing_career.planning.money import assess
    from billing_career.planning.profile import profile_from_flags
    from billing_career.planning.rules import RuleEngine, engine_for

    profiles = [
        profile_from_flags({**{k: v for k, v in row.answers.items() if v}, "start": "2027-01-04"})
        for row in _cohort(75)
    ]

    def every(engine: RuleEngine, people: list[Any]) -> list[list[tuple[Any, ...]]]:
        out = []
        for profile in people:
            assessed = assess(engine, profile, engine.answer_facts(profile))
            mine = []
            for words in (True, False):
                funded = engine.evaluate(
                    profile, assessed.paid, assessed.ranked, assessed.by_program, words=words
                )
                mine.append(_findings_fields(funded))
                mine.append(_findings_fields(engine.evaluate(profile, words=words)))
            out.append(mine)
        return out

    fast = every(engine_for(build_knowledge(DATA)), profiles)
    backward = every(engine_for(build_knowledge(DATA)), profiles[::-1])
    monkeypatch.setattr(RuleEngine, "_units_of", lambda self: tuple(range(len(self._rules))))
    plain = every(engine_for(build_knowledge(DATA)), profiles)
    assert fast == plain
    assert backward == plain[::-1]


def test_plans_that_pay_alike_share_their_funding_payback_and_you_pay() -> None:
    """The shared values are taken: two people with the same answers but their budget's
    spelling get the very same funding, payback and You pay (a batch's JSON writes their text
    once); a budget of another amount gets another funding with the very same sources."""
    from conftest import DATA

    from billing_career.planning import money, options, planner
    from billing_career.planning.planner import make_plan
    from billing_career.planning.profile import profile_from_flags

    # The bounded memos of money, options and You pay emptied first: after the tests before,
    # one may be so near its limit that it starts over between the two plans (a memo's limit
    # keeps memory flat; the sharing is what this test is about).
    for module, names in (
        (money, ("_WAITS", "_DERIVED", "_FUNDINGS", "_PLANNED", "_NEWER_LEFT", "_SOURCES")),
        (money, ("_EQUAL_SOURCES", "_FOR_TRAINING", "_WITH_PATH", "_WITH_GAP", "_BUDGETS")),
        (money, ("_WITHOUT",)),
        (options, ("_BY_SOURCES", "_TERMS", "_MONEY")),
        (planner, ("_YOU_PAY",)),
    ):
        for name in names:
            kept = getattr(module, name)
            assert isinstance(kept, dict)
            kept.clear()
    kb = build_knowledge(DATA)
    answers = {
        "education": "ged",
        "schedule": "part-time",
        "experience-years": "0",
        "veteran": "yes",
        "current-pay": "30000",
        "start": "2027-01-04",
    }
    today = dt.date(2026, 12, 7)
    one, two, other = (
        make_plan(kb, profile_from_flags({**answers, "budget": budget}, today=today))
        for budget in ("1500", "$1,500", "900")
    )
    assert one.funding is two.funding
    assert one.payback is not None and one.payback is two.payback
    assert one.you_pay is two.you_pay
    assert other.funding is not one.funding
    assert other.funding.budget == 900 and one.funding.budget == 1500
    assert other.funding.sources is one.funding.sources


def test_made_inits_rebuild_what_a_cohort_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every construction of a class records.fast_init gave a made __init__, as a varied
    cohort's plans and report facts call it (real arguments, where a __post_init__ reads
    them), built again by the made __init__ and by the dataclass's own: the same __dict__
    (keys in order), eq, repr."""
    from conftest import DATA

    import billing_career.planning.planner  # noqa: F401  (its classes, made when it loads)
    from billing_career.records import made_init_classes, plain_init

    calls: dict[type, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}

    def recording(cls: type, made: Any) -> Any:
        def init(self: Any, *args: Any, **kwargs: Any) -> None:
            if len(calls.setdefault(cls, [])) < 25:
                calls[cls].append((args, kwargs))
            made(self, *args, **kwargs)

        return init

    for cls in made_init_classes():
        monkeypatch.setattr(cls, "__init__", recording(cls, cls.__init__))
    for work in (plan_json, facts_of_row):
        _lines(build_knowledge(DATA), _cohort(SMALL_COHORT), work)
    monkeypatch.undo()
    named = {cls.__name__ for cls in calls}
    assert {"Plan", "PlanProfile", "FundingSource", "Funding", "Budget", "ClientFacts"} <= named
    for cls, made_calls in calls.items():
        plain = plain_init(cls)
        assert plain is not None and cls.__init__ is not plain
        for args, kwargs in made_calls:
            made = cls(*args, **kwargs)
            twin = object.__new__(cls)
            plain(twin, *args, **kwargs)
            assert list(vars(made)) == list(vars(twin))
            assert vars(made) == vars(twin)
            assert made == twin
            assert repr(made) == repr(twin)


def test_a_you_pay_kept_for_one_budget_is_never_another_budget_s() -> None:
    """What is left to pay is kept whatever the budget's amount, but where the counted aid
    repays a fee after it is paid (the GI Bill's exam fee), what falls short at first reads the
    amount: people alike but for their budget each get the You pay planned alone."""
    import ast

    from conftest import DATA

    answers = {
        "education": "high-school",
        "schedule": "part-time",
        "learning": "either",
        "experience-years": "0",
        "goal": "advancement",
        "veteran": "yes",
        "employer-sponsor": "no",
        "remote": "yes",
        "current-pay": "30000",
    }
    rows = [
        Row(number, number + 1, {**answers, "budget": budget})
        for number, budget in enumerate(("500", "800", "500", "1500", "0", "800"), start=1)
    ]
    together = _lines(build_knowledge(DATA), rows, plan_json)
    for row in rows:
        assert _lines(build_knowledge(DATA), [row], plan_json) == {row.number: together[row.number]}
    shorts = {
        json.dumps(json.loads(ast.literal_eval(line))["you_pay"]["short_at_first"])
        for line in together.values()
    }
    assert len(shorts) > 2
