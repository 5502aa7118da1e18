"""Typed records of the knowledge base: what each file in data/ may hold, checked strictly.

Each record is declared once, as a frozen standard-library dataclass. A running command reads
records from the data-only cache and never imports pydantic; on a cache miss and in `data check`
pydantic validates the YAML against these same classes (knowledge.loader): unknown keys, wrong
types (strict: no text for numbers) and the checks in __post_init__ are errors. The pydantic
settings below are plain data and hooks pydantic looks for by name, so nothing here imports it.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal, Self, dataclass_transform

Number = int | float
# VALIDATION is what pydantic reads from every record class: unknown keys are errors and values
# are taken as they are (100, never "100").
VALIDATION: dict[str, Any] = {"extra": "forbid", "strict": True}


class Constrained:
    """A constraint on a value for validation (a pattern, a lower bound), given as pydantic's
    core-schema keys; pydantic calls the hook below while it builds a validator, on a cache miss."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        return schema


class ChosenBy:
    """A union whose member is picked by a function of the raw value, so a mistake is reported
    against the form that was meant (pydantic's tagged union, built only when validating)."""

    def __init__(self, pick: Callable[[Any], str], **members: type) -> None:
        self.pick = pick
        self.members = members

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        choices = {tag: handler.generate_schema(member) for tag, member in self.members.items()}
        return core_schema.tagged_union_schema(choices, self.pick)


Slug = Annotated[str, Constrained(pattern=r"^[a-z0-9][a-z0-9-]*$")]
# The guide says "Varies" for some durations and pay; the model keeps that as a value of its own
# rather than a number or a blank, so nothing downstream mistakes it for zero.
VARIES = "varies"
Varies = Literal["varies"]


def _dashed(name: str) -> str:
    return name.replace("_", "-")


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Record:
    """Base for every record: a frozen dataclass of its annotated fields, built from keywords.

    What the dataclass decorator would generate for each class (__init__, __eq__, __hash__,
    __repr__, frozen attributes) is written once here instead, and each class is made a dataclass
    (its field list, which pydantic reads) only when pydantic first validates it: doing either for
    some sixty classes at every start would cost more than reading the whole knowledge base.
    Type checkers see frozen, keyword-only dataclasses.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = VALIDATION
    # Per class, set when it is defined: the field names in order (a base class's first), and the
    # defaults and default factories of those that have one.
    _names: ClassVar[tuple[str, ...]] = ()
    _name_set: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[dict[str, Any]] = {}
    _factories: ClassVar[dict[str, Callable[[], Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = list(cls._names)
        defaults = dict(cls._defaults)
        factories = dict(cls._factories)
        for name, annotation in inspect.get_annotations(cls).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            if name not in names:
                names.append(name)
            if name in cls.__dict__:
                default = cls.__dict__[name]
                if isinstance(default, dataclasses.Field):
                    assert default.default_factory is not dataclasses.MISSING
                    factories[name] = default.default_factory
                else:
                    defaults[name] = default
        cls._names = tuple(names)
        cls._name_set = frozenset(names)
        cls._defaults = defaults
        cls._factories = factories

    def __init__(self, **values: Any) -> None:
        cls = type(self)
        unknown = values.keys() - cls._name_set
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        state = {**cls._defaults, **{name: make() for name, make in cls._factories.items()}}
        state.update(values)
        missing = [name for name in cls._names if name not in state]
        if missing:
            raise TypeError(f"{cls.__name__} needs {', '.join(missing)}")
        self.__dict__.update({name: state[name] for name in cls._names})
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    @classmethod
    def as_dataclass(cls) -> type[Record]:
        """The class made a standard dataclass (its bases first), for pydantic and for
        dataclasses.fields; done once, on first use."""
        if "__dataclass_fields__" not in cls.__dict__:
            for base in reversed(cls.__mro__[1:]):
                if issubclass(base, Record) and base is not Record:
                    base.as_dataclass()
            dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=True)
        return cls

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The record's fields, in the order they are declared (a base class's first)."""
        return cls._names

    @classmethod
    def field_set(cls) -> frozenset[str]:
        """The record's fields as a set, to check a mapping's keys against."""
        return cls._name_set

    @classmethod
    def data_key(cls, name: str) -> str:
        """The key a field has in a data file: its name, or the alias its record gives it."""
        alias: Callable[[str], str] | None = cls.__pydantic_config__.get("alias_generator")
        return alias(name) if alias else name

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        return type(self)(**{**self.__dict__, **changes})

    def to_data(self) -> dict[str, Any]:
        """The record as a data file holds it: its keys, lists for tuples, records as mappings."""
        return {type(self).data_key(name): _data(self.__dict__[name]) for name in self._names}

    def _values(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name in self._names)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self._names)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Callable[[Any], Any]) -> Any:
        cls.as_dataclass()
        schema = handler(source)
        # Strict mode would take only instances of a dataclass: a record is read from a mapping,
        # while the values inside it stay strict.
        if isinstance(schema, dict) and schema.get("type") == "dataclass":
            schema["strict"] = False
        return schema


