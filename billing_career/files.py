"""Atomic, private file writes: an interruption leaves the old file whole, never half a new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from billing_career.errors import OperationError, UsageError


def check_target(path: Path, *, overwrite: bool, folder_hint: str | None = None) -> None:
    """Refuse a write before any work is done: a missing folder, or a file in the way unless
    overwrite.

    folder_hint, for a path a person gave, says what to give instead of a folder, and a folder at
    path is refused with it; a path the tool chose leaves that case to the write itself.
    """
    if folder_hint is not None and path.is_dir():
        raise UsageError(f"{path} is a folder.", folder_hint)
    if not path.parent.is_dir():
        raise OperationError(
            f"Cannot write {path}: folder {path.parent} does not exist.",
            "Create it first or choose another path.",
        )
    if not overwrite and path.exists():
        raise UsageError(f"{path} already exists.", "Use --force to replace it.")


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
    data = content.encode("utf-8") if isinstance(content, str) else content
    with (
        _replacing(Path(path), private=private, overwrite=overwrite) as handle,
        os.fdopen(handle, "wb") as stream,
    ):
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


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
    with (
        _replacing(Path(path), private=private, overwrite=overwrite) as handle,
        os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream,
    ):
        yield stream
        stream.flush()
        os.fsync(stream.fileno())


@contextlib.contextmanager
def _replacing(target: Path, *, private: bool, overwrite: bool) -> Iterator[int]:
    """A temp file (its descriptor) in target's folder, moved onto target when the block ends
    cleanly and removed when it does not. The caller closes the descriptor inside the block."""
    check_target(target, overwrite=overwrite)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OperationError(f"Cannot write {target}: {exc.strerror}.") from None
    try:
        yield handle
        os.chmod(temp_name, 0o600 if private else 0o644)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        # A broken pipe is a reader of what the block prints going away, not a failed write of
        # this file: the command line handles it as such.
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise OperationError(f"Cannot write {target}: {exc.strerror or exc}.") from None
        raise
