"""`bcareer compare`: figures from the guide, differences, newer reports, insights, bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, read_guide
from inline_snapshot import snapshot

ENTRY = ("CPB", "CMRS", "CBCS")
PLAIN = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def guide_section(code: str) -> str:
    """The guide's text about one entry certification, from its heading to the next one."""
    text = read_guide()
    start = text.index(f"({code})\nIssuing Organization")
    end = min(
        i for i in (text.find("\nCertified ", start), text.find("\nStep-by-step", start)) if i > 0
    )
    return text[start:end]


def compared(invoke, *args: str) -> dict:
    result = invoke("compare", *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def by_code(payload: dict) -> dict[str, dict]:
    return {cert["code"]: cert for cert in payload["certifications"]}


# --- figures against the guide ------------------------------------------------------------------


@pytest.mark.parametrize("code", ENTRY)
def test_every_given_figure_is_in_the_guide_and_every_missing_one_is_not(invoke, code) -> None:
    cert = by_code(compared(invoke, "--all"))[code]
    section = guide_section(code)
    checks = {
        "exam_questions": (
            cert["exam_questions"],
            f"- {cert['exam_questions']} multiple-choice",
            "multiple-choice",
        ),
        "exam_minutes": (
            cert["exam_minutes"],
            f"- {(cert['exam_minutes'] or 0) // 60}-hour time limit",
            "time limit",
        ),
        "fee_member": (cert["fee_member"], f"${cert['fee_member']} exam fee (member)", "(member)"),
        "fee_non_member": (
            cert["fee_non_member"],
            f"${cert['fee_non_member']} (non-member)",
            "non-member",
        ),
        "fee_single": (cert["fee_single"], f"- ${cert['fee_single']} exam fee\n", None),
        "renewal_ceus": (
            cert["renewal_ceus"],
            f"Every {cert['renewal_every_years']} years with {cert['renewal_ceus']} CEUs",
            "CEUs",
        ),
    }
    for field, (value, as_written, marker) in checks.items():
        if value is None:
            # "not in guide" must be true: the guide's section says nothing of the kind.
            assert field in cert["not_in_guide"]
            if marker:
                assert marker not in section, (code, field)
        else:
            assert isinstance(value, int) and value > 0
            assert as_written in section, (code, field, as_written)
    for topic in cert["covers"]:
        assert topic in section
    assert cert["issuer_abbreviation"] in section.splitlines()[1]
    assert cert["issuer"] in section.splitlines()[1]


def test_cmrs_gaps_are_null_and_listed_never_zero(invoke) -> None:
    cmrs = by_code(compared(invoke, "CPB", "CMRS"))["CMRS"]
    for field in ("exam_questions", "exam_minutes", "fee_non_member", "renewal_ceus"):
        assert cmrs[field] is None
        assert field in cmrs["not_in_guide"]
    assert cmrs["fee_member"] == 199
    assert cmrs["open_book"] is True
    assert cmrs["renewal_every_years"] == 1
    assert cmrs["membership_required"] is True


def test_text_table_says_not_in_guide_where_the_guide_is_silent(invoke) -> None:
    result = invoke("compare", "CPB", "CMRS", env=PLAIN)
    assert result.code == 0, result.err
    row = next(line for line in result.out.splitlines() if "Exam questions" in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[1].startswith("100")
    assert cells[2].startswith("not in guide")


def test_advanced_certifications_show_what_the_guide_gives(invoke) -> None:
    certs = by_code(compared(invoke, "CPC", "CHFP", "CMA"))
    assert certs["CPC"]["prerequisites"] == ["Training + exam"]
    assert certs["CMA"]["prerequisites"] == ["CPC + experience"]
    assert certs["CHFP"]["name"] == "Certified Healthcare Financial Professional"
    for cert in certs.values():
        assert cert["fee_member"] is None and "fee_member" in cert["not_in_guide"]


# --- differences, newer figures, insights -------------------------------------------------------


def test_differences_are_the_fields_whose_values_differ(invoke) -> None:
    payload = compared(invoke, "CPB", "CBCS")
    differences = set(payload["differences"])
    # Both: 100 questions, renewed every 2 years (guide).
    assert "exam_questions" not in differences
    assert "renewal_every_years" not in differences
    # 3 h vs 2 h; $349/$449 vs $155; 36 vs 10 CEUs.
    assert {"exam_minutes", "fee_member", "fee_single", "renewal_ceus", "issuer"} <= differences


def test_differing_rows_are_marked_without_color(invoke) -> None:
    out = invoke("compare", "CPB", "CBCS", env=PLAIN).out
    assert re.search(r"│ \*Time limit\s+│", out)
    assert re.search(r"│ Exam questions\s+│", out)
    assert "Certifications compared: CPB, CBCS (* marks a row that differs)" in out


def test_newer_figures_are_flagged_beside_the_guides_with_source(invoke) -> None:
    cpb = by_code(compared(invoke, "CPB", "CBCS"))["CPB"]
    exam = next(item for item in cpb["newer"] if item["field"] == "exam")
    assert exam["summary"].startswith("135 questions, 4 h")
    assert exam["source"] == "AAPC: Taking the CPB exam"
    assert exam["reported_by"] == "issuer"
    assert "exam_questions" in exam["fields"]
    # One report with two prices for two purchases, saying membership is required: it is no
    # price range, and it sits beside the member fee only.
    fees = next(item for item in cpb["newer"] if item["field"].startswith("fees"))
    assert fees["value"] == 425  # one attempt, the purchase the guide's fee is for
    assert fees["fields"] == ["fee_member"]
    out = invoke("compare", "CPB", "CBCS", env=PLAIN).out
    number = next(
        n
        for n, line in enumerate(re.findall(r"\[(\d+)\]\s+CPB (\w+):", out), 1)
        if line[1] == "exam"
    )
    assert re.search(rf"│ 100 \[{number}\]", out)
    flat = " ".join(out.split())
    assert f"[{number}] CPB exam: 135 questions, 4 h" in flat
    assert "AAPC: Taking the CPB exam, issuer" in flat


def test_insights_follow_from_the_figures(invoke) -> None:
    insights = {item["kind"]: item for item in compared(invoke, "--all")["insights"]}
    assert insights["cheapest-exam"]["codes"] == ["CBCS"]
    assert "$155" in insights["cheapest-exam"]["text"]
    # 10 CEUs / 2 years = 5 a year, against CPB's 36 / 2 = 18.
    assert insights["lightest-renewal"]["codes"] == ["CBCS"]
    assert "5 a year" in insights["lightest-renewal"]["text"]
    assert "18 a year" in insights["lightest-renewal"]["text"]
    assert insights["no-prerequisites"]["codes"] == ["CPB"]
    assert insights["open-book"]["codes"] == ["CMRS"]
    related = [item for item in compared(invoke, "--all")["insights"] if item["kind"] == "related"]
    assert any(item["text"].startswith("CPB leads on to CPC") for item in related)
    membership = [
        item["text"]
        for item in compared(invoke, "--all")["insights"]
        if item["kind"] == "membership"
    ]
    assert "CMRS needs AMBA membership (price not in guide)." in membership


def test_cheapest_exam_lists_the_others_by_fee_and_what_a_member_price_needs(invoke) -> None:
    text = {item["kind"]: item["text"] for item in compared(invoke, "--all")["insights"]}
    cheapest = text["cheapest-exam"]
    # By fee, not in the order given: CMRS's $199 before CPB's $349.
    assert "Then CMRS $199 member; CPB $349 member / $449 non-member." in cheapest
    assert (
        "CMRS's $199 is a member price: it also needs AMBA membership, whose price the guide "
        "does not give."
    ) in cheapest
    reordered = {
        item["kind"]: item["text"] for item in compared(invoke, "CPB", "CMRS", "CBCS")["insights"]
    }
    assert reordered["cheapest-exam"] == compared_text(invoke, "CBCS", "CMRS", "CPB")


def compared_text(invoke, *codes: str) -> str:
    insights = compared(invoke, *codes)["insights"]
    return next(item["text"] for item in insights if item["kind"] == "cheapest-exam")


def test_a_member_price_that_is_cheapest_names_the_membership_price(invoke) -> None:
    assert (
        "CPB's $349 is a member price: it also needs AAPC membership ($190/year in the guide)."
    ) in compared_text(invoke, "CPB", "CPC")


def test_cmrs_claims_the_research_does_not_attribute_are_not_the_issuers(invoke) -> None:
    cmrs = by_code(compared(invoke, "CMRS", "CPB"))["CMRS"]
    newer = {item["field"]: item for item in cmrs["newer"]}
    # How the exam is taken speaks to none of the compared exam fields.
    assert newer["exam.delivery"]["fields"] == []
    for field in ("requirements", "exam.delivery"):
        assert newer[field]["reported_by"] == "third-party"
        assert "AMBA" not in newer[field]["source"].split("(")[0]
        assert newer[field]["note"].endswith("check with AMBA.")
    # The CEUs are what the facts file credits to AMBA's page.
    assert newer["renewal"]["reported_by"] == "issuer"
    assert newer["renewal"]["source"] == "AMBA: CEU rules"
    flat = " ".join(invoke("compare", "CMRS", "CPB", env=PLAIN).out.split())
    assert (
        "CMRS requirements: no prerequisites - CMRS research notes (page not named), "
        "third-party, read 2026-11. The research notes do not say which page reports "
        "this"
    ) in flat


def test_cheapest_exam_with_one_priced_certification(invoke) -> None:
    insights = {item["kind"]: item["text"] for item in compared(invoke, "CPB", "CPC")["insights"]}
    assert insights["cheapest-exam"].startswith("Only CPB has an exam fee in the guide")
    assert "lightest-renewal" in insights


# --- input --------------------------------------------------------------------------------------


def test_codes_are_case_insensitive_and_repeats_collapse(invoke) -> None:
    assert compared(invoke, "cpb", "Cbcs") == compared(invoke, "CPB", "CBCS")
    payload = compared(invoke, "cpb", "CPB", "cbcs")
    assert [cert["code"] for cert in payload["certifications"]] == ["CPB", "CBCS"]


def test_all_compares_every_certification_in_data_order(invoke) -> None:
    codes = [cert["code"] for cert in compared(invoke, "--all")["certifications"]]
    assert codes == ["CPB", "CMRS", "CBCS", "CPC", "CHFP", "CMA"]


def test_json_is_the_same_at_any_width(invoke) -> None:
    narrow = invoke("compare", "CPB", "CBCS", "--json", env={"COLUMNS": "40"}).out
    wide = invoke("compare", "CPB", "CBCS", "--json", env={"COLUMNS": "200"}).out
    assert narrow == wide
    assert "\x1b[" not in narrow


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("CPB", "CBSC"),
            "Unknown certification 'CBSC'. Did you mean 'CBCS'? Known: CPB, CMRS, "
            "CBCS, CPC, CHFP, CMA.",
        ),
        (("cpb", "cbsc"), "Did you mean 'CBCS'?"),
        (("CPB",), "Give at least two different certification codes, or --all."),
        ((), "Give at least two different certification codes, or --all."),
        (("CPB", "cpb"), "Give at least two different certification codes, or --all."),
        (("--all", "CPB"), "Give certification codes or --all, not both."),
        (("CPB", "CBCS", "--colour"), "No such option: --colour"),
    ],
)
def test_bad_input_exits_2_with_one_line(invoke, args, expected) -> None:
    result = invoke("compare", *args)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert expected in result.err
    assert "Traceback" not in result.err


