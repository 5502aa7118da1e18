"""The plan as people read it: the answer first, the same plan at 60, 80 and 120 columns, a
first screen that gives the answer, and a typical plan that fits about three screens."""

from __future__ import annotations

import re

import pytest
from inline_snapshot import snapshot

START = ("--start", "2027-02-01", "--no-input", "--no-save")
# Three different people, as a counselor would see them.
VETERAN_NO_MONEY = (
    "plan",
    "--education",
    "ged",
    "--budget",
    "0",
    "--schedule",
    "full-time",
    "--veteran",
)
LAID_OFF_PARENT = (
    "plan",
    "--education",
    "high-school",
    "--budget",
    "500",
    "--schedule",
    "part-time",
    "--job-seeker",
    "--background",
    "customer-service",
)
TEN_YEAR_BILLER = (
    "plan",
    "--education",
    "associate",
    "--budget",
    "500",
    "--schedule",
    "full-time",
    "--experience-years",
    "10",
    "--goal",
    "advancement",
    "--background",
    "insurance,healthcare-office,accounting",
    "--current-pay",
    "17/h",
)
BACHELORS = ("plan", "--education", "bachelor", "--budget", "3000", "--schedule", "part-time")


def render(invoke, args: tuple[str, ...], columns: int) -> str:
    result = invoke(*args, *START, env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert result.code == 0, result.err
    assert all(len(line) <= columns for line in result.out.splitlines())
    return result.out


def test_the_answer_is_on_the_first_screen(invoke) -> None:
    """Program, certification, total and job-ready date within 20 lines at 80 columns, for
    every kind of person."""
    for args in (VETERAN_NO_MONEY, LAID_OFF_PARENT, TEN_YEAR_BILLER, BACHELORS):
        json_result = invoke(*args, *START, "--json")
        import json

        data = json.loads(json_result.out)
        text = render(invoke, args, 80)
        first = "\n".join(text.splitlines()[:20])
        flat = " ".join(first.split())
        total = data["cost"]["total"]
        assert f"Program: {data['recommendations']['program']['name']}" in flat
        assert f"Certification: {data['recommendations']['certification']['code']}, " in flat
        assert f"Total cost: ${total['min']:,}-${total['max']:,}" in flat
        assert f"Job-ready by: about {data['ready_by']}" in flat
        assert f"This week: {data['first_actions'][0]}" in flat
        # The answer block: at most 12 lines, before the first section.
        block = text.splitlines()[2 : text.splitlines().index("", 2)]
        assert 5 <= len(block) <= 12, block


@pytest.mark.parametrize("args", [VETERAN_NO_MONEY, LAID_OFF_PARENT, TEN_YEAR_BILLER, BACHELORS])
def test_a_typical_plan_is_80_lines_or_fewer_at_80_columns(invoke, args: tuple[str, ...]) -> None:
    text = render(invoke, args, 80)
    # 70 lines, and the options table (issue 19: its heading, header, up to four paths and
    # one note) after the answer.
    assert len(text.splitlines()) <= 80
    # Said once, and only with --details (as one note, never once per step).
    assert "Planned as 2 weeks" not in text
    details = render(invoke, (*args, "--details"), 80)
    assert details.count("an assumption of this tool: the guide gives no time for them") <= 1
    assert not re.search(
        r"Planned as [^:]+: an assumption of this tool\. The guide gives no", details
    )
    assert len(details.splitlines()) > len(text.splitlines())


def test_details_add_every_reason_and_the_full_tables(invoke) -> None:
    import json

    data = json.loads(invoke(*VETERAN_NO_MONEY, *START, "--json").out)
    brief = " ".join(render(invoke, VETERAN_NO_MONEY, 100).split())
    details = " ".join(render(invoke, (*VETERAN_NO_MONEY, "--details"), 100).split())
    reasons = [
        *data["recommendations"]["program"]["reasons"],
        *data["recommendations"]["certification"]["reasons"],
        *(
            detail
            for step in data["steps"]
            for detail in step["details"]
            if "an assumption of this tool. The guide gives no time" not in detail
        ),
    ]
    assert reasons
    for reason in reasons:
        assert " ".join(reason.split()) in details
    assert "Item Cost" in details and "Level A year" in details
    assert "Item Cost" not in brief


def test_golden_veteran_with_no_money(invoke) -> None:
    assert render(invoke, VETERAN_NO_MONEY, 80) == snapshot("""\
Your medical billing career plan

Program:       Short Certificate, in-person
Certification: CBCS, Certified Billing and Coding Specialist
Total cost:    $1,885-$4,330 ($1,847-$4,330 with newer reported figures)
Funding:       Your budget of $0 + Veterans Benefits ($1,755-$3,955, on the
               conditions below): falls short by $130-$375.
Fallback:      without the aid: Online Self-Paced with CBCS, $835-$2,680; your
               budget falls short by $835-$2,680.
Job-ready by:  about 2027-06-29 (an estimate; the guide says job-ready within
               6-12 months of starting training)
This week:     Research Short Certificate programs and list two or three to
               compare.

Your options
Option: program                     Cert     Total cost  Left to pay   Job-ready
recommended, lowest-cost, fastest:  CBCS  $1,885-$4,330    $130-$375  2027-06-29
Short Certificate, in-person
without-aid: Online Self-Paced      CBCS    $835-$2,680  $835-$2,680  2027-06-29
Left to pay: after the aid counted for that path; dates are estimates.
Without-aid: what your budget alone pays for. Payback needs what you earn now.

Blockers and warnings
- Warning: Your budget of $0 with GI Bill counted falls short of even the low
  end of this path's whole cost ($1,885-$4,330), by $130-$375.

Steps
2027-02-01 to 2027-02-15  1. Choose your program, arrange the money and enroll
2027-02-15 to 2027-06-15  2. Complete training: Short Certificate (in-person)
2027-02-15 to 2027-03-01  3. Optional: strengthen spreadsheet and database
                          skills
2027-02-15 to 2027-03-01  4. Optional: learn basic bookkeeping
2027-02-15 to 2027-03-01  5. Optional: practice patient and payer conversations
2027-05-18 to 2027-06-15  6. Gain practical experience (externship, in the
                          program's last weeks)
2027-06-01 to 2027-06-29  7. Prepare for and pass the CBCS exam
2027-06-29 to 2027-08-24  8. Begin your career

Cost
- Tuition (Short Certificate) $1,500-$3,500; Program fees $100-$300; Textbooks
  $100-$300; CBCS exam fee (one price) $155; Background check $30-$75. Total
  $1,885-$4,330.

Expected pay
- Entry-Level, 0-1 year (yours): $35,000-$42,000 a year
- Early Career, 1-3 years: $42,000-$50,000 a year

Funding and aid
- Your budget: $0.
- Veterans Benefits: amount not given; counted. Only if the program is approved
  for the GI Bill (and the exam, for its fee).
- Payment Plans: amount not given; not counted. Only if your school offers
  installments.

First actions for this week
1. Research Short Certificate programs and list two or three to compare.
2. Compare online and in-person options against your schedule.
3. Check that each program includes CBCS exam preparation.
4. Plan financially by looking into the aid options and each school's payment
   plans.
5. Apply and enroll in the program you choose.
6. Check that the school's program and the CBCS test are approved for the GI
   Bill before you enroll or sit the exam (claim the test fee with VA Form
   22-0803).

Assumed: how you prefer to learn: either (--learning); your billing experience:
0 years (--experience-years); your background: none (--background); your goal:
getting into a job quickly (--goal); an employer offers to fund your training:
no (--employer-sponsor); you want to work from home: no (--remote).
More: --details for every reason and the full tables; --explain for every rule.
""")
    assert render(invoke, VETERAN_NO_MONEY, 60) == snapshot("""\
Your medical billing career plan

Program:       Short Certificate, in-person
Certification: CBCS, Certified Billing and Coding Specialist
Total cost:    $1,885-$4,330 ($1,847-$4,330 with newer
               reported figures)
Funding:       Your budget of $0 + Veterans Benefits
               ($1,755-$3,955, on the conditions below):
               falls short by $130-$375.
Fallback:      without the aid: Online Self-Paced with CBCS,
               $835-$2,680; your budget falls short by
               $835-$2,680.
Job-ready by:  about 2027-06-29 (an estimate; the guide says
               job-ready within 6-12 months of starting
               training)
This week:     Research Short Certificate programs and list
               two or three to compare.

Your options
recommended, lowest-cost, fastest: Short Certificate,
in-person
  Cert:        CBCS
  Total cost:  $1,885-$4,330
  Left to pay: $130-$375
  Job-ready:   2027-06-29

without-aid: Online Self-Paced
  Cert:        CBCS
  Total cost:  $835-$2,680
  Left to pay: $835-$2,680
  Job-ready:   2027-06-29
Left to pay: after the aid counted for that path; dates are
estimates. Without-aid: what your budget alone pays for.
Payback needs what you earn now.

Blockers and warnings
- Warning: Your budget of $0 with GI Bill counted falls
  short of even the low end of this path's whole cost
  ($1,885-$4,330), by $130-$375.

Steps
2027-02-01 to 2027-02-15  1. Choose your program, arrange
                          the money and enroll
2027-02-15 to 2027-06-15  2. Complete training: Short
                          Certificate (in-person)
2027-02-15 to 2027-03-01  3. Optional: strengthen
                          spreadsheet and database skills
2027-02-15 to 2027-03-01  4. Optional: learn basic
                          bookkeeping
2027-02-15 to 2027-03-01  5. Optional: practice patient and
                          payer conversations
2027-05-18 to 2027-06-15  6. Gain practical experience
                          (externship, in the program's last
                          weeks)
2027-06-01 to 2027-06-29  7. Prepare for and pass the CBCS
                          exam
2027-06-29 to 2027-08-24  8. Begin your career

Cost
- Tuition (Short Certificate) $1,500-$3,500; Program fees
  $100-$300; Textbooks $100-$300; CBCS exam fee (one price)
  $155; Background check $30-$75. Total $1,885-$4,330.

Expected pay
- Entry-Level, 0-1 year (yours): $35,000-$42,000 a year
- Early Career, 1-3 years: $42,000-$50,000 a year

Funding and aid
- Your budget: $0.
- Veterans Benefits: amount not given; counted. Only if the
  program is approved for the GI Bill (and the exam, for its
  fee).
- Payment Plans: amount not given; not counted. Only if your
  school offers installments.

First actions for this week
1. Research Short Certificate programs and list two or three
   to compare.
2. Compare online and in-person options against your
   schedule.
3. Check that each program includes CBCS exam preparation.
4. Plan financially by looking into the aid options and each
   school's payment plans.
5. Apply and enroll in the program you choose.
6. Check that the school's program and the CBCS test are
   approved for the GI Bill before you enroll or sit the
   exam (claim the test fee with VA Form 22-0803).

Assumed: how you prefer to learn: either (--learning); your
billing experience: 0 years (--experience-years); your
background: none (--background); your goal: getting into a
job quickly (--goal); an employer offers to fund your
training: no (--employer-sponsor); you want to work from
home: no (--remote).
More: --details for every reason and the full tables;
--explain for every rule.
""")
    assert render(invoke, VETERAN_NO_MONEY, 120) == snapshot("""\
Your medical billing career plan

Program:       Short Certificate, in-person
Certification: CBCS, Certified Billing and Coding Specialist
Total cost:    $1,885-$4,330 ($1,847-$4,330 with newer reported figures)
Funding:       Your budget of $0 + Veterans Benefits ($1,755-$3,955, on the conditions below): falls short by $130-$375.
Fallback:      without the aid: Online Self-Paced with CBCS, $835-$2,680; your budget falls short by $835-$2,680.
Job-ready by:  about 2027-06-29 (an estimate; the guide says job-ready within 6-12 months of starting training)
This week:     Research Short Certificate programs and list two or three to compare.

Your options
Option: program                                                  Cert     Total cost  Left to pay   Job-ready
recommended, lowest-cost, fastest: Short Certificate, in-person  CBCS  $1,885-$4,330    $130-$375  2027-06-29
without-aid: Online Self-Paced                                   CBCS    $835-$2,680  $835-$2,680  2027-06-29
Left to pay: after the aid counted for that path; dates are estimates. Without-aid: what your budget alone pays for.
Payback needs what you earn now.

Blockers and warnings
- Warning: Your budget of $0 with GI Bill counted falls short of even the low end of this path's whole cost
  ($1,885-$4,330), by $130-$375.

Steps
2027-02-01 to 2027-02-15  1. Choose your program, arrange the money and enroll
2027-02-15 to 2027-06-15  2. Complete training: Short Certificate (in-person)
2027-02-15 to 2027-03-01  3. Optional: strengthen spreadsheet and database skills
2027-02-15 to 2027-03-01  4. Optional: learn basic bookkeeping
2027-02-15 to 2027-03-01  5. Optional: practice patient and payer conversations
2027-05-18 to 2027-06-15  6. Gain practical experience (externship, in the program's last weeks)
2027-06-01 to 2027-06-29  7. Prepare for and pass the CBCS exam
2027-06-29 to 2027-08-24  8. Begin your career

Cost
- Tuition (Short Certificate) $1,500-$3,500; Program fees $100-$300; Textbooks $100-$300; CBCS exam fee (one price)
  $155; Background check $30-$75. Total $1,885-$4,330.

Expected pay
- Entry-Level, 0-1 year (yours): $35,000-$42,000 a year
- Early Career, 1-3 years: $42,000-$50,000 a year

Funding and aid
- Your budget: $0.
- Veterans Benefits: amount not given; counted. Only if the program is approved for the GI Bill (and the exam, for its
  fee).
- Payment Plans: amount not given; not counted. Only if your school offers installments.

First actions for this week
1. Research Short Certificate programs and list two or three to compare.
2. Compare online and in-person options against your schedule.
3. Check that each program includes CBCS exam preparation.
4. Plan financially by looking into the aid options and each school's payment plans.
5. Apply and enroll in the program you choose.
6. Check that the school's program and the CBCS test are approved for the GI Bill before you enroll or sit the exam
   (claim the test fee with VA Form 22-0803).

Assumed: how you prefer to learn: either (--learning); your billing experience: 0 years (--experience-years); your
background: none (--background); your goal: getting into a job quickly (--goal); an employer offers to fund your
training: no (--employer-sponsor); you want to work from home: no (--remote).
More: --details for every reason and the full tables; --explain for every rule.
""")


def test_golden_laid_off_parent(invoke) -> None:
    assert render(invoke, LAID_OFF_PARENT, 80) == snapshot("""\
Your medical billing career plan

Program:       Short Certificate, online
Certification: CBCS, Certified Billing and Coding Specialist
Total cost:    $1,885-$4,330 ($1,847-$4,330 with newer reported figures)
Funding:       Your budget of $500 + Workforce Development ($1,600-$3,000, on
               the conditions below): may fall short by up to $830.
Fallback:      without the aid: Online Self-Paced with CBCS, $835-$2,680; your
               budget falls short by $335-$2,180.
Job-ready by:  about 2027-09-05 (an estimate; the guide says job-ready within
               6-12 months of starting training)
This week:     Research Short Certificate programs and list two or three to
               compare.

Your options
Option: program                     Cert     Total cost  Left to pay   Job-ready
recommended, fastest: Short         CBCS  $1,885-$4,330  $285-$1,330  2027-09-05
Certificate, online
lowest-cost: Online Self-Paced      CBCS    $835-$2,680    $285-$530  2028-02-15
without-aid: Online Self-Paced      CBCS    $835-$2,680  $835-$2,680  2028-02-15
Left to pay: after the aid counted for that path; dates are estimates.
Without-aid: what your budget alone pays for. Payback needs what you earn now.

Blockers and warnings
- Warning: Your budget of $500 with WIOA counted covers the low end of this
  path's whole cost ($1,885-$4,330) but may fall short by up to $830.

Steps
2027-02-01 to 2027-02-15  1. Choose your program, arrange the money and enroll
2027-02-15 to 2027-08-15  2. Complete training: Short Certificate (online)
2027-02-15 to 2027-03-15  3. Optional: strengthen spreadsheet and database
                          skills
2027-02-15 to 2027-03-15  4. Optional: learn basic bookkeeping
2027-06-20 to 2027-08-15  5. Gain practical experience (externship, in the
                          program's last weeks)
2027-07-11 to 2027-09-05  6. Prepare for and pass the CBCS exam
2027-09-05 to 2027-10-31  7. Begin your career

Cost
- Tuition (Short Certificate) $1,500-$3,500; Program fees $100-$300; Textbooks
  $100-$300; CBCS exam fee (one price) $155; Background check $30-$75. Total
  $1,885-$4,330.

Expected pay
- Entry-Level, 0-1 year (yours): $35,000-$42,000 a year
- Early Career, 1-3 years: $42,000-$50,000 a year

Funding and aid
- Your budget: $500.
- Workforce Development: amount $3,000-$5,000; counted. Only if the program is
  on your state's Eligible Training Provider List (ETPL) and your local
  workforce board approves it.
- Federal Financial Aid: amount $7,395; not counted. Only if the school is
  accredited and Title IV and the program is eligible (at least 600 clock hours
  over at least 15 weeks, or Workforce Pell's 150-599 hours over 8-15 weeks from
  2026-07-01).
- Payment Plans: amount not given; not counted. Only if your school offers
  installments.

First actions for this week
1. Research Short Certificate programs and list two or three to compare.
2. Compare online and in-person options against your schedule.
3. Check that each program includes CBCS exam preparation.
4. Plan financially by looking into the aid options and each school's payment
   plans.
5. Apply and enroll in the program you choose.
6. Visit an American Job Center (some states call it WorkOne, CareerSource or
   Michigan Works) and ask which billing programs are on your state's Eligible
   Training Provider List (ETPL).
7. Check that each school is accredited and Title IV (it offers federal aid) and
   that its program is Pell-eligible before counting on a Pell Grant; then file
   the FAFSA.

Assumed: how you prefer to learn: either (--learning); your billing experience:
0 years (--experience-years); your goal: getting into a job quickly (--goal); a
US military veteran: no (--veteran); an employer offers to fund your training:
no (--employer-sponsor); you want to work from home: no (--remote).
More: --details for every reason and the full tables; --explain for every rule.
""")
    assert render(invoke, LAID_OFF_PARENT, 60) == snapshot("""\
Your medical billing career plan

Program:       Short Certificate, online
Certification: CBCS, Certified Billing and Coding Specialist
Total cost:    $1,885-$4,330 ($1,847-$4,330 with newer
               reported figures)
Funding:       Your budget of $500 + Workforce Development
               ($1,600-$3,000, on the conditions below): may
               fall short by up to $830.
Fallback:      without the aid: Online Self-Paced with CBCS,
               $835-$2,680; your budget falls short by
               $335-$2,180.
Job-ready by:  about 2027-09-05 (an estimate; the guide says
               job-ready within 6-12 months of starting
               training)
This week:     Research Short Certificate programs and list
               two or three to compare.

Your options
recommended, fastest: Short Certificate, online
  Cert:        CBCS
  Total cost:  $1,885-$4,330
  Left to pay: $285-$1,330
  Job-ready:   2027-09-05

lowest-cost: Online Self-Paced
  Cert:        CBCS
  Total cost:  $835-$2,680
  Left to pay: $285-$530
  Job-ready:   2028-02-15

without-aid: Online Self-Paced
  Cert:        CBCS
  Total cost:  $835-$2,680
  Left to pay: $835-$2,680
  Job-ready:   2028-02-15
Left to pay: after the aid counted for that path; dates are
estimates. Without-aid: what your budget alone pays for.
Payback needs what you earn now.

Blockers and warnings
- Warning: Your budget of $500 with WIOA counted covers the
  low end of this path's whole cost ($1,885-$4,330) but may
  fall short by up to $830.

Steps
2027-02-01 to 2027-02-15  1. Choose your program, arrange
                          the money and enroll
2027-02-15 to 2027-08-15  2. Complete training: Short
                          Certificate (online)
2027-02-15 to 2027-03-15  3. Optional: strengthen
                          spreadsheet and database skills
2027-02-15 to 2027-03-15  4. Optional: learn basic
                          bookkeeping
2027-06-20 to 2027-08-15  5. Gain practical experience
                          (externship, in the program's last
                          weeks)
2027-07-11 to 2027-09-05  6. Prepare for and pass the CBCS
                          exam
2027-09-05 to 2027-10-31  7. Begin your career

Cost
- Tuition (Short Certificate) $1,500-$3,500; Program fees
  $100-$300; Textbooks $100-$300; CBCS exam fee (one price)
  $155; Background check $30-$75. Total $1,885-$4,330.

Expected pay
- Entry-Level, 0-1 year (yours): $35,000-$42,000 a year
- Early Career, 1-3 years: $42,000-$50,000 a year

Funding and aid
- Your budget: $500.
- Workforce Development: amount $3,000-$5,000; counted. Only
  if the program is on your state's Eligible Training
  Provider List (ETPL) and your local workforce board
  approves it.
- Federal Financial Aid: amount $7,395; not counted. Only if
  the school is accredited and Title IV and the program is
  eligible (at least 600 clock hours over at least 15 weeks,
  or Workforce Pell's 150-599 hours over 8-15 weeks from
  2026-07-01).
- Payment Plans: amount not given; not counted. Only if your
  school offers installments.

First actions for this week
1. Research Short Certificate programs and list two or three
   to compare.
2. Compare online and in-person options against your
   schedule.
3. Check that each program includes CBCS exam preparation.
4. Plan financially by looking into the aid options and each
   school's payment plans.
5. Apply and enroll in the program you choose.
6. Visit an American Job Center (some states call it
   WorkOne, CareerSource or Michigan Works) and ask which
   billing programs are on your state's Eligible Training
   Provider List (ETPL).
7. Check that each school is accredited and Title IV (it
   offers federal aid) and that its program is Pell-eligible
   before counting on a Pell Grant; then file the FAFSA.

Assumed: how you prefer to learn: either (--learning); your
billing experience: 0 years (--experience-years); your goal:
getting into a job quickly (--goal); a US military veteran:
no (--veteran); an employer offers to fund your training: no
(--employer-sponsor); you want to work from home: no
(--remote).
More: --details for every reason and the full tables;
--explain for every rule.
""")
    assert render(invoke, LAID_OFF_PARENT, 120) == snapshot("""\
Your medical billing career plan

Program:       Short Certificate, online
Certification: CBCS, Certified Billing and Coding Specialist
Total cost:    $1,885-$4,330 ($1,847-$4,330 with newer reported figures)
Funding:       Your budget of $500 + Workforce Development ($1,600-$3,000, on the conditions below): may fall short by
               up to $830.
Fallback:      without the aid: Online Self-Paced with CBCS, $835-$2,680; your budget falls short by $335-$2,180.
Job-ready by:  about 2027-09-05 (an estimate; the guide says job-ready within 6-12 months of starting training)
This week:     Research Short Certificate programs and list two or three to compare.

Your options
Option: program                                  Cert     Total cost  Left to pay   Job-ready
recommended, fastest: Short Certificate, online  CBCS  $1,885-$4,330  $285-$1,330  2027-09-05
lowest-cost: Online Self-Paced                   CBCS    $835-$2,680    $285-$530  2028-02-15
without-aid: Online Self-Paced                   CBCS    $835-$2,680  $835-$2,680  2028-02-15
Left to pay: after the aid counted for that path; dates are estimates. Without-aid: what your budget alone pays for.
Payback needs what you earn now.

Blockers and warnings
- Warning: Your budget of $500 with WIOA counted covers the low end of this path's whole cost ($1,885-$4,330) but may
  fall short by up to $830.

Steps
2027-02-01 to 2027-02-15  1. Choose your program, arrange the money and enroll
2027-02-15 to 2027-08-15  2. Complete training: Short Certificate (online)
2027-02-15 to 2027-03-15  3. Optional: strengthen spreadsheet and database skills
2027-02-15 to 2027-03-15  4. Optional: learn basic bookkeeping
2027-06-20 to 2027-08-15  5. Gain practical experience (externship, in the program's last weeks)
2027-07-11 to 2027-09-05  6. Prepare for and pass the CBCS exam
2027-09-05 to 2027-10-31  7. Begin your career

Cost
- Tuition (Short Certificate) $1,500-$3,500; Program fees $100-$300; Textbooks $100-$300; CBCS exam fee (one price)
  $155; Background check $30-$75. Total $1,885-$4,330.

Expected pay
- Entry-Level, 0-1 year (yours): $35,000-$42,000 a year
- Early Career, 1-3 years: $42,000-$50,000 a year

Funding and aid
- Your budget: $500.
- Workforce Development: amount $3,000-$5,000; counted. Only if the program is on your state's Eligible Training
  Provider List (ETPL) and your local workforce board approves it.
- Federal Financial Aid: amount $7,395; not counted. Only if the school is accredited and Title IV and the program is
  eligible (at least 600 clock hours over at least 15 weeks, or Workforce Pell's 150-599 hours over 8-15 weeks from
  2026-07-01).
- Payment Plans: amount not given; not counted. Only if your school offers installments.

First actions for this week
1. Research Short Certificate programs and list two or three to compare.
2. Compare online and in-person options against your schedule.
3. Check that each program includes CBCS exam preparation.
4. Plan financially by looking into the aid options and each school's payment plans.
5. Apply and enroll in the program you choose.
6. Visit an American Job Center (some states call it WorkOne, CareerSource or Michigan Works) and ask which billing
   programs are on your state's Eligible Training Provider List (ETPL).
7. Check that each school is accredited and Title IV (it offers federal aid) and that its program is Pell-eligible
   before counting on a Pell Grant; then file the FAFSA.

Assumed: how you prefer to learn: either (--learning); your billing experience: 0 years (--experience-years); your goal:
getting into a job quickly (--goal); a US military veteran: no (--veteran); an employer offers to fund your training: no
(--employer-sponsor); you want to work from home: no (--remote).
More: --details for every reason and the full tables; --explain for every rule.
""")


def test_golden_ten_year_biller(invoke) -> None:
    assert render(invoke, TEN_YEAR_BILLER, 80) == snapshot("""\
Your medical billing career plan

Program:       Online Self-Paced (optional for you)
Certification: CHFP, Certified Healthcare Financial Professional
Total cost:    $130-$375, plus CHFP exam fee (unknown)
Funding:       Your budget of $500: covers it.
Job-ready by:  about 2027-03-15 (estimate: your experience qualifies you for the
               exam; 4 weeks of exam preparation (an assumption of this tool))
This week:     Read the CHFP exam requirements and gather proof of your billing
               experience.

Your options
Option: program               Cert  Total cost  Left to pay   Job-ready  Payback
recommended, lowest-cost,     CHFP   $130-$375    $130-$375  2027-03-15  1 month
fastest: Online Self-Paced
(optional)
Left to pay: after the aid counted for that path; dates are estimates. Payback:
months until the pay you gain repays the cost.

Steps
2027-02-01 to 2027-02-15  1. Choose your certification exam and register
2027-02-15                2. Optional: Online Self-Paced training
2027-02-15 to 2027-03-15  3. Prepare for and pass the CHFP exam
2027-03-15 to 2027-05-10  4. Apply for supervisor and revenue-cycle roles

Cost
- Textbooks $100-$300; CHFP exam fee unknown; Background check $30-$75. Total
  $130-$375.

Expected pay
- Experienced, 8+ years (yours): $58,000-$73,000 a year
- Career path: Billing Supervisor (3-5 years experience): $50,000-$65,000 a year
- Is it worth it? The path's cost ($130-$375, before aid) is repaid by the gain
  of experienced pay ($58,000-$73,000) over your $35,360 in 1 month.

Funding and aid
- Your budget: $500.
- None needed: your budget covers this path.

First actions for this week
1. Read the CHFP exam requirements and gather proof of your billing experience.
2. Get CHFP exam prep materials and set a study schedule.
3. Decide whether Online Self-Paced training is worth it for you, or go straight
   to the exam.

Assumed: how you prefer to learn: either (--learning); a US military veteran: no
(--veteran); an employer offers to fund your training: no (--employer-sponsor);
you want to work from home: no (--remote).
More: --details for every reason and the full tables; --explain for every rule.
""")
    assert render(invoke, TEN_YEAR_BILLER, 60) == snapshot("""\
Your medical billing career plan

Program:       Online Self-Paced (optional for you)
Certification: CHFP, Certified Healthcare Financial
               Professional
Total cost:    $130-$375, plus CHFP exam fee (unknown)
Funding:       Your budget of $500: covers it.
Job-ready by:  about 2027-03-15 (estimate: your experience
               qualifies you for the exam; 4 weeks of exam
               preparation (an assumption of this tool))
This week:     Read the CHFP exam requirements and gather
               proof of your billing experience.

Your options
recommended, lowest-cost, fastest: Online Self-Paced
(optional)
  Cert:        CHFP
  Total cost:  $130-$375
  Left to pay: $130-$375
  Job-ready:   2027-03-15
  Payback:     1 month
Left to pay: after the aid counted for that path; dates are
estimates. Payback: months until the pay you gain repays the
cost.

Steps
2027-02-01 to 2027-02-15  1. Choose your certification exam
                          and register
2027-02-15                2. Optional: Online Self-Paced
                          training
2027-02-15 to 2027-03-15  3. Prepare for and pass the CHFP
                          exam
2027-03-15 to 2027-05-10  4. Apply for supervisor and
                          revenue-cycle roles

Cost
- Textbooks $100-$300; CHFP exam fee unknown; Background
  check $30-$75. Total $130-$375.

Expected pay
- Experienced, 8+ years (yours): $58,000-$73,000 a year
- Career path: Billing Supervisor (3-5 years experience):
  $50,000-$65,000 a year
- Is it worth it? The path's cost ($130-$375, before aid) is
  repaid by the gain of experienced pay ($58,000-$73,000)
  over your $35,360 in 1 month.

Funding and aid
- Your budget: $500.
- None needed: your budget covers this path.

First actions for this week
1. Read the CHFP exam requirements and gather proof of your
   billing experience.
2. Get CHFP exam prep materials and set a study schedule.
3. Decide whether Online Self-Paced training is worth it for
   you, or go straight to the exam.

Assumed: how you prefer to learn: either (--learning); a US
military veteran: no (--veteran); an employer offers to fund
your training: no (--employer-sponsor); you want to work
from home: no (--remote).
More: --details for every reason and the full tables;
--explain for every rule.
""")
    assert render(invoke, TEN_YEAR_BILLER, 120) == snapshot("""\
Your medical billing career plan

Program:       Online Self-Paced (optional for you)
Certification: CHFP, Certified Healthcare Financial Professional
Total cost:    $130-$375, plus CHFP exam fee (unknown)
Funding:       Your budget of $500: covers it.
Job-ready by:  about 2027-03-15 (estimate: your experience qualifies you for the exam; 4 weeks of exam preparation (an
               assumption of this tool))
This week:     Read the CHFP exam requirements and gather proof of your billing experience.

Your options
Option: program                                                  Cert  Total cost  Left to pay   Job-ready  Payback
recommended, lowest-cost, fastest: Online Self-Paced (optional)  CHFP   $130-$375    $130-$375  2027-03-15  1 month
Left to pay: after the aid counted for that path; dates are estimates. Payback: months until the pay you gain repays the
cost.

Steps
2027-02-01 to 2027-02-15  1. Choose your certification exam and register
2027-02-15                2. Optional: Online Self-Paced training
2027-02-15 to 2027-03-15  3. Prepare for and pass the CHFP exam
2027-03-15 to 2027-05-10  4. Apply for supervisor and revenue-cycle roles

Cost
- Textbooks $100-$300; CHFP exam fee unknown; Background check $30-$75. Total $130-$375.

Expected pay
- Experienced, 8+ years (yours): $58,000-$73,000 a year
- Career path: Billing Supervisor (3-5 years experience): $50,000-$65,000 a year
- Is it worth it? The path's cost ($130-$375, before aid) is repaid by the gain of experienced pay ($58,000-$73,000)
  over your $35,360 in 1 month.

Funding and aid
- Your budget: $500.
- None needed: your budget covers this path.

First actions for this week
1. Read the CHFP exam requirements and gather proof of your billing experience.
2. Get CHFP exam prep materials and set a study schedule.
3. Decide whether Online Self-Paced training is worth it for you, or go straight to the exam.

Assumed: how you prefer to learn: either (--learning); a US military veteran: no (--veteran); an employer offers to fund
your training: no (--employer-sponsor); you want to work from home: no (--remote).
More: --details for every reason and the full tables; --explain for every rule.
""")


@pytest.mark.parametrize(
    "argv",
    [
        (*LAID_OFF_PARENT, *START, "--export", "{dir}/plan.html"),
        ("renew", "CPB", "--earned", "2025-03-14", "--export", "{dir}/cpb.ics"),
    ],
    ids=["plan", "renew"],
)
def test_wrote_file_is_the_last_line_printed(
    argv: tuple[str, ...], tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stdout and stderr into one stream, as a terminal shows them: the note comes last."""
    import io
    import sys

    from billing_career.cli.app import GLOBAL
    from billing_career.cli.main import run

    screen = io.StringIO()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("NO_COLOR", "1")
    GLOBAL.reset()
    args = [arg.replace("{dir}", str(tmp_path)) for arg in argv]
    assert run(args) == 0
    lines = screen.getvalue().splitlines()
    assert len(lines) > 10
    assert lines[-1].startswith("Wrote ") and lines[-1].endswith(
        (f"{tmp_path}/plan.html", f"{tmp_path}/cpb.ics.")
    )
    assert sum(line.startswith("Wrote ") for line in lines) == 1
