"""Your options: the few paths worth weighing side by side, priced and dated like the plan.

The rows: recommended, lowest-cost, fastest and without-aid, among the paths the rules allow, and
the path of the person's stated goal when it is none of those (goal_program), with the facts of
why it is not the recommendation (goal_row; render words them).

A path is a program (with its best delivery) and a certification, neither ruled out. Each is
priced through one function, _path_money, so the money of every row is worked out in one place;
paths whose figures coincide share one row with both labels. The recommended row is the plan's
own figures, never worked out a second time.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

from billing_career.knowledge.memo import PerKnowledgeBase
from billing_career.knowledge.serialize import JSON_SKIP
from billing_career.planning import timeline
from billing_career.planning.amounts import MinMax
from billing_career.planning.money import decision_wait, with_path
from billing_career.planning.payback import experience_levels, person_payback
from billing_career.records import fast_init

if TYPE_CHECKING:
    from billing_career.knowledge.models import GoalBasis, GoalPath, KnowledgeBase, Program, Rule
    from billing_career.planning.money import AidWait, Funding
    from billing_career.planning.profile import Profile
    from billing_career.planning.rules import Findings
    from billing_career.reference.costs import CostBreakdown

# The labels, in the order rows are listed.
LABELS = ("recommended", "lowest-cost", "fastest", "without-aid", "goal")


@fast_init
@dataclass(frozen=True)
class OptionProgram:
    """The program of a path, how it is given, and whether training is optional."""

    id: str
    name: str
    delivery: str | None
    optional: bool


@fast_init
@dataclass(frozen=True)
class OptionCertification:
    """The certification of a path."""

    code: str
    name: str


@fast_init
@dataclass(frozen=True)
class OptionPayback:
    """Months until the gain over current pay repays what is left to pay of the path after the
    aid counted for it (None: it never does, or, basis "experience", none is claimed:
    planning/payback.py)."""

    months: MinMax | None
    basis: str = "gain"


@fast_init
@dataclass(frozen=True)
class PathOption:
    """One row of "Your options": its labels, the path, and its figures."""

    labels: tuple[str, ...]
    program: OptionProgram | None
    certification: OptionCertification
    cost: MinMax
    left_to_pay: MinMax
    ready_by: dt.date
    # None when the person gave no current pay.
    payback: OptionPayback | None
    # The ids of the aid sources counted against the path (what left_to_pay rests on), in the
    # order they are sought, and their names for the sentences (the Funding line's names).
    counted_aid: tuple[str, ...] = ()
    counted_aid_names: tuple[str, ...] = field(default=(), metadata=JSON_SKIP)
    # What ready_by rests on that the plan cannot know (the plan's ready_by_condition: the
    # same early steps for every row), or None.
    ready_by_condition: str | None = None
    # The path's costs no source gives a figure for (CMRS's AMBA membership): not in cost.
    not_counted: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str | None, str]:
        """The program id and certification code: which path this is."""
        return (self.program.id if self.program else None, self.certification.code)


@fast_init
@dataclass(frozen=True)
class PathMoney:
    """A path's total cost, what the counted aid pays of it, what is left to pay, and the
    counted sources (ids and names)."""

    total: MinMax
    aid: MinMax
    left_to_pay: MinMax
    counted: tuple[str, ...] = ()
    counted_names: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True)
class Candidate:
    """A path to price: the program record (None: no program), delivery, certification."""

    record: Program | None
    delivery: str | None
    cert: str
    optional: bool
    cost: CostBreakdown
    # False for the path without aid: nothing is counted against it.
    with_aid: bool = True


def _path_money(funding: Funding, path: CostBreakdown, *, with_aid: bool = True) -> PathMoney:
    """The one place options price a path: the money model's count of the aid against it
    (planning/money.py), so the plan's own path gets the plan's own figures. funding is the
    assessment before any path was chosen (money.assess)."""

    total = MinMax(path.total_min, path.total_max)
    if not with_aid:
        return PathMoney(total, MinMax(0.0, 0.0), total)
    # What is counted against a path reads only each source's counted, programs and terms (not
    # the budget, nor any wording): a batch meets the same few of those again and again.
    key = (id(path), _terms_of(funding))
    known = _MONEY.get(key)
    if known is not None and known[0] is path:
        return known[1]
    against = with_path(funding, path)
    # What money_of gives of the path (its aid counted, and what is left to pay: each end of
    # the total less that end's aid, as budget_of's Budget works it out), without the rest of
    # its Money (the budget's words, the aid paid first, what is left without the conditional
    # aid), which a row never reads.
    aid_low, aid_high = against.aid_by_end
    left = MinMax(path.total_min - aid_low, path.total_max - aid_high)
    names = tuple(source.name for source in against.sources if source.counted)
    priced = PathMoney(total, against.aid_counted, left, against.counted, names)
    if len(_MONEY) >= _MONEY_LIMIT:
        _MONEY.clear()
    # The path is kept with its money, so its id is not another path's while it is here.
    _MONEY[key] = (path, priced)
    return priced


def _terms_of(funding: Funding) -> int:
    """What counting aid against a path reads of the funding (see _path_money), worked out once
    for the several paths of one plan: a number that stands for those terms (equal terms, the
    same number), so the keys that hold it hash without hashing every source's terms again."""
    global _LAST_TERMS
    if _LAST_TERMS is not None and _LAST_TERMS[0] is funding:
        return _LAST_TERMS[1]
    # The very sources met before (assess gives the very tuple for the very sources): their
    # number, without hashing their terms again (kept with them, so their id stays theirs).
    sources = funding.sources
    found = _BY_SOURCES.get(id(sources))
    if found is not None and found[0] is sources:
        token = found[1]
    else:
        terms = tuple((s.counted, s.programs, s.terms) for s in sources)
        numbered = _TERMS.get(terms)
        if numbered is None:
            if len(_TERMS) >= _MONEY_LIMIT:
                _TERMS.clear()
            # Never a number given before: a key kept with an old number matches no new terms.
            numbered = _TERMS[terms] = next(_TOKENS)
        token = numbered
        if isinstance(sources, tuple):
            if len(_BY_SOURCES) >= _MONEY_LIMIT:
                _BY_SOURCES.clear()
            _BY_SOURCES[id(sources)] = (sources, token)
    # The funding is kept with its number, so its id is not another funding's while it is here.
    _LAST_TERMS = (funding, token)
    return token


