"""The format of a person's own salary_states.yaml, validated as it is read.

Apart from salary.py so that pydantic is imported only when such a file is read: `salary`
without one starts without it."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from billing_career.knowledge.user_files import as_text_date


class _UserRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class StateRow(_UserRecord):
    """One row of a person's salary_states.yaml: every figure names where it came from."""

    state: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]
    median_annual: Annotated[int, Field(ge=0)]
    top_10_percent_annual: Annotated[int | None, Field(ge=0)] = None
    source: Annotated[str, Field(min_length=1)]
    date: str | None = None
    note: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        return as_text_date(value)


class StatesFile(_UserRecord):
    states: tuple[StateRow, ...]
