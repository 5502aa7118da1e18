"""The plan's questions, each declared once: id, kind, values, default, --help text, metavar.

Everything else is derived from ANSWERS: the Profile model's fields (planning.profile), the
options of `bcareer plan`, batch columns, answers-file keys, rule facts and completion.
data/questions.yaml holds only the questionnaire's wording and is checked against it. This module
imports nothing heavy: the command line reads it on every start to build `plan`'s options.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from billing_career.knowledge.states import StateCode

if TYPE_CHECKING:
    # The kinds questions.yaml declares (an annotation only: the records are not loaded here).
    from billing_career.knowledge.models import QuestionKind

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

# Certification codes a person may hold or have sat (certifications.yaml's codes).
CertCode = Literal["CBCS", "CPB", "CMRS", "CHFP", "CPC", "CMA"]
Record = Literal["none", "conviction", "excluded", "prefer-not-to-say"]

MAX_BUDGET = 10_000_000
MAX_AGE = 120
# A week has 168 hours; more than 100 at one job is a typo.
MAX_HOURS = 100
FIRST_YEAR, LAST_YEAR = 1970, 2100
MAX_YEARS = 60
REQUIRED = object()  # the default of an answer that must be given


@dataclass(frozen=True)
class Answer:
    """One question as the code knows it."""

    id: str
    kind: QuestionKind
    help: str  # for --help; "{choices}" is replaced by the allowed values
    metavar: str = ""
    choices: tuple[str, ...] = ()
    default: Any = REQUIRED
    # The highest number allowed (money and years), and the lowest (0 unless said; a year is
    # never before FIRST_YEAR).
    upper: int | None = None
    minimum: int = 0
    # Money that may also be typed as an hourly wage ("17/h").
    hourly: bool = False
    # Asked only when this yes/no answer is yes.
    asked_only_if: str | None = None
    # A property of one plan, not of the person (the start date): never saved, no rule fact, no
    # batch column; it defaults to the day the plan is made.
    per_plan: bool = False
    # Whether the plan names this answer's default on its "Assumed:" line when it was not
    # given; no for answers whose default only says "nothing to report" (no credentials held).
    assumed: bool = True

    @property
    def lowest(self) -> int:
        """The lowest number allowed (a year is never before FIRST_YEAR)."""
        return FIRST_YEAR if self.kind == "year" else self.minimum

    @property
    def required(self) -> bool:
        return self.default is REQUIRED and not self.per_plan

    @property
    def flag(self) -> str:
        """--experience-years for experience_years."""
        return "--" + self.id.replace("_", "-")

    @property
    def default_text(self) -> str:
        """The default as --help words it ('either', 'no', 'none', 'today'); '' when the answer
        is required or optional without a default."""
        if self.per_plan:
            return "today"
        if self.required or self.default is None:
            return ""
        if isinstance(self.default, bool):
            return "yes" if self.default else "no"
        if self.default == ():
            return "none"
        return str(self.default)

    @property
    def help_line(self) -> str:
        """The option's --help text, ending with its default or 'Optional.'."""
        text = self.help.replace("{choices}", ", ".join(self.choices))
        if self.required:
            return text
        if self.default_text:
            return f"{text} Default: {self.default_text}."
        return f"{text} Optional."


