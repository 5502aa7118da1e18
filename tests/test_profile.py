"""Answers: strict values, the documented defaults, answers files and the saved profile."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from conftest import DATA

from billing_career.errors import DataError, ProfileError, UsageError
from billing_career.knowledge.loader import validate_file
from billing_career.knowledge.models import QuestionsFile
from billing_career.knowledge.serialize import to_json
from billing_career.planning.load import build_knowledge
from billing_career.planning.profile import (
    DEFAULTS,
    FIELD_KINDS,
    Profile,
    build_profile,
    check_questions,
    dump_answers,
    load_answers_file,
    load_saved,
    profile_from_flags,
    profile_path,
    reset_profile,
    save_profile,
)

TODAY = dt.date(2026, 1, 5)
REQUIRED = {"education": "ged", "budget": "3000", "schedule": "full-time"}


def test_defaults_are_the_documented_ones() -> None:
    assert DEFAULTS == {
        "learning": "either",
        "experience_years": 0,
        "background": (),
        "goal": "quick-entry",
        "veteran": False,
        "employer_sponsor": False,
        "remote": False,
        "job_seeker": None,
        "military_spouse": False,
        "disability_services": False,
        "snap": False,
        "employer_amount": None,
        "current_pay": None,
        "credentials": (),
        "training_done": None,
        "failed_exam": (),
        "in_high_school": False,
        "graduation": None,
        "age": None,
        "record": None,
        "state": None,
        "hours_per_week": 40,
    }
    profile = profile_from_flags(REQUIRED, today=TODAY)
    assert profile.start == TODAY
    assert to_json(profile) == {
        "education": "ged",
        "budget": 3000,
        "schedule": "full-time",
        "learning": "either",
        "experience_years": 0,
        "background": [],
        "goal": "quick-entry",
        "veteran": False,
        "employer_sponsor": False,
        "remote": False,
        "job_seeker": None,
        "military_spouse": False,
        "disability_services": False,
        "snap": False,
        "employer_amount": None,
        "current_pay": None,
        "credentials": [],
        "training_done": None,
        "failed_exam": [],
        "in_high_school": False,
        "graduation": None,
        "age": None,
        "record": None,
        "state": None,
        "hours_per_week": 40,
        "start": "2026-01-05",
    }


def test_flat_mapping_of_flag_names_builds_a_profile() -> None:
    row = {
        **REQUIRED,
        "experience-years": "2",
        "veteran": "yes",
        "employer_sponsor": "no",
        "background": "Data Entry, customer-service",
        "budget": "$3,500",
        "remote": "",
        "start": "2026-02-01",
        "goal": None,
    }
    profile = profile_from_flags(row, today=TODAY)
    assert profile.experience_years == 2 and profile.veteran and not profile.employer_sponsor
    # Data order, not typing order, and blanks mean "not given".
    assert profile.background == ("customer-service", "data-entry")
    assert profile.budget == 3500 and profile.remote is False and profile.goal == "quick-entry"
    assert profile.start == dt.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (
            "budget",
            "-5",
            "Invalid --budget: budget must be a whole number of US dollars, 0 or more",
        ),
        ("budget", "lots", "got 'lots'"),
        ("budget", "12.5.0", "got '12.5.0'"),
        ("budget", "9" * 5000, "at most 10,000,000"),
        ("current-pay", "17/week", "an hourly wage such as 17/h"),
        ("current-pay", "-3/h", "an hourly wage such as 17/h"),
        ("employer-amount", "lots", "Invalid --employer-amount"),
        ("job-seeker", "perhaps", "Invalid --job-seeker"),
        ("budget", "99999999", "at most 10,000,000"),
        ("education", "phd", "Unknown education 'phd'"),
        ("schedule", "weekends", "Unknown schedule 'weekends'"),
        ("experience-years", "1.5", "Invalid --experience-years"),
        ("veteran", "maybe", "Invalid --veteran: veteran must be yes or no"),
        ("start", "2026-13-45", "Invalid --start: start date is not a real day"),
        ("start", "13/01/2026", "Invalid --start: start date is not a real day"),
        ("start", "2026-1-5", "Invalid --start: start date must be a date as YYYY-MM-DD"),
        ("start", "05.01.2026", "got '05.01.2026'"),
        ("start", "Jnue 8, 2027", "got 'Jnue 8, 2027'"),
        ("start", "2026-W01-1", "got '2026-W01-1'"),
        ("start", "20260105", "got '20260105'"),
        ("start", "2026-\uff101-05", "must be a date as YYYY-MM-DD"),
        ("start", "1850-01-01", "between 1970 and 2100"),
        ("background", "juggling", "Unknown background 'juggling'"),
    ],
)
def test_a_bad_value_is_a_usage_error_naming_the_field(key: str, value: str, expected: str) -> None:
    with pytest.raises(UsageError) as caught:
        profile_from_flags({**REQUIRED, key: value}, today=TODAY)
    assert expected in str(caught.value)
    assert caught.value.exit_code == 2


def test_unknown_key_and_missing_answers_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="Unknown answer 'salary'"):
        profile_from_flags({**REQUIRED, "salary": "1"})
    with pytest.raises(UsageError, match="Missing --budget and --schedule"):
        profile_from_flags({"education": "ged"})


def test_education_suggests_a_close_match() -> None:
    with pytest.raises(UsageError, match="Did you mean 'high-school'"):
        profile_from_flags({**REQUIRED, "education": "highschool"})
    assert profile_from_flags({**REQUIRED, "education": "High School"}).education == "high-school"


def test_profile_model_is_strict() -> None:
    with pytest.raises(ValueError):
        Profile.model_validate({"education": "ged", "budget": "3000", "schedule": "full-time"})
    with pytest.raises(ValueError):
        Profile.model_validate({"education": "ged", "budget": -1, "schedule": "full-time"})


# --- answers files ------------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_file_takes_yaml_values_and_flag_spellings(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.yaml",
        "education: ged\nbudget: 3000\nschedule: part-time\n"
        "experience-years: 1\nbackground: [insurance]\nveteran: true\n"
        "start: 2026-04-01\n",
    )
    answers = load_answers_file(path, today=TODAY)
    assert answers == {
        "education": "ged",
        "budget": 3000,
        "schedule": "part-time",
        "experience_years": 1,
        "background": ("insurance",),
        "veteran": True,
        "start": dt.date(2026, 4, 1),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- ged\n- 3000\n", "expected a mapping of answers"),
        ("education: ged\nsalary: 3\n", "unknown answer 'salary'"),
        ("budget: -5\n", "budget: must be a whole number of US dollars"),
        ("budget: lots\n", "got 'lots'"),
        ("education: phd\n", "education: Unknown education 'phd'"),
        ("veteran: 3\n", "veteran: must be yes or no"),
        ("start: 2026-01-05 10:00:00\n", "without a time"),
        ("education: [ged\n", "not valid YAML"),
    ],
)
def test_a_bad_answers_file_is_a_usage_error_naming_it(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path / "answers.yaml", text)
    with pytest.raises(UsageError) as caught:
        load_answers_file(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_missing_or_unreadable_answers_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="file is missing"):
        load_answers_file(tmp_path / "nope.yaml")
    with pytest.raises(UsageError, match="is a folder"):
        load_answers_file(tmp_path)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UsageError, match="not UTF-8"):
        load_answers_file(binary)


# --- the saved profile --------------------------------------------------------------------------


def test_saved_profile_is_private_atomic_and_round_trips(isolated_home: Path) -> None:
    profile = profile_from_flags(
        {**REQUIRED, "background": "accounting", "remote": "yes", "start": "2026-03-01"}
    )
    path = save_profile(profile)
    assert path == profile_path() == isolated_home / "config" / "profile.yaml"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    saved = load_saved()
    assert saved is not None
    # The start date belongs to one plan and is not saved.
    assert "start" not in saved and "start" not in path.read_text(encoding="utf-8")
    assert build_profile({**saved, "start": profile.start}) == profile
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_no_saved_profile_is_none() -> None:
    assert load_saved() is None
    assert reset_profile() is False


@pytest.mark.parametrize(
    "text", ["budget: [\n", "just text\n", "education: phd\n", "favourite_colour: blue\n"]
)
def test_a_corrupt_profile_names_its_path_and_the_reset(text: str) -> None:
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_saved()
    message = str(caught.value)
    assert str(path) in message and "bcareer profile reset" in message
    assert caught.value.exit_code == 1
    assert path.read_text(encoding="utf-8") == text
    assert reset_profile() is True and not path.exists()


def test_dump_answers_is_an_answers_file(tmp_path: Path) -> None:
    profile = profile_from_flags({**REQUIRED, "background": "insurance,accounting"}, today=TODAY)
    text = dump_answers(to_json(profile))
    path = write(tmp_path / "again.yaml", text)
    assert build_profile(load_answers_file(path)) == profile


# --- questions.yaml against the profile ---------------------------------------------------------


def questions_with(change: dict[str, object], index: int) -> QuestionsFile:
    kb = build_knowledge(DATA)
    raw = kb.questions.to_data()
    raw["questions"][index] = {**raw["questions"][index], **change}
    return validate_file(QuestionsFile, raw, "data/questions.yaml")


def test_questions_file_asks_exactly_the_profile_questions() -> None:
    kb = build_knowledge(DATA)
    assert [q.id for q in kb.questions.questions] == list(FIELD_KINDS)
    assert all(q.flag == q.id.replace("_", "-") for q in kb.questions.questions)
    assert all(q.help and "\n" not in q.help for q in kb.questions.questions)
    check_questions(kb.questions, "data")


@pytest.mark.parametrize(
    ("change", "index", "expected"),
    [
        ({"id": "shoe_size"}, 0, "shoe_size: id: not a question bcareer knows"),
        ({"kind": "money"}, 0, "education: kind: must be 'choice'"),
        (
            {"choices": ({"value": "phd", "label": "PhD"},)},
            0,
            "education: choices: must be exactly",
        ),
        ({"flag": "level"}, 0, "education: flag: must be 'education'"),
        (
            {"id": "budget", "flag": "budget", "kind": "money", "choices": ()},
            0,
            "budget: id: duplicate id 'budget'",
        ),
    ],
)
def test_a_question_that_does_not_fit_is_a_data_error(
    change: dict[str, object], index: int, expected: str
) -> None:
    questions = questions_with(change, index)
    with pytest.raises(DataError, match=expected):
        check_questions(questions, "data")


@pytest.mark.parametrize(
    ("typed", "dollars"),
    [("$3,000.00", 3000), ("3000.99", 3000), ("1,500", 1500), ("0", 0)],
)
def test_money_may_be_written_with_a_dollar_sign_and_cents(typed: str, dollars: int) -> None:
    assert profile_from_flags({**REQUIRED, "budget": typed}, today=TODAY).budget == dollars


@pytest.mark.parametrize(
    ("typed", "yearly"),
    [("17/h", 17 * 2080), ("$17.50/h", 36_400), ("36,000", 36_000), ("20 per hour", 41_600)],
)
def test_current_pay_is_yearly_or_hourly_times_2080(typed: str, yearly: int) -> None:
    profile = profile_from_flags({**REQUIRED, "current-pay": typed}, today=TODAY)
    assert profile.current_pay == yearly


def test_an_hourly_pay_keeps_its_wage_and_assumes_the_hours_only_when_not_given() -> None:
    import pickle

    hourly = profile_from_flags({**REQUIRED, "current-pay": "$17.50/h"}, today=TODAY)
    assert (hourly.hourly_pay_cents, hourly.current_pay) == (1750, 36_400)
    # 40 hours a week made the yearly figure: the plan says it assumed them.
    assert "hours_per_week" in hourly.defaulted
    at_twenty = profile_from_flags(
        {**REQUIRED, "current-pay": "17.50/h", "hours-per-week": "20"}, today=TODAY
    )
    assert (at_twenty.current_pay, at_twenty.hourly_pay_cents) == (18_200, 1750)
    assert "hours_per_week" not in at_twenty.defaulted
    yearly = profile_from_flags({**REQUIRED, "current-pay": "36,400"}, today=TODAY)
    assert yearly.hourly_pay_cents is None
    assert "hours_per_week" not in yearly.defaulted
    assert yearly.pay_as_given() == 36_400
    # No pay is earned at 0 hours a week: at least one.
    with pytest.raises(UsageError, match="1 or more"):
        profile_from_flags({**REQUIRED, "current-pay": "17/h", "hours-per-week": "0"}, today=TODAY)
    # A worker process gets the wage too (profiles are pickled to it).
    copied = pickle.loads(pickle.dumps(hourly))
    assert (copied.hourly_pay_cents, copied.defaulted) == (1750, hourly.defaulted)
    # Made yearly again at another profile's hours.
    assert (
        build_profile(
            {
                "current_pay": hourly.pay_as_given(),
                "hours_per_week": 30,
                "education": "ged",
                "budget": 0,
                "schedule": "full-time",
            }
        ).current_pay
        == 27_300
    )


def test_a_saved_hourly_pay_is_read_back_by_the_hour(tmp_path: Path) -> None:
    """Saved as given ("17.50/h", with the hours given), a wage is made yearly again at the hours
    of the next run: a yearly figure saved kept the first run's hours."""
    given = profile_from_flags(
        {**REQUIRED, "current-pay": "$17.50/h", "hours-per-week": "30"}, today=TODAY
    )
    target = tmp_path / "profile.yaml"
    save_profile(given, target)
    text = target.read_text(encoding="utf-8")
    assert "current_pay: 17.50/h" in text and "hours_per_week: 30" in text
    saved = load_saved(target)
    again = build_profile({**saved, "hours_per_week": 20}, today=TODAY)
    assert (again.hourly_pay_cents, again.current_pay) == (1750, 17_50 * 20 * 52 // 100)
    # A yearly pay is saved as a yearly pay.
    yearly = profile_from_flags({**REQUIRED, "current-pay": "36,400"}, today=TODAY)
    save_profile(yearly, target)
    assert "current_pay: 36400" in target.read_text(encoding="utf-8")


def test_the_new_answers_are_unknown_until_given_and_saved_once_given(tmp_path: Path) -> None:
    plain = profile_from_flags(REQUIRED, today=TODAY)
    assert (plain.job_seeker, plain.employer_amount, plain.current_pay) == (None, None, None)
    assert not {"job_seeker", "employer_amount", "current_pay"} & set(plain.defaulted)
    given = profile_from_flags(
        {**REQUIRED, "job-seeker": "yes", "employer-amount": "$1,200", "current-pay": "17/h"},
        today=TODAY,
    )
    assert to_json(given)["job_seeker"] is True
    assert to_json(given)["employer_amount"] == 1200
    assert to_json(given)["current_pay"] == 35_360
    target = tmp_path / "profile.yaml"
    save_profile(given, target)
    assert load_saved(target) == {
        "education": "ged",
        "budget": 3000,
        "schedule": "full-time",
        "job_seeker": True,
        "employer_amount": 1200,
        "current_pay": 35_360,
    }
    save_profile(plain, target)
    assert "job_seeker" not in target.read_text()


def test_every_declared_answer_is_a_plan_option_with_its_help(invoke) -> None:
    from billing_career.planning.answers import ANSWERS

    result = invoke("plan", "--help", env={"COLUMNS": "200"})
    # Without any spaces: help text wraps at hyphens too.
    flat = "".join(result.out.split())
    for answer in ANSWERS:
        assert answer.flag in flat
        assert "".join(answer.help_line.split()) in flat, answer.id


@pytest.mark.parametrize(
    "typed", ["2027-06-08", "6/8/2027", "06/08/2027", "June 8, 2027", "Jun 8 2027"]
)
def test_a_start_date_is_read_as_people_write_it(typed: str) -> None:
    """The questionnaire and the answers file take YYYY-MM-DD, 6/8/2027 and June 8, 2027."""
    profile = profile_from_flags({**REQUIRED, "start": typed}, today=TODAY)
    assert profile.start == dt.date(2027, 6, 8)


BASE_ANSWERS = {"education": "ged", "budget": 1500, "schedule": "part-time"}


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("budget", "1500", "budget: must be a whole number"),
        ("budget", 1500.0, "budget: must be a whole number"),
        ("budget", True, "budget: must be a whole number"),
        ("budget", -1, "budget: must be 0 to"),
        ("veteran", 1, "veteran: must be True or False"),
        ("veteran", None, "veteran: must be given, not None"),
        ("education", "GED", "education: must be one of none, ged"),
        ("background", ["insurance"], "background: must be a tuple of choices"),
        ("background", ("insurance", "x"), "background: must be one of"),
        ("start", dt.datetime(2027, 1, 4, 9, 0), "start: must be a date"),
        ("start", "2027-01-04", "start: must be a date"),
        ("colour", "red", "colour: not an answer"),
    ],
)
def test_a_profile_takes_only_parsed_answers(name: str, value: object, says: str) -> None:
    from billing_career.planning.profile import InvalidProfile, Profile

    with pytest.raises(InvalidProfile, match=says.replace("(", r"\(")):
        Profile(**{**BASE_ANSWERS, name: value})


