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

MAX_BUDGET = 10_000_000
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
    # The highest number allowed (money and years); 0 is always the lowest.
    upper: int | None = None
    # Money that may also be typed as an hourly wage ("17/h").
    hourly: bool = False
    # Asked only when this yes/no answer is yes.
    asked_only_if: str | None = None
    # A property of one plan, not of the person (the start date): never saved, no rule fact, no
    # batch column; it defaults to the day the plan is made.
    per_plan: bool = False

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
        "What you earn now: yearly dollars, or hourly as 17/h (x 2,080 hours).",
        "PAY",
        default=None,
        upper=MAX_BUDGET,
        hourly=True,
    ),
    Answer(
        "start",
        "date",
        "First day of the plan, YYYY-MM-DD.",
        "DATE",
        default=dt.date.today,
        per_plan=True,
    ),
)
ANSWER: dict[str, Answer] = {answer.id: answer for answer in ANSWERS}

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
    "start": "start date",
}


def answer_words(field: str) -> str:
    """An answer's name in words, lower case: 'years of experience'."""
    return WORDS.get(field, field.replace("_", " "))