_LAST_TERMS: tuple[Funding, int] | None = None
# The number of the terms of the very sources (see _terms_of); bounded.
_BY_SOURCES: dict[int, tuple[tuple[object, ...], int]] = {}
# Each distinct set of terms met, and its number (see _terms_of); bounded, started over when full.
_TERMS: dict[tuple[object, ...], int] = {}
_TOKENS = itertools.count()
# A path's money by what counting it reads (see _path_money); bounded, started over when full.
_MONEY: dict[tuple[object, ...], tuple[CostBreakdown, PathMoney]] = {}
_MONEY_LIMIT = 4096


# Job-ready dates by what the timeline reads (a batch meets the same paths again and again).
_READY_BY: PerKnowledgeBase[dict[tuple[object, ...], dt.date]] = PerKnowledgeBase()
_READY_BY_LIMIT = 4096


def _ready_by(
    kb: KnowledgeBase,
    findings: Findings,
    profile: Profile,
    candidate: Candidate,
    wait: AidWait | None = None,
) -> dt.date:
    """The path's job-ready date, as the plan's timeline gives it."""
    return ready_by(
        kb,
        findings,
        profile,
        candidate.record,
        candidate.delivery,
        candidate.cert,
        candidate.optional,
        wait,
    )


def ready_by(
    kb: KnowledgeBase,
    findings: Findings,
    profile: Profile,
    record: Program | None,
    delivery: str | None,
    cert: str,
    optional: bool,
    wait: AidWait | None = None,
) -> dt.date:
    """A path's job-ready date (see _ready_by), from the parts of its candidate; wait: an aid
    office's decision the enroll step waits for (money.decision_wait)."""

    # The key is what the job-ready date reads (timeline.build): the program, whether training
    # is optional, the schedule, the start, the early steps, a graduation and a retake. The rest
    # of the input (the flags, the delivery, the certification, the steps' details) only words
    # the steps, so the details are not even given, and the flags not part of the key: they vary
    # far more.
    graduation = profile.graduation if profile.in_high_school else None
    key = (
        None if record is None else record.id,
        optional,
        profile.schedule,
        profile.start,
        findings.early_steps,
        graduation,
        profile.failed_exam,
        wait,
    )
    known = _READY_BY.get(kb, lambda _kb: {})
    cached = known.get(key)
    if cached is None:
        given = timeline.StepInput(
            start=profile.start,
            schedule=profile.schedule,
            program=record,
            delivery=delivery,
            cert=cert,
            optional=optional,
            flags=findings.flags,
            # Only the dates are read: the reasons need not be worded.
            early=tuple((step_id, ()) for step_id in findings.early_steps),
            details={},
            # As the plan's own timeline: nothing that needs a diploma before graduation, and a
            # retake's wait.
            graduation=graduation,
            retake=profile.failed_exam,
            wait=wait,
        )
        cached = timeline.build(kb, given).ready_by
        if len(known) < _READY_BY_LIMIT:
            known[key] = cached
    return cached


