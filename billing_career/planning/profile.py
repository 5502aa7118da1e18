"""A person's answers: strict validation, documented defaults, answers files, the saved profile."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args, get_type_hints

from billing_career.errors import (
    DataError,
    OperationError,
    ProfileError,
    UnknownValueError,
    UsageError,
    shown,
)
from billing_career.knowledge.states import StateCode
from billing_career.planning.answers import (
    ANSWER,
    ANSWERS,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_BUDGET,
    ONE_VALUE_WORDS,
    Answer,
    Background,
    CertCode,
    Education,
    Goal,
    Learning,
    Record,
    Schedule,
    answer_words,
)

if TYPE_CHECKING:
    from billing_career.knowledge.models import QuestionKind, QuestionsFile

# Dates far outside a working life are typos, and month arithmetic must stay inside date's range
# (FIRST_YEAR, LAST_YEAR come from planning.answers).
PROFILE_FILE = "profile.yaml"
# Other named profiles (a counselor's clients) live in this folder, one NAME.yaml each.
PROFILES_FOLDER = "profiles"
DEFAULT_PROFILE = "me"
RESET_HINT = "Run 'bcareer profile reset' to remove it, or fix it by hand."
# Where an answer came from; every answer has exactly one.
Origin = Literal["flag", "answers-file", "asked", "saved", "default"]
ORIGINS: tuple[str, ...] = ("flag", "answers-file", "asked", "saved", "default")


class InvalidProfile(ValueError):
    """Answers a Profile cannot hold: a value of the wrong type or out of range, an unknown
    answer, a required one missing. The parsers (parse_answer) say what is wrong in a person's
    words first; this is the last check, for code that builds a Profile itself."""


def _problem(answer: Answer, value: object) -> str | None:
    """What is wrong with value as the answer to one question (None: nothing), strictly: no
    text read as a number, no 1 as yes, no datetime as a date."""
    if value is None:
        return None if answer.default is None else "must be given, not None"
    kind = answer.kind
    if kind == "choice" and value.__class__ is str and value in answer.choices:
        return None  # the common case, told at once
    if kind in ("choice", "multi"):
        if kind == "multi" and not isinstance(value, tuple):
            return "must be a tuple of choices"
        items: tuple[object, ...] = value if isinstance(value, tuple) else (value,)
        wrong = [item for item in items if item.__class__ is not str or item not in answer.choices]
        return f"must be one of {', '.join(answer.choices)}, not {wrong[0]!r}" if wrong else None
    if kind == "yes-no":
        return None if value.__class__ is bool else "must be True or False"
    if kind == "date":
        return None if value.__class__ is dt.date else "must be a date"
    if kind == "month":
        return None if isinstance(value, str) else "must be text (YYYY-MM)"
    if not isinstance(value, int) or isinstance(value, bool):
        return "must be a whole number"
    if answer.upper is not None and not answer.lowest <= value <= answer.upper:
        return f"must be {answer.lowest} to {answer.upper}"
    return None


class Profile:
    """The answers a plan is made from, one field per question of planning.answers, in order:
    checked strictly when made, then frozen. A plain class, not a pydantic model: `bcareer plan`
    would import pydantic for this one class (a third of its start-up)."""

    # The types, for the type checker; the checks come from planning.answers (a check below
    # keeps the two in step).
    education: Education
    budget: int
    schedule: Schedule
    learning: Learning
    experience_years: int
    background: tuple[Background, ...]
    goal: Goal
    veteran: bool
    employer_sponsor: bool
    remote: bool
    job_seeker: bool | None
    military_spouse: bool
    disability_services: bool
    snap: bool
    employer_amount: int | None
    current_pay: int | None
    credentials: tuple[CertCode, ...]
    training_done: int | None
    failed_exam: tuple[CertCode, ...]
    in_high_school: bool
    graduation: str | None
    age: int | None
    record: Record | None
    state: StateCode | None
    hours_per_week: int
    start: dt.date
    _given: frozenset[str]
    _origins: dict[str, str]
    _hourly_cents: int | None
    _defaulted: tuple[str, ...] | None

    __slots__ = (
        *(answer.id for answer in ANSWERS),
        "_given",
        "_origins",
        "_hourly_cents",
        "_defaulted",
    )

    def __init__(self, **values: Any) -> None:
        unknown = [name for name in values if name not in ANSWER]
        problems = [f"{name}: not an answer" for name in unknown]
        set_field = object.__setattr__
        checked = _CHECKED
        for answer, name, multi, missing in _FILLS:
            if name in values:
                value = values[name]
                # A plain value found right before needs no second look: a row's answers
                # repeat a few values each. Kept with its class (1 and True are equal keys,
                # but True is no whole number); a tuple is looked at every time (its items'
                # classes count too).
                kind = value.__class__
                if kind not in _PLAIN or (name, kind, value) not in checked:
                    problem = _problem(answer, value)
                    if problem is not None:
                        problems.append(f"{name}: {problem}")
                        continue
                    if kind in _PLAIN:
                        if len(checked) >= _CHECKED_LIMIT:
                            checked.clear()
                        checked.add((name, kind, value))
                if multi and value.__class__ is not tuple:
                    value = tuple(value)  # a tuple subclass held as a plain tuple
                elif isinstance(value, int) and value.__class__ not in (int, bool):
                    value = int(value)  # an HourlyPay holds its yearly figure
            elif missing == _PER_PLAN:
                value = answer.default()
            elif missing == _REQUIRED:
                problems.append(f"{name}: missing")
                continue
            else:
                value = answer.default
            set_field(self, name, value)
        if problems:
            raise InvalidProfile(f"Not a valid profile: {'; '.join(problems)}.")
        object.__setattr__(self, "_given", frozenset(values))
        # Where each given answer came from (flag, answers-file, asked, saved); not an answer.
        object.__setattr__(self, "_origins", {})
        # The wage, when the current pay was given by the hour (see hourly_pay_cents).
        object.__setattr__(self, "_hourly_cents", None)
        # What `defaulted` found, once asked (it reads the origins and the wage: set apart
        # again where either is set).
        object.__setattr__(self, "_defaulted", None)

    @classmethod
    def model_validate(cls, values: Mapping[str, Any]) -> Profile:
        """A Profile from a mapping of answer ids (InvalidProfile when it cannot be one)."""
        return cls(**values)

    @property
    def model_fields_set(self) -> set[str]:
        """The answers given when it was made (the rest are their defaults)."""
        return set(self._given)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Profile is frozen: {name} cannot be changed")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Profile is frozen: {name} cannot be removed")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _QUESTION_IDS)

    # Two profiles with the same answers are equal wherever the answers came from.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Profile):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"Profile({', '.join(f'{name}={getattr(self, name)!r}' for name in _QUESTION_IDS)})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Frozen: copy and pickle (a batch's worker processes) rebuild it through __init__, with
        # every value (a default start date is not made again on another day) and what was given.
        values = {name: getattr(self, name) for name in _QUESTION_IDS}
        given, origins = sorted(self._given), dict(self._origins)
        return (_restored, (values, given, origins, self._hourly_cents))

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The questions, in order: the keys to_json (knowledge.serialize) writes, lists as
        lists and the date as ISO text, as it writes a knowledge record."""
        return _QUESTION_IDS

    @property
    def origins(self) -> dict[str, str]:
        """Every answer's origin, in question order: flag, answers-file, asked, saved or default
        (an optional answer not given is 'default', its default being 'unknown')."""
        given = self._given
        origins = self._origins_read()
        # It reads only the answers given and their origins: kept by them (a batch's rows
        # give the same few columns), a copy given out (the caller's to change).
        key = (given, tuple(origins.items()))
        found = _ORIGINS.get(key)
        if found is None:
            found = {
                name: origins.get(name, "flag")
                if name in given and origins.get(name) != "default"
                else "default"
                for name in FIELD_KINDS
            }
            if len(_ORIGINS) >= 1024:
                _ORIGINS.clear()
            _ORIGINS[key] = found
        return dict(found)

    def _origins_read(self) -> dict[str, str]:
        return self._origins

    def with_origins(self, origins: Mapping[str, str]) -> Profile:
        """This profile, saying where each given answer came from."""
        self._origins.update({k: v for k, v in origins.items() if k in self._given})
        object.__setattr__(self, "_defaulted", None)
        return self

    @property
    def defaulted(self) -> tuple[str, ...]:
        """The answers (not the start date) whose origin is 'default', so the documented default
        stands in: a plan must not word them as the person's choices. In question order."""
        found = self._defaulted
        if found is None:
            found = self._defaulted_now()
            object.__setattr__(self, "_defaulted", found)
        return found

    def _defaulted_now(self) -> tuple[str, ...]:
        given = self._given
        origins = self._origins_read()
        # An optional answer not given is unknown, not assumed: nothing stands in for it; nor
        # is one whose question would not be asked (hours a week without a current pay). The
        # origin is 'default' as `origins` says: not given, or given as the default.
        # The hours a week matter to a pay given by the hour, which they made yearly: assumed
        # then (at 40), and only then.
        hourly = self._hourly_cents is not None
        return tuple(
            name
            for name in _ASSUMABLE_OR_HOURS
            if (name not in given or origins.get(name) == "default")
            and self._would_ask(name)
            and (hourly or name != "hours_per_week")
        )

    @property
    def hourly_pay_cents(self) -> int | None:
        """The wage in cents when the current pay was given by the hour ("17/h"); current_pay
        is then that wage over the hours a week, for a year (None: given yearly, or not given)."""
        return self._hourly_cents

    def pay_as_given(self) -> int | None:
        """The current pay as it was given: an HourlyPay for a wage (made yearly again at the
        hours of the profile it goes into), else the yearly figure."""
        if self._hourly_cents is not None:
            return HourlyPay(self._hourly_cents)
        return self.current_pay

    def _would_ask(self, name: str) -> bool:
        """Whether the question is asked given the other answers (the amount after a yes)."""
        depends_on = ANSWER[name].asked_only_if
        return depends_on is None or bool(getattr(self, depends_on))


