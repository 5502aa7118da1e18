"""The format of a person's own catalog of local programs, validated as it is read.

Its file is programs_local.yaml. Apart from local_programs.py so that pydantic is imported only
when such a file is read: `programs` and `programs find` without one start without it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from billing_career.knowledge.user_files import as_text_date


class LocalProgram(BaseModel):
    """One real program a person found; a criterion left out means 'not known', never 'no'."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: Annotated[str, Field(min_length=1)]
    school: str | None = None
    city: str | None = None
    state: Annotated[str | None, Field(pattern=r"^[A-Za-z]{2}$")] = None
    delivery: Annotated[tuple[Literal["online", "in-person"], ...], Field(min_length=1)]
    # A program type or tuition-table row of the guide (e.g. certificate, associate), to compare
    # the tuition with the guide's range.
    kind: str | None = None
    tuition: Annotated[int, Field(ge=0)]
    fees: Annotated[int | None, Field(ge=0)] = None
    duration_months: Annotated[int | float | None, Field(gt=0)] = None
    certification_prep: tuple[str, ...] | None = None
    software_training: bool | None = None
    externship: bool | None = None
    job_placement: bool | None = None
    url: str | None = None
    source: Annotated[str, Field(min_length=1)]
    checked: str | None = None
    notes: str | None = None

    @field_validator("checked", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        return as_text_date(value)

    @property
    def total_cost(self) -> int:
        """Tuition plus fees where the catalog gives them."""
        return self.tuition + (self.fees or 0)


class CatalogFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    programs: tuple[LocalProgram, ...]