def contenders(
    kb: KnowledgeBase,
    findings: Findings,
    profile: Profile,
    funding: Funding,
    recommended: PathOption,
    paths: Sequence[tuple[Program | None, str | None, str, bool, CostBreakdown]],
) -> list[Candidate]:
    """Of the paths (record, delivery, certification, optional, cost), in the rules' order, the
    ones choose() can name lowest-cost or fastest besides the recommended row, in that order:
    only what those two read (what is left to pay, the total, the job-ready date) is worked out
    for each path; a full row (payback, names) is priced for these few only. choose() given
    these rows names the same rows as given every path's: the first path with the least key is
    among them, and no path before it in the rules' order has a key as small."""
    lowest = _least(recommended)
    fastest = _fastest(recommended)
    low_at = fast_at = -1
    dates: dict[tuple[str | None, bool], dt.date] = {}
    terms = _terms_of(funding)
    wait = decision_wait(funding)
    for at, (record, delivery, cert, optional, path) in enumerate(paths):
        # _path_money's own memo looked up here first: most paths are met again.
        known = _MONEY.get((id(path), terms))
        money = known[1] if known is not None and known[0] is path else _path_money(funding, path)
        left = money.left_to_pay
        # The date reads the program and whether training is optional, not the certification
        # nor the delivery (see _ready_by): once per program.
        date_key = (None if record is None else record.id, optional)
        date = dates.get(date_key)
        if date is None:
            date = dates[date_key] = ready_by(
                kb, findings, profile, record, delivery, cert, optional, wait
            )
        total = money.total
        if (left.max, left.min, total.max, total.min, date) < lowest:
            lowest, low_at = (left.max, left.min, total.max, total.min, date), at
        if (date, left.max, left.min, total.max, total.min) < fastest:
            fastest, fast_at = (date, left.max, left.min, total.max, total.min), at
    return [Candidate(*paths[at]) for at in sorted({low_at, fast_at}) if at >= 0]


def priced(
    kb: KnowledgeBase,
    findings: Findings,
    profile: Profile,
    funding: Funding,
    candidate: Candidate,
) -> PathOption:
    """A path with its cost, what is left to pay, its job-ready date and payback months."""

    path = candidate.cost
    record = candidate.record
    # What the row reads: the path (kept with the row, so its id stays its), the aid's terms,
    # the pay, experience and hours payback reads, and the job-ready date's input (see
    # _ready_by).
    wait = decision_wait(funding)
    key = (
        id(path),
        candidate.with_aid,
        _terms_of(funding) if candidate.with_aid else -1,
        profile.current_pay,
        profile.experience_years,
        profile.hours_per_week,
        None if record is None else record.id,
        candidate.delivery,
        candidate.optional,
        candidate.cert,
        profile.schedule,
        profile.start,
        findings.early_steps,
        profile.graduation if profile.in_high_school else None,
        profile.failed_exam,
        wait,
    )
    rows = _ROWS.get(kb, lambda _kb: {})
    found = rows.get(key)
    if found is not None and found[0] is path:
        return found[1]
    money = _path_money(funding, path, with_aid=candidate.with_aid)
    # Payback months read only the current pay, the experience band and what is left to pay
    # (after the aid counted for the path, as the plan's own).
    left = money.left_to_pay
    pay_key = (
        profile.current_pay,
        profile.experience_years,
        profile.hours_per_week,
        left.min,
        left.max,
    )
    known = _PAYBACK.get(kb, lambda _kb: {})
    if pay_key in known:
        months = known[pay_key]
    else:
        band = experience_levels(kb.salary.by_experience, profile.experience_years)
        pay = person_payback(kb, profile, band, (left.min, left.max))
        months = None if pay is None else OptionPayback(pay.months, pay.basis)
        if len(known) >= _PAYBACK_LIMIT:
            known.clear()
        known[pay_key] = months
    cert = kb.certification(candidate.cert)
    row = PathOption(
        (),
        None
        if record is None
        else OptionProgram(record.id, record.name, candidate.delivery, candidate.optional),
        OptionCertification(cert.code, cert.name),
        money.total,
        money.left_to_pay,
        _ready_by(kb, findings, profile, candidate, wait),
        months,
        money.counted,
        money.counted_names,
        not_counted=path.total.not_counted,
    )
    if len(rows) >= _ROWS_LIMIT:
        rows.clear()
    rows[key] = (path, row)
    return row