def _data(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_data()
    if isinstance(value, tuple):
        return [_data(item) for item in value]
    if isinstance(value, dict):
        return {key: _data(item) for key, item in value.items()}
    return value


class Range(Record):
    """An inclusive range of numbers: USD for money, months for durations, years for experience."""

    min: Number
    max: Number

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        if self.min < 0:
            raise ValueError(f"min ({self.min}) is negative")


class SourceRef(Record):
    """Where a record came from: a source id from sources.yaml and, for the guide, its section."""

    id: Slug
    section: str | None = None


class AlsoRef(SourceRef):
    """A further source of a catalog entry; with organization, it reports that body's own offer
    (AAPC's member hardship policy), cited only on a path whose exam that body issues."""

    organization: Slug | None = None


Reporter = Literal["issuer", "government", "third-party", "press"]


class Update(Record):
    """A newer figure reported since the guide, kept beside the guide's own figure."""

    # The field of the record this updates, e.g. 'exam' or 'fees'; 'fees.member' where the report
    # speaks to one part of it only.
    field: str
    # The newer figure in a few words, shown beside the guide's.
    summary: str
    value: Number | Range | None = None
    source: SourceRef
    reported_by: Reporter
    # As the reporter dates it: '2025', 'read 2026-11'.
    date: str
    note: str | None = None
    # How to read `value` when it is an amount of aid: the most that may be paid, or what is
    # typically paid. Left out where the reporter says neither.
    value_is: Literal["maximum", "typical"] | None = None
    # The body whose own offer this reports (AAPC's payment help): a plan shows it only where its
    # certification comes from that body.
    organization: Slug | None = None


class Sourced(Record):
    """A record that names its source and may carry newer reported figures."""

    source: SourceRef
    updates: tuple[Update, ...] = ()

    def updates_for(self, field: str) -> tuple[Update, ...]:
        """The newer figures reported for one field of this record; 'fees' also finds a report
        on one part of it ('fees.member')."""
        return tuple(
            update
            for update in self.updates
            if update.field == field or update.field.startswith(field + ".")
        )


# --- sources.yaml -------------------------------------------------------------------------------

SourceKind = Literal["guide", "issuer", "government", "third-party", "press"]


class Source(Record):
    """One place facts came from."""

    id: Slug
    title: str
    kind: SourceKind
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    read: str | None = None


class SourcesFile(Record):
    sources: tuple[Source, ...]


# --- role.yaml ----------------------------------------------------------------------------------


class Group(Record):
    """A titled list of items, as the guide writes most of its sections."""

    id: Slug
    title: str
    items: tuple[str, ...]


class Role(Sourced):
    """What a medical billing specialist does, where, and what the work is like."""

    title: str
    summary: str
    quick_answer: str
    job_ready_months: Range
    responsibilities: tuple[Group, ...]
    work_environments: tuple[str, ...]
    pros: tuple[str, ...]
    challenges: tuple[str, ...]
    billing_vs_coding: str
    software: tuple[str, ...]


class RoleFile(Record):
    role: Role


# --- organizations.yaml -------------------------------------------------------------------------

OrgKind = Literal["certification-body", "professional", "industry", "government", "publication"]


class Organization(Sourced):
    """A body the guide names: an issuer of certifications or a resource."""

    id: Slug
    abbreviation: str | None = None
    name: str
    kind: OrgKind
    offers: str | None = None
    url: str | None = None


class Resource(Sourced):
    """A career-development resource the guide lists."""

    id: Slug
    name: str
    description: str


class OrganizationsFile(Record):
    organizations: tuple[Organization, ...]
    career_development: tuple[Resource, ...]


# --- certifications.yaml ------------------------------------------------------------------------


class Exam(Record):
    """An exam as the guide describes it; None means the guide does not say."""

    questions: int | None = None
    minutes: int | None = None
    open_book: bool | None = None
    format_note: str | None = None
    covers: tuple[str, ...] = ()


class ExamTaking(Record):
    """How a person signs up for and sits an exam: from the issuer's pages, not the guide."""

    # Where to register: the issuer's own site.
    register: str
    # Whether it can be taken from home; None: no source says.
    online: bool | None = None
    # In a few words, as the source gives it: 'online with a live proctor, or at a test center'.
    how: str
    source: SourceRef


class RetakeWait(Record):
    """The days to wait after a failed attempt before sitting the exam again, and who says so."""

    days: Annotated[int, Constrained(ge=1)]
    source: SourceRef


# What a retake costs, as its source says: again (each attempt costs the exam fee again) or
# packages (the issuer sells one-attempt and two-attempt exam packages: a two-attempt package may
# cover the retake, a one-attempt one means the fee again).
RetakeFeeKind = Literal["again", "packages"]


class RetakeFee(Record):
    """What a retake costs beyond the first attempt, as one source reports it."""

    kind: RetakeFeeKind
    source: SourceRef


class RetakeLimit(Record):
    """How many attempts are reported before a longer wait, that wait in months, and who says
    so."""

    attempts: Annotated[int, Constrained(ge=1)]
    then_wait_months: Annotated[int, Constrained(ge=1)]
    source: SourceRef


class Retake(Record):
    """What a retake after a failed attempt asks, where a source says it (not the guide): a plan
    says no wait and no fee beyond the word "retake" that its data does not hold."""

    wait: RetakeWait | None = None
    fee: RetakeFee | None = None
    limit: RetakeLimit | None = None


class Provisional(Record):
    """A provisional certificate a student may test for before graduating, and who says so."""

    # How close to graduating a student must be to test for it.
    months_before_graduation: Annotated[int, Constrained(ge=1)]
    source: SourceRef


class Fees(Record):
    """Exam fees in USD; None means the guide does not give that fee."""

    member: int | None = None
    non_member: int | None = None
    # The guide gives CBCS one fee with no member price: that is neither a member nor a
    # non-member figure, so it is kept as what it is.
    single: int | None = None


class Renewal(Record):
    """How often a certification is renewed and with how many continuing-education units."""

    every_years: int | None = None
    ceus: int | None = None
    note: str | None = None


class Certification(Sourced):
    """A credential: the three entry certifications and the advanced ones."""

    code: Annotated[str, Constrained(pattern=r"^[A-Z]{2,6}$")]
    name: str
    level: Literal["entry", "advanced"]
    issuer: Slug | None = None
    focus: str | None = None
    requirements: tuple[str, ...] = ()
    prerequisites_required: bool | None = None
    membership_required: bool | None = None
    exam: Exam | None = None
    fees: Fees | None = None
    renewal: Renewal | None = None
    related: tuple[str, ...] = ()
    related_note: str | None = None
    taking: ExamTaking | None = None
    # The wait and the fee of a retake, where a source gives them.
    retake: Retake | None = None
    # A provisional certificate a student still in school may test for, where a source says.
    provisional: Provisional | None = None


class CertificationsFile(Record):
    certifications: tuple[Certification, ...]
    # The guide's words on certification in general, before it describes the three credentials.
    legally_required: bool | None = None
    overview: str | None = None
    overview_source: SourceRef | None = None


# --- programs.yaml ------------------------------------------------------------------------------

Delivery = Literal["online", "in-person"]


class Program(Sourced):
    """A program type from the guide's comparison table."""

    id: Slug
    name: str
    aliases: tuple[Slug, ...] = ()
    duration_months: Range | Varies
    tuition: Range
    fees_category: Slug
    best_for: str
    # Empty where the guide does not say how a program is delivered.
    delivery: tuple[Delivery, ...] = ()
    self_paced: bool = False
    features: tuple[str, ...] = ()


class TuitionCategory(Sourced):
    """A row of the guide's tuition-and-fees table."""

    id: Slug
    name: str
    aliases: tuple[Slug, ...] = ()
    tuition: Range
    fees: Range
    duration_months: Range | Varies | None = None
    delivery: tuple[Delivery, ...] = ()
    # The tuition table has no duration or delivery column: where a row carries them, they come
    # from the guide's other sections, credited here.
    duration_source: SourceRef | None = None


class Criterion(Sourced):
    """One thing to look for in a program."""

    id: Slug
    name: str
    description: str


class DeliveryMode(Sourced):
    """Online or in-person training and the guide's points for it."""

    id: Delivery
    name: str
    pros: tuple[str, ...]


class ProgramsFile(Record):
    programs: tuple[Program, ...]
    tuition_categories: tuple[TuitionCategory, ...]
    what_to_look_for: tuple[Criterion, ...]
    delivery_modes: tuple[DeliveryMode, ...]
    curriculum: tuple[str, ...]
    curriculum_source: SourceRef


# --- costs.yaml ---------------------------------------------------------------------------------

Applies = Literal["always", "remote", "member", "exam"]


class ExpenseOnRetake(Record):
    """How an expense is priced for a retake of an exam already sat (this tool's reading, said
    as one in the expense's on_retake_note): its low end and its name."""

    min: Annotated[int, Constrained(ge=0)]
    name: str


class Expense(Sourced):
    """An additional expense from the guide's table, beyond tuition and fees."""

    id: Slug
    name: str
    cost: Range
    per: Literal["once", "year"] = "once"
    applies: Applies = "always"
    certification: str | None = None
    organization: Slug | None = None
    # A retake prices it from a lower end (textbooks: the person likely has them).
    on_retake: ExpenseOnRetake | None = None
    # What the retake's price means (the guide gives none), said in the breakdown's notes.
    on_retake_note: str | None = None

    def __post_init__(self) -> None:
        if self.on_retake is None:
            return
        if self.on_retake.min > self.cost.min:
            raise ValueError(
                f"on_retake.min ({self.on_retake.min}) is above cost.min ({self.cost.min})"
            )
        if not self.on_retake_note:
            raise ValueError("on_retake needs an on_retake_note saying what it means")


class Membership(Sourced):
    """Membership of a certification body; cost None means the guide does not give it."""

    organization: Slug
    cost_per_year: int | None = None
    note: str | None = None


class CostsFile(Record):
    expenses: tuple[Expense, ...]
    memberships: tuple[Membership, ...]


# --- aid.yaml -----------------------------------------------------------------------------------


class AidOption(Sourced):
    """A way to pay for training."""

    id: Slug
    name: str
    description: str
    examples: tuple[str, ...] = ()
    amount: Range | None = None
    amount_note: str | None = None


# --- salary.yaml --------------------------------------------------------------------------------


class ExperiencePay(Sourced):
    """Pay for one experience level."""

    id: Slug
    name: str
    years_min: int
    years_max: int | None = None
    annual: Range


class SettingPay(Sourced):
    """Median pay in one work setting; 'varies' where the guide says so."""

    id: Slug
    name: str
    median_annual: Range | Varies
    remote_friendly: bool = False


class HourlyPay(Sourced):
    """Hourly pay at one level."""

    id: Slug
    name: str
    hourly: Range


class NationalMedian(Sourced):
    """The national median annual pay."""

    annual: int
    occupation: str


class StatePay(Sourced):
    """Pay in one state: never bundled, read only from a user's own data folder."""

    state: Annotated[str, Constrained(pattern=r"^[A-Z]{2}$")]
    median_annual: int
    top_10_percent_annual: int | None = None


class SalaryFile(Record):
    national_median: NationalMedian
    by_experience: tuple[ExperiencePay, ...]
    by_setting: tuple[SettingPay, ...]
    hourly: tuple[HourlyPay, ...]
    by_state: tuple[StatePay, ...] = ()


# --- outlook.yaml -------------------------------------------------------------------------------


class JobCode(Record):
    """An occupation code that counts these workers."""

    system: Literal["SOC", "O*NET-SOC"]
    code: str
    title: str
    source: SourceRef
    note: str | None = None


class Outlook(Sourced):
    """Employment and its projection."""

    occupation: str
    employment: int
    growth_percent: Number
    growth_label: str
    projection_start: int
    projection_end: int
    annual_openings: int
    growth_factors: tuple[str, ...]
    job_codes: tuple[JobCode, ...]


class OutlookFile(Record):
    outlook: Outlook


# --- careers.yaml -------------------------------------------------------------------------------


class CareerPath(Sourced):
    """A role to grow into, with what it asks and what it pays."""

    id: Slug
    role: str
    requirements: str
    salary: Range


class CareersFile(Record):
    specializations: tuple[str, ...]
    advanced_roles: tuple[str, ...]
    career_paths: tuple[CareerPath, ...]
    entry_positions: tuple[str, ...]
    employers: tuple[str, ...]
    source: SourceRef


# --- steps.yaml ---------------------------------------------------------------------------------


class Step(Sourced):
    """One of the guide's five steps."""

    number: int
    id: Slug
    title: str
    sections: tuple[Group, ...]


class StepsFile(Record):
    steps: tuple[Step, ...]
    education_required: tuple[str, ...]
    getting_started: tuple[Group, ...]
    getting_started_source: SourceRef


# --- faq.yaml -----------------------------------------------------------------------------------


class Faq(Sourced):
    """A question and the guide's answer."""

    id: Slug
    question: str
    answer: str
    keywords: tuple[str, ...] = ()


class FaqFile(Record):
    faq: tuple[Faq, ...]


# --- questions.yaml -----------------------------------------------------------------------------

QuestionKind = Literal[
    "choice", "multi", "money", "years", "number", "year", "month", "yes-no", "date"
]


class AnswerChoice(Record):
    """One allowed answer: the value flags and files use, and the label a person reads."""

    # A slug, or a code in capitals (a certification such as CBCS, a state such as TX).
    value: Annotated[str, Constrained(pattern=r"^([a-z0-9][a-z0-9-]*|[A-Z]{2,6})$")]
    label: str


class Question(Record):
    """One question of `bcareer plan`; the questionnaire, the flags and answers files follow it.

    Which answers are allowed and what each defaults to is checked against the Profile model at
    load time, so the data and the code that acts on the answers cannot drift apart.
    """

    id: Annotated[str, Constrained(pattern=r"^[a-z][a-z0-9_]*$")]
    flag: Slug
    prompt: str
    help: str
    kind: QuestionKind
    choices: tuple[AnswerChoice, ...] = ()
    # The labels are proper names (states): a sentence keeps them as written, never lower-cased
    # as it does 'Full-time' ("your schedule: full-time"; "your state: Texas (TX)").
    proper_names: bool = False


class QuestionsFile(Record):
    questions: tuple[Question, ...]


# --- rules.yaml ---------------------------------------------------------------------------------

FactValue = bool | int | float | str | tuple[bool | int | float | str, ...]


class FactTest(Record):
    """One comparison: {fact, op, value}. Fact and op names are checked against the engine at load
    time (billing_career.planning.rules.check_rules), so a typo is an error naming the rule."""

    fact: str
    op: str
    value: FactValue


class AllOf(Record):
    all: tuple[Condition, ...]


class AnyOf(Record):
    any: tuple[Condition, ...]


class NotOf(Record):
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        **VALIDATION,
        "alias_generator": lambda name: name.rstrip("_"),
    }

    # "not" in the file: a Python keyword, so the field has another name.
    not_: Condition