ANSWERS: tuple[Answer, ...] = (
    Answer(
        "education",
        "choice",
        "Highest education: {choices}.",
        "LEVEL",
        get_args(Education),
    ),
    Answer(
        "budget",
        "money",
        "What you can spend, in US dollars (0 or more; cents are dropped).",
        "DOLLARS",
        upper=MAX_BUDGET,
    ),
    Answer("schedule", "choice", "One of: {choices}.", "SCHEDULE", get_args(Schedule)),
    Answer(
        "learning",
        "choice",
        "How you prefer to learn: {choices}.",
        "MODE",
        get_args(Learning),
        default="either",
    ),
    Answer(
        "experience_years",
        "years",
        "Whole years of medical billing experience.",
        "YEARS",
        default=0,
        upper=MAX_YEARS,
    ),
    Answer(
        "background", "multi", "Comma list of: {choices}.", "LIST", get_args(Background), default=()
    ),
    Answer(
        "goal",
        "choice",
        "What matters most: {choices}.",
        "GOAL",
        get_args(Goal),
        default="quick-entry",
    ),
    Answer("veteran", "yes-no", "A US military veteran?", default=False),
    Answer("employer_sponsor", "yes-no", "An employer offers to pay for training?", default=False),
    Answer("remote", "yes-no", "Want to work from home?", default=False),
    Answer("job_seeker", "yes-no", "Out of work, laid off, or on a low income?", default=None),
    Answer(
        "military_spouse",
        "yes-no",
        "The spouse of a service member on active duty (MyCAA)?",
        default=False,
    ),
    Answer(
        "disability_services",
        "yes-no",
        "A disability that makes work harder, or working with a state VR agency?",
        default=False,
    ),
    Answer("snap", "yes-no", "Getting SNAP (food stamps)?", default=False),
    Answer(
        "employer_amount",
        "money",
        "How much an employer will pay for your training, in US dollars.",
        "DOLLARS",
        default=None,
        upper=MAX_BUDGET,
        asked_only_if="employer_sponsor",
    ),
    Answer(
        "current_pay",
        "money",
        "What you earn now: yearly dollars, or hourly as 17/h (x hours a week x 52).",
        "PAY",
        default=None,
        upper=MAX_BUDGET,
        hourly=True,
    ),
    # --- where the person stands today ---
    Answer(
        "credentials",
        "multi",
        "Certifications you already hold, comma list of: {choices}.",
        "CODES",
        get_args(CertCode),
        default=(),
        assumed=False,
    ),
    Answer(
        "training_done",
        "year",
        "The year you completed a medical billing or coding training program.",
        "YEAR",
        default=None,
        upper=LAST_YEAR,
    ),
    Answer(
        "failed_exam",
        "multi",
        "A certification exam you took and did not pass (repeat the flag or give a comma list): "
        "{choices}.",
        "CODE",
        get_args(CertCode),
        default=(),
        assumed=False,
    ),
    Answer("in_high_school", "yes-no", "Still in high school?", default=False, assumed=False),
    Answer(
        "graduation",
        "month",
        "When you expect to graduate from high school, YYYY-MM.",
        "MONTH",
        default=None,
        asked_only_if="in_high_school",
    ),
    Answer("age", "number", "Your age in years.", "AGE", default=None, upper=MAX_AGE),
    Answer(
        "record",
        "choice",
        "A criminal record or exclusion, asked because employers check backgrounds and the "
        "federal exclusion list; the answer stays on this computer: {choices}.",
        "CHOICE",
        get_args(Record),
        default=None,
    ),
    Answer(
        "state",
        "choice",
        "The US state, DC or territory you live in, as its two-letter postal code (TX, PR).",
        "STATE",
        get_args(StateCode),
        default=None,
    ),
    Answer(
        "hours_per_week",
        "number",
        "The hours a week behind an hourly current pay.",
        "HOURS",
        default=40,
        upper=MAX_HOURS,
        # A pay earned at 0 hours a week is no pay: at least an hour.
        minimum=1,
        asked_only_if="current_pay",
        # It matters only for a pay given by the hour, which the saved yearly figure no longer
        # shows: never named on the Assumed line.
        assumed=False,
    ),
    Answer(
        "start",
        "date",
        "First day of the plan: YYYY-MM-DD, 6/8/2027 or June 8, 2027.",
        "DATE",
        default=dt.date.today,
        per_plan=True,
    ),
)
ANSWER: dict[str, Answer] = {answer.id: answer for answer in ANSWERS}

# The answers that change what aid applies and what is left to pay (the aid catalog's conditions
# in data/aid.yaml, the employer's amount and the budget): `bcareer aid` and `bcareer cost` take
# these. A test checks them against the catalog.
MONEY_ANSWERS: tuple[str, ...] = (
    "education",
    "budget",
    "veteran",
    "employer_sponsor",
    "job_seeker",
    "military_spouse",
    "disability_services",
    "snap",
    "employer_amount",
)
# Where the person stands that changes a path's price: a credential from the same issuer makes
# them its member already (the member exam price, no new membership); billing experience makes
# a named program optional (its tuition left out, as the plan leaves it out); an exam sat and
# not passed makes its path a retake (costs.yaml on_retake: textbooks optional). `cost` and
# `aid` take them beside the money answers. (A training done changes which path the plan
# chooses, not a named path's price: `cost --program none` prices the exam-only path.)
PRICE_ANSWERS: tuple[str, ...] = ("experience_years", "credentials", "failed_exam")
# What changes what an aid source asks of the person, not what it pays: a benefit's work rule
# covers some ages (aid.yaml work_rule, SNAP's 18-64). `cost` and `aid` take them too.
AID_RULE_ANSWERS: tuple[str, ...] = ("age",)


# Each answer's name in words, for messages and the answers table ("Years of experience must
# be ..."), never the field name. An answer not named here reads as its id in words.
WORDS: dict[str, str] = {
    "education": "education",
    "budget": "budget",
    "schedule": "schedule",
    "learning": "way of learning",
    "experience_years": "years of experience",
    "background": "background",
    "goal": "goal",
    "veteran": "veteran",
    "employer_sponsor": "employer sponsor",
    "remote": "remote work",
    "job_seeker": "job seeker",
    "employer_amount": "employer's amount",
    "current_pay": "current pay",
    "military_spouse": "military spouse",
    "disability_services": "disability services",
    "snap": "SNAP",
    "credentials": "certifications held",
    "training_done": "year your training ended",
    "failed_exam": "exams not passed",
    "in_high_school": "in high school",
    "graduation": "graduation month",
    "hours_per_week": "hours a week",
    "start": "start date",
}


def answer_words(field: str) -> str:
    """An answer's name in words, lower case: 'years of experience'."""
    return WORDS.get(field, field.replace("_", " "))


# One value of a list answer in words, where the answer's name is the list's ("exams not
# passed"): a value not known is "Unknown exam 'XYZ'" (profile._choice), wherever it is given.
ONE_VALUE_WORDS: dict[str, str] = {"credentials": "certification", "failed_exam": "exam"}
