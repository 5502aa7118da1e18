"""One serializer for every result (`--json`), and the citations and newer figures results carry."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from json.encoder import encode_basestring_ascii as _string
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Types only: `--json` of a command that loads no knowledge (profile show) stays light.
    from billing_career.knowledge.lookup import ReportedFigure
    from billing_career.knowledge.models import KnowledgeBase, Source, Sourced, SourceRef

JsonDict = dict[str, Any]
# Some ASCII bytes of a JSON text: its own, or a view of part of a longer one.
Bytes = bytes | memoryview


@dataclass(frozen=True)
class Citation:
    """A record's source: title, section of the guide and the source's own date."""

    id: str
    title: str
    section: str | None
    url: str | None
    date: str | None


def citation(knowledge: KnowledgeBase, ref: SourceRef) -> Citation:
    """Where a record came from, with the source's title, address and date."""
    source = knowledge.source(ref.id)
    return Citation(source.id, source.title, ref.section, source.url, source_date(source))


def newer_of(
    knowledge: KnowledgeBase, record: Sourced, field: str | None = None
) -> tuple[ReportedFigure, ...]:
    """Every newer figure of a record, or only those for one field."""
    from billing_career.knowledge.lookup import reported_all

    return reported_all(knowledge, record.updates if field is None else record.updates_for(field))


def source_date(source: Source) -> str | None:
    """The date a source carries: when it was published, else when it was read."""
    if source.published and source.published != "undated":
        return source.published
    if source.read:
        return f"read {source.read}"
    return source.published


# --- one serializer for every result --------------------------------------------------------------

# Field metadata for to_json: leave a field out (it is there for the terminal), merge a nested
# result's keys into its parent's (nothing when it is None), leave the key out when the value is
# None (a key only some results have), name the key differently, or convert the value first.
JSON_SKIP: Mapping[str, Any] = MappingProxyType({"json": "skip"})
JSON_INLINE: Mapping[str, Any] = MappingProxyType({"json": "inline"})
JSON_OMIT_NONE: Mapping[str, Any] = MappingProxyType({"json": "omit-none"})


def json_as(
    key: str | None = None, convert: Callable[[Any], Any] | None = None
) -> Mapping[str, Any]:
    """Field metadata: write the field under another key, or through a conversion."""
    return MappingProxyType({"json_key": key, "json_convert": convert})


# Values written as they are: most of what a result holds, so they are tested first.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})
# How each class is written: (attribute, key, conversion, how) per field, how being None, "inline"
# or "omit-none"; or None for a class that is neither a record nor a dataclass. Worked out once per
# class: a batch writes thousands of plans.
_FieldPlan = tuple[tuple[str, str, Callable[[Any], Any] | None, str | None], ...]
_PLANS: dict[type, _FieldPlan | None] = {}
# (attribute, key) per field of the classes whose fields are all written as they are, under their
# own key or one json_as names, without a conversion (most classes): written by a plain loop.
_PLAIN_FIELDS: dict[type, tuple[tuple[str, str], ...] | None] = {}


def _plan_of(kind: type) -> _FieldPlan | None:
    try:
        return _PLANS[kind]
    except KeyError:
        pass
    plan: _FieldPlan | None = None
    # A knowledge record (models.Record, such as a Range): its declared fields. Found by its
    # field_names() so this module need not import the models before a record exists.
    field_names = getattr(kind, "field_names", None)
    if field_names is not None:
        plan = tuple((name, name, None, None) for name in field_names())
    elif is_dataclass(kind):
        plan = tuple(
            (
                item.name,
                item.metadata.get("json_key") or item.name,
                item.metadata.get("json_convert"),
                item.metadata.get("json"),
            )
            for item in fields(kind)
            if item.metadata.get("json") != "skip"
        )
    _PLANS[kind] = plan
    _PLAIN_FIELDS[kind] = (
        tuple((name, key) for name, key, convert, how in plan)
        if plan is not None and all(convert is None and how is None for *_, convert, how in plan)
        else None
    )
    return plan


