"""Headless Chromium for the HTML exports: a page's content widths, and the page as a PDF.

Each in one browser start, where Chromium is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# Each width in a frame of its own on one page: a script reports the content's width in each.
_OVERFLOW_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
{frames}
<script>
window.onload = () => {{
  const widths = [...document.querySelectorAll("iframe")].map((frame) => {{
    const doc = frame.contentDocument.documentElement;
    return frame.id + "=" + doc.scrollWidth + "/" + doc.clientWidth;
  }});
  document.title = "RESULT " + widths.join(" ");
}};
</script></body></html>
"""
_FRAME = (
    '<iframe id="w{width}" src="{page}" style="width:{width}px;height:800px;border:0"></iframe>'
)


def browser() -> str | None:
    """The headless-capable Chromium on the PATH, if any."""
    names = ("chromium", "chromium-browser", "chromium-headless-shell", "headless_shell")
    for name in (*names, "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _command(folder: Path, name: str) -> list[str]:
    found = browser()
    assert found is not None
    # A profile folder of its own, and none of Chromium's background connections (the tests
    # have no network to reach).
    return [
        found,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={folder / f'chromium-{name}'}",
    ]


def start_pdf(page: Path, pdf: Path) -> subprocess.Popen[bytes]:
    """Chromium printing page to pdf, started (wait on it): it runs beside the width check."""
    return subprocess.Popen(
        [*_command(page.parent, "pdf"), f"--print-to-pdf={pdf}", page.as_uri()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": str(page.parent)},
    )


def content_widths(page: Path, widths: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    """For each page width, the width of page's content and of its window, in CSS pixels."""
    frame = page.with_name(f"{page.stem}-frames.html")
    frames = "\n".join(_FRAME.format(width=width, page=page.name) for width in widths)
    frame.write_text(_OVERFLOW_PAGE.format(frames=frames), encoding="utf-8")
    result = subprocess.run(
        [
            *_command(page.parent, "widths"),
            "--allow-file-access-from-files",
            "--virtual-time-budget=2000",
            "--dump-dom",
            frame.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(page.parent)},
        check=False,
    )
    assert "<title>RESULT " in result.stdout, result.stderr[-2000:]
    shown = result.stdout.split("<title>RESULT ", 1)[1].split("</title>", 1)[0]
    found: dict[int, tuple[int, int]] = {}
    for part in shown.split():
        name, sizes = part.split("=")
        scroll, client = (int(size) for size in sizes.split("/"))
        found[int(name.removeprefix("w"))] = (scroll, client)
    assert sorted(found) == sorted(widths), shown
    return found