def _restored(
    values: dict[str, Any], given: list[str], origins: dict[str, str], hourly: int | None = None
) -> Profile:
    profile = Profile(**values)
    object.__setattr__(profile, "_given", frozenset(given))
    object.__setattr__(profile, "_hourly_cents", hourly)
    object.__setattr__(profile, "_defaulted", None)
    return profile.with_origins(origins)


def _check_fields() -> None:
    """Profile's fields must be the declared questions, in order, with their allowed values."""
    hints = {name: hint for name, hint in get_type_hints(Profile).items() if name[0] != "_"}
    for (name, annotation), answer in zip(hints.items(), ANSWERS, strict=True):
        args = get_args(annotation)
        if answer.kind == "multi" or (answer.choices and type(None) in args):
            # tuple[Choice, ...] and Choice | None: the choices are the first argument's.
            args = get_args(args[0])
        if name != answer.id or (answer.choices and args != answer.choices):
            raise RuntimeError(f"Profile.{name} does not match planning.answers ({answer.id}).")


_check_fields()

_QUESTION_IDS: tuple[str, ...] = tuple(spec.id for spec in ANSWERS)
# What Profile() does for each answer not given: its default made for the plan, missing, or its
# default; with each answer, its id and whether it is a list (told once, not per profile).
_PER_PLAN, _REQUIRED, _DEFAULT = 1, 2, 3
_FILLS: tuple[tuple[Answer, str, bool, int], ...] = tuple(
    (
        spec,
        spec.id,
        spec.kind == "multi",
        _PER_PLAN if spec.per_plan else _REQUIRED if spec.required else _DEFAULT,
    )
    for spec in ANSWERS
)
# The answers Profile() found right, each with its type (see Profile.__init__); bounded.
_CHECKED: set[tuple[str, type, Any]] = set()
_CHECKED_LIMIT = 4096
_PLAIN: frozenset[type] = frozenset({str, int, bool, dt.date, type(None)})
# Profile.origins by the answers given and their origins; bounded.
_ORIGINS: dict[tuple[frozenset[str], tuple[tuple[str, str], ...]], dict[str, str]] = {}

