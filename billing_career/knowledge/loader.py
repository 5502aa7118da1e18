"""Find data/, read each YAML file safely, validate it into the typed knowledge base."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from billing_career.errors import DataError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

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
)
# Answers and data files are small; a far larger file is refused before YAML reads it.
MAX_FILE_BYTES = 2_000_000


def bundled_data_dir() -> Path:
    """The data folder shipped with the package (inside the wheel, or the repo's in a checkout)."""
    from importlib.resources import files

    packaged = Path(str(files("billing_career"))) / "data"
    if packaged.is_dir():
        return packaged
    # An editable install or a plain checkout reads the repo's top-level data/ folder.
    return Path(__file__).resolve().parents[2] / "data"


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """The folder to read: the argument, else $BCAREER_DATA_DIR, else the bundled data."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
    if chosen is None:
        return bundled_data_dir()
    path = Path(chosen).expanduser()
    if not path.is_dir():
        raise DataError(
            f"Data folder not found: {path}.",
            "Give --data-dir (or BCAREER_DATA_DIR) a folder holding bcareer's YAML files.",
        )
    return path


def read_yaml(path: Path, *, label: str | None = None) -> Any:
    """Parse one YAML file with the safe (C where present) loader; errors name the file."""
    import yaml

    name = label or str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataError(f"{name}: file is missing.") from None
    except OSError as exc:
        raise DataError(f"{name}: cannot be read ({exc.strerror}).") from None
    if size > MAX_FILE_BYTES:
        raise DataError(f"{name}: file is too large ({size:,} bytes; the limit is "
                        f"{MAX_FILE_BYTES:,}).")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{name}: is not UTF-8 text.") from None
    except OSError as exc:
        raise DataError(f"{name}: cannot be read ({exc.strerror}).") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader, never the full one
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataError(f"{name}: not valid YAML{where}: {exc.problem}.") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: not valid YAML: {exc}.") from None
    except RecursionError:
        raise DataError(f"{name}: nested too deeply to read.") from None


def describe_location(raw: Any, loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Split a pydantic error location into (record, field) and name the record by its id."""
    record_parts: list[str] = []
    node = raw
    index = 0
    # Walk down while the path goes through lists: the record is the innermost listed item.
    last_record_end = 0
    while index < len(loc):
        part = loc[index]
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
            last_record_end = len(record_parts)
        else:
            record_parts.append(f".{part}" if record_parts else str(part))
            node = node.get(part) if isinstance(node, Mapping) else None
        index += 1
    record = "".join(record_parts[:last_record_end]) or "(top level)"
    field = "".join(record_parts[last_record_end:]).lstrip(".") or "(the record itself)"
    return record, field


def _record_key(node: Any) -> str | None:
    if isinstance(node, Mapping):
        for key in ("id", "code", "state", "organization", "field"):
            value = node.get(key)
            if isinstance(value, str | int):
                return str(value)
    return None


def _validation_error(file_label: str, raw: Any, error: ValidationError) -> DataError:
    first = error.errors()[0]
    loc = tuple(part for part in first["loc"] if not _is_union_tag(part))
    record, field = describe_location(raw, loc)
    message = first["msg"].removeprefix("Value error, ")
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return DataError(f"{file_label}: {record}: {field}: {message}{suffix}.")


def _as_tuples(node: Any) -> Any:
    """YAML lists as tuples: the models are immutable and strict, so they take tuples only."""
    if isinstance(node, list):
        return tuple(_as_tuples(item) for item in node)
    if isinstance(node, dict):
        return {key: _as_tuples(value) for key, value in node.items()}
    return node


def _is_union_tag(part: int | str) -> bool:
    # pydantic adds the tried member type to locations inside unions ("Range", "int"...).
    return isinstance(part, str) and (part[:1].isupper() or part in {"int", "float", "str"})


def validate_file(model: type[Record], raw: Any, file_label: str) -> BaseModel:
    """Validate one parsed file against its model; the error names file, record and field."""
    from pydantic import ValidationError

    if not isinstance(raw, dict):
        raise DataError(f"{file_label}: expected a mapping of keys at the top level.")
    try:
        return model.model_validate(_as_tuples(raw))
    except ValidationError as error:
        raise _validation_error(file_label, raw, error) from None
    except RecursionError:
        raise DataError(f"{file_label}: nested too deeply to read.") from None


def load_knowledge(data_dir: Path | str | None = None) -> KnowledgeBase:
    """Load, validate and cross-check every data file."""
    from billing_career.knowledge import models

    folder = resolve_data_dir(data_dir)
    parts: dict[str, BaseModel] = {}
    for name in DATA_FILES:
        field_type = models.KnowledgeBase.model_fields[name].annotation
        assert isinstance(field_type, type)
        label = f"{folder.name}/{name}.yaml"
        raw = read_yaml(folder / f"{name}.yaml", label=label)
        parts[name] = validate_file(field_type, raw, label)
    knowledge = models.KnowledgeBase.model_validate(parts)
    check_references(knowledge, folder.name)
    return knowledge


def check_references(knowledge: KnowledgeBase, folder: str) -> None:
    """Every id a record names must exist; every id must be unique within its list."""
    source_ids = {source.id for source in knowledge.sources.sources}
    org_ids = {org.id for org in knowledge.organizations.organizations}
    cert_codes = {cert.code for cert in knowledge.certifications.certifications}
    category_ids = {category.id for category in knowledge.programs.tuition_categories}

    for file, record, field, value in _source_refs(knowledge):
        if value not in source_ids:
            raise DataError(f"{folder}/{file}.yaml: {record}: {field}: unknown source '{value}'.")

    for file, listing, key in _id_lists(knowledge):
        seen: set[str] = set()
        for item in listing:
            ident = str(getattr(item, key))
            if ident in seen:
                raise DataError(f"{folder}/{file}.yaml: {ident}: {key}: duplicate {key} '{ident}'.")
            seen.add(ident)

    def need(ok: bool, file: str, record: str, field: str, what: str) -> None:
        if not ok:
            raise DataError(f"{folder}/{file}.yaml: {record}: {field}: unknown {what}.")

    for cert in knowledge.certifications.certifications:
        if cert.issuer is not None:
            need(cert.issuer in org_ids, "certifications", cert.code, "issuer",
                 f"organization '{cert.issuer}'")
        for code in cert.related:
            need(code in cert_codes, "certifications", cert.code, "related",
                 f"certification '{code}'")
    for program in knowledge.programs.programs:
        need(program.fees_category in category_ids, "programs", program.id, "fees_category",
             f"tuition category '{program.fees_category}'")
    for expense in knowledge.costs.expenses:
        if expense.certification is not None:
            need(expense.certification in cert_codes, "costs", expense.id, "certification",
                 f"certification '{expense.certification}'")
        if expense.organization is not None:
            need(expense.organization in org_ids, "costs", expense.id, "organization",
                 f"organization '{expense.organization}'")
    for membership in knowledge.costs.memberships:
        need(membership.organization in org_ids, "costs", membership.organization,
             "organization", f"organization '{membership.organization}'")
    aliases: dict[str, str] = {}
    for listing in (knowledge.programs.programs, knowledge.programs.tuition_categories):
        for item in listing:
            for name in (item.id, *item.aliases):
                owner = aliases.setdefault(name, item.id)
                if owner != item.id:
                    raise DataError(f"{folder}/programs.yaml: {item.id}: aliases: '{name}' "
                                    f"already names '{owner}'.")


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


def _source_refs(knowledge: KnowledgeBase) -> Iterator[tuple[str, str, str, str]]:
    """Every SourceRef in the knowledge base, with the file and record that holds it."""
    from billing_career.knowledge.models import SourceRef

    def walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, SourceRef):
            yield path, node.id
        elif hasattr(node, "__pydantic_fields__"):
            for name in type(node).model_fields:
                yield from walk(getattr(node, name), f"{path}.{name}" if path else name)
        elif isinstance(node, tuple):
            for index, item in enumerate(node):
                key = _record_key(item.__dict__) if hasattr(item, "__dict__") else None
                yield from walk(item, f"{path}[{index}]" + (f" ({key})" if key else ""))

    for name in DATA_FILES:
        for path, source_id in walk(getattr(knowledge, name), ""):
            record, _, field = path.rpartition(".")
            yield name, record or "(top level)", field, source_id
