"""Plans for a whole cohort: profiles from CSV or YAML in, one JSON plan per line out, streamed.

A row holds the answers of one person under the plan's flag names (`education`, `budget`,
`experience-years` or `experience_years`, ...), as text: each value is read exactly as the same
flag would be, so `yes`/`no`/`true`/`false`, `$3,000` and `2026-03-02` work, and a blank or
missing answer takes the documented default. A row's line is the plan `bcareer plan --no-input
--json` prints for the same answers and --start, as compact JSON (same keys, same order; see
`plan_line`).

Rows stream, so memory does not grow with the file: in one process each row is written before
the next is read; planning in several processes (a large file, on Linux) reads only a few chunks
of rows ahead of what is written. A bad row (an unknown value, a negative budget) is reported
with its row and line number and skipped; the others are still planned.

YAML input is either one document holding a list of mappings, or one mapping per document
(`---` between them). It is read as a stream of parser events, never built whole, and its
scalars are kept as the text they were written as (the answers are then read like flags), so
YAML's own guesses (`no` as false, `010` as octal) never change an answer.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TextIO, TypeVar

from billing_career.errors import (
    BcareerError,
    UnknownValueError,
    UsageError,
    escape_controls,
    has_controls,
    shown,
)

# What every row is planned and written with (a function's own import statement costs some
# 10,000 instructions at each call, a row's several); this module is imported only by the
# commands that plan rows (plan --batch, report).
from billing_career.knowledge.serialize import (
    json_bytes_of_finite,
    json_fields,
    json_pieces_spliced,
    text_holder,
    to_json,
)
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import REQUIRED, field_of, profile_from_flags

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase
    from billing_career.knowledge.serialize import Bytes
    from billing_career.planning.planner import Plan

CSV_SUFFIXES = frozenset({".csv"})
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
# Plain YAML scalars that mean "no answer here".
_YAML_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# An answer is a word, a number or a date; a cell far longer is a mistake, reported on its row.
MAX_ANSWER_CHARACTERS = 1_000
# The csv module refuses a cell over 131,072 characters by ending the whole read; allow far more
# (memory stays bounded by this) so such a cell is that row's error, not the batch's.
MAX_CSV_CELL = 16 * 1024 * 1024
# json.dumps's defaults (ASCII-only) as emit_json uses them, on one line without spaces.
_COMPACT = (",", ":")
# What json.dumps(value, separators=_COMPACT) makes anew at each call (an encoder object), made
# once: a plan's line writes some twenty parts.
_ENCODE = json.JSONEncoder(separators=_COMPACT).encode
# The optional column (or key) naming the person, for a counselor's report; not an answer.
ID_COLUMN = "id"

Answer = str | None


@dataclass(frozen=True)
class Row:
    """One profile's answers as read from the file, or why they could not be read."""

    number: int  # 1 for the first profile in the file
    line: int  # where it starts in the file
    answers: Mapping[str, Answer]
    problem: str | None = None

    @property
    def client(self) -> str:
        """The person's id from the file's id column, else 'row N'."""
        from billing_career.planning.profile import field_of

        for key, value in self.answers.items():
            if value and field_of(key) == ID_COLUMN:
                named = " ".join(value.split())
                if named:
                    return named
        return f"row {self.number}"


@dataclass(frozen=True)
class RowError:
    """A row that gave no plan: where it is and what is wrong, for one line on stderr."""

    source: str
    number: int
    line: int
    message: str

    def __str__(self) -> str:
        # The message may echo a cell: controls in it are shown, never sent to the terminal.
        return escape_controls(
            f"{self.source} row {self.number} (line {self.line}): {self.message}",
            keep_breaks=False,
        )


@dataclass
class Summary:
    """How a batch went."""

    planned: int = 0
    failed: int = 0

    @property
    def rows(self) -> int:
        return self.planned + self.failed


def plan_line(plan_json: Mapping[str, Any]) -> str:
    """One plan as a JSON Lines line: json.dumps of the very dict `plan --json` prints
    (indented there), with the same keys in the same order, on one line."""
    return _ENCODE(plan_json)


