"""The HTML report through a real validator: html-validate 8's ``a11y`` and ``document`` presets with no
error at all, and its ``recommended`` preset with only the exceptions ``htmlvalidate-recommended.cjs``
justifies. Run on the demo, on a four-grade workspace with hostile text, an invalid file and a review,
and on a workspace that signs commits (the provenance section).

``.ci/run`` installs the validator from the npm registry (``.ci/install-html-validate``, into .ci/tools);
without npm this test skips, saying why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_report import DEMO_READY, four_grade_workspace, report

from conftest import REPO

CONFIG = Path(__file__).with_name("htmlvalidate-recommended.cjs")


def find_validator() -> str:
    candidates = [
        os.environ.get("HTML_VALIDATE", ""),
        str(REPO / ".ci" / "tools" / "node_modules" / ".bin" / "html-validate"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            break
    else:
        candidate = shutil.which("html-validate") or ""
    if not candidate:
        pytest.skip("html-validate not found: run .ci/install-html-validate (needs npm) or set HTML_VALIDATE")
    if shutil.which("node") is None:
        pytest.skip("html-validate needs node, which is not installed")
    return candidate


def validate(pages: list[Path], *options: str) -> list[str]:
    """Every message as ``file:line:column rule: message``; the validator's own failure fails the test."""
    output = pages[0].with_name("html-validate.json")  # a file: node may cut piped output short on exit
    result = subprocess.run(
        [find_validator(), f"--formatter=json={output}", *options, *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1) and output.is_file(), f"html-validate failed: {result.stderr[-2000:]}"
    found = []
    for page in json.loads(output.read_text(encoding="utf-8") or "[]"):
        for m in page["messages"]:
            name = Path(page["filePath"]).name
            where = f"{name}:{m['line']}:{m['column']}"
            found.append(f"{where} {m['ruleId']}: {m['message']} ({m.get('selector')})")
    assert result.returncode == (1 if found else 0), result.stderr[-2000:]
    return found


@pytest.fixture
def pages(make_workspace: Callable[..., Path], demo_workspace: Path, tmp_path: Path) -> list[Path]:
    root = four_grade_workspace(make_workspace)
    (root / "assessments" / "west" / "2026-Q4.toml").write_text("status = [unclosed\n")
    four = tmp_path / "four-grades.html"
    report(root, "--format", "html", "-o", str(four), check=1)
    found = [four]
    from test_verify import signing_workspace  # #17: the provenance section

    signed = tmp_path / "signed.html"
    report(signing_workspace(make_workspace, tmp_path), "--format", "html", "-o", str(signed))
    found.append(signed)
    if DEMO_READY:
        demo = tmp_path / "demo.html"
        report(demo_workspace, "--format", "html", "-o", str(demo))
        found.append(demo)
    return found


def test_a11y_and_document_presets_find_nothing(pages: list[Path]) -> None:
    assert validate(pages, "--preset", "a11y,document") == []


def test_recommended_preset_finds_nothing_but_the_justified_exceptions(pages: list[Path]) -> None:
    assert validate(pages, "--config", str(CONFIG)) == []
