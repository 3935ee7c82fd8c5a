"""The HTML report: one self-contained, escaped document with a coloured heat map and SVG trend charts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_report import FOUR_GRADES, HOSTILE, four_grade_workspace, needs_demo, report, write_assessment

from selfassess.core.colours import contrast, hex_colour


class Document(HTMLParser):
    """Every tag with its attributes, and the text, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}


@pytest.fixture
def four_grades_html(make_workspace: Callable[..., Path]) -> str:
    return report(four_grade_workspace(make_workspace), "--format", "html").stdout


def assert_self_contained(html: str) -> Document:
    document = Document(html)
    assert not {"script", "img", "link", "iframe", "object", "embed", "image", "use"} & document.names()
    for tag, attrs in document.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcset", "xlink:href", "action"), (tag, name)
            if name == "href":
                assert value and value.startswith("#"), value
    lowered = html.lower()
    for fetch in ("http:", "https:", "//", "url(", "@import", "@font-face", "src="):
        assert fetch not in lowered, fetch
    return document


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(match) for match in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def test_user_text_is_escaped_everywhere(four_grades_html: str) -> None:
    document = assert_self_contained(four_grades_html)
    text = "".join(document.text)
    assert '<script>alert(1)</script> [/] | pipe & "quotes" # not a heading =SUM(A1)' in text
    assert "Fix <it> | now" in text and "ACC <Reviewer> | Example" in text
    assert "Safety | <b>care</b>" in text and "Readiness <check> & review" in text
    assert "DCI Test <Example>" in text
    assert "<script>" not in four_grades_html and "<b>care" not in four_grades_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in four_grades_html
    # the comment keeps its lines, each a paragraph
    for line in HOSTILE.splitlines():
        assert line in document.text


def test_svg_charts_are_well_formed(four_grades_html: str) -> None:
    charts = svgs(four_grades_html)
    assert len(charts) == 3  # one per district
    for chart in charts:
        assert chart.tag == "svg" and chart.get("viewBox")
        assert chart.find("title") is not None
        quarters = [t.text for t in chart.iter("text") if t.text and t.text.startswith("Q")]
        assert len(quarters) == 8
    north = charts[0]
    fills = {r.get("fill") for r in north.iter("rect")}
    assert {hex_colour(c) for _, _, c in FOUR_GRADES} & fills
    assert any(t.text == "none" for t in north.iter("text"))  # 2025-Q1: no assessment


def test_heat_map_uses_the_framework_colours_with_readable_labels(four_grades_html: str) -> None:
    rules = {
        int(n): (bg, fg)
        for n, bg, fg in re.findall(
            r"\.grade-(\d) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", four_grades_html
        )
    }
    assert [bg for _, (bg, _) in sorted(rules.items())] == [c for _, _, c in FOUR_GRADES]
    for background, text in rules.values():
        assert contrast(background, text) >= 4.5
    heat_map = four_grades_html.split('id="heat-map"')[1].split("</section>")[0]
    cells = re.findall(r'<td class="cell grade-(\d)">([^<]+)', heat_map)
    labels = {n: label for n, (_, label, _) in enumerate(FOUR_GRADES, start=1)}
    assert cells and all(labels[int(n)] == text for n, text in cells)
    assert {"Inadequate", "Good", "Outstanding"} <= {text for _, text in cells}
    assert 'class="cell na">n/a' in four_grades_html
    assert 'class="cell unrated">not rated' in four_grades_html
    assert 'class="cell missing">missing' in four_grades_html
    themes = four_grades_html.split('id="themes"')[1].split("</section>")[0]
    assert themes.count('<td class="cell grade-1">Inadequate (1)</td>') == 2


def test_document_structure_and_print_rules(four_grades_html: str) -> None:
    document = Document(four_grades_html)
    headings = [t for t in document.text if t.strip()]
    for heading in ("Key points", "Districts", "Heat map", "Criteria rated Inadequate, theme by theme"):
        assert heading in headings
    assert "@page" in four_grades_html and "size: A4" in four_grades_html
    assert "break-inside: avoid" in four_grades_html and "break-before: page" in four_grades_html
    assert four_grades_html.count("<style>") == 1 and four_grades_html.startswith("<!DOCTYPE html>")
    assert "overdue" in document.text  # S1-a1 is past due on the as-of date


def test_unknown_colour_names_fall_back_to_a_labelled_cell(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace(grades=[("low", "Low", "notacolour"), ("high", "High", "teal")])
    write_assessment(root, "north", "2026-Q4", {"T1C1": "low", "T1C2": "high"})
    html = report(root, "--format", "html").stdout
    assert_self_contained(html)
    assert ".grade-1 { background: #fff;" in html  # no colour: a bordered cell
    assert ".grade-2 { background: #008080; color: #ffffff; }" in html  # teal
    assert '<td class="cell grade-1">Low' in html


@needs_demo
def test_demo_html(demo_workspace: Path) -> None:
    html = report(demo_workspace, "--format", "html").stdout
    document = assert_self_contained(html)
    charts = svgs(html)
    trends = [svg for svg in charts if "sample" not in svg.get("class", "")]
    assert len(trends) == 5  # a trend chart per district and the force-wide unit
    assert len(charts) - len(trends) == 18  # a chart per criterion the demo's units sampled (2024.2)
    assert "South Yorkshire Police" in "".join(document.text)


def test_themes_at_a_glance_says_na_for_a_theme_never_asked_and_spaces_its_headers(
    make_workspace: Callable[..., Path],
) -> None:
    """#28 item 12: a theme whose criteria are all n/a for a district reads n/a, not "not rated"; the
    district headers have room between them (they ran together: "DoncasterRotherhamSheffield")."""
    root = make_workspace()
    write_assessment(root, "north", "2026-Q4", {"T1C1": "red", "T2C1": "n/a", "T2C2": "n/a", "T2C3": "n/a"})
    html = report(root, "--format", "html").stdout
    themes = html[html.index('<section id="themes">') :]
    themes = themes[: themes.index("</section>")]
    row = themes[themes.index("Theme 2</th>") :]
    assert row.split("</tr>")[0].count('<td class="cell na">n/a</td>') == 1
    assert "table.heat th.district { text-align: center; line-height: 1.15; padding: 1.6pt 4pt;" in html
