"""The reports for every reader: headers a screen reader can tie to each cell, charts in words and as
tables, readable ink on every grade colour, headings in order, and Markdown tables with header rows.

The HTML validator, the printed PDF and the 320-pixel layout are checked with real tools in
``test_report_validator.py`` and ``test_report_print.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from a11y_tree import Node, announce, by_id, header_name, parse
from test_report import FOUR_GRADES, four_grade_workspace, needs_demo, report, write_assessment

from selfassess.core.colours import contrast, hex_colour, text_on
from selfassess.formats.bundled import bundled_framework
from selfassess.formats.criteria import load_framework
from selfassess.report.describe import worst_run

# Pale, mid-tone and dark framework colours: mid-greys such as #777777 are where near-black and white
# text both come closest to failing.
PALE_AND_DARK = [
    ("paper", "Paper", "#ffffff"),
    ("cream", "Cream", "cornsilk"),
    ("mid", "Mid grey", "#777777"),
    ("steel", "Steel", "#767676"),
    ("blue", "Blue", "#0000ff"),
    ("night", "Night", "#0b0b0b"),
]


@pytest.fixture
def four_grades_page(make_workspace: Callable[..., Path]) -> Node:
    return parse(report(four_grade_workspace(make_workspace), "--format", "html").stdout)


def section(root: Node, ident: str) -> Node:
    return by_id(root, ident)


def test_heat_map_cells_are_read_with_their_district_and_criterion(four_grades_page: Node) -> None:
    (table,) = section(four_grades_page, "heat-map").iter("table")
    spoken = announce(table)
    assert spoken[("North", "S1")] == "North, S1, Inadequate, worse since 2026-Q3"
    assert spoken[("North", "V1")] == "North, V1, Good, better since 2026-Q3"
    assert spoken[("North", "S2")] == "North, S2, Good"
    assert spoken[("North", "L1")] == "North, L1, not rated, no longer rated since 2026-Q3"
    assert spoken[("South East", "V2")] == "South East, V2, n/a"
    assert spoken[("West", "S1")] == "West, S1, missing"
    assert len(spoken) == 3 * 6
    themes = [header_name(th) for th in table.iter("th") if th.attrs.get("scope") == "rowgroup"]
    assert themes == ["Safety | <b>care</b>", "Voice of the child", "Leadership"]
    # each theme heads its own group of rows
    assert [len(list(body.iter("th"))) for body in table.iter("tbody")] == [4, 3, 2]


def test_every_table_has_a_caption_and_scoped_headers(four_grades_page: Node) -> None:
    tables = list(four_grades_page.iter("table"))
    assert len(tables) == 4 + 3  # districts, themes, heat map, overdue; one figures table per chart
    for table in tables:
        captions = [c for c in table.elements() if c.tag == "caption"]
        assert len(captions) == 1 and captions[0].text().strip(), table.attrs
        for th in table.iter("th"):
            assert th.attrs.get("scope") in ("row", "col", "rowgroup", "colgroup"), th.text()


def test_wide_tables_scroll_in_a_named_focusable_region(four_grades_page: Node) -> None:
    for table in four_grades_page.iter("table"):
        if table.parent is not None and table.parent.tag == "details":
            continue  # the charts' figures: a narrow table
        region = table.parent
        assert region is not None and region.has_class("table-scroll"), table.attrs
        # a <section> with a name is a region landmark
        assert region.tag == "section" and region.attrs.get("tabindex") == "0"
        caption = next(c for c in table.elements() if c.tag == "caption")
        assert region.attrs.get("aria-labelledby") == caption.attrs.get("id")


def test_districts_table_headers(four_grades_page: Node) -> None:
    (table,) = section(four_grades_page, "districts").iter("table")
    spoken = announce(table)
    assert spoken[("North", "Inadequate")] == "North, Inadequate, 1"
    assert spoken[("South East", "Status")] == "South East, Status, draft"
    assert spoken[("North", "Worse")] == "North, Worse, 1"


def test_charts_say_what_they_show_in_words_and_as_a_table(four_grades_page: Node) -> None:
    figures = list(section(four_grades_page, "trends").iter("figure"))
    assert len(figures) == 3
    words = []
    for figure in figures:
        (svg,) = figure.iter("svg")
        assert svg.attrs.get("role") == "img"
        title, desc = (
            by_id(four_grades_page, svg.attrs["aria-labelledby"]),
            by_id(four_grades_page, svg.attrs["aria-describedby"]),
        )
        assert title.tag == "title" and title.parent is svg and title.text().strip()
        assert desc.tag == "desc" and desc.parent is svg
        words.append(desc.text())
    assert words[0] == (
        "North: 1 Inadequate, 0 Requires improvement, 3 Good, 1 Outstanding and 1 not rated in 2026-Q4; "
        "Inadequate at 1 since 2026-Q3, up from 0 in 2025-Q2."
    )
    assert words[1] == (
        "South East: 1 Inadequate, 0 Requires improvement, 1 Good, 1 Outstanding and 1 not rated in "
        "2026-Q4; Inadequate up from 0 in 2026-Q3."
    )
    assert words[2] == (
        "West: no readable assessment in 2026-Q4. In 2026-Q3: 0 Inadequate, 1 Requires improvement, "
        "1 Good, 0 Outstanding and 3 not rated."
    )
    # the same figures as a table, one row per quarter
    (details,) = figures[0].iter("details")
    assert "North" in next(details.iter("summary")).text()
    (table,) = details.iter("table")
    spoken = announce(table)
    assert spoken[("Good", "2025-Q2")] == "Good, 2025-Q2, 6"
    assert spoken[("Inadequate", "2026-Q4")] == "Inadequate, 2026-Q4, 1"
    assert spoken[("Inadequate", "2025-Q1")] == "Inadequate, 2025-Q1, none"
    assert len({row for _, row in spoken}) == 8


def test_headings_are_in_order(four_grades_page: Node) -> None:
    levels = [int(n.tag[1]) for n in four_grades_page.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels
    (html,) = four_grades_page.iter("html")
    assert html.attrs.get("lang") == "en-GB"


def test_movement_is_not_carried_by_colour_or_symbol_alone(four_grades_page: Node) -> None:
    for move in four_grades_page.iter("span"):
        if move.has_class("move"):
            assert move.attrs.get("aria-hidden") == "true"  # the words beside it are read instead
            words = move.parent.elements()[move.parent.elements().index(move) + 1]
            assert words.has_class("visually-hidden") and "since 2026-Q3" in words.text()


def ink_rules(html: str) -> dict[int, tuple[str, str]]:
    return {
        int(n): (bg, fg)
        for n, bg, fg in re.findall(
            r"\.grade-(\d+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", html
        )
    }


def test_text_on_any_colour_meets_4_5_to_1() -> None:
    steps = range(0, 256, 15)
    for r in steps:
        for g in steps:
            for b in steps:
                background = f"#{r:02x}{g:02x}{b:02x}"
                assert contrast(background, text_on(background)) >= 4.5, background
    for grey in range(256):
        background = f"#{grey:02x}{grey:02x}{grey:02x}"
        assert contrast(background, text_on(background)) >= 4.5, background


def test_bundled_framework_colours_are_readable() -> None:
    path = bundled_framework("ncpi")
    assert path is not None
    for grade in load_framework(path).scale:
        background = hex_colour(grade.colour)
        assert background is not None, grade.colour
        assert contrast(background, text_on(background)) >= 4.5, grade


def test_report_on_pale_and_dark_colours_is_readable(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace(grades=PALE_AND_DARK, per_theme=6)
    ratings = {f"T1C{i + 1}": grade for i, (grade, _, _) in enumerate(PALE_AND_DARK)}
    write_assessment(root, "north", "2026-Q3", ratings)
    write_assessment(root, "north", "2026-Q4", ratings | {"T2C1": "mid", "T2C2": "mid"})
    html = report(root, "--format", "html").stdout
    rules = ink_rules(html)
    assert sorted(rules) == list(range(1, len(PALE_AND_DARK) + 1))
    for background, ink in rules.values():
        assert contrast(background, ink) >= 4.5, (background, ink)
    # the counts written on the chart's columns too
    svg = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert svg
    labelled = re.findall(
        r'<rect [^>]*fill="(#[0-9a-f]{6})"/><text [^>]*class="count" fill="(#[0-9a-f]{6})"', svg[0]
    )
    assert len(labelled) >= 2
    for background, ink in labelled:
        assert contrast(background, ink) >= 4.5, (background, ink)
    # a column segment too pale to see on white (under 3:1, WCAG 1.4.11) is outlined
    outlined = 0
    for rect in re.findall(r"<rect [^>]*/>", svg[0]):
        fill = re.search(r'fill="(#[0-9a-f]{6})"', rect)[1]
        if contrast(fill, "#ffffff") < 3:
            stroke = re.search(r'stroke="(#[0-9a-f]{6})"', rect)
            assert stroke and contrast(stroke[1], "#ffffff") >= 3, rect
            outlined += 1
    assert outlined >= 2  # paper and cream, in each quarter


def test_four_grade_colours_are_readable(four_grades_page: Node) -> None:
    (style,) = four_grades_page.iter("style")
    rules = ink_rules(style.text())
    assert [bg for _, (bg, _) in sorted(rules.items())] == [c for _, _, c in FOUR_GRADES]
    assert all(contrast(bg, ink) >= 4.5 for bg, ink in rules.values())


def markdown_tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def test_markdown_tables_have_header_rows_and_the_charts_figures_in_words(
    make_workspace: Callable[..., Path],
) -> None:
    text = report(four_grade_workspace(make_workspace), "--format", "md").stdout
    tables = markdown_tables(text)
    assert len(tables) == 5  # districts, themes, heat map, trend, overdue
    for table in tables:
        assert re.fullmatch(r"\|( --- \|)+", table[1]), table[:2]
        assert table[0].count("|") == table[1].count("|")
        assert all(cell.strip() for cell in table[0].strip("|").split("|")), table[0]
    assert (
        "- North: 1 Inadequate, 0 Requires improvement, 3 Good, 1 Outstanding and 1 not rated in 2026-Q4; "
        "Inadequate at 1 since 2026-Q3, up from 0 in 2025-Q2.\n"
    ) in text
    assert "- West: no readable assessment in 2026-Q4. In 2026-Q3:" in text


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ([("2026-Q3", 4)], ""),
        (
            [("2025-Q3", 0), ("2026-Q1", 0), ("2026-Q2", 0), ("2026-Q3", 6), ("2026-Q4", 9)],
            "Red up from 0 in 2026-Q2",
        ),
        (
            [("2025-Q3", 18), ("2025-Q4", 11), ("2026-Q1", 2), ("2026-Q2", 0), ("2026-Q4", 0)],
            "Red at 0 since 2026-Q2, down from 18 in 2025-Q3",
        ),
        ([("2025-Q3", 2), ("2025-Q4", 2)], "Red unchanged at 2 since 2025-Q3"),
        ([("2025-Q3", 5), ("2025-Q4", 1), ("2026-Q1", 3)], "Red up from 1 in 2025-Q4"),
    ],
)
def test_worst_grade_run_in_words(values: list[tuple[str, int]], words: str) -> None:
    assert worst_run("Red", values) == words


@needs_demo
def test_demo_chart_words(demo_workspace: Path) -> None:
    page = parse(report(demo_workspace, "--format", "html").stdout)
    descs = [d.text() for d in page.iter("desc") if not d.text().startswith("Share of sampled cases")]
    assert len(descs) == 5  # four districts and the force-wide unit (the sample charts are below)
    assert all(re.match(r"\w[\w ]*: \d+ \w", d) and " in 2026-Q4" in d for d in descs), descs
    if any(d.startswith("Doncaster: 9 Red, 11 Amber and 10 Green") for d in descs):  # the example
        assert "Doncaster: 9 Red, 11 Amber and 10 Green in 2026-Q4; Red up from 0 in 2026-Q2." in descs
