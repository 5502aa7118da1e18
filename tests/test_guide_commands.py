# The golden renders keep the guide's own typography (a curly apostrophe), so:
# ruff: noqa: RUF001
"""salary, outlook, paths, aid, programs (check, find), faq, about, resources, sources.

Figures are checked against the career guide's own text, renders against golden snapshots at a
fixed width, and bad input through the installed command.
"""

from __future__ import annotations

import json
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest
from conftest import GUIDE
from hardening_tools import one_error_line
from inline_snapshot import snapshot

needs_guide = pytest.mark.skipif(not GUIDE.exists(), reason=f"the career guide is not at {GUIDE}")


@cache
def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def guide_rows(heading: str) -> list[list[str]]:
    """The body rows of the guide's table under heading (header and separator skipped)."""
    lines = guide_text().splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if not line.startswith("|"):
            if rows or not line.strip():
                break
            continue
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return [row for row in rows[1:] if row != ["---"] and not set("".join(row)) <= {"-"}]


def dollars(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\$([\d,]+)", text)]


def plain(out: str) -> str:
    """Rendered text without trailing blanks (Rich pads lines to the table's width)."""
    return "\n".join(line.rstrip() for line in out.splitlines()) + "\n"


def render(invoke, *args: str, **env: str) -> str:
    result = invoke(*args, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", **env})
    assert result.code == 0, result.err
    return plain(result.out)


def as_json(invoke, *args: str) -> dict:
    result = invoke(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


# --- figures against the guide ------------------------------------------------------------------


@needs_guide
def test_salary_figures_are_the_guides(invoke) -> None:
    data = as_json(invoke, "salary")
    by_experience = {row["name"]: row["annual"] for row in data["by_experience"]}
    for label, pay in guide_rows("Salary by Experience Level"):
        name = label.split(" (")[0]
        assert [by_experience[name]["min"], by_experience[name]["max"]] == dollars(pay)
    by_setting = {row["name"]: row["median_annual"] for row in data["by_setting"]}
    for setting, pay in guide_rows("Salary by Work Setting"):
        if dollars(pay):
            assert [by_setting[setting]["min"], by_setting[setting]["max"]] == dollars(pay)
        else:
            assert pay == "Varies widely" and by_setting[setting] == "varies"
    assert f"${data['national_median']['annual']:,} median" in guide_text()
    assert data["national_median"]["newer"][0]["value"] == 50250
    hourly = {row["id"]: row["hourly"] for row in data["hourly"]}
    faq = guide_text().split("How much do medical billing specialists make per hour?")[-1]
    assert f"${hourly['median']['min']}-${hourly['median']['max']} per hour" in faq
    assert f"${hourly['entry']['min']}-${hourly['entry']['max']} per hour" in faq
    assert f"${hourly['experienced']['min']}-${hourly['experienced']['max']} per hour" in faq


@needs_guide
def test_outlook_figures_are_the_guides_with_newer_beside(invoke) -> None:
    data = as_json(invoke, "outlook")
    assert f"Current Employment: {data['employment']:,} medical records specialists" in guide_text()
    period = f"({data['projection']['start']}-{data['projection']['end']})"
    assert f"Projected Growth {period}: {data['growth_percent']}%" in guide_text()
    assert f"Annual Job Openings: {data['annual_openings']:,} positions" in guide_text()
    figures = {figure["id"]: figure for figure in data["figures"]}
    assert figures["employment"]["newer"][0]["value"] == 194800
    assert figures["annual_openings"]["newer"] == []
    assert any(code["code"] == "43-3021.02" for code in data["job_codes"])


@needs_guide
def test_paths_figures_are_the_guides(invoke) -> None:
    data = as_json(invoke, "paths")
    paths = {path["role"]: path for path in data["career_paths"]}
    rows = guide_rows("Career Paths")
    assert len(rows) == len(paths) == 4
    for role, requirements, pay in rows:
        assert paths[role]["requirements"] == requirements
        assert [paths[role]["salary"]["min"], paths[role]["salary"]["max"]] == dollars(pay)
    focus = {cert["code"]: cert["focus"] for cert in data["advanced_certifications"]}
    assert focus == {"CPC": "Medical coding", "CHFP": "Revenue cycle", "CMA": "Billing audits"}
    for item in data["specializations"] + data["advanced_roles"]:
        assert f"- {item}" in guide_text()


@needs_guide
def test_programs_tables_are_the_guides(invoke) -> None:
    data = as_json(invoke, "programs")
    types = {p["name"]: p for p in data["program_types"]}
    for name, _duration, cost, best_for in guide_rows("Program types comparison"):
        assert [types[name]["tuition"]["min"], types[name]["tuition"]["max"]] == dollars(cost)
        assert types[name]["best_for"] == best_for
    fees = {row["name"]: row for row in data["tuition_and_fees"]}
    for name, tuition, extra in guide_rows("Tuition and Fees"):
        row = fees.get(name) or fees[f"{name} (tuition table)"]
        assert [row["tuition"]["min"], row["tuition"]["max"]] == dollars(tuition)
        assert [row["fees"]["min"], row["fees"]["max"]] == dollars(extra)
    for criterion in data["what_to_look_for"]:
        assert f"{criterion['name']}: {criterion['description']}" in guide_text()
    assert len(data["what_to_look_for"]) == 5


@needs_guide
def test_about_and_resources_are_the_guides(invoke) -> None:
    about = as_json(invoke, "about")
    assert [group["title"] for group in about["responsibilities"]] == [
        "Claims Processing",
        "Account Management",
        "Insurance Coordination",
        "Compliance and Documentation",
    ]
    for item in (*about["work_environments"], *about["pros"], *about["challenges"]):
        assert f"- {item}" in guide_text()
    assert about["billing_vs_coding"] in guide_text()
    resources = as_json(invoke, "resources")
    issuers = {
        org["abbreviation"]: org["certifications"] for org in resources["certification_bodies"]
    }
    assert issuers == {"AAPC": ["CPB"], "AMBA": ["CMRS"], "NHA": ["CBCS"]}
    cms = next(org for org in resources["industry_resources"] if org["abbreviation"] == "CMS")
    assert f"{cms['url']} \u2013 {cms['offers']}" in guide_text()


def test_sources_count_citations_and_list_newer_figures(invoke) -> None:
    from billing_career.knowledge.inventory import newer_figures, sources_in_use
    from billing_career.planning.load import load_knowledge

    data = as_json(invoke, "sources")
    kb = load_knowledge()
    assert {s["id"]: s["cited_by"] for s in data["sources"]} == sources_in_use(kb)
    assert len(data["newer_figures"]) == len(newer_figures(kb))
    guide = next(s for s in data["sources"] if s["id"] == "guide")
    assert guide["cited_by"] > 50
    fsa = next(s for s in data["sources"] if s["id"] == "fsa-gen-25-02")
    assert fsa["date"] == "2025-01-31"


# --- faq ----------------------------------------------------------------------------------------


def test_faq_work_from_home_finds_the_remote_answer_first(invoke) -> None:
    data = as_json(invoke, "faq", "work", "from", "home")
    assert data["matches"][0]["id"] == "work-from-home"
    assert as_json(invoke, "faq", "remote")["matches"][0]["id"] == "work-from-home"
    assert as_json(invoke, "faq", "per hour")["matches"][0]["id"] == "hourly-pay"
    assert (
        as_json(invoke, "faq", "CPB or CPC?")["matches"][0]["id"]
        == "billing-or-coding-certification"
    )


def test_faq_without_a_query_lists_every_question_in_order(invoke) -> None:
    from billing_career.planning.load import load_knowledge

    data = as_json(invoke, "faq")
    assert [m["id"] for m in data["matches"]] == [f.id for f in load_knowledge().faq.faq]


def test_faq_with_no_match_says_so(invoke) -> None:
    result = invoke("faq", "zebra")
    assert result.code == 0
    assert "No question matches 'zebra'" in result.out
    assert as_json(invoke, "faq", "zebra")["matches"] == []


# --- aid: the listing, and applicability from the rules engine ----------------------------------


def test_aid_without_answers_lists_every_option_unassessed(invoke) -> None:
    data = as_json(invoke, "aid")
    assert [o["id"] for o in data["options"]] == [
        "federal-aid",
        "wioa",
        "payment-plans",
        "employer-sponsorship",
        "gi-bill",
        "mycaa",
        "vocational-rehabilitation",
        "snap-et",
        "registered-apprenticeship",
        "trade-adjustment-assistance",
    ]
    assert all(o["applies"] is None for o in data["options"])
    assert data["for_you"] == [] and data["money"] is None
    pell = next(o for o in data["options"] if o["id"] == "federal-aid")["newer"][0]
    assert pell["value"] == 7395


def test_aid_gi_bill_only_for_veterans(invoke) -> None:
    veteran = {o["id"]: o for o in as_json(invoke, "aid", "--veteran")["options"]}
    assert veteran["gi-bill"]["applies"] is True
    assert "veteran" in veteran["gi-bill"]["reasons"][0]
    # Nothing said about an employer: no verdict, rather than a default's.
    assert veteran["employer-sponsorship"]["applies"] is None
    civilian = {o["id"]: o for o in as_json(invoke, "aid", "--no-veteran")["options"]}
    assert civilian["gi-bill"]["applies"] is False


def test_aid_follows_the_catalog_not_code(invoke, tmp_path: Path) -> None:
    """Edit the catalog in a copy of data/ and the verdict changes: the decision is data's."""
    import shutil

    from conftest import DATA

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    rules = folder / "aid.yaml"
    text = rules.read_text(encoding="utf-8")
    gi_bill = "  - aid: gi-bill\n    when: {fact: veteran, op: eq, value: true}"
    assert gi_bill in text
    rules.write_text(
        text.replace(gi_bill, gi_bill.replace("value: true", "value: false")), encoding="utf-8"
    )
    changed = {
        o["id"]: o
        for o in as_json(invoke, "aid", "--no-veteran", "--data-dir", str(folder))["options"]
    }
    assert changed["gi-bill"]["applies"] is True


def test_aid_budget_and_employer(invoke) -> None:
    # WIOA follows the job-seeker answer, not given here: no verdict.
    short = {
        o["id"]: o
        for o in as_json(invoke, "aid", "--budget", "400", "--employer-sponsor")["options"]
    }
    assert short["wioa"]["applies"] is None
    assert short["payment-plans"]["applies"] is True
    assert short["employer-sponsorship"]["applies"] is True


# --- programs check and find --------------------------------------------------------------------


def test_programs_check_scores_from_flags(invoke) -> None:
    data = as_json(
        invoke,
        "programs",
        "check",
        "--certification-prep",
        "--software-training",
        "--externship",
        "--no-job-placement",
        "--no-input",
    )
    assert (data["score"], data["out_of"]) == (3, 5)
    assert data["missing"] == ["job-placement"]
    assert data["unknown"] == ["online-options"]
    full = as_json(
        invoke,
        "programs",
        "check",
        "--certification-prep",
        "--software-training",
        "--externship",
        "--job-placement",
        "--online-options",
    )
    assert full["score"] == 5 and not full["notes"]
    no_prep = as_json(invoke, "programs", "check", "--no-certification-prep")
    assert "CPB or CBCS exam preparation" in no_prep["notes"][0]


CATALOG = """\
programs:
  - name: Medical Billing Certificate
    school: Example Community College
    city: Springfield
    state: IL
    delivery: [online, in-person]
    kind: certificate
    tuition: 2400
    fees: 150
    duration_months: 9
    certification_prep: [CPB, CBCS]
    software_training: true
    externship: true
    job_placement: false
    source: school catalog 2026-27
    checked: 2026-10-01
  - name: "[red]Billing[/] Fast Track"
    state: il
    delivery: [online]
    tuition: 900
    certification_prep: []
    source: school web page
  - name: Associate of Applied Science, Health Information
    school: Example State College
    state: WI
    delivery: [in-person]
    kind: associate
    tuition: 9800
    fees: 600
    duration_months: 24
    certification_prep: [CPB]
    software_training: true
    externship: true
    job_placement: true
    source: college catalog
"""


@pytest.fixture
def catalog(isolated_home: Path) -> Path:
    path = isolated_home / "userdata" / "programs_local.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def test_programs_find_ranks_by_score_then_cost(invoke, catalog: Path) -> None:
    data = as_json(invoke, "programs", "find")
    # Equal scores: the cheaper first.
    assert [p["name"] for p in data["programs"]] == [
        "Medical Billing Certificate",
        "Associate of Applied Science, Health Information",
        "[red]Billing[/] Fast Track",
    ]
    assert [p["score"] for p in data["programs"]] == [4, 4, 1]
    assert data["programs"][0]["total_cost"] == 2550
    assert data["programs"][0]["guide_range"]["within"] is True
    assert data["programs"][1]["guide_range"]["name"] == "Associate Degree"
    assert data["catalogs"] == [str(catalog)]


def test_programs_find_filters(invoke, catalog: Path) -> None:
    def names(*args: str) -> list[str]:
        return [p["name"] for p in as_json(invoke, "programs", "find", *args)["programs"]]

    assert names("--max-cost", "2550") == [
        "Medical Billing Certificate",
        "[red]Billing[/] Fast Track",
    ]
    assert names("--online", "--cert", "cbcs") == ["Medical Billing Certificate"]
    assert names("--in-person", "--state", "wi") == [
        "Associate of Applied Science, Health Information"
    ]
    assert names("--max-months", "12") == ["Medical Billing Certificate"]
    empty = as_json(invoke, "programs", "find", "--max-cost", "100")
    assert empty["programs"] == [] and "None of the 3 programs" in empty["message"]


def test_programs_find_without_a_catalog_says_how_to_add_one(invoke) -> None:
    data = as_json(invoke, "programs", "find")
    assert data["programs"] == [] and data["catalogs"] == []
    assert "ships no list of schools" in data["message"]
    assert data["example"].startswith("programs:")


def test_programs_find_reads_the_data_dir_catalog_too(invoke, tmp_path: Path) -> None:
    import shutil

    from conftest import DATA

    folder = tmp_path / "mine"
    shutil.copytree(DATA, folder)
    (folder / "programs_local.yaml").write_text(CATALOG, encoding="utf-8")
    data = as_json(invoke, "programs", "find", "--data-dir", str(folder))
    assert len(data["programs"]) == 3


def test_catalog_example_in_the_code_is_valid(invoke, isolated_home: Path) -> None:
    from billing_career.reference.local_programs import CATALOG_EXAMPLE
    from billing_career.reference.salary import STATES_EXAMPLE

    (isolated_home / "userdata" / "programs_local.yaml").write_text(CATALOG_EXAMPLE)
    (isolated_home / "userdata" / "salary_states.yaml").write_text(STATES_EXAMPLE)
    assert as_json(invoke, "programs", "find")["programs"][0]["score"] == 4
    assert as_json(invoke, "salary", "--state", "TX")["state"]["rows"][0]["median_annual"] == 12345


def yaml_samples(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


@pytest.mark.parametrize("where", ["code", "readme", "help"])
def test_samples_are_placeholders_that_validate(invoke, isolated_home: Path, where: str) -> None:
    """A sample must not look like a figure: bcareer knows no state pay and no school, and a
    number beside a real source's name would read as one. Copied as it stands, it still works."""
    from conftest import REPO

    from billing_career.reference.local_programs import CATALOG_EXAMPLE
    from billing_career.reference.salary import STATES_EXAMPLE

    if where == "code":
        states, catalog = STATES_EXAMPLE, CATALOG_EXAMPLE
    elif where == "readme":
        samples = yaml_samples((REPO / "README.md").read_text(encoding="utf-8"))
        states = next(sample for sample in samples if sample.startswith("states:"))
        catalog = next(sample for sample in samples if sample.startswith("programs:"))
    else:
        help_text = invoke("salary", "--help").out
        states = textwrap.dedent(help_text[help_text.index("  states:") :])
        catalog = CATALOG_EXAMPLE
    for sample in (states, catalog):
        assert "replace with your figure" in sample
        assert "your source" in sample
        assert not re.search(r"BLS|OEWS|41000|56000|2400", sample)
    (isolated_home / "userdata" / "programs_local.yaml").write_text(catalog)
    (isolated_home / "userdata" / "salary_states.yaml").write_text(states)
    row = as_json(invoke, "salary", "--state", "TX")["state"]["rows"][0]
    assert row["median_annual"] == 12345 and row["source"].startswith("your source")
    assert as_json(invoke, "programs", "find")["programs"][0]["tuition"] == 12345


# --- salary picks and state rows ----------------------------------------------------------------


def test_salary_marks_the_picks(invoke) -> None:
    data = as_json(invoke, "salary", "--experience", "MID-CAREER", "--setting", "hosp")
    assert data["selected"] == {"experience": "mid-career", "setting": "hospitals"}
    assert [row["selected"] for row in data["by_experience"]] == [False, False, True, False]


def test_salary_state_without_data_says_none_is_bundled(invoke) -> None:
    state = as_json(invoke, "salary", "--state", "tx")["state"]
    assert state["state"] == "TX" and state["found"] is False
    assert "No state pay data is bundled" in state["message"]
    assert state["example"].startswith("states:")


def test_salary_state_rows_from_user_data_and_data_dir(
    invoke, isolated_home: Path, tmp_path: Path
) -> None:
    import shutil

    from conftest import DATA

    (isolated_home / "userdata" / "salary_states.yaml").write_text(
        "states:\n  - {state: tx, median_annual: 41000, source: my notes}\n"
    )
    folder = tmp_path / "mine"
    shutil.copytree(DATA, folder)
    (folder / "salary_states.yaml").write_text(
        "states:\n  - {state: TX, median_annual: 43000, top_10_percent_annual: 60000,"
        " source: state survey, date: 2025-05-01}\n"
    )
    rows = as_json(invoke, "salary", "--state", "TX", "--data-dir", str(folder))["state"]["rows"]
    assert [(r["median_annual"], r["date"]) for r in rows] == [(43000, "2025-05-01"), (41000, None)]
    other = as_json(invoke, "salary", "--state", "CA")["state"]
    assert other["found"] is False and "Add a row for CA" in other["message"]


# --- golden renders at a fixed width ------------------------------------------------------------


def test_render_salary(invoke) -> None:
    rendered = render(invoke, "salary", "--experience", "entry", "--setting", "hospitals")
    assert rendered == snapshot("""\
Your pick
 Entry-Level (0-1 year)  $35,000-$42,000 a year
 Hospitals               $52,000-$60,000 a year (median)

Pay by experience level (a year)
 > Entry-Level (0-1 year)    .....########........................................  $35,000-$42,000
   Early Career (1-3 years)  ............##########...............................  $42,000-$50,000
   Mid-Career (4-7 years)    .....................#########.......................  $50,000-$58,000
   Experienced (8+ years)    .............................#################.......  $58,000-$73,000
                             $30,000                                       $80,000

Median pay by work setting (a year)
 > Hospitals                .......................##########.....................  $52,000-$60,000
   Insurance Companies      .....................##########.......................  $50,000-$58,000
   Physician Offices        .............#########................................  $42,000-$50,000
   Outpatient Care Centers  ................########..............................  $45,000-$52,000
   Remote/Billing Services  varies widely: no figure in guide
                            $30,000                                        $80,000
  Remote-friendly: Remote/Billing Services.

Pay by the hour
   Entry-level  .......############.....................................................  $17-$20/h
   Median       ............................###################.........................  $23-$28/h
   Experienced  .....................................................###################  $30-$35/h
                $15                                                                  $35
  Median, newer: $24.16/h (May 2024) (Pages citing the BLS Occupational Outlook Handbook, medical
  records specialists (SOC 29-2072), third-party, 2025). BLS median hourly pay for medical records
  specialists (SOC 29-2072), as reported by pages citing the BLS Occupational Outlook Handbook.

National median
  $48,780 a year (Medical billing specialists; guide)
  newer: $50,250 (May 2024; $24.16/h) (Pages citing the BLS Occupational Outlook Handbook, medical
  records specialists (SOC 29-2072), third-party, 2025). BLS median pay for medical records
  specialists (SOC 29-2072), as reported by pages citing the BLS Occupational Outlook Handbook.
  The guide labels $48,780 the median for medical billing specialists; it is the BLS median for
  medical records specialists (SOC 29-2072), the same series as the newer figure.
  1 year of experience falls in both of the guide's Entry-Level (0-1 year) and Early Career (1-3
  years) bands; bcareer uses Early Career for it, since a full year is experience (an assumption of
  this tool).
""")


def test_render_salary_state_missing(
    invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short relative folder keeps the wrapping the same whatever the temp path is.
    monkeypatch.chdir(isolated_home)
    out = render(invoke, "salary", "--state", "TX", BCAREER_USER_DATA_DIR="userdata")
    out = out.split("Pay in TX")[1]
    assert out == snapshot("""\

No state pay data is bundled: the guide's state table has no rows, and bcareer invents none. No
salary_states.yaml was found either. To add your own figures, create userdata/salary_states.yaml in
this format, each row with the source of its figures:
  states:
    # replace with your figures (US
    # dollars a year) and your source
    - state: TX
      median_annual: 12345
      # this line may be left out:
      top_10_percent_annual: 23456
      source: your source
      # when your source published it
      date: 2025-04
""")


def test_render_outlook(invoke) -> None:
    assert render(invoke, "outlook") == snapshot("""\
Job outlook: Medical records specialists
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Figure                       ┃ Guide                                    ┃ Newer reported         ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━┩
│ Employment                   │ 218,000 medical records specialists      │ 194,800 (2024) [1]     │
│ Projected growth (2022-2032) │ 7% (faster than average)                 │ +7% 2024-2034 [1]      │
│ Annual job openings          │ 14,600                                   │ none reported          │
│ Median annual pay            │ $48,780 for medical billing specialists  │ $50,250 (May 2024) [1] │
│                              │ (the guide's Benefits list)              │                        │
└──────────────────────────────┴──────────────────────────────────────────┴────────────────────────┘
 The guide labels $48,780 the median for medical billing specialists; it is the BLS median for
 medical records specialists (SOC 29-2072), the same series as the newer figure.
Growth factors
 - Electronic health records
 - aging population
 - healthcare expansion

Job codes
 - SOC 29-2072 (Medical records specialists)
 - O*NET-SOC 43-3021.02 (Billing clerks): O*NET lists "Medical Biller" and "Medical Billing
   Specialist" as job titles for this occupation.
 The guide names no job code; its figures above match SOC 29-2072 (Medical records specialists).

Notes: who reported the newer figures
 [1]  Pages citing the BLS Occupational Outlook Handbook, medical records specialists (SOC
      29-2072), third-party, 2025
""")


def test_render_paths(invoke) -> None:
    assert render(invoke, "paths") == snapshot("""\
Specializations (specialty billing)
 - Hospital/facility billing
 - Professional (physician) billing
 - Dental billing
 - Behavioral health billing
 - Ambulatory surgery centers

Advanced roles
 - Billing supervisor
 - Revenue cycle analyst
 - Claims auditor
 - Compliance officer
 - Patient financial counselor

Advanced certifications
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Certification                ┃ Focus          ┃ Requirements      ┃ Newer reported               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ Certified Professional Coder │ Medical coding │ Training + exam   │ 100 questions, 4 h, open     │
│ (CPC)                        │                │                   │ code book (AAPC: CPC exam    │
│                              │                │                   │ FAQs, issuer, read 2026-11)  │
│                              │                │                   │ 36 CEUs every 2 years (AAPC: │
│                              │                │                   │ CPC exam FAQs, issuer, read  │
│                              │                │                   │ 2026-11)                     │
│                              │                │                   │ AAPC (AAPC: CPC exam FAQs,   │
│                              │                │                   │ issuer, read 2026-11)        │
│ Certified Healthcare         │ Revenue cycle  │ Experience + exam │ none reported                │
│ Financial Professional       │                │                   │                              │
│ (CHFP)                       │                │                   │                              │
│ Certified Medical Auditor    │ Billing audits │ CPC + experience  │ none reported                │
│ (CMA)                        │                │                   │                              │
└──────────────────────────────┴────────────────┴───────────────────┴──────────────────────────────┘

Career paths
┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┓
┃ Role                     ┃ Additional requirements  ┃ Pay a year              ┃     Salary range ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━┩
│ Billing Supervisor       │ 3-5 years experience     │ ########............... │  $50,000-$65,000 │
│ Revenue Cycle Manager    │ Bachelor’s preferred     │ ....############....... │  $60,000-$85,000 │
│ Compliance Officer       │ Additional certification │ .......############.... │  $65,000-$90,000 │
│ Healthcare Administrator │ Bachelor’s degree        │ .........############## │ $70,000-$100,000 │
│                          │                          │ $50,000        $100,000 │                  │
└──────────────────────────┴──────────────────────────┴─────────────────────────┴──────────────────┘
""")


def test_render_aid(invoke) -> None:
    assert render(invoke, "aid", "--veteran", "--no-employer-sponsor") == snapshot("""\
For you
Your answers: veteran, not employer sponsor
  -  Veterans Benefits: counted as paying tuition, fees and the exam fee in full, as the guide says
     the GI Bill covers approved programs (the exam fee up to $2,000 a test). Only if the program is
     approved for the GI Bill (and the exam, for its fee, which you pay first: the VA repays it
     after the exam). [1][2][3]
     You are a veteran: the guide says the GI Bill covers approved programs, so the plan counts it
     as paying the program's tuition and fees; the VA also repays an approved certification test
     fee, up to $2,000 a test and never more than the fee, even for a failed attempt (each test uses
     some entitlement). It repays the fee after the exam: you pay it first, then claim it with VA
     Form 22-0803.
     First: Check that the school's program and the certification test are approved for the GI Bill
     before you enroll or sit the exam (you pay the test fee first; the VA repays it after the exam,
     claimed with VA Form 22-0803).
  -  Registered Apprenticeship: named here, not counted as money. Only if an apprenticeship is open
     near you (rare in billing; most are in coding). [4]
     Rare in billing (most are in coding): search apprenticeship.gov or ask an American Job Center.
  -  Payment Plans: named here, not counted as money. Only if your school offers installments.
     [2][5]
     Many schools offer installments (the guide): they spread what your funds do not cover, but are
     not money.
What each counts and what you pay: add --program (and --cert).

Other options
- Federal Financial Aid (not assessed)
    Pell Grants, student loans (FAFSA) [6]
     newer: Pell Grant maximum $7,395 for 2026-27 (minimum $740), set by the FAFSA (Federal Student
     Aid: GEN-26-01 (2026-27 Pell Grant), government, January 30, 2026)
     newer: Pell Grant maximum $7,395 for 2025-26 (Federal Student Aid: Electronic Announcement
     GEN-25-02 (2025-26 Pell Grant), government, January 31, 2025)
     newer: Workforce Pell (final rule effective July 20, 2026): 150-599 clock hours over 8 to under
     15 weeks, at a Title IV school, state- and ED-approved (Federal Register 2026-10013: Workforce
     Pell rule, government, May 19, 2026)
     newer: Workforce Pell from July 1, 2026 (the award year; the final rule took effect July 20):
     programs of 150-599 clock hours over 8-15 weeks, state-approved, with 70% completion and 70%
     placement (NCAN: Workforce Pell, third-party, 2026-05)
- Workforce Development (not assessed)
    WIOA funding for healthcare training [6]
     newer: WIOA individual training accounts typically $3,000-$5,000 (Washington Monthly: WIOA
     individual training accounts, press, 2022)
     newer: Local boards set the caps (one caps healthcare training at $7,500 a year) and expect
     Pell to be sought first (WIOA account caps (NWWDB P1; Wisconsin DWD 7.1.5; WDBPC), government,
     2019-2020)
- Employer Sponsorship (does not apply)
    Some healthcare employers fund training [6]
     You did not say an employer offers to fund your training.
- MyCAA (military spouses) (not assessed)
    My Career Advancement Account scholarship for military spouses [7]
     newer: Up to $2,000 a fiscal year (October to September), $4,000 in all; more in one year only
     with a waiver for a licensure or certification program (Military OneSource: MyCAA spouse
     scholarship, issuer, undated)
     newer: Up to $4,000 in all, $2,000 a fiscal year, for tuition and exam fees; not books
     (Military OneSource: MyCAA spouse scholarship, issuer, undated)
- Vocational Rehabilitation (not assessed)
    State VR agencies pay training written into a person's employment plan [8]
- SNAP Employment and Training (not assessed)
    Every state's SNAP E&T program; states may pay tuition and must pay transport and other costs
    [9]
- Trade Adjustment Assistance (not assessed)
    Closed to new applicants since July 1, 2022 [10]
Not assessed: none of your answers bears on that option.

Notes
[1]  VA: GI Bill licensing and certification test fees
[2]  How to become a Medical Billing Specialist (career guide): Financial aid options
[3]  VA: GI Bill program and test approval
[4]  Registered apprenticeships in billing and coding (H-CAP; NWRPCA; Coding Clarified)
[5]  AAPC: Member hardship policy
[6]  How to become a Medical Billing Specialist (career guide)
[7]  Military OneSource: MyCAA spouse scholarship
[8]  Vocational Rehabilitation eligibility (Idaho VR; Colorado DVR policy manual, 29 USC 723)
[9]  USDA FNS: SNAP Employment and Training memos (2010-03-18, 2011-05-11, 2025-10-03)
[10]  US DOL: Trade Adjustment Assistance
""")


def test_render_programs(invoke) -> None:
    assert render(invoke, "programs") == snapshot("""\
Program types
┏━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━┓
┃ Program              ┃ Duration    ┃     Cost range ┃ Best for             ┃ Delivery            ┃
┡━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━┩
│ Short Certificate    │ 4-6 months  │  $1,500-$3,500 │ Quick entry          │ online, in-person   │
│ Extended Certificate │ 6-12 months │  $3,000-$6,000 │ Comprehensive        │ online, in-person   │
│                      │             │                │ preparation          │                     │
│ Associate Degree     │ 24 months   │ $8,000-$18,000 │ Career advancement   │ not in guide        │
│ Online Self-Paced    │ varies      │    $500-$2,000 │ Flexible learners    │ online (self-paced) │
└──────────────────────┴─────────────┴────────────────┴──────────────────────┴─────────────────────┘
Tuition and fees
┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Program type      ┃        Tuition ┃ Additional fees ┃
┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ Certificate       │  $1,500-$6,000 │       $100-$300 │
│ Community College │  $3,000-$8,000 │       $200-$500 │
│ Online Program    │    $500-$3,000 │        $50-$150 │
│ Associate Degree  │ $8,000-$18,000 │       $400-$800 │
└───────────────────┴────────────────┴─────────────────┘
Where the guide's figures disagree
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

What training covers (the guide's Step 2)
Certificate Programs (6-12 months)
 - Focus on billing procedures and software
 - Includes insurance and claims processing
 - Prepares for certification exams
 - Available online or in-person
Associate Degree (2 years)
 - More comprehensive education
 - Includes coding and health information
 - Better advancement opportunities
 - Covers healthcare administration
Core Curriculum
 - Medical billing procedures
 - Insurance claim processing
 - Healthcare reimbursement systems
 - HIPAA compliance and privacy
 - Medical terminology
 - Electronic health records (EHR)
 - Billing software applications
 - Patient accounting
 - Collections and follow-up

What to look for in a program
 Certification Prep  Includes CPB, CBCS, or CMRS exam preparation
 Software Training   Practice with actual billing software
 Externship          Hands-on experience in healthcare settings
 Job Placement       Career services and employer connections
 Online Options      Flexible scheduling for working students

Online versus in-person
Online Programs
 - Flexible scheduling
 - Learn from home
 - Self-paced options available
 - Often more affordable
In-Person Programs
 - Immediate instructor feedback
 - Networking opportunities
 - Structured learning environment
 - Hands-on software practice
""")


def test_render_programs_check(invoke) -> None:
    assert render(
        invoke,
        "programs",
        "check",
        "--name",
        "City [b]College",
        "--certification-prep",
        "--no-externship",
    ) == snapshot("""\
Program check: City [b]College
┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━┓
┃ Looks for          ┃ What it means                                ┃ Has it ┃
┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━┩
│ Certification Prep │ Includes CPB, CBCS, or CMRS exam preparation │  yes   │
│ Software Training  │ Practice with actual billing software        │   ?    │
│ Externship         │ Hands-on experience in healthcare settings   │   no   │
│ Job Placement      │ Career services and employer connections     │   ?    │
│ Online Options     │ Flexible scheduling for working students     │   ?    │
└────────────────────┴──────────────────────────────────────────────┴────────┘
Score: [#....] 1/5
Meets 1 of the 5 things the guide says to look for. Lacks: Externship. Ask the school about:
Software Training, Job Placement, Online Options.
""")


def test_render_programs_find(
    invoke, catalog: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(isolated_home)
    out = render(invoke, "programs", "find", BCAREER_USER_DATA_DIR="userdata")
    assert out == snapshot("""\
Local programs (3 of 3)
┏━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━┳━━━━━━━┓
┃ # ┃ Program                                       ┃ Where             ┃    Cost ┃ Months ┃ Score ┃
┡━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━╇━━━━━━━┩
│ 1 │ Medical Billing Certificate                   │ Springfield, IL   │  $2,550 │      9 │   4/5 │
│   │ Example Community College                     │ online, in-person │         │        │       │
│ 2 │ Associate of Applied Science, Health          │ WI                │ $10,400 │     24 │   4/5 │
│   │ Information                                   │ in-person         │         │        │       │
│   │ Example State College                         │                   │         │        │       │
│ 3 │ [red]Billing[/] Fast Track                    │ IL                │    $900 │      ? │   1/5 │
│   │                                               │ online            │ + fees? │        │       │
└───┴───────────────────────────────────────────────┴───────────────────┴─────────┴────────┴───────┘
1. Medical Billing Certificate
   Meets 4 of the 5 things the guide says to look for. Lacks: Job Placement.
   Tuition $2,400 is within the guide's $1,500-$6,000 for Certificate.
   Source: school catalog 2026-27, checked 2026-10-01
2. Associate of Applied Science, Health Information
   Meets 4 of the 5 things the guide says to look for. Lacks: Online Options.
   Tuition $9,800 is within the guide's $8,000-$18,000 for Associate Degree.
   Source: college catalog
3. [red]Billing[/] Fast Track
   Meets 1 of the 5 things the guide says to look for. Lacks: Certification Prep. Ask the school
   about: Software Training, Externship, Job Placement.
   Source: school web page
From userdata/programs_local.yaml
""")


def test_render_faq(invoke) -> None:
    assert render(invoke, "faq", "work from home") == snapshot("""\
Best match for 'work from home':

1. Can medical billing specialists work from home?
   Yes, medical billing is one of the most remote-friendly healthcare careers. Many employers offer
   full-time remote positions, and some specialists work as independent contractors serving multiple
   practices.

""")


def test_render_about(invoke) -> None:
    assert render(invoke, "about") == snapshot("""\
How to become a Medical Billing Specialist
Complete a medical billing training program (6-12 months for certificate), earn certification (CPB,
CMRS, or CBCS), and apply for positions in healthcare facilities, insurance companies, or billing
services. Many medical billing specialists work remotely and can begin their career within 6-12
months of starting training.

What does a Medical Billing Specialist do?
Medical billing specialists process insurance claims, manage patient accounts, and ensure healthcare
providers receive payment for services. They work with patient records, insurance companies, and
healthcare administrators to keep the revenue cycle running smoothly.

Claims Processing
 - Review patient records for billing accuracy
 - Submit insurance claims electronically
 - Verify patient insurance coverage and benefits
 - Track claim status and follow up on denials
 - Appeal rejected claims with supporting documentation
 - Process payments and adjustments
Account Management
 - Generate and send patient statements
 - Set up payment plans for patients
 - Answer billing inquiries from patients
 - Reconcile patient accounts
 - Post payments to correct accounts
 - Handle collections on overdue accounts
Insurance Coordination
 - Verify eligibility and benefits before services
 - Obtain prior authorizations when required
 - Communicate with insurance representatives
 - Stay current on payer-specific requirements
 - Manage claims for multiple insurance types
Compliance and Documentation
 - Follow HIPAA privacy regulations
 - Maintain accurate billing records
 - Ensure claims meet payer guidelines
 - Document collection activities
 - Prepare reports for management

Work environments
 - Physician offices and clinics
 - Hospitals and health systems
 - Insurance companies
 - Third-party billing services
 - Home-based/remote positions
 - Specialty practices (dental, chiropractic)

Requirements
Education
 - High school diploma or GED required
Recommended Preparation
 - Computer proficiency (Excel, databases)
 - Basic accounting or bookkeeping
 - English and communication skills
 - Attention to detail
Helpful Background
 - Customer service experience
 - Healthcare or office work
 - Data entry skills
 - Knowledge of insurance

Certification
While not legally required, certification significantly improves job prospects and validates
expertise. Compare them: bcareer compare --all.

Pros
 - Remote work opportunities widely available
 - Short training timeline (6-12 months)
 - Good salary for education required ($48,780 median)
 - Growing demand (7% growth rate)
 - Multiple work settings and specialties
 - Office-based work with regular hours
 - Clear advancement opportunities
 - Skills transfer between employers
 $48,780: newer: $50,250 (May 2024; $24.16/h) (Pages citing the BLS Occupational Outlook Handbook,
 medical records specialists (SOC 29-2072), third-party, 2025). BLS median pay for medical records
 specialists (SOC 29-2072), as reported by pages citing the BLS Occupational Outlook Handbook.
 7%: newer: +7% 2024-2034 (Pages citing the BLS Occupational Outlook Handbook, medical records
 specialists (SOC 29-2072), third-party, 2025)
Challenges
 - Repetitive computer-based work
 - Deadline pressure for claims submission
 - Dealing with claim denials and appeals
 - Keeping up with changing regulations
 - Handling difficult patient conversations about bills
 - Need for continuing education

Billing versus coding
Medical billers process insurance claims and manage patient accounts (the financial side). Medical
coders translate diagnoses and procedures into standardized codes (the documentation side). Many
roles combine both functions.
""")


def test_render_resources(invoke) -> None:
    assert render(invoke, "resources") == snapshot("""\
Certification bodies
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Organization                             ┃ Offers      ┃ Web                                     ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ American Academy of Professional Coders  │ Issues CPB  │ newer: aapc.com (the issuer's own site) │
│ (AAPC)                                   │             │ [1]                                     │
│ American Medical Billing Association     │ Issues CMRS │ newer: ambanet.net (the issuer's own    │
│ (AMBA)                                   │             │ site) [2]                               │
│ National Healthcareer Association (NHA)  │ Issues CBCS │ not in guide                            │
└──────────────────────────────────────────┴─────────────┴─────────────────────────────────────────┘
Professional organizations
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓
┃ Organization                                       ┃ Offers                  ┃ Web          ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩
│ Healthcare Financial Management Association (HFMA) │ Revenue cycle education │ not in guide │
│ American Health Lawyers Association (AHLA)         │ Compliance resources    │ not in guide │
└────────────────────────────────────────────────────┴─────────────────────────┴──────────────┘
Industry resources
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓
┃ Organization                                   ┃ Offers                         ┃ Web          ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩
│ Centers for Medicare & Medicaid Services (CMS) │ Federal billing guidelines     │ cms.gov      │
│ HIPAA Journal                                  │ Privacy and compliance updates │ not in guide │
└────────────────────────────────────────────────┴────────────────────────────────┴──────────────┘
Career development
┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Resource                 ┃ What it is                             ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ Continuing Education     │ Required for certification maintenance │
│ Industry Conferences     │ AAPC and HFMA annual meetings          │
│ Specialty Certifications │ Expand into coding or compliance       │
└──────────────────────────┴────────────────────────────────────────┘

Notes: who reported the newer addresses
 [1]  AAPC: Membership FAQ, issuer, read 2026-11
 [2]  AMBA: CEU rules, issuer, read 2026-11
""")


def test_render_sources(invoke) -> None:
    assert render(invoke, "sources") == snapshot("""\
Sources (34)
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓
┃ Source                             ┃ Kind        ┃ Date                               ┃ Cited by ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩
│ How to become a Medical Billing    │ guide       │ undated                            │      176 │
│ Specialist (career guide)          │             │                                    │          │
│ AAPC: Taking the CPB exam          │ issuer      │ read 2026-11                       │        2 │
│ (aapc.com/certifications/cpb/takin │             │                                    │          │
│ g-the-cpb-exam)                    │             │                                    │          │
│ Medical Billing and Coding         │ third-party │ 2025                               │        7 │
│ Training (CPB certification page;  │             │                                    │          │
│ AAPC membership prices)            │             │                                    │          │
│ (medicalbillingandcoding.training/ │             │                                    │          │
│ certifications/cpb)                │             │                                    │          │
│ AAPC: Complete your CPC            │ issuer      │ read 2026-12                       │        1 │
│ apprenticeship (proof of education │             │                                    │          │
│ or experience isn't necessary to   │             │                                    │          │
│ sit for AAPC exams; membership     │             │                                    │          │
│ required)                          │             │                                    │          │
│ (aapc.com/certifications/cpc/compl │             │                                    │          │
│ ete-your-cpc-apprenticeship)       │             │                                    │          │
│ AAPC: Membership FAQ               │ issuer      │ read 2026-11                       │        4 │
│ (aapc.com/membership/faq.aspx)     │             │                                    │          │
│ AAPC: Member hardship policy       │ issuer      │ read 2026-11                       │        2 │
│ (aapc.com/about-us/member-hardship │             │                                    │          │
│ -policy)                           │             │                                    │          │
│ AAPC: CPC exam FAQs                │ issuer      │ read 2026-11                       │        3 │
│ (aapc.com/resources/cpc-exam-faqs) │             │                                    │          │
│ AMBA: CEU rules                    │ issuer      │ read 2026-11                       │        3 │
│ (ambanet.net/ceu_rules.htm)        │             │                                    │          │
│ Medical Coder Certification: CMRS  │ third-party │ read 2026-11                       │        1 │
│ (medical-coder-certification.com)  │             │                                    │          │
│ CMRS research notes (page not      │ third-party │ read 2026-11                       │        3 │
│ named)                             │             │                                    │          │
│ CBCS retake reports (3 attempts,   │ third-party │ read 2026-12                       │        2 │
│ then a 12-month wait, a fee each   │             │                                    │          │
│ time; pages not named in the       │             │                                    │          │
│ research notes)                    │             │                                    │          │
│ CBCS exam guides                   │ third-party │ 2026-07                            │        3 │
│ (open-exam-prep.com,               │             │                                    │          │
│ alliedhealthexam.com)              │             │                                    │          │
│ Pages citing the BLS Occupational  │ third-party │ 2025                               │        6 │
│ Outlook Handbook, medical records  │             │                                    │          │
│ specialists (SOC 29-2072)          │             │                                    │          │
│ O*NET OnLine: 43-3021.02 (billing  │ government  │ read 2026-11                       │        1 │
│ clerks)                            │             │                                    │          │
│ (onetonline.org/link/summary/43-30 │             │                                    │          │
│ 21.02)                             │             │                                    │          │
│ Federal Student Aid: Electronic    │ government  │ 2025-01-31                         │        1 │
│ Announcement GEN-25-02 (2025-26    │             │                                    │          │
│ Pell Grant) (fsapartners.ed.gov)   │             │                                    │          │
│ NCAN: Workforce Pell (ncan.org)    │ third-party │ 2026-05                            │        1 │
│ Washington Monthly: WIOA           │ press       │ 2022                               │        2 │
│ individual training accounts       │             │                                    │          │
│ (washingtonmonthly.com)            │             │                                    │          │
│ NHA: taking an exam with live      │ issuer      │ 2023                               │        1 │
│ remote proctoring or at a test     │             │                                    │          │
│ center (knowledge.nhanow.com)      │             │                                    │          │
│ Eligible Training Provider List    │ government  │ 2019-2024                          │        3 │
│ and WIOA training accounts (DC     │             │                                    │          │
│ DOES; Wisconsin DWD WIOA Policy    │             │                                    │          │
│ Manual 7.2; CharlotteWorks)        │             │                                    │          │
│ (dcworks.dc.gov)                   │             │                                    │          │
│ American Job Center fact sheet (US │ government  │ 2020-02                            │        2 │
│ DOL ETA, WorkforceGPS)             │             │                                    │          │
│ (ion.workforcegps.org)             │             │                                    │          │
│ VA: GI Bill licensing and          │ issuer      │ 2019-11-15                         │        2 │
│ certification test fees            │             │                                    │          │
│ (benefits.va.gov/gibill/licensing_ │             │                                    │          │
│ certification.asp)                 │             │                                    │          │
│ VA: GI Bill program and test       │ issuer      │ read 2026-11                       │        1 │
│ approval (benefits.va.gov)         │             │                                    │          │
│ Congressional Research Service     │ government  │ 2023-08-24                         │        2 │
│ R47647: Pell Grants for Short-Term │             │                                    │          │
│ Programs                           │             │                                    │          │
│ Federal Student Aid: GEN-26-01     │ government  │ 2026-01-30                         │        2 │
│ (2026-27 Pell Grant)               │             │                                    │          │
│ Federal Register 2026-10013:       │ government  │ 2026-05-19                         │        2 │
│ Workforce Pell rule                │             │                                    │          │
│ (thefederalregister.org/documents/ │             │                                    │          │
│ 2026-10013)                        │             │                                    │          │
│ WIOA account caps (NWWDB P1;       │ government  │ 2019-12-03; 2020-07-01             │        2 │
│ Wisconsin DWD 7.1.5; WDBPC)        │             │                                    │          │
│ Military OneSource: MyCAA spouse   │ issuer      │ read 2026-12                       │        4 │
│ scholarship                        │             │                                    │          │
│ (militaryonesource.mil)            │             │                                    │          │
│ Vocational Rehabilitation          │ government  │ undated; 2023-10                   │        4 │
│ eligibility (Idaho VR; Colorado    │             │                                    │          │
│ DVR policy manual, 29 USC 723)     │             │                                    │          │
│ (vr.idaho.gov)                     │             │                                    │          │
│ USDA FNS: SNAP Employment and      │ issuer      │ 2010-03-18; 2011-05-11; 2025-10-03 │        3 │
│ Training memos (2010-03-18,        │             │                                    │          │
│ 2011-05-11, 2025-10-03)            │             │                                    │          │
│ Tax code section 127 (Mercer;      │ third-party │ 2025                               │        1 │
│ CapinCrouse)                       │             │                                    │          │
│ Registered apprenticeships in      │ third-party │ 2017-09-15; 2026-03-17             │        2 │
│ billing and coding (H-CAP; NWRPCA; │             │                                    │          │
│ Coding Clarified)                  │             │                                    │          │
│ US DOL: Trade Adjustment           │ issuer      │ read 2026-12                       │        2 │
│ Assistance                         │             │                                    │          │
│ (dol.gov/agencies/eta/tradeact)    │             │                                    │          │
│ NHA: CBCS exam eligibility         │ issuer      │ 2023                               │        9 │
│ (diploma or GED plus a training    │             │                                    │          │
│ program within 5 years, or 1 year  │             │                                    │          │
│ of experience) and retakes (30     │             │                                    │          │
│ days after a failed attempt)       │             │                                    │          │
│ (knowledge.nhanow.com)             │             │                                    │          │
│ HHS OIG Special Advisory Bulletin  │ third-party │ 2013-05-08                         │        6 │
│ on the Effect of Exclusion         │             │                                    │          │
│ (2013-05-08), as summarized by     │             │                                    │          │
│ dykema.com (2013-05-17) and        │             │                                    │          │
│ exclusionscreening.com             │             │                                    │          │
│ (2021-01-08)                       │             │                                    │          │
│ (oig.hhs.gov/exclusions)           │             │                                    │          │
└────────────────────────────────────┴─────────────┴────────────────────────────────────┴──────────┘
Figures with a newer reported value (35)
┏━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Record                  ┃ Field               ┃ Newer figure            ┃ Reported by            ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━┩
│ organizations.yaml:     │ url                 │ aapc.com (the issuer's  │ AAPC: Membership FAQ   │
│ aapc                    │                     │ own site)               │ (issuer, read 2026-11) │
│ organizations.yaml:     │ url                 │ ambanet.net (the        │ AMBA: CEU rules        │
│ amba                    │                     │ issuer's own site)      │ (issuer, read 2026-11) │
│ certifications.yaml:    │ exam                │ 135 questions, 4 h,     │ AAPC: Taking the CPB   │
│ CPB                     │                     │ open code book, online  │ exam (issuer, page     │
│                         │                     │ live-proctored or in    │ undated, read 2026-11) │
│                         │                     │ person                  │                        │
│ certifications.yaml:    │ fees.member         │ $425 one attempt / $499 │ Medical Billing and    │
│ CPB                     │                     │ two attempts;           │ Coding Training (CPB   │
│                         │                     │ membership required to  │ certification page;    │
│                         │                     │ sit (no non-member fee) │ AAPC membership        │
│                         │                     │                         │ prices) (third-party,  │
│                         │                     │                         │ 2025)                  │
│ certifications.yaml:    │ membership_required │ AAPC membership         │ Medical Billing and    │
│ CPB                     │                     │ required to sit the     │ Coding Training (CPB   │
│                         │                     │ exam                    │ certification page;    │
│                         │                     │                         │ AAPC membership        │
│                         │                     │                         │ prices) (third-party,  │
│                         │                     │                         │ 2025)                  │
│ certifications.yaml:    │ requirements        │ no prerequisites. The   │ CMRS research notes    │
│ CMRS                    │                     │ research notes do not   │ (page not named)       │
│                         │                     │ say which page reports  │ (third-party, read     │
│                         │                     │ this (AMBA's CEU rules  │ 2026-11)               │
│                         │                     │ are cited only for the  │                        │
│                         │                     │ CEUs, a third-party     │                        │
│                         │                     │ page only for the fee); │                        │
│                         │                     │ check with AMBA.        │                        │
│ certifications.yaml:    │ exam.delivery       │ taken online within a   │ CMRS research notes    │
│ CMRS                    │                     │ 45-day window. The      │ (page not named)       │
│                         │                     │ research notes do not   │ (third-party, read     │
│                         │                     │ say which page reports  │ 2026-11)               │
│                         │                     │ this (AMBA's CEU rules  │                        │
│                         │                     │ are cited only for the  │                        │
│                         │                     │ CEUs, a third-party     │                        │
│                         │                     │ page only for the fee); │                        │
│                         │                     │ check with AMBA.        │                        │
│ certifications.yaml:    │ renewal             │ 15 CEUs a year; AMBA    │ AMBA: CEU rules        │
│ CMRS                    │                     │ membership renewed      │ (issuer, read 2026-11) │
│                         │                     │ yearly                  │                        │
│ certifications.yaml:    │ fees                │ $325 plus membership    │ Medical Coder          │
│ CMRS                    │                     │ (one source)            │ Certification: CMRS    │
│                         │                     │                         │ (third-party, read     │
│                         │                     │                         │ 2026-11)               │
│ certifications.yaml:    │ exam                │ 100 scored + 20-25      │ CBCS exam guides       │
│ CBCS                    │                     │ pretest questions, 3 h, │ (open-exam-prep.com,   │
│                         │                     │ closed book             │ alliedhealthexam.com)  │
│                         │                     │                         │ (third-party, 2026-07) │
│ certifications.yaml:    │ requirements        │ HS diploma/GED plus a   │ CBCS exam guides       │
│ CBCS                    │                     │ training program        │ (open-exam-prep.com,   │
│                         │                     │ (within 5 years) or 1   │ alliedhealthexam.com)  │
│                         │                     │ year of experience      │ (third-party, 2026-07) │
│ certifications.yaml:    │ fees                │ fee reported $117-$155  │ CBCS exam guides       │
│ CBCS                    │                     │                         │ (open-exam-prep.com,   │
│                         │                     │                         │ alliedhealthexam.com)  │
│                         │                     │                         │ (third-party, 2026-07) │
│ certifications.yaml:    │ exam                │ 100 questions, 4 h,     │ AAPC: CPC exam FAQs    │
│ CPC                     │                     │ open code book          │ (issuer, read 2026-11) │
│ certifications.yaml:    │ renewal             │ 36 CEUs every 2 years   │ AAPC: CPC exam FAQs    │
│ CPC                     │                     │                         │ (issuer, read 2026-11) │
│ certifications.yaml:    │ issuer              │ AAPC                    │ AAPC: CPC exam FAQs    │
│ CPC                     │                     │                         │ (issuer, read 2026-11) │
│ costs.yaml:             │ cost                │ $222/year; $157         │ Medical Billing and    │
│ aapc-membership         │                     │ students                │ Coding Training (CPB   │
│                         │                     │                         │ certification page;    │
│                         │                     │                         │ AAPC membership        │
│                         │                     │                         │ prices) (third-party,  │
│                         │                     │                         │ 2025)                  │
│ costs.yaml:             │ cost                │ AAPC's own membership   │ AAPC: Membership FAQ   │
│ aapc-membership         │                     │ FAQ still shows         │ (issuer, read 2026-11) │
│                         │                     │ $190/year               │                        │
│ costs.yaml: aapc        │ cost_per_year       │ $222/year; $157         │ Medical Billing and    │
│                         │                     │ students                │ Coding Training (CPB   │
│                         │                     │                         │ certification page;    │
│                         │                     │                         │ AAPC membership        │
│                         │                     │                         │ prices) (third-party,  │
│                         │                     │                         │ 2025)                  │
│ costs.yaml: aapc        │ cost_per_year       │ AAPC's own membership   │ AAPC: Membership FAQ   │
│                         │                     │ FAQ still shows         │ (issuer, read 2026-11) │
│                         │                     │ $190/year               │                        │
│ costs.yaml: amba        │ cost_per_year       │ AMBA membership is      │ AMBA: CEU rules        │
│                         │                     │ renewed yearly (no      │ (issuer, read 2026-11) │
│                         │                     │ price reported)         │                        │
│ aid.yaml: federal-aid   │ amount              │ Pell Grant maximum      │ Federal Student Aid:   │
│                         │                     │ $7,395 for 2026-27      │ GEN-26-01 (2026-27     │
│                         │                     │ (minimum $740), set by  │ Pell Grant)            │
│                         │                     │ the FAFSA               │ (government,           │
│                         │                     │                         │ 2026-01-30)            │
│ aid.yaml: federal-aid   │ amount              │ Pell Grant maximum      │ Federal Student Aid:   │
│                         │                     │ $7,395 for 2025-26      │ Electronic             │
│                         │                     │                         │ Announcement GEN-25-02 │
│                         │                     │                         │ (2025-26 Pell Grant)   │
│                         │                     │                         │ (government,           │
│                         │                     │                         │ 2025-01-31)            │
│ aid.yaml: federal-aid   │ eligibility         │ Workforce Pell (final   │ Federal Register       │
│                         │                     │ rule effective July 20, │ 2026-10013: Workforce  │
│                         │                     │ 2026): 150-599 clock    │ Pell rule (government, │
│                         │                     │ hours over 8 to under   │ 2026-05-19)            │
│                         │                     │ 15 weeks, at a Title IV │                        │
│                         │                     │ school, state- and      │                        │
│                         │                     │ ED-approved             │                        │
│ aid.yaml: federal-aid   │ eligibility         │ Workforce Pell from     │ NCAN: Workforce Pell   │
│                         │                     │ July 1, 2026 (the award │ (third-party, 2026-05) │
│                         │                     │ year; the final rule    │                        │
│                         │                     │ took effect July 20):   │                        │
│                         │                     │ programs of 150-599     │                        │
│                         │                     │ clock hours over 8-15   │                        │
│                         │                     │ weeks, state-approved,  │                        │
│                         │                     │ with 70% completion and │                        │
│                         │                     │ 70% placement           │                        │
│ aid.yaml: wioa          │ amount              │ WIOA individual         │ Washington Monthly:    │
│                         │                     │ training accounts       │ WIOA individual        │
│                         │                     │ typically $3,000-$5,000 │ training accounts      │
│                         │                     │                         │ (press, 2022)          │
│ aid.yaml: wioa          │ amount              │ Local boards set the    │ WIOA account caps      │
│                         │                     │ caps (one caps          │ (NWWDB P1; Wisconsin   │
│                         │                     │ healthcare training at  │ DWD 7.1.5; WDBPC)      │
│                         │                     │ $7,500 a year) and      │ (government,           │
│                         │                     │ expect Pell to be       │ 2019-2020)             │
│                         │                     │ sought first            │                        │
│ aid.yaml: payment-plans │ description         │ AAPC offers payment     │ AAPC: Membership FAQ   │
│                         │                     │ plans                   │ (issuer, read 2026-11) │
│ aid.yaml: payment-plans │ description         │ AAPC has a member       │ AAPC: Member hardship  │
│                         │                     │ hardship policy         │ policy (issuer, read   │
│                         │                     │                         │ 2026-11)               │
│ aid.yaml: mycaa         │ amount              │ Up to $2,000 a fiscal   │ Military OneSource:    │
│                         │                     │ year (October to        │ MyCAA spouse           │
│                         │                     │ September), $4,000 in   │ scholarship (issuer,   │
│                         │                     │ all; more in one year   │ undated)               │
│                         │                     │ only with a waiver for  │                        │
│                         │                     │ a licensure or          │                        │
│                         │                     │ certification program   │                        │
│ aid.yaml: mycaa         │ amount              │ Up to $4,000 in all,    │ Military OneSource:    │
│                         │                     │ $2,000 a fiscal year,   │ MyCAA spouse           │
│                         │                     │ for tuition and exam    │ scholarship (issuer,   │
│                         │                     │ fees; not books         │ undated)               │
│ salary.yaml: salary     │ annual              │ $50,250 (May 2024;      │ Pages citing the BLS   │
│                         │                     │ $24.16/h). BLS median   │ Occupational Outlook   │
│                         │                     │ pay for medical records │ Handbook, medical      │
│                         │                     │ specialists (SOC        │ records specialists    │
│                         │                     │ 29-2072), as reported   │ (SOC 29-2072)          │
│                         │                     │ by pages citing the BLS │ (third-party, 2025)    │
│                         │                     │ Occupational Outlook    │                        │
│                         │                     │ Handbook.               │                        │
│ salary.yaml: median     │ hourly              │ $24.16/h (May 2024).    │ Pages citing the BLS   │
│                         │                     │ BLS median hourly pay   │ Occupational Outlook   │
│                         │                     │ for medical records     │ Handbook, medical      │
│                         │                     │ specialists (SOC        │ records specialists    │
│                         │                     │ 29-2072), as reported   │ (SOC 29-2072)          │
│                         │                     │ by pages citing the BLS │ (third-party, 2025)    │
│                         │                     │ Occupational Outlook    │                        │
│                         │                     │ Handbook.               │                        │
│ outlook.yaml: outlook   │ employment          │ 194,800 (2024)          │ Pages citing the BLS   │
│                         │                     │                         │ Occupational Outlook   │
│                         │                     │                         │ Handbook, medical      │
│                         │                     │                         │ records specialists    │
│                         │                     │                         │ (SOC 29-2072)          │
│                         │                     │                         │ (third-party, 2025)    │
│ outlook.yaml: outlook   │ growth_percent      │ +7% 2024-2034           │ Pages citing the BLS   │
│                         │                     │                         │ Occupational Outlook   │
│                         │                     │                         │ Handbook, medical      │
│                         │                     │                         │ records specialists    │
│                         │                     │                         │ (SOC 29-2072)          │
│                         │                     │                         │ (third-party, 2025)    │
│ outlook.yaml: outlook   │ median_pay          │ $50,250 (May 2024)      │ Pages citing the BLS   │
│                         │                     │                         │ Occupational Outlook   │
│                         │                     │                         │ Handbook, medical      │
│                         │                     │                         │ records specialists    │
│                         │                     │                         │ (SOC 29-2072)          │
│                         │                     │                         │ (third-party, 2025)    │
└─────────────────────────┴─────────────────────┴─────────────────────────┴────────────────────────┘
""")


@pytest.mark.parametrize(
    "command",
    [
        ("salary", "--experience", "entry"),
        ("outlook",),
        ("paths",),
        ("aid", "--veteran"),
        ("programs",),
        ("programs", "check", "--externship"),
        ("faq", "cost"),
        ("about",),
        ("resources",),
        ("sources",),
    ],
)
def test_narrow_terminal_keeps_figures_whole(invoke, command: tuple[str, ...]) -> None:
    out = render(invoke, *command, COLUMNS="40")
    assert all(len(line) <= 40 for line in out.splitlines())
    # A figure cut at the edge would leave "$35,000-$4" or similar: every range stays whole.
    for match in re.finditer(r"\$[\d,.]+-(\$?[\d,.]*)", out):
        assert match.group(1).startswith("$") and len(match.group(1)) > 1, match.group(0)


def test_markup_in_user_files_prints_literally(invoke, catalog: Path) -> None:
    out = render(invoke, "programs", "find")
    assert "[red]Billing[/] Fast Track" in out


# --- every example in --help runs ------------------------------------------------------------

MY_COMMANDS = [
    ("salary",),
    ("outlook",),
    ("paths",),
    ("aid",),
    ("programs",),
    ("programs", "check"),
    ("programs", "find"),
    ("faq",),
    ("about",),
    ("resources",),
    ("sources",),
    ("renew",),
]


@pytest.mark.parametrize("command", MY_COMMANDS, ids=" ".join)
def test_help_examples_run(
    invoke, command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    monkeypatch.chdir(tmp_path)  # an example may write a file
    help_text = invoke(*command, "--help")
    assert help_text.code == 0
    examples = [
        line.strip()
        for line in help_text.out.split("Examples:")[1].splitlines()
        if line.strip().startswith("bcareer ")
    ]
    assert examples
    for example in examples:
        if "(in a terminal" in example:
            continue
        args = shlex.split(example.split("  (")[0])[1:]
        result = invoke(*args)
        assert result.code == 0, f"{example}: {result.err}"


# --- the prompt, in a real terminal -------------------------------------------------------------


def _spawn(*args: str, home: Path):
    import os

    import pexpect
    from conftest import bcareer_executable

    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1")
    return pexpect.spawn(
        bcareer_executable(),
        list(args),
        env=env,
        dimensions=(24, 100),
        encoding="utf-8",
        timeout=10,
        cwd=str(home),
    )


def test_programs_check_asks_what_no_flag_answered(isolated_home: Path) -> None:
    import pexpect

    child = _spawn("programs", "check", "--certification-prep", "--externship", home=isolated_home)
    for _ in range(3):  # software training, job placement, online options
        child.expect(r"offer this\?")
        child.send("\r")  # "Yes" is the first choice
    child.expect("Score: \\[####.\\] 4/5|Score: \\[#####\\] 5/5")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_programs_check_ctrl_c_exits_130(isolated_home: Path) -> None:
    import pexpect

    child = _spawn("programs", "check", home=isolated_home)
    child.expect(r"offer this\?")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")


# --- bad input: one line, the right exit code ---------------------------------------------------


BAD_INPUT = [
    (("salary", "--experience", "guru"), 2, "Unknown experience level 'guru'"),
    (("salary", "--setting", "moon"), 2, "Unknown work setting 'moon'"),
    (("salary", "--state", "XX"), 2, "Unknown state 'XX'"),
    (("faq", ""), 2, "The search text is empty"),
    (("faq", "   "), 2, "The search text is empty"),
    (("faq", "?!"), 2, "has no words to search for"),
    (("programs", "find", "--state", "ZZ"), 2, "Unknown state 'ZZ'"),
    (("programs", "find", "--cert", "CBSC"), 2, "Did you mean 'CBCS'?"),
    (("programs", "find", "--online", "--in-person"), 2, "exclude each other"),
    (("programs", "find", "--max-cost", "-5"), 2, "--max-cost"),
    (("programs", "check"), 2, "No answers to score"),
    (("aid", "--budget", "lots"), 2, "--budget"),
    (("aid", "--experience-years", "-1"), 2, "--experience-years"),
]


@pytest.mark.parametrize(
    "args", [("salary", "--state", "ZZ"), ("programs", "find", "--state", "zz")]
)
def test_an_unknown_state_gets_examples_not_the_whole_list(invoke, args) -> None:
    result = invoke(*args)
    assert result.code == 2
    assert result.err == (
        f"Error: Unknown state '{args[-1]}': not a US state or territory code. "
        "Use a two-letter code such as TX, CA or NY.\n"
    )


def test_salary_json_newer_figures_are_structured(invoke) -> None:
    view = as_json(invoke, "salary", "--state", "TX", "--experience", "entry")
    newer = [
        *view["national_median"]["newer"],
        *(item for row in view["hourly"] for item in row["newer"]),
    ]
    assert newer
    for item in newer:
        assert isinstance(item, dict)
        assert {"summary", "value", "source", "reported_by", "date", "note"} <= set(item)
    assert view["national_median"]["newer"][0]["value"] == 50250


def test_outlook_gives_the_median_for_the_occupation_the_guide_gives_it_for(invoke) -> None:
    view = as_json(invoke, "outlook")
    median = next(figure for figure in view["figures"] if figure["id"] == "median_pay")
    assert median["guide"] == 48780
    assert median["occupation"] == "Medical billing specialists"
    assert median["guide_text"] == (
        "$48,780 for medical billing specialists (the guide's Benefits list)"
    )
    assert median["source"]["section"].endswith("Benefits")
    assert view["occupation"] == "Medical records specialists"


def test_aid_with_answers_shows_each_verdict_once(invoke) -> None:
    out = render(invoke, "aid", "--veteran")
    # For you first, once; the options not assessed after it, once each.
    assert out.count("Veterans Benefits") == 1
    assert out.count("Federal Financial Aid") == 1
    assert out.index("For you") < out.index("Veterans Benefits") < out.index("Other options")
    assert out.index("Other options") < out.index("Federal Financial Aid") < out.index("Notes")
    assert "None of your answers bears on this option" not in out
    assert "You are a veteran: the guide says the GI Bill covers approved programs" in out


def test_programs_name_the_tuition_row_as_the_guide_does(invoke) -> None:
    out = render(invoke, "programs")
    assert "(tuition table)" not in out
    fees = {row["name"]: row for row in as_json(invoke, "programs")["tuition_and_fees"]}
    assert fees["Associate Degree"]["fees"] == {"min": 400, "max": 800}


def test_sources_show_an_updates_note(invoke) -> None:
    wide = render(invoke, "sources", COLUMNS="400")
    assert "45-day window. The research notes do not say which page reports this" in wide
    newer = as_json(invoke, "sources")["newer_figures"]
    cmrs = next(
        item for item in newer if item["record"] == "CMRS" and item["field"] == "requirements"
    )
    assert cmrs["reported_by"] == "third-party" and "check with AMBA" in cmrs["note"]


@pytest.mark.parametrize(("args", "code", "text"), BAD_INPUT)
def test_bad_input_one_line(invoke, args: tuple[str, ...], code: int, text: str) -> None:
    result = invoke(*args)
    assert result.code == code, result.err
    assert result.out == ""
    assert text in one_error_line(result.err)


@pytest.mark.parametrize(
    ("file", "content", "text"),
    [
        (
            "programs_local.yaml",
            "programs:\n  - {name: A, delivery: [online], tuition: lots, source: s}\n",
            "programs[0] (A): tuition:",
        ),
        (
            "programs_local.yaml",
            "programs:\n  - {name: A, delivery: [boat], tuition: 1, source: s}\n",
            "programs[0] (A): delivery.0:",
        ),
        (
            "programs_local.yaml",
            "programs:\n  - {name: A, delivery: [online], tuition: 1}\n",
            "programs[0] (A): source: Field required",
        ),
        (
            "programs_local.yaml",
            "programs:\n  - {name: A, delivery: [online], tuition: 1, "
            "source: s, certification_prep: [XYZ]}\n",
            "certification_prep: unknown certification",
        ),
        ("programs_local.yaml", "programs: [\n", "not valid YAML"),
        (
            "salary_states.yaml",
            "states:\n  - {state: TX, median_annual: -3, source: s}\n",
            "states[0] (TX): median_annual:",
        ),
        (
            "salary_states.yaml",
            "states:\n  - {state: TX, median_annual: 3, colour: red, source: s}\n",
            "states[0] (TX): colour: Extra inputs",
        ),
    ],
)
def test_bad_user_file_names_file_record_field(
    invoke, isolated_home: Path, file: str, content: str, text: str
) -> None:
    (isolated_home / "userdata" / file).write_text(content, encoding="utf-8")
    args = ("programs", "find") if file.startswith("programs") else ("salary", "--state", "TX")
    result = invoke(*args)
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert file in lines[0] and text in lines[0]