def input_format(path: Path) -> str:
    """'csv' or 'yaml', from the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    raise UsageError(
        f"Cannot tell the format of {path.name}.", "Give --batch a .csv, .yaml or .yml file."
    )


def open_batch(path: Path) -> TextIO:
    """The batch file opened for streaming; a UsageError if it cannot be (missing, a folder, a
    FIFO or a device: only a regular file is read, so nothing can hang or read without end)."""
    from billing_career.files import open_text

    where = "" if path.is_absolute() else f" (looked in {Path.cwd()})"
    return open_text(
        path,
        label=f"Batch file {path}",
        error=UsageError,
        missing=(
            f"Batch file not found: {path}{where}. Check the name, or create it: a CSV with a "
            "header row of answer names (e.g. education,budget,schedule) and one person per row."
        ),
    )


def read_rows(stream: TextIO, kind: str, label: str) -> Iterator[Row]:
    """The rows of an open batch file, one at a time."""
    try:
        if kind == "csv":
            yield from _csv_rows(stream, label)
        else:
            yield from _yaml_rows(stream, label)
    except UnicodeDecodeError:
        raise UsageError(f"{label} is not UTF-8 text.", UTF8_HINT) from None


# --- CSV ----------------------------------------------------------------------------------------


def _known_answers() -> list[str]:
    from billing_career.planning.profile import FIELD_KINDS, flag_of

    return [flag_of(name)[2:] for name in FIELD_KINDS]


def _columns(header: list[str], label: str) -> list[str | None]:
    """Each column's answer id; None for an unnamed column. An unknown or repeated name is a
    usage error: it would spoil every row."""
    from billing_career.planning.profile import FIELD_KINDS, field_of

    columns: list[str | None] = []
    seen: dict[str, str] = {}
    for name in header:
        if not name.strip():
            columns.append(None)  # spreadsheets add unnamed trailing columns
            continue
        field = field_of(name)
        if field not in FIELD_KINDS and field != ID_COLUMN:
            error = UnknownValueError("column", name.strip(), _known_answers())
            raise UsageError(f"{label}: {error.message}", error.hint)
        if field in seen:
            raise UsageError(
                f"{label}: columns '{seen[field]}' and '{name.strip()}' are the same answer.",
                "Keep one of them.",
            )
        seen[field] = name.strip()
        columns.append(field)
    return columns


def _answer_problem(name: str, value: str) -> str | None:
    """Why one answer cannot be read as an answer at all, naming it; None when it can."""
    if len(value) > MAX_ANSWER_CHARACTERS:
        return (
            f"{name}: is {len(value):,} characters long; an answer is at most "
            f"{MAX_ANSWER_CHARACTERS:,}"
        )
    if has_controls(value):
        return f"{name}: holds a control character: '{shown(value)}'"
    return None


# A byte that is not UTF-8, as the "surrogateescape" error handler reads it (U+DC80-U+DCFF).
_UNDECODED = re.compile("[\udc80-\udcff]")
UTF8_HINT = "Save it as UTF-8 (in a spreadsheet: CSV UTF-8)."


def _not_utf8(cells: Iterable[str]) -> str | None:
    """Why a row's cells cannot be read, when one holds a byte that is not UTF-8."""
    for cell in cells:
        found = _UNDECODED.search(cell)
        if found is not None:
            byte = ord(found.group()) - 0xDC00
            return f"holds a byte that is not UTF-8 text (0x{byte:02x}). {UTF8_HINT}"
    return None


def _csv_rows(stream: TextIO, label: str) -> Iterator[Row]:
    # A byte that is not UTF-8 is read as a stand-in character, so it spoils only its own row
    # (reported with its line), not the rest of the batch.
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="surrogateescape")
    first = stream.readline()
    if _UNDECODED.search(first):
        raise UsageError(f"{label}: the header row is not UTF-8 text.", UTF8_HINT)
    if not first.strip():
        return
    # The delimiter is the header's: a comma, or a semicolon or tab where the header has no comma.
    delimiter = (
        "," if "," in first or not ({";", "\t"} & set(first)) else (";" if ";" in first else "\t")
    )
    header = next(csv.reader([first], delimiter=delimiter))
    columns = _columns(header, label)
    if csv.field_size_limit() < MAX_CSV_CELL:
        csv.field_size_limit(MAX_CSV_CELL)
    reader = csv.reader(stream, delimiter=delimiter)
    number = 0
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The reader drops the rest of the line and goes on with the next one.
            number += 1
            start, line = line + 1, reader.line_num + 1
            yield Row(number, start, {}, f"cannot be read as CSV ({exc})")
            continue
        start, line = line + 1, reader.line_num + 1
        joined = "".join(cells)
        if not joined.strip():
            continue  # a blank line or a row of empty cells is not a person
        number += 1
        if (
            len(joined) <= MAX_ANSWER_CHARACTERS
            and len(cells) <= len(columns)
            and "\n" not in joined
            and "\r" not in joined
            and not has_controls(joined)
            and _UNDECODED.search(joined) is None
        ):
            # Nothing any check below would find in any cell (the usual row): one look at the
            # whole row instead of one per check and cell.
            answers = {
                field: cell
                for field, cell in zip(columns, cells, strict=False)
                if field is not None
            }
            yield Row(number, start, answers)
            continue
        undecoded = _not_utf8(cells)
        if undecoded is not None:
            yield Row(number, start, {}, undecoded)
            continue
        if any("\n" in cell or "\r" in cell for cell in cells):
            # No answer spans lines: a quote opened and never closed swallowed the lines after it.
            yield Row(
                number,
                start,
                {},
                f"a quoted cell runs from line {start} to line {line}: "
                'a closing quote (") is missing',
            )
            continue
        if len(cells) > len(columns):
            yield Row(
                number,
                start,
                {},
                f"has {len(cells)} cells but the header names {len(columns)} columns",
            )
            continue
        answers = {
            field: cell for field, cell in zip(columns, cells, strict=False) if field is not None
        }
        problem = None
        for field, cell in answers.items():
            problem = _answer_problem(field.replace("_", "-"), cell)
            if problem:
                break
        yield Row(number, start, answers, problem)