def _condition_tag(raw: object) -> str | None:
    # Pick the member by its key, so a mistake is reported for the form that was meant.
    keys = raw.keys() if isinstance(raw, dict) else vars(raw).keys() if raw is not None else ()
    for key, tag in (("all", "AllOf"), ("any", "AnyOf"), ("not", "NotOf"), ("not_", "NotOf")):
        if key in keys:
            return tag
    return "FactTest"


Condition = Annotated[
    AllOf | AnyOf | NotOf | FactTest,
    ChosenBy(_condition_tag, AllOf=AllOf, AnyOf=AnyOf, NotOf=NotOf, FactTest=FactTest),
]

# training_optional: tuition is left out of the cost and training takes no time in the dates;
# experience_done: the practical-experience step takes no time; programs_by_cost: programs are
# ranked by what they cost (the smallest budget gap first) before their scores; career_paths: the
# plan lists the guide's career paths.
# advancement_plan (3+ years of billing): advanced certifications and roles, no entry-level list.
# degree_advancement: a degree holder aiming to advance; the program's reasons say how it helps.
PlanFlag = Literal[
    "advancement_plan",
    "training_optional",
    "experience_done",
    "home_office_cost",
    "remote_settings",
    "programs_by_cost",
    "career_paths",
    "degree_advancement",
    "exam_only",
    "retake",
]


