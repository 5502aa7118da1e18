"""The knowledge-base cache: used when current, rebuilt silently when stale or corrupt, and never
the reason a command fails."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from billing_career.errors import DataError
from billing_career.knowledge import cache, loader

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


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache" / cache.CACHE_SUBDIR).glob("*.pickle"))


def read_header(entry: Path) -> dict[str, object]:
    return split_entry(entry)[0]


def split_entry(entry: Path) -> tuple[dict[str, object], bytes]:
    """A cache file is a pickled header followed by the pickled knowledge base."""
    with open(entry, "rb") as stream:
        header = pickle.load(stream)
        body = stream.read()
    assert isinstance(header, dict)
    return header, body


def test_second_load_comes_from_the_cache(yaml_reads: list[str], isolated_home: Path) -> None:
    first = loader.load_knowledge()
    assert len(yaml_reads) == len(loader.DATA_FILES)
    yaml_reads.clear()
    second = loader.load_knowledge()
    assert yaml_reads == []
    assert second == first
    assert second.certification("CPB").fees == first.certification("CPB").fees
    [entry] = cache_files(isolated_home)
    assert entry.stat().st_mode & 0o777 == 0o600


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
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05\x95garbage"],
    ids=["empty", "text", "truncated-pickle"],
)
def test_a_corrupt_cache_is_rebuilt_silently(
    damage: bytes, yaml_reads: list[str], isolated_home: Path
) -> None:
    expected = loader.load_knowledge()
    [entry] = cache_files(isolated_home)
    entry.write_bytes(damage)
    yaml_reads.clear()
    assert loader.load_knowledge() == expected
    assert yaml_reads  # rebuilt...
    yaml_reads.clear()
    assert loader.load_knowledge() == expected
    assert yaml_reads == []  # ...and stored again


def test_a_truncated_body_is_rebuilt(yaml_reads: list[str], isolated_home: Path) -> None:
    expected = loader.load_knowledge()
    [entry] = cache_files(isolated_home)
    content = entry.read_bytes()
    entry.write_bytes(content[: len(content) - 200])
    assert loader.load_knowledge() == expected


def test_changed_model_source_invalidates_the_cache(
    yaml_reads: list[str], isolated_home: Path
) -> None:
    """The key holds the source of every knowledge module and of every pickled class's module,
    so editing models.py, loader.py or DATA_FILES needs no version bump to take effect."""
    from billing_career.planning.load import load_knowledge

    load_knowledge()
    [entry] = cache_files(isolated_home)
    header, body = split_entry(entry)
    sources = header["sources"]
    assert isinstance(sources, dict)
    assert {"knowledge/models.py", "knowledge/loader.py", "knowledge/cache.py"} <= set(sources)
    data = header["data"]
    assert isinstance(data, tuple)
    assert tuple(item[0] for item in data) == loader.DATA_FILES
    # Checks outside the knowledge package run in the build too.
    assert {"planning/rules.py", "planning/profile.py"} <= set(sources)
    assert not any(name.startswith("cli/") for name in sources)
    # Pretend the cache was written by an older models.py.
    size, mtime = sources["knowledge/models.py"]
    sources["knowledge/models.py"] = (size + 1, mtime)
    entry.write_bytes(pickle.dumps(header, protocol=5) + body)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads


def test_a_cache_file_others_can_write_is_not_trusted(
    yaml_reads: list[str], isolated_home: Path
) -> None:
    loader.load_knowledge()
    [entry] = cache_files(isolated_home)
    entry.chmod(0o666)
    yaml_reads.clear()
    loader.load_knowledge()
    assert yaml_reads
    assert entry.stat().st_mode & 0o777 == 0o600  # replaced by a private one


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
    assert read_header(entry)["folder"] == str(data_copy.resolve())
