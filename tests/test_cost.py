"""`bcareer cost` and reference.costs: items and totals from the guide, aid, bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, read_guide
from inline_snapshot import snapshot

from billing_career.errors import UnknownValueError
from billing_career.planning.load import load_knowledge
from billing_career.reference.costs import cost_breakdown, resolve_program

PLAIN = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(DATA)


def guide_rows() -> dict[str, tuple[int, ...]]:
    """Every '| name | $a-$b | ...' row of the guide's tables, as the numbers it holds."""
    rows = {}
    for line in read_guide().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2 and "$" in line:
            rows[cells[0]] = tuple(int(n.replace(",", "")) for n in re.findall(r"\$([\d,]+)", line))
    return rows


def cost(invoke, *args: str) -> dict:
    result = invoke("cost", *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def items(payload: dict) -> dict[str, dict]:
    return {item["id"]: item for item in payload["items"]}


# --- figures against the guide ------------------------------------------------------------------


def test_online_items_are_the_guides_figures(invoke) -> None:
    rows = guide_rows()
    got = items(cost(invoke, "--program", "online"))
    assert (
        got["tuition"]["min"],
        got["tuition"]["max"],
        got["program-fees"]["min"],
        got["program-fees"]["max"],
    ) == rows["Online Program"]
    assert (got["textbooks"]["min"], got["textbooks"]["max"]) == rows["Textbooks"]
    assert (got["background-check"]["min"], got["background-check"]["max"]) == rows[
        "Background check"
    ]
    # The guide's CPB exam fee row is $349-$449: non-member pays the top of it.
    assert got["exam-fee"]["min"] == got["exam-fee"]["max"] == rows["CPB exam fee"][1]
    assert "home-office" not in got and "membership" not in got
    for item in got.values():
        assert item["source"].startswith("How to become a Medical Billing Specialist")
        assert item["known"] is True


def test_total_is_the_sum_of_the_items(invoke) -> None:
    payload = cost(invoke, "--program", "online")
    # 500 + 50 + 100 + 449 + 30 and 3,000 + 150 + 300 + 449 + 75, from the guide's tables.
    assert payload["total"] == {"min": 1129, "max": 3974, "complete": True, "not_counted": []}
    assert sum(item["min"] for item in payload["items"]) == payload["total"]["min"]


def test_member_and_remote_add_membership_and_home_office(invoke) -> None:
    rows = guide_rows()
    got = items(cost(invoke, "--program", "online", "--member", "--remote"))
    assert got["exam-fee"]["min"] == rows["CPB exam fee"][0] == 349
    assert got["membership"]["min"] == rows["AAPC membership"][0] == 190
    assert got["membership"]["per"] == "year"
    assert (got["home-office"]["min"], got["home-office"]["max"]) == rows[
        "Home office setup (remote)"
    ]


def test_membership_insight_is_computed_from_the_fees(invoke) -> None:
    payload = cost(invoke, "--program", "online")
    assert any(
        text.startswith(
            "AAPC membership ($190/year) costs more than the $100 it saves "
            "on the CPB exam, unless you need it anyway."
        )
        for text in payload["insights"]
    )


def test_newer_figures_are_notes_beside_the_guides(invoke) -> None:
    notes = " ".join(cost(invoke, "--program", "online", "--member")["notes"])
    assert "$425 one attempt / $499 two attempts" in notes
    assert "the guide gives $349" in notes
    assert "$222/year" in notes and "the guide gives $190/year" in notes


@pytest.mark.parametrize(
    ("program", "tuition", "fees"),
    [
        ("online", (500, 3000), (50, 150)),
        ("ONLINE", (500, 3000), (50, 150)),
        ("certificate", (1500, 6000), (100, 300)),
        ("short-certificate", (1500, 3500), (100, 300)),
        ("extended-certificate", (3000, 6000), (100, 300)),
        ("community-college", (3000, 8000), (200, 500)),
        ("associate", (8000, 18000), (400, 800)),
        ("associate-degree", (8000, 18000), (400, 800)),
        ("online-self-paced", (500, 2000), (50, 150)),
        ("Self-Paced", (500, 2000), (50, 150)),
    ],
)
def test_program_names_and_aliases(kb, program, tuition, fees) -> None:
    choice = resolve_program(kb, program)
    assert (choice.tuition.min, choice.tuition.max) == tuition
    assert (choice.fees.min, choice.fees.max) == fees


# --- unknown costs ------------------------------------------------------------------------------


def test_cmrs_is_priced_for_members_because_membership_is_required(invoke) -> None:
    """The guide requires AMBA membership for CMRS and gives only the member fee: asking for the
    non-member price would only ever say 'unknown'."""
    payload = cost(invoke, "--program", "online", "--cert", "cmrs")
    assert payload["member"] is True and payload["member_required"] is True
    got = items(payload)
    assert got["exam-fee"]["name"] == "CMRS exam fee (member)"
    assert got["exam-fee"]["known"] is True and got["exam-fee"]["min"] == 199
    assert any(
        "CMRS requires AMBA membership in the guide" in note and "member pricing is used" in note
        for note in payload["notes"]
    )
    # The membership's price stays unknown, listed and not counted, never zero.
    assert got["membership"]["name"] == "AMBA membership"
    assert got["membership"]["known"] is False and got["membership"]["max"] is None
    assert payload["total"]["complete"] is False
    assert payload["total"]["not_counted"] == ["AMBA membership"]
    # 500 + 50 + 100 + 199 + 30.
    assert payload["total"]["min"] == 879
    assert any("AMBA membership" in note and "Not counted" in note for note in payload["notes"])
    out = invoke("cost", "--program", "online", "--cert", "CMRS", env=PLAIN).out
    assert "CMRS exam (member)" in out
    exam = next(line for line in out.splitlines() if line.startswith("│ CMRS exam fee"))
    assert "$199" in exam and "unknown" not in exam


def test_membership_switch_is_said_only_when_it_happens(kb) -> None:
    asked = cost_breakdown(kb, "online", cert="CMRS", member=True)
    assert asked.member and not asked.member_required
    assert not any("member pricing is used" in note for note in asked.notes)
    # Asked for, the members-only price is an insight; switched on, the note above says it.
    assert any("prices its exam for members only ($199)" in text for text in asked.insights)
    switched = cost_breakdown(kb, "online", cert="CMRS")
    assert not any("members only" in text for text in switched.insights)
    cpb = cost_breakdown(kb, "online", cert="CPB")
    assert not cpb.member and not cpb.member_required


def test_cmrs_member_fee_is_the_guides(invoke) -> None:
    got = items(cost(invoke, "--program", "online", "--cert", "CMRS", "--member"))
    assert got["exam-fee"]["min"] == 199 and got["exam-fee"]["known"] is True
    assert got["membership"]["known"] is False


def test_cbcs_has_one_fee_and_no_membership(invoke) -> None:
    payload = cost(invoke, "--program", "online", "--cert", "CBCS", "--member")
    got = items(payload)
    assert got["exam-fee"]["min"] == 155 and got["exam-fee"]["name"] == "CBCS exam fee (one price)"
    assert "membership" not in got
    assert any("No NHA membership counted" in note for note in payload["notes"])


@pytest.mark.parametrize("code", ["CPC", "CHFP", "CMA"])
def test_advanced_exam_fees_are_unknown(invoke, code) -> None:
    payload = cost(invoke, "--program", "online", "--cert", code)
    assert items(payload)["exam-fee"]["known"] is False
    assert payload["total"]["not_counted"] == [f"{code} exam fee"]


# --- the plan's use: no training program --------------------------------------------------------


def test_without_training_tuition_and_fees_are_left_out(kb) -> None:
    without = (cost_breakdown(kb, None), cost_breakdown(kb, "online", include_tuition=False))
    for breakdown in without:
        ids = [item.id for item in breakdown.items]
        assert "tuition" not in ids and "program-fees" not in ids
        assert (breakdown.total_min, breakdown.total_max) == (100 + 449 + 30, 300 + 449 + 75)
        assert breakdown.notes[0].startswith("No training program")
    assert cost_breakdown(kb, "online", include_tuition=False).program is not None


def test_program_none_on_the_command_line(invoke) -> None:
    payload = cost(invoke, "--program", "none")
    assert payload["program"] is None
    assert payload["total"]["min"] == 579


def test_breakdown_json_shape(invoke) -> None:
    payload = cost(invoke, "--program", "online")
    assert {"program", "items", "total", "notes", "insights", "money"} <= set(payload)
    # No answers and no --aid: nothing to count.
    assert payload["money"] is None
    assert payload["program"]["id"] == "online"
    assert payload["program"]["tuition"] == {"min": 500, "max": 3000}
    for item in payload["items"]:
        assert {"name", "min", "max", "source", "section", "known"} <= set(item)
        assert isinstance(item["min"], int)


def test_unknown_program_raises_with_suggestion(kb) -> None:
    with pytest.raises(UnknownValueError) as error:
        resolve_program(kb, "onlin")
    assert error.value.suggestion == "online"


# --- aid ----------------------------------------------------------------------------------------


def _money(payload: dict) -> tuple[dict, dict]:
    money = payload["money"]
    return money, {source["id"]: source for source in money["sources"]}


def test_aid_is_counted_in_order_and_the_shares_add_up(invoke) -> None:
    """Pell first (the FAFSA), then WIOA from what is left of tuition and fees: each source's
    share adds up to the aid counted, never more than tuition and fees ($8,400-$10,395)."""
    payload = cost(
        invoke, "--program", "associate", "--aid", "federal-aid,WIOA", "--aid", "payment-plans"
    )
    total = payload["total"]
    money, aid = _money(payload)
    pell, wioa = aid["federal-aid"], aid["wioa"]
    assert pell["amount"]["min"] == pell["amount"]["max"] == 7395
    assert pell["amount"]["is"] == "maximum" and "GEN-26-01" in pell["amount"]["source"]
    assert pell["counted_as"] == {"min": 7395, "max": 7395}
    assert wioa["amount"]["min"] == 3000 and wioa["amount"]["max"] == 5000
    # At the low end of cost the most aid, at the high end the least.
    assert wioa["counted_as"] == {"min": 8400 - 7395, "max": 3000}
    assert money["aid_counted"] == {"min": 8400, "max": 10395}
    assert money["left_to_pay"] == {
        "min": total["min"] - 8400,
        "max": total["max"] - 10395,
    }
    assert not aid["payment-plans"]["counted"] and aid["payment-plans"]["counted_as"] is None
    # No budget given: no gap is made up.
    assert money["budget"] is None and money["gap"] is None


def test_aid_is_counted_against_what_it_pays_for_only(invoke) -> None:
    """WIOA pays tuition and fees: books, the exam, membership and a home office stay in what is
    left to pay."""
    payload = cost(invoke, "--program", "certificate", "--member", "--remote", "--aid", "pell,wioa")
    total = payload["total"]
    assert (total["min"], total["max"]) == (2469, 7714)
    money, aid = _money(payload)
    # Tuition $1,500-$6,000 and fees $100-$300: typically $3,000-$5,000 counts $1,600-$3,000.
    assert aid["wioa"]["counted_as"] == {"min": 1600, "max": 3000}
    assert aid["wioa"]["pays_for"] == ["tuition", "program-fees"]
    assert money["left_to_pay"] == {"min": 869, "max": 7714 - 3000}
    # Pell is counted only where the program's hours can be shown: this tool's policy.
    assert not aid["federal-aid"]["counted"]
    assert "this tool counts a Pell Grant only" in aid["federal-aid"]["reasons"][-1]
    assert "ask the school whether it can get a Pell Grant" in aid["federal-aid"]["reasons"][-1]
    out = invoke(
        "cost",
        "--program",
        "certificate",
        "--member",
        "--remote",
        "--aid",
        "pell,wioa",
        env={**PLAIN, "COLUMNS": "200"},
    ).out
    assert (
        "Workforce Development: counts $1,600-$3,000 toward tuition and fees (of typically "
        "$3,000-$5,000)" in out
    )
    assert (
        "You pay: $869-$4,714 ($2,469-$7,714 without the aid); plan for $945-$4,822 (newer "
        "reports)." in out
    )


def test_gi_bill_pays_the_exam_fee_up_to_its_limit(invoke) -> None:
    """No training: the GI Bill still reimburses the approved test fee (up to $2,000, never
    more than the fee), as the plan counts it."""
    money, aid = _money(cost(invoke, "--program", "none", "--cert", "CBCS", "--aid", "gi-bill"))
    assert aid["gi-bill"]["counted_as"] == {"min": 155, "max": 155}
    assert money["aid_counted"] == {"min": 155, "max": 155}


def test_aid_never_takes_off_more_than_the_training(invoke) -> None:
    money, aid = _money(cost(invoke, "--program", "online", "--aid", "wioa"))
    # At the low end WIOA pays all the training: what is left is the path without training
    # (books, exam and background check, $579); at the high end its typical $3,000 leaves $150
    # of the $3,150 of tuition and fees.
    assert aid["wioa"]["counted_as"] == {"min": 550, "max": 3000}
    assert (money["left_to_pay"]["min"], money["left_to_pay"]["max"]) == (579, 824 + 150)
    bare, bare_aid = _money(cost(invoke, "--program", "none", "--aid", "wioa"))
    assert not bare_aid["wioa"]["counted"]
    assert (bare["left_to_pay"]["min"], bare["left_to_pay"]["max"]) == (579, 824)


def test_the_person_answers_decide_what_applies(invoke) -> None:
    """cost takes the plan's money answers: a job seeker without a bachelor's gets Pell and WIOA;
    a bachelor's holder does not get Pell."""
    _, aid = _money(
        cost(invoke, "--program", "extended-certificate", "--education", "ged", "--job-seeker")
    )
    assert aid["federal-aid"]["counted"] and "wioa" in aid
    _, degree = _money(cost(invoke, "--program", "extended-certificate", "--education", "bachelor"))
    assert "federal-aid" not in degree


def test_aid_all(invoke) -> None:
    money, _ = _money(cost(invoke, "--program", "online", "--aid", "all"))
    ids = [source["id"] for source in money["sources"]]
    # The catalog's order: an employer's offer, then the FAFSA; payment plans only with a gap
    # (none: no budget).
    assert ids[:4] == ["employer-sponsorship", "federal-aid", "wioa", "gi-bill"]
    assert "trade-adjustment-assistance" in ids


# --- overview -----------------------------------------------------------------------------------


def test_without_program_every_choice_is_totalled_cheapest_first(invoke) -> None:
    payload = cost(invoke)
    rows = payload["programs"]
    names = [row["program"]["id"] if row["program"] else None for row in rows]
    # No training is the cheapest path, so it comes first, not last.
    assert names[0] is None
    assert set(names[1:]) == {
        "online-self-paced",
        "online",
        "short-certificate",
        "certificate",
        "extended-certificate",
        "community-college",
        "associate-degree",
    }
    totals = [(row["total"]["max"], row["total"]["min"]) for row in rows]
    assert totals == sorted(totals)
    out = invoke("cost", env=PLAIN).out
    assert "No training program" in out and "bcareer cost --program" in out
    # Which of the guide's two tables each row comes from.
    assert "program types" in out and "tuition and fees" in out


@pytest.mark.parametrize(
    ("cert", "expected"),
    [
        (
            "CBCS",
            "Without training you must qualify another way: CBCS requires training program "
            "completion or 1 year of billing experience (guide).",
        ),
        (
            "CPB",
            "CPB requirements (guide): no prerequisites for exam; recommended: billing training "
            "or experience.",
        ),
    ],
)
def test_overview_says_what_the_path_without_training_needs(
    invoke, cert: str, expected: str
) -> None:
    assert cost(invoke, "--cert", cert)["without_training"] == expected
    out = invoke("cost", "--cert", cert, env={**PLAIN, "COLUMNS": "300"}).out
    assert expected in out


def test_requirement_lines_are_joined_as_the_guide_means_them(kb) -> None:
    note = cost_breakdown(kb, None, cert="CBCS").notes[0]
    assert note.endswith(
        "CBCS requirements in the guide: training program completion or 1 year "
        "of billing experience."
    )
    assert ", OR;" not in note


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("Training program completion", "training program completion"),
        ("McDonald's hiring program", "McDonald's hiring program"),  # a name stays a name
        ("AMBA membership", "AMBA membership"),  # as does an acronym
        ("GED or diploma", "GED or diploma"),
        ("1 year of experience", "1 year of experience"),
        ("", ""),
    ],
)
def test_only_an_ordinary_first_word_is_lowered(text: str, lowered: str) -> None:
    from billing_career.knowledge.lookup import lower_first

    assert lower_first(text) == lowered


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--program", "onlin"), "Unknown program 'onlin'. Did you mean 'online'?"),
        (("--program", "Associat"), "Did you mean 'associate'?"),
        (("--program", "online", "--cert", "CBSC"), "Did you mean 'CBCS'?"),
        (("--program", "online", "--cert", "cbsc"), "Did you mean 'CBCS'?"),
        (("--program", "online", "--aid", "loans"), "Did you mean 'student-loans'?"),
        (("--program", "online", "--aid", "federal-aid,nope"), "Unknown aid option 'nope'."),
        (("--program",), "Option '--program' requires an argument."),
        (("--program", "online", "--member", "yes"), "Got unexpected extra argument"),
    ],
)
def test_bad_input_exits_2_with_one_line(invoke, args, expected) -> None:
    result = invoke("cost", *args)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert expected in result.err
    assert "Traceback" not in result.err


