"""The money sentences, made in one place from planning/money.py's facts.

What a source counts, what the person pays, what another path leaves: the plan, `cost` and `aid`
all word money here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from billing_career.knowledge.figures import money, money_span
from billing_career.knowledge.lookup import lower_first
from billing_career.knowledge.wording import and_list, date_text

if TYPE_CHECKING:
    from billing_career.knowledge.models import WorkRule
    from billing_career.planning.amounts import MinMax
    from billing_career.planning.money import (
        Amount,
        FundingSource,
        NotAssessed,
        OptionalTraining,
        PaidFirst,
    )

_PART_WORDS = {
    "tuition": "tuition",
    "program-fees": "fees",
    "exam": "the exam fee",
    "books": "books",
    "membership": "membership",
    "other": "other costs",
}


def pays_for_text(parts: Sequence[str]) -> str:
    """'tuition and fees', 'tuition, fees and the exam fee'."""
    words = [_PART_WORDS.get(part, part) for part in parts]
    return and_list(words) if words else "nothing"


def amount_text(amount: Amount | str | None) -> str:
    """'up to $7,395', 'typically $3,000-$5,000', '$500 (you said)', 'not given'."""
    if amount is None or isinstance(amount, str):
        return "amount not given"
    span = money_span(amount.min, amount.max)
    if amount.value_is == "maximum":
        return f"up to {span}"
    if amount.value_is == "typical":
        return f"typically {span}"
    if amount.value_is == "stated by you":
        return f"{span} (you said)"
    return span


def span_text(span: MinMax) -> str:
    """'$1,600-$3,000' or '$1,600'."""
    return money_span(min(span.min, span.max), max(span.min, span.max))


def counts_text(source: FundingSource) -> str:
    """What a counted source counts, beside its own amount, so the two never read as two
    answers: 'counts $1,600-$3,000 toward tuition and fees (of typically $3,000-$5,000)'."""
    if source.counted_as is None:
        return "not counted"
    what = "your path" if source.terms.stated else pays_for_text(source.pays_for)
    text = f"counts {span_text(source.counted_as)} toward {what}"
    if isinstance(source.amount, str):
        # An amount not known never reads as covering a cost without its condition.
        if not source.ranked:
            return f"{text} (its amount is not known yet)"
        # In full is the plan's reading of what the sources say (in_full_because), and an
        # exam fee "up to" a limit is never paid beyond the fee (the model's rule).
        exam = source.terms.exam_up_to
        limit = f"; an exam fee up to {money(exam)}" if exam else ""
        why = f", as {source.in_full_because}" if source.in_full_because else ""
        return f"{text} (counted in full{why}{limit})"
    if source.terms.stated:
        return text
    return f"{text} (of {amount_text(source.amount)})"


def one_year_text(source: FundingSource) -> str:
    """' That is one year's award at most (the 2026-27 maximum, the latest figure here); this
    program runs into a later award year: each later year needs a new FAFSA and is not counted
    here.' where the program (or a plan's training) outlasts the one award year counted
    (FundingSource.counts_one_year); '' otherwise. The year is the amount's, not the training's
    (which may start after it ends), so it is named as the maximum the figure is for; training
    that starts in a later award year (FundingSource.starts_in_award_year) is told to apply for
    its own year: ' Your training starts in the 2027-28 award year: apply for that year's
    aid. ...'."""
    year = source.counts_one_year
    later = source.starts_in_award_year
    renew = f"needs {source.renew_by} and " if source.renew_by else ""
    if later is not None:
        # Training that starts after the figure's award year: the year to apply for is the
        # training's own, and the amount is the latest figure's, not that year's.
        latest = source.award_year
        text = (
            f" Your training starts in the {later} award year: apply for that year's aid. The"
            f" amount counted uses the {latest} maximum, the latest figure this tool has"
            f" ({later}'s may differ)."
        )
        if year is not None:
            text += f" It is one year's award at most: each later year {renew}is not counted."
        return text
    if year is None:
        return ""
    return (
        f" That is one year's award at most (the {year} maximum, the latest figure here); this "
        "program runs into a later award year: each later year "
        f"{renew}is not counted here."
    )