# Rows by what they read (see priced), per knowledge base; past the limit it starts over.
_ROWS: PerKnowledgeBase[dict[tuple[object, ...], tuple[CostBreakdown, PathOption]]] = (
    PerKnowledgeBase()
)
_ROWS_LIMIT = 8192


# Payback months by what they read (see priced), per knowledge base.
_PAYBACK: PerKnowledgeBase[
    dict[tuple[int | None, int, int, float, float], OptionPayback | None]
] = PerKnowledgeBase()
_PAYBACK_LIMIT = 4096


def _same_figures(one: PathOption, other: PathOption) -> bool:
    """The same path with the same figures: every field equal but the labels (what comparing
    copies without labels says, without making the copies)."""
    return _figures(one) == _figures(other)


# Every field of a row but its labels (see _same_figures).
_figures = attrgetter(*(item.name for item in fields(PathOption) if item.name != "labels"))


def _fastest(option: PathOption) -> tuple[dt.date, float, float, float, float]:
    """What names the row job-ready first: its date, then (where that ties) what is left to pay
    and the lower total, as _least breaks its ties, so two paths as fast and as cheap to the
    person share the row 'least to pay' names."""
    left, total = option.left_to_pay, option.cost
    return (option.ready_by, left.max, left.min, total.max, total.min)


def _least(option: PathOption) -> tuple[float, float, float, float, dt.date]:
    """What names the row with least to pay: what is left to pay after its aid, then (where
    that ties) the lower total, so the label never goes to the dearer of two paths that leave
    the same, then the earlier date."""
    left, total = option.left_to_pay, option.cost
    return (left.max, left.min, total.max, total.min, option.ready_by)


def goal_program(
    kb: KnowledgeBase, findings: Findings, profile: Profile, recommended: str | None
) -> GoalPath | None:
    """The path of the goal the person gave (rules.yaml goal_paths: the first of the goal's
    programs not ruled out), when it is not the recommended program; None for a defaulted
    goal (the person said nothing to hear) or a plan without training."""
    if recommended is None:
        return None
    ruled_out = findings.ruled_out["program"]
    found = next(
        (
            path
            for path in kb.rules.goal_paths
            if path.goal == profile.goal and path.program not in ruled_out
        ),
        None,
    )
    # Where the goal was said is asked last: every answer's origin is worked out to tell it.
    if found is None or found.program == recommended:
        return None
    return None if profile.origins.get("goal", "default") == "default" else found


@fast_init
@dataclass(frozen=True)
class GoalPathFigures:
    """One of the two paths the goal row sets side by side: its program and figures."""

    program: str
    name: str
    cost: MinMax
    left_to_pay: MinMax
    ready_by: dt.date


