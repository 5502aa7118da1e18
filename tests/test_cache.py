"""The knowledge-base cache: data only (JSON, never pickle), used when current and trusted,
rebuilt silently when stale, corrupt or not to be trusted, and never the reason a command fails."""

from __future__ import annotations

import json
import os
import shutil
import stat
import types
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from billing_career.errors import DataError
from billing_career.knowledge import cache, loader

# What these tests see is the cache itself, built or not: none is copied in (tests/conftest.py).
pytestmark = pytest.mark.cold_cache

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files read from YAML since the fixture started: empty means a cache hit."""
    reads: list[str] = []
    original = loader.read_yaml

    def counting(path: Path, *, label: str | None = None) -> object:
        reads.append(path.name)
        return original(path, label=label)

    monkeypatch.setattr(loader, "read_yaml", counting)
    return reads


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "school-figures"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture
def entry(isolated_home: Path, warm_cache: Path) -> Path:
    """The cache entry of the bundled data, as a first (cold) load writes it: the one the worker
    built once (tests/conftest.py), copied in with its modes (test_second_load_comes_from_the_cache
    proves a cold load writes it)."""
    shutil.copytree(warm_cache, isolated_home / "cache", dirs_exist_ok=True)
    [found] = cache_files(isolated_home)
    return found


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache" / cache.CACHE_SUBDIR).glob("kb-*"))


def split_entry(entry: Path) -> tuple[dict[str, Any], bytes]:
    """A cache file is a line of JSON (the header), then the knowledge base as a line of JSON."""
    header_line, body = entry.read_bytes().split(b"\n", 1)
    header = json.loads(header_line)
    assert isinstance(header, dict)
    return header, body


def join_entry(entry: Path, header: dict[str, Any], body: bytes) -> None:
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def pretend_owned_by_someone_else(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """os.stat and os.fstat report another owner for path (by inode): the test runs as root in
    CI, and a real other user is not available everywhere."""
    inode = path.stat().st_ino
    real_stat, real_fstat = os.stat, os.fstat

    def foreign(status: os.stat_result) -> Any:
        if status.st_ino != inode:
            return status
        fields = {name: getattr(status, name) for name in dir(status) if name.startswith("st_")}
        return types.SimpleNamespace(**{**fields, "st_uid": status.st_uid + 1})

    monkeypatch.setattr(os, "stat", lambda *args, **kwargs: foreign(real_stat(*args, **kwargs)))
    monkeypatch.setattr(os, "fstat", lambda handle: foreign(real_fstat(handle)))


# --- the cache is used, and it is data --------------------------------------------------------


def test_second_load_comes_from_the_cache(yaml_reads: list[str], isolated_home: Path) -> None:
    first = loader.load_knowledge()
    assert len(yaml_reads) == len(loader.DATA_FILES)
    yaml_reads.clear()
    second = loader.load_knowledge()
    assert yaml_reads == []
    assert second == first
    assert second is not first
    assert second.certification("CPB").fees == first.certification("CPB").fees
    [entry] = cache_files(isolated_home)
    assert mode(entry) == 0o600


def test_the_cache_is_plain_json_and_reads_back_the_same_records(entry: Path) -> None:
    header, body = split_entry(entry)
    assert header["format"] == cache.CACHE_FORMAT
    plain = json.loads(body)  # the standard library reads it: no code, no classes
    assert plain["@"] == "KnowledgeBase"
    assert not entry.read_bytes().startswith(b"\x80")  # no pickle protocol header
    built = loader.build_knowledge(loader.bundled_data_dir())
    decoded = cache.decode(body)
    assert decoded == built
    # Tuples stay tuples and mappings stay mappings, as validation made them.
    rule = decoded.rules.rules[0]
    assert isinstance(decoded.certifications.certifications, tuple)
    assert isinstance(rule.then.programs, dict)
    assert type(decoded.salary.national_median.annual) is int


def test_records_from_the_cache_are_frozen(entry: Path) -> None:
    from dataclasses import FrozenInstanceError

    knowledge = loader.load_knowledge()
    with pytest.raises(FrozenInstanceError):
        knowledge.certification("CPB").code = "X"  # type: ignore[misc]


def test_each_data_dir_has_its_own_entry(
    yaml_reads: list[str], data_copy: Path, isolated_home: Path
) -> None:
    bundled = loader.load_knowledge()
    own = loader.load_knowledge(data_copy)
    assert len(cache_files(isolated_home)) == 2
    assert own == bundled
    yaml_reads.clear()
    loader.load_knowledge(data_copy)
    loader.load_knowledge()
    assert yaml_reads == []


# --- stale entries are rebuilt ------------------------------------------------------------------


def test_an_edited_data_file_is_read_again(yaml_reads: list[str], data_copy: Path) -> None:
    before = loader.load_knowledge(data_copy).salary.national_median.annual
    salary = data_copy / "salary.yaml"
    text = salary.read_text(encoding="utf-8")
    new_figure = before + 1111
    salary.write_text(
        text.replace(f"annual: {before}", f"annual: {new_figure}", 1), encoding="utf-8"
    )
    yaml_reads.clear()
    assert loader.load_knowledge(data_copy).salary.national_median.annual == new_figure
    assert yaml_reads  # rebuilt, not served stale


def test_a_same_size_edit_with_the_old_mtime_is_still_noticed(data_copy: Path) -> None:
    """Size and mtime alone can miss two edits within one tick of the file system's clock."""
    before = loader.load_knowledge(data_copy).salary.national_median.annual
    salary = data_copy / "salary.yaml"
    status = salary.stat()
    text = salary.read_text(encoding="utf-8")
    same_width = str(before)[:-1] + ("1" if str(before)[-1] != "1" else "2")
    salary.write_text(
        text.replace(f"annual: {before}", f"annual: {same_width}", 1), encoding="utf-8"
    )
    os.utime(salary, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert salary.stat().st_size == status.st_size
    assert loader.load_knowledge(data_copy).salary.national_median.annual == int(same_width)


def test_a_file_broken_after_caching_is_reported_not_hidden(data_copy: Path) -> None:
    loader.load_knowledge(data_copy)
    (data_copy / "faq.yaml").write_text("faq: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"faq\.yaml: not valid YAML"):
        loader.load_knowledge(data_copy)


@pytest.mark.parametrize(
    ("key", "value"),
    [("package", "0.0.0-older"), ("python", "2.7.18"), ("format", 1), ("folder", "/elsewhere")],
)
def test_an_entry_from_another_version_or_folder_is_rebuilt(
    key: str, value: object, entry: Path, yaml_reads: list[str]
) -> None:
    header, body = split_entry(entry)
    header[key] = value
    join_entry(entry, header, body)
    expected = loader.build_knowledge(loader.bundled_data_dir())
    yaml_reads.clear()
    assert loader.load_knowledge() == expected
    assert yaml_reads  # rebuilt...
    assert split_entry(entry)[0][key] != value  # ...and stored with the current key


def test_changed_model_source_invalidates_the_cache(
    yaml_reads: list[str], isolated_home: Path
) -> None:
    """The key holds the source of every knowledge module and of every core module loaded by the
    build, so editing models.py, loader.py or DATA_FILES needs no version bump to take effect."""
    from billing_career.planning.load import load_knowledge

    load_knowledge()
    [entry] = cache_files(isolated_home)
    header, body = split_entry(entry)
    sources = header["sources"]
    assert {"knowledge/models.py", "knowledge/loader.py", "knowledge/cache.py"} <= set(sources)
    assert [item[0] for item in header["data"]] == list(loader.DATA_FILES)
    # Checks outside the knowledge package run in the build too.
    assert {"planning/rules.py", "planning/profile.py"} <= set(sources)
    assert not any(name.startswith("cli/") for name in sources)
    # Pretend the cache was written by an older models.py.
    size, mtime = sources["knowledge/models.py"]
    sources["knowledge/models.py"] = [size + 1, mtime]
    join_entry(entry, header, body)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads


# --- corrupt entries are rebuilt ----------------------------------------------------------------


def _swap_class(body: bytes) -> bytes:
    return body.replace(b'"@":"Fees"', b'"@":"Exam"', 1)


def _extra_field(body: bytes) -> bytes:
    return body.replace(b'"@":"Range",', b'"@":"Range","extra":1,', 1)


def _foreign_class(body: bytes) -> bytes:
    return body.replace(b'"@":"Range"', b'"@":"Popen"', 1)


@pytest.mark.parametrize(
    "damage",
    [
        lambda content: b"",
        lambda content: b"not json at all",
        lambda content: content[: len(content) // 2],  # cut inside the body
        lambda content: content[:40],  # cut inside the header
        lambda content: content.replace(b"\n", b" ", 1),  # header and body run together
        lambda content: content[:-10] + b"0123456789",  # body differs from its checksum
    ],
    ids=["empty", "not-json", "truncated-body", "truncated-header", "one-line", "checksum"],
)
def test_a_corrupt_cache_is_rebuilt_silently(
    damage: Any, entry: Path, yaml_reads: list[str]
) -> None:
    expected = loader.build_knowledge(loader.bundled_data_dir())
    entry.write_bytes(damage(entry.read_bytes()))
    yaml_reads.clear()
    assert loader.load_knowledge() == expected
    assert yaml_reads  # rebuilt...
    yaml_reads.clear()
    assert loader.load_knowledge() == expected
    assert yaml_reads == []  # ...and stored again


@pytest.mark.parametrize(
    "change", [_swap_class, _extra_field, _foreign_class], ids=["swapped", "extra", "foreign"]
)
def test_a_body_that_names_the_wrong_records_is_rebuilt(
    change: Any, entry: Path, yaml_reads: list[str]
) -> None:
    """Even with a matching checksum, a record must be a class of knowledge.models with exactly
    its own fields: nothing else is ever made from the file."""
    header, body = split_entry(entry)
    changed = change(body)
    assert changed != body
    header["body"] = [len(changed), zlib.crc32(changed)]
    join_entry(entry, header, changed)
    with pytest.raises((KeyError, ValueError)):
        cache.decode(changed)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads


# --- only a private regular file of ours is read ------------------------------------------------


def test_umask_000_still_makes_private_folders(
    umask_000: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke
) -> None:
    cache_root = tmp_path / "new" / "cache"
    config = tmp_path / "new-config" / "bcareer"
    monkeypatch.setenv("BCAREER_CACHE_DIR", str(cache_root))
    monkeypatch.setenv("BCAREER_CONFIG_DIR", str(config))
    result = invoke(
        "plan",
        "--no-input",
        "--education",
        "ged",
        "--budget",
        "3000",
        "--schedule",
        "part-time",
        "--save",
    )
    assert result.code == 0, result.err
    assert (config / "profile.yaml").is_file()  # the answers were saved...
    for folder in (tmp_path / "new", cache_root, cache_root / cache.CACHE_SUBDIR):
        assert mode(folder) == 0o700, folder  # ...in folders no one else can enter or write
    for folder in (tmp_path / "new-config", config):
        assert mode(folder) == 0o700, folder
    [entry] = (cache_root / cache.CACHE_SUBDIR).iterdir()
    assert mode(entry) == 0o600
    assert mode(config / "profile.yaml") == 0o600


def test_a_symlinked_cache_file_is_not_followed(entry: Path, yaml_reads: list[str]) -> None:
    """A link in the cache folder is never read, even to a good entry: whoever placed it chose
    what it points to."""
    elsewhere = entry.with_name("elsewhere.json")
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    target = elsewhere.read_bytes()
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads  # not read through the link...
    assert not entry.is_symlink() and entry.is_file()  # ...replaced by an entry of our own
    assert elsewhere.read_bytes() == target  # and the target is left as it was


@pytest.mark.parametrize("bits", [0o020, 0o002], ids=["group-writable", "world-writable"])
def test_a_cache_file_others_can_write_is_not_trusted(
    bits: int, entry: Path, yaml_reads: list[str]
) -> None:
    entry.chmod(0o600 | bits)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads
    assert mode(entry) == 0o600  # replaced by a private one


def test_a_cache_folder_others_can_write_is_not_trusted(entry: Path, yaml_reads: list[str]) -> None:
    entry.parent.chmod(0o777)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads  # still not: an entry there is never trusted


def test_a_cache_file_of_another_owner_is_not_trusted(
    entry: Path, yaml_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pretend_owned_by_someone_else(monkeypatch, entry)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads


def test_a_cache_folder_of_another_owner_is_not_trusted(
    entry: Path, yaml_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pretend_owned_by_someone_else(monkeypatch, entry.parent)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads


def test_an_oversized_cache_file_is_not_read(
    entry: Path, yaml_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A good entry over the limit is not read: the size is checked before reading."""
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", entry.stat().st_size - 1)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads


def test_a_huge_sparse_cache_file_is_replaced(entry: Path, yaml_reads: list[str]) -> None:
    with open(entry, "r+b") as stream:  # sparse: nothing of it needs to be read to refuse it
        stream.truncate(2 * 1024**3)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads
    assert entry.stat().st_size < cache.MAX_CACHE_BYTES  # replaced by a real entry


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_at_the_cache_path_does_not_hang(run_installed) -> None:
    """Through the installed command: a FIFO nobody writes to would block a plain open forever."""
    entry = cache.entry_path(loader.bundled_data_dir())
    entry.parent.mkdir(parents=True)
    os.mkfifo(entry, 0o600)
    result = run_installed("compare", "CPB", "CBCS", "--json", timeout=60)
    assert result.code == 0, result.err
    assert result.err == ""
    assert json.loads(result.out)
    assert stat.S_ISREG(entry.lstat().st_mode)  # replaced by an entry


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_a_data_file_is_refused_not_waited_on(run_installed, data_copy: Path) -> None:
    (data_copy / "faq.yaml").unlink()
    os.mkfifo(data_copy / "faq.yaml", 0o600)
    result = run_installed("faq", "--data-dir", str(data_copy), timeout=60)
    assert result.code == 1
    assert "faq.yaml: is a named pipe (FIFO), not a regular file" in result.err


def test_a_huge_sparse_data_file_is_refused_before_it_is_read(data_copy: Path) -> None:
    with open(data_copy / "faq.yaml", "r+b") as stream:
        stream.truncate(2 * 1024**3)
    with pytest.raises(DataError, match=r"faq\.yaml: file is too large \(2,147,483,648 bytes"):
        loader.load_knowledge(data_copy)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_data_file_linked_to_a_device_is_refused(data_copy: Path) -> None:
    (data_copy / "faq.yaml").unlink()
    (data_copy / "faq.yaml").symlink_to("/dev/zero")
    with pytest.raises(DataError, match=r"faq\.yaml: is a device, not a regular file"):
        loader.load_knowledge(data_copy)


# --- a cache that cannot be used is skipped -----------------------------------------------------


def test_an_unwritable_cache_folder_just_skips_caching(invoke, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    for _ in range(2):
        result = invoke("data", "check", "--json", env={"BCAREER_CACHE_DIR": str(not_a_folder)})
        assert result.code == 0
        assert result.err == ""
        assert json.loads(result.out)["ok"] is True


def test_the_command_line_uses_the_data_dir_entry(
    invoke, data_copy: Path, isolated_home: Path
) -> None:
    first = invoke("--data-dir", str(data_copy), "data", "check", "--json")
    second = invoke("--data-dir", str(data_copy), "data", "check", "--json")
    assert first.code == second.code == 0
    assert first.out == second.out
    assert json.loads(first.out)["data_dir"] == str(data_copy)
    [entry] = cache_files(isolated_home)
    assert split_entry(entry)[0]["folder"] == str(data_copy.resolve())


@pytest.mark.parametrize(
    "env",
    [
        {"XDG_CACHE_HOME": "/tmp/xdg-cache", "HOME": "/home/someone"},
        {"XDG_CACHE_HOME": "", "HOME": "/home/someone"},
        {"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/someone/"},
        {"XDG_CACHE_HOME": "", "HOME": "/"},
    ],
    ids=["xdg", "home", "relative-xdg", "root-home"],
)
def test_the_cache_folder_is_the_one_platformdirs_names(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """cache_dir() finds the folder without importing platformdirs on Linux: the same folder."""
    from platformdirs import user_cache_path

    from billing_career.paths import APP_NAME, cache_dir

    monkeypatch.delenv("BCAREER_CACHE_DIR")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert cache_dir() == user_cache_path(APP_NAME)
