"""The bad-input corpus: every malformed assessment, review and settings file gets one clear line
naming the file and line, the right exit status, and no traceback."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, run_cli

CORPUS = Path(__file__).parent / "corpus"


def _cases(folder: str) -> list[dict[str, str]]:
    with open(CORPUS / folder / "expected.tsv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _check(result, relative: str, case: dict[str, str]) -> None:
    assert "Traceback" not in result.stderr
    assert result.returncode == int(case["exit"]), result.stdout + result.stderr
    if case["exit"] == "0":
        assert "error" not in result.stdout
        return
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{relative}:{case['line']}: error: "), first
    assert case["message"] in first


def test_every_corpus_file_has_an_expectation() -> None:
    for folder in ("assessments", "reviews", "settings"):
        listed = {case["file"] for case in _cases(folder)}
        present = {p.name for p in (CORPUS / folder).iterdir() if p.name != "expected.tsv"}
        assert listed == present, folder


@pytest.mark.parametrize("case", _cases("assessments"), ids=lambda c: c["file"])
def test_bad_assessment(case: dict[str, str], make_workspace) -> None:
    root = make_workspace()
    target = root / "assessments" / "north" / "2026-Q4.toml"
    target.parent.mkdir(parents=True)
    shutil.copyfile(CORPUS / "assessments" / case["file"], target)
    before = target.read_bytes()
    result = run_cli("validate", "--as-of", TODAY, cwd=root)
    _check(result, "assessments/north/2026-Q4.toml", case)
    assert target.read_bytes() == before, "validate must never rewrite a file"


@pytest.mark.parametrize("case", _cases("reviews"), ids=lambda c: c["file"])
def test_bad_review(case: dict[str, str], make_workspace) -> None:
    root = make_workspace()
    folder = root / "assessments" / "north"
    folder.mkdir(parents=True)
    shutil.copyfile(CORPUS / "assessments" / "bom_valid.toml", folder / "2026-Q4.toml")
    shutil.copyfile(CORPUS / "reviews" / case["file"], folder / "2026-Q4.review.toml")
    result = run_cli("validate", "--as-of", TODAY, cwd=root)
    _check(result, "assessments/north/2026-Q4.review.toml", case)


@pytest.mark.parametrize("case", _cases("settings"), ids=lambda c: c["file"])
def test_bad_settings(case: dict[str, str], make_workspace) -> None:
    root = make_workspace()
    shutil.copyfile(CORPUS / "settings" / case["file"], root / "selfassess.toml")
    result = run_cli("validate", cwd=root)
    _check(result, str(root / "selfassess.toml"), case)
    # Any other command cannot run without settings: one line on stderr, exit 2.
    summary = run_cli("summary", cwd=root)
    assert summary.returncode == 2
    assert "Traceback" not in summary.stderr
    assert summary.stderr.count("\n") == 1
    assert case["message"] in summary.stderr


def test_huge_assessment_is_refused_without_reading_it_all(make_workspace) -> None:
    root = make_workspace()
    target = root / "assessments" / "north" / "2026-Q4.toml"
    target.parent.mkdir(parents=True)
    with open(target, "wb") as handle:
        handle.write(b'schema = 1\nnotes = "')
        handle.write(b"x" * (17 * 1024 * 1024))
        handle.write(b'"\n')
    result = run_cli("validate", cwd=root)
    assert result.returncode == 1
    assert "file is larger than 16 MB" in result.stdout