def test_unknown_program_lists_choices_not_internal_ids(invoke) -> None:
    result = invoke("cost", "--program", "foo")
    assert result.code == 2
    assert "Known: short-certificate, " in result.err and "none." in result.err
    # The tuition row behind the associate degree's fees is a detail of the data...
    assert "associate-degree-fees" not in result.err
    # ...still accepted, under its natural name.
    shown = invoke("cost", "--program", "associate-degree-fees", env=PLAIN)
    assert shown.code == 0
    assert "What it costs: Associate Degree, CPB exam" in shown.out
    assert "(tuition table)" not in shown.out


def test_help_examples_run(invoke) -> None:
    help_text = invoke("cost", "--help").out
    examples = [
        line.strip().split("  ")[0]
        for line in help_text.splitlines()
        if line.strip().startswith("bcareer cost")
    ]
    assert "bcareer cost --program online" in examples
    for example in examples:
        assert invoke(*example.split()[1:]).code == 0, example


# --- the terminal -------------------------------------------------------------------------------


def test_golden_render_at_100_columns(invoke) -> None:
    result = invoke("cost", "--program", "online", "--member", env=PLAIN)
    assert result.code == 0, result.err
    assert "\n".join(line.rstrip() for line in result.out.splitlines()) == snapshot("""\
What it costs: Online Program, CPB exam (member)
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Item                                    ┃          Cost ┃ Source                                 ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ Tuition (Online Program)                │   $500-$3,000 │ guide: Cost breakdown: Tuition and     │
│                                         │               │ Fees                                   │
│ Program fees                            │      $50-$150 │ guide: Cost breakdown: Tuition and     │
│                                         │               │ Fees                                   │
│ Textbooks                               │     $100-$300 │ guide: Cost breakdown: Additional      │
│                                         │               │ Expenses                               │
│ CPB exam fee (member) (newer figure:    │          $349 │ guide: Certification types: Certified  │
│ see notes)                              │               │ Professional Biller (CPB)              │
│ AAPC membership (newer figure: see      │       $190/yr │ guide: Cost breakdown: Additional      │
│ notes)                                  │               │ Expenses                               │
│ for the member exam price; per year;    │               │                                        │
│ one year counted                        │               │                                        │
│ Background check                        │       $30-$75 │ guide: Cost breakdown: Additional      │
│                                         │               │ Expenses                               │
│ Total                                   │ $1,219-$4,064 │ sum of the items above                 │
└─────────────────────────────────────────┴───────────────┴────────────────────────────────────────┘

Where the money goes (share of the high estimate)
 Tuition (Online Program)  #################################################..................  74%
 Program fees              ##.................................................................   4%
 Textbooks                 #####..............................................................   7%
 CPB exam fee (member)     ######.............................................................   9%
 AAPC membership           ###................................................................   5%
 Background check          #..................................................................   2%

Notes
 - Online Program tuition: bcareer uses $500-$3,000, from the guide's Tuition and Fees, the row you
   chose, as that row gives it; the guide also gives $500-$2,000 for Online Self-Paced (Program
   types comparison).
 - AAPC membership is yearly: $190/year again each year you keep it.
 - Newer reported CPB exam fee (member): $425 one attempt / $499 two attempts; membership required
   to sit (no non-member fee) (Medical Billing and Coding Training (CPB certification page; AAPC
   membership prices), third-party, 2025); the guide gives $349.
 - Newer reported AAPC membership: $222/year; $157 students (Medical Billing and Coding Training
   (CPB certification page; AAPC membership prices), third-party, 2025); the guide gives $190/year.
 - Newer reported AAPC membership: AAPC's own membership FAQ still shows $190/year (AAPC: Membership
   FAQ, issuer, read 2026-11); the guide gives $190/year.

What the numbers say
 - AAPC membership ($190/year) costs more than the $100 it saves on the CPB exam, unless you need it
   anyway. But a newer report says: AAPC membership required to sit the exam (Medical Billing and
   Coding Training (CPB certification page; AAPC membership prices), third-party, 2025); check with
   AAPC before you pay.
 - Tuition (Online Program) is the largest cost: $500-$3,000, 74% of the high estimate.
 - Online Self-Paced is the lowest-cost training in the guide: $550-$2,150 in tuition and fees.\
""")