# What a first action unblocks, in the order a person must do them (planning.action_order in
# rules.yaml): the diploma or GED, then the other prerequisites (the exam's own), then the office
# whose answer decides the money (a job center, the employer, an agency), then the study for an
# exam taken without a program (what that office may pay for), then the rest of the money, then
# the program, then enrolling.
ActionKind = Literal["diploma", "prerequisite", "referral", "study", "money", "program", "enroll"]


class RuleOut(Record):
    """Things a rule takes off the table, each id checked at load time."""

    programs: tuple[Slug, ...] = ()
    certifications: tuple[str, ...] = ()
    aid: tuple[Slug, ...] = ()


class Conclusion(Record):
    """What a rule concludes when its condition holds. Scores add up per candidate; the highest
    score not ruled out is recommended."""

    programs: dict[str, int] = dataclasses.field(default_factory=dict)
    certifications: dict[str, int] = dataclasses.field(default_factory=dict)
    aid: dict[str, int] = dataclasses.field(default_factory=dict)
    delivery: dict[str, int] = dataclasses.field(default_factory=dict)
    rule_out: RuleOut | None = None
    blocker: bool = False
    warning: bool = False
    # Early steps (ids of early_steps) to put before training.
    steps: tuple[Slug, ...] = ()
    # Guide steps (ids of steps.yaml) whose details get this rule's sentence.
    details_for: tuple[Slug, ...] = ()
    flags: tuple[PlanFlag, ...] = ()
    # First actions for this week; may name {program}, {certification} and {delivery} of the plan.
    actions: tuple[str, ...] = ()
    # What they unblock: the plan lists first actions by kind (planning.action_order).
    action_kind: ActionKind = "program"


