"""A data-only copy of the validated knowledge base, so a warm start reads and validates no YAML.

The cache is an optimization and nothing else: a missing, stale, corrupt, foreign or unreadable
cache is rebuilt or skipped silently, and no command ever fails because of it.

Reading the cache runs no code: it is JSON, read by the standard library into the frozen records
of knowledge.models. A record is written as {"@": class name, field: value ...}; only classes of
knowledge.models are ever made from it, with exactly their own fields, and a mapping value (a
rule's scores) is written as {"@": "", "items": [[key, value] ...]} so no key of the data can pass
for a class name. Records are filled in directly: the YAML was validated with pydantic when the
entry was built, so a warm start never imports pydantic or yaml.

The file is still checked before it is read, as any file a later run trusts should be: the
folders are created 0700 whatever the umask; the file is opened without following a symlink,
must be a regular file (a FIFO there never blocks the command), owned by the user and writable by
nobody else, in a folder that is owned by the user and writable by nobody else, and no larger
than MAX_CACHE_BYTES; the body must match the length and checksum in the header.

An entry is valid only while everything that shaped it is unchanged: the data files (names, sizes,
modification times and checksums of their contents: two same-sized edits within one tick of the
file system's clock must not look alike); the source files (size and modification time, the rule
Python uses for its own bytecode cache) of every module of billing_career.knowledge and of every
other core module loaded when the entry was built (the checks of rules.py and profile.py run in
the build), so a changed model, check or DATA_FILES invalidates it with no version to bump by
hand; and the package and Python versions.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from billing_career.knowledge.models import KnowledgeBase, Record

# Bump when the layout of a cache file changes.
CACHE_FORMAT = 2
CACHE_SUBDIR = "knowledge"
CACHE_SUFFIX = ".json"
# The bundled knowledge base takes about 150 kB; anything far larger is not an entry of ours.
MAX_CACHE_BYTES = 16_000_000
_PACKAGE = "billing_career"
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]
_KNOWLEDGE_DIR = Path(__file__).resolve().parent
_TAG = "@"
_MAPPING = ""

Header = dict[str, Any]


def _read_entry(entry: Path) -> bytes | None:
    """The bytes of the cache file, or None unless it is a regular file (not a link), the user's
    and writable by no one else, of at most MAX_CACHE_BYTES. (files.read_bytes follows links,
    which a cache entry must not: here O_NOFOLLOW.) OSError if it cannot be opened."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(entry, flags | getattr(os, "O_NOFOLLOW", 0))
    try:
        status = os.fstat(handle)
        # Kind and size before a byte is read: a FIFO never blocks, a huge file is not read.
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_CACHE_BYTES:
            return None
        if not _private(status):
            return None
        chunks = []
        left = MAX_CACHE_BYTES + 1  # a byte past the limit tells a file that grew while read
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        content = b"".join(chunks)
        return content if len(content) <= MAX_CACHE_BYTES else None
    finally:
        os.close(handle)


def load_cached(
    folder: Path,
    data_files: Iterable[str],
    build: Callable[[], KnowledgeBase],
    *,
    refresh: bool = False,
) -> KnowledgeBase:
    """The knowledge base of folder: from the cache when it is current, else build() and store it
    (refresh: build and store it whatever the cache holds).

    Errors from build() (bad data) propagate; problems with the cache itself never do.
    """
    names = tuple(data_files)
    try:
        entry = entry_path(folder)
        expected = _environment(folder, names)
    except Exception:  # a cache we cannot even locate (or data we cannot read) is not used
        return build()
    cached = None if refresh else _read(entry, expected)
    if cached is not None:
        return cached
    knowledge = build()
    _write(entry, expected, knowledge)
    return knowledge


def entry_path(folder: Path) -> Path:
    """The cache file of one data folder: each --data-dir gets an entry of its own."""
    from billing_career import __version__
    from billing_career.paths import cache_dir

    identity = f"{folder.resolve()}|{__version__}|{sys.version_info[:3]}"
    # The full folder path is also in the header, so a clash of this short name costs a rebuild
    # and nothing worse.
    tag = f"{zlib.crc32(identity.encode('utf-8', 'surrogateescape')):08x}"
    return cache_dir() / CACHE_SUBDIR / f"kb-{tag}{CACHE_SUFFIX}"


def _environment(folder: Path, names: tuple[str, ...]) -> Header:
    """What the current process would build from: compared whole against a stored header (in the
    shapes JSON gives back: lists, not tuples)."""
    from billing_career import __version__

    return {
        "format": CACHE_FORMAT,
        "folder": os.fsdecode(folder.resolve()),
        "package": __version__,
        "python": sys.version,
        "data": _data_snapshot(folder, names),
    }


def _data_snapshot(folder: Path, names: tuple[str, ...]) -> list[list[Any]]:
    from billing_career.files import read_with_status

    # crc32 tells an edited file from the one the entry was built from; it need not resist a
    # forger: whoever can write the data files can put anything in them anyway, and a clash could
    # only serve the earlier, validated content.
    snapshot: list[list[Any]] = []
    for name in names:
        # The bounded reader: a FIFO or /dev/zero in the data folder is refused, never read.
        status, content = read_with_status(
            folder / f"{name}.yaml", label=f"{folder.name or folder}/{name}.yaml"
        )
        snapshot.append([name, status.st_size, status.st_mtime_ns, zlib.crc32(content)])
    return snapshot


def _sources(relative_paths: Iterable[str]) -> dict[str, list[int]]:
    """Size and modification time of package modules, by path relative to the package folder."""
    stamps = {}
    for relative in relative_paths:
        status = os.stat(_PACKAGE_ROOT / relative)
        stamps[relative] = [status.st_size, status.st_mtime_ns]
    return stamps


