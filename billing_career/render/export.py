"""Plan exports, the format chosen by the file's extension: Markdown, HTML or iCalendar.

A Markdown checklist, a self-contained HTML page, or an iCalendar file with one event per step
milestone, the exam and the first renewal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from billing_career.errors import OperationError, UsageError
from billing_career.render.glossary import Explainer
from billing_career.render.outline import Grid, Item, Outline, made_text, plan_outline

if TYPE_CHECKING:
    from billing_career.planning.planner import Plan

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
    plan: Plan | Outline,
    path: Path,
    *,
    force: bool,
    made_on: date,
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
    # A what-if comparison comes as its outline (render/whatif.py), drawn the same way.
    outline = plan if isinstance(plan, Outline) else plan_outline(plan)
    renderers: dict[str, Callable[[Outline], str | bytes]] = {
        ".md": lambda o: to_markdown(o, made_on=made_on),
        ".html": lambda o: to_html(o, made_on=made_on),
        ".ics": lambda o: to_ics(o, stamp=stamp),
    }
    write_atomic(path, renderers[kind](outline), overwrite=force, inputs=inputs)


# --- Markdown -----------------------------------------------------------------------------------

# Written so that pandoc, markdown-it-py and Python-Markdown all read the same text. A backslash
# escape only where all three take one (Python-Markdown's short list: \\ ` * _ [ ] #); an entity
# for the rest: & (a would-be entity), < and > (a tag, a quote), | (a table cell), ~ and ^
# (pandoc's subscript and superscript).
# `$` stays as written: an amount is `$` then a digit, which pandoc never reads as math (a closing
# `$` must not be followed by a digit), and the others have no math; `\$` printed literally in
# Python-Markdown.
_MD_ESCAPES = {
    **{char: f"\\{char}" for char in "\\`*_[]#"},
    "&": "&amp;",
    "<": "&lt;",
    "|": "&#124;",
    ">": "&gt;",
    "~": "&#126;",
    "^": "&#94;",
}
_MD_SPECIAL = re.compile("[" + re.escape("".join(_MD_ESCAPES)) + "]")


def md(text: str) -> str:
    """Text as literal Markdown: characters that would format, link or make a tag are escaped."""
    return _MD_SPECIAL.sub(lambda found: _MD_ESCAPES[found.group()], " ".join(text.split()))


def _md_item(item: Item, gloss: Explainer) -> list[str]:
    box = "- [ ] " if item.checkbox else "- "
    text = gloss(item.text)
    if item.checkbox and item.label:  # a dated step: its title, then its dates
        head = f"**{md(text)}** ({md(item.label)})"
    elif item.label:
        head = f"**{md(item.label)}:** {md(text)}"
    else:
        head = md(text)
    lines = [box + head]
    # Four spaces: the indent Python-Markdown needs to nest a list (the others take two too).
    lines.extend(f"    - {md(gloss(detail))}" for detail in item.details)
    return lines


def _md_grid(grid: Grid, gloss: Explainer) -> list[str]:
    lines = [
        "| " + " | ".join(md(cell) for cell in grid.header) + " |",
        "|" + "|".join("---" for _ in grid.header) + "|",
    ]
    lines += ["| " + " | ".join(md(gloss(cell)) for cell in row) + " |" for row in grid.rows]
    if grid.total:
        lines.append("| " + " | ".join(f"**{md(cell)}**" for cell in grid.total) + " |")
    return lines


def made_line(outline: Outline, made_on: date) -> str:
    """'Made on November 30, 2026 for: your education: GED; ...'."""
    return made_text(outline, made_on)


def to_markdown(outline: Outline, *, made_on: date) -> str:
    """The plan as a Markdown document: the answer, then sections; steps and first actions are
    checklist items. Every text is literal (escaped), `$` included."""
    gloss = Explainer(outline.glossary)
    lines = [f"# {md(outline.title)}", ""]
    if outline.lead:
        lines += [md(gloss(outline.lead)), ""]
    lines += [
        f"- **{md(line.label)}:** {md(gloss(line.text, answer=True))}" for line in outline.answer
    ]
    lines.append("")
    # What the plan was made for, after the answer (the answer comes first, on a phone too).
    lines += [md(made_line(outline, made_on)), ""]
    if outline.assumed:
        lines += [md(gloss(outline.assumed)), ""]
    for section in outline.sections:
        lines += [f"## {md(section.title)}", ""]
        for item in section.items:
            lines += _md_item(item, gloss)
        if section.items:
            lines.append("")
        if section.grid:
            lines += [*_md_grid(section.grid, gloss), ""]
        for note in section.notes:
            # Each note its own paragraph, never merged into the list above it.
            lines += [md(gloss(note)), ""]
    lines.append(
        "Made with bcareer from the career guide's figures; check them with the "
        "schools and issuers."
    )
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; overflow-wrap: anywhere; }
dl.answer { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.answer dt { font-weight: bold; } dl.answer dd { margin: 0; min-width: 0; }
@media (max-width: 30rem) { dl.answer { grid-template-columns: 1fr; }
                            dl.answer dd { margin-bottom: .4rem; } }
table { max-width: 100%; }
/* A wide table (the options, side by side) scrolls inside its box on a phone, not the page. */
div.table { overflow-x: auto; max-width: 100%; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: .3rem .6rem; }
td.num, th.num { text-align: right; white-space: nowrap; } tr.total td { font-weight: bold; }
ul.checklist { list-style: none; padding-left: 0; } .when { color: #555; }
.note, footer { color: #555; font-size: .9rem; }
""".strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_item(item: Item, gloss: Explainer) -> str:
    text = gloss(item.text)
    if item.checkbox and item.label:  # a dated step: its title, then its dates
        head = f'<strong>{_e(text)}</strong> <span class="when">({_e(item.label)})</span>'
    elif item.label:
        head = f"<strong>{_e(item.label)}:</strong> {_e(text)}"
    else:
        head = _e(text)
    if item.checkbox:
        head = f'<label><input type="checkbox"> {head}</label>'
    details = "".join(f"<li>{_e(gloss(detail))}</li>" for detail in item.details)
    return f"<li>{head}" + (f"<ul>{details}</ul>" if details else "") + "</li>"