# --- YAML ---------------------------------------------------------------------------------------


class _TooDeep(Exception):
    """The parser gave up on a node nested deeper than it allows (limit levels), on line
    (counted from 0)."""

    def __init__(self, line: int, limit: int) -> None:
        super().__init__(line, limit)
        self.line = line
        self.limit = limit


# libyaml's own limit on nesting.
LIBYAML_MAX_DEPTH = 1000


class _Events:
    """YAML parser events, one at a time, with the C parser when PyYAML has it (else the pure-
    Python one, with its guard against deep nesting: see strict_yaml.MAX_FLOW_DEPTH)."""

    def __init__(self, stream: Any, label: str) -> None:
        import yaml

        from billing_career.knowledge import strict_yaml

        self.yaml = yaml
        self.label = label
        loader_class = getattr(yaml, "CSafeLoader", None) or strict_yaml.StrictSafeLoader
        self.loader = loader_class(stream)
        self.too_deep = strict_yaml.NestedTooDeep

    def next(self) -> Any:
        try:
            event = self.loader.get_event()
        except self.too_deep as exc:
            from billing_career.knowledge.strict_yaml import MAX_FLOW_DEPTH

            mark = exc.problem_mark
            raise _TooDeep(mark.line if mark else 0, MAX_FLOW_DEPTH) from None
        except self.yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            if "nesting depth" in str(exc.problem) and mark is not None:
                raise _TooDeep(mark.line, LIBYAML_MAX_DEPTH) from None
            mark = exc.problem_mark
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise UsageError(f"{self.label}: not valid YAML{where}: {exc.problem}.") from None
        except self.yaml.YAMLError as exc:
            raise UsageError(f"{self.label}: not valid YAML: {exc}.") from None
        if event is None:  # past the end: a reader that lost its place must not loop forever
            raise UsageError(f"{self.label}: not valid YAML: it ends in the middle of a profile.")
        return event

    def skip_node(self, event: Any) -> None:
        """Pass over the rest of a node whose start event was just read."""
        depth = 1 if isinstance(event, self.yaml.CollectionStartEvent) else 0
        while depth:
            event = self.next()
            if isinstance(event, self.yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, self.yaml.CollectionEndEvent):
                depth -= 1

    def close(self) -> None:
        self.loader.dispose()


def _scalar_text(event: Any) -> str | None:
    if event.implicit[0] and event.value in _YAML_NULLS:
        return None
    return str(event.value)


def _yaml_mapping(events: _Events, start: Any, number: int) -> Row:
    """The answers of one mapping whose start event was just read."""
    yaml = events.yaml
    line = start.start_mark.line + 1
    answers: dict[str, Answer] = {}
    problem: str | None = None
    while True:
        key = events.next()
        if isinstance(key, yaml.MappingEndEvent):
            break
        if not isinstance(key, yaml.ScalarEvent):
            # A list or mapping as a key ({[a]: ged}, `? [x]`): pass over all of it, then its
            # value, so reading goes on in step.
            events.skip_node(key)
            events.skip_node(events.next())
            problem = problem or "answer names must be plain words such as 'education'"
            continue
        value = events.next()
        name = key.value
        if isinstance(value, yaml.ScalarEvent):
            answer: Answer = _scalar_text(value)
            if answer is not None:
                problem = problem or _answer_problem(str(name), answer)
        elif isinstance(value, yaml.SequenceStartEvent):
            # A list (background) is read as the same comma list its flag takes.
            items, item_problem = _yaml_list(events)
            answer = ",".join(items)
            if item_problem:
                problem = problem or f"{name}: {item_problem}"
        else:
            events.skip_node(value)
            problem = problem or (
                f"{name}: aliases (*name) are not allowed"
                if isinstance(value, yaml.AliasEvent)
                else f"{name}: must be a value or a list of values"
            )
            continue
        if name in answers:
            problem = problem or f"{name}: given twice"
        answers[name] = answer
    return Row(number, line, answers, problem)


