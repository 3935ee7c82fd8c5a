"""Action ids mean one thing for life (#13): ``<criterion>-a<max+1>`` over every quarter of the district,
ids under a criterion's former ids (``replaces``) included; rewording keeps an id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from selfassess.logic.session import Session
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
FRAMEWORK = """\
framework: test
title: Test framework
version: "1.0"
scale:
  - {id: red, label: Red, colour: red}
  - {id: amber, label: Amber, colour: "#ffbf00"}
  - {id: green, label: Green, colour: green}
themes:
  - id: theme-1
    title: Theme 1
    criteria:
      - {id: T1C1, title: Criterion 1.1}
      - {id: T1C2, title: Criterion 1.2, replaces: [OLD2]}
"""


def assessment(period: str, actions: list[tuple[str, str, str]], status: str = "submitted") -> str:
    """A file of north's with ``actions`` (criterion, id, text), each criterion rated red."""
    lines = [
        "schema = 1",
        'framework = "test"',
        'framework_version = "1.0"',
        'district = "north"',
        f'period = "{period}"',
        f'status = "{status}"',
        'assessor = "DCI Before"',
        "updated = 2026-01-01T10:00:00Z",
    ]
    for criterion in dict.fromkeys(c for c, _, _ in actions):
        lines += ["", f"[criteria.{criterion}]", 'rating = "red"', 'evidence = "Audit"']
        for _, action_id, text in (a for a in actions if a[0] == criterion):
            lines += ["", f"[[criteria.{criterion}.actions]]", f'id = "{action_id}"', f'action = "{text}"']
            lines += ["done = 2025-12-01"]
    return "\n".join(lines) + "\n"


def workspace(make_workspace) -> Workspace:
    root: Path = make_workspace()
    (root / "criteria" / "test.yaml").write_text(FRAMEWORK)
    folder = root / "assessments" / "north"
    folder.mkdir(parents=True)
    # 2025-Q3: T1C1-a1 and T1C1-a2 (done, so never carried on), OLD2-a4 under T1C2's former id
    early = [("T1C1", "T1C1-a1", "Brief teams"), ("T1C1", "T1C1-a2", "Audit"), ("OLD2", "OLD2-a4", "Train")]
    (folder / "2025-Q3.toml").write_text(assessment("2025-Q3", early).replace("T1C2", "OLD2"))
    # 2026-Q3, last quarter: only a later action of T1C1
    (folder / "2026-Q3.toml").write_text(assessment("2026-Q3", [("T1C1", "T1C1-a3", "Re-audit")]))
    return Workspace(root)


def test_a_new_action_never_takes_an_id_from_any_earlier_quarter(make_workspace) -> None:
    s = Session(workspace(make_workspace), "north", "2026-Q4", "DCI Test", TODAY)
    assert s.acquire_lock()
    added = s.add_action("T1C1", "New work", "Insp. X", date(2027, 2, 1))
    assert added is not None and added.id == "T1C1-a4"
    s.close()
    again = Session(Workspace(s.workspace.root), "north", "2026-Q4", "DCI Test", TODAY)
    assert again.acquire_lock()
    assert again.add_action("T1C1", "More work").id == "T1C1-a5"
    again.close()


def test_ids_under_a_criterions_former_id_count_as_its_own(make_workspace) -> None:
    s = Session(workspace(make_workspace), "north", "2026-Q4", "DCI Test", TODAY)
    assert s.acquire_lock()
    assert s.add_action("T1C2", "New work").id == "T1C2-a5"  # OLD2-a4 was T1C2's, under its old id
    s.close()


def test_rewording_an_action_keeps_its_id(make_workspace) -> None:
    s = Session(workspace(make_workspace), "north", "2026-Q4", "DCI Test", TODAY)
    assert s.acquire_lock()
    added = s.add_action("T1C1", "New work")
    assert added is not None
    assert s.update_action("T1C1", added.id, "New work, reworded", "Insp. Y", None, False)
    assert [a.id for a in s.get("T1C1").actions] == [added.id]
    s.close()
