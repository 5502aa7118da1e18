"""Files: atomic writes that survive a failing os.replace, corrupt profile and cache, modes.

CONVENTIONS.md: writes go through a temp file in the same folder and os.replace, so a failure
leaves the old file whole and no temp file behind; a corrupt saved profile gives its path and how
to reset it and is never overwritten silently; the cache is an optimization that is rebuilt
silently; files holding a person's answers are mode 0600.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hardening_tools import one_error_line

from billing_career.files import atomic_stream, write_atomic
from billing_career.knowledge.cache import entry_path
from billing_career.knowledge.loader import bundled_data_dir
from billing_career.planning.profile import Profile, profile_path, save_profile

PLAN = (
    "plan",
    "--education",
    "ged",
    "--budget",
    "3000",
    "--schedule",
    "part-time",
    "--no-input",
    "--save",  # a --no-input run saves (and first reads the saved profile) only when asked
    "--start",
    "2099-01-05",  # ahead: a past start adds a warning line
)
OLD_PROFILE = Profile(education="bachelor", budget=9000, schedule="flexible")


def others(folder: Path, *keep: str) -> list[str]:
    """Whatever is in folder besides the named files (and the test's isolated home): temp
    files, half-written files."""
    return sorted(entry.name for entry in folder.iterdir() if entry.name not in {*keep, "home"})


@pytest.fixture
def failing_replace(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Putting the finished file in place fails as on a full disk: os.replace (over an old file)
    and os.link (a new file, placed without overwriting); returns the targets asked for."""
    calls: list[str] = []

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(str(target))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", replace)
    return calls


# --- write_atomic and atomic_stream themselves ---------------------------------------------------


@pytest.mark.parametrize("private", [False, True])
def test_write_atomic_keeps_the_old_file_when_replace_fails(
    tmp_path: Path, private: bool, failing_replace: list[str]
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("old\n")
    from billing_career.errors import OperationError

    with pytest.raises(OperationError, match="No space left on device"):
        write_atomic(target, "new\n", private=private)
    assert failing_replace == [str(target)]
    assert target.read_text() == "old\n"
    assert others(tmp_path, "file.txt") == []


def test_atomic_stream_keeps_the_old_file_on_ctrl_c(tmp_path: Path) -> None:
    target = tmp_path / "plans.jsonl"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt), atomic_stream(target) as stream:
        stream.write("half a ")
        raise KeyboardInterrupt
    assert target.read_text() == "old\n"
    assert others(tmp_path, "plans.jsonl") == []


def test_atomic_stream_syncs_while_written_and_keeps_what_a_sync_meets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long write is put on disk while it is written (so the last fsync has little left); a
    disk error one of those syncs meets fails the write as the last fsync would (the kernel
    tells it to one sync only), and the old file stays whole."""
    import time

    import billing_career.files as files
    from billing_career.errors import OperationError

    synced: list[int] = []

    def sync(handle: int) -> None:
        synced.append(handle)

    monkeypatch.setattr(files, "SYNC_EVERY", 0.01)
    monkeypatch.setattr(os, "fdatasync", sync, raising=False)
    target = tmp_path / "plans.jsonl"
    with atomic_stream(target) as stream:
        stream.write("first\n")
        time.sleep(0.2)
        stream.write("second\n")
    assert target.read_text() == "first\nsecond\n"
    assert synced and len(set(synced)) == 1

    def failing(handle: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdatasync", failing, raising=False)
    with pytest.raises(OperationError, match="Input/output error"), atomic_stream(target) as s:
        s.write("new\n")
        time.sleep(0.2)
    assert target.read_text() == "first\nsecond\n"
    assert others(tmp_path, "plans.jsonl") == []


# --- through the commands -------------------------------------------------------------------------


def test_saving_the_profile_fails_cleanly(invoke, failing_replace: list[str]) -> None:
    # The plan is still shown; the last line says the answers were not saved, and why.
    result = invoke(*PLAN)
    assert result.code == 0
    assert result.out.startswith("Your medical billing career plan")
    last = result.err.splitlines()[-1]
    assert last.startswith("Warning: your answers could not be saved")
    assert f"Cannot write {profile_path()}" in last and "No space left on device" in last
    assert not profile_path().exists()
    assert others(profile_path().parent) == []


def test_a_failed_save_keeps_the_old_profile(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_profile(OLD_PROFILE)
    before = path.read_bytes()

    def replace(source: Any, target: Any) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", replace)
    result = invoke(*PLAN)
    assert result.code == 0  # the plan is shown; the warning says the save failed
    assert "Input/output error" in result.err.splitlines()[-1]
    assert path.read_bytes() == before
    assert others(path.parent, path.name) == []


@pytest.mark.parametrize("suffix", [".md", ".html", ".ics"])
def test_a_failed_export_leaves_nothing(
    invoke, tmp_path: Path, suffix: str, failing_replace: list[str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"plan{suffix}"
    result = invoke(*PLAN, "--no-save", "--export", str(target))
    assert result.code == 1
    assert f"Cannot write {target}" in one_error_line(result.err)
    assert str(target) in failing_replace
    assert others(folder) == []


def test_a_failed_export_keeps_the_old_export(
    invoke, tmp_path: Path, failing_replace: list[str]
) -> None:
    target = tmp_path / "plan.md"
    target.write_text("# my earlier plan\n")
    result = invoke(*PLAN, "--no-save", "--export", str(target), "--force")
    assert result.code == 1
    assert target.read_text() == "# my earlier plan\n"
    assert others(tmp_path, "plan.md") == []


def test_a_failed_calendar_export_leaves_nothing(
    invoke, tmp_path: Path, failing_replace: list[str]
) -> None:
    target = tmp_path / "cpb.ics"
    result = invoke("renew", "CPB", "--earned", "2025-03-14", "--export", str(target))
    assert result.code == 1
    assert "No space left on device" in one_error_line(result.err)
    assert others(tmp_path) == []


def test_a_failed_batch_output_leaves_nothing(
    invoke, tmp_path: Path, failing_replace: list[str]
) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text("education,budget,schedule\nged,3000,part-time\nnone,500,flexible\n")
    folder = tmp_path / "out"
    folder.mkdir()
    result = invoke("plan", "--batch", str(cohort), "--output", str(folder / "plans.jsonl"))
    assert result.code == 1
    assert "No space left on device" in one_error_line(result.err)
    assert result.out == ""
    assert others(folder) == []


# --- a corrupt profile: its path, how to reset it, and never overwritten -------------------------

CORRUPT_PROFILES = [
    pytest.param("education: [ged\n", "not valid YAML", id="broken-yaml"),
    pytest.param(
        "education: phd\nbudget: 100\nschedule: flexible\n",
        "Unknown education 'phd'",
        id="unknown-value",
    ),
    pytest.param("- a list\n", "expected a mapping", id="not-a-mapping"),
    pytest.param(
        "education: !!python/object/apply:os.system [echo]\n", "not allowed", id="python-tag"
    ),
    pytest.param("education: ged\neducation: none\n", "given twice", id="duplicate-key"),
]


@pytest.mark.parametrize(("content", "says"), CORRUPT_PROFILES)
@pytest.mark.parametrize("command", [PLAN, ("profile", "show")], ids=["plan", "profile-show"])
def test_a_corrupt_profile_is_named_and_kept(
    invoke, content: str, says: str, command: tuple[str, ...]
) -> None:
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode())
    result = invoke(*command)
    assert result.code == 1
    line = one_error_line(result.err)
    assert str(path) in line and says in line
    assert "bcareer profile reset" in line  # how to get out of it
    assert path.read_bytes() == content.encode()  # not overwritten
    assert others(path.parent, path.name) == []


def test_a_corrupt_profile_can_be_reset(invoke) -> None:
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("education: [ged\n")
    result = invoke("profile", "reset", "--yes")
    assert result.code == 0, result.err
    assert not path.exists()
    assert invoke(*PLAN).code == 0  # and planning works again


# --- a corrupt cache: rebuilt silently ---------------------------------------------------------

CORRUPT_CACHES = [
    pytest.param(b"", id="empty"),
    pytest.param(b'{"format": 2, "fol', id="truncated-json"),
    pytest.param(os.urandom(4096), id="random-bytes"),
    pytest.param(b'{"format": 2}\n"not a knowledge base"\n', id="wrong-content"),
    pytest.param(b'["not", "a", "header"]\n{}\n', id="wrong-header"),
]


@pytest.mark.cold_cache
@pytest.mark.parametrize("content", CORRUPT_CACHES)
def test_a_corrupt_cache_is_rebuilt_silently(invoke, content: bytes) -> None:
    entry = entry_path(bundled_data_dir())
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(content)
    entry.chmod(0o600)
    result = invoke("compare", "CPB", "CBCS", "--json")
    assert result.code == 0 and result.err == ""
    assert '"code": "CPB"' in result.out
    assert entry.read_bytes() != content  # replaced by a good one
    assert invoke("compare", "CPB", "CBCS", "--json").out == result.out  # and read back


@pytest.mark.cold_cache
def test_an_unusable_cache_folder_is_skipped(invoke, isolated_home: Path) -> None:
    cache = isolated_home / "cache"
    cache.rmdir()
    cache.write_text("a file where the cache folder should be")
    result = invoke("salary", "--json")
    assert result.code == 0 and result.err == ""


@pytest.mark.cold_cache
def test_a_cache_entry_that_is_a_folder_is_skipped(invoke) -> None:
    entry_path(bundled_data_dir()).mkdir(parents=True)
    result = invoke("cost", "--json")
    assert result.code == 0 and result.err == ""


# --- modes ----------------------------------------------------------------------------------------


def test_the_saved_profile_is_private(invoke) -> None:
    assert invoke(*PLAN).code == 0
    assert stat.S_IMODE(profile_path().stat().st_mode) == 0o600


def test_a_profile_made_public_by_hand_is_private_again_after_a_save(invoke) -> None:
    path = save_profile(OLD_PROFILE)
    path.chmod(0o644)
    assert invoke(*PLAN).code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_profile_is_private_even_with_a_permissive_umask(invoke) -> None:
    old = os.umask(0)
    try:
        assert invoke(*PLAN).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(profile_path().stat().st_mode) == 0o600


def test_batch_output_holding_answers_is_private(invoke, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text("education,budget,schedule\nged,3000,part-time\n")
    target = tmp_path / "plans.jsonl"
    assert invoke("plan", "--batch", str(cohort), "--output", str(target)).code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# --- unreadable files -------------------------------------------------------------------------
# The tests run as root, for whom chmod 000 changes nothing: the refusal is injected into open()
# for the one file instead, and the chmod version runs only for other users.

UNREADABLE = [
    pytest.param(
        "answers.yaml",
        ("plan", "--answers", "{file}", "--no-input", "--no-save"),
        2,
        id="answers-file",
    ),
    pytest.param("cohort.csv", ("plan", "--batch", "{file}"), 2, id="batch-file"),
    pytest.param("school/faq.yaml", ("faq", "--data-dir", "{folder}"), 1, id="data-file"),
]


def unreadable_setup(tmp_path: Path, name: str) -> Path:
    import shutil

    from conftest import DATA

    shutil.copytree(DATA, tmp_path / "school")
    (tmp_path / "answers.yaml").write_text("education: ged\nbudget: 3000\nschedule: part-time\n")
    (tmp_path / "cohort.csv").write_text("education,budget,schedule\nged,3000,part-time\n")
    return tmp_path / name


def argv_for(args: tuple[str, ...], target: Path) -> list[str]:
    return [
        arg.replace("{file}", str(target)).replace("{folder}", str(target.parent)) for arg in args
    ]


@pytest.mark.parametrize(("name", "args", "code"), UNREADABLE)
def test_an_unreadable_file_is_one_line(
    invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    args: tuple[str, ...],
    code: int,
) -> None:
    import builtins
    import io

    target = unreadable_setup(tmp_path, name)
    real_open = builtins.open

    def guarded(file: Any, *rest: Any, **kwargs: Any) -> Any:
        if Path(str(file)) == target:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *rest, **kwargs)

    real_os_open = os.open

    def guarded_os(file: Any, *rest: Any, **kwargs: Any) -> int:
        if Path(str(file)) == target:
            raise PermissionError(13, "Permission denied", str(file))
        return real_os_open(file, *rest, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)  # pathlib's read_text goes through io.open
    monkeypatch.setattr(os, "open", guarded_os)  # the bounded reader opens with os.open
    result = invoke(*argv_for(args, target))
    assert result.code == code
    line = one_error_line(result.err)
    assert "Permission denied" in line and name.rsplit("/", 1)[-1] in line


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their mode; see the injected version above",
)
@pytest.mark.parametrize(("name", "args", "code"), UNREADABLE)
def test_a_chmod_000_file_is_one_line(
    invoke, tmp_path: Path, name: str, args: tuple[str, ...], code: int
) -> None:
    target = unreadable_setup(tmp_path, name)
    target.chmod(0)
    result = invoke(*argv_for(args, target))
    assert result.code == code
    assert "Permission denied" in one_error_line(result.err)