def test_golden_overview_at_100_columns(invoke) -> None:
    result = invoke("cost", env=PLAIN)
    assert result.code == 0, result.err
    assert "\n".join(line.rstrip() for line in result.out.splitlines()) == snapshot("""\
Total cost by training choice, cheapest first (CPB exam, non-member)
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┓
┃ Training                                      ┃ Guide table      ┃ Length       ┃          Total ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━┩
│ No training program                           │ -                │ no training  │      $579-$824 │
│ CPB requirements (guide): no prerequisites    │                  │              │                │
│ for exam; recommended: billing training or    │                  │              │                │
│ experience.                                   │                  │              │                │
│ Online Self-Paced (online-self-paced)         │ program types    │ varies       │  $1,129-$2,974 │
│ Online Program (online)                       │ tuition and fees │ varies       │  $1,129-$3,974 │
│ Short Certificate (short-certificate)         │ program types    │ 4-6 months   │  $2,179-$4,624 │
│ Certificate (certificate)                     │ tuition and fees │ 6-12 months  │  $2,179-$7,124 │
│ Extended Certificate (extended-certificate)   │ program types    │ 6-12 months  │  $3,679-$7,124 │
│ Community College (community-college)         │ tuition and fees │ not in guide │  $3,779-$9,324 │
│ Associate Degree (associate-degree)           │ program types    │ 24 months    │ $8,979-$19,624 │
└───────────────────────────────────────────────┴──────────────────┴──────────────┴────────────────┘
Program types and tuition-and-fees rows are the guide's two tables; a program type's fees come from
its tuition-and-fees row.
Each total is tuition and program fees plus: Textbooks, CPB exam fee (non-member), Background check.

Notes
 - Short Certificate tuition: bcareer uses $1,500-$3,500, from the guide's Program types comparison,
   the row that names it; the guide also gives $1,500-$6,000 for Certificate (Tuition and Fees).
 - Short Certificate duration: bcareer uses 4-6 months, from the guide's Program types comparison,
   the row that names it; the guide also gives 6-12 months for certificate programs (Quick answer;
   Certificate Programs (6-12 months); How long does it take to become a medical billing
   specialist?; Benefits).
 - Extended Certificate tuition: bcareer uses $3,000-$6,000, from the guide's Program types
   comparison, the row that names it; the guide also gives $1,500-$6,000 for Certificate (Tuition
   and Fees).
 - Online Self-Paced tuition: bcareer uses $500-$2,000, from the guide's Program types comparison,
   the row that names it; the guide also gives $500-$3,000 for Online Program (Tuition and Fees).
 - The guide gives program fees only in its tuition-and-fees table and pairs no program type with a
   row of it; bcareer pairs Short Certificate with Certificate, Extended Certificate with
   Certificate, Associate Degree with Associate Degree, Online Self-Paced with Online Program (this
   tool's choice).

What the numbers say
 - AAPC membership ($190/year) costs more than the $100 it saves on the CPB exam, unless you need it
   anyway. But a newer report says: AAPC membership required to sit the exam (Medical Billing and
   Coding Training (CPB certification page; AAPC membership prices), third-party, 2025); check with
   AAPC before you pay.
What aid pays and what you pay: bcareer cost --program ID with your answers (--education,
--job-seeker, --veteran, --budget ...).

Itemize one program: bcareer cost --program ID (e.g. --program online).\
""")