def work_rule_text(rule: WorkRule | None, *, trains: bool = True) -> str:
    """' Training can help you keep SNAP: it counts toward the 80 hours a month that SNAP's
    3-month time limit asks of adults 18-64 (since July 4, 2025; parents of a child under 14
    are exempt).' for a benefit's work rule; '' without one. trains: False on a path with no
    training, where only the rule itself is said (there is no training to count)."""
    if rule is None:
        return ""
    ages = f"{int(rule.ages.min)}-{int(rule.ages.max)}"
    since = date_text(dt.date.fromisoformat(rule.since))
    if not trains:
        return (
            f" To keep {rule.benefit}, its {rule.limit_months}-month time limit asks adults "
            f"{ages} for {rule.hours_a_month} hours a month (since {since}; parents of a child "
            f"under {rule.exempt_child_under} are exempt)."
        )
    return (
        f" Training can help you keep {rule.benefit}: it counts toward the "
        f"{rule.hours_a_month} hours a month that {rule.benefit}'s {rule.limit_months}-month "
        f"time limit asks of adults {ages} (since {since}; parents of a child under "
        f"{rule.exempt_child_under} are exempt)."
    )


def source_line(source: FundingSource) -> str:
    """One aid source for the person: 'Workforce Development: counts $1,600-$3,000 toward
    tuition and fees (of typically $3,000-$5,000), only if ...' or '...: not counted. Why.'"""
    if source.counted:
        condition = f", only {source.condition}" if source.condition else ""
        return (
            f"{source.name}: {counts_text(source)}{condition}.{one_year_text(source)}"
            f"{work_rule_text(source.work_rule, trains=not source.exam_alone)}"
        )
    why = source.reasons[-1] if source.reasons else ""
    amount = "" if isinstance(source.amount, str) else f" ({amount_text(source.amount)})"
    rule = work_rule_text(source.work_rule, trains=not source.exam_alone)
    if why.startswith("Not counted"):
        return f"{source.name}{amount}: n{why[1:]}{rule}"
    return f"{source.name}{amount}: not counted. {why}".rstrip() + rule


def not_assessed_line(item: NotAssessed, prompts: Sequence[str]) -> str:
    """'Workforce Development (WIOA): not assessed, as you did not answer "Are you out of work,
    laid off, or on a low income?"; answer it, or ask an American Job Center (WIOA).' prompts:
    the questions of item.answers."""
    name = f"{item.name} ({item.short})" if item.short else item.name
    asked = " or ".join(f'"{prompt}"' for prompt in prompts)
    it = "it" if len(prompts) == 1 else "them"
    ask = f", or ask {item.refer_to}" if item.refer_to else ""
    return f"{name}: not assessed, as you did not answer {asked}; answer {it}{ask}."


def you_pay_text(
    left: MinMax,
    without: MinMax | None,
    unknown: Sequence[str],
    counted_any: bool,
    *,
    out_of: int | None = None,
) -> str:
    """'$285-$1,330 ($1,885-$4,330 without the aid), plus the CHFP exam fee, which no source
    gives.' What the person pays after the aid counted (and without the aid that has a
    condition); out_of: the budget it comes out of, when the budget covers it."""
    text = span_text(left)
    if out_of is not None:
        # The budget covers it: what you pay comes out of the budget, not on top of it.
        text += f", out of your budget of {money(out_of)}"
    if counted_any and without is not None:
        text += f" ({span_text(without)} without the aid)"
    if unknown:
        names = and_list([f"the {lower_first(name)}" for name in unknown])
        text += f", plus {names}, which no source gives"
    return text + "."


# How another path's job-ready date stands beside the chosen path's (OtherPath.timing).
_READY_WORDS = {"sooner": "ready sooner ({day})", "same": "ready as soon ({day})"}


def other_path_text(
    name: str,
    cost: MinMax,
    left: MinMax,
    ready_by: dt.date,
    timing: str,
    aid: Sequence[str] = (),
) -> str:
    """'Online Self-Paced, ready as soon (about June 1, 2027): you pay $0-$680 of $835-$2,680.'
    or 'Extended Certificate, ready about August 1, 2027: you pay $285-$530 of $3,385-$6,830,
    with Federal Financial Aid counted.' (what is left after the aid it counts, named: aid)"""
    day = f"about {date_text(ready_by)}"
    ready = _READY_WORDS[timing].format(day=day) if timing in _READY_WORDS else f"ready {day}"
    return f"{name}, {ready}: you pay {span_text(left)} of {span_text(cost)}{with_aid_text(aid)}."