FIELD_KINDS: dict[str, QuestionKind] = {spec.id: spec.kind for spec in ANSWERS}
REQUIRED: tuple[str, ...] = tuple(spec.id for spec in ANSWERS if spec.required)
# Questions asked only when another answer is yes: {question: the answer it depends on}.
ASKED_ONLY_IF: dict[str, str] = {
    spec.id: spec.asked_only_if for spec in ANSWERS if spec.asked_only_if is not None
}
# Money answers that may also be given as an hourly wage ("17/h").
HOURLY_ALLOWED = frozenset(spec.id for spec in ANSWERS if spec.hourly)
MONEY_WHAT = "a whole number of US dollars, 0 or more"
CHOICES: dict[str, tuple[str, ...]] = {spec.id: spec.choices for spec in ANSWERS if spec.choices}
# Documented defaults of the optional questions; start defaults to the day the plan is made.
DEFAULTS: dict[str, Any] = {
    spec.id: spec.default for spec in ANSWERS if not spec.required and not spec.per_plan
}
# The answers whose documented default stands in when not given (Profile.defaulted), in
# question order.
_ASSUMABLE: tuple[str, ...] = tuple(
    name
    for name in FIELD_KINDS
    if name != "start" and DEFAULTS.get(name) is not None and ANSWER[name].assumed
)
# The same, with the hours a week where they stand (assumed only behind an hourly pay).
_ASSUMABLE_OR_HOURS: tuple[str, ...] = tuple(
    name for name in FIELD_KINDS if name in _ASSUMABLE or name == "hours_per_week"
)
# The start date is a property of one plan, not of the person: it is never saved, so the next
# run starts from its own today; it is no rule fact and no batch column either.
NOT_SAVED = frozenset(spec.id for spec in ANSWERS if spec.per_plan)
# Answers each person of a batch gives in the file's columns.
ROW_ANSWERS = tuple(spec.id for spec in ANSWERS if not spec.per_plan)


