"""Issue #25, scenarios 3–5 and the pinned root of trust, with real git, ssh-keygen keys and signed
commits: trust moves only through verified commits, a file's verdict follows its content through merges,
and ``--from`` cannot be talked round by a tag."""

from __future__ import annotations

import json
import os
import subprocess
from hashlib import sha256
from pathlib import Path

import pytest
from test_diff import write
from test_review_support import write_review
from test_verify import ACCESS, LEAD, Team, git, make_key, report, signers_line, verify

from conftest import run_cli


@pytest.fixture(name="team")
def team_fixture(tmp_path: Path, make_workspace) -> Team:
    keys = tmp_path / "keys"
    keys.mkdir()
    return Team(make_workspace(extra_settings=ACCESS), keys)


OLD = {"GIT_AUTHOR_DATE": "2020-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2020-01-01T00:00:00Z"}


def summary_verified(team: Team) -> dict[str, bool | None]:
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", "2026-11-23", cwd=team.root)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["verified"]


def files(team: Team) -> dict[str, dict]:
    result = verify(team, "--format", "json")
    return json.loads(result.stdout)["files"]


def full(team: Team, short: str) -> str:
    return git(team.root, "rev-parse", short).strip()


def test_a_lead_cannot_vouch_for_themselves_through_an_unverified_key_change(team: Team) -> None:
    """Scenario 3: every commit signed by north's lead: (a) north's key added as the ACC, (b) north's
    assessment and its review (with the matching sha), (c) allowed_signers restored. (a) is not adopted,
    so (b)'s review is a lead's, and (c) is a lead changing allowed_signers: all findings."""
    signers = team.root / "allowed_signers"
    original = signers.read_text()
    signers.write_text(original + signers_line("acc@force.example", team.keys["north"]))
    vouch = team.commit("north", "(a) a lead lists their own key as the ACC")
    north = write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}}, status="submitted")
    team.commit("north", "(b) north submits")
    write_review(team.root, "north", "2026-Q4", sha256(north.read_bytes()).hexdigest(), "Excellent.")
    review = team.commit("north", "(b) north reviews itself")
    signers.write_text(original)
    restore = team.commit("north", "(c) allowed_signers restored")
    assert git(team.root, "diff", "HEAD~4", "HEAD", "--", "allowed_signers") == ""

    result = verify(team)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"allowed_signers: error: {vouch} changed by {LEAD} — not a reviewer",
        f"assessments/north/2026-Q4.review.toml: error: {review} changed by {LEAD} — not a reviewer",
        f"allowed_signers: error: {restore} changed by {LEAD} — not a reviewer",
    ]
    assert summary_verified(team)["north"] is False
    section = report(team.root).stdout.split("## Provenance")[1]
    (row,) = [line for line in section.splitlines() if line.startswith("| North |")]
    assert row.endswith(f"| NO: review {review} changed by {LEAD} — not a reviewer |")
    state = files(team)["assessments/north/2026-Q4.review.toml"]
    assert state["verified"] is False and state["origin"]["commit"] == full(team, review)
    # the ACC signing allowed_signers again makes it verify; north's review stays a lead's
    signers.write_text(original + "\n")
    team.commit("acc", "the ACC re-signs the keys")
    assert files(team)["allowed_signers"]["verified"] is True
    assert summary_verified(team)["north"] is False


def test_a_key_change_the_acc_signs_is_adopted(team: Team) -> None:
    """The legitimate path: the ACC lists a deputy ACC; the deputy's review then verifies."""
    team.keys["deputy"] = team.keys["stranger"]
    with (team.root / "allowed_signers").open("a") as signers:
        signers.write(signers_line("acc@force.example", team.keys["deputy"]))
    team.commit("acc", "the ACC adds a deputy's key under the reviewer's name")
    north = write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}}, status="submitted")
    team.commit("north", "north submits")
    write_review(team.root, "north", "2026-Q4", sha256(north.read_bytes()).hexdigest(), "Seen.")
    team.commit("deputy", "the deputy ACC reviews")
    result = verify(team)
    assert result.returncode == 0, result.stdout
    assert summary_verified(team)["north"] is True


