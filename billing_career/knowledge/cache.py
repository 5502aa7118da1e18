"""A pickled copy of the validated knowledge base, so a warm start reads and validates no YAML.

The cache is an optimisation and nothing else: a missing, stale, corrupt or unwritable cache is
rebuilt or skipped silently, and no command ever fails because of it.

Why pickle is acceptable here: unpickling runs code, so it is only ever done on a file this module
wrote itself, into the user's own cache folder, with mode 0600; a file that is not owned by the
user or that others can write is ignored. Whoever could replace such a file could already edit the
user's shell start-up files. Data files are never unpickled: they are YAML, read with a safe loader
on a cache miss.

An entry is valid only while everything that shaped it is unchanged: the data files (names, sizes,
modification times and contents: two same-sized edits within one tick of the file system's clock
must not look alike); the source files (size and modification time, the rule Python uses for its
own bytecode cache) of every module of billing_career.knowledge, of every module whose classes are
in the pickle, and of every other core module loaded when the entry was built (the checks of
rules.py and profile.py run in the build), so a changed model, check or DATA_FILES invalidates it
with no version to bump by hand; and the package, Python and pydantic versions.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

# Bump when the layout of a cache file (the header below) changes.
CACHE_FORMAT = 1
CACHE_SUBDIR = "knowledge"
_PACKAGE = "billing_career"
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]
_KNOWLEDGE_DIR = Path(__file__).resolve().parent

Header = dict[str, Any]


def load_cached(
    folder: Path,
    data_files: Iterable[str],
    build: Callable[[], KnowledgeBase],
) -> KnowledgeBase:
    """The knowledge base of folder: from the cache when it is current, else build() and store it.

    Errors from build() (bad data) propagate; problems with the cache itself never do.
    """
    names = tuple(data_files)
    try:
        entry = entry_path(folder)
        expected = _environment(folder, names)
    except Exception:  # a cache we cannot even locate is simply not used
        return build()
    cached = _read(entry, expected)
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
    return cache_dir() / CACHE_SUBDIR / f"kb-{tag}.pickle"


def _environment(folder: Path, names: tuple[str, ...]) -> Header:
    """What the current process would build from: compared whole against a stored header."""
    from pydantic.version import VERSION as PYDANTIC_VERSION

    from billing_career import __version__

    return {
        "format": CACHE_FORMAT,
        "folder": str(folder.resolve()),
        "package": __version__,
        "python": sys.version,
        "pydantic": PYDANTIC_VERSION,
        "data": _data_snapshot(folder, names),
    }


def _data_snapshot(folder: Path, names: tuple[str, ...]) -> tuple[tuple[str, int, int, bytes], ...]:
    from billing_career.files import read_with_status

    snapshot = []
    for name in names:
        path = folder / f"{name}.yaml"
        # The bounded reader: a FIFO or /dev/zero in the data folder is refused, never read.
        status, content = read_with_status(path, label=f"{folder.name or folder}/{name}.yaml")
        snapshot.append((name, status.st_size, status.st_mtime_ns, content))
    return tuple(snapshot)


def _sources(relative_paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of package modules, by path relative to the package folder."""
    stamps = {}
    for relative in relative_paths:
        status = os.stat(_PACKAGE_ROOT / relative)
        stamps[relative] = (status.st_size, status.st_mtime_ns)
    return stamps


def _trusted(status: os.stat_result) -> bool:
    """Only our own file, writable by nobody else, is worth unpickling."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the per-user cache folder is the protection
        return True
    return status.st_uid == getuid() and not status.st_mode & 0o022


def _read(entry: Path, expected: Header) -> KnowledgeBase | None:
    """The cached knowledge base, or None if it is missing, stale, corrupt or not ours."""
    try:
        with open(entry, "rb") as stream:
            if not _trusted(os.fstat(stream.fileno())):
                return None
            header = pickle.load(stream)
            if not isinstance(header, dict):
                return None
            sources = header.pop("sources", None)
            if header != expected or not isinstance(sources, dict):
                return None
            if _sources(sources) != sources:
                return None
            knowledge = pickle.load(stream)
    except Exception:  # missing, truncated, from another version, unreadable: all mean rebuild
        return None
    from billing_career.knowledge.models import KnowledgeBase

    return knowledge if isinstance(knowledge, KnowledgeBase) else None


class _ModuleRecorder(pickle.Pickler):
    """A pickler that notes the module of every object it writes."""

    def __init__(self, stream: io.BytesIO) -> None:
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.modules: set[str] = set()

    def persistent_id(self, obj: Any) -> None:
        self.modules.add(type(obj).__module__)
        return None


def _schema_files(pickled_modules: Iterable[str]) -> list[str]:
    """The source files that may have shaped the knowledge base, relative to the package: the
    knowledge package, the modules of the pickled classes, and every loaded module of ours but
    the command line (the core never imports it, so it cannot take part in loading)."""
    names = {
        *pickled_modules,
        *(name for name in list(sys.modules) if not name.startswith(f"{_PACKAGE}.cli")),
    }
    files = {path.resolve() for path in _KNOWLEDGE_DIR.glob("*.py")}
    for name in names:
        if name == _PACKAGE or name.startswith(f"{_PACKAGE}."):
            module_file = getattr(sys.modules.get(name), "__file__", None)
            if module_file:
                files.add(Path(module_file).resolve())
    return sorted(
        str(path.relative_to(_PACKAGE_ROOT)) for path in files if path.is_relative_to(_PACKAGE_ROOT)
    )


def _write(entry: Path, header: Header, knowledge: KnowledgeBase) -> None:
    """Store the knowledge base; any failure (read-only folder, full disk) just skips caching."""
    from billing_career.files import write_atomic

    with contextlib.suppress(Exception):
        body = io.BytesIO()
        recorder = _ModuleRecorder(body)
        recorder.dump(knowledge)
        stored = {**header, "sources": _sources(_schema_files(recorder.modules))}
        content = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL) + body.getvalue()
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, content, private=True)
