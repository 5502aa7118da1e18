"""The Markdown export reads the same in three real clients: pandoc, markdown-it-py and
Python-Markdown. Same text (no stray backslash, every `$`), same list nesting, same tables."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from billing_career.planning.load import load_knowledge
from billing_career.planning.planner import make_plan
from billing_career.planning.profile import Profile
from billing_career.render.export import md, to_markdown
from billing_career.render.outline import plan_outline

# Typography pandoc adds by itself (its `smart` extension), undone before comparing.
_SMART = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "--",
    "\u2026": "...",
}


class _Shape(HTMLParser):
    """An HTML page as (list depth, text) per block, and the table rows' cells."""

    BLOCKS = frozenset({"h1", "h2", "p", "li", "td", "th"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.blocks: list[tuple[int, str, str]] = []
        self.cells: list[int] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.depth += 1
        if tag == "tr":
            self.cells.append(0)
        if tag in ("td", "th"):
            self.cells[-1] += 1
        if tag in self.BLOCKS:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.depth -= 1
        if tag in self.BLOCKS and self._open and self._open[-1][0] == tag:
            name, parts = self._open.pop()
            text = " ".join("".join(parts).split()).replace("[ ]", "").strip()
            for curly, plain in _SMART.items():
                text = text.replace(curly, plain)
            if text and not (name == "p" and self._open and self._open[-1][0] == "li"):
                self.blocks.append((self.depth, "h" if name.startswith("h") else name, text))
            elif text:  # pandoc wraps some list items in <p>: the item's text all the same
                self._open[-1][1].append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1].append(data)


def shape(html: str) -> tuple[list[tuple[int, str, str]], list[int]]:
    parser = _Shape()
    parser.feed(html)
    return parser.blocks, parser.cells


def markdown_it_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark").enable("table").render(text))


def python_markdown_html(text: str) -> str:
    markdown = pytest.importorskip("markdown", reason="Python-Markdown is in the test extras")
    return str(markdown.markdown(text, extensions=["tables"]))


def pandoc_html(text: str) -> str:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (apt-get install pandoc)")
    done = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "html"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


@pytest.fixture(scope="module")
def exported() -> str:
    kb = load_knowledge(None)
    profile = Profile.model_validate(
        {
            "education": "ged",
            "budget": 3000,
            "schedule": "part-time",
            "veteran": True,
            "start": dt.date(2027, 1, 4),
        }
    )
    plan = make_plan(kb, profile)
    return to_markdown(plan_outline(plan), made_on=dt.date(2027, 1, 4))


@pytest.mark.parametrize("client", [python_markdown_html, pandoc_html])
def test_each_client_reads_what_markdown_it_reads(exported: str, client) -> None:
    expected_blocks, expected_cells = shape(markdown_it_html(exported))
    blocks, cells = shape(client(exported))
    assert cells == expected_cells
    assert blocks == expected_blocks
    nested = [block for block in expected_blocks if block[0] >= 2]
    assert nested, "a step's details are a list nested in its item"
    text = " ".join(block[2] for block in blocks)
    assert "\\" not in text  # no escape printed as a backslash
    assert re.search(r"\$\d", text)  # amounts as written


def test_every_special_character_reads_back_as_itself() -> None:
    tricky = r"A&B <b> 1|2 ~x~ ^y^ *s* _u_ `c` [l](x) # h \ $1,500-$3,500 > q"
    document = f"- {md(tricky)}\n"
    for html in (markdown_it_html(document), python_markdown_html(document), pandoc_html(document)):
        assert shape(html)[0] == [(1, "li", tricky)]