def test_an_unsigned_merge_cannot_launder_unsigned_content(team: Team) -> None:
    """Scenario 4: an unsigned side-branch commit (dated earlier) rates north red; north's lead signs a
    small change on main; an unsigned merge takes the side's version. The file holds the unsigned
    content: not verified, whatever the dates say."""
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}}, status="submitted")
    team.commit("north", "north submits")
    git(team.root, "switch", "-q", "-c", "side")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "red"}, "T1C2": {"rating": "red"}})
    git(team.root, "add", "-A")
    env = {**os.environ, **OLD}
    subprocess.run(
        ["git", "commit", "-q", "--no-gpg-sign", "-m", "reds, unsigned"], cwd=team.root, env=env, check=True
    )
    side = git(team.root, "rev-parse", "HEAD").strip()
    git(team.root, "switch", "-q", "main")
    write(
        team.root,
        "north",
        "2026-Q4",
        {"T1C1": {"rating": "green"}, "T1C2": {"rating": "green"}},
        status="submitted",
    )
    team.commit("north", "the lead's small change")
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("south", "south's draft, on main only")
    git(team.root, "merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "side")
    git(team.root, "checkout", "side", "--", "assessments/north/2026-Q4.toml")
    git(team.root, "commit", "-q", "--no-gpg-sign", "-m", "merge, taking the side's version")
    assert git(team.root, "show", "HEAD:assessments/north/2026-Q4.toml") == git(
        team.root, "show", f"{side}:assessments/north/2026-Q4.toml"
    )

    assert summary_verified(team)["north"] is False
    state = files(team)["assessments/north/2026-Q4.toml"]
    assert state == {
        "origin": {"commit": side, "signer": None},
        "verified": False,
        "why": "changed — unsigned",
    }
    section = report(team.root).stdout.split("## Provenance")[1]
    (row,) = [line for line in section.splitlines() if line.startswith("| North |")]
    assert row.endswith(f"| NO: assessment {side[:7]} changed — unsigned |")
    assert verify(team).returncode == 1


def test_a_merge_that_writes_new_content_is_judged_as_its_signers_change(team: Team) -> None:
    git(team.root, "switch", "-q", "-c", "side")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "red"}})
    team.commit("north", "north on the side")
    git(team.root, "switch", "-q", "main")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north on main")
    git(team.root, "merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "side")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}})
    merge = team.commit(None, "an unsigned merge writing content neither side had")
    state = files(team)["assessments/north/2026-Q4.toml"]
    assert state["origin"]["commit"] == full(team, merge) and state["verified"] is False
    git(team.root, "reset", "-q", "--hard", "HEAD^")
    git(team.root, "merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "side")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}})
    merge = team.commit("north", "north's signed merge")
    state = files(team)["assessments/north/2026-Q4.toml"]
    assert state == {"origin": {"commit": full(team, merge), "signer": LEAD}, "verified": True, "why": None}


def test_from_refuses_a_tag_named_like_a_short_sha_and_a_non_ancestor(team: Team) -> None:
    """Scenario 5: a tag named like the short sha verify printed must not turn --from into HEAD."""
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    unsigned = team.commit(None, "unsigned")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}})
    team.commit("north", "signed")
    assert verify(team).stdout.startswith(f"assessments/north/2026-Q4.toml: error: {unsigned} ")
    before = git(team.root, "rev-parse", f"{unsigned}^").strip()[:7]
    git(team.root, "tag", before, "HEAD")
    result = verify(team, "--from", before)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"'{before}' names both a ref and an object id" in result.stderr
    # the full id (or the tag's full name) is unambiguous
    result = verify(team, "--from", git(team.root, "rev-parse", f"{unsigned}^").strip())
    assert result.returncode == 1 and f"{unsigned} changed — unsigned" in result.stdout
    assert verify(team, "--from", f"refs/tags/{before}").stdout.startswith("Nothing checked since")

    git(team.root, "switch", "-q", "-c", "elsewhere")
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    elsewhere = team.commit("south", "not on main")
    git(team.root, "switch", "-q", "main")
    result = verify(team, "--from", elsewhere)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "is not an ancestor of HEAD" in result.stderr

    result = verify(team, "--from", "HEAD")
    assert result.returncode == 0
    assert result.stdout.startswith("Nothing checked since HEAD") and "verified" not in result.stdout


