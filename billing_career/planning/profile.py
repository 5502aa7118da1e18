"""A person's answers: strict validation, documented defaults, answers files, the saved profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from billing_career.errors import (
    DataError,
    OperationError,
    ProfileError,
    UnknownValueError,
    UsageError,
    shown,
)

if TYPE_CHECKING:
    from billing_career.knowledge.models import QuestionsFile

Education = Literal["none", "ged", "high-school", "some-college", "associate", "bachelor"]
Schedule = Literal["full-time", "part-time", "flexible"]
Learning = Literal["online", "in-person", "either"]
Goal = Literal["quick-entry", "comprehensive", "advancement"]
Background = Literal[
    "customer-service",
    "healthcare-office",
    "data-entry",
    "insurance",
    "computer-skills",
    "accounting",
]

MAX_BUDGET = 10_000_000
MAX_YEARS = 60
# Dates far outside a working life are typos, and month arithmetic must stay inside date's range.
FIRST_YEAR, LAST_YEAR = 1970, 2100
PROFILE_FILE = "profile.yaml"
RESET_HINT = "Run 'bcareer profile reset' to remove it, or fix it by hand."


class Profile(BaseModel):
    """The answers a plan is made from. Defaults here are the ones `bcareer plan --help` documents
    and data/questions.yaml is checked against."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    education: Education
    budget: int = Field(ge=0, le=MAX_BUDGET)
    schedule: Schedule
    learning: Learning = "either"
    experience_years: int = Field(default=0, ge=0, le=MAX_YEARS)
    background: tuple[Background, ...] = ()
    goal: Goal = "quick-entry"
    veteran: bool = False
    employer_sponsor: bool = False
    remote: bool = False
    start: dt.date = Field(default_factory=dt.date.today)
    # Issue 11's funding and payback answers (asked by the questions helper's declarations):
    # out of work, laid off or on a low income (WIOA, Pell); what an employer will pay, in
    # dollars; yearly pay now, in dollars. None: not answered.
    job_seeker: bool | None = None
    employer_amount: int | None = Field(default=None, ge=0, le=MAX_BUDGET)
    current_pay: int | None = Field(default=None, ge=0, le=MAX_BUDGET)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON and answers files; background sorted, the date as ISO text."""
        return {
            "education": self.education,
            "budget": self.budget,
            "schedule": self.schedule,
            "learning": self.learning,
            "experience_years": self.experience_years,
            "background": list(self.background),
            "goal": self.goal,
            "veteran": self.veteran,
            "employer_sponsor": self.employer_sponsor,
            "remote": self.remote,
            "start": self.start.isoformat(),
            "job_seeker": self.job_seeker,
            "employer_amount": self.employer_amount,
            "current_pay": self.current_pay,
        }

    @property
    def defaulted(self) -> tuple[str, ...]:
        """The answers (not the start date) the person did not give, so the documented default
        stands in: a plan must not word them as the person's choices. In question order."""
        given = self.model_fields_set
        return tuple(name for name in FIELD_KINDS if name not in given and name != "start")


Kind = Literal["choice", "multi", "money", "years", "yes-no", "date"]
FIELD_KINDS: dict[str, Kind] = {
    "education": "choice",
    "budget": "money",
    "schedule": "choice",
    "learning": "choice",
    "experience_years": "years",
    "background": "multi",
    "goal": "choice",
    "veteran": "yes-no",
    "employer_sponsor": "yes-no",
    "remote": "yes-no",
    "start": "date",
}
REQUIRED: tuple[str, ...] = ("education", "budget", "schedule")
CHOICES: dict[str, tuple[str, ...]] = {
    "education": get_args(Education),
    "schedule": get_args(Schedule),
    "learning": get_args(Learning),
    "goal": get_args(Goal),
    "background": get_args(Background),
}
# Documented defaults of the optional questions; start defaults to the day the plan is made.
DEFAULTS: dict[str, Any] = {
    name: field.default
    for name, field in Profile.model_fields.items()
    if name not in REQUIRED and name != "start" and name in FIELD_KINDS
}
# The start date is a property of one plan, not of the person: it is never saved, so the next
# run starts from its own today.
NOT_SAVED = frozenset({"start"})


