"""`selfassess textconv FILE`: any assessment or review, wherever it is, as readable text; never fails."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess.core.textgate import visible

from builders import action, assessment_toml, workspace
from conftest import run_cli


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_assessment_reads_as_ids_grades_evidence_and_actions(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    elsewhere = tmp_path / "tmp_git_copy_XyZ.toml"  # git hands the driver a temporary file
    criteria = {
        "T1C1": {
            "rating": "amber", "evidence": "Dip sample of 20.\nSecond line.\n", "notes": "Ask again.",
            "as_of": date(2026, 10, 31),
            "actions": [action("A1", "2027-01-31"), action("A2", "2026-12-01", "2026-11-20")],
        },
        "T2C2": {"not_applicable": "No custody suite"},
        "OLD1": {"carried": True},
    }  # fmt: skip
    elsewhere.write_text(assessment_toml("north", "2026-Q4", criteria))
    out = _ok(run_cli("textconv", str(elsewhere), cwd=root))
    assert out.startswith("Assessment: north 2026-Q4\nStatus: draft\n")
    assert "Framework: test 2.0\n" in out
    assert "\nT1C1\n  Rating: amber\n  Evidence (as of 2026-10-31):\n    Dip sample of 20.\n" in out
    assert "  Notes:\n    Ask again.\n" in out
    assert "  Action A1: Do A1\n    owner Insp. C. Example, due 2027-01-31, open\n" in out
    assert "    owner Insp. C. Example, due 2026-12-01, done 2026-11-20\n" in out
    assert "\nT2C2\n  Not applicable: No custody suite\n" in out
    assert "\nOLD1\n  Not rated\n  Carried forward from last period" in out
    assert out.index("T1C1\n") < out.index("T2C2") < out.index("OLD1")  # the file's own order


def test_output_depends_only_on_the_file_so_git_may_cache_it(tmp_path: Path) -> None:
    """No title or label comes from a framework: an edited framework cannot leave stale text in git's
    textconv cache (diff.selfassess.cachetextconv)."""
    root = workspace(tmp_path / "ws")
    path = root / "a.toml"
    path.write_text(assessment_toml("north", "2026-Q4", {"T1C1": {"rating": "green"}}))
    before = _ok(run_cli("textconv", str(path), cwd=root))
    framework = root / "criteria" / "test.yaml"
    framework.write_text(framework.read_text().replace("Criterion 1.1", "Renamed").replace("Green", "Good"))
    assert _ok(run_cli("textconv", str(path), cwd=root)) == before
    assert _ok(run_cli("textconv", str(path), cwd=tmp_path)) == before
    assert "Renamed" not in before and "Criterion 1.1" not in before


def test_review_file(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.review.toml"
    path.write_text(
        'schema = 1\nreviewer = "ACC B. Example"\nreviewed = 2026-12-02T09:00:00Z\n'
        f'assessment_sha256 = "{"a" * 64}"\ncomment = """\nGood progress.\nKeep going.\n"""\n'
    )
    out = _ok(run_cli("textconv", str(path), cwd=tmp_path))
    assert "Reviewer: ACC B. Example\nReviewed: 2026-12-02T09:00:00Z\n" in out
    assert "Comment:\n  Good progress.\n  Keep going.\n" in out


@pytest.mark.parametrize(
    "content",
    [
        b"schema = 1\nrating = [\n",  # not TOML
        b'<<<<<<< HEAD\nrating = "red"\n=======\nrating = "green"\n>>>>>>> other\n',  # merge conflict
        b"\xff\xfe binary \x00 junk",
        b"",
    ],
)
def test_files_that_are_not_toml_are_printed_as_they_are(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.toml"
    path.write_bytes(content)
    out = _ok(run_cli("textconv", str(path), cwd=tmp_path))
    # as they are, but through the text gate: a NUL shows as ␀
    assert out == visible(content.decode("utf-8", errors="replace"))


def test_wrong_types_and_unknown_keys_are_shown_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(
        'schema = "one"\nframework = 7\ndistrict = "x"\nperiod = "2026-Q9"\n[criteria.A]\nrating = 3\n'
        'evidence = ["a", "b"]\nextra = true\nactions = "none"\n[criteria.B]\n'
        'actions = [{id = "B-1", done = true}, 5]\n'
    )
    out = _ok(run_cli("textconv", str(path), cwd=tmp_path))
    assert "Assessment: x 2026-Q9" in out and "  Rating: 3" in out and "  extra: true" in out
    assert "Action B-1" in out and "  Action: 5" in out


def test_criteria_that_is_not_a_table_and_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    path.write_text('district = "x"\nperiod = "2026-Q4"\ncriteria = 5\n')
    assert "criteria: 5" in _ok(run_cli("textconv", str(path), cwd=tmp_path))
    path.write_text('district = "x"\n[criteria.A]\nevidence = "bell \\u0007 and \\u001b[31m escape"\n')
    out = _ok(run_cli("textconv", str(path), cwd=tmp_path))
    assert "\x1b" not in out and "\x07" not in out and "␛[31m" in out


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run_cli("textconv", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["textconv", "merge-driver"])
def test_git_drivers_import_neither_click_nor_yaml(tmp_path: Path, command: str) -> None:
    """git may start textconv once per file version: it runs before click (or YAML) is imported."""
    import subprocess
    import sys

    path = tmp_path / "a.toml"
    path.write_text(assessment_toml("north", "2026-Q4", {"T1C1": {"rating": "green"}}))
    args = [str(path)] if command == "textconv" else [str(path), str(path), str(path)]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "selfassess", command, *args],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "selfassess.cli.main" not in imported and "click" not in imported and "yaml" not in imported
