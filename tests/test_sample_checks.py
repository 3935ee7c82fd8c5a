"""Contradictions between a rating, its evidence and its dip sample: ``validate`` warnings (errors with
``--strict``) naming the file and line, and ``submit`` showing them."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, run_cli, sample_framework_yaml

FILE = """\
schema = 2
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q4"
status = "draft"
assessor = "DCI A. Example"
updated = 2026-11-23T10:15:00Z

[criteria.T1C1]
rating = "green"
evidence = "Dip sample: 17 of 20 incidents. Every child was assessed."

[criteria.T1C1.sample]
size = 20
met = 17

[criteria.T1C2]
rating = "amber"
evidence = "Audit of 12 cases, 11 of 12 met the standard"

[criteria.T1C2.sample]
size = 12
met = 11
"""


def _workspace(make_workspace, text: str = FILE) -> Path:
    root = make_workspace(themes=1, per_theme=2)
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml(themes=1, per_theme=2))
    target = root / "assessments" / "north" / "2026-Q4.toml"
    target.parent.mkdir(parents=True)
    target.write_text(text)
    return root


def _line(text: str, prefix: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:start].count("\n") + next(
        i for i, line in enumerate(text[start:].splitlines(), 1) if line.startswith(prefix)
    )


def test_validate_warns_of_each_contradiction_at_its_line(make_workspace) -> None:
    root = _workspace(make_workspace)
    result = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    where = "assessments/north/2026-Q4.toml"
    assert result.stdout.splitlines() == [
        f"{where}:{_line(FILE, 'rating')}: warning: T1C1 is rated Green but its sample "
        "(17 of 20, 85%, 95% CI 64–95%) supports Amber",
        f"{where}:{_line(FILE, 'evidence')}: warning: T1C1: the evidence says 'Every', but 3 of the 20 "
        "sampled cases did not meet the standard",
        f"{where}:{_line(FILE, 'size', '[criteria.T1C2.sample]')}: warning: T1C2: sample of 12 is below the "
        "minimum of 20 cases; it evidences no grade",
    ]
    assert result.stderr == "0 error(s), 3 warning(s)\n"


def test_strict_makes_them_errors(make_workspace) -> None:
    root = _workspace(make_workspace)
    result = run_cli("validate", "--strict", "--as-of", TODAY, cwd=root)
    assert result.returncode == 1
    assert all(": error: " in line for line in result.stdout.splitlines())
    assert result.stderr == "3 error(s), 0 warning(s)\n"


def test_a_sample_that_agrees_gives_no_warning(make_workspace) -> None:
    agreeing = (
        FILE.replace("met = 17", "met = 19")
        .replace("17 of 20", "19 of 20")
        .replace(" Every child was assessed.", "")
    )
    agreeing = agreeing.replace("size = 12\nmet = 11", "size = 24\nmet = 22").replace("11 of 12", "22 of 24")
    root = _workspace(make_workspace, agreeing)
    result = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert (result.returncode, result.stdout) == (0, "No problems found.\n"), result.stdout


def test_submit_shows_contradictions_as_warnings_and_refuses_only_when_strict(make_workspace) -> None:
    root = _workspace(make_workspace)
    strict = run_cli("submit", "north", "2026-Q4", "--strict", "--no-commit", "--as-of", TODAY, cwd=root)
    assert strict.returncode == 1
    assert "error: T1C1 is rated Green but its sample" in strict.stdout
    assert 'status = "draft"' in (root / "assessments/north/2026-Q4.toml").read_text()
    result = run_cli("submit", "north", "2026-Q4", "--no-commit", "--as-of", TODAY, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: T1C1 is rated Green but its sample" in result.stdout
    assert 'status = "submitted"' in (root / "assessments/north/2026-Q4.toml").read_text()


def test_the_quick_line_finder_agrees_with_the_full_reader() -> None:
    """``canonical_line`` (a few searches, used for warnings' lines) gives KeyLines' line or nothing."""
    from selfassess.formats.tomlsource import KeyLines, canonical_line

    from conftest import REPO

    checked = 0
    texts = [p.read_text() for p in sorted((REPO / "assessments").rglob("2026-Q*.toml"))]
    texts.append(FILE)
    texts.append(
        FILE.replace('evidence = "Dip', 'evidence = """\\n[criteria.T1C2]\\nrating = "red"\\n"""\\nx = "Dip')
    )
    import tomllib

    import tomli_w

    texts.append(  # an action's header inside a multi-line string, before the real ones
        FILE.replace(
            'evidence = "Dip', 'evidence = """\n[[criteria.T1C1.actions]]\nid = "T1C1-a9"\n"""\nx = "Dip'
        )
    )

    # the same files as another tool writes them: the action paths are found there too
    texts += [tomli_w.dumps(tomllib.loads(text), multiline_strings=True) for text in texts[:12]]
    actions_checked = 0
    for text in texts:
        lines = KeyLines(text)
        for cid in ("IR1", "OM1", "CC7", "T1C1", "T1C2", "PW1", "RA2", "CH5", "RP6"):
            for where in [(), ("rating",), ("evidence",), ("as_of",), ("sample",), ("sample", "size"),
                          ("sample", "met"), ("sample", "to"), ("actions", 0, "due"), ("actions", 0, "id"),
                          ("actions", 1, "id"), ("actions", 1, "done"), ("actions", 2, "due")]:  # fmt: skip
                quick = canonical_line(text, "criteria", cid, *where)
                if quick is not None:
                    assert quick == lines.line("criteria", cid, *where), (cid, where)
                    checked += 1
                    actions_checked += "actions" in where
    assert checked > 300 and actions_checked > 50