def test_bar_of_shares_uses_plain_characters(invoke) -> None:
    out = invoke("cost", "--program", "online", env=PLAIN).out
    bars = out[out.index("Where the money goes") :]
    tuition = next(line for line in bars.splitlines() if line.strip().startswith("Tuition"))
    # $3,000 of $3,974 is 75%.
    assert tuition.rstrip().endswith("75%")
    assert re.search(r"#{10,}\.+", tuition)


def test_narrow_terminal_keeps_key_figures_whole(invoke) -> None:
    result = invoke(
        "cost",
        "--program",
        "online",
        "--cert",
        "CMRS",
        "--aid",
        "wioa",
        env={"COLUMNS": "40", "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.code == 0, result.err
    assert max(len(line) for line in result.out.splitlines()) <= 40
    for figure in (
        "$500-$3,000",
        "$50-$150",
        "$100-$300",
        "$30-$75",
        "$879-$3,724",
        "$3,000-$5,000",
    ):
        assert figure in result.out, figure


def test_markup_in_data_prints_literally(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data [red]copy"
    shutil.copytree(DATA, data)
    path = data / "programs.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("name: Online Program\n", 'name: "Online [red]Program[/] [/]"\n'),
        encoding="utf-8",
    )
    result = invoke(
        "cost", "--program", "online", "--data-dir", str(data), env={**PLAIN, "COLUMNS": "200"}
    )
    assert result.code == 0, result.err
    assert "What it costs: Online [red]Program[/] [/], CPB exam" in result.out
    assert "Tuition (Online [red]Program[/] [/])" in result.out


def test_a_budget_covers_all_but_an_unpriced_item_and_says_so(invoke) -> None:
    """No source prices the CHFP exam fee: the total leaves it out, and the budget's verdict
    says what it covers, as the plan's Funding line does."""
    out = invoke("cost", "--program", "none", "--cert", "CHFP", "--budget", "5000", env=PLAIN).out
    flat = " ".join(out.split())
    assert "You pay: $130-$375, plus the CHFP exam fee, which no source gives." in flat
    assert "Your budget of $5,000 covers it, apart from the CHFP exam fee (unknown)." in flat
    priced = invoke("cost", "--program", "none", "--cert", "CPB", "--budget", "5000", env=PLAIN)
    assert "Your budget of $5,000 covers it." in " ".join(priced.out.split())


@pytest.mark.parametrize("command", ["cost", "aid"])
def test_a_persons_path_priced_with_the_default_exam_says_so(invoke, command: str) -> None:
    """`cost` and `aid` take the money answers, not those the plan picks a certification from:
    a person's path (--program with answers) priced with the default CPB says so, on stderr."""
    path = (command, "--program", "short-certificate")
    result = invoke(*path, "--education", "high-school", "--budget", "1500", "--json")
    assert result.code == 0, result.err
    assert "priced with the CPB exam (the default)" in result.err
    assert "add --cert CODE" in result.err
    cost = json.loads(result.out)
    assert "CPB" in json.dumps(cost)
    # Named, or no person's path: nothing said.
    named = invoke(*path, "--cert", "CBCS", "--education", "high-school", "--budget", "1500")
    assert named.code == 0 and "priced with" not in named.err
    bare = invoke(*path)
    assert bare.code == 0 and "priced with" not in bare.err


def test_cost_and_aid_say_what_the_plan_says_of_the_total_to_plan_for(invoke) -> None:
    """Newer reports raise a CPB path (the exam fee, a membership reported as required): the
    plan says 'plan for $745-$1,022 (newer reports)' and what the budget does against it;
    `cost` and `aid` said only the guide's figures."""
    answers = ("--education", "ged", "--budget", "600")
    path = ("--program", "none", "--cert", "CPB")
    plan = invoke(
        "plan", *answers, "--schedule", "full-time", "--training-done", "2017",
        "--start", "2027-01-04", "--no-input", "--no-save", "--no-pager",
        env={"COLUMNS": "100", "NO_COLOR": "1"},
    )  # fmt: skip
    assert plan.code == 0, plan.err
    said = " ".join(plan.out.split())
    assert "You pay: $579-$824; plan for $745-$1,022 (newer reports)." in said
    assert "may fall short by up to $224; newer reports: falls short by $145-$422." in said
    cost = invoke("cost", *path, *answers, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert cost.code == 0, cost.err
    said = " ".join(cost.out.split())
    assert "You pay: $579-$824; plan for $745-$1,022 (newer reports)." in said
    assert (
        "Your budget of $600 may fall short by up to $224; newer reports: falls short by "
        "$145-$422." in said
    )
    aid = invoke("aid", *path, *answers, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert aid.code == 0, aid.err
    assert "You pay: $579-$824; plan for $745-$1,022 (newer reports)." in " ".join(aid.out.split())
    # A path newer reports do not raise says nothing more.
    plain = invoke("cost", "--program", "none", "--cert", "CBCS", *answers)
    assert plain.code == 0 and "newer reports)" not in plain.out