def _dict_maker(
    kind: type, fields: tuple[tuple[str, str], ...], *, deep: bool = True
) -> Callable[[Any], Any]:
    """to_json of one class whose fields are all written as they are, as code made for it: one
    dict display (keys in order, a later same key's value in the first one's place, as the
    loop it stands for) instead of a loop over the fields. deep=False: the same dict with the
    fields' values as they are, for json's encoder to write (see _shallow)."""
    import keyword

    if not all(name.isidentifier() and not keyword.iskeyword(name) for name, _ in fields):

        def loop(value: Any) -> Any:
            out = {}
            for name, key in fields:
                raw = getattr(value, name)
                out[key] = raw if not deep or type(raw) in _PLAIN_TYPES else to_json(raw)
            return out

        return loop
    namespace: dict[str, Any] = {"P": _PLAIN_TYPES, "J": to_json, "T": type}
    items = []
    for number, (name, key) in enumerate(fields):
        namespace[f"K{number}"] = key
        read = f"x if T(x := value.{name}) in P else J(x)" if deep else f"value.{name}"
        items.append(f"K{number}: {read}")
    # The code is made here, from the class's own field names (identifiers, checked above).
    exec(f"def make(value):\n    return {{{', '.join(items)}}}", namespace)
    maker: Callable[[Any], Any] = namespace["make"]
    maker.__qualname__ = f"{'to_json' if deep else 'JSON fields'} of {kind.__qualname__}"
    return maker


# to_json of each class whose fields are all written as they are, made by _dict_maker.
_MAKERS: dict[type, Callable[[Any], Any]] = {}


def json_fields(value: object) -> list[tuple[str, object, str | None]]:
    """The top-level parts of a dataclass's JSON, before to_json: (key, value, how) for each
    field written, how being None, "inline" or "omit-none" (see to_json). For writers that
    build the text part by part, such as a batch reusing the text of parts many results share."""
    plan = _plan_of(type(value))
    if plan is None:
        raise TypeError(f"{type(value).__name__} is not a record or a dataclass")
    parts: list[tuple[str, object, str | None]] = []
    for name, key, convert, how in plan:
        raw = getattr(value, name)
        parts.append((key, convert(raw) if convert is not None else raw, how))
    return parts


def to_json(value: object) -> Any:
    """A result as JSON-ready values, the one shape `--json` prints.

    A dataclass becomes an object of its fields in declared order (see JSON_SKIP, JSON_INLINE,
    JSON_OMIT_NONE and json_as), knowledge records included (a range: {min, max}); a date
    becomes YYYY-MM-DD, tuples and lists lists; the rest stays as it is.
    """
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return value
    maker = _MAKERS.get(kind)
    if maker is not None:  # a dataclass whose fields are all written as they are
        return maker(value)
    plain = _PLAIN_TYPES
    out: dict[str, Any]
    if kind is list or kind is tuple:
        # Plain parts (most are: reasons, ids) are kept without a call each; a batch writes
        # hundreds of thousands of them.
        return [
            part if type(part) in plain else to_json(part)
            for part in value  # type: ignore[attr-defined]
        ]
    if isinstance(value, date):
        return value.isoformat()
    plain_fields = _PLAIN_FIELDS.get(kind)
    if plain_fields is not None:
        maker = _MAKERS[kind] = _dict_maker(kind, plain_fields)
        return maker(value)
    plan = _plan_of(kind)
    if plan is not None:
        out = {}
        for name, key, convert, how in plan:
            raw = getattr(value, name)
            if convert is not None:
                raw = convert(raw)
            converted = raw if type(raw) in plain else to_json(raw)
            if how is None:
                out[key] = converted
            elif converted is None:
                continue
            elif how == "inline":
                out.update(converted)
            else:
                out[key] = converted
        return out
    if isinstance(value, list | tuple):
        return [to_json(part) for part in value]
    if isinstance(value, dict):
        return {key: to_json(part) for key, part in value.items()}
    return value


# --- the same JSON as text, straight from the value -----------------------------------------------

# Indented: a writer per class, made once, the text of json.dumps(to_json(value), indent=2) given
# the line break and indent of the value's own line (json's C encoder does not indent). Compact:
# json's C encoder itself, which writes strings, numbers, lists, tuples and dicts on its own and
# asks _shallow only for each dataclass, record and date. A batch or a caseload writes hundreds of
# thousands of values: no JSON-ready copy of them is built first. (The encoder writes a str, a
# number, a list, a tuple or a dict as such without asking: a record that was also one of those
# would lose its fields there. None is: results and records are plain classes.)
_Indented = Callable[[Any, str], str]


def json_text(value: object, *, indent: bool = False, level: int = 0) -> str:
    """json.dumps(to_json(value), indent=2) when indent, else json.dumps(to_json(value),
    separators=(",", ":")): the very same text (ASCII-only), written without the JSON-ready
    values in between. level: the value's text as it stands that many levels deep inside an
    indented whole (its lines after the first indented as there)."""
    if indent:
        return _indented(value, "\n" + "  " * level)
    encode = _COMPACT_ENCODE
    if encode is None:
        encode = _compact_encoder()
    return encode(value)