def _yaml_list(events: _Events) -> tuple[list[str], str | None]:
    yaml = events.yaml
    items: list[str] = []
    problem = None
    while True:
        event = events.next()
        if isinstance(event, yaml.SequenceEndEvent):
            return items, problem
        if isinstance(event, yaml.ScalarEvent):
            text = _scalar_text(event)
            if text is not None:
                problem = problem or _answer_problem("an item", text)
                items.append(text)
        else:
            events.skip_node(event)
            problem = problem or "must be a list of plain values"


class _Rest:
    """The rest of a stream, from a line already read: what the parser reads on from."""

    def __init__(self, first: str, stream: TextIO) -> None:
        self._first = first
        self._stream = stream

    def read(self, size: int = -1) -> str:
        first, self._first = self._first, ""
        if size < 0:
            return first + self._stream.read()
        return first + self._stream.read(max(size - len(first), 0))


def _next_profile(stream: TextIO, after: int) -> tuple[str, int] | None:
    """The first line after line `after` (counted from 0) that starts a profile at the top
    level (a list item or a new document), with its number; None at the end of the stream."""
    number = after
    while True:
        line = stream.readline()
        if not line:
            return None
        number += 1
        if line.startswith(("- ", "---")) or line.rstrip("\r\n") == "-":
            return line, number


def _yaml_rows(stream: TextIO, label: str) -> Iterator[Row]:
    # libyaml ends the whole parse at a node nested over 1,000 levels deep (PyYAML's own parser
    # has no limit, but takes time that grows with the square of the depth: our strict one stops
    # at 250 levels of brackets, so the limit a row is told of depends on the install). That row
    # is an error of its own: the reading goes on from the next profile at the top level, so
    # the rows after it are planned too.
    source: Any = stream
    rows_before = 0
    lines_before = 0
    while True:
        read = 0
        try:
            for row in _yaml_rows_from(_Events(source, label), label):
                read += 1
                yield dataclasses.replace(
                    row, number=row.number + rows_before, line=row.line + lines_before
                )
            return
        except _TooDeep as deep:
            too_deep = lines_before + deep.line
            limit = deep.limit
        rows_before += read + 1
        yield Row(rows_before, too_deep + 1, {}, f"is nested more than {limit:,} levels deep")
        # The parser read ahead of the line it stopped on: find that line again.
        stream.seek(0)
        for _ in range(too_deep + 1):
            stream.readline()
        found = _next_profile(stream, too_deep)
        if found is None:
            return
        first, lines_before = found
        source = _Rest(first, stream)


def _yaml_rows_from(events: _Events, label: str) -> Iterator[Row]:
    yaml = events.yaml
    number = 0
    try:
        while True:
            event = events.next()
            if isinstance(event, yaml.StreamEndEvent):
                return
            if not isinstance(event, yaml.DocumentStartEvent):
                continue
            root = events.next()
            if isinstance(root, yaml.MappingStartEvent):
                number += 1
                yield _yaml_mapping(events, root, number)
            elif isinstance(root, yaml.SequenceStartEvent):
                while True:
                    item = events.next()
                    if isinstance(item, yaml.SequenceEndEvent):
                        break
                    number += 1
                    if isinstance(item, yaml.MappingStartEvent):
                        yield _yaml_mapping(events, item, number)
                    else:
                        events.skip_node(item)
                        yield Row(
                            number,
                            item.start_mark.line + 1,
                            {},
                            "expected a mapping of answers such as 'education: ged'",
                        )
            elif isinstance(root, yaml.ScalarEvent) and _scalar_text(root) is None:
                pass  # an empty document
            else:
                events.skip_node(root)
                raise UsageError(
                    f"{label}: expected a list of profiles, each a mapping of "
                    "answers such as 'education: ged'."
                )
    finally:
        events.close()


# --- planning -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What applies to every row: the --start of rows that give none, --explain, and today."""

    start: str | None = None
    explain: bool = False
    today: dt.date | None = None


def plan_row(kb: KnowledgeBase, row: Row, options: Options) -> str:
    """The JSON line of one row; a BcareerError says what is wrong with it."""
    plan = plan_of_row(kb, row, options)
    if options.explain:
        return plan_line(to_json(plan.explained()))
    return _LINES.line(plan)


def plan_row_pieces(kb: KnowledgeBase, row: Row, options: Options) -> list[Bytes]:
    """plan_row's line as the ASCII bytes it is joined from, as orjson writes them (a worker
    joins a chunk's lines at once and sends them to the parent, and on to the file, as bytes:
    never decoded, pickled as text, decoded again in the parent and encoded at the write)."""
    plan = plan_of_row(kb, row, options)
    if options.explain:
        return [plan_line(to_json(plan.explained())).encode("ascii")]
    return _LINES.line_pieces(plan)