@fast_init
@dataclass(frozen=True)
class GoalRow:
    """Why the path of the person's stated goal (its options row) is not the recommended one,
    as facts for the edge to word: the goal path's basis (rules.yaml goal_paths), the rules that
    scored the recommendation above it, and both paths' figures."""

    goal: str
    # The goal row's program, on what basis it fits the goal (GoalPath: best-for, guide-says,
    # tool), the guide's words for it (the table's Best For, or the quote) and the tool's
    # reasoning (basis tool).
    path: GoalPathFigures
    basis: GoalBasis
    words: str | None
    because: str | None
    # The plan's program, and its own basis and the guide's words when a rule on the goal
    # favors it and it is a path of the same goal too.
    recommended: GoalPathFigures
    recommended_basis: GoalBasis | None
    recommended_words: str | None
    # How the plan ranked the programs: "score" (the rules' totals), or "gap" when what can pay
    # reaches no program type (programs_by_cost: the smallest gap first, whatever the scores).
    ranked_by: Literal["score", "gap"]
    # The rules' totals: the goal program's, the recommended program's.
    scores: tuple[int, int]
    # The rules that scored the recommendation above the goal's program, in rules.yaml order;
    # rules on one answer are weighed together (each program's budget band rule, say), and
    # answers that come out even are in neither list.
    favoring: tuple[str, ...]
    # Whether a rule on the goal itself is among them (best-for-comprehensive, say).
    goal_rule_favors: bool
    # The answers the other favoring rules test, in order ("budget" for what the budget covers).
    favoring_answers: tuple[str, ...]
    # The rules that scored the goal's program above the recommendation (weighed as favoring).
    against: tuple[str, ...]


def goal_row(
    kb: KnowledgeBase,
    findings: Findings,
    path: GoalPath,
    row: PathOption,
    recommended: PathOption,
) -> GoalRow:
    """The facts of the goal row (goal_program's path, priced as row) beside the recommended
    path: each rule's points for the two programs compared, rule by rule."""
    assert row.program is not None and recommended.program is not None
    goal_id, recommended_id = row.program.id, recommended.program.id
    scores = findings.scores["program"]
    # What the facts read: the goal path (the knowledge base's own, kept with it), the two
    # rows' figures (_figures_of), each program's rules and points and total, and how programs
    # were ranked; the rest is the knowledge base's. The very facts for the same of these: the
    # batch's JSON lines write their text once (batch.PlanLines).
    key = (
        id(path),
        _figures_key(row),
        _figures_key(recommended),
        tuple((item.rule, item.points) for item in scores.get(goal_id, ())),
        tuple((item.rule, item.points) for item in scores.get(recommended_id, ())),
        findings.score("program", goal_id),
        findings.score("program", recommended_id),
        "programs_by_cost" in findings.flags,
    )
    known = _GOAL_ROWS.get(kb, lambda _kb: {})
    found = known.get(key)
    if found is not None:
        return found
    made = _goal_row(kb, findings, path, row, recommended)
    if len(known) >= _GOAL_ROWS_LIMIT:
        known.clear()
    known[key] = made
    return made


def _figures_key(row: PathOption) -> tuple[object, ...]:
    """What _figures_of reads of a row, the amounts with their types (375 and 375.0 are equal,
    but JSON writes them apart)."""
    assert row.program is not None
    cost, left = row.cost, row.left_to_pay
    amounts = (cost.min, cost.max, left.min, left.max)
    return (row.program.id, row.program.name, row.ready_by, amounts, tuple(map(type, amounts)))


# The goal rows' facts by what they read (see goal_row), per knowledge base; bounded.
_GOAL_ROWS: PerKnowledgeBase[dict[tuple[object, ...], GoalRow]] = PerKnowledgeBase()
_GOAL_ROWS_LIMIT = 4096


def _goal_row(
    kb: KnowledgeBase,
    findings: Findings,
    path: GoalPath,
    row: PathOption,
    recommended: PathOption,
) -> GoalRow:
    """goal_row, worked out."""
    assert row.program is not None and recommended.program is not None
    goal_id, recommended_id = row.program.id, recommended.program.id
    scores = findings.scores["program"]

    def by_rule(ident: str) -> dict[str, int]:
        points: dict[str, int] = {}
        for item in scores.get(ident, ()):
            points[item.rule] = points.get(item.rule, 0) + (item.points or 0)
        return points

    mine, theirs = by_rule(goal_id), by_rule(recommended_id)
    net = {rule: theirs.get(rule, 0) - mine.get(rule, 0) for rule in {*mine, *theirs}}
    engine = findings.engine
    answer_of = _ANSWERS.get(kb, lambda kb: {})
    groups: dict[tuple[str, ...], list[str]] = {}
    for rule in sorted(net, key=engine.position):
        group = answer_of.get(rule)
        if group is None:
            group = answer_of[rule] = _answer_of(kb, findings.result(rule).rule)
        groups.setdefault(group, []).append(rule)
    weight = {group: sum(net[rule] for rule in rules) for group, rules in groups.items()}
    favoring = tuple(
        rule
        for group, rules in groups.items()
        if weight[group] > 0
        for rule in rules
        if net[rule] > 0
    )
    against = tuple(
        rule
        for group, rules in groups.items()
        if weight[group] < 0
        for rule in rules
        if net[rule] < 0
    )
    goal_rule = weight.get(("goal",), 0) > 0
    answers = tuple(
        dict.fromkeys(
            fact for group in groups if weight[group] > 0 and group != ("goal",) for fact in group
        )
    )
    own = next(
        (
            item
            for item in kb.rules.goal_paths
            if goal_rule and item.goal == path.goal and item.program == recommended_id
        ),
        None,
    )
    return GoalRow(
        goal=path.goal,
        path=_figures_of(row),
        basis=path.basis,
        words=_guide_words(kb, path),
        because=path.because,
        recommended=_figures_of(recommended),
        recommended_basis=None if own is None else own.basis,
        recommended_words=None if own is None else _guide_words(kb, own),
        ranked_by="gap" if "programs_by_cost" in findings.flags else "score",
        scores=(findings.score("program", goal_id), findings.score("program", recommended_id)),
        favoring=favoring,
        goal_rule_favors=goal_rule,
        favoring_answers=answers,
        against=against,
    )