def _compact_encoder() -> Callable[[Any], str]:
    global _COMPACT_ENCODE
    import json

    # No circular check: to_json has none either (results are trees), and json.dumps's own
    # check would only turn its RecursionError into a ValueError.
    encoder = json.JSONEncoder(separators=(",", ":"), default=_shallow, check_circular=False)
    _COMPACT_ENCODE = encoder.encode
    return encoder.encode


def json_text_of_finite(value: object) -> str:
    """json_text(value) (compact) of a value that holds no NaN and no infinity, such as a plan
    (every number a plan is made from is checked finite): written by orjson where it is
    installed, an eighth less work a plan than json's own encoder (a batch writes thousands)."""
    encode = _FINITE_ENCODE
    if encode is None:
        encode = _finite_encoder()
    return encode(value)


def json_bytes_of_finite(value: object) -> bytes:
    """json_text_of_finite(value) as its ASCII bytes, as orjson writes them: no text made in
    between (a batch sends and writes its lines as bytes)."""
    if _FINITE_ENCODE is None:
        _finite_encoder()
    assert _FINITE_BYTES is not None
    return _FINITE_BYTES(value)


def text_holder() -> object | None:
    """What json_text_spliced writes as one of the texts it is given (an orjson.Fragment); None
    where it cannot be had (orjson not installed, or one without Fragment): write the value
    another way then."""
    if _FINITE_ENCODE is None:
        _finite_encoder()
    return _HOLDER


def json_text_spliced(value: object, texts: list[str]) -> str | None:
    """json_text_of_finite(value) of a value in which each text_holder() stands for the next of
    texts (each the exact compact text of a value, such as one json_text_of_finite wrote
    before): the value written by one orjson call, without the texts, and the texts put in its
    holders' places. None when orjson's text of the rest would not be json's (see
    _orjson_encoder): write the value another way then."""
    written = json_bytes_spliced(value, [text.encode("ascii") for text in texts])
    return None if written is None else written.decode("ascii")


def json_bytes_spliced(value: object, texts: list[bytes]) -> bytes | None:
    """json_text_spliced with the texts, and the text it gives, as ASCII bytes."""
    pieces = json_pieces_spliced(value, texts)
    return None if pieces is None else b"".join(pieces)


def json_pieces_spliced(value: object, texts: list[bytes]) -> list[Bytes] | None:
    """json_bytes_spliced's text as the pieces it is joined from, in order (views of orjson's
    text between the texts, and the texts): for a writer that joins many values' pieces at
    once, each byte copied once."""
    if _FINITE_ENCODE is None:
        _finite_encoder()
    if _SPLICED is None:
        return None
    return _SPLICED(value, texts)


def _finite_encoder() -> Callable[[Any], str]:
    global _FINITE_ENCODE, _FINITE_BYTES, _HOLDER, _SPLICED
    exact = _COMPACT_ENCODE or _compact_encoder()
    _HOLDER = _SPLICED = None
    try:
        import orjson
    except ImportError:  # a platform orjson has no build for: json's encoder, as json_text
        _FINITE_ENCODE = exact
        _FINITE_BYTES = lambda value: exact(value).encode("ascii")  # noqa: E731
        return exact
    _FINITE_ENCODE, _FINITE_BYTES, spliced = _orjson_encoder(orjson, exact)
    fragment = getattr(orjson, "Fragment", None)  # orjson 3.9 and later
    if fragment is not None:
        _HOLDER, _SPLICED = fragment(_HOLDER_CHARACTER), spliced
    return _FINITE_ENCODE