def test_the_root_of_trust_is_pinned_and_an_orphan_cannot_forge_it(team: Team) -> None:
    """The first verify records the root; an orphan branch with its own (earlier-dated) allowed_signers,
    merged in, does not become the root, and its commits verify nothing."""
    first = git(team.root, "rev-parse", "HEAD").strip()
    result = verify(team)
    assert result.returncode == 0 and f"the root of trust {first[:7]}" in result.stdout
    assert git(team.root, "config", "selfassess.trustRoot").strip() == first

    git(team.root, "switch", "-q", "--orphan", "forged")
    (team.root / "allowed_signers").write_text(signers_line("acc@force.example", team.keys["stranger"]))
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "red"}})
    git(team.root, "add", "-A")
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={team.keys['stranger']}"]
    env = {**os.environ, **OLD}
    subprocess.run(
        ["git", *signing, "commit", "-q", "-S", "-m", "forged root"], cwd=team.root, env=env, check=True
    )
    git(team.root, "switch", "-q", "-f", "main")
    git(
        team.root,
        "merge",
        "-q",
        "--no-ff",
        "--no-commit",
        "-X",
        "theirs",
        "--allow-unrelated-histories",
        "forged",
    )
    team.commit("stranger", "the forged history merged in")
    result = verify(team)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(f"since the root of trust {first[:7]}.")
    assert git(team.root, "config", "selfassess.trustRoot").strip() == first
    state = files(team)
    assert state["assessments/north/2026-Q4.toml"]["verified"] is False
    assert state["allowed_signers"]["verified"] is False
    assert summary_verified(team)["north"] is False


def test_a_pinned_root_that_is_not_an_ancestor_is_a_finding(team: Team) -> None:
    git(team.root, "switch", "-q", "-c", "other")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    other = team.commit("north", "elsewhere")
    git(team.root, "switch", "-q", "main")
    git(team.root, "config", "selfassess.trustRoot", git(team.root, "rev-parse", other).strip())
    result = verify(team)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"allowed_signers: error: {other} root of trust (git config selfassess.trustRoot) — is not an "
        "ancestor of HEAD: nothing verifies"
    ]


def test_keys_pins_the_root_of_trust(team: Team, tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    git(team.root, "config", "user.email", "north@force.example")
    result = run_cli("keys", "--no-passphrase", cwd=team.root, env=env)
    assert result.returncode == 0, result.stderr
    first = git(team.root, "rev-list", "--max-parents=0", "HEAD").strip()
    assert git(team.root, "config", "selfassess.trustRoot").strip() == first
    assert f"selfassess.trustRoot {first}" in result.stdout


def test_a_workspace_in_a_subfolder_judges_only_its_own_files(tmp_path: Path, make_workspace) -> None:
    """The walk, the origins and the trust files are the workspace's, wherever it sits in the repository."""
    root = make_workspace(name="ws", extra_settings=ACCESS)
    keys = tmp_path.parent / f"{tmp_path.name}-keys"
    keys.mkdir()
    (tmp_path / "outside.txt").write_text("not the workspace's\n")
    team = Team.__new__(Team)
    team.root = root
    team.keys = {n: make_key(keys, n) for n in ("acc", "north", "south", "stranger")}
    (root / "allowed_signers").write_text(
        signers_line("acc@force.example", team.keys["acc"])
        + signers_line("north@force.example,deputy.north@force.example", team.keys["north"])
    )
    git(tmp_path, "init", "-q", "-b", "main")
    team.commit("acc", "the workspace in a subfolder")
    (tmp_path / "outside.txt").write_text("changed, unsigned\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "--no-gpg-sign", "-m", "outside, unsigned")
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north's draft")
    result = verify(team)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("All 1 commit(s) since the root of trust ")
    state = files(team)
    assert "outside.txt" not in state and "../outside.txt" not in state
    assert state["assessments/north/2026-Q4.toml"]["verified"] is True
    assert state["allowed_signers"]["verified"] is False  # the root's own content
