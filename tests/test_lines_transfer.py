"""A batch's lines from workers to the file as bytes: the same lines as text in one process, the
parent's reader of the pool's results the same messages as Connection.recv, and the output
stream's binary buffer used only where ASCII is written as itself."""

from __future__ import annotations

import io
import multiprocessing
import sys
import threading
from collections.abc import Iterator

import pytest
from test_batch import generated_rows

from billing_career.cli.batch import _bytes_writer
from billing_career.errors import BcareerError
from billing_career.planning import batch
from billing_career.planning.load import load_knowledge

START = "2026-01-05"


def _rows(count: int) -> Iterator[batch.Row]:
    # test_batch's varied rows, with a bad row more often (one in 23).
    return generated_rows(count, [], bad_every=23)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_workers_bytes_are_the_lines_of_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_ROWS", 8)
    kb = load_knowledge()
    count = batch.CHUNK_ROWS * 5 + 3
    alone: list[str] = []
    alone_errors: list[str] = []
    batch.run_batch(
        kb,
        _rows(count),
        alone.append,
        lambda error: alone_errors.append(str(error)),
        batch.Options(start=START),
        "gen",
    )
    written: list[bytes] = []
    errors: list[str] = []

    def as_text(line: str) -> None:
        raise AssertionError("the workers' lines went through write, not write_bytes")

    summary = batch.run_batch(
        kb,
        _rows(count),
        as_text,
        lambda error: errors.append(str(error)),
        batch.Options(start=START),
        "gen",
        workers=2,
        write_bytes=written.append,
    )
    assert summary.rows == count
    assert alone_errors and errors == alone_errors  # bad rows fall between runs of lines
    assert b"".join(written) == "".join(alone).encode("ascii")


def test_plan_lines_text_and_pieces_are_the_same() -> None:
    kb = load_knowledge()
    options = batch.Options(start=START)
    lines = batch.PlanLines()
    for row in list(_rows(40)) * 2:
        try:
            plan = batch.plan_of_row(kb, row, options)
        except BcareerError:
            continue
        assert b"".join(lines.line_pieces(plan)) == lines.line(plan).encode("ascii")


def test_result_reader_reads_what_connection_sends() -> None:
    """Messages smaller and larger than the reader's buffer, one after another (the buffer kept
    is never seen in a result), then the end of the pipe as EOFError."""
    reader, writer = multiprocessing.Pipe(duplex=False)
    read = batch._ResultReader(reader)
    sent = [
        ("small", 1, [b"x" * 10]),
        (2, 3, [b"y" * 300_000, b"\n"]),
        None,
        (4, 5, [b"z" * 5]),
        (6, 7, [b"w" * 70_000]),
    ]
    for message in sent:
        # The pipe holds 64 KB: a thread sends while this one reads.
        thread = threading.Thread(target=writer.send, args=(message,))
        thread.start()
        assert read() == message
        thread.join()
    writer.close()
    with pytest.raises(EOFError):
        read()
    reader.close()
    with pytest.raises(OSError):
        read()


@pytest.mark.parametrize(
    ("encoding", "binary"),
    [("utf-8", True), ("ascii", True), ("latin-1", True), ("utf-16", False), ("cp500", False)],
)
def test_bytes_go_to_the_buffer_only_where_ascii_is_itself(encoding: str, binary: bool) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, newline="\n")
    stream.write("{}\n")  # held in the text stream: flushed before any bytes
    write = _bytes_writer(stream)
    assert (write is not None) == binary
    if write is not None:
        write(b'{"a":1}\n')
    else:
        stream.write('{"a":1}\n')
    stream.flush()
    assert raw.getvalue() == '{}\n{"a":1}\n'.encode(encoding)
    assert _bytes_writer(io.StringIO()) is None
