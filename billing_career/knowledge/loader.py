"""Find data/, read each YAML file safely, validate it into the typed knowledge base."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from billing_career.errors import DataError, UsageError
from billing_career.files import MAX_FILE_BYTES, read_text

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

    from billing_career.knowledge.models import KnowledgeBase, Record

DATA_DIR_ENV = "BCAREER_DATA_DIR"
# One file per field of KnowledgeBase, in the order `data check` reports them.
DATA_FILES: tuple[str, ...] = (
    "sources",
    "role",
    "organizations",
    "certifications",
    "programs",
    "costs",
    "aid",
    "salary",
    "outlook",
    "careers",
    "steps",
    "faq",
    "glossary",
    "questions",
    "rules",
)


def bundled_data_dir() -> Path:
    """The data folder shipped with the package (inside the wheel, or the repo's in a checkout)."""
    # The package is always a folder on disk (data files are read with os.open, never from a zip),
    # so no importlib.resources: importing it costs a few percent of a start.
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    # An editable install or a plain checkout reads the repo's top-level data/ folder.
    return package.parent / "data"


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """The folder to read: the argument, else $BCAREER_DATA_DIR, else the bundled data."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
    if chosen is None:
        return bundled_data_dir()
    path = Path(chosen).expanduser()
    if not path.is_dir():
        # A folder that is not there is a wrong option value (usage, exit 2), like an unknown
        # certification code; a folder that is there with a broken or missing file is bad data.
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise UsageError(
            f"Data folder {path} {what}.",
            "Give --data-dir (or BCAREER_DATA_DIR) a folder holding bcareer's YAML files, "
            "such as a copy of the bundled data.",
        )
    if not any((path / f"{name}.yaml").exists() for name in DATA_FILES):
        # Not a data folder with a file missing, but the wrong folder (or an empty --data-dir,
        # which is the current folder): a wrong option value.
        raise UsageError(
            f"Data folder {path.resolve()} holds none of bcareer's data files "
            f"({', '.join(f'{name}.yaml' for name in DATA_FILES[:3])} ...).",
            "Give --data-dir (or BCAREER_DATA_DIR) a copy of the bundled data folder.",
        )
    # '.' has no name to show in messages such as "data/aid.yaml: file is missing".
    return path if path.name else path.resolve()


def read_yaml(path: Path, *, label: str | None = None) -> Any:
    """Parse one YAML file with the safe (C where present) loader; errors name the file."""
    import yaml

    name = label or str(path)
    # Regular files only, size checked before reading: a FIFO, /dev/zero or a sparse 2 GB file is
    # one clear error, never a hang or a read without end.
    text = read_text(path, label=name, limit=MAX_FILE_BYTES)
    from billing_career.knowledge import strict_yaml

    try:
        # A safe loader (never the full one) that also refuses a key given twice.
        return strict_yaml.load(text)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(name, text, exc) from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: not valid YAML: {exc}.") from None
    except RecursionError:
        raise DataError(f"{name}: nested too deeply to read.") from None


def describe_location(raw: Any, loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Split a pydantic error location into (record, field) and name the record by its id."""
    record_parts: list[str] = []
    node = raw
    # The record is the innermost listed mapping (a FAQ entry, a certification); a file that holds
    # one record under a single key (role, outlook) has that key as its record. An item of a list
    # of plain values (a bullet) is part of the field, not a record of its own.
    last_record_end = 1 if loc and isinstance(loc[0], str) else 0
    for part in loc:
        if isinstance(part, int):
            label = f"[{part}]"
            if isinstance(node, list | tuple) and 0 <= part < len(node):
                node = node[part]
                key = _record_key(node)
                if key:
                    label = f"[{part}] ({key})"
            else:
                node = None
            record_parts.append(label)
            if node is None or isinstance(node, Mapping):
                last_record_end = len(record_parts)
        else:
            record_parts.append(f".{part}" if record_parts else str(part))
            node = node.get(part) if isinstance(node, Mapping) else None
    record = "".join(record_parts[:last_record_end]) or "(top level)"
    field = "".join(record_parts[last_record_end:]).lstrip(".") or "(the record itself)"
    return record, field


def _yaml_error(name: str, text: str, exc: Any) -> DataError:
    """A YAML error naming the file, where it is (record, field and line) and what went wrong."""
    mark = exc.problem_mark
    problem = str(exc.problem or exc).rstrip(".")
    tag = re.fullmatch(r"could not determine a constructor for the tag '(.+)'", problem)
    if tag:
        # The safe loader refuses language-specific tags such as !!python/object.
        shown = tag[1].replace("tag:yaml.org,2002:", "!!")
        problem = f"the YAML tag '{shown}' is not allowed; data files hold plain values only"
    if mark is None:
        return DataError(f"{name}: not valid YAML: {problem}.")
    where = f"line {mark.line + 1}, column {mark.column + 1}"
    located = _yaml_location(text, mark.line, mark.column)
    if located is None:
        return DataError(f"{name}: not valid YAML at {where}: {problem}.")
    record, field, start = located
    place = record if field == "(the record itself)" else f"{record}: {field}"
    if start is None:
        return DataError(f"{name}: {place}: {problem} ({where}).")
    if start >= 0:
        return DataError(
            f"{name}: not valid YAML in {place}, from line {start + 1} "
            f"(found at {where}): {problem}."
        )
    return DataError(f"{name}: not valid YAML in {record}, after {field}, at {where}: {problem}.")


def _yaml_location(text: str, line: int, column: int) -> tuple[str, str, int | None] | None:
    """(record, field, first line) of what a YAML error is about.

    Text that parses (a refused tag) gives the node at the error itself (first line None). Text
    that does not is read up to the longest start that parses; the entry on the next line is the
    broken one (its first line is given), or else the last field read before it (first line -1).
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        pass
    else:
        path = _node_path_at(root, (line, column))
        return (*describe_location(_plain(root), path), None) if path else None
    lines = text.splitlines()
    for end in range(min(line, len(lines)), max(line - 200, -1), -1):
        try:
            root = yaml.compose("\n".join(lines[:end]), Loader=loader)
        except yaml.YAMLError:
            continue
        stub = _key_only(lines[end]) if end < len(lines) else None
        if stub is not None:
            try:
                stubbed = yaml.compose("\n".join([*lines[:end], stub]), Loader=loader)
            except yaml.YAMLError:
                stubbed = None
            if stubbed is not None and (path := _last_path(stubbed)):
                return (*describe_location(_plain(stubbed), path), end)
        path = _last_path(root)
        return (*describe_location(_plain(root), path), -1) if path else None
    return None


def _key_only(line: str) -> str | None:
    """The line with its broken value dropped ('  keywords: [a, b' -> '  keywords: null'), so the
    text up to it parses and shows which field the line starts."""
    key = re.match(r"(\s*(?:-\s+)?)([^\s#'\"{\[][^:#]*?):(\s.*|)$", line)
    if key:
        # A plain value is kept so a record still shows its id.
        value = key[3].strip() if re.fullmatch(r"\s*[\w.-]+\s*", key[3]) else "null"
        return f"{key[1]}{key[2]}: {value}"
    item = re.match(r"(\s*)-(\s|$)", line)
    return f"{item[1]}- null" if item else None


def _node_path_at(node: Any, where: tuple[int, int]) -> tuple[int | str, ...]:
    import yaml

    def inside(item: Any) -> bool:
        start = (item.start_mark.line, item.start_mark.column)
        end = (item.end_mark.line, item.end_mark.column)
        return start <= where < end or start == where

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue  # a list or mapping as a key: the error itself says so
            if inside(value) or inside(key):
                return (str(key.value), *_node_path_at(value, where))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if inside(item):
                return (index, *_node_path_at(item, where))
    return ()


def _last_path(node: Any) -> tuple[int | str, ...]:
    import yaml

    if isinstance(node, yaml.MappingNode) and node.value:
        key, value = node.value[-1]
        return (str(key.value), *_last_path(value))
    if isinstance(node, yaml.SequenceNode) and node.value:
        return (len(node.value) - 1, *_last_path(node.value[-1]))
    return ()


def _plain(node: Any) -> Any:
    """A composed YAML node as plain dicts, lists and strings, enough to name records by id."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return getattr(node, "value", None)


def _record_key(node: Any) -> str | None:
    if isinstance(node, Mapping):
        for key in ("id", "code", "state", "organization", "field"):
            value = node.get(key)
            if isinstance(value, str | int):
                return str(value)
    return None


def _validation_error(
    file_label: str, raw: Any, error: ValidationError, model: type[Record] | None = None
) -> DataError:
    errors = error.errors()
    # pydantic reports one error per member of a union ({min, max} or 'varies'); they are one
    # problem with one place, so group them by their place without the member tags.
    by_place: dict[tuple[int | str, ...], list[Any]] = {}
    for item in errors:
        place = tuple(part for part in item["loc"] if not is_union_tag(part))
        by_place.setdefault(place, []).append(item)
    loc, first = next(iter(by_place.items()))
    record, field = describe_location(raw, loc)
    # A validator of ours (min above max) says more than "not a valid string" of other members.
    ours = [item for item in first if item["type"] == "value_error"]
    messages = list(dict.fromkeys(_error_text(item, loc, model) for item in ours or first))
    # "should be a range {min, max} or 'varies', got str 'Varies'"
    message = " or ".join([messages[0], *(m.removeprefix("should be ") for m in messages[1:])])
    found = first[0].get("input")
    if (
        not ours
        and first[0]["type"] not in {*_UNKNOWN_KEY, "missing"}
        and (isinstance(found, str | int | float) and len(repr(found)) < 40)
    ):
        # Say what was found: "100" in quotes is text, not the number a field wants.
        message += f", got {type(found).__name__} {found!r}"
    text = f"{message}{more_problems(len(by_place) - 1)}"
    return DataError(f"{file_label}: {record}: {field}: {text}{'' if text.endswith('?') else '.'}")


def more_problems(more: int) -> str:
    """' (and 2 more problems)' after a file's first problem; nothing when it is the only one."""
    return f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""


# pydantic's names for a key no field has (records are dataclasses: their fields are keywords).
_UNKNOWN_KEY = frozenset({"extra_forbidden", "unexpected_keyword_argument"})


def _error_text(item: Any, loc: tuple[int | str, ...], model: type[Record] | None) -> str:
    """One pydantic error in words a data editor acts on: what is wrong and what was found."""
    kind = item["type"]
    if kind in _UNKNOWN_KEY:
        key = str(loc[-1]) if loc else "?"
        allowed = _allowed_keys(model, loc[:-1]) if model is not None else []
        if not allowed:
            return f"unknown key '{key}'"
        return _unknown("key", key, allowed).removesuffix(".")
    if kind in {"missing", "missing_keyword_argument"}:
        return "this required field is missing"
    message = str(item["msg"]).removeprefix("Value error, ")
    if kind in {"model_type", "dataclass_type"} and "instance of Range" in message:
        return "should be a range {min: N, max: N}"
    return message.removeprefix("Input ")


def _allowed_keys(model: type[Record], loc: tuple[int | str, ...]) -> list[str]:
    """The keys the record at loc may have, following the models down from the file's model."""
    from typing import get_type_hints

    candidates = _models_in(model)
    for part in loc:
        if isinstance(part, int):
            continue
        annotations = [
            get_type_hints(candidate, include_extras=True)[name]
            for candidate in candidates
            for name in candidate.field_names()
            if part in (name, candidate.data_key(name))
        ]
        candidates = [found for annotation in annotations for found in _models_in(annotation)]
    return sorted({model.data_key(name) for model in candidates for name in model.field_names()})


def _models_in(annotation: Any) -> list[type[Record]]:
    """The records an annotation may hold: through unions, tuples, Annotated and dict values."""
    from typing import get_args

    from billing_career.knowledge.models import Record

    if isinstance(annotation, type) and issubclass(annotation, Record):
        return [annotation]
    return [found for arg in get_args(annotation) for found in _models_in(arg)]


def as_tuples(node: Any) -> Any:
    """YAML lists as tuples: the models are immutable and strict, so they take tuples only."""
    if isinstance(node, list):
        return tuple(as_tuples(item) for item in node)
    if isinstance(node, dict):
        return {key: as_tuples(value) for key, value in node.items()}
    return node


def is_union_tag(part: int | str) -> bool:
    """Whether part of an error location names a union member tried, not a place in the file."""
    # pydantic adds the tried member type to locations inside unions ("Range", "int",
    # "literal['varies']", "function-after[_ordered(), Range]"...).
    return isinstance(part, str) and (
        part[:1].isupper() or part in {"int", "float", "str", "bool"} or "[" in part
    )


RecordT = TypeVar("RecordT", bound="Record")


def validate_file(model: type[RecordT], raw: Any, file_label: str) -> RecordT:
    """Validate one parsed file against its model; the error names file, record and field."""
    from pydantic import ValidationError

    if not isinstance(raw, dict):
        raise DataError(f"{file_label}: expected a mapping of keys at the top level.")
    try:
        return validator(model).validate_python(as_tuples(raw))
    except ValidationError as error:
        raise _validation_error(file_label, raw, error, model) from None
    except RecursionError:
        raise DataError(f"{file_label}: nested too deeply to read.") from None


def validator(model: type[RecordT]) -> TypeAdapter[RecordT]:
    """pydantic's validator for one record class, built on first use (a cache miss, `data check`)
    and kept for the rest of the process."""
    found = _VALIDATORS.get(model)
    if found is None:
        from pydantic import TypeAdapter

        found = _VALIDATORS[model] = TypeAdapter(model)
    return found


_VALIDATORS: dict[type[Any], Any] = {}


# A further check of a freshly validated knowledge base, by the layer that reads it (planning
# checks its questions and rules): (knowledge, folder name) -> None, or a DataError.
Check = Callable[["KnowledgeBase", str], None]


def load_knowledge(
    data_dir: Path | str | None = None, check: Check | None = None, *, refresh: bool = False
) -> KnowledgeBase:
    """Load, validate and cross-check every data file (or take them from a current cache).

    `check` runs only when the files are read, before the result is cached: a cached knowledge
    base has passed it already. refresh: read and validate the files even when the cache is
    current (as `data check` does), and store the result."""
    from billing_career.knowledge.cache import load_cached

    folder = resolve_data_dir(data_dir)
    return load_cached(folder, DATA_FILES, lambda: build_knowledge(folder, check), refresh=refresh)


def build_knowledge(folder: Path, check: Check | None = None) -> KnowledgeBase:
    """Read, validate and cross-check every data file of folder, with no cache."""
    from typing import get_type_hints

    from billing_career.knowledge import models

    file_models = get_type_hints(models.KnowledgeBase)
    parts: dict[str, Any] = {}
    for name in DATA_FILES:
        label = f"{folder.name}/{name}.yaml"
        raw = read_yaml(folder / f"{name}.yaml", label=label)
        parts[name] = validate_file(file_models[name], raw, label)
    knowledge = models.KnowledgeBase(**parts)
    check_references(knowledge, folder.name)
    if check is not None:
        check(knowledge, folder.name)
    return knowledge


def check_references(knowledge: KnowledgeBase, folder: str) -> None:
    """Every id a record names must exist; every id must be unique within its list."""
    source_ids = {source.id for source in knowledge.sources.sources}
    org_ids = {org.id for org in knowledge.organizations.organizations}
    cert_codes = {cert.code for cert in knowledge.certifications.certifications}
    category_ids = {category.id for category in knowledge.programs.tuition_categories}

    for file, record, field, value in _source_refs(knowledge):
        if value not in source_ids:
            raise DataError(
                f"{folder}/{file}.yaml: {record}: {field}: {_unknown('source', value, source_ids)}"
            )

    for file, listing, key in _id_lists(knowledge):
        seen: dict[str, int] = {}
        for index, item in enumerate(listing):
            ident = str(getattr(item, key))
            if ident in seen:
                part = getattr(knowledge, file)
                name = next((f for f in part.field_names() if getattr(part, f) is listing), "")
                first = f"{name}[{seen[ident]}]"
                raise DataError(
                    f"{folder}/{file}.yaml: {name}[{index}] ({ident}): {key}: "
                    f"duplicate {key} '{ident}', already used by {first}."
                )
            seen[ident] = index

    known = {"organization": org_ids, "certification": cert_codes, "tuition category": category_ids}

    def need(ok: bool, file: str, record: str, field: str, what: str) -> None:
        if not ok:
            kind, _, value = what.partition(" '")
            detail = _unknown(kind, value.rstrip("'"), known.get(kind, set()))
            raise DataError(f"{folder}/{file}.yaml: {record}: {field}: {detail}")

    for cert in knowledge.certifications.certifications:
        if cert.issuer is not None:
            need(
                cert.issuer in org_ids,
                "certifications",
                cert.code,
                "issuer",
                f"organization '{cert.issuer}'",
            )
        for code in cert.related:
            need(
                code in cert_codes,
                "certifications",
                cert.code,
                "related",
                f"certification '{code}'",
            )
    for program in knowledge.programs.programs:
        need(
            program.fees_category in category_ids,
            "programs",
            program.id,
            "fees_category",
            f"tuition category '{program.fees_category}'",
        )
    for expense in knowledge.costs.expenses:
        if expense.certification is not None:
            need(
                expense.certification in cert_codes,
                "costs",
                expense.id,
                "certification",
                f"certification '{expense.certification}'",
            )
        if expense.organization is not None:
            need(
                expense.organization in org_ids,
                "costs",
                expense.id,
                "organization",
                f"organization '{expense.organization}'",
            )
    for entry in knowledge.aid.funding:
        for ref in entry.also:
            if ref.organization is not None:
                need(
                    ref.organization in org_ids,
                    "aid",
                    entry.aid,
                    "also",
                    f"organization '{ref.organization}'",
                )
    for membership in knowledge.costs.memberships:
        need(
            membership.organization in org_ids,
            "costs",
            membership.organization,
            "organization",
            f"organization '{membership.organization}'",
        )
    aliases: dict[str, str] = {}
    for listing in (knowledge.programs.programs, knowledge.programs.tuition_categories):
        for item in listing:
            for name in (item.id, *item.aliases):
                owner = aliases.setdefault(name, item.id)
                if owner != item.id:
                    raise DataError(
                        f"{folder}/programs.yaml: {item.id}: aliases: '{name}' "
                        f"already names '{owner}'."
                    )


def _unknown(kind: str, value: str, choices: Iterable[str]) -> str:
    """'unknown organization 'nhaa'; did you mean 'nha'?' or the known values when none is close."""
    from difflib import get_close_matches

    names = sorted(choices)
    close = get_close_matches(value, names, n=1)
    if close:
        return f"unknown {kind} '{value}'; did you mean '{close[0]}'?"
    return f"unknown {kind} '{value}' (known: {', '.join(names)})."


def _id_lists(knowledge: KnowledgeBase) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    yield "sources", knowledge.sources.sources, "id"
    yield "organizations", knowledge.organizations.organizations, "id"
    yield "certifications", knowledge.certifications.certifications, "code"
    yield "programs", knowledge.programs.programs, "id"
    yield "programs", knowledge.programs.tuition_categories, "id"
    yield "costs", knowledge.costs.expenses, "id"
    yield "aid", knowledge.aid.aid, "id"
    yield "salary", knowledge.salary.by_experience, "id"
    yield "salary", knowledge.salary.by_setting, "id"
    yield "salary", knowledge.salary.by_state, "state"
    yield "careers", knowledge.careers.career_paths, "id"
    yield "faq", knowledge.faq.faq, "id"
    yield "glossary", knowledge.glossary.terms, "id"


def _source_refs(knowledge: KnowledgeBase) -> Iterator[tuple[str, str, str, str]]:
    """Every SourceRef in the knowledge base, with the file and record that holds it."""
    from billing_career.knowledge.models import Record, SourceRef

    def walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, SourceRef):
            yield path, node.id
        elif isinstance(node, Record):
            for name in node.field_names():
                yield from walk(getattr(node, name), f"{path}.{name}" if path else name)
        elif isinstance(node, tuple):
            for index, item in enumerate(node):
                key = _record_key(item.__dict__) if hasattr(item, "__dict__") else None
                yield from walk(item, f"{path}[{index}]" + (f" ({key})" if key else ""))

    for name in DATA_FILES:
        for path, source_id in walk(getattr(knowledge, name), ""):
            record, _, field = path.rpartition(".")
            yield name, record or "(top level)", field, source_id