class PlanLines:
    """Plans as JSON lines, the text of each top-level part made once for the parts that many
    plans share: the planner keeps one cost breakdown per path, one pay view per answer and one
    timeline per input, and their JSON is a third of a line. The line is the same text as
    plan_line(to_json(plan)): the rest of the plan is written by one orjson call with a holder
    in each shared part's place, its kept text put there (serialize.json_bytes_spliced); where
    that cannot be, json.dumps writes an object as its keys' texts joined by commas, so a
    shared part's kept text is joined with the text of the run of parts around it, each run
    written at once by serialize.json_bytes_of_finite (straight from the values: a plan's
    numbers are all finite). The texts are ASCII bytes, as orjson writes them: a worker's
    lines reach the file without ever being text (line() decodes one for who wants a str).
    """

    # Distinct shared parts kept at once; past it the memo starts over (memory stays bounded:
    # some 16 MB, the texts and the parts they are kept with). A worker of a 10,000-row batch
    # meets some 5,000 (a timeline per start, schedule and path; a budget view per budget and
    # aid): with room for them all, a part met again is never written twice (at 1,024 the memo
    # started over every 400 plans or so).
    LIMIT = 8192
    # Plans after which a part that was never shared is no longer looked for.
    TRIAL = 64

    def __init__(self) -> None:
        # (key, the ids of the part's own fields) -> (the part, kept so the ids stay its; text)
        self._memo: dict[tuple[str, tuple[int, ...]], tuple[object, bytes]] = {}
        self._plans = 0
        self._hits: dict[str, int] = {}

    def line(self, plan: object) -> str:
        return b"".join(self.line_pieces(plan)).decode("ascii")

    def line_pieces(self, plan: object) -> list[Bytes]:
        """line(plan) as the ASCII bytes it is joined from, in order (the texts are kept and
        written as bytes; a batch joins a chunk's lines' pieces at once)."""
        self._plans += 1
        trying = self._plans <= self.TRIAL
        # The plan's parts, each shared part's place held for its kept text: all written by one
        # orjson call where it can, the kept texts put in their places.
        holder = text_holder()
        kept_here = holder if holder is not None else _KEPT
        parts: dict[str, Any] = {}
        kept: list[bytes] = []
        for key, value, how in json_fields(plan):
            if how == "omit-none" and value is None:
                continue  # to_json leaves the key out (Plan.goal_row)
            if how not in (None, "omit-none"):  # not at a plan's top level; kept right all the same
                return [json_bytes_of_finite(plan)]
            identity = _identity(value) if trying or self._hits.get(key) else ()
            if not identity:
                parts[key] = value
                continue
            found = self._memo.get((key, identity))
            if found is not None:
                text = found[1]
                self._hits[key] = self._hits.get(key, 0) + 1
            else:
                text = json_bytes_of_finite(value)
                if len(self._memo) >= self.LIMIT:
                    self._memo.clear()
                self._memo[key, identity] = (value, text)
            parts[key] = kept_here
            kept.append(text)
        if holder is not None:
            pieces = json_pieces_spliced(parts, kept)
            if pieces is not None:
                return pieces
        # Without orjson's Fragment, or where json's encoder must write some of the rest: the
        # runs of parts between kept texts, each written at once, and the kept texts, joined.
        texts: list[bytes] = []
        run: dict[str, Any] = {}
        next_kept = iter(kept)
        for key, value in parts.items():
            if value is not kept_here:
                run[key] = value
                continue
            if run:
                texts.append(json_bytes_of_finite(run)[1:-1])  # '"a":1,"b":2' of '{"a":1,"b":2}'
                run = {}
            texts.append(_key_text(key) + next(next_kept))
        if run:
            texts.append(json_bytes_of_finite(run)[1:-1])
        return [b"{" + b",".join(texts) + b"}"]


# A kept text's place in a line's parts where orjson has no holder for it.
_KEPT = object()


def _key_text(key: str) -> bytes:
    named = _KEYS.get(key)
    if named is None:
        named = _KEYS[key] = f"{json.dumps(key)}:".encode("ascii")
    return named


# Each top-level key as written before its part's text (b'"steps":'): a plan has a fixed few.
_KEYS: dict[str, bytes] = {}


def _identity(value: object) -> tuple[int, ...]:
    """What makes a part the same as one seen before: a frozen dataclass whose own fields are
    the very objects of an earlier part, or the very tuple of frozen dataclasses of an earlier
    part (the steps of a timeline kept for its input); () for any other part (plain values,
    lists)."""
    kind = value.__class__
    frozen = _FROZEN.get(kind)
    if frozen is None:
        frozen = _FROZEN[kind] = _frozen_dataclass(kind)
    if frozen:
        return (id(kind), *map(id, vars(value).values()))
    if kind is not tuple or not value:
        return ()
    for part in value:  # type: ignore[attr-defined]
        kind = part.__class__
        frozen = _FROZEN.get(kind)
        if frozen is None:
            frozen = _FROZEN[kind] = _frozen_dataclass(kind)
        if not frozen:
            return ()
    return (id(value),)


