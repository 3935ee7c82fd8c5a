"""Dip samples across clones (#29 with #25): a bare remote, a lead's and a deputy's clone, `sync` in both
orders. Samples recorded on different criteria both arrive; the same criterion's sample changed two ways
is never merged field by field (met could pass size) nor dropped: sync stops and the conflict file holds
each side's whole sample."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_diff import write
from test_sync import clone, git, sync

from selfassess import open_workspace
from selfassess.core.model import Sample
from selfassess.logic.session import Session

from conftest import commit_all, sample_framework_yaml

TODAY = date(2026, 11, 23)
ORDERS = pytest.mark.parametrize("order", ["deputy-first", "lead-first"])
LEADS = Sample(20, 14, date(2026, 7, 1), date(2026, 9, 30), "CATS dip sample, chosen by the PPU DS")
DEPUTYS = Sample(20, 18, None, None, "Custody records")


@pytest.fixture
def remote(tmp_path: Path, make_workspace) -> Path:
    """A bare remote whose framework samples T1C1 and T1C2, with north's 2026-Q4 draft on it."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    root = make_workspace(name="first", themes=1, per_theme=3)
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml(themes=1, per_theme=3))
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}, "T1C2": {"rating": "green"}})
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "initial")
    git(root, "remote", "add", "origin", str(bare))
    git(root, "push", "-q", "-u", "origin", "main")
    return bare


def record(root: Path, criterion: str, sample: Sample) -> None:
    session = Session(open_workspace(root), "north", "2026-Q4", root.name, TODAY)
    assert session.acquire_lock()
    assert session.set_sample(criterion, sample)
    assert session.save()
    session.close()


def samples(root: Path) -> dict[str, Sample | None]:
    assessment = open_workspace(root).load("north", "2026-Q4")
    assert assessment is not None
    return {c: assessment.response(c).sample for c in ("T1C1", "T1C2")}


def first_then_second(order: str, lead: Path, deputy: Path) -> tuple[Path, Path]:
    return (deputy, lead) if order == "deputy-first" else (lead, deputy)


@ORDERS
def test_samples_on_different_criteria_both_arrive_in_every_clone(remote: Path, order: str) -> None:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    record(lead, "T1C1", LEADS)
    record(deputy, "T1C2", DEPUTYS)
    first, second = first_then_second(order, lead, deputy)
    for root in (first, second, first):
        result = sync(root)
        assert result.returncode == 0, result.stderr
    assert samples(lead) == samples(deputy) == {"T1C1": LEADS, "T1C2": DEPUTYS}
    assert not list(lead.glob("assessments/north/*.conflict.toml"))


@ORDERS
def test_one_sample_changed_two_ways_stops_sync_with_both_whole_in_the_conflict_file(
    remote: Path, order: str
) -> None:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    record(lead, "T1C1", LEADS)
    record(deputy, "T1C1", DEPUTYS)
    first, second = first_then_second(order, lead, deputy)
    assert sync(first).returncode == 0
    stopped = sync(second)
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    mine, theirs = (LEADS, DEPUTYS) if second == lead else (DEPUTYS, LEADS)
    assert samples(second)["T1C1"] in (mine, theirs)  # one whole side in the file, never a mixture
    conflict = (second / "assessments/north/2026-Q4.conflict.toml").read_text()
    for sample in (mine, theirs):  # and each side's whole sample is kept, the other in the conflict file
        kept = samples(second)["T1C1"] == sample
        assert kept or (f"size = {sample.size}\nmet = {sample.met}" in conflict and sample.source in conflict)
    assert samples(first)["T1C1"] == (LEADS if first == lead else DEPUTYS)  # the first to sync keeps its own