def _private(status: os.stat_result) -> bool:
    """Ours, and writable by nobody else: only such a file or folder is trusted."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the per-user cache folder is the protection
        return True
    return status.st_uid == getuid() and not status.st_mode & 0o022


def _read(entry: Path, expected: Header) -> KnowledgeBase | None:
    """The cached knowledge base, or None if it is missing, stale, corrupt or not to be trusted."""
    try:
        if not _private(os.stat(entry.parent)):
            return None
        content = _read_entry(entry)
        if content is None:
            return None
        first, _, body = content.partition(b"\n")
        header = json.loads(first)
        if not isinstance(header, dict):
            return None
        sources = header.pop("sources", None)
        stored_body = header.pop("body", None)
        if header != expected or not isinstance(sources, dict):
            return None
        if stored_body != [len(body), zlib.crc32(body)] or _sources(sources) != sources:
            return None
        knowledge = _decoded(body)
    except Exception:  # missing, truncated, from another version, unreadable: all mean rebuild
        return None
    return knowledge


# The last body decoded and its knowledge base (see _decoded).
_last_decoded: tuple[bytes, KnowledgeBase] | None = None


def _decoded(body: bytes) -> KnowledgeBase:
    """decode(body), or the knowledge base decoded from the same bytes before in this process.

    The records are frozen, so the same bytes may share one knowledge base, and with it what was
    built for it (knowledge/memo.py: the compiled rules, the planner). A run loads once and
    gains nothing; a process that loads the same entry again (the test suite, a caller that
    embeds bcareer) skips a decode of 150 kB and the rebuilding of the rules."""
    global _last_decoded
    if _last_decoded is not None and _last_decoded[0] == body:
        return _last_decoded[1]
    knowledge = decode(body)
    _last_decoded = (body, knowledge)
    return knowledge


def _schema_files() -> list[str]:
    """The source files that may have shaped the knowledge base, relative to the package: the
    knowledge package and every loaded module of ours but the command line (the core never
    imports it, so it cannot take part in loading)."""
    files = {path.resolve() for path in _KNOWLEDGE_DIR.glob("*.py")}
    for name in list(sys.modules):
        if name == _PACKAGE or (
            name.startswith(f"{_PACKAGE}.") and not name.startswith(f"{_PACKAGE}.cli")
        ):
            module_file = getattr(sys.modules.get(name), "__file__", None)
            if module_file:
                files.add(Path(module_file).resolve())
    return sorted(
        str(path.relative_to(_PACKAGE_ROOT)) for path in files if path.is_relative_to(_PACKAGE_ROOT)
    )


def _write(entry: Path, header: Header, knowledge: KnowledgeBase) -> None:
    """Store the knowledge base; any failure (read-only folder, full disk) just skips caching."""
    from billing_career.files import write_atomic
    from billing_career.paths import make_private_dir

    with contextlib.suppress(Exception):
        body = encode(knowledge)
        stored = {
            **header,
            "sources": _sources(_schema_files()),
            "body": [len(body), zlib.crc32(body)],
        }
        folder = make_private_dir(entry.parent)
        if not _private(os.stat(folder)):
            return  # a folder others may write: an entry there would never be read
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISFIFO(os.lstat(entry).st_mode) or stat.S_ISSOCK(os.lstat(entry).st_mode):
                # A FIFO or socket in our own private folder is in the way of every later
                # entry (writes go only to regular files or new paths): remove it.
                os.unlink(entry)
        write_atomic(entry, json.dumps(stored).encode("utf-8") + b"\n" + body, private=True)


# --- records as JSON ----------------------------------------------------------------------------


def encode(knowledge: KnowledgeBase) -> bytes:
    """The knowledge base as one line of JSON (ASCII, so no byte of it is a newline)."""
    return json.dumps(_plain(knowledge), separators=(",", ":"), allow_nan=False).encode("ascii")


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        plain = {_TAG: type(value).__name__}
        for name in value.field_names():
            plain[name] = _plain(getattr(value, name))
        return plain
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {_TAG: _MAPPING, "items": [[key, _plain(item)] for key, item in value.items()]}
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(body: bytes) -> KnowledgeBase:
    """The knowledge base from encode()'s JSON; ValueError, KeyError or TypeError if it is not."""
    classes = record_classes()

    def record(plain: dict[str, Any]) -> Any:
        tag = plain.pop(_TAG)
        if tag == _MAPPING:
            return {key: _tuples(item) for key, item in plain["items"]}
        cls = classes[tag]
        if plain.keys() != cls.field_set():
            raise ValueError(f"the fields of {tag} do not match")
        for name, item in plain.items():
            if type(item) is list:
                plain[name] = _tuples(item)
        made = object.__new__(cls)
        # Validated when the entry was built: set the fields as they are (the records are frozen,
        # so they cannot be assigned one by one).
        made.__dict__.update(plain)
        return made

    knowledge = json.loads(body, object_hook=record)
    if type(knowledge) is not KnowledgeBase:
        raise TypeError("the cache does not hold a knowledge base")
    return knowledge


def _tuples(value: Any) -> Any:
    """JSON arrays back into the tuples records hold."""
    if type(value) is list:
        return tuple(_tuples(item) for item in value)
    return value


def record_classes() -> dict[str, type[Record]]:
    """Every record class of knowledge.models by name: the only classes a cache may name."""
    found: dict[str, type[Record]] = {}
    pending = [Record]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub.__module__ == Record.__module__:
                found[sub.__name__] = sub
            pending.append(sub)
    return found
