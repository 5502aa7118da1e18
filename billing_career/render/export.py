"""Plan exports, the format chosen by the file's extension: Markdown, HTML or iCalendar.

A Markdown checklist, a self-contained HTML page, or an iCalendar file with one event per step
milestone, the exam and the first renewal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from billing_career.errors import OperationError, UsageError
from billing_career.knowledge.models import KnowledgeBase
from billing_career.render.outline import Grid, Item, Outline, plan_outline

FORMATS: dict[str, str] = {
    ".md": "Markdown checklist",
    ".html": "self-contained HTML page",
    ".ics": "iCalendar events",
}


def export_format(path: Path) -> str:
    """The format for path's extension (any case); an unknown one is a usage error listing all."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(f"{ext} ({what})" for ext, what in FORMATS.items())
        shown = f"'{suffix}'" if suffix else f"of '{path.name}' (no extension)"
        raise UsageError(f"Unknown export format {shown}.", f"Known: {known}.")
    return suffix


def check_export_target(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> str:
    """Fail early, before planning: a known extension, an existing folder, no file in the way
    (unless force), never a device or one of the command's inputs. Returns the format."""
    from billing_career.files import check_target

    kind = export_format(path)
    check_target(
        path,
        overwrite=force,
        folder_hint="Give a file name ending in .md, .html or .ics.",
        inputs=inputs,
    )
    return kind


def write_export(
    plan: dict[str, Any],
    path: Path,
    *,
    force: bool,
    kb: KnowledgeBase,
    stamp: datetime | None = None,
    inputs: Iterable[Path] = (),
) -> None:
    """Write the plan to path in the format its extension names, atomically.

    An existing file is replaced only with force; a missing folder is an error, as is an unknown
    extension (exit 2, listing the formats).
    """
    from billing_career.files import write_atomic

    inputs = tuple(inputs)
    kind = check_export_target(path, force=force, inputs=inputs)
    outline = plan_outline(plan, kb)
    renderers: dict[str, Callable[[Outline], str | bytes]] = {
        ".md": to_markdown,
        ".html": to_html,
        ".ics": lambda o: to_ics(o, stamp=stamp),
    }
    write_atomic(path, renderers[kind](outline), overwrite=force, inputs=inputs)


# --- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Text as literal Markdown: characters that would format or link are escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_item(item: Item) -> list[str]:
    box = "- [ ] " if item.checkbox else "- "
    strong = bool(item.details) or (item.checkbox and item.label is not None)
    head = f"**{md(item.text)}**" if strong else md(item.text)
    if item.label:
        head = (
            f"**{md(item.label)}:** {md(item.text)}"
            if not item.checkbox
            else f"{head} ({md(item.label)})"
        )
    lines = [box + head]
    lines.extend(f"  - {md(detail)}" for detail in item.details)
    return lines


def _md_grid(grid: Grid) -> list[str]:
    rows = [grid.header, *grid.rows, *([grid.total] if grid.total else [])]
    lines = [
        "| " + " | ".join(md(cell) for cell in grid.header) + " |",
        "|" + "|".join("---" for _ in grid.header) + "|",
    ]
    for index, row in enumerate(rows[1:], start=1):
        cells = [md(cell) for cell in row]
        if grid.total and index == len(rows) - 1:
            cells = [f"**{cell}**" for cell in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(outline: Outline) -> str:
    """The plan as a Markdown document: steps and first actions are checklist items."""
    lines = [f"# {md(outline.title)}", ""]
    for section in outline.sections:
        lines += [f"## {md(section.title)}", ""]
        for item in section.items:
            lines += _md_item(item)
        if section.items:
            lines.append("")
        if section.grid:
            lines += [*_md_grid(section.grid), ""]
        if section.notes:
            lines += [*(f"- {md(note)}" for note in section.notes), ""]
    lines.append(
        "Made with bcareer from the career guide's figures; check them with the "
        "schools and issuers."
    )
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: .3rem .6rem; }
td.num, th.num { text-align: right; white-space: nowrap; } tr.total td { font-weight: bold; }
ul.checklist { list-style: none; padding-left: 0; } .when { color: #555; }
.note, footer { color: #555; font-size: .9rem; }
""".strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_item(item: Item) -> str:
    strong = bool(item.details) or (item.checkbox and item.label is not None)
    head = f"<strong>{_e(item.text)}</strong>" if strong else _e(item.text)
    if item.label and item.checkbox:
        head += f' <span class="when">({_e(item.label)})</span>'
    elif item.label:
        head = f"<strong>{_e(item.label)}:</strong> {_e(item.text)}"
    if item.checkbox:
        head = f'<label><input type="checkbox"> {head}</label>'
    details = "".join(f"<li>{_e(detail)}</li>" for detail in item.details)
    return f"<li>{head}" + (f"<ul>{details}</ul>" if details else "") + "</li>"


def _html_grid(grid: Grid) -> str:
    def cells(row: tuple[str, ...], tag: str) -> str:
        # The first column names the row; the others hold figures, kept whole and right-aligned.
        return "".join(
            f"<{tag}{'' if i == 0 else NUM}>{_e(cell)}</{tag}>" for i, cell in enumerate(row)
        )

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in grid.rows)
    total = f'<tr class="total">{cells(grid.total, "td")}</tr>' if grid.total else ""
    return (
        f"<table><thead><tr>{cells(grid.header, 'th')}</tr></thead>"
        f"<tbody>{body}{total}</tbody></table>"
    )


NUM = ' class="num"'


def to_html(outline: Outline) -> str:
    """The plan as one HTML page with its own styles and no outside resources; all text escaped."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(outline.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(outline.title)}</h1>",
    ]
    for section in outline.sections:
        parts.append(f"<section><h2>{_e(section.title)}</h2>")
        if section.items:
            checklist = any(item.checkbox for item in section.items)
            css = ' class="checklist"' if checklist else ""
            parts.append(f"<ul{css}>" + "".join(_html_item(i) for i in section.items) + "</ul>")
        if section.grid:
            parts.append(_html_grid(section.grid))
        if section.notes:
            parts.append(
                '<ul class="note">'
                + "".join(f"<li>{_e(note)}</li>" for note in section.notes)
                + "</ul>"
            )
        parts.append("</section>")
    parts += [
        "<footer><p>Made with bcareer from the career guide's figures; check them with the "
        "schools and issuers.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# --- iCalendar ----------------------------------------------------------------------------------


def to_ics(outline: Outline, *, stamp: datetime | None = None) -> bytes:
    """One all-day event per milestone: each step's end, the exam, the first renewal."""
    from billing_career.render.ical import CalendarEvent, calendar_bytes

    if not outline.milestones:
        raise OperationError("Nothing to put in a calendar: the plan has no dated steps.")
    events = [
        CalendarEvent(
            key=f"plan:{m.key}:{m.day.isoformat()}",
            day=m.day,
            title=m.title,
            description=m.description,
        )
        for m in outline.milestones
    ]
    return calendar_bytes(events, name="Medical billing career plan", stamp=stamp)
