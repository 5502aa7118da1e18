"""Atomic, private file writes: an interruption leaves the old file whole, never half a new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from billing_career.errors import OperationError, UsageError


def write_atomic(
    path: Path,
    content: str | bytes,
    *,
    private: bool = False,
    overwrite: bool = True,
) -> None:
    """Write content to path through a temp file in the same folder and os.replace.

    private: mode 0600, for files that hold a person's answers.
    overwrite: False refuses to replace an existing file (the caller offers --force).
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise UsageError(f"{target} already exists.", "Use --force to replace it.")
    folder = target.parent
    if not folder.is_dir():
        raise OperationError(f"Cannot write {target}: folder {folder} does not exist.",
                             "Create it first or choose another path.")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=folder)
    except OSError as exc:
        raise OperationError(f"Cannot write {target}: {exc.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o600 if private else 0o644)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise OperationError(f"Cannot write {target}: {exc.strerror or exc}.") from None
        raise


@contextlib.contextmanager
def atomic_stream(
    path: Path,
    *,
    private: bool = False,
    overwrite: bool = True,
) -> Iterator[TextIO]:
    """write_atomic for output too large to hold: yield a text stream to a temp file in the same
    folder, os.replace it onto path when the block ends cleanly. An error or Ctrl-C inside the
    block removes the temp file, so path is never left half-written (an old file stays whole).
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise UsageError(f"{target} already exists.", "Use --force to replace it.")
    folder = target.parent
    if not folder.is_dir():
        raise OperationError(f"Cannot write {target}: folder {folder} does not exist.",
                             "Create it first or choose another path.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=folder)
    except OSError as exc:
        raise OperationError(f"Cannot write {target}: {exc.strerror}.") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o600 if private else 0o644)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise OperationError(f"Cannot write {target}: {exc.strerror or exc}.") from None
        raise