def answer_facts(profile: Profile) -> dict[str, Any]:
    """The answers as rule facts (lists as sets; not the start date); unknown ones are None."""
    facts: dict[str, Any] = {}
    for name in ROW_ANSWERS:
        value = getattr(profile, name)
        facts[name] = frozenset(value) if isinstance(value, tuple) else value
    return facts


def skippable(field: str) -> bool:
    """An optional answer whose default is 'not given': the questionnaire lets you skip it."""
    return field in DEFAULTS and DEFAULTS[field] is None and FIELD_KINDS[field] != "yes-no"


def flag_of(field: str) -> str:
    """--experience-years for experience_years."""
    return "--" + field.replace("_", "-")


def field_of(key: str) -> str:
    """The answer id for a flag or key spelling: 'experience-years' -> 'experience_years'."""
    # Kept by spelling: a batch asks the same dozen column names for every row.
    field = _FIELD_OF.get(key)
    if field is None:
        field = key.strip().lstrip("-").lower().replace("-", "_")
        if len(_FIELD_OF) >= 1024:
            _FIELD_OF.clear()
        _FIELD_OF[key] = field
    return field


_FIELD_OF: dict[str, str] = {}


class InvalidAnswer(ValueError):
    """One answer is not allowed; the message says what is expected."""


# The ways a date may be typed (knowledge.wording.parse_date_text reads them).
DATE_FORMS = "YYYY-MM-DD, 6/8/2027 or June 8, 2027"
_TRUE = frozenset({"yes", "y", "true", "t", "1", "on"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "off"})


# BLS counts a full-time year as 2,080 hours (40 a week x 52): an hourly wage "17/h" is 17 x the
# hours a week (hours_per_week, default 40) x 52 a year.
HOURS_PER_YEAR = 2080
WEEKS_PER_YEAR = 52