def _orjson_encoder(
    orjson: Any, exact: Callable[[Any], str]
) -> tuple[
    Callable[[Any], str], Callable[[Any], bytes], Callable[[Any, list[bytes]], list[Bytes] | None]
]:
    """orjson made to write the very text json's encoder (exact) writes, but for NaN and
    infinity (orjson writes null). orjson asks _shallow for each dataclass, record and date,
    as json's encoder does. Where the two would differ otherwise, exact writes the value:
    anything orjson refuses (an integer past 64 bits, a key that is not a string, a lone
    surrogate, a type _shallow refuses, for json's own error), a float under 1e-4 (orjson
    writes 0.00005 and 1e-7, json 5e-05 and 1e-07), and DEL, which only json escapes. Other
    characters past ASCII, which orjson writes as UTF-8, are escaped as json escapes them.
    The text is kept as orjson's bytes (ASCII): it is decoded only for a caller that wants a
    str."""
    import codecs
    import re

    codecs.register_error(_JSON_ESCAPES, _json_escapes)
    dumps = orjson.dumps
    refused = orjson.JSONEncodeError
    options = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    # "e-" and a digit (1e-7): a digit before it is a far slower search, and words such as
    # "one-2" only cost exact's time.
    small_float = re.compile(rb"e-[0-9]").search
    holder = _HOLDER_CHARACTER.encode("ascii")

    def written(value: Any) -> bytes | None:
        """orjson's text of the value where it is json's, else None."""
        try:
            raw: bytes = dumps(value, default=_shallow, option=options)
        except refused:
            return None
        if b"\x7f" in raw or b"0.0000" in raw:
            return None
        if not raw.isascii():
            raw = raw.decode("utf-8").encode("ascii", _JSON_ESCAPES)
        # "e-" first: far cheaper to look for than the pattern, and rarely there at all.
        at = raw.find(b"e-")
        if at >= 0 and small_float(raw, at) is not None:
            return None
        return raw

    def encode(value: Any) -> str:
        raw = written(value)
        return exact(value) if raw is None else raw.decode("ascii")

    def encode_bytes(value: Any) -> bytes:
        raw = written(value)
        return exact(value).encode("ascii") if raw is None else raw

    def spliced(value: Any, texts: list[bytes]) -> list[Bytes] | None:
        raw = written(value)
        if raw is None:
            return None
        # The holders are the only control characters orjson writes as they are (it escapes
        # them in strings); the texts are never searched: they are exact already. (find, not
        # split: it looks for one character at a time far faster.) The pieces between them are
        # views of orjson's text, not copies: they are copied once, where they are joined.
        whole: list[Bytes] = []
        start = 0
        find = raw.find
        view = memoryview(raw)
        for kept in texts:
            at = find(holder, start)
            if at < 0:
                raise ValueError(f"more texts than holders: {len(texts)}")
            whole += (view[start:at], kept)
            start = at + 1
        if find(holder, start) >= 0:
            raise ValueError(f"more holders than texts: {len(texts)}")
        whole.append(view[start:])
        return whole

    return encode, encode_bytes, spliced


