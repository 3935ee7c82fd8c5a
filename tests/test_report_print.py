"""The HTML report printed and squeezed, in headless Chromium.

- Printed to PDF (``--print-to-pdf``): A4 pages, the heat map, trends and overdue actions each starting a
  page, every section heading in the PDF's text (``pdftotext``, Debian ``poppler-utils``), and the force,
  the period and "Page n of N" in the margin of every page.
- At 320 CSS pixels wide (WCAG 2.2 reflow): the page does not scroll sideways (wide tables scroll inside
  their own region), and everything focusable shows a visible focus outline.

Skips, saying why, when Chromium or poppler-utils is missing (``.ci/install-chromium`` installs both).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from a11y_tree import parse
from test_report import DEMO_READY, four_grade_workspace, report
from test_report_browser import find_chromium

A4_POINTS = (595, 842)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    browser = find_chromium()
    if browser is None:
        pytest.skip("Chromium not found (chromium, chromium-browser): run .ci/install-chromium to install it")
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def poppler(tool: str, *args: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} not found: install poppler-utils (.ci/install-chromium does)")
    result = subprocess.run([found, *args], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


MARGIN_BOXES = 131  # the first Chromium to print CSS page-margin boxes (@top-left, @bottom-right)


def print_to_pdf(page: Path, pdf: Path, profile: Path) -> None:
    version = chromium("--version", profile=profile).stdout
    major = re.search(r"(\d+)\.\d+\.\d+", version)
    if major and int(major[1]) < MARGIN_BOXES:
        pytest.skip(f"{version.strip()} cannot print page-margin boxes (needs Chromium {MARGIN_BOXES}+)")
    result = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), profile=profile)
    assert pdf.is_file(), f"chromium wrote no PDF (exit {result.returncode}): {result.stderr[-2000:]}"


def pdf_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text as laid out (a table row on one line), blank lines left out."""
    text = poppler("pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-")
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u00ad]", "", text)


def headings(page_html: str, level: str) -> list[str]:
    return [" ".join(h.text().split()) for h in parse(page_html).iter(level)]


def check_printed(page: Path, tmp_path: Path, force: str, period: str) -> list[str]:
    pdf = tmp_path / (page.stem + ".pdf")
    print_to_pdf(page, pdf, tmp_path / "profile")
    info = poppler("pdfinfo", str(pdf))
    count = int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1])
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert (round(float(size[1])), round(float(size[2]))) == A4_POINTS, info
    lines = pdf_lines(pdf)
    texts = [" ".join(" ".join(page).split()) for page in lines]
    assert len(texts) == count
    source = page.read_text(encoding="utf-8")
    # the heat map, trends and overdue actions each start a page: at least four pages
    assert count >= 1 + source.count('class="new-page"')
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {count}" in text, (number, text[:200])
        assert force in text and period in text, (number, text[:200])
    # pdftotext joins a word hyphenated across lines ("self-" "assessment"): compare without hyphens
    body = squash(" ".join(texts))
    for heading in headings(source, "h2") + headings(source, "h3"):
        assert squash(heading) in body, heading
    # no heading is left at the foot of a page, away from what it introduces
    every = {squash(h) for level in ("h2", "h3", "h4") for h in headings(source, level)}
    for number, page in enumerate(lines, start=1):
        assert page[-1] == f"Page {number} of {count}", page[-3:]
        assert squash(page[-2]) not in every, (number, page[-2])
    for heading in ("Heat map", "Trend over the last 8 quarters", "Overdue actions as at"):
        starts = [
            t for t in texts if re.sub(rf"^.*?{re.escape(period)} ", "", t, count=1).startswith(heading)
        ]
        assert starts, f"no page starts with {heading!r}"
    return texts


def test_four_grades_prints_on_a4_with_every_heading(
    make_workspace: Callable[..., Path], tmp_path: Path
) -> None:
    page = tmp_path / "four-grades.html"
    report(four_grade_workspace(make_workspace), "--format", "html", "-o", str(page))
    texts = check_printed(page, tmp_path, "Test Force", "2026-Q4")
    assert 4 <= len(texts) <= 8, len(texts)


@pytest.mark.skipif(not DEMO_READY, reason="the demo workspace is not in the repository yet")
def test_demo_prints_on_a4_with_every_heading(demo_workspace: Path, tmp_path: Path) -> None:
    page = tmp_path / "demo.html"
    report(demo_workspace, "--format", "html", "-o", str(page))
    texts = check_printed(page, tmp_path, "South Yorkshire Police", "2026-Q4")
    assert 5 <= len(texts) <= 30, len(texts)


# Run inside the report, in a 320-pixel-wide frame: the widths, and each focusable element's outline
# when focused from the keyboard. Written into the page as data-* attributes, read back with --dump-dom.
PROBE = """
function probe(frame) {
  const doc = frame.contentDocument;
  const focusable = [...doc.querySelectorAll("[tabindex], a[href], summary, button, input")];
  const outlines = focusable.map((el) => {
    el.focus({ focusVisible: true });
    const style = frame.contentWindow.getComputedStyle(el);
    return `${el.tagName.toLowerCase()}:${style.outlineStyle}:${parseFloat(style.outlineWidth)}`;
  });
  document.body.dataset.width = String(frame.contentWindow.innerWidth);
  document.body.dataset.scrollWidth = String(doc.documentElement.scrollWidth);
  document.body.dataset.outlines = outlines.join(" ");
}
"""


def test_reflows_at_320_pixels_with_visible_focus(
    make_workspace: Callable[..., Path], tmp_path: Path
) -> None:
    root = four_grade_workspace(make_workspace)
    source = report(root, "--format", "html").stdout
    wrapper = tmp_path / "narrow.html"
    # the probe is defined before the frame, which calls it once the report has loaded (and the
    # outer page's load, which --dump-dom waits for, waits for the frame's)
    wrapper.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><script>{PROBE}</script>'
        '<iframe onload="probe(this)" style="border:0;width:320px;height:2000px" '
        f'srcdoc="{html.escape(source)}"></iframe></body></html>',
        encoding="utf-8",
    )
    result = chromium("--dump-dom", wrapper.as_uri(), profile=tmp_path / "profile")
    found = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', result.stdout))
    assert found.get("width") == "320", result.stdout[-2000:] + result.stderr[-2000:]
    assert int(found["scroll-width"]) <= 320
    outlines = found["outlines"].split()
    assert len(outlines) >= 4 + 3  # four table regions, three charts' figures
    for outline in outlines:
        tag, style, width = outline.split(":")
        assert style not in ("none", "hidden") and float(width) >= 2, outline
