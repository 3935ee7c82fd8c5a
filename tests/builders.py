"""Builders of workspaces and assessments shared by the tests: files written by hand, as a user or
another tool would, so that tests read what the program saved rather than what it holds."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

from selfassess.core.model import Assessment
from selfassess.formats.store import parse_assessment
from selfassess.workspace.workspace import Workspace

#: the diff tests' framework (version 2.0: T1C1 replaces OLD1, GONE1 retired, T2C3 for custody only)
FRAMEWORK = """\
framework: test
title: Test framework
version: "2.0"
scale:
  - {id: red, label: Red, colour: red}
  - {id: amber, label: Amber, colour: "#ffbf00"}
  - {id: green, label: Green, colour: green}
themes:
  - id: theme-1
    title: Theme 1
    criteria:
      - {id: T1C1, title: Criterion 1.1, replaces: [OLD1]}
      - {id: T1C2, title: Criterion 1.2}
      - {id: T1C3, title: Criterion 1.3}
      - {id: T1C4, title: Criterion 1.4}
  - id: theme-2
    title: Theme 2
    criteria:
      - {id: T2C1, title: Criterion 2.1}
      - {id: T2C2, title: Criterion 2.2}
      - {id: T2C3, title: Criterion 2.3, applies_to: [custody]}
      - {id: T2C4, title: Criterion 2.4}
retired:
  - {id: GONE1, title: A retired criterion, retired_in: "2.0"}
"""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def assessment_toml(
    district: str,
    period: str,
    criteria: dict[str, dict[str, Any]],
    status: str = "draft",
    framework: str = "test",
    version: str = "2.0",
) -> str:
    """An assessment written by hand (so old criterion ids can be used)."""
    lines = [
        "schema = 1", f'framework = "{framework}"', f'framework_version = "{version}"',
        f'district = "{district}"', f'period = "{period}"', f'status = "{status}"',
        'assessor = "DCI A. Example"',
        "updated = 2026-11-01T09:00:00Z",
    ]  # fmt: skip
    for criterion_id, fields in criteria.items():
        lines += ["", f'[criteria."{criterion_id}"]']
        lines += [f"{key} = {_value(value)}" for key, value in fields.items() if key != "actions"]
        for action in fields.get("actions", []):
            lines += ["", f'[[criteria."{criterion_id}".actions]]']
            lines += [f"{key} = {_value(value)}" for key, value in action.items()]
    return "\n".join(lines) + "\n"


def write(root: Path, district: str, period: str, criteria: dict[str, dict[str, Any]], **kwargs: Any) -> Path:
    path = root / "assessments" / district / f"{period}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(assessment_toml(district, period, criteria, **kwargs), "utf-8")
    return path


def workspace(root: Path, districts: tuple[str, ...] = ("north", "south"), extra: str = "") -> Path:
    (root / "criteria").mkdir(parents=True)
    (root / "assessments").mkdir()
    (root / "criteria" / "test.yaml").write_text(FRAMEWORK)
    quoted = ", ".join(f'"{d}"' for d in districts)
    (root / "selfassess.toml").write_text(
        f'force = "Test Force"\nframework = "test"\ndistricts = [{quoted}]\n{extra}'
    )
    return root


def action(action_id: str, due: str, done: bool | str = False) -> dict[str, Any]:
    return {
        "id": action_id,
        "action": f"Do {action_id}",
        "owner": "Insp. C. Example",
        "due": date.fromisoformat(due),
        "done": date.fromisoformat(done) if isinstance(done, str) else done,
    }


def write_text(root: Path, period: str, text: str, district: str = "north") -> Path:
    """``text`` as the district's assessment for ``period`` (any bytes a user might have typed)."""
    path = Workspace(root).assessment_path(district, period)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def saved(root: Path, period: str = "2026-Q4", district: str = "north") -> Assessment | None:
    """The assessment as saved on disk (parsed as the program reads it), or None when there is none."""
    path = Workspace(root).assessment_path(district, period)
    return parse_assessment(path.read_bytes(), path) if path.exists() else None


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run git in ``root`` as a user would; its output."""
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check).stdout


def add_unit(root: Path, unit: str, like: str) -> Path:
    """A copy of the demo-like workspace at ``root`` with one more unit, ``unit``, listed last in
    ``selfassess.toml``: ``like``'s assessments and reviews copied under the new name (so the copied
    reviews no longer match: the new unit's reviewed quarters read *changed since review*)."""
    settings = root / "selfassess.toml"
    text = settings.read_text("utf-8")
    listed = re.search(r"^districts = \[(.*)\]", text, re.M)
    assert listed is not None, "the workspace lists its districts on one line"
    text = text.replace(listed.group(0), f'districts = [{listed.group(1)}, "{unit}"]', 1)
    settings.write_text(text, "utf-8")
    source, target = root / "assessments" / like, root / "assessments" / unit
    target.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        data = path.read_text("utf-8").replace(f'district = "{like}"', f'district = "{unit}"')
        (target / path.name).write_text(data, "utf-8")
    return root


def many_blockers(root: Path) -> Path:
    """A workspace whose north 2026-Q4 has 20 things blocking its submission (15 criteria not rated,
    one carried and unconfirmed, three rated Red with no action, one of them with no evidence) and a
    dip sample that supports a worse grade than the rating (a warning)."""
    from conftest import sample_framework_yaml

    framework = sample_framework_yaml(themes=4, per_theme=5).replace(
        "themes:", "actions_required_below: amber\nthemes:", 1
    )
    (root / "criteria").mkdir(parents=True)
    (root / "criteria" / "test.yaml").write_text(framework)
    (root / "selfassess.toml").write_text('force = "Test Force"\nframework = "test"\ndistricts = ["north"]\n')
    criteria: dict[str, dict[str, Any]] = {
        "T1C1": {"rating": "green", "evidence": "Dip sample of 20 incidents: 17 met the standard."},
        "T1C2": {"rating": "red"},
        "T1C3": {"rating": "amber", "evidence": "Audit in September", "carried": True},
        "T1C4": {"rating": "red", "evidence": "Two of five strategy meetings were late."},
        "T1C5": {"rating": "red", "evidence": "No joint visits recorded this quarter."},
    }
    path = write(root, "north", "2026-Q4", criteria, version="1.0")
    text = path.read_text().replace("schema = 1", "schema = 2", 1)
    path.write_text(text + '\n[criteria."T1C1".sample]\nsize = 20\nmet = 17\n')
    return root