def flag_of(field: str) -> str:
    """--experience-years for experience_years."""
    return "--" + field.replace("_", "-")


def field_of(key: str) -> str:
    """The answer id for a flag or key spelling: 'experience-years' -> 'experience_years'."""
    return key.strip().lstrip("-").lower().replace("-", "_")


class InvalidAnswer(ValueError):
    """One answer is not allowed; the message says what is expected."""


_TRUE = frozenset({"yes", "y", "true", "t", "1", "on"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "off"})


def _whole_number(raw: object, what: str, upper: int) -> int:
    if isinstance(raw, bool):
        raise InvalidAnswer(f"must be {what}, not yes/no")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip().replace(",", "").replace("_", "")
        if what.endswith("dollars, 0 or more"):
            text = text.removeprefix("$").strip()
        if text.startswith("-") and text[1:].isdigit():
            raise InvalidAnswer(f"must be {what}; got a negative number")
        if not text.isdigit() or not text.isascii():
            raise InvalidAnswer(f"must be {what}; got '{shown(raw.strip())}'")
        if len(text.lstrip("0")) > len(str(upper)):
            # Checked before int(): Python refuses to convert over 4,300 digits.
            raise InvalidAnswer(f"must be {what}, at most {upper:,}")
        value = int(text)
    else:
        raise InvalidAnswer(f"must be {what}")
    if value < 0:
        raise InvalidAnswer(f"must be {what}; got a negative number")
    if value > upper:
        raise InvalidAnswer(f"must be {what}, at most {upper:,}")
    return value