def swapped_text(
    picked: str,
    best_for: str | None,
    left_picked: MinMax,
    left: MinMax,
    ready_by: dt.date,
    picked_ready_by: dt.date,
    timing: str,
    score: int | None = None,
) -> str:
    """Why the plan recommends its path over the rules' pick (planner.SwappedFrom). On the
    first screen (no score), after 'Chosen over', two lines at most: 'Short Certificate
    (in-person), the guide's best for quick entry: it leaves you more to pay ($285-$1,330) and
    is ready no sooner.' With score (--details, --explain), in full: 'Short Certificate
    (in-person), the rules' first choice (score 3), which the guide rates best for quick entry:
    this path is ready as soon (about June 1, 2027) and leaves you less to pay ($285-$530
    against $285-$1,330).'"""
    if score is None:
        # The answer block's line: its own path's date and money are on the lines around it.
        rated = f", the guide's best for {lower_first(best_for)}" if best_for else ""
        later = "no sooner" if timing == "same" else f"later (about {date_text(picked_ready_by)})"
        return (
            f"{picked}{rated}: it leaves you more to pay ({span_text(left_picked)}) and is "
            f"ready {later}."
        )
    rated = f", which the guide rates best for {lower_first(best_for)}" if best_for else ""
    return (
        f"{picked}, the rules' first choice (score {score}){rated}: this path is "
        f"{_swap_ready(ready_by, picked_ready_by, timing)} and leaves you less to pay "
        f"({span_text(left)} against {span_text(left_picked)})."
    )


def swapped_note(
    chosen: str,
    left_picked: MinMax,
    left: MinMax,
    ready_by: dt.date,
    picked_ready_by: dt.date,
    timing: str,
) -> str:
    """The rules' pick's own entry among the alternatives (--explain) where the plan recommends
    another path in its place: 'The rules' first choice; the plan recommends the Extended
    Certificate in its place, which is ready as soon (about December 28, 2027) and leaves you
    less to pay ($579-$824 against $1,129-$2,974).'"""
    return (
        f"The rules' first choice; the plan recommends {chosen} in its place, which is "
        f"{_swap_ready(ready_by, picked_ready_by, timing)} and leaves you less to pay "
        f"({span_text(left)} against {span_text(left_picked)})."
    )


def _swap_ready(ready_by: dt.date, picked_ready_by: dt.date, timing: str) -> str:
    """'ready as soon (about June 1, 2027)', or 'ready sooner (about ..., against ...)'."""
    if timing == "sooner":
        return f"ready sooner (about {date_text(ready_by)}, against {date_text(picked_ready_by)})"
    return f"ready as soon (about {date_text(ready_by)})"


def with_aid_text(aid: Sequence[str]) -> str:
    """', with Federal Financial Aid counted' (the counted sources' names, as the Funding line
    names them); '' when none is counted."""
    return f", with {and_list(list(aid))} counted" if aid else ""


def you_pay_plan_for(text: str, newer: MinMax | None) -> str:
    """What the person pays ('$579-$824.'), with what they pay of the total to plan for where
    newer reports raise it: '$579-$824; plan for $745-$1,022 (newer reports).'"""
    if newer is None:
        return text
    return f"{text[:-1]}; plan for {span_text(newer)} (newer reports)."


def paid_first_text(text: str, paid_first: Sequence[PaidFirst]) -> str:
    """What the person pays ('$130-$375.'), with what they pay up front that the aid repays
    after: '$130-$375; plus $155 up front for the exam fee, which the VA repays after.' (what
    they pay still counts it as paid by the aid)."""
    if not paid_first:
        return text
    parts = [
        f"{span_text(item.amount)} up front for {pays_for_text(item.parts)}, which "
        f"{item.by or item.name} repays after"
        for item in paid_first
    ]
    return f"{text[:-1]}; plus {and_list(parts)}."