# The answer each scoring rule weighs (see _answer_of), by rule id, per knowledge base.
_ANSWERS: PerKnowledgeBase[dict[str, tuple[str, ...]]] = PerKnowledgeBase()


def _answer_of(kb: KnowledgeBase, rule: Rule) -> tuple[str, ...]:
    """What a rule weighs, for the goal row: ("goal",) for a rule on the goal, else the facts
    it tests, "budget" for what the budget covers (a fact of its own per band, tested by one
    rule per program: the two programs' band rules are weighed as one answer)."""
    from billing_career.planning.conditions import condition_tests

    tested = [test.fact for test in condition_tests(rule.when)]
    if "goal" in tested:
        return ("goal",)
    bands = {
        fact
        for band in kb.rules.budget_bands
        for fact in (band.has, band.lacks)
        if fact is not None
    }
    return tuple(dict.fromkeys("budget" if fact in bands else fact for fact in tested))


def _guide_words(kb: KnowledgeBase, path: GoalPath) -> str | None:
    """The guide's words a goal path rests on: its table's Best For, or the quote."""
    if path.basis == "best-for":
        return kb.program(path.program).best_for
    return path.quote


def _figures_of(row: PathOption) -> GoalPathFigures:
    assert row.program is not None
    return GoalPathFigures(
        row.program.id, row.program.name, row.cost, row.left_to_pay, row.ready_by
    )


def choose(
    recommended: PathOption,
    candidates: Sequence[PathOption],
    without_aid: PathOption | None = None,
    goal: PathOption | None = None,
    not_counted: tuple[str, ...] = (),
    condition: str | None = None,
) -> tuple[PathOption, ...]:
    """At most five rows: the recommended path, the one with least left to pay (of two that
    leave the same, the lower total: _least), the one job-ready first (its ties broken alike:
    _fastest), the one without aid and the one of the person's goal (goal_program); a tie goes
    to the recommended path, then to the rules' order, and rows with the same path and figures
    share one row. not_counted: what the plan's own total leaves out, on the recommended row
    (after the rows are matched: not a figure they share); condition: each row's
    ready_by_condition, when given."""
    pool = [recommended, *(c for c in candidates if c.path != recommended.path)]
    lowest = min(pool, key=_least)
    fastest = min(pool, key=_fastest)
    rows: list[tuple[list[str], PathOption]] = []
    chosen = (recommended, lowest, fastest, without_aid, goal)
    for label, option in zip(LABELS, chosen, strict=True):
        if option is None:
            continue
        for labels, row in rows:
            if _same_figures(row, option):
                labels.append(label)
                break
        else:
            rows.append(([label], option))
    # Each row with its labels (what replace(row, labels=...) makes, without its field loop).
    return tuple(
        PathOption(
            tuple(labels),
            row.program,
            row.certification,
            row.cost,
            row.left_to_pay,
            row.ready_by,
            row.payback,
            row.counted_aid,
            row.counted_aid_names,
            row.ready_by_condition if condition is None else condition,
            not_counted if not_counted and row is recommended else row.not_counted,
        )
        for labels, row in rows
    )