class HourlyPay(int):
    """Pay typed as an hourly wage: the yearly figure at 40 hours a week, with the wage in cents
    kept so build_profile can redo it with the person's hours_per_week."""

    cents: int

    def __new__(cls, cents: int) -> HourlyPay:
        value = super().__new__(cls, cents * HOURS_PER_YEAR // 100)
        value.cents = cents
        return value

    def yearly(self, hours: int) -> int:
        """The yearly pay at this many hours a week."""
        return self.cents * hours * WEEKS_PER_YEAR // 100


_HOURLY_SUFFIXES = ("/h", "/hr", "/hour", "an hour", "per hour")
# Longer digit strings are typos (and Python refuses to convert very long ones).
_MAX_DIGITS = 12


def _whole_number(raw: object, what: str, upper: int, *, money: bool = False) -> int:
    """A whole number from YAML or typed text. Money may be written "$3,000.00": the cents are
    dropped (rounded down), as the tool plans in whole dollars."""
    if isinstance(raw, bool):
        raise InvalidAnswer(f"must be {what}, not yes/no")
    if isinstance(raw, float) and (raw.is_integer() or money) and raw == raw:
        raw = int(raw) if abs(raw) < 10**_MAX_DIGITS else str(raw)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip().replace(",", "").replace("_", "")
        if money:
            text = text.removeprefix("$").strip()
            whole, dot, cents = text.partition(".")
            if dot and (cents.isdigit() and cents.isascii()) and whole:
                text = whole
        if text.startswith("-") and text[1:].isdigit() and not text[1:].strip("0"):
            text = text[1:]  # "-0" is zero, not a negative number
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


def _pay(raw: object) -> int:
    """Yearly pay in dollars, or an hourly wage as "17/h" (times HOURS_PER_YEAR)."""
    what = "yearly US dollars (for example 35000) or an hourly wage such as 17/h"
    if isinstance(raw, str):
        text = raw.strip().lower()
        for suffix in _HOURLY_SUFFIXES:
            if text.endswith(suffix):
                hourly = text.removesuffix(suffix).strip().removeprefix("$").strip()
                dollars, dot, cents = hourly.partition(".")
                if not dollars.isdigit() or not dollars.isascii() or len(dollars) > 6:
                    raise InvalidAnswer(f"must be {what}; got '{shown(raw.strip())}'")
                if dot and not (cents.isdigit() and cents.isascii() and len(cents) <= 2):
                    raise InvalidAnswer(f"must be {what}; got '{shown(raw.strip())}'")
                in_cents = int(dollars) * 100 + (int(cents.ljust(2, "0")) if dot else 0)
                _whole_number(in_cents * HOURS_PER_YEAR // 100, what, MAX_BUDGET)
                return HourlyPay(in_cents)
    return _whole_number(raw, what, MAX_BUDGET, money=True)


def _choice(field: str, raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer(f"must be one of: {', '.join(CHOICES[field])}")
    value = "-".join(raw.strip().lower().split())
    # Case does not matter: 'cbcs' is CBCS, 'tx' is TX.
    by_lower = {choice.lower(): choice for choice in CHOICES[field]}
    if value not in by_lower:
        # One value of a list answer is named as one ("Unknown exam 'XYZ'"), not by the
        # list's name ("Unknown exams not passed 'XYZ'"): flags, batch rows, answers files.
        words = ONE_VALUE_WORDS.get(field) or answer_words(field)
        raise UnknownValueError(words, raw.strip(), list(CHOICES[field]))
    return by_lower[value]


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
    from billing_career.knowledge.wording import NoSuchDate, parse_date_text

    if isinstance(raw, dt.datetime):
        raise InvalidAnswer(f"must be a date ({DATE_FORMS}) without a time")
    if isinstance(raw, dt.date):
        value = dt.date(raw.year, raw.month, raw.day)  # a date subclass held as a date
    elif isinstance(raw, str):
        text = raw.strip()
        if text.lower() == "today":
            return today or dt.date.today()
        try:
            value = parse_date_text(text)
        except NoSuchDate:
            # The right shape, but a day the calendar lacks (2026-02-30, 2027-13-01).
            raise InvalidAnswer(f"is not a real day (no such date as '{shown(text)}')") from None
        except ValueError:
            raise InvalidAnswer(f"must be a date as {DATE_FORMS}; got '{shown(text)}'") from None
    else:
        raise InvalidAnswer(f"must be a date as {DATE_FORMS}")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidAnswer(f"must be a date between {FIRST_YEAR} and {LAST_YEAR}")
    return value


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def _month(raw: object) -> str:
    """A month as YYYY-MM (a YAML date or YYYY-MM-DD is cut to its month)."""
    if isinstance(raw, dt.date):
        raw = raw.isoformat()[:7]
    if not isinstance(raw, str):
        raise InvalidAnswer("must be a month as YYYY-MM")
    text = raw.strip()
    if _ISO_DAY.fullmatch(text):
        text = text[:7]
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidAnswer(f"must be a month as YYYY-MM; got '{shown(text)}'")
    if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise InvalidAnswer(f"must be a month between {FIRST_YEAR} and {LAST_YEAR}")
    return text


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
        if field in HOURLY_ALLOWED:
            return _pay(raw)
        return _whole_number(raw, MONEY_WHAT, MAX_BUDGET, money=True)
    upper = ANSWER[field].upper or MAX_BUDGET
    if kind == "years":
        return _whole_number(raw, "a whole number of years, 0 or more", upper)
    if kind == "number":
        least = ANSWER[field].lowest
        number = _whole_number(raw, f"a whole number, {least} or more", upper)
        if number < least:
            raise InvalidAnswer(f"must be a whole number, {least} or more")
        return number
    if kind == "year":
        year = _whole_number(raw, "a year such as 2024", upper)
        if year < FIRST_YEAR:
            raise InvalidAnswer(f"must be a year between {FIRST_YEAR} and {LAST_YEAR}")
        return year
    if kind == "month":
        return _month(raw)
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
        raise UsageError(f"Invalid {flag_of(field)}: {answer_words(field)} {error}.") from None


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


def build_profile(
    answers: Mapping[str, Any],
    *,
    today: dt.date | None = None,
    origins: Mapping[str, str] | None = None,
) -> Profile:
    """A Profile from parsed answers (ids as keys), with the documented defaults for the rest;
    origins says where each came from (not named: 'flag')."""
    missing = missing_required(answers)
    if missing:
        raise missing_error(missing)
    # The model's own defaults (the documented DEFAULTS) fill the rest, so the profile knows
    # which answers were given (Profile.origins).
    values = dict(answers)
    pay = values.get("current_pay")
    hourly = None
    if isinstance(pay, HourlyPay):
        hourly = pay.cents
        values["current_pay"] = pay.yearly(
            values.get("hours_per_week") or DEFAULTS["hours_per_week"]
        )
    elif pay is not None and not isinstance(pay, bool) and isinstance(pay, int):
        values["current_pay"] = int(pay)
    where = dict(origins or {})
    if "start" not in values:
        values["start"] = today or dt.date.today()
        where["start"] = "default"
    profile = Profile.model_validate(values)
    if hourly is not None:
        object.__setattr__(profile, "_hourly_cents", hourly)
        object.__setattr__(profile, "_defaulted", None)
    return profile.with_origins(where)


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
        if raw.__class__ is not str:
            answers[field] = parse_flag(field, raw, today=today)
            continue
        # The same text reads the same (a cohort's rows repeat a few values per column).
        text_key = (field, raw, today)
        parsed = _PARSED.get(text_key, _UNPARSED)
        if parsed is _UNPARSED:
            parsed = parse_flag(field, raw, today=today)
            if len(_PARSED) >= _PARSED_LIMIT:
                _PARSED.clear()
            _PARSED[text_key] = parsed
        answers[field] = parsed
    return build_profile(answers, today=today)


# Answers read from text, by field, text and today (see profile_from_flags); bounded.
_PARSED: dict[tuple[str, str, dt.date | None], Any] = {}
_PARSED_LIMIT = 4096
_UNPARSED = object()


def person_answers(values: Mapping[str, str | None]) -> dict[str, Any]:
    """Some of the person's answers, as flags' text (None: not given), parsed as `bcareer plan`
    parses them, an hourly pay made yearly with the hours a week: for commands such as
    `salary` that take only the answers that change their result."""
    answers = {field: parse_flag(field, raw) for field, raw in values.items() if raw is not None}
    pay = answers.get("current_pay")
    if isinstance(pay, HourlyPay):
        answers["current_pay"] = pay.yearly(
            answers.get("hours_per_week") or DEFAULTS["hours_per_week"]
        )
    elif pay is not None:
        answers["current_pay"] = int(pay)
    return answers


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

    try:
        is_folder = path.is_dir()
    except OSError as exc:  # a folder on the way that cannot be entered, a name too long
        raise UsageError(
            f"Answers file {path}: cannot be used ({exc.strerror or exc}).",
            "Give --answers a readable YAML file.",
        ) from None
    if is_folder:
        raise UsageError(f"Answers file {path} is a folder.", "Give --answers a YAML file.")
    try:
        raw = read_yaml(path, label=f"Answers file {path}")
    except DataError as exc:
        raise UsageError(exc.message, "Give --answers a readable YAML file.") from None
    return parse_answers_mapping(raw, str(path), today=today)


# --- the saved profile --------------------------------------------------------------------------


_PROFILE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def profile_name(name: str) -> str:
    """A profile's name: letters, digits, - and _ only (it names a file); else a UsageError."""
    if not _PROFILE_NAME.fullmatch(name):
        raise UsageError(
            f"Invalid profile name '{shown(name)}': use letters, digits, - and _ only "
            "(at most 64).",
            "For example --profile client-07.",
        )
    return name


def profile_path(name: str = DEFAULT_PROFILE) -> Path:
    """Where a saved profile lives: profile.yaml in bcareer's config folder for 'me', and
    profiles/NAME.yaml for the others (a counselor's clients)."""
    from billing_career.paths import config_dir

    if profile_name(name) == DEFAULT_PROFILE:
        return config_dir() / PROFILE_FILE
    return config_dir() / PROFILES_FOLDER / f"{name}.yaml"


def profile_names() -> list[str]:
    """The saved profiles' names, 'me' first, then the others sorted."""
    from billing_career.paths import config_dir

    try:
        folder = config_dir()
    except OperationError:
        return []
    names = [DEFAULT_PROFILE] if (folder / PROFILE_FILE).is_file() else []
    others = folder / PROFILES_FOLDER
    if others.is_dir():
        names += sorted(
            path.stem
            for path in others.glob("*.yaml")
            if path.is_file() and _PROFILE_NAME.fullmatch(path.stem) and path.stem != "me"
        )
    return names


def load_saved(path: Path | None = None) -> dict[str, Any] | None:
    """The saved answers, or None when there are none. A file that cannot be used is a
    ProfileError naming it and how to reset it; it is never replaced silently."""
    from billing_career.knowledge.loader import read_yaml

    try:
        target = path or profile_path()
    except OperationError:  # no home folder: nowhere a profile could have been saved
        return None
    try:
        there = target.exists() or target.is_symlink()
    except OSError:
        # A config folder that cannot be entered holds nothing this run can read: no saved
        # answers (the save after the plan fails too, and says so as a warning).
        return None
    if not there:
        return None
    where = f"Saved profile {target}"
    hint = (
        RESET_HINT
        if target.name == PROFILE_FILE
        else f"Run 'bcareer profile delete {target.stem}' to remove it, or fix it by hand."
    )
    try:
        raw = read_yaml(target, label=where)
    except DataError as exc:
        raise ProfileError(exc.message, hint) from None
    answers = parse_answers_mapping(raw, where, error=ProfileError, hint=hint)
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
        "# bcareer saved answers: `bcareer profile show`, `bcareer profile delete`.\n"
        "# Also usable as `bcareer plan --answers FILE`.\n"
    )
    return header + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True)


SAVE_HINT = "Set BCAREER_CONFIG_DIR to a folder you can write to, or use --no-save."


def hourly_text(cents: int) -> str:
    """A wage as an answer reads it: '17/h', '17.50/h'."""
    dollars, rest = divmod(cents, 100)
    return f"{dollars}/h" if not rest else f"{dollars}.{rest:02d}/h"


def save_profile(profile: Profile, path: Path | None = None) -> Path:
    """Write the answers given (not defaults, not the start date) atomically, readable only by
    the user."""
    from billing_career.files import ensure_folder, write_atomic

    target = path or profile_path()
    ensure_folder(target.parent, hint=SAVE_HINT)
    # Only the answers given: a default saved as an answer would read as the person's choice next
    # time.
    origins = profile.origins
    answers = {
        name: getattr(profile, name)
        for name in FIELD_KINDS
        if name not in NOT_SAVED
        and origins[name] != "default"
        and getattr(profile, name) is not None
    }
    wage = profile.hourly_pay_cents
    if wage is not None and "current_pay" in answers:
        # As given, by the hour ("17/h"): read back, it is made yearly at the hours then given
        # (a yearly figure saved would keep this run's hours).
        answers["current_pay"] = hourly_text(wage)
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