class Rule(Record):
    """A piece of the guide's logic: when the condition holds, conclude, and say why."""

    id: Slug
    # No condition: the rule always holds (a standing fact about a certification, say).
    when: Condition | None = None
    then: Conclusion
    because: str
    # Said when the rule does not hold, so --explain can answer "why not?" in words too.
    otherwise: str | None = None
    # A few words for what a blocker or warning is about, where many people's are counted (the
    # caseload report): "No diploma or GED yet". On a rule that is neither, the report counts
    # the clients it holds for as a barrier ("still in high school").
    label: str | None = None
    source: SourceRef


Weeks = Annotated[int, Constrained(ge=0)]


class BySchedule(Record):
    """A figure for each schedule."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {**VALIDATION, "alias_generator": _dashed}

    full_time: Weeks
    part_time: Weeks
    flexible: Weeks


class StepGate(Record):
    """A check the whole plan after it rests on (the exclusion list): while it fails, the
    person stops there; the later steps hold only once it passes."""

    # The condition every later step holds on, said before them ("once you are off the
    # exclusion list (reinstated)").
    holds: str
    # What to do while the check fails, said with the step even in the short plan (and added
    # to its details).
    stop: str
    # The plan's first line, before the program: what not to do while the check fails.
    answer: str
    # The check as this week's first action; every other first action but those of steps
    # before the check waits for it, and `later` says so in their place ({step} and {title}:
    # the first step that rests on the check).
    action: str
    later: str
    # The kinds of first action kept beside it: those of steps before the check (the diploma).
    keeps: tuple[ActionKind, ...] = ()


class EarlyStep(Sourced):
    """A step a rule puts before training: earning a diploma, closing a preparation gap."""

    id: Slug
    title: str
    details: tuple[str, ...] = ()
    weeks: BySchedule
    # Planning time is an assumption, not a figure of the guide; the plan says so.
    weeks_note: str
    # Done before training starts (a diploma, a check that decides whether to train at all);
    # otherwise it runs alongside training, from its first day.
    before_training: bool = False
    # What the job-ready date then rests on, said beside it ("if you are off the exclusion
    # list before training starts"): a check whose outcome the plan cannot know.
    ready_condition: str | None = None
    # The same condition as a counselor's report says it of a client ("if they are off ...").
    ready_condition_of_client: str | None = None
    # A check every later step rests on, or None.
    gate: StepGate | None = None


SchedulePoint = Literal["min", "max", "mid"]


class SchedulePoints(Record):
    """Which end of a program's duration range each schedule takes."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {**VALIDATION, "alias_generator": _dashed}

    full_time: SchedulePoint
    part_time: SchedulePoint
    flexible: SchedulePoint


