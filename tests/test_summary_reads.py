"""``selfassess summary`` touches only what it needs (issue 18): the two quarters' files, the settings and
the framework; no YAML parser once the framework is cached; nothing of Textual or Rich."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import TODAY

# Runs the real command in a child process, noting every file it opens and the modules it loaded.
PROGRAM = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(args[0]) if event == "open" else None)
from selfassess.cli.main import main
sys.argv = ["selfassess", "summary", "--format", "json", "--as-of", sys.argv[1]]
try:
    main()
except SystemExit as exit:
    code = exit.code
modules = sorted({m.split(".")[0] for m in sys.modules})
files = sorted({str(p) for p in opened if isinstance(p, str) and p.endswith((".toml", ".yaml"))})
print(json.dumps({"code": code, "modules": modules, "files": files}), file=sys.stderr)
"""


def _summary(root: Path) -> tuple[dict, dict]:
    result = subprocess.run([sys.executable, "-c", PROGRAM, TODAY], capture_output=True, text=True, cwd=root)
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, 1, None), result.stderr
    return json.loads(result.stdout), report


def test_summary_reads_only_its_two_quarters_and_no_yaml_when_cached(demo_workspace: Path) -> None:
    first, cold = _summary(demo_workspace)
    quarters = {first["period"], first["previous"]}
    assessments = [Path(f) for f in cold["files"] if "/assessments/" in f.replace("\\", "/")]
    assert assessments, cold["files"]
    assert {p.name.split(".")[0] for p in assessments} == quarters
    assert "yaml" in cold["modules"]  # the first run parses the framework

    second, warm = _summary(demo_workspace)
    assert second == first
    assert "yaml" not in warm["modules"], "the framework came from the cache: no YAML parser needed"
    for report in (cold, warm):
        assert "textual" not in report["modules"] and "rich" not in report["modules"]
    assert {Path(f).name.split(".")[0] for f in warm["files"] if "/assessments/" in f} == quarters
