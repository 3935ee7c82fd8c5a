"""Dip samples in every output: summary (text and JSON), diff, history, reports, import."""

from __future__ import annotations

import json
from pathlib import Path

from selfassess.logic.samples import wilson

from conftest import TODAY, run_cli


def test_summary_json_gives_each_districts_sample_and_the_pooled_figure(demo_workspace: Path) -> None:
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 0, result.stderr
    criteria = {c["id"]: c for c in json.loads(result.stdout)["criteria"]}
    ra2 = criteria["RA2"]
    doncaster = ra2["samples"]["doncaster"]
    low, high = wilson(13, 20)
    assert doncaster == {
        "size": 20, "met": 13, "proportion": round(13 / 20, 4), "ci": [round(low, 4), round(high, 4)],
        "supports": "red",
    }  # fmt: skip
    assert ra2["ratings"]["doncaster"] == "amber"
    sizes = [s["size"] for s in ra2["samples"].values()]
    mets = [s["met"] for s in ra2["samples"].values()]
    assert ra2["pooled"]["size"] == sum(sizes) and ra2["pooled"]["met"] == sum(mets)
    assert "samples" not in criteria["LD1"]  # the framework evidences LD1 by no sample
    assert "force" not in ra2["samples"]  # the force-wide unit is not asked RA2


def test_summary_text_lists_samples_and_marks_ratings_they_do_not_support(demo_workspace: Path) -> None:
    result = run_cli("summary", "2026-Q4", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("Dip samples\n")[1]
    ra2 = next(line for line in section.splitlines() if line.startswith("  RA2 "))
    assert "13/20 65%!" in ra2  # doncaster: Amber, but 13 of 20 supports Red
    assert "pooled" in ra2 and "supports" in ra2
    assert "! the rating is better than the sample supports" in section


SAMPLED = """\
schema = 2
framework = "test"
framework_version = "1.0"
district = "north"
period = "{period}"
status = "submitted"
assessor = "DCI A. Example"
updated = 2026-11-23T10:15:00Z

[criteria.T1C1]
rating = "{rating}"
evidence = "Dip sample of 20 incidents: {met} of 20 assessed each child."

[criteria.T1C1.sample]
size = 20
met = {met}
"""


def sampled_workspace(make_workspace, *quarters: tuple[str, str, int]) -> Path:
    """A workspace whose framework gives T1C1 and T1C2 a sample (T1C3 none), with north's files for each
    (period, rating, met)."""
    from conftest import sample_framework_yaml

    root = make_workspace(themes=1, per_theme=3)
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml(themes=1, per_theme=3))
    folder = root / "assessments" / "north"
    folder.mkdir(parents=True)
    for period, rating, met in quarters:
        (folder / f"{period}.toml").write_text(SAMPLED.format(period=period, rating=rating, met=met))
    return root


def test_diff_text_and_json_show_the_sample_as_one_field(make_workspace) -> None:
    root = sampled_workspace(make_workspace, ("2026-Q3", "amber", 14), ("2026-Q4", "green", 18))
    result = run_cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Dip samples\n  T1C1 sample 14/20 (70%) → 18/20 (90%)\n" in result.stdout
    data = json.loads(run_cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=root).stdout)
    (change,) = data["criteria"]
    assert change["changed"] == ["rating", "evidence", "sample"]
    assert change["sample"] == [{"size": 20, "met": 14}, {"size": 20, "met": 18}]


def test_history_gives_the_share_per_period(make_workspace) -> None:
    root = sampled_workspace(
        make_workspace, ("2026-Q2", "red", 9), ("2026-Q3", "amber", 14), ("2026-Q4", "green", 18)
    )
    text = run_cli("history", "north", cwd=root).stdout
    row = text.split("T1C1 ")[1].splitlines()[1]
    assert row.split() == ["met", "the", "standard", "45%", "70%", "90%"]
    data = json.loads(run_cli("history", "north", "--format", "json", cwd=root).stdout)
    t1c1 = next(c for c in data["criteria"] if c["id"] == "T1C1")
    assert {p: s["met"] for p, s in t1c1["samples"].items()} == {"2026-Q2": 9, "2026-Q3": 14, "2026-Q4": 18}
    assert [s["supports"] for s in t1c1["samples"].values()] == ["red", "amber", "green"]
    assert next(c for c in data["criteria"] if c["id"] == "T1C2")["samples"] == {}  # none recorded


def _import(root: Path, sheet: Path):
    return run_cli(
        "import", str(sheet), "--district", "north", "--period", "2027-Q1", "--as-of", TODAY, cwd=root
    )