def _frozen_dataclass(kind: type) -> bool:
    """Whether a class's values are frozen dataclasses (not the classes themselves)."""
    params = getattr(kind, "__dataclass_params__", None)
    return params is not None and bool(params.frozen) and not issubclass(kind, type)


# Whether each class met is a frozen dataclass: a line asks for each of its shared parts.
_FROZEN: dict[type, bool] = {}


_LINES = PlanLines()


def plan_of_row(kb: KnowledgeBase, row: Row, options: Options, *, brief: bool = False) -> Plan:
    """The plan of one row (brief: see Planner.plan); a BcareerError says what is wrong
    with it."""
    if row.problem:
        raise UsageError(row.problem)
    answers: Mapping[str, Answer] = row.answers
    # The id names the person; it is not an answer.
    answers = {key: value for key, value in answers.items() if field_of(key) != ID_COLUMN}
    given = _given(answers)
    missing = [name for name in REQUIRED if name not in given]
    if missing:
        raise UsageError(
            f"Missing {', '.join(missing)}.",
            f"Every row needs {', '.join(REQUIRED[:-1])} and {REQUIRED[-1]}.",
        )
    if options.start is not None and "start" not in given:
        answers = {**answers, "start": options.start}
    profile = profile_from_flags(answers, today=options.today)
    today = options.today or dt.date.today()
    return make_plan(kb, profile, today=today, brief=brief)


def _given(answers: Mapping[str, Answer]) -> set[str]:
    """The answer ids a row gives a value for (however the column spells them)."""
    return {field_of(key) for key, value in answers.items() if value is not None and value.strip()}


# What one row gives: its plan's JSON line (plan --batch), its plan's facts (report), ...
Result = TypeVar("Result")
Work = Callable[["KnowledgeBase", Row, Options], Result]


@dataclass(frozen=True)
class Outcome(Generic[Result]):
    """What a row became: its number, its line in the file, and its result or what is wrong."""

    number: int
    line: int
    client: str
    result: Result | None
    error: str | None = None


def _outcome(kb: KnowledgeBase, row: Row, options: Options, work: Work[Result]) -> Outcome[Result]:
    try:
        return Outcome(row.number, row.line, row.client, work(kb, row, options))
    except BcareerError as error:
        return Outcome(row.number, row.line, row.client, None, " ".join(str(error).split()))
    except (ValueError, ArithmeticError, RecursionError, MemoryError) as error:
        # Whatever one row holds, it is that row's error; the others are still planned.
        message = f"cannot be planned: {shown(error, 200)}"
        return Outcome(row.number, row.line, row.client, None, message)


def plan_json(kb: KnowledgeBase, row: Row, options: Options) -> str:
    """The work of `plan --batch`: the row's plan as its JSON line (through plan_row, looked up
    at each call)."""
    return plan_row(kb, row, options)


def plan_json_pieces(kb: KnowledgeBase, row: Row, options: Options) -> list[Bytes]:
    """The work of `plan --batch` in worker processes: plan_json's line as the ASCII bytes it
    is joined from."""
    return plan_row_pieces(kb, row, options)


def outcomes(
    kb: KnowledgeBase,
    rows: Iterable[Row],
    options: Options,
    work: Work[Result],
    workers: int = 1,
) -> Iterator[Outcome[Result]]:
    """work() done on every row, in row order. workers > 1 works in that many processes (where
    fork is available); the outcomes are the same, in the same order. work must be a function
    of a module (a worker finds it by name)."""
    today = options.today or dt.date.today()  # one today for the whole batch
    options = Options(options.start, options.explain, today)
    if workers > 1 and _can_fork():
        return _in_processes(kb, rows, options, work, workers)
    return (_outcome(kb, row, options, work) for row in rows)


