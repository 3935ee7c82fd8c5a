"""The smaller findings of issue 26 (item 6), each as the user meets it: a line break in a folder name,
privacy allow entries, history with one unreadable file, huge git blobs, unknown keys only in a dotted
key or sub-table header, and the "newer selfassess" hint only for keys a newer version could define."""

from __future__ import annotations

from pathlib import Path

from conftest import commit_all, run_cli

AS_OF = ("--as-of", "2026-12-01")
ROTHERHAM = Path("assessments/rotherham/2026-Q4.toml")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_line_break_in_a_folder_name_cannot_plant_a_second_finding(demo_workspace: Path) -> None:
    planted = "x\nselfassess.toml: error: PLANTED"
    (demo_workspace / "assessments" / planted).mkdir()
    result = run_cli("validate", *AS_OF, cwd=demo_workspace)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() if "PLANTED" in line]
    assert lines and all(not line.startswith("selfassess.toml") for line in lines), result.stdout
    assert any("x␤selfassess.toml: error: PLANTED" in line for line in lines)


def test_a_privacy_allow_entry_must_match_the_whole_finding(demo_workspace: Path) -> None:
    edit(demo_workspace / "selfassess.toml", 'allow = ["0114 220 2020"]', 'allow = ["0114", "0114 220 2020"]')
    edit(
        demo_workspace / ROTHERHAM,
        'evidence = """\n',
        'evidence = """\nCall 0114 220 2021 or 0114 220 2020.\n',
    )
    result = run_cli("validate", str(ROTHERHAM), *AS_OF, cwd=demo_workspace)
    assert "0114 220 2021" in result.stdout  # "0114" is only part of it: still reported
    assert "0114 220 2020" not in result.stdout  # allowed as a whole


def test_history_shows_the_rest_when_one_file_is_unreadable(demo_workspace: Path) -> None:
    broken = demo_workspace / "assessments" / "rotherham" / "2026-Q3.toml"
    broken.write_text("this is = not [valid toml\n")
    result = run_cli("history", "rotherham", *AS_OF, cwd=demo_workspace)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2026-Q4" in result.stdout and "2026-Q2" in result.stdout and "2026-Q3" not in result.stdout
    assert "assessments/rotherham/2026-Q3.toml" in result.stderr


def test_diff_refuses_a_git_blob_over_16_mb(demo_workspace: Path, git_repo) -> None:
    git_repo(demo_workspace)
    path = demo_workspace / ROTHERHAM
    original = path.read_bytes()
    path.write_bytes(original + b"# " + b"x" * (17 * 2**20) + b"\n")
    commit_all(demo_workspace, "huge")
    path.write_bytes(original)
    result = run_cli("diff", f"HEAD:{ROTHERHAM}", str(ROTHERHAM), *AS_OF, cwd=demo_workspace)
    assert "Traceback" not in result.stderr and result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "larger than 16 MB in git; not read" in result.stderr


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(text))


def test_an_unknown_key_only_in_a_dotted_key_or_sub_table_is_reported_at_its_line(
    demo_workspace: Path,
) -> None:
    path = demo_workspace / ROTHERHAM
    for addition, key in (("apple.type = 1\n", "apple"), ("\n[fruit.apple]\ncolour = 1\n", "fruit")):
        text = path.read_text()
        path.write_text(
            text.replace("\n[criteria.", f"\n{addition}\n[criteria.", 1)
            if key == "apple"
            else text + addition
        )
        line = _line_of(path, "apple.type" if key == "apple" else "[fruit.apple]")
        result = run_cli("validate", str(ROTHERHAM), *AS_OF, cwd=demo_workspace)
        assert f"{ROTHERHAM}:{line}: error: unknown key '{key}'" in result.stdout, result.stdout
        assert "newer selfassess" in result.stdout
        path.write_text(text)


def test_the_newer_version_hint_is_only_for_keys_shaped_like_ours(demo_workspace: Path) -> None:
    path = demo_workspace / ROTHERHAM
    text = path.read_text()
    for key in ("''", "\"'arr'\"", '"Ünïcode"', '"with space"'):
        path.write_text(text.replace("\n[criteria.", f"\n{key} = 1\n[criteria.", 1))
        result = run_cli("validate", str(ROTHERHAM), *AS_OF, cwd=demo_workspace)
        assert "unknown key" in result.stdout and "newer selfassess" not in result.stdout, result.stdout
    settings = demo_workspace / "selfassess.toml"
    edit(settings, "[capabilities]", "\"'arr'\" = 1\n\n[capabilities]")
    result = run_cli("validate", *AS_OF, cwd=demo_workspace)
    assert "unknown setting" in result.stdout and "newer selfassess" not in result.stdout