class TieBreak(Record):
    """Order used when two candidates score the same, first wins."""

    programs: tuple[Slug, ...]
    certifications: tuple[str, ...]
    delivery: tuple[Delivery, ...]
    aid: tuple[Slug, ...]


class Planning(Record):
    """The planner's stated assumptions: how long steps take and how ties are broken."""

    schedule_point: SchedulePoints
    varies_months: Range
    varies_note: str
    # Part-time study of a program the guide gives one length for: that length times this.
    part_time_fixed_length_factor: Annotated[float, Constrained(ge=1)] = 1.0
    requirements_weeks: BySchedule
    experience_weeks: BySchedule
    certification_weeks: BySchedule
    # Weeks after training ends when the exam is sat (exam preparation starts before).
    exam_after_weeks: BySchedule
    # A retake's first action on the issuer's wait, with {days} and {issuer} to fill in.
    retake_wait_words: str = ""
    # An aid action's award year ({award_year}) where training starts in a later award year
    # than the aid's figure, with {year} to fill in.
    award_year_words: str = ""
    # A retake's first action on an issuer that sells exam packages (certifications.yaml
    # retake.fee kind packages), with {fee}, the plan's own price of the exam, to fill in.
    retake_packages_words: str = ""
    # ... and on the issuer's membership, which must be current to sit the exam, with {issuer}:
    # required where the certification's data says so, reported where only newer reports do.
    retake_membership_words: str = ""
    retake_membership_reported_words: str = ""
    job_search_weeks: BySchedule
    tie_break: TieBreak
    # First actions in the order that unblocks: each rule's action_kind, in this order.
    action_order: tuple[ActionKind, ...] = (
        "diploma",
        "prerequisite",
        "referral",
        "study",
        "money",
        "program",
        "enroll",
    )


class BudgetBand(Record):
    """One row of the budget-band table: what the person's funds (budget plus counted aid) do
    against each program's cost before the exam; expanded into one rule per program."""

    id: Slug
    # The program is in `has` (and not in `lacks`): sets of the budget facts.
    has: str
    lacks: str | None = None
    points: int
    because: str
    source: SourceRef


# whole: pays what it pays for in full (the GI Bill's approved program; an employer whose amount
# is not given, on its condition); reported-amount: its amount (as the person states it, or as
# aid.yaml's update reports it), never more than what it pays for; nothing: named, never counted.
FundingPays = Literal["whole", "reported-amount", "nothing"]
# The parts of a path's cost an aid source may pay.
PaysFor = Literal["tuition", "program-fees", "exam", "books", "membership", "other"]


class ActionsWithout(Record):
    """An aid source's actions for a plan where another source (`aid`) adds none."""

    aid: Slug
    actions: tuple[str, ...]