def run_batch(
    kb: KnowledgeBase,
    rows: Iterable[Row],
    write: Callable[[str], object],
    report: Callable[[RowError], object],
    options: Options,
    label: str,
    progress: Callable[[int], object] | None = None,
    workers: int = 1,
    write_bytes: Callable[[bytes], object] | None = None,
) -> Summary:
    """Plan every row in order: write() the plans' lines (each with its newline; one line at a
    time in one process, a chunk's lines at once from workers), report() each bad row where it
    falls between them, and call progress(rows done) now and then. workers > 1 plans in that
    many processes (where fork is available); the output is the same, in the same order.
    write_bytes, when given, takes the workers' lines instead of write, as the ASCII bytes
    they are made as (the very bytes write's UTF-8 stream would write)."""
    summary = Summary()
    today = options.today or dt.date.today()  # one today for the whole batch
    options = Options(options.start, options.explain, today)
    if workers > 1 and _can_fork():
        # A worker sends its chunk's lines as one text (a plan's line is ~20 KB: one object to
        # send and write per chunk, not one per row), with the bad rows where they fall.
        shown = 0
        for pieces in _chunk_results(kb, rows, options, plan_json_pieces, workers, _lines_chunk):
            for piece in pieces:
                if isinstance(piece, RowError):
                    summary.failed += 1
                    report(dataclasses.replace(piece, source=label))
                else:
                    text, planned = piece
                    summary.planned += planned
                    if write_bytes is not None:
                        write_bytes(text)
                    else:
                        write(text.decode("ascii"))
            if progress is not None and summary.rows // 50 > shown:
                shown = summary.rows // 50
                progress(summary.rows)
    else:
        for outcome in outcomes(kb, rows, options, plan_json):
            if outcome.error is None:
                summary.planned += 1
                write(f"{outcome.result}\n")
            else:
                summary.failed += 1
                report(RowError(label, outcome.number, outcome.line, outcome.error))
            if progress is not None and not summary.rows % 50:
                progress(summary.rows)
    if progress is not None:
        progress(summary.rows)
    return summary


# --- planning in several processes --------------------------------------------------------------

# Rows per task sent to a worker, and tasks in flight per worker: enough to keep every worker
# busy, few enough that memory stays flat however long the file.
CHUNK_ROWS = 64
TASKS_PER_WORKER = 2
# Set in the parent just before the workers are forked, so they inherit the knowledge base and
# its compiled rules instead of loading and compiling them again.
_SHARED: tuple[KnowledgeBase, Options, Work[Any]] | None = None
_PARENT = 0


def workers_for(size_bytes: int) -> int:
    """How many processes to plan in: one for a small file (starting workers costs more than
    they save, ~300 rows and below), else one per available processor, at most four (beyond
    that the parent's reading and writing is the limit)."""
    import os

    if size_bytes < 16_384 or not _can_fork():
        return 1
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return max(1, min(available, 4))


def _can_fork() -> bool:
    import sys

    # fork shares the loaded knowledge base for free; where only spawn is safe (macOS,
    # Windows) each worker would load it again, so a batch there runs in one process.
    return sys.platform.startswith("linux")


def _quiet_worker() -> None:
    """Set up a forked worker to end without a word: the parent reports and cleans up."""
    import signal

    # Ctrl-C reaches the whole process group: the parent handles it (and removes a partial
    # --output); a worker must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's SIGTERM and SIGHUP handlers unwind to clean up; a worker just ends, silently.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _die_with_parent()
    _keep_freed_memory()


def _die_with_parent() -> None:
    """Ask Linux to end this worker when its parent dies, however it dies (even SIGKILL), so no
    orphan is left planning or writing tracebacks to a closed pipe."""
    import ctypes
    import os
    import signal

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (AttributeError, OSError):
        return
    if os.getppid() != _PARENT:  # the parent died before the request was made
        os._exit(1)


def _keep_freed_memory() -> None:
    """Ask glibc's malloc, in a worker (the parent's own process is left as it is), to keep
    the memory it frees for the next allocation. A chunk's lines are a megabyte and more,
    made, sent and freed again and again; by default glibc gives the heap's free top back to
    the system each time and takes fresh pages for the next chunk, each page a fault (some
    190,000 in the workers of a 10,000-row plan --batch, about 0.5 s of CPU; some 23,000 with
    this). What is kept is at most the most that was in use at once: a few megabytes."""
    import ctypes

    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's malloc.h
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):  # not glibc (musl has no mallopt): nothing to tune
        return
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    # Blocks under 32 MB from the heap, not each one mapped and unmapped; then the heap's free
    # top kept up to 256 MB. Only the two together help: a trim threshold alone stops glibc
    # from moving big blocks to the heap at all (ten times the faults), so it is set only
    # where the first is taken (a 32-bit glibc takes no more than 512 KB, say).
    if mallopt(m_mmap_threshold, 32 * 1024 * 1024) == 1:
        mallopt(m_trim_threshold, 256 * 1024 * 1024)


def _plan_chunk(rows: list[Row]) -> list[Outcome[Any]]:
    assert _SHARED is not None
    kb, options, work = _SHARED
    return [_outcome(kb, row, options, work) for row in rows]


# A run of planned rows' lines (joined, each with its newline: ASCII bytes) and how many; or a
# bad row.
_Piece = tuple[bytes, int] | RowError


