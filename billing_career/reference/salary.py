"""Pay by experience, setting and hour, the national median, and a person's own state rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from billing_career.errors import UnknownValueError, UsageError
from billing_career.knowledge.figures import money_span
from billing_career.knowledge.lookup import ReportedFigure
from billing_career.knowledge.serialize import Citation, citation, newer_of
from billing_career.knowledge.states import STATE_CODES as _STATE_CODES
from billing_career.knowledge.states import STATES_EXAMPLE as STATES_EXAMPLE
from billing_career.reference.bands import FULL_TIME_HOURS, at_hours, band_for_years, band_overlaps
from billing_career.reference.bands import years_text as _years
from billing_career.reference.newer import median_series

if TYPE_CHECKING:
    from billing_career.knowledge.models import ExperiencePay, KnowledgeBase, Range, SettingPay
    from billing_career.reference.state_file import StatesFile

STATES_FILE = "salary_states.yaml"

# USPS codes of the states, DC and the inhabited territories: used only to tell a typo from a
# state that has no rows yet.
STATE_CODES: frozenset[str] = frozenset(_STATE_CODES)


@dataclass(frozen=True)
class StatePayRow:
    """State pay with the file (or data folder) it was read from."""

    state: str
    median_annual: int
    top_10_percent_annual: int | None
    source: str
    date: str | None
    note: str | None
    file: str


@dataclass(frozen=True)
class StateLookup:
    """What --state found: rows for the state, or a plain explanation of why there are none."""

    state: str
    found: bool = field(init=False)
    rows: tuple[StatePayRow, ...]
    files_read: tuple[str, ...]
    searched: tuple[str, ...]
    message: str | None
    # The format to copy, where no salary_states.yaml was found at all.
    example: str | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "found", bool(self.rows))
        example = STATES_EXAMPLE if not self.rows and not self.files_read else None
        object.__setattr__(self, "example", example)


@dataclass(frozen=True)
class NationalMedian:
    """The guide's national median, its newer reports and its source."""

    annual: int
    occupation: str
    series: str | None
    newer: tuple[ReportedFigure, ...]
    source: Citation


@dataclass(frozen=True)
class ExperienceRow:
    """Pay for one experience level."""

    id: str
    name: str
    years: str
    years_min: int
    years_max: int | None
    annual: Range
    selected: bool
    source: Citation


@dataclass(frozen=True)
class SettingRow:
    """Median pay in one work setting."""

    id: str
    name: str
    median_annual: Range | str
    remote_friendly: bool
    selected: bool
    source: Citation


@dataclass(frozen=True)
class HourlyRow:
    """Pay by the hour at one level."""

    id: str
    name: str
    hourly: Range
    newer: tuple[ReportedFigure, ...]
    source: Citation


@dataclass(frozen=True)
class Picks:
    """The experience level and work setting a person marked."""

    experience: str | None = None
    setting: str | None = None


@dataclass(frozen=True)
class SalaryView:
    """Everything `bcareer salary` shows, with the rows a person picked marked."""

    national_median: NationalMedian
    by_experience: tuple[ExperienceRow, ...]
    by_setting: tuple[SettingRow, ...]
    hourly: tuple[HourlyRow, ...]
    selected: Picks = Picks()
    state: StateLookup | None = None
    notes: tuple[str, ...] = ()
    # Which band the tool uses for a year two of the guide's bands share.
    experience_notes: tuple[str, ...] = ()
    # With a current pay: it a year, and where it stands against the marked band.
    current_pay: int | None = None
    current_pay_against: str | None = None


def _match(kind: str, value: str, options: list[tuple[str, str]]) -> str:
    """The id for value: an id or a name in any case, or a prefix only one id starts with."""
    wanted = value.strip().lower()
    if not wanted:
        raise UsageError(f"Empty {kind}.", f"Known: {', '.join(i for i, _ in options)}.")
    for ident, name in options:
        if wanted in (ident, name.lower()):
            return ident
    starts = [
        ident
        for ident, name in options
        if ident.startswith(wanted) or name.lower().startswith(wanted)
    ]
    if len(starts) == 1:
        return starts[0]
    raise UnknownValueError(kind, value, [ident for ident, _ in options])


def experience_level(knowledge: KnowledgeBase, value: str) -> ExperiencePay:
    """The experience level named by value (id, name or unique prefix, any case)."""
    levels = knowledge.salary.by_experience
    ident = _match("experience level", value, [(level.id, level.name) for level in levels])
    return next(level for level in levels if level.id == ident)


def work_setting(knowledge: KnowledgeBase, value: str) -> SettingPay:
    """The work setting named by value (id, name or unique prefix, any case)."""
    settings = knowledge.salary.by_setting
    ident = _match("work setting", value, [(s.id, s.name) for s in settings])
    return next(setting for setting in settings if setting.id == ident)


def state_code(value: str) -> str:
    """A two-letter state code in upper case; anything else is a usage error."""
    code = value.strip().upper()
    if code not in STATE_CODES:
        raise UsageError(
            f"Unknown state '{value.strip()}': not a US state or territory code.",
            "Use a two-letter code such as TX, CA or NY.",
        )
    return code


