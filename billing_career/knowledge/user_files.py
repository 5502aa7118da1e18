"""A person's own data files (state pay, local programs): read, validate, and explain problems."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from billing_career.errors import DataError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound="BaseModel")


def as_text_date(value: object) -> object:
    """YAML reads 2025-04-01 as a date: keep it as the text the person wrote."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def read_user_file(model: type[Model], path: Path, *, list_key: str, label_key: str) -> Model:
    """Read path as YAML and validate it; an error names the file, the record and the field.

    The file is a mapping whose `list_key` holds the records; `label_key` names a record in errors.
    An empty file holds no records.
    """
    from pydantic import ValidationError

    from billing_career.knowledge.loader import as_tuples, read_yaml

    raw = read_yaml(path, label=str(path))
    if raw is None:
        raw = {list_key: []}
    if not isinstance(raw, dict):
        raise DataError(f"{path}: expected a mapping with a '{list_key}' list at the top level.")
    try:
        return model.model_validate(as_tuples(raw))
    except ValidationError as error:
        raise user_file_error(path, raw, error, list_key=list_key, label_key=label_key) from None
    except RecursionError:
        raise DataError(f"{path}: nested too deeply to read.") from None


def user_file_error(
    path: Path, raw: Any, error: ValidationError, *, list_key: str, label_key: str
) -> DataError:
    """One line naming the file, the record (index and label) and the field of the first problem."""
    from billing_career.knowledge.loader import is_union_tag, more_problems

    problems = error.errors()
    first = problems[0]
    loc = [part for part in first["loc"] if not is_union_tag(part)]
    record = "(top level)"
    field = ".".join(str(part) for part in loc) or "(the record itself)"
    if len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int):
        index = loc[1]
        items = raw.get(list_key)
        label = None
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            found = items[index].get(label_key)
            label = str(found) if found is not None else None
        record = f"{list_key}[{index}]" + (f" ({label})" if label else "")
        field = ".".join(str(part) for part in loc[2:]) or "(the record itself)"
    message = first["msg"].removeprefix("Value error, ")
    return DataError(f"{path}: {record}: {field}: {message}{more_problems(len(problems) - 1)}.")
