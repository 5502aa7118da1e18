"""What `bcareer data check` reports: records per file, figures with a newer value, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from billing_career.knowledge.controls import control_texts
from billing_career.knowledge.inventory import count_records, newer_figures
from billing_career.knowledge.models import KnowledgeBase


@dataclass(frozen=True)
class FileRecords:
    """How many records one data file holds."""

    file: str
    records: int


@dataclass(frozen=True)
class NewerRow:
    """A figure of the guide with a newer reported value, and who reported it."""

    file: str
    record: str
    field: str
    newer: str
    note: str | None
    reported_by: str
    date: str
    source: str
    url: str | None


@dataclass(frozen=True)
class DataCheck:
    """The data folder checked (it loaded, so it is valid), what it holds, and what to clean up."""

    ok: bool = field(default=True, init=False)
    data_dir: str
    files: tuple[FileRecords, ...]
    newer_figures: tuple[NewerRow, ...]
    # Control characters in the data's text (a pasted terminal escape, most likely).
    warnings: tuple[str, ...]


def inspect_data(knowledge: KnowledgeBase, data_dir: str) -> DataCheck:
    """Records per file, every figure with a newer reported value, and control-text warnings."""
    return DataCheck(
        data_dir=data_dir,
        files=tuple(FileRecords(f"{c.file}.yaml", c.records) for c in count_records(knowledge)),
        newer_figures=tuple(
            NewerRow(
                f"{n.file}.yaml",
                n.record,
                n.update.field,
                n.update.summary,
                n.update.note,
                n.update.reported_by,
                n.update.date,
                n.source.title,
                n.source.url,
            )
            for n in newer_figures(knowledge)
        ),
        warnings=tuple(str(item) for item in control_texts(knowledge)),
    )
