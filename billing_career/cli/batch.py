"""`bcareer plan --batch FILE`: the shell around planning.batch (files, stderr, progress)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from billing_career.errors import OperationError, UsageError, one_line, printable

if TYPE_CHECKING:
    from billing_career.planning.batch import RowError


def plan_batch(
    batch: Path | None,
    output: Path | None,
    *,
    given: Mapping[str, Any],
    answers: Path | None,
    export: Path | None,
    force: bool,
    explain: bool,
    data_dir: Path | None,
) -> None:
    """Plan every profile of batch; JSON Lines to output (atomically) or stdout."""
    from billing_career.cli.app import GLOBAL, knowledge
    from billing_career.planning.batch import (
        Options,
        input_format,
        open_batch,
        read_rows,
        run_batch,
        workers_for,
    )

    if batch is None:
        raise UsageError(
            "--output goes with --batch FILE.", "To write one plan to a file, use --export FILE."
        )
    from billing_career.planning.profile import ROW_ANSWERS, flag_of

    # Answers come from the file's columns in a batch; only --start applies to every row.
    clashes = [flag_of(name) for name in given if name in ROW_ANSWERS]
    clashes += [flag for flag, value in (("--answers", answers), ("--export", export)) if value]
    if clashes:
        raise UsageError(
            f"--batch takes each person's answers from {batch}: leave out {', '.join(clashes)}.",
            "Put them in the file's columns instead.",
        )
    kind = input_format(batch)
    if output is not None:
        from billing_career.files import check_target

        # Fail before planning anything.
        check_target(
            output,
            overwrite=force,
            folder_hint="Give --output a file name, e.g. plans.jsonl.",
            inputs=[batch],
        )
    start = given.get("start")
    options = Options(start=start.isoformat() if start is not None else None, explain=explain)
    stream = open_batch(batch)
    kb = knowledge(data_dir)
    label = str(batch)
    from billing_career.cli import collector
    from billing_career.planning.planner import planner_for

    # The rules are compiled (once: run_batch finds them made) before the start ends: the
    # collector then runs again, for the rows, with all the start made frozen out of its passes,
    # so forked workers never go through it (nor copy its pages by marking it).
    planner_for(kb)
    collector.resume()

    def report(error: RowError) -> None:
        sys.stderr.write(f"Error: {one_line(str(error))}\n")

    with (
        stream,
        _destination(output, force, batch) as out,
        _progress(batch, stream, kind, no_color=GLOBAL.no_color) as advance,
    ):
        workers = workers_for(os.fstat(stream.fileno()).st_size)
        summary = run_batch(
            kb,
            read_rows(stream, kind, label),
            out.write,
            report,
            options,
            label,
            advance,
            workers=workers,
            write_bytes=_bytes_writer(out),
        )
    if summary.rows == 0:
        sys.stderr.write(f"Note: {printable(label)} holds no profiles; nothing was planned.\n")
    elif output is not None:
        sys.stderr.write(
            f"Wrote {summary.planned:,} plan{'s' * (summary.planned != 1)} to {printable(output)}\n"
        )
    if summary.failed:
        raise OperationError(
            f"{summary.failed:,} of {summary.rows:,} rows had no plan; "
            f"the other {summary.planned:,} were planned."
        )


@contextlib.contextmanager
def _destination(output: Path | None, force: bool, batch: Path) -> Iterator[Any]:
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    from billing_career.files import atomic_stream

    # The plans hold each person's answers: private, like a saved profile.
    with atomic_stream(output, private=True, overwrite=force, inputs=[batch]) as stream:
        yield stream


def _bytes_writer(out: Any) -> Callable[[bytes], object] | None:
    """Where the workers' lines (ASCII bytes) go as they are: the text stream's own binary
    buffer, when its encoding writes ASCII as itself (UTF-8 and its kin: an ASCII line is then
    the same bytes either way); None otherwise (a stream without one, UTF-16): write() then
    takes them as text. Nothing is held in the text stream meanwhile: it is flushed first, and
    a batch in workers writes only through this."""
    import codecs

    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is None or not isinstance(encoding, str):
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if name not in _ASCII_AS_ITSELF:
        return None
    out.flush()
    write: Callable[[bytes], object] = buffer.write
    return write


# Encodings (as codecs names them) that write every ASCII character as its own byte.
_ASCII_AS_ITSELF = frozenset({"utf-8", "ascii", "iso8859-1"})


@contextlib.contextmanager
def _progress(
    batch: Path, stream: TextIO, kind: str, *, no_color: bool
) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when a person is watching it; nothing otherwise."""
    try:
        watching = sys.stderr.isatty()
    except (AttributeError, ValueError):
        watching = False
    if not watching:
        yield None
        return
    from billing_career.render.batch import progress_bar

    rows = _estimate_rows(stream.fileno(), kind)
    with progress_bar(batch.name, rows, no_color=no_color) as advance:
        yield advance


def _estimate_rows(handle: int, kind: str) -> int | None:
    """The lines of a CSV after its header (one row each, unless a quoted cell spans lines),
    counted through the batch file's own open descriptor (already checked to be a regular
    file) without moving its reading position."""
    if kind != "csv":
        return None
    lines = 0
    last = b"\n"
    offset = 0
    with contextlib.suppress(OSError):
        while chunk := os.pread(handle, 1 << 20, offset):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
            offset += len(chunk)
    lines += last != b"\n"
    return max(lines - 1, 0)