@pytest.mark.parametrize(
    ("name", "right", "wrong", "says"),
    [
        ("veteran", True, 1, "veteran: must be True or False"),
        ("budget", 1, True, "budget: must be a whole number"),
        ("budget", 1500, 1500.0, "budget: must be a whole number"),
        ("background", ("insurance",), ["insurance"], "background: must be a tuple of choices"),
        ("start", dt.date(2027, 1, 4), dt.datetime(2027, 1, 4), "start: must be a date"),
    ],
)
def test_a_value_found_right_once_does_not_let_an_equal_wrong_one_through(
    name: str, right: object, wrong: object, says: str
) -> None:
    # Profile() keeps the plain values it found right (a batch's rows repeat them): a value
    # equal to one of them but of another type must still be refused.
    from billing_career.planning.profile import InvalidProfile, Profile

    for _ in range(2):
        assert getattr(Profile(**{**BASE_ANSWERS, name: right}), name) == right
        with pytest.raises(InvalidProfile, match=says.replace("(", r"\(")):
            Profile(**{**BASE_ANSWERS, name: wrong})


def test_a_profile_is_frozen_knows_what_was_given_and_survives_a_copy() -> None:
    import copy
    import pickle

    from billing_career.planning.profile import HourlyPay, InvalidProfile, Profile

    with pytest.raises(InvalidProfile, match="budget: missing; schedule: missing"):
        Profile(education="ged")
    profile = Profile(**BASE_ANSWERS, current_pay=HourlyPay(17)).with_origins({"budget": "asked"})
    assert profile.current_pay == HourlyPay(17).yearly(40) and type(profile.current_pay) is int
    assert profile.model_fields_set == {*BASE_ANSWERS, "current_pay"}
    assert profile.learning == "either" and profile.job_seeker is None  # documented defaults
    assert profile.origins["budget"] == "asked" and profile.origins["learning"] == "default"
    with pytest.raises(AttributeError, match="frozen"):
        profile.budget = 0  # type: ignore[misc]
    for again in (pickle.loads(pickle.dumps(profile)), copy.deepcopy(profile)):
        assert again == profile and hash(again) == hash(profile)
        assert again.origins == profile.origins
        assert again.model_fields_set == profile.model_fields_set
    assert Profile(**BASE_ANSWERS, veteran=False) == Profile(**BASE_ANSWERS)
