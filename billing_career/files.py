"""File I/O: bounded reads of regular files only; atomic writes to regular files or new paths."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from billing_career.errors import BcareerError, DataError, OperationError, UsageError
from billing_career.paths import make_private_dir

# Answers and data files are small; a far larger file is refused before anything reads it.
MAX_FILE_BYTES = 2_000_000
REGULAR_HINT = "Give a regular file."


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, for a message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


# --- reading ------------------------------------------------------------------------------------


def _open_regular(
    path: Path, *, label: str, error: type[BcareerError], missing: str | None, limit: int | None
) -> int:
    """A descriptor of path opened for reading, after fstat shows a regular file no larger than
    limit. O_NONBLOCK: opening a FIFO with no writer returns at once, to be refused, instead of
    waiting forever for one; a device such as /dev/zero is refused before a byte is read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise error(_dangling(path, label) or missing or f"{label}: file is missing.") from None
    except IsADirectoryError:
        raise error(f"{label}: is a folder, not a file.", REGULAR_HINT) from None
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or exc}).") from None
    try:
        info = os.fstat(handle)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise error(f"{label}: is {kind}, not a regular file.", REGULAR_HINT)
        if limit is not None and info.st_size > limit:
            raise error(
                f"{label}: file is too large ({info.st_size:,} bytes; the limit is {limit:,})."
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _dangling(path: Path, label: str) -> str | None:
    """What to say of path when it is a link to nothing: "file is missing" would send the
    reader looking for a file that is there, as a link."""
    try:
        target = os.readlink(path)
    except OSError:  # not a link (or gone): the file is simply missing
        return None
    return f"{label}: is a link to {target}, which does not exist."


def read_bytes(
    path: Path,
    *,
    label: str,
    error: type[BcareerError] = DataError,
    missing: str | None = None,
    limit: int = MAX_FILE_BYTES,
) -> bytes:
    """The bytes of a regular file of at most limit bytes; anything else is error(one line
    starting with label). missing replaces the message for a file that does not exist."""
    return read_with_status(path, label=label, error=error, missing=missing, limit=limit)[1]


def read_with_status(
    path: Path,
    *,
    label: str,
    error: type[BcareerError] = DataError,
    missing: str | None = None,
    limit: int = MAX_FILE_BYTES,
) -> tuple[os.stat_result, bytes]:
    """read_bytes, with the file's status as it was opened (its size and time, for a cache)."""
    handle = _open_regular(path, label=label, error=error, missing=missing, limit=limit)
    status = os.fstat(handle)
    chunks: list[bytes] = []
    total = 0
    try:
        # Read at most one byte past the limit: a file that grows after fstat is refused too.
        while total <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or exc}).") from None
    finally:
        os.close(handle)
    if total > limit:
        raise error(f"{label}: file is too large (over {limit:,} bytes).")
    return status, b"".join(chunks)