def up_front_amount_text(paid_first: Sequence[PaidFirst]) -> str:
    """What is paid up front and repaid after, for a cell: '$155 for the exam fee, repaid by
    the VA'; 'none'."""
    if not paid_first:
        return "none"
    return and_list(
        [
            f"{span_text(item.amount)} for {pays_for_text(item.parts)}, repaid by "
            f"{item.by or item.name}"
            for item in paid_first
        ]
    )


def newer_shortfall_text(
    amount: int,
    gap: tuple[float, float],
    newer: MinMax | None,
    first: MinMax | None = None,
    guide_first: MinMax | None = None,
) -> str:
    """'; newer reports: falls short by $145-$422' where the budget (amount) against what the
    person pays of the total to plan for (newer) does another thing than against the guide's
    figures (gap: low, high); with first (what the budget falls short by at first of the total
    to plan for, an exam fee paid up front: planning/money.py up_front_with_newer_figures)
    where it is not the guide's (guide_first): '; newer reports: may fall short by up to $197,
    and by $245-$622 at first'; the at-first figure alone where only it is another thing, after
    the guide's own at-first clause ('; up to $274 at first'): '; newer reports: $55-$400 at
    first'. '' where neither is."""
    from billing_career.planning.money import against_newer

    budget = against_newer(amount, gap, newer)
    parts = [] if budget is None else [budget.shortfall]
    if first is not None and first != guide_first:
        short = f"{_short_by(first)} at first"
        if parts:
            parts.append(f"and by {short}")
        else:
            # Short already at the guide's figures, the guide's at-first clause says a
            # shortfall: the newer one is its figure alone, as that clause is.
            parts.append(short if gap[1] > 0 and guide_first is not None else f"short by {short}")
    return f"; newer reports: {', '.join(parts)}" if parts else ""


def _short_by(gap: MinMax) -> str:
    """A shortfall for a clause: 'up to $230' where the low end is held, '$285-$530'."""
    return f"up to {money(gap.max)}" if gap.min == 0 else money_span(gap.min, gap.max)


def paths_compared_text(
    left: MinMax, other_left: MinMax, ready_by: dt.date, other_ready_by: dt.date
) -> str:
    """Two paths side by side, the first against the other: 'it leaves $579-$824 to pay against
    $1,584-$12,229, and is job-ready about August 1, 2027 against February 1, 2029' ('as much',
    'as soon' where the two are the same)."""
    if (left.min, left.max) == (other_left.min, other_left.max):
        pays = f"it leaves as much to pay ({span_text(left)})"
    else:
        pays = f"it leaves {span_text(left)} to pay against {span_text(other_left)}"
    if ready_by == other_ready_by:
        ready = f"is job-ready as soon (about {date_text(ready_by)})"
    else:
        ready = f"is job-ready about {date_text(ready_by)} against {date_text(other_ready_by)}"
    return f"{pays}, and {ready}"


def up_front_text(amount: int, left: MinMax, paid_first: Sequence[PaidFirst]) -> str:
    """'; with the exam fee paid up front until the VA repays it: may fall short by up to $130'
    where the budget (amount) covers what is left to pay but not that plus what is paid first;
    '; up to $230 at first' (until the aid repays the fee) where it falls short of what is
    left already (planning/money.py up_front decides); '' otherwise."""
    from billing_career.planning.money import up_front

    first = up_front(amount, left, paid_first)
    if first is None:
        return ""
    fees = and_list([pays_for_text(item.parts) for item in paid_first])
    by = and_list([item.by or item.name for item in paid_first])
    if amount < left.max:
        # Short already: how much is short at first, before the fee is repaid (You pay, next,
        # says the fee, that it is paid up front, and who repays it: the answer stays short).
        return f"; {_short_by(first.gap)} at first"
    return f"; with {fees} paid up front until {by} repays it: {first.shortfall}"


def optional_training_text(optional: OptionalTraining, total: MinMax) -> str:
    """A named program the answers make optional, priced as the plan prices it: 'Online
    Self-Paced training is optional for you: ... with it this path would cost $680-$2,525
    instead of $130-$375.'"""
    return (
        f"{optional.name} training is optional for you: your billing experience lets you take "
        "the exam without it, so its tuition and fees are left out, as your plan leaves them "
        f"out. With it this path would cost {span_text(optional.with_training)} instead of "
        f"{span_text(total)}."
    )