def test_help_example_runs(invoke) -> None:
    help_text = invoke("compare", "--help").out
    assert "bcareer compare CPB CBCS" in help_text
    assert invoke("compare", "CPB", "CBCS").code == 0


# --- the terminal -------------------------------------------------------------------------------


def test_golden_render_at_100_columns(invoke) -> None:
    result = invoke("compare", "CPB", "CBCS", env=PLAIN)
    assert result.code == 0, result.err
    assert "\n".join(line.rstrip() for line in result.out.splitlines()) == snapshot("""\
What the figures say
 - Cheapest exam in the guide: CBCS at $155 (one price). Then CPB $349 member / $449 non-member.
 - Lightest renewal in the guide: CBCS, 10 CEUs every 2 years (5 a year). Then CPB, 36 CEUs every 2
   years (18 a year).
 - No prerequisites: CPB.
 - CPB leads on to CPC: The guide: billing certification (CPB) suits claims processing and the
   revenue cycle, coding certification (CPC) suits documentation and diagnosis codes, and many
   professionals earn both over time.
 - CPB: a newer report says: AAPC membership required to sit the exam (Medical Billing and Coding
   Training (CPB certification page; AAPC membership prices), third-party, 2025); the guide does
   not.

Certifications compared: CPB, CBCS (* marks a row that differs)
┏━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Field                  ┃ CPB                                ┃ CBCS                               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ Name                   │ Certified Professional Biller      │ Certified Billing and Coding       │
│                        │                                    │ Specialist                         │
├────────────────────────┼────────────────────────────────────┼────────────────────────────────────┤
│ *Issuer                │ AAPC (American Academy of          │ NHA (National Healthcareer         │
│                        │ Professional Coders)               │ Association)                       │
│ *Prerequisites         │ No prerequisites for exam          │ Training program completion, OR    │
│                        │ Recommended: billing training or   │ 1 year of billing experience [5]   │
│                        │ experience                         │                                    │
│ Membership required    │ not in guide [3]                   │ not in guide                       │
│ Exam questions         │ 100 [1]                            │ 100 [4]                            │
│ *Time limit            │ 3 h [1]                            │ 2 h [4]                            │
│ Exam format            │ Multiple-choice                    │ Multiple-choice                    │
│ Open book              │ not in guide [1]                   │ not in guide [4]                   │
│ *Exam covers           │ claims submission, reimbursement,  │ billing, coding, compliance        │
│                        │ compliance                         │                                    │
│ *Exam fee (member)     │ $349 [2]                           │ not in guide [6]                   │
│ *Exam fee (non-member) │ $449                               │ not in guide [6]                   │
│ *Exam fee (one price)  │ not in guide                       │ $155 [6]                           │
│ Renewal period         │ every 2 years                      │ every 2 years                      │
│ *Renewal CEUs          │ 36                                 │ 10                                 │
│ *Related               │ CPC                                │ not in guide                       │
└────────────────────────┴────────────────────────────────────┴────────────────────────────────────┘

Notes: newer reported figures (the guide's stay above; check with the issuer)
 [1]  CPB exam: 135 questions, 4 h, open code book, online live-proctored or in person - AAPC:
      Taking the CPB exam, issuer, page undated, read 2026-11
 [2]  CPB fees (member): $425 one attempt / $499 two attempts; membership required to sit (no
      non-member fee) - Medical Billing and Coding Training (CPB certification page; AAPC
      membership prices), third-party, 2025
 [3]  CPB membership required: AAPC membership required to sit the exam - Medical Billing and
      Coding Training (CPB certification page; AAPC membership prices), third-party, 2025
 [4]  CBCS exam: 100 scored + 20-25 pretest questions, 3 h, closed book - CBCS exam guides
      (open-exam-prep.com, alliedhealthexam.com), third-party, 2026-07
 [5]  CBCS requirements: HS diploma/GED plus a training program (within 5 years) or 1 year of
      experience - CBCS exam guides (open-exam-prep.com, alliedhealthexam.com), third-party,
      2026-07
 [6]  CBCS fees: fee reported $117-$155 - CBCS exam guides (open-exam-prep.com,
      alliedhealthexam.com), third-party, 2026-07\
""")


def test_narrow_terminal_keeps_key_figures_whole(invoke) -> None:
    result = invoke(
        "compare", "CPB", "CMRS", "CBCS", env={"COLUMNS": "40", "NO_COLOR": "1", "TERM": "dumb"}
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 40
    for figure in ("$349", "$449", "$199", "$155", "3 h", "2 h", "not in guide"):
        assert figure in result.out
    # Each figure sits on the line of its certification, whole.
    assert re.search(r"^\s+CPB\s+\$349\b", result.out, re.M)
    assert re.search(r"^\s+CBCS\s+\$155\b", result.out, re.M)
    assert re.search(r"^\s+CMRS\s+not in guide", result.out, re.M)


def test_markup_in_data_prints_literally(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data [red]copy"
    shutil.copytree(DATA, data)
    path = data / "certifications.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "name: Certified Professional Biller",
            'name: "Certified [red]Professional[/red] Biller [/]"',
        ),
        encoding="utf-8",
    )
    result = invoke(
        "compare", "CPB", "CBCS", "--data-dir", str(data), env={**PLAIN, "COLUMNS": "200"}
    )
    assert result.code == 0, result.err
    assert "│ Certified [red]Professional[/red] Biller [/] " in result.out