def test_xlsx_has_sample_met_and_share_columns_and_imports_back(make_workspace, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from selfassess import load_assessment
    from selfassess.core.model import Sample

    root = sampled_workspace(make_workspace, ("2026-Q4", "amber", 14))
    out = tmp_path / "q4.xlsx"
    assert (
        run_cli(
            "report", "2026-Q4", "--format", "xlsx", "-o", str(out), "--as-of", TODAY, cwd=root
        ).returncode
        == 0
    )
    rows = list(load_workbook(out)["north"].iter_rows(values_only=True))
    header = list(rows[0])
    t1c1 = next(r for r in rows if r[0] == "T1C1")
    assert [t1c1[header.index(c)] for c in ("Sample", "Met", "Share met")] == [20, 14, 0.7]
    result = _import(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    after = load_assessment(root / "assessments" / "north" / "2027-Q1.toml")
    assert after.responses["T1C1"].sample == Sample(size=20, met=14)


def test_import_reads_samples_written_as_a_user_would(make_workspace, tmp_path: Path) -> None:
    from selfassess import load_assessment
    from selfassess.core.model import Sample

    root = sampled_workspace(make_workspace)
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(
        "Ref,Rating,Evidence,n/N\n"
        "T1C1,Amber,Dip sample of incidents,14 of 20\n"
        "T1C2,Green,Audit,28/30\n"
        "T1C2,Green,Seen,3 of 2\n"
    )
    result = _import(root, sheet)
    assert result.returncode == 1, result.stdout + result.stderr  # the impossible one was skipped
    assert "'3 of 2' is not a sample (met of cases, e.g. 14 of 20); ignored" in result.stdout
    after = load_assessment(root / "assessments" / "north" / "2027-Q1.toml")
    assert after.responses["T1C1"].sample == Sample(size=20, met=14)
    assert after.responses["T1C2"].sample == Sample(size=30, met=28)
    sheet.write_text("Criterion,Rating,Sample,Met\nT1C1,Green,20,19\nT1C3,Red,10,5\n")
    result = run_cli(
        "import", str(sheet), "--district", "north", "--period", "2027-Q2", "--as-of", TODAY, cwd=root
    )
    assert "framework defines no dip sample for T1C3; sample ignored" in result.stdout
    after = load_assessment(root / "assessments" / "north" / "2027-Q2.toml")
    assert after.responses["T1C1"].sample == Sample(size=20, met=19)
    assert after.responses["T1C3"].sample is None


def test_every_report_format_carries_the_samples(make_workspace) -> None:
    import csv
    import io
    import re
    import xml.etree.ElementTree as ET

    root = sampled_workspace(
        make_workspace, ("2026-Q2", "red", 9), ("2026-Q3", "amber", 14), ("2026-Q4", "green", 18)
    )

    def report(fmt: str) -> str:
        result = run_cli("report", "2026-Q4", "--format", fmt, "--as-of", TODAY, cwd=root)
        assert result.returncode == 0, result.stderr
        return result.stdout

    html = report("html")
    section = html.split('<section id="samples"')[1].split("</section>")[0]
    (svg,) = [ET.fromstring(s) for s in re.findall(r"<svg\b.*?</svg>", section, re.S)]
    assert svg.get("role") == "img" and svg.find("polygon") is not None  # the interval as a band
    (line,) = svg.findall("polyline")
    assert len(line.get("points").split()) == 3  # three quarters with a sample, joined
    assert [t.text for t in svg.iter("text") if t.get("class") == "threshold"] == ["Amber", "Green"]
    assert '<tr><th scope="row">2026-Q3</th><td class="num">14</td><td class="num">20</td>' in section
    assert "<td>Amber</td>" in section and '2026-Q1</th><td colspan="5">no sample recorded' in section
    markdown = report("md")
    assert "## Dip samples" in markdown and "| 18/20 |" in markdown
    assert "18 of 20, 90%, 95% CI 70–97%, supports Green" in markdown
    rows = list(csv.DictReader(io.StringIO(report("csv"))))
    north = next(r for r in rows if r["criterion"] == "T1C1" and r["district"] == "north")
    assert (north["sample_size"], north["sample_met"], north["sample_share"], north["sample_supports"]) == (
        "20", "18", "0.9", "green",
    )  # fmt: skip
    data = json.loads(report("json"))
    assert next(c for c in data["criteria"] if c["id"] == "T1C1")["samples"]["north"]["met"] == 18
