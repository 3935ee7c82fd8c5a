"""Three-way merge rules (selfassess.core.merge) and the conflict file, on assessments built in memory."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from pathlib import Path

from selfassess.core.merge import merge_assessments
from selfassess.core.model import Action, Assessment, Response
from selfassess.formats import conflictfile


def base() -> Assessment:
    return Assessment(
        framework="test",
        district="north",
        period="2026-Q4",
        updated=datetime(2026, 11, 1, tzinfo=UTC),
        responses={
            "T1C1": Response(rating="amber", evidence="Sample.\n", actions=[Action("T1C1-a1", "Brief")]),
            "T1C2": Response(not_applicable="No custody suite"),
        },
    )


def sides() -> tuple[Assessment, Assessment, Assessment]:
    return base(), base(), base()


def test_rating_and_not_applicable_merge_as_one_field() -> None:
    old, ours, theirs = sides()
    ours.responses["T1C2"] = Response(rating="green")
    theirs.responses["T1C2"] = Response(not_applicable="Handed to the region")
    result = merge_assessments(old, ours, theirs)
    merged = result.merged.responses["T1C2"]
    assert (merged.rating, merged.not_applicable) == ("green", None)  # never both
    assert result.conflicts == {"T1C2": ["rating"]}


def test_an_action_removed_on_one_side_and_edited_on_the_other_is_a_conflict() -> None:
    old, ours, theirs = sides()
    ours.responses["T1C1"].actions = []
    theirs.responses["T1C1"].actions[0].done = date(2026, 11, 20)
    result = merge_assessments(old, ours, theirs)
    assert result.merged.responses["T1C1"].actions == []
    assert result.conflicts == {"T1C1": ["actions"]}


def test_an_action_removed_on_one_side_and_untouched_on_the_other_is_removed() -> None:
    old, ours, theirs = sides()
    theirs.responses["T1C1"].actions = []
    theirs.responses["T1C1"].evidence = "More.\n"
    result = merge_assessments(old, ours, theirs)
    assert result.merged.responses["T1C1"].actions == [] and result.conflicts == {}
    assert result.merged.responses["T1C1"].evidence == "More.\n"


def test_a_renumbered_action_never_reuses_an_id_used_in_another_file() -> None:
    old, ours, theirs = sides()
    ours.responses["T1C1"].actions.append(Action("T1C1-a2", "Ours"))
    theirs.responses["T1C1"].actions.append(Action("T1C1-a2", "Theirs"))
    result = merge_assessments(old, ours, theirs, used_ids={"T1C1-a3"})  # e.g. in last quarter's file
    assert [a.id for a in result.merged.responses["T1C1"].actions] == ["T1C1-a1", "T1C1-a2", "T1C1-a4"]


def test_both_adding_the_file_merges_without_a_base() -> None:
    _, ours, theirs = sides()
    theirs.responses["T1C3"] = Response(rating="red")
    result = merge_assessments(None, ours, theirs)
    assert set(result.merged.responses) == {"T1C1", "T1C2", "T1C3"} and result.conflicts == {}


def test_the_conflict_file_keeps_an_earlier_conflict_and_take_theirs_restores_it(tmp_path: Path) -> None:
    old, ours, theirs = sides()
    path = tmp_path / "2026-Q4.conflict.toml"
    first = copy.deepcopy(theirs)
    first.responses["T1C1"].evidence = "Theirs, first.\n"
    conflictfile.write(path, first, {"T1C1": ["evidence"]}, None)
    second = copy.deepcopy(theirs)
    second.responses["T1C2"] = Response(rating="red")
    conflictfile.write(path, second, {"T1C2": ["rating"]}, None)  # a later commit of the same rebase
    conflict = conflictfile.read(path)
    assert conflict.conflicts == {"T1C2": ["rating"], "T1C1": ["evidence"]}
    conflictfile.take_theirs(ours, conflict, "T1C1")
    conflictfile.take_theirs(ours, conflict, "T1C2")
    assert ours.responses["T1C1"].evidence == "Theirs, first.\n"
    assert (ours.responses["T1C2"].rating, ours.responses["T1C2"].not_applicable) == ("red", None)