class WithoutProgram(Record):
    """An aid source on a path with no training program (the exam alone: training done, a
    credential held, a retake): what it pays there and the words that say so, each in place of
    the entry's own where given. Its sources speak of training; what they do not say it pays
    for the exam alone, the person is told to ask."""

    # nothing: named only on such a path (its sources say it pays training, not an exam alone).
    pays: FundingPays | None = None
    pays_for: tuple[PaysFor, ...] | None = None
    in_full_because: str | None = None
    condition: str | None = None
    because: str | None = None
    actions: tuple[str, ...] | None = None


class RepaidAfter(Record):
    """Parts of the cost an aid source repays after the person has paid them (the GI Bill's test
    fee, claimed after the exam), who repays them, and the page that says so."""

    parts: tuple[PaysFor, ...]
    # Who repays, as a sentence names them: "the VA".
    by: str
    source: SourceRef


class AidDecision(Record):
    """How long an aid office takes to decide whether a person qualifies, and who says so."""

    days: Annotated[int, Constrained(ge=1)]
    source: SourceRef


class WorkRule(Record):
    """A benefit's work rule that training counts toward (SNAP's time limit), and whom it covers,
    as its source says."""

    # The benefit the rule keeps ("SNAP").
    benefit: str
    # Since when the rule covers these ages (ISO date).
    since: Annotated[str, Constrained(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    ages: Range
    # Exempt: parents with a child under this age.
    exempt_child_under: Annotated[int, Constrained(ge=1)]
    # The benefit's limit for those it covers, unless they work or train enough.
    limit_months: Annotated[int, Constrained(ge=1)]
    # The hours a month of work or training it asks; training counts toward them.
    hours_a_month: Annotated[int, Constrained(ge=1)]
    source: SourceRef

    def __post_init__(self) -> None:
        import datetime as dt

        # The pattern takes "2025-02-30": the date itself must be one (it is said as a date).
        try:
            dt.date.fromisoformat(self.since)
        except ValueError:
            raise ValueError(f"since ({self.since}) is not a date (YYYY-MM-DD)") from None

    def covers(self, age: int | None) -> bool:
        """Whether the rule may cover a person of this age: within its ages, or not given
        (an age the plan does not know may be one it covers)."""
        return age is None or self.ages.min <= age <= self.ages.max


class FundingRule(Record):
    """When an aid option is counted as money for the plan, how much, and on what condition."""

    aid: Slug
    when: Condition | None = None
    # tuition-and-fees: the program's tuition and fees; reported-amount: the aid option's
    # reported amount (aid.yaml updates), never more than tuition and fees.
    pays: FundingPays
    # What it pays for, of a path's cost items (tuition, program fees, the exam, books...).
    pays_for: tuple[PaysFor, ...] = ("tuition", "program-fees")
    # Named only when the budget and counted aid leave something to pay (payment plans).
    only_with_gap: bool = False
    # An answer that, when given, is the amount counted instead (no condition then).
    amount_answer: Literal["employer_amount"] | None = None
    # Also pays an approved certification exam fee up to this many dollars.
    exam_up_to: Annotated[int, Constrained(ge=0)] | None = None
    # The parts it pays only after the person has paid them (counted as paid, but paid first).
    repaid_after: RepaidAfter | None = None
    # For `pays: whole`: what its sources say it pays, which is why the plan counts it in full
    # ("the guide says the GI Bill covers approved programs"); None: the plan's own choice.
    in_full_because: str | None = None
    # The program types it is counted for; empty: every one.
    programs: tuple[Slug, ...] = ()
    # Why it is not counted for the others (shown when the chosen program is one of them).
    not_for_others: str | None = None
    # The award year its amount is for ("2026-27"), where the amount is one year's (a Pell
    # Grant's): a program that runs longer than a year is counted that year's amount alone.
    award_year: str | None = None
    # The month and day its award years begin ("07-01": July 1 to June 30), so a plan tells
    # from its own training dates whether training runs into a later award year.
    award_year_begins: (
        Annotated[str, Constrained(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")] | None
    ) = None
    # What each later year needs ("a new FAFSA"), said where only the one year is counted.
    renew_by: str | None = None
    condition: str
    because: str
    otherwise: str
    actions: tuple[str, ...] = ()
    # Its actions instead when another aid source applies to the person but brings no action of
    # its own to the plan (VR pays after Pell is sought: the FAFSA, said once, by whichever
    # action is there; never where federal aid does not apply).
    actions_without: ActionsWithout | None = None
    # On a path with no training program: what it pays and says there instead (see above).
    without_program: WithoutProgram | None = None
    # Aid's first actions arrange the money, so they come before the program's.
    action_kind: ActionKind = "money"
    # Where a counselor sends a client for it, in the caseload report ("an American Job Center").
    refer_to: str | None = None
    # How long its office takes to decide (VR's 60 days): a plan that names it allows for it
    # before training starts.
    decides_within: AidDecision | None = None
    # A work rule of the benefit that the training counts toward (SNAP's 80 hours a month).
    work_rule: WorkRule | None = None
    source: SourceRef
    also: tuple[AlsoRef, ...] = ()


class AidFile(Record):
    """aid.yaml: the guide's aid options, and the catalog of when each is counted as money."""

    aid: tuple[AidOption, ...]
    # In the order they are sought: the FAFSA first (WIOA and Vocational Rehabilitation expect
    # other grants to be sought first).
    funding: tuple[FundingRule, ...] = ()


class ExplainLabels(Record):
    """Plain words for `plan --explain`: a phrase for each fact rules test and for each operator,
    so a condition reads "your billing experience is less than 1 year"."""

    facts: dict[str, str]
    ops: dict[str, str]
    # Words for values that no question labels (questions.yaml labels the answers).
    values: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)


# On what a goal path rests: the guide's program types table ("best-for": the program's own
# best_for), the guide's words elsewhere ("guide-says": quote), or this tool's own reading of the
# guide ("tool": because says it, and the plan says it is the tool's, not the guide's).
GoalBasis = Literal["best-for", "guide-says", "tool"]


class GoalPath(Record):
    """A program a stated goal points to, and on what basis (the options table's goal row); for
    one goal, the first not ruled out is its path."""

    goal: Slug
    program: Slug
    basis: GoalBasis
    # The guide's own words, for basis "guide-says".
    quote: str | None = None
    # The tool's reasoning, for basis "tool".
    because: str | None = None
    source: SourceRef


class RulesFile(Record):
    rules: tuple[Rule, ...]
    budget_bands: tuple[BudgetBand, ...] = ()
    goal_paths: tuple[GoalPath, ...] = ()
    labels: ExplainLabels
    early_steps: tuple[EarlyStep, ...]
    planning: Planning


# --- the whole knowledge base -------------------------------------------------------------------


class Term(Record):
    """A word a plan's reader may not know, explained in a few words at its first use."""

    id: Slug
    # How the plan writes it: whole words, case as written; the first found counts.
    match: tuple[str, ...]
    says: str
    # Explained even in the plan's answer block, which otherwise leaves words to the sections.
    in_answer: bool = False
    source: SourceRef | None = None


class GlossaryFile(Record):
    terms: tuple[Term, ...]


class KnowledgeBase(Record):
    """Every data file, validated and cross-checked; the one object the core reads facts from."""

    sources: SourcesFile
    role: RoleFile
    organizations: OrganizationsFile
    certifications: CertificationsFile
    programs: ProgramsFile
    costs: CostsFile
    aid: AidFile
    salary: SalaryFile
    outlook: OutlookFile
    careers: CareersFile
    steps: StepsFile
    faq: FaqFile
    glossary: GlossaryFile
    questions: QuestionsFile
    rules: RulesFile

    def source(self, source_id: str) -> Source:
        """The source with this id (ids are checked at load time)."""
        return next(source for source in self.sources.sources if source.id == source_id)

    def certification(self, code: str) -> Certification:
        """The certification with this code, in any case."""
        # By code, indexed once per knowledge base: a plan looks certifications up dozens of
        # times, and a batch plans thousands.
        found = _indexes(self)[1].get(code)
        if found is not None:
            return found
        wanted = code.upper()
        return next(c for c in self.certifications.certifications if c.code == wanted)

    def organization(self, org_id: str) -> Organization:
        """The organization with this id."""
        return next(o for o in self.organizations.organizations if o.id == org_id)

    def program(self, program_id: str) -> Program:
        """The program type with this id."""
        found = _indexes(self)[2].get(program_id)
        if found is not None:
            return found
        return next(p for p in self.programs.programs if p.id == program_id)

    def tuition_category(self, category_id: str) -> TuitionCategory:
        """The tuition-table row with this id."""
        return next(t for t in self.programs.tuition_categories if t.id == category_id)

    def aid_option(self, aid_id: str) -> AidOption:
        """The aid option with this id."""
        found = _indexes(self)[3].get(aid_id)
        if found is not None:
            return found
        return next(a for a in self.aid.aid if a.id == aid_id)


# Certifications by code, programs and aid options by id, for the last few knowledge bases (each
# kept with its indexes, so its id is not another's while they are here).
_INDEXES: dict[
    int,
    tuple[KnowledgeBase, dict[str, Certification], dict[str, Program], dict[str, AidOption]],
] = {}


def _indexes(
    kb: KnowledgeBase,
) -> tuple[KnowledgeBase, dict[str, Certification], dict[str, Program], dict[str, AidOption]]:
    kept = _INDEXES.get(id(kb))
    if kept is None or kept[0] is not kb:
        if len(_INDEXES) >= 4:
            _INDEXES.pop(next(iter(_INDEXES)))
        kept = (
            kb,
            {cert.code: cert for cert in kb.certifications.certifications},
            {program.id: program for program in kb.programs.programs},
            {option.id: option for option in kb.aid.aid},
        )
        _INDEXES[id(kb)] = kept
    return kept