_JSON_ESCAPES = "bcareer-json-ascii"


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """The characters ASCII cannot hold, as json's encoder escapes them: \\u2019, and a pair of
    surrogates past the first 65,536."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for character in error.object[error.start : error.end]:
        code = ord(character)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


def _shallow(value: object) -> Any:
    """What json's encoder writes for a value it cannot write on its own: to_json's object of a
    dataclass or record one level deep (its fields' values left for the encoder), a date's
    YYYY-MM-DD; a TypeError, as json.dumps's, for anything else."""
    try:
        maker = _SHALLOW[value.__class__]
    except KeyError:  # a class not met before (a maker's own KeyError is not caught here)
        kind = value.__class__
        maker = _SHALLOW[kind] = _shallow_maker(kind)
    return maker(value)


def _shallow_maker(kind: type) -> Callable[[Any], Any]:
    if issubclass(kind, date):
        # The class's own method, called on its value as value.isoformat() would: no Python
        # frame of ours around it (a plan's line writes some fifteen dates).
        isoformat: Callable[[Any], str] = kind.isoformat
        return isoformat
    plan = _plan_of(kind)
    if plan is None:

        def refuse(value: Any) -> Any:
            raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")

        return refuse
    plain_fields = _PLAIN_FIELDS.get(kind)
    if plain_fields is not None:
        return _dict_maker(kind, plain_fields, deep=False)

    def fields_of(value: Any) -> Any:
        out: JsonDict = {}
        for name, key, convert, how in plan:
            raw = getattr(value, name)
            if convert is not None:
                raw = convert(raw)
            if how is None:
                out[key] = raw
            elif raw is None:
                continue
            elif how == "inline":
                out.update(to_json(raw))
            else:
                out[key] = raw
        return out

    return fields_of


def _indented(value: Any, newline: str) -> str:
    kind = value.__class__
    if kind is str:
        return _string(value)
    if kind is float:
        return _float(value)
    writer = _INDENTED.get(kind)
    if writer is None:
        writer = _INDENTED[kind] = _writer_for(kind)
    return writer(value, newline)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str:
    """A value to_json keeps as it is, as json.dumps writes it (in json.encoder's order: a str,
    None, the bools, an int, a float); anything else is json.dumps's own error."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    import json

    return json.dumps(value)


def _key(key: Any) -> str:
    """A dict key as json.dumps writes it: always as a string."""
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, float):
        return _string(_float(key))
    if key is True or key is False or key is None or isinstance(key, int):
        return _string(_scalar(key))
    import json

    return json.dumps({key: None})  # json.dumps's own error


def _list_indented(value: Any, newline: str) -> str:
    if not value:
        return "[]"
    inner = newline + "  "
    return (
        "[" + inner + ("," + inner).join([_indented(part, inner) for part in value]) + newline + "]"
    )


def _dict_indented(value: Any, newline: str) -> str:
    if not value:
        return "{}"
    inner = newline + "  "
    parts = [f"{_key(key)}: {_indented(part, inner)}" for key, part in value.items()]
    return "{" + inner + ("," + inner).join(parts) + newline + "}"


def _writer_for(kind: type) -> _Indented:
    """The indented writer of one class's values, in to_json's order of cases."""
    if kind is int:
        return lambda value, newline: int.__repr__(value)
    if kind is float:
        return lambda value, newline: _float(value)
    if kind in _PLAIN_TYPES:  # None and the bools
        return lambda value, newline: _scalar(value)
    if kind is list or kind is tuple:
        return _list_indented
    if issubclass(kind, date):
        return lambda value, newline: _string(value.isoformat())
    plan = _plan_of(kind)
    if plan is not None:
        return _generated(kind, plan)
    if issubclass(kind, list | tuple):
        return _list_indented
    if issubclass(kind, dict):
        return _dict_indented
    return lambda value, newline: _scalar(value)


def _generated(kind: type, plan: _FieldPlan) -> _Indented:
    """An indented writer for one dataclass (or record), generated from its fields: keys and
    separators as constants, each field's value written by the writer of its own class."""
    import keyword

    keys = [key for _, key, _, _ in plan]
    if (
        any(how == "inline" for *_, how in plan)  # keys merged from another value
        or len(set(keys)) != len(keys)  # a key twice: a dict keeps the first place, last value
        or not all(name.isidentifier() and not keyword.iskeyword(name) for name, *_ in plan)
    ):
        # Written from to_json's own dict: rare classes, the same text.
        return lambda value, newline: _indented(to_json(value), newline)
    if not plan:
        return lambda value, newline: "{}"
    import json

    namespace: dict[str, Any] = {"W": _indented, "S": _string, "R": int.__repr__}
    reads = []
    for number, (name, key, convert, how) in enumerate(plan):
        namespace[f"K{number}"] = json.dumps(key) + ": "
        read = f"value.{name}"
        if convert is not None:
            namespace[f"C{number}"] = convert
            read = f"C{number}({read})"
        reads.append((number, read, how))
    # A field's text: the usual scalars written in place, anything else by its class's writer.
    any_value = (
        "(S(x) if (c := x.__class__) is str else R(x) if c is int "
        "else ('true' if x else 'false') if c is bool else 'null' if x is None "
        "else W(x, inner))"
    )
    lines = ["def write(value, newline):", "    inner = newline + '  '"]
    if all(how is None for *_, how in plan):
        # Every field written: one f-string.
        pieces = []
        for number, read, _ in reads:
            text = any_value.replace("x.__class__", f"(x := {read}).__class__", 1)
            pieces.append(f"{{K{number}}}{{{text}}}")
        body = ",{inner}".join(pieces)
        lines.append(f'    return f"{{{{{{inner}}{body}{{newline}}}}}}"')
    else:
        # Some fields only when not None.
        lines.append("    parts = []")
        for number, read, how in reads:
            lines.append(f"    x = {read}")
            add = f"parts.append(K{number} + {any_value})"
            lines.append(f"    if x is not None: {add}" if how else f"    {add}")
        lines.append("    if not parts: return '{}'")
        lines.append("    return '{' + inner + (',' + inner).join(parts) + newline + '}'")
    # The code is made here, from the class's own field names (identifiers, checked above).
    exec("\n".join(lines), namespace)
    writer: _Indented = namespace["write"]
    writer.__qualname__ = f"json_text writer of {kind.__qualname__}"
    return writer


_INFINITY = float("inf")
_INDENTED: dict[type, _Indented] = {}
_COMPACT_ENCODE: Callable[[Any], str] | None = None
_FINITE_ENCODE: Callable[[Any], str] | None = None
_FINITE_BYTES: Callable[[Any], bytes] | None = None
# json_text_spliced's holder, written by orjson as this character, and its writer (None without
# orjson.Fragment).
_HOLDER_CHARACTER = "\x01"
_HOLDER: object | None = None
_SPLICED: Callable[[Any, list[bytes]], list[Bytes] | None] | None = None
_SHALLOW: dict[type, Callable[[Any], Any]] = {}