def salary_view(
    knowledge: KnowledgeBase,
    *,
    experience: str | None = None,
    experience_years: int | None = None,
    setting: str | None = None,
    state: str | None = None,
    state_folders: list[Path] | None = None,
    current_pay: int | None = None,
    hours_per_week: int | None = None,
) -> SalaryView:
    """Pay by experience, setting and hour with the national median; picks and state rows
    marked; current pay set against the band at the person's hours a week (as the plan does)."""
    if experience is not None and experience_years is not None:
        raise UsageError(
            "Give --experience or --experience-years, not both.",
            "--experience-years marks the level those years fall in.",
        )
    level_id = experience_level(knowledge, experience).id if experience is not None else None
    if experience_years is not None:
        level_id = band_for_years(knowledge, experience_years).id
    against = None
    if current_pay is not None:
        band = next(
            (level for level in knowledge.salary.by_experience if level.id == level_id),
            band_for_years(knowledge, 0),
        )
        hours = hours_per_week or FULL_TIME_HOURS
        low, high = at_hours(band.annual.min, hours), at_hours(band.annual.max, hours)
        where = "above" if current_pay > high else "below" if current_pay < low else "within"
        against = f"{where} the guide's {band.name.lower()} pay"
        if low != band.annual.min:
            against += f" at {hours} hour{'s' * (hours != 1)} a week ({money_span(low, high)})"
    setting_id = work_setting(knowledge, setting).id if setting is not None else None
    state_lookup = None
    if state is not None:
        code = state_code(state)
        state_lookup = find_state_rows(knowledge, code, state_folders or [])
    salary = knowledge.salary
    median = salary.national_median
    notes = []
    if any(s.median_annual == "varies" for s in salary.by_setting):
        notes.append("Remote/billing services pay varies widely: the guide gives no figure.")
    return SalaryView(
        national_median=NationalMedian(
            median.annual,
            median.occupation,
            median_series(knowledge),
            newer_of(knowledge, median, "annual"),
            citation(knowledge, median.source),
        ),
        by_experience=tuple(
            ExperienceRow(
                level.id,
                level.name,
                _years(level),
                level.years_min,
                level.years_max,
                level.annual,
                level.id == level_id,
                citation(knowledge, level.source),
            )
            for level in salary.by_experience
        ),
        by_setting=tuple(
            SettingRow(
                item.id,
                item.name,
                item.median_annual,
                item.remote_friendly,
                item.id == setting_id,
                citation(knowledge, item.source),
            )
            for item in salary.by_setting
        ),
        hourly=tuple(
            HourlyRow(
                item.id,
                item.name,
                item.hourly,
                newer_of(knowledge, item, "hourly"),
                citation(knowledge, item.source),
            )
            for item in salary.hourly
        ),
        selected=Picks(level_id, setting_id),
        state=state_lookup,
        notes=tuple(notes),
        experience_notes=tuple(band_overlaps(knowledge)),
        current_pay=current_pay,
        current_pay_against=against,
    )


def read_state_file(path: Path) -> StatesFile:
    """Read and validate one salary_states.yaml; errors name the file, the row and the field."""
    from billing_career.knowledge.user_files import read_user_file
    from billing_career.reference.state_file import StatesFile

    return read_user_file(StatesFile, path, list_key="states", label_key="state")


def state_codes_on_file(knowledge: KnowledgeBase, folders: list[Path]) -> list[str]:
    """Every state with pay rows: in each folder's salary_states.yaml, then in the data."""
    codes: list[str] = []
    for folder in folders:
        path = folder / STATES_FILE
        if path.is_file():
            codes.extend(row.state.upper() for row in read_state_file(path).states)
    codes.extend(row.state for row in knowledge.salary.by_state)
    return list(dict.fromkeys(codes))


def find_state_rows(knowledge: KnowledgeBase, code: str, folders: list[Path]) -> StateLookup:
    """State rows from each folder's salary_states.yaml and any in the loaded salary data."""
    rows: list[StatePayRow] = []
    files_read: list[str] = []
    searched: list[str] = []
    for folder in folders:
        path = folder / STATES_FILE
        searched.append(str(path))
        if not path.is_file():
            continue
        files_read.append(str(path))
        for row in read_state_file(path).states:
            if row.state.upper() == code:
                rows.append(
                    StatePayRow(
                        code,
                        row.median_annual,
                        row.top_10_percent_annual,
                        row.source,
                        row.date,
                        row.note,
                        str(path),
                    )
                )
    for bundled in knowledge.salary.by_state:
        if bundled.state == code:
            source = knowledge.source(bundled.source.id)
            rows.append(
                StatePayRow(
                    code,
                    bundled.median_annual,
                    bundled.top_10_percent_annual,
                    source.title,
                    source.published or source.read,
                    None,
                    "salary.yaml",
                )
            )
    message = None
    if not rows and files_read:
        message = (
            f"No pay figures for {code} in {', '.join(files_read)}. Add a row for {code} "
            f"to that file, with the source of its figures."
        )
    elif not rows:
        message = (
            f"No state pay data is bundled: the guide's state table has no rows, and "
            f"bcareer invents none. No {STATES_FILE} was found either. To add your own "
            f"figures, create {searched[-1] if searched else STATES_FILE} in this format, "
            f"each row with the source of its figures:"
        )
    return StateLookup(code, tuple(rows), tuple(files_read), tuple(searched), message)