def _html_grid(grid: Grid, gloss: Explainer) -> str:
    def cells(row: tuple[str, ...], tag: str) -> str:
        # The first column names the row; the others hold figures, kept whole and right-aligned.
        return "".join(
            f"<{tag}{'' if i == 0 else NUM}>{_e(cell)}</{tag}>" for i, cell in enumerate(row)
        )

    body = "".join(f"<tr>{cells(tuple(gloss(c) for c in row), 'td')}</tr>" for row in grid.rows)
    total = f'<tr class="total">{cells(grid.total, "td")}</tr>' if grid.total else ""
    return (
        f'<div class="table"><table><thead><tr>{cells(grid.header, "th")}</tr></thead>'
        f"<tbody>{body}{total}</tbody></table></div>"
    )


NUM = ' class="num"'


def to_html(outline: Outline, *, made_on: date) -> str:
    """The plan as one HTML page with its own styles and no outside resources; all text escaped."""
    gloss = Explainer(outline.glossary)
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
        *([f'<p class="note">{_e(gloss(outline.lead))}</p>'] if outline.lead else []),
        '<dl class="answer">'
        + "".join(
            f"<dt>{_e(line.label)}</dt><dd>{_e(gloss(line.text, answer=True))}</dd>"
            for line in outline.answer
        )
        + "</dl>",
        # What the plan was made for, after the answer (the answer comes first, on a phone too).
        f'<p class="note">{_e(made_line(outline, made_on))}</p>',
        *([f'<p class="note">{_e(gloss(outline.assumed))}</p>'] if outline.assumed else []),
    ]
    for section in outline.sections:
        parts.append(f"<section><h2>{_e(section.title)}</h2>")
        if section.items:
            checklist = any(item.checkbox for item in section.items)
            css = ' class="checklist"' if checklist else ""
            parts.append(
                f"<ul{css}>" + "".join(_html_item(i, gloss) for i in section.items) + "</ul>"
            )
        if section.grid:
            parts.append(_html_grid(section.grid, gloss))
        parts += [f'<p class="note">{_e(gloss(note))}</p>' for note in section.notes]
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
    """One all-day event per milestone: each step over its days, the exam, the first renewal."""
    from billing_career.render.ical import CalendarEvent, calendar_bytes

    if not outline.milestones:
        raise OperationError("Nothing to put in a calendar: the plan has no dated steps.")
    events = [
        CalendarEvent(
            key=f"plan:{m.key}:{m.day.isoformat()}",
            day=m.day,
            title=m.title,
            description=m.description,
            end=m.end,
        )
        for m in outline.milestones
    ]
    return calendar_bytes(events, name="Medical billing career plan", stamp=stamp)
