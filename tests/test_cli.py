"""The command line as a user runs it: exit codes, stdout, stderr, JSON, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from selfassess.core.model import Action, Assessment, Response
from selfassess.formats.store import save_assessment

from conftest import TODAY, run_cli


def _write(root: Path, district: str, period: str, responses: dict[str, Response], status: str = "draft"):
    path = root / "assessments" / district / f"{period}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    assessment = Assessment("test", district, period, "1.0", status, "DCI A. Example", responses=responses)
    save_assessment(assessment, path)
    return path


def _complete(rating: str = "green") -> dict[str, Response]:
    return {
        f"T{t}C{c}": Response(rating=rating, evidence="Dip sample of 20 cases.\n")
        for t in (1, 2)
        for c in (1, 2, 3)
    }


def test_help_works_and_does_not_import_textual() -> None:
    code = (
        "import sys\nfrom selfassess.cli.main import main\nsys.argv=['selfassess','--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'CLEAN')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("CLEAN")
    assert "Usage: selfassess" in result.stdout


def test_non_tui_commands_do_not_import_textual(demo_workspace: Path) -> None:
    for args in (["validate"], ["summary"], ["summary", "--format", "json"]):
        code = (
            "import sys\nfrom selfassess.cli.main import main\n"
            f"sys.argv=['selfassess', *{args!r}, '--as-of', '{TODAY}']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "loaded = any(m.startswith('textual') for m in sys.modules)\n"
            "print('TEXTUAL' if loaded else 'CLEAN', file=sys.stderr)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=demo_workspace
        )
        assert result.stderr.strip().endswith("CLEAN"), args


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "selfassess", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "selfassess" in result.stdout


def test_init_creates_a_workspace_under_git(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "force"), "--force-name", "Test Force", "--districts", "a,b-2")
    assert result.returncode == 0, result.stderr
    root = tmp_path / "force"
    assert (root / "criteria" / "ncpi.yaml").is_file()
    assert "*.toml text eol=lf" in (root / ".gitattributes").read_text()
    assert ".*.lock" in (root / ".gitignore").read_text()
    assert (root / ".git").is_dir()
    assert run_cli("validate", cwd=root).returncode == 0
    again = run_cli("init", str(root))
    assert again.returncode == 2
    assert "already a workspace" in again.stderr


def test_init_refuses_bad_district_ids(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "w"), "--districts", "ok,../evil")
    assert result.returncode == 2
    assert "'../evil' is not a district id" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "evil").exists()


def test_no_workspace_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_cli("summary", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("selfassess: no selfassess.toml")
    assert result.stderr.count("\n") == 1


def test_bad_period_and_date_exit_2(make_workspace) -> None:
    root = make_workspace()
    for args in (["summary", "2026-Q5"], ["summary", "--as-of", "yesterday"], ["submit", "north", "Q4"]):
        result = run_cli(*args, cwd=root)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr


def test_submit_blocked_then_allowed(make_workspace) -> None:
    root = make_workspace(threshold="green")
    responses = _complete()
    responses["T1C1"] = Response(rating="amber", evidence="Partly in place.\n")
    responses["T1C2"] = Response(rating="green", evidence="", carried=True)
    del responses["T2C3"]
    path = _write(root, "north", "2026-Q4", responses)
    result = run_cli("submit", "north", "2026-Q4", "--as-of", TODAY, cwd=root)
    assert result.returncode == 1
    out = result.stdout
    assert "T2C3 is not rated" in out
    assert "T1C2 is rated Green but has no evidence" in out
    assert "T1C2 was carried forward" in out
    assert "T1C1 is rated Amber, below Green, and has no open improvement action" in out
    assert all(line.startswith("assessments/north/2026-Q4.toml:") for line in out.splitlines())
    assert 'status = "draft"' in path.read_text()

    responses["T1C1"].actions.append(Action("T1C1-a1", "Refresher briefing", "Insp. C. Example"))
    responses["T1C2"] = Response(rating="green", evidence="Confirmed this quarter.\n")
    responses["T2C3"] = Response(not_applicable="No custody suite in this district")
    path.unlink()
    _write(root, "north", "2026-Q4", responses)
    result = run_cli("submit", "north", "2026-Q4", "--as-of", TODAY, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'status = "submitted"' in path.read_text()
    again = run_cli("submit", "north", "2026-Q4", cwd=root)
    assert again.returncode == 2 and "already submitted" in again.stderr


def test_strict_makes_warnings_errors(make_workspace) -> None:
    root = make_workspace()
    responses = _complete()
    responses["T1C1"].evidence = "Spoke to the mother on 07700 900123 about the referral.\n"
    _write(root, "north", "2026-Q4", responses)
    lenient = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert lenient.returncode == 0
    assert "warning: T1C1 evidence: looks like personal data (phone number)" in lenient.stdout
    assert ":13: warning" in lenient.stdout  # the evidence's own line inside the multi-line string
    strict = run_cli("validate", "--strict", "--as-of", TODAY, cwd=root)
    assert strict.returncode == 1
    assert "error: T1C1 evidence: looks like personal data" in strict.stdout
    blocked = run_cli("submit", "north", "2026-Q4", "--strict", cwd=root)
    assert blocked.returncode == 1


def test_privacy_allow_list_silences_a_known_number(make_workspace) -> None:
    root = make_workspace(extra_settings='[privacy]\nallow = ["0114 220 2020"]\n')
    responses = _complete()
    responses["T1C1"].evidence = "Staff can call the force switchboard on 0114 220 2020.\n"
    _write(root, "north", "2026-Q4", responses)
    result = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert "personal data" not in result.stdout


def test_validate_reports_stray_folders_and_lonely_reviews(make_workspace) -> None:
    root = make_workspace()
    (root / "assessments" / "east").mkdir(parents=True)
    (root / "assessments" / "north").mkdir()
    (root / "assessments" / "north" / "2026-Q1.review.toml").write_text(
        f'schema = 1\nreviewer = "ACC"\nreviewed = 2026-04-01T09:00:00Z\nassessment_sha256 = "{"0" * 64}"\n'
    )
    result = run_cli("validate", cwd=root)
    assert result.returncode == 1
    assert "assessments/east: error: folder for district 'east', which is not listed" in result.stdout
    assert "2026-Q1.review.toml: error: a review with no assessment beside it" in result.stdout


def test_summary_json_shape_status_and_counts(make_workspace) -> None:
    root = make_workspace(districts=("north", "south", "east", "west"), extra_settings="")
    _write(root, "north", "2026-Q3", _complete("amber"), status="submitted")
    north = _complete("green")
    north["T1C2"] = Response(not_applicable="No custody suite")
    north["T1C3"] = Response()
    _write(root, "north", "2026-Q4", north, status="submitted")
    _write(root, "south", "2026-Q4", {"T1C1": Response(rating="red")})
    (root / "assessments" / "east").mkdir()
    (root / "assessments" / "east" / "2026-Q4.toml").write_text("not toml = = =")
    result = run_cli("summary", "--format", "json", cwd=root)
    assert result.returncode == 1, "an unreadable file is a finding"
    assert "assessments/east/2026-Q4.toml:1: error: not valid TOML" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["period"] == "2026-Q4" and doc["previous"] == "2026-Q3" and doc["framework"] == "test"
    assert doc["districts"] == ["north", "south", "east", "west"]
    assert doc["status"] == {"north": "submitted", "south": "draft", "east": "invalid", "west": "missing"}
    first = doc["criteria"][0]
    assert first == {
        "id": "T1C1",
        "theme": "theme-1",
        "title": "Criterion 1.1",
        "ratings": {"north": "green", "south": "red", "east": None, "west": None},
        "previous": {"north": "amber", "south": None, "east": None, "west": None},
    }
    assert doc["criteria"][1]["ratings"]["north"] == "n/a"
    assert doc["criteria"][2]["ratings"]["north"] is None
    assert doc["counts"] == {
        "north": {"red": 0, "amber": 0, "green": 4, "n/a": 1, "unrated": 1},
        "south": {"red": 1, "amber": 0, "green": 0, "n/a": 0, "unrated": 5},
    }


def test_summary_text_shows_labels_and_movement(make_workspace) -> None:
    root = make_workspace()
    _write(root, "north", "2026-Q3", _complete("amber"), status="submitted")
    _write(root, "north", "2026-Q4", _complete("green"))
    result = run_cli("summary", "2026-Q4", cwd=root)
    assert result.returncode == 0
    assert "Green ▲" in result.stdout
    assert "\x1b[" not in result.stdout, "plain when not a terminal"


def test_status_precedence_with_reviews(make_workspace) -> None:
    from selfassess.workspace.workspace import Workspace

    root = make_workspace()
    path = _write(root, "north", "2026-Q4", _complete(), status="submitted")
    workspace = Workspace(root)
    assert workspace.entry("north", "2026-Q4").status == "submitted"
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    review = root / "assessments" / "north" / "2026-Q4.review.toml"
    review.write_text(
        'schema = 1\nreviewer = "ACC B. Example"\nreviewed = 2026-12-02T09:00:00Z\n'
        f'assessment_sha256 = "{digest}"\n'
    )
    assert workspace.entry("north", "2026-Q4").status == "reviewed"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"Dip sample of 20", b"Dip sample of 30"))
    assert workspace.entry("north", "2026-Q4").status == "changed since review"
    path.write_bytes(original.replace(b'status = "submitted"', b'status = "draft"'))
    assert workspace.entry("north", "2026-Q4").status == "draft"
    path.write_bytes(original)
    assert workspace.entry("north", "2026-Q4").status == "reviewed"
    assert workspace.entry("south", "2026-Q4").status == "missing"


def test_a_system_error_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("init", str(blocker / "workspace"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"selfassess: {blocker / 'workspace'}")


def test_names_of_staff_are_not_scanned_but_people_in_evidence_are(make_workspace) -> None:
    """The assessor and an action's owner name staff: never flagged. A person named in evidence is,
    with where (issue 27)."""
    root = make_workspace()
    responses = _complete()
    responses["T1C1"].actions.append(
        Action("T1C1-a1", "Refresher briefing for the CSE team", "Tyler Bramhall")
    )
    path = root / "assessments" / "north" / "2026-Q4.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_assessment(
        Assessment("test", "north", "2026-Q4", "1.0", "draft", "Wayne Lister", responses=responses), path
    )
    clean = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "personal data" not in clean.stdout
    assert "Tyler Bramhall" in path.read_text() and "Wayne Lister" in path.read_text()

    responses["T1C2"].evidence = "Dip sample of 20 cases.\nThe victim, Harriet Cole, was not seen alone.\n"
    path.unlink()
    save_assessment(
        Assessment("test", "north", "2026-Q4", "1.0", "draft", "Wayne Lister", responses=responses), path
    )
    flagged = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert flagged.returncode == 0
    lines = [line for line in flagged.stdout.splitlines() if "personal data" in line]
    assert len(lines) == 1, flagged.stdout
    assert "T1C2 evidence: looks like personal data (named person): 'Harriet Cole'" in lines[0]
    line_number = int(lines[0].split(":")[1])
    assert path.read_text().splitlines()[line_number - 1].strip().startswith("The victim, Harriet Cole")


def test_init_with_name_and_districts_does_not_ask_to_edit_them(tmp_path: Path) -> None:
    """#28 item 14: the next step names what is left to do, not settings just given."""
    given = run_cli("init", str(tmp_path / "a"), "--force-name", "South Yorkshire", "--districts", "don,rot")
    assert given.returncode == 0, given.stderr
    assert "Next: run 'selfassess fill don'" in given.stdout and "edit selfassess.toml" not in given.stdout
    bare = run_cli("init", str(tmp_path / "b"))
    assert "Next: edit selfassess.toml (the force's name and districts)" in bare.stdout


def test_summary_of_a_period_with_no_assessments_says_so(make_workspace) -> None:
    """#28 item 14: not an empty matrix with no word of why."""
    root = make_workspace()
    result = run_cli("summary", "2030-Q1", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No assessments for 2030-Q1: no district has one for that period yet."
