"""`selfassess diff`: worst news first, renames, actions by id, JSON exactly as SPEC §5, errors exit 2."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from selfassess.cli.diff_text import render_words
from selfassess.core.model import Action, Assessment, Response
from selfassess.logic.diff import Side, compare, word_diff

from builders import FRAMEWORK, action, assessment_toml, workspace, write  # noqa: F401 (other tests import them from here too)
from conftest import commit_all, run_cli

OLD = {
    "OLD1": {"rating": "green", "evidence": "Dip sample of 20 incidents in July.\nSecond line stays.\n"},
    "T1C2": {
        "rating": "amber", "evidence": "Unchanged.",
        "actions": [action("A1", "2026-10-31"), action("A2", "2026-09-30")],
    },
    "T1C3": {"rating": "red"},
    "T2C1": {"rating": "amber", "evidence": "Same evidence."},
    "T2C2": {"not_applicable": "No custody suite"},
    "T2C4": {"rating": "amber"},
    "GONE1": {"rating": "amber"},
}  # fmt: skip
NEW = {
    "T1C1": {"rating": "amber", "evidence": "Dip sample of 25 incidents in October.\nSecond line stays.\n"},
    "T1C2": {
        "rating": "amber", "evidence": "Unchanged.",
        "actions": [
            action("A1", "2026-10-31", "2026-10-20"), action("A2", "2026-12-31"), action("A3", "2027-01-31"),
        ],
    },
    "T1C3": {"rating": "green"},
    "T1C4": {"rating": "green"},
    "T2C1": {"evidence": "Same evidence."},
    "T2C2": {"rating": "red"},
    "T2C3": {"rating": "green"},
    "T2C4": {"not_applicable": "Handed to the regional unit"},
}  # fmt: skip


@pytest.fixture
def quarters(tmp_path: Path) -> Path:
    root = workspace(tmp_path / "ws")
    write(root, "north", "2026-Q3", OLD, status="submitted")
    write(root, "north", "2026-Q4", NEW)
    return root


def _entry(
    criterion_id: str, direction: str, rating: list[Any], changed: list[str], **extra: Any
) -> dict[str, Any]:
    entry = {
        "id": criterion_id, "renamed_from": None, "rating": rating, "direction": direction,
        "not_applicable": [None, None], "changed": changed,
        "actions": {"added": [], "closed": [], "completed": [], "redated": []},
    }  # fmt: skip
    entry.update(extra)
    return entry


EXPECTED = {
    "old": {"district": "north", "period": "2026-Q3", "source": "assessments/north/2026-Q3.toml"},
    "new": {"district": "north", "period": "2026-Q4", "source": "assessments/north/2026-Q4.toml"},
    "status": ["submitted", "draft"],
    "criteria": [
        _entry("T1C1", "worse", ["green", "amber"], ["rating", "evidence"], renamed_from="OLD1"),
        _entry("T1C3", "better", ["red", "green"], ["rating"]),
        _entry("T1C4", "rated", [None, "green"], ["rating"]),
        _entry("T2C1", "unrated", ["amber", None], ["rating"]),
        _entry(
            "T2C4", "not-applicable", ["amber", None], ["rating", "not_applicable"],
            not_applicable=[None, "Handed to the regional unit"],
        ),
        _entry(
            "T2C2", "applicable", [None, "red"], ["rating", "not_applicable"],
            not_applicable=["No custody suite", None],
        ),
        _entry("T2C3", "added", [None, "green"], ["rating"]),
        _entry("GONE1", "removed", ["amber", None], ["rating"]),
        _entry(
            "T1C2", "same", ["amber", "amber"], ["actions"],
            actions={"added": ["A3"], "closed": ["A1"], "completed": [], "redated": ["A2"]},
        ),
    ],
}  # fmt: skip


def test_json_is_exactly_the_spec_shape_worst_news_first(quarters: Path) -> None:
    result = run_cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=quarters)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED


def test_text_reads_worst_news_first_with_word_diff_and_actions(quarters: Path) -> None:
    result = run_cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=quarters)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Status: submitted → draft" in out
    assert "T1C1 (was OLD1) Criterion 1.1: Green → Amber  (worse)" in out
    assert (
        out.index("(worse)")
        < out.index("(better)")
        < out.index("(newly rated)")
        < out.index("(no longer rated)")
    )
    assert out.index("(now not applicable)") < out.index("(applies again)") < out.index("(criterion added)")
    assert "Dip sample of [-20-]{+25+} incidents in [-July.-]{+October.+}" in out
    assert "Second line stays." in out
    assert "added A3 'Do A3'" in out
    assert "closed A1 (done 2026-10-20)" in out
    assert "re-dated A2: due 2026-09-30 → 2026-12-31" in out


def test_nothing_changed_exits_zero_and_says_so(quarters: Path) -> None:
    result = run_cli("diff", "north@2026-Q4", "assessments/north/2026-Q4.toml", cwd=quarters)
    assert result.returncode == 0
    assert "No changes." in result.stdout
    data = json.loads(
        run_cli("diff", "north@2026-Q4", "north@2026-Q4", "--format", "json", cwd=quarters).stdout
    )
    assert data["criteria"] == [] and data["status"] == ["draft", "draft"]


def test_ties_keep_framework_order(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    write(
        root,
        "north",
        "2026-Q3",
        {"T2C1": {"rating": "green"}, "T1C2": {"rating": "green"}, "T1C1": {"rating": "amber"}},
    )
    write(
        root,
        "north",
        "2026-Q4",
        {"T2C1": {"rating": "red"}, "T1C2": {"rating": "amber"}, "T1C1": {"rating": "red"}},
    )
    data = json.loads(run_cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=root).stdout)
    assert [c["id"] for c in data["criteria"]] == ["T1C1", "T1C2", "T2C1"]


def test_pure_rename_is_not_added_and_removed(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    write(root, "north", "2026-Q3", {"OLD1": {"rating": "amber", "evidence": "E"}})
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "amber", "evidence": "E"}})
    data = json.loads(run_cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=root).stdout)
    assert data["criteria"] == []
    text = run_cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=root).stdout
    assert "OLD1 is now T1C1" in text


def test_files_outside_a_workspace_use_the_bundled_framework(tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    new = tmp_path / "new.toml"
    old.write_text(assessment_toml("x", "2026-Q3", {"IR1": {"rating": "green"}}, framework="ncpi"))
    new.write_text(assessment_toml("x", "2026-Q4", {"IR1": {"rating": "red"}}, framework="ncpi"))
    result = run_cli("diff", str(old), str(new), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "IR1 Officers recognise risk" in result.stdout and "(worse)" in result.stdout


# -- across git revisions ---------------------------------------------------------------------------


def test_rev_path_reads_git_without_touching_the_working_tree(quarters: Path, git_repo) -> None:
    git_repo(quarters)
    path = quarters / "assessments/north/2026-Q4.toml"
    path.write_text(
        path.read_text().replace('[criteria."T1C3"]\nrating = "green"', '[criteria."T1C3"]\nrating = "red"')
    )
    commit_all(quarters, "T1C3 red again")
    path.write_text(path.read_text().replace("Same evidence.", "Newer evidence."))
    before = path.read_bytes()
    result = run_cli(
        "diff", "HEAD~1:assessments/north/2026-Q4.toml", "HEAD:assessments/north/2026-Q4.toml",
        "--format", "json", cwd=quarters,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"]["source"] == "HEAD~1:assessments/north/2026-Q4.toml"
    assert [(c["id"], c["direction"], c["rating"]) for c in data["criteria"]] == [
        ("T1C3", "worse", ["green", "red"])
    ]
    working = json.loads(
        run_cli(
            "diff", "HEAD:assessments/north/2026-Q4.toml", "north@2026-Q4", "--format", "json", cwd=quarters
        ).stdout
    )
    assert [(c["id"], c["changed"]) for c in working["criteria"]] == [("T2C1", ["evidence"])]
    assert path.read_bytes() == before
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=quarters, capture_output=True, text=True
    ).stdout
    assert status.strip() == "M assessments/north/2026-Q4.toml"


def test_rev_path_from_a_subfolder_with_dot_slash(quarters: Path, git_repo) -> None:
    git_repo(quarters)
    folder = quarters / "assessments" / "north"
    result = run_cli("diff", "HEAD:./2026-Q3.toml", "HEAD:./2026-Q4.toml", "--format", "json", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["criteria"][0]["id"] == "T1C1"


def test_review_changes_are_shown(quarters: Path) -> None:
    import hashlib

    digest = hashlib.sha256((quarters / "assessments/north/2026-Q3.toml").read_bytes()).hexdigest()
    (quarters / "assessments/north/2026-Q3.review.toml").write_text(
        'schema = 1\nreviewer = "ACC B. Example"\nreviewed = 2026-10-02T09:00:00Z\n'
        f'assessment_sha256 = "{digest}"\n'
    )
    out = run_cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=quarters).stdout
    assert "Review: reviewed by ACC B. Example on 2026-10-02 → none" in out


# -- errors: one line on stderr, exit 2, no traceback ------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("north@2026-Q3", "north@2026-Q5", "not a quarter label"),
        ("north@2026-Q3", "nowhere@2026-Q4", "not in this workspace"),
        ("north@2026-Q3", "North@2026-Q4", "not a district id"),
        ("north@2026-Q3", "north@", "DISTRICT@PERIOD"),
        ("north@2026-Q3", "north@2025-Q1", "no assessment for north 2025-Q1"),
        ("north@2026-Q3", "missing.toml", "no such file"),
        ("north@2026-Q3", "nosuchrev:assessments/north/2026-Q4.toml", "not a git revision"),
        ("north@2026-Q3", "HEAD:assessments/north/2030-Q1.toml", "does not exist at HEAD"),
        ("north@2026-Q3", "selfassess.toml", "not an assessment"),
        ("north@2026-Q3", "assessments/north/2026-Q3.review.toml", "is a review, not an assessment"),
        ("north@2026-Q3", "broken.toml", "not valid TOML"),
        ("north@2026-Q3", "other.toml", "different frameworks"),
        ("north@2026-Q3", "unknown.toml", "is not known here"),
    ],
)
def test_errors_are_one_line_and_exit_2(quarters: Path, git_repo, old: str, new: str, words: str) -> None:
    (quarters / "assessments/north/2026-Q3.review.toml").write_text(
        f'schema = 1\nreviewer = "R"\nreviewed = 2026-10-02T09:00:00Z\nassessment_sha256 = "{"0" * 64}"\n'
    )
    (quarters / "broken.toml").write_text("schema = 1\nrating = [\n")
    (quarters / "criteria" / "other.yaml").write_text(
        FRAMEWORK.replace("framework: test", "framework: other")
    )
    (quarters / "other.toml").write_text(assessment_toml("north", "2026-Q4", {}, framework="other"))
    (quarters / "unknown.toml").write_text(assessment_toml("north", "2026-Q4", {}, framework="nosuch"))
    git_repo(quarters)
    result = run_cli("diff", old, new, cwd=quarters)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_rev_path_outside_git_is_one_clear_line(quarters: Path) -> None:
    result = run_cli("diff", "HEAD:assessments/north/2026-Q3.toml", "north@2026-Q4", cwd=quarters)
    assert result.returncode == 2
    assert "not in a git repository" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_district_at_period_needs_a_workspace(tmp_path: Path) -> None:
    result = run_cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=tmp_path)
    assert result.returncode == 2
    assert "no workspace here" in result.stderr and "Traceback" not in result.stderr


# -- the pure parts -----------------------------------------------------------------------------------


def test_word_diff_marks_changed_words_and_keeps_the_rest() -> None:
    assert render_words(word_diff("a b c d", "a x c d")) == "a [-b-]{+x+} c d"
    assert render_words(word_diff("one two", "one three two")) == "one {+three +}two"
    assert render_words(word_diff("same\n", "same\nadded line\n")) == "same\n{+added line\n+}"
    rewritten = render_words(word_diff("Completely different words here\n", "Nothing alike at all now\n"))
    assert rewritten == "[-Completely different words here-]{+Nothing alike at all now+}\n"


def test_word_diff_of_a_long_text_is_quick() -> None:
    import time

    old = "".join(f"Line {n} of the evidence with some words.\n" for n in range(20000))
    new = old.replace("Line 100 of", "Line one hundred of")
    start = time.perf_counter()
    segments = word_diff(old, new)
    assert time.perf_counter() - start < 2
    assert ("-", "100") in segments and ("+", "one hundred") in segments


def test_actions_matched_by_id_report_reopened_and_dropped(tmp_path: Path) -> None:
    from selfassess.formats.criteria import parse_framework

    fw = parse_framework(FRAMEWORK)
    closed = Action("A1", "Keep", due=date(2026, 1, 1), done=date(2026, 1, 2))
    before = Assessment("test", "north", "2026-Q3")
    before.responses["T1C1"] = Response(rating="red", actions=[closed, Action("A2", "Drop")])
    after = Assessment("test", "north", "2026-Q4")
    reopened = Action("A1", "Keep, reworded", due=date(2026, 1, 1))
    after.responses["T1C1"] = Response(rating="red", actions=[reopened])
    diff = compare(Side(before, "a"), Side(after, "b"), fw)
    (change,) = diff.criteria
    assert change.direction == "same" and change.changed == ("actions",)
    assert [a.id for a in change.actions.reopened] == ["A1"]
    assert [a.id for a in change.actions.removed] == ["A2"]
    assert change.to_json()["actions"] == {"added": [], "closed": [], "completed": [], "redated": []}


def test_change_commands_do_not_import_textual(quarters: Path) -> None:
    import sys

    for args in (
        ["diff", "north@2026-Q3", "north@2026-Q4"],
        ["history", "north"],
        ["textconv", "selfassess.toml"],
    ):
        code = (
            "import sys\nfrom selfassess.cli.main import main\n"
            f"sys.argv=['selfassess', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "loaded = any(m.startswith('textual') for m in sys.modules)\n"
            "print('TEXTUAL' if loaded else 'CLEAN', file=sys.stderr)"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=quarters)
        assert result.stderr.strip().endswith("CLEAN"), (args, result.stderr)


def test_a_completed_action_missing_from_the_next_quarter_is_completed_not_dropped(
    tmp_path: Path, cli
) -> None:
    root = workspace(tmp_path / "ws")
    done = action("A1", "2026-10-31", "2026-10-12")
    write(
        root, "north", "2026-Q3", {"T1C2": {"rating": "red", "actions": [done, action("A2", "2026-12-31")]}}
    )
    write(root, "north", "2026-Q4", {"T1C2": {"rating": "red"}})  # A1 done, not rolled on; A2 dropped
    text = cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=root)
    assert text.returncode == 0, text.stderr
    assert "completed A1 'Do A1' (Insp. C. Example, due 2026-10-31) (done 2026-10-12)" in text.stdout
    assert "dropped A2" in text.stdout and "dropped A1" not in text.stdout
    shown = cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=root)
    (entry,) = json.loads(shown.stdout)["criteria"]
    assert entry["actions"] == {"added": [], "closed": [], "completed": ["A1"], "redated": []}


def test_notes_not_carried_into_the_next_quarter_are_not_shown_deleted(tmp_path: Path, cli) -> None:
    root = workspace(tmp_path / "ws")
    write(root, "north", "2026-Q3", {"T1C2": {"rating": "red", "notes": "Ask the DI about the audit."}})
    write(root, "north", "2026-Q4", {"T1C2": {"rating": "red"}})
    text = cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=root)
    assert text.returncode == 0, text.stderr
    assert "[-" not in text.stdout and "notes" not in text.stdout
    shown = cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=root)
    assert json.loads(shown.stdout)["criteria"] == []