def read_text(
    path: Path,
    *,
    label: str,
    error: type[BcareerError] = DataError,
    missing: str | None = None,
    limit: int = MAX_FILE_BYTES,
) -> str:
    """read_bytes decoded as UTF-8 (a byte-order mark dropped)."""
    data = read_bytes(path, label=label, error=error, missing=missing, limit=limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{label}: is not UTF-8 text.") from None


def open_text(
    path: Path,
    *,
    label: str,
    error: type[BcareerError] = DataError,
    missing: str | None = None,
) -> TextIO:
    """A regular file of any size opened to stream as UTF-8 text (a byte-order mark dropped,
    newlines as written, for csv); FIFOs, devices and folders refused as read_bytes does."""
    handle = _open_regular(path, label=label, error=error, missing=missing, limit=None)
    raw = os.fdopen(handle, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


# --- writing ------------------------------------------------------------------------------------


def _same_file(path: Path, others: Iterable[Path]) -> Path | None:
    """The first of others that is the very file at path (through any link), if any."""
    try:
        target = os.stat(path)
    except OSError:
        return None
    for other in others:
        with contextlib.suppress(OSError):
            if os.path.samestat(target, os.stat(other)):
                return other
    return None


def check_target(
    path: Path,
    *,
    overwrite: bool,
    folder_hint: str | None = None,
    inputs: Iterable[Path] = (),
) -> None:
    """Refuse a write before any work is done: a missing folder, something other than a regular
    file in the way (a folder, a device, a FIFO, a socket), one of the command's inputs, or any
    file (or link, even a dangling one) in the way unless overwrite.

    folder_hint, for a path a person gave, says what to give instead of a folder.
    """
    path = Path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except OSError:
        info = None  # nothing there, or a dangling link (seen below)
    if info is not None:
        kind = kind_of(info.st_mode)
        if kind == "a folder" and folder_hint is not None:
            raise UsageError(f"{path} is a folder.", folder_hint)
        if kind is not None:
            raise OperationError(
                f"Cannot write {path}: it is {kind}; bcareer writes only to regular files.",
                "Give a new file name.",
            )
        same = _same_file(path, inputs)
        if same is not None:
            raise UsageError(
                f"Cannot write {path}: it is the input file {same}.",
                "Give the output another name.",
            )
    if not path.parent.is_dir():
        raise OperationError(
            f"Cannot write {path}: folder {path.parent} does not exist.",
            "Create it first or choose another path.",
        )
    if not overwrite and os.path.lexists(path):
        link = " (a link)" if path.is_symlink() else ""
        raise UsageError(f"{path}{link} already exists.", "Use --force to replace it.")


def write_atomic(
    path: Path,
    content: str | bytes,
    *,
    private: bool = False,
    overwrite: bool = True,
    inputs: Iterable[Path] = (),
    through_links: bool = False,
) -> None:
    """Write content to path through a temp file in the same folder, moved into place whole.

    private: mode 0600, for files that hold a person's answers; otherwise the umask decides, as
    for any new file (and a replaced file keeps no more than its own permissions).
    overwrite: False refuses to replace an existing file (the caller offers --force); the check
    is atomic, so of two runs racing for one new path, one fails.
    inputs: files the command reads, never to be written over.
    through_links: a link at path is written through to its target (the saved profile kept
    elsewhere), instead of being replaced by a file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    with (
        _replacing(
            Path(path),
            private=private,
            overwrite=overwrite,
            inputs=tuple(inputs),
            through_links=through_links,
        ) as handle,
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
    inputs: Iterable[Path] = (),
) -> Iterator[TextIO]:
    """write_atomic for output too large to hold: yield a text stream to a temp file in the same
    folder, moved onto path when the block ends cleanly. An error, Ctrl-C or SIGTERM inside the
    block removes the temp file, so path is never left half-written (an old file stays whole).
    """
    with (
        _replacing(
            Path(path), private=private, overwrite=overwrite, inputs=tuple(inputs)
        ) as handle,
        os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream,
    ):
        with _syncing_meanwhile(handle) as sync_error:
            yield stream
        if sync_error:
            raise sync_error[0]
        stream.flush()
        os.fsync(stream.fileno())


# Seconds between the background syncs of a long write (see _syncing_meanwhile).
SYNC_EVERY = 0.25


@contextlib.contextmanager
def _syncing_meanwhile(handle: int) -> Iterator[list[OSError]]:
    """Put what is written so far on disk every SYNC_EVERY seconds while the block runs, so the
    last fsync has little left: a 10,000-plan batch writes 230 MB, whose fsync at the end
    waited 0.3-0.4 s with nothing else to do; synced meanwhile, the disk works while the plans
    are made. (Waiting for the disk takes almost no processor time.) The first error a sync
    meets is yielded in the list, to be raised as the last fsync would: the kernel tells a
    file's write error to only one sync, which may be this one."""
    import threading

    errors: list[OSError] = []
    done = threading.Event()
    # fdatasync leaves out the times a file was read, which nobody needs back; not everywhere.
    put_on_disk = getattr(os, "fdatasync", os.fsync)

    def sync() -> None:
        while not done.wait(SYNC_EVERY):
            try:
                put_on_disk(handle)
            except OSError as exc:
                errors.append(exc)
                return

    syncer = threading.Thread(target=sync, name="bcareer-sync", daemon=True)
    syncer.start()
    try:
        yield errors
    finally:
        # Stopped before the descriptor is closed, so a sync never meets a closed (or reused)
        # descriptor.
        done.set()
        syncer.join()


def _umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _mode_for(target: Path, *, private: bool) -> int:
    if private:
        return 0o600
    allowed = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        info = os.stat(target)
        if stat.S_ISREG(info.st_mode):
            # Replacing a file keeps it as private as it was.
            allowed &= info.st_mode
    return allowed & 0o666


def _resolved(target: Path) -> Path:
    """Where a write through a link lands: the link's final target (a chain followed)."""
    try:
        linked = target.is_symlink()
    except OSError:  # a folder that cannot be entered: the write itself fails, and says why
        return target
    return Path(os.path.realpath(target)) if linked else target


@contextlib.contextmanager
def _replacing(
    target: Path,
    *,
    private: bool,
    overwrite: bool,
    inputs: tuple[Path, ...] = (),
    through_links: bool = False,
) -> Iterator[int]:
    """A temp file (its descriptor) in target's folder, put in place when the block ends
    cleanly and removed when it does not. The caller closes the descriptor inside the block."""
    if through_links:
        target = _resolved(target)
    check_target(target, overwrite=overwrite, inputs=inputs)
    import tempfile

    mode = _mode_for(target, private=private)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # no file can have that name: a bad value given
            raise UsageError(f"Cannot write {target}: {exc.strerror}.") from None
        raise OperationError(f"Cannot write {target}: {exc.strerror}.") from None
    try:
        yield handle
        os.chmod(temp_name, mode)
        if overwrite:
            # Checked again at the last moment: something other than a regular file that
            # appeared meanwhile is still never replaced.
            check_target(target, overwrite=True, inputs=inputs)
            os.replace(temp_name, target)
        else:
            _place_new(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        # A broken pipe is a reader of what the block prints going away, not a failed write of
        # this file: the command line handles it as such.
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise OperationError(f"Cannot write {target}: {exc.strerror or exc}.") from None
        raise


# What link() says on a file system without hard links (some network, FUSE and FAT mounts).
_NO_HARD_LINKS = frozenset(
    getattr(errno, name)
    for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS", "EMLINK")
    if hasattr(errno, name)
)


def _place_new(temp_name: str, target: Path) -> None:
    """Put the finished temp file at target only if nothing is there, in one atomic step: a
    hard link fails if target exists, where a check then a rename would let two runs both win."""
    try:
        os.link(temp_name, target)
    except FileExistsError:
        raise UsageError(f"{target} already exists.", "Use --force to replace it.") from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        _claim_and_replace(temp_name, target)
        return
    os.unlink(temp_name)


def _claim_and_replace(temp_name: str, target: Path) -> None:
    """Without hard links: claim the name with O_EXCL (only one run can), then move onto it."""
    try:
        claim = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UsageError(f"{target} already exists.", "Use --force to replace it.") from None
    os.close(claim)
    try:
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)  # the empty claim, never someone's file
        raise


def ensure_folder(folder: Path, *, hint: str) -> None:
    """folder, made (private, with its parents) if missing; a file in its place, or a folder
    that cannot be made, is an OperationError saying so, with hint."""
    try:
        # 0700 at every level made, whatever the umask (mkdir's mode passes through it).
        make_private_dir(Path(folder))
    except FileExistsError:
        raise OperationError(f"{folder} is a file, not a folder.", hint) from None
    except OSError as exc:
        raise OperationError(f"Cannot create the folder {folder}: {exc.strerror}.", hint) from None