def _choice(field: str, raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer(f"must be one of: {', '.join(CHOICES[field])}")
    value = "-".join(raw.strip().lower().split())
    if value not in CHOICES[field]:
        raise UnknownValueError(field.replace("_", " "), raw.strip(), list(CHOICES[field]))
    return value


def _multi(field: str, raw: object) -> tuple[str, ...]:
    if isinstance(raw, str):
        parts: Iterable[object] = raw.split(",")
    elif isinstance(raw, list | tuple):
        parts = raw
    elif raw is None:
        parts = ()
    else:
        raise InvalidAnswer(f"must be a comma list of: {', '.join(CHOICES[field])}")
    chosen: set[str] = set()
    for part in parts:
        if not isinstance(part, str):
            raise InvalidAnswer(f"must be a list of: {', '.join(CHOICES[field])}")
        if part.strip().lower() in {"", "none"}:
            continue
        chosen.add(_choice(field, part))
    # Data order, not typing order: the same answers always give the same profile.
    return tuple(value for value in CHOICES[field] if value in chosen)


def _yes_no(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise InvalidAnswer(f"must be yes or no; got '{shown(raw)}'")


def _date(raw: object, today: dt.date | None) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise InvalidAnswer("must be a date (YYYY-MM-DD) without a time")
    if isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip()
        if text.lower() == "today":
            return today or dt.date.today()
        try:
            if len(text) != 10:
                raise ValueError(text)
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise InvalidAnswer(f"must be a date as YYYY-MM-DD; got '{shown(text)}'") from None
    else:
        raise InvalidAnswer("must be a date as YYYY-MM-DD")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidAnswer(f"must be a date between {FIRST_YEAR} and {LAST_YEAR}")
    return value


def parse_answer(field: str, raw: object, *, today: dt.date | None = None) -> Any:
    """One answer, from a flag's text or a YAML value, as the Profile holds it.

    Raises InvalidAnswer or UnknownValueError; callers add where the answer came from.
    """
    kind = FIELD_KINDS[field]
    if kind == "choice":
        return _choice(field, raw)
    if kind == "multi":
        return _multi(field, raw)
    if kind == "money":
        return _whole_number(raw, "a whole number of US dollars, 0 or more", MAX_BUDGET)
    if kind == "years":
        return _whole_number(raw, "a whole number of years, 0 or more", MAX_YEARS)
    if kind == "yes-no":
        return _yes_no(raw)
    return _date(raw, today)


def parse_flag(field: str, raw: object, *, today: dt.date | None = None) -> Any:
    """A flag's value, or a UsageError naming the flag: "Invalid --budget: must be ..."."""
    try:
        return parse_answer(field, raw, today=today)
    except UnknownValueError as error:
        raise UsageError(f"Invalid {flag_of(field)}: {error.message}", error.hint) from None
    except InvalidAnswer as error:
        raise UsageError(f"Invalid {flag_of(field)}: {field.replace('_', ' ')} {error}.") from None


def missing_required(answers: Mapping[str, Any]) -> list[str]:
    """Required answers not yet given, in question order."""
    return [name for name in REQUIRED if name not in answers]


def missing_error(missing: Iterable[str]) -> UsageError:
    """Exit 2, naming the flags to give."""
    flags = [flag_of(name) for name in missing]
    listed = flags[0] if len(flags) == 1 else ", ".join(flags[:-1]) + " and " + flags[-1]
    return UsageError(
        f"Missing {listed}.",
        "Give them as flags or in --answers FILE (questions are asked only on a terminal, "
        "without --no-input).",
    )


def build_profile(answers: Mapping[str, Any], *, today: dt.date | None = None) -> Profile:
    """A Profile from parsed answers (ids as keys), with the documented defaults for the rest."""
    missing = missing_required(answers)
    if missing:
        raise missing_error(missing)
    # The model's own defaults (the documented DEFAULTS) fill the rest, so the profile knows
    # which answers were given (Profile.defaulted).
    values = dict(answers)
    if "start" not in values:
        values["start"] = today or dt.date.today()
    return Profile.model_validate(values)


def profile_from_flags(
    values: Mapping[str, str | None], *, today: dt.date | None = None
) -> Profile:
    """A Profile from a flat mapping of flag name (or answer id) to text, e.g. one CSV row:
    {"education": "ged", "budget": "3000", "experience-years": "0", "veteran": "yes"}.

    Blank or None values count as not given, so the documented defaults apply. Errors are a
    UsageError naming the field.
    """
    answers: dict[str, Any] = {}
    for key, raw in values.items():
        field = field_of(key)
        if field not in FIELD_KINDS:
            raise UnknownValueError("answer", key, [flag_of(name)[2:] for name in FIELD_KINDS])
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        answers[field] = parse_flag(field, raw, today=today)
    return build_profile(answers, today=today)


def parse_answers_mapping(
    raw: object,
    where: str,
    *,
    today: dt.date | None = None,
    error: type[UsageError] | type[ProfileError] = UsageError,
    hint: str | None = None,
) -> dict[str, Any]:
    """Validate a mapping read from YAML: known keys only, each value allowed."""
    if not isinstance(raw, dict):
        raise error(f"{where}: expected a mapping of answers such as 'education: ged'.", hint)
    answers: dict[str, Any] = {}
    for key, value in raw.items():
        field = field_of(key) if isinstance(key, str) else ""
        if field not in FIELD_KINDS:
            known = ", ".join(FIELD_KINDS)
            raise error(f"{where}: unknown answer '{key}'. Known: {known}.", hint)
        if value is None:
            continue
        try:
            answers[field] = parse_answer(field, value, today=today)
        except UnknownValueError as exc:
            raise error(f"{where}: {field}: {exc.message} {exc.hint}", hint) from None
        except InvalidAnswer as exc:
            raise error(f"{where}: {field}: {exc}.", hint) from None
    return answers


def load_answers_file(path: Path, *, today: dt.date | None = None) -> dict[str, Any]:
    """Answers from a YAML file (the saved profile's format): a UsageError if it cannot be used."""
    from billing_career.knowledge.loader import read_yaml

    if path.is_dir():
        raise UsageError(f"Answers file {path} is a folder.", "Give --answers a YAML file.")
    try:
        raw = read_yaml(path, label=f"Answers file {path}")
    except DataError as exc:
        raise UsageError(exc.message, "Give --answers a readable YAML file.") from None
    return parse_answers_mapping(raw, str(path), today=today)


# --- the saved profile --------------------------------------------------------------------------


def profile_path() -> Path:
    """Where the saved profile lives: profile.yaml in bcareer's config folder."""
    from billing_career.paths import config_dir

    return config_dir() / PROFILE_FILE


def load_saved(path: Path | None = None) -> dict[str, Any] | None:
    """The saved answers, or None when there are none. A file that cannot be used is a
    ProfileError naming it and how to reset it; it is never replaced silently."""
    from billing_career.knowledge.loader import read_yaml

    try:
        target = path or profile_path()
    except OperationError:  # no home folder: nowhere a profile could have been saved
        return None
    if not target.exists() and not target.is_symlink():
        return None
    where = f"Saved profile {target}"
    try:
        raw = read_yaml(target, label=where)
    except DataError as exc:
        raise ProfileError(exc.message, RESET_HINT) from None
    answers = parse_answers_mapping(raw, where, error=ProfileError, hint=RESET_HINT)
    answers.pop("start", None)
    return answers


def dump_answers(answers: Mapping[str, Any]) -> str:
    """Answers as YAML, in question order: the format of the saved profile and answers files."""
    import yaml

    ordered: dict[str, Any] = {}
    for name in FIELD_KINDS:
        if name in answers:
            value = answers[name]
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            ordered[name] = value
    header = (
        "# bcareer saved answers: `bcareer profile show`, `bcareer profile reset`.\n"
        "# Also usable as `bcareer plan --answers FILE`.\n"
    )
    return header + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True)


SAVE_HINT = "Set BCAREER_CONFIG_DIR to a folder you can write to, or use --no-save."


def save_profile(profile: Profile, path: Path | None = None) -> Path:
    """Write the answers given (not defaults, not the start date) atomically, readable only by
    the user."""
    from billing_career.files import ensure_folder, write_atomic

    target = path or profile_path()
    ensure_folder(target.parent, hint=SAVE_HINT)
    # Only the answers given: a default saved as an answer would read as the person's choice next
    # time.
    defaulted = set(profile.defaulted)
    answers = {
        name: getattr(profile, name)
        for name in FIELD_KINDS
        if name not in NOT_SAVED and name not in defaulted
    }
    # A profile.yaml linked elsewhere (kept in a synced folder) is written through the link.
    write_atomic(target, dump_answers(answers), private=True, through_links=True)
    return target


def reset_profile(path: Path | None = None) -> bool:
    """Remove the saved profile; False when there was none."""
    target = path or profile_path()
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ProfileError(f"Cannot remove {target}: {exc.strerror}.") from None
    return True


# --- questions.yaml against this module ---------------------------------------------------------


def check_questions(questions: QuestionsFile, folder: str) -> None:
    """data/questions.yaml must ask exactly the Profile's questions, with the same kinds, allowed
    values and flags: otherwise a DataError naming the question."""
    label = f"{folder}/questions.yaml"
    seen_ids: set[str] = set()
    for question in questions.questions:
        where = f"{label}: {question.id}"
        if question.id not in FIELD_KINDS:
            raise DataError(
                f"{where}: id: not a question bcareer knows. Known: {', '.join(FIELD_KINDS)}."
            )
        if question.id in seen_ids:
            raise DataError(f"{where}: id: duplicate id '{question.id}'.")
        seen_ids.add(question.id)
        # `bcareer plan` declares its options in code, so --help stays fast without the data.
        if question.flag != flag_of(question.id)[2:]:
            raise DataError(
                f"{where}: flag: must be '{flag_of(question.id)[2:]}', the option "
                "`bcareer plan` has for it."
            )
        expected_kind = FIELD_KINDS[question.id]
        if question.kind != expected_kind:
            raise DataError(f"{where}: kind: must be '{expected_kind}', not '{question.kind}'.")
        given = [choice.value for choice in question.choices]
        allowed = list(CHOICES.get(question.id, ()))
        if sorted(given) != sorted(allowed) or len(set(given)) != len(given):
            wanted = ", ".join(allowed) if allowed else "none"
            raise DataError(f"{where}: choices: must be exactly: {wanted}.")
    missing = [name for name in FIELD_KINDS if name not in seen_ids]
    if missing:
        raise DataError(
            f"{label}: (top level): questions: missing question "
            f"{', '.join(repr(name) for name in missing)}."
        )
