"""Broken data is refused with one line naming the file, the record and the field.

Each test copies data/ into a temporary folder, breaks one thing, and loads it. A few go through
the installed command as a user would meet them: exit code, one line on stderr, no traceback.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, replace_once

from billing_career.errors import DataError
from billing_career.knowledge.inventory import count_records, newer_figures
from billing_career.knowledge.loader import DATA_FILES
from billing_career.planning.load import load_knowledge


def load_error(folder: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_knowledge(folder)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_the_unbroken_copy_loads(school: Path) -> None:
    knowledge = load_knowledge(school)
    assert knowledge.certification("CPB").exam is not None


# (what is broken, file, text, replacement, what the one-line message must say, in order)
BROKEN = [
    pytest.param(
        "faq.yaml",
        "keywords: [duration, time, months, timeline, fast, quick]",
        "keywords: [duration, time, months, timeline, fast, quick",
        [
            "school/faq.yaml: not valid YAML in ",
            "faq[0] (how-long): ",
            "keywords, ",
            "from line 9 (found at line 10, column 11): did not find expected ',' or ']'.",
        ],
        id="yaml-that-does-not-parse",
    ),
    pytest.param(
        "certifications.yaml",
        "      questions: 100\n      minutes: 180",
        '      questions: "100"\n      minutes: 180',
        [
            "school/certifications.yaml: ",
            "certifications[0] (CPB): ",
            "exam.questions: ",
            "should be a valid integer, got str '100'.",
        ],
        id="wrong-type",
    ),
    pytest.param(
        "role.yaml",
        "    - Skills transfer between employers",
        "    - 8",
        ["school/role.yaml: ", "role: ", "pros[7]: ", "should be a valid string, got int 8."],
        id="wrong-type-in-a-list-of-bullets",
    ),
    pytest.param(
        "certifications.yaml",
        "      minutes: 180",
        "      minutes: 180\n      minuets: 180",
        [
            "school/certifications.yaml: ",
            "certifications[0] (CPB): ",
            "exam.minuets: ",
            "unknown key 'minuets'; did you mean 'minutes'?",
        ],
        id="unknown-key",
    ),
    pytest.param(
        "programs.yaml",
        "tuition: {min: 1500, max: 3500}",
        "tuition: {min: 3500, max: 1500}",
        [
            "school/programs.yaml: ",
            "programs[0] (short-certificate): ",
            "tuition: ",
            "min (3500) is above max (1500).",
        ],
        id="min-above-max",
    ),
    pytest.param(
        "salary.yaml",
        "median_annual: {min: 52000, max: 60000}",
        "median_annual: {min: 62000, max: 60000}",
        [
            "school/salary.yaml: ",
            "by_setting[0] (hospitals): ",
            "median_annual: ",
            "min (62000) is above max (60000).",
        ],
        id="min-above-max-where-varies-is-allowed",
    ),
    pytest.param(
        "programs.yaml",
        "    duration_months: varies\n    tuition: {min: 500, max: 2000}",
        "    duration_months: Varies\n    tuition: {min: 500, max: 2000}",
        [
            "school/programs.yaml: ",
            "programs[3] (online-self-paced): ",
            "duration_months: ",
            "should be a range {min: N, max: N} or 'varies', got str 'Varies'.",
        ],
        id="varies-misspelled",
    ),
    pytest.param(
        "faq.yaml",
        "    question: How much does medical billing training cost?\n",
        "",
        ["school/faq.yaml: ", "faq[1] (cost): ", "question: ", "required field is missing"],
        id="missing-field",
    ),
    pytest.param(
        "outlook.yaml",
        'source: {id: guide, section: "Medical Billing Specialist salary and job outlook: '
        'Job Outlook"}',
        "source: {id: gide}",
        [
            "school/outlook.yaml: ",
            "outlook: ",
            "source: ",
            "unknown source 'gide'; did you mean 'guide'?",
        ],
        id="unknown-source-id",
    ),
    pytest.param(
        "aid.yaml",
        "source: {id: washington-monthly-wioa}\n        reported_by",
        "source: {id: wioa-article}\n        reported_by",
        [
            "school/aid.yaml: ",
            "aid[1] (wioa).updates[0] (amount): ",
            "source: ",
            "unknown source 'wioa-article'",
        ],
        id="unknown-source-id-of-an-update",
    ),
    pytest.param(
        "certifications.yaml",
        "    issuer: nha\n",
        "    issuer: nhaa\n",
        [
            "school/certifications.yaml: ",
            "CBCS: ",
            "issuer: ",
            "unknown organization 'nhaa'; did you mean 'nha'?",
        ],
        id="unknown-issuer",
    ),
    pytest.param(
        "aid.yaml",
        "{id: aapc-hardship-policy, organization: aapc}",
        "{id: aapc-hardship-policy, organization: aapcc}",
        [
            "school/aid.yaml: ",
            "payment-plans: ",
            "also: ",
            "unknown organization 'aapcc'; did you mean 'aapc'?",
        ],
        id="unknown-organization-of-a-further-source",
    ),
    pytest.param(
        "programs.yaml",
        "    fees_category: online\n",
        "    fees_category: distance\n",
        [
            "school/programs.yaml: ",
            "online-self-paced: ",
            "fees_category: ",
            "unknown tuition category 'distance' (known: associate-degree-fees, certificate, "
            "community-college, online).",
        ],
        id="unknown-fees-category",
    ),
    pytest.param(
        "faq.yaml",
        "  - id: cost\n",
        "  - id: how-long\n",
        [
            "school/faq.yaml: ",
            "faq[1] (how-long): ",
            "id: ",
            "duplicate id 'how-long', already used by faq[0].",
        ],
        id="duplicate-id",
    ),
    pytest.param(
        "certifications.yaml",
        "  - code: CMA\n",
        "  - code: CPC\n",
        [
            "school/certifications.yaml: ",
            "certifications[5] (CPC): ",
            "code: ",
            "duplicate code 'CPC', already used by certifications[3].",
        ],
        id="duplicate-code",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), BROKEN)
def test_broken_data_names_file_record_and_field(
    school: Path, file: str, old: str, new: str, expected: list[str]
) -> None:
    replace_once(school / file, old, new)
    message = load_error(school)
    position = 0
    for part in expected:
        found = message.find(part, position)
        assert found >= 0, f"{part!r} is not in {message!r} (after position {position})"
        position = found + len(part)


def test_a_missing_file(school: Path) -> None:
    (school / "aid.yaml").unlink()
    assert load_error(school) == "school/aid.yaml: file is missing."


def test_a_python_tag_is_refused_and_never_run(school: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    replace_once(
        school / "certifications.yaml",
        "      questions: 100\n      minutes: 180",
        f'      questions: !!python/object/apply:os.system ["touch {marker}"]\n      minutes: 180',
    )
    message = load_error(school)
    assert message.startswith(
        "school/certifications.yaml: certifications[0] (CPB): "
        "exam.questions: the YAML tag '!!python/object/apply:os.system' "
        "is not allowed"
    )
    assert "(line 13, column 18)" in message
    assert not marker.exists()


def test_a_python_object_tag_anywhere_is_refused(school: Path) -> None:
    replace_once(
        school / "faq.yaml",
        "keywords: [duration, time, months, timeline, fast, quick]",
        "keywords: !!python/object:builtins.object {}",
    )
    message = load_error(school)
    assert message.startswith(
        "school/faq.yaml: faq[0] (how-long): keywords: the YAML tag "
        "'!!python/object:builtins.object' is not allowed"
    )


def test_unknown_key_lists_the_allowed_keys_when_none_is_close(school: Path) -> None:
    replace_once(school / "faq.yaml", "  - id: cost\n", "  - id: cost\n    zzz: 1\n")
    assert load_error(school).endswith(
        "faq[1] (cost): zzz: unknown key 'zzz' (known: answer, id, keywords, question, source, "
        "updates)."
    )


# --- as a user meets it: the installed command -------------------------------------------------


def assert_one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in err
    return lines[0]


def test_data_check_refuses_a_wrong_type(invoke, school: Path) -> None:
    replace_once(
        school / "certifications.yaml",
        "      questions: 100\n      minutes: 180",
        '      questions: "100"\n      minutes: 180',
    )
    result = invoke("data", "check", "--data-dir", str(school))
    assert result.code == 1
    assert result.out == ""
    line = assert_one_error_line(result.err)
    assert "school/certifications.yaml: certifications[0] (CPB): exam.questions: " in line


def test_data_check_refuses_yaml_that_does_not_parse(invoke, school: Path) -> None:
    replace_once(
        school / "steps.yaml",
        "education_required: [high-school, ged]",
        "education_required: [high-school, ged",
    )
    result = invoke("data", "check", "--data-dir", str(school))
    assert result.code == 1
    line = assert_one_error_line(result.err)
    assert "school/steps.yaml: not valid YAML in education_required, from line " in line


def test_data_check_refuses_a_python_tag(invoke, school: Path) -> None:
    replace_once(
        school / "salary.yaml", "  annual: 48780", "  annual: !!python/object/apply:os.getcwd []"
    )
    result = invoke("--data-dir", str(school), "data", "check")
    assert result.code == 1
    line = assert_one_error_line(result.err)
    assert "school/salary.yaml: national_median: annual: the YAML tag" in line


def test_data_check_reports_a_missing_file(invoke, school: Path) -> None:
    (school / "faq.yaml").unlink()
    result = invoke("data", "check", "--data-dir", str(school))
    assert result.code == 1
    assert assert_one_error_line(result.err) == "Error: school/faq.yaml: file is missing."


# A folder that is not there is a wrong option value, like an unknown certification code: exit 2
# (usage). A folder that is there with a broken or missing file is bad data: exit 1.
@pytest.mark.parametrize("where", ["command", "global", "env"])
def test_a_missing_data_folder_is_a_usage_error(invoke, tmp_path: Path, where: str) -> None:
    missing = tmp_path / "no-such-folder"
    args = {
        "command": ("data", "check", "--data-dir", str(missing)),
        "global": ("--data-dir", str(missing), "data", "check"),
        "env": ("data", "check"),
    }[where]
    env = {"BCAREER_DATA_DIR": str(missing)} if where == "env" else None
    result = invoke(*args, env=env)
    assert result.code == 2
    line = assert_one_error_line(result.err)
    assert f"Data folder {missing} does not exist." in line
    assert "--data-dir" in line


def test_a_file_given_as_data_folder_is_a_usage_error(invoke, tmp_path: Path) -> None:
    file = tmp_path / "figures.yaml"
    file.write_text("{}\n")
    result = invoke("data", "check", "--data-dir", str(file))
    assert result.code == 2
    assert f"Data folder {file} is a file, not a folder." in result.err


# --- choosing the data folder ------------------------------------------------------------------


def add_state_row(folder: Path) -> None:
    """What the state table is for: a user's own figures, with their own source."""
    with (folder / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write(
            "  - id: school-survey\n    title: Our graduates' pay\n    kind: third-party\n"
        )
    replace_once(
        folder / "salary.yaml",
        "by_state: []",
        "by_state:\n  - state: TX\n    median_annual: 45000\n    source: {id: school-survey}\n",
    )


def records(payload: dict[str, object], file: str) -> int:
    files = payload["files"]
    assert isinstance(files, list)
    return int(next(entry["records"] for entry in files if entry["file"] == file))


def test_bcareer_data_dir_env_is_honored(invoke, school: Path) -> None:
    bundled = json.loads(invoke("data", "check", "--json").out)
    add_state_row(school)
    result = invoke("data", "check", "--json", env={"BCAREER_DATA_DIR": str(school)})
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert payload["data_dir"] == str(school)
    assert records(payload, "salary.yaml") == records(bundled, "salary.yaml") + 1
    assert load_knowledge(school).salary.by_state[0].median_annual == 45000


def test_data_dir_option_wins_over_the_env(invoke, school: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(DATA, broken)
    (broken / "aid.yaml").unlink()
    env = {"BCAREER_DATA_DIR": str(broken)}
    assert invoke("data", "check", env=env).code == 1
    result = invoke("data", "check", "--json", "--data-dir", str(school), env=env)
    assert result.code == 0, result.err
    assert json.loads(result.out)["data_dir"] == str(school)


def test_data_check_json_shape(invoke) -> None:
    result = invoke("data", "check", "--json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert set(payload) == {"ok", "data_dir", "files", "newer_figures", "warnings"}
    assert payload["ok"] is True
    assert payload["warnings"] == []  # the bundled data holds no control characters
    assert Path(payload["data_dir"]).is_dir()

    knowledge = load_knowledge()
    assert payload["files"] == [
        {"file": f"{count.file}.yaml", "records": count.records}
        for count in count_records(knowledge)
    ]
    assert [entry["file"] for entry in payload["files"]] == [f"{n}.yaml" for n in DATA_FILES]
    assert records(payload, "faq.yaml") == 12
    assert records(payload, "certifications.yaml") == 6

    newer = payload["newer_figures"]
    assert len(newer) == len(newer_figures(knowledge)) > 0
    for entry in newer:
        assert set(entry) == {
            "file",
            "record",
            "field",
            "newer",
            "note",
            "reported_by",
            "date",
            "source",
            "url",
        }
        assert entry["reported_by"] in {"issuer", "government", "third-party", "press"}
        assert all(
            isinstance(entry[key], str) and entry[key]
            for key in ("file", "record", "field", "newer", "date", "source")
        )
    cpb_exam = [e for e in newer if e["record"] == "CPB" and e["field"] == "exam"]
    assert [e["newer"].split(",")[0] for e in cpb_exam] == ["135 questions"]
    assert cpb_exam[0]["url"] == "aapc.com/certifications/cpb/taking-the-cpb-exam"
    # An update's note travels with it: the CMRS claims no single page reports say so.
    cmrs = {e["field"]: e for e in newer if e["record"] == "CMRS"}
    assert "check with AMBA" in cmrs["requirements"]["note"]
    assert cmrs["fees"]["note"] is None


def test_data_check_shows_an_updates_note(invoke) -> None:
    out = invoke("data", "check", env={"COLUMNS": "200", "NO_COLOR": "1"}).out
    assert "45-day window. The research notes do not say which" in out


def test_data_check_json_is_the_same_at_any_width(invoke) -> None:
    wide = invoke("data", "check", "--json", env={"COLUMNS": "200"}).out
    narrow = invoke("data", "check", "--json", env={"COLUMNS": "40"}).out
    assert wide == narrow
    assert "\x1b[" not in wide