def _lines_chunk(rows: list[Row]) -> list[_Piece]:
    """The JSON lines of a chunk of rows, in row order: each run of planned rows as one text,
    each bad row as its RowError (its source named by the parent) where it falls."""
    assert _SHARED is not None
    kb, options, work = _SHARED
    pieces: list[_Piece] = []
    # The pieces of a run of lines, each line's followed by its newline, and how many lines:
    # joined at once (each byte copied once, not once into its line and again into the run).
    lines: list[Bytes] = []
    count = 0
    for row in rows:
        outcome = _outcome(kb, row, options, work)
        if outcome.result is not None:
            lines += outcome.result
            lines.append(b"\n")
            count += 1
            continue
        if lines:
            pieces.append((b"".join(lines), count))
            lines = []
            count = 0
        pieces.append(RowError("", outcome.number, outcome.line, outcome.error or ""))
    if lines:
        pieces.append((b"".join(lines), count))
    return pieces


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_processes(
    kb: KnowledgeBase, rows: Iterable[Row], options: Options, work: Work[Result], workers: int
) -> Iterator[Outcome[Result]]:
    """Outcomes in row order, planned by forked workers; reading stays a few chunks ahead."""
    for chunk in _chunk_results(kb, rows, options, work, workers, _plan_chunk):
        yield from chunk


Done = TypeVar("Done")


def _pool_class() -> type[Any]:
    from multiprocessing.pool import Pool

    class QuietPool(Pool):
        """A pool whose worker-keeping thread wakes when a worker ends or the pool changes, not
        also at every result waiting to be read: between a result's arrival and its reading
        (a chunk's lines are a megabyte and more) that thread went round and round: 0.6 s, some
        40% of the parent's CPU, in a plan --batch of 10,000 rows. Results are read by the
        result thread all the same; a worker that ends is still seen at once (its sentinel)."""

        def _get_sentinels(self) -> list[Any]:
            # Private to CPython (3.8 and later): where it is not as expected, the pool's own.
            notifier = getattr(self, "_change_notifier", None)
            reader = getattr(notifier, "_reader", None)
            if reader is None:
                return super()._get_sentinels()  # type: ignore[misc,no-any-return]
            return [reader]

        def _setup_queues(self) -> None:
            super()._setup_queues()  # type: ignore[misc]
            # Private to CPython too (3.4 and later): where it is not as expected, the pool's own.
            connection = getattr(getattr(self, "_outqueue", None), "_reader", None)
            if getattr(self, "_quick_get", None) is not None and hasattr(connection, "fileno"):
                self._quick_get = _ResultReader(connection)

    return QuietPool


class _ResultReader:
    """Connection.recv of the pool's results (the one thread that reads them calls it), with
    each message read into one buffer kept for the next (its size is the largest message's, a
    chunk's lines: a few megabytes at most) and unpickled from there. Connection.recv reads
    the pipe 64 KB at a time into a BytesIO, which grows by copying what it holds, then copies
    all of it into the result: a chunk's megabyte and more copied three times in all, not once
    (some 0.05 M instructions a row of plan --batch). The messages and the errors are
    Connection's: EOFError at the end of the pipe, OSError once it is closed."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._buffer = memoryview(bytearray(1 << 16))

    def __call__(self) -> Any:
        import struct
        from multiprocessing.reduction import ForkingPickler

        handle = self._connection.fileno()  # an OSError once the connection is closed
        (size,) = struct.unpack("!i", self._read(handle, 4, at_start=True))
        if size == -1:
            (size,) = struct.unpack("!Q", self._read(handle, 8))
        return ForkingPickler.loads(self._read(handle, size))

    def _read(self, handle: int, size: int, *, at_start: bool = False) -> memoryview:
        import os

        if size > len(self._buffer):
            self._buffer = memoryview(bytearray(size))
        buffer = self._buffer
        done = 0
        while done < size:
            got = os.readv(handle, (buffer[done:size],))
            if got == 0:
                if at_start and done == 0:
                    raise EOFError
                raise OSError("got end of file during message")
            done += got
        return buffer[:size]


def _chunk_results(
    kb: KnowledgeBase,
    rows: Iterable[Row],
    options: Options,
    work: Work[Any],
    workers: int,
    each_chunk: Callable[[list[Row]], Done],
) -> Iterator[Done]:
    """each_chunk() of every chunk of rows, in order, done by forked workers (each_chunk reads
    the knowledge base, options and work from _SHARED); reading stays a few chunks ahead."""
    import multiprocessing
    import os
    from collections import deque

    from billing_career.planning.planner import planner_for

    global _SHARED, _PARENT
    planner_for(kb)  # compile the rules once, in the parent, for every worker to inherit
    _SHARED = (kb, options, work)
    _PARENT = os.getpid()
    pool = _pool_class()(
        workers, initializer=_quiet_worker, context=multiprocessing.get_context("fork")
    )
    try:
        pending: deque[Any] = deque()
        for chunk in _chunks(rows, CHUNK_ROWS):
            pending.append(pool.apply_async(each_chunk, (chunk,)))
            if len(pending) >= workers * TASKS_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()
        _SHARED = None
