"""`selfassess keys` and `selfassess verify` with real SSH keys (ssh-keygen in tmp_path) and real
signed commits: who may write which file, judged as allowed_signers and [access] were last adopted
(through reviewer-signed commits) before each commit. Issue #25's scenarios: test_verify_trust.py."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from builders import git, write
from conftest import run_cli

ACCESS = """
[access]
reviewers = ["acc@force.example"]
[access.leads]
north = ["north@force.example", "deputy.north@force.example"]
south = ["south@force.example"]
"""
pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "version"], capture_output=True, text=True).stdout < "git version 2.34",
    reason="SSH signing needs git 2.34",
)


def make_key(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


def signers_line(principals: str, key: Path) -> str:
    kind, body = Path(f"{key}.pub").read_text().split()[:2]
    return f'{principals} namespaces="git" {kind} {body}\n'


class Team:
    """A workspace in git whose first commit (by the ACC, signed) adds allowed_signers: the root of trust."""

    def __init__(self, root: Path, keys: Path) -> None:
        self.root = root
        self.keys = {n: make_key(keys, n) for n in ("acc", "north", "south", "stranger")}
        (root / "allowed_signers").write_text(
            signers_line("acc@force.example", self.keys["acc"])
            + signers_line("north@force.example,deputy.north@force.example", self.keys["north"])
            + signers_line("south@force.example", self.keys["south"])
        )
        git(root, "init", "-q", "-b", "main")
        self.commit("acc", "settings, framework and keys")

    def commit(self, who: str | None, message: str) -> str:
        """Commit everything, signed with ``who``'s key (None: unsigned)."""
        git(self.root, "add", "-A")
        signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={self.keys[who]}"] if who else []
        git(self.root, *signing, "commit", "-q", *(["-S"] if who else ["--no-gpg-sign"]), "-m", message)
        return git(self.root, "rev-parse", "--short=7", "HEAD").strip()


@pytest.fixture
def team(tmp_path: Path, make_workspace) -> Team:
    root = make_workspace(extra_settings=ACCESS)
    keys = tmp_path / "keys"
    keys.mkdir()
    return Team(root, keys)


def verify(team: Team, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("verify", *args, cwd=team.root)


def test_a_lead_signing_their_own_district_passes(team: Team) -> None:
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north's draft")
    result = verify(team)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("All 1 commit(s) since ")


def test_each_wrong_writer_is_named_with_the_reason(team: Team) -> None:
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    other = team.commit("north", "north writes south's file")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "red"}})
    unsigned = team.commit(None, "unsigned")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}})
    stranger = team.commit("stranger", "an unknown key")
    (team.root / "assessments/north/2026-Q4.review.toml").write_text("reviewed by a lead\n")
    review = team.commit("north", "a lead reviews")
    with (team.root / "allowed_signers").open("a") as signers:
        signers.write(signers_line("acc@force.example", team.keys["north"]))  # the lead as the ACC
    keys = team.commit("north", "a lead adds a key")
    result = verify(team)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    fingerprint = subprocess.run(
        ["ssh-keygen", "-lf", f"{team.keys['stranger']}.pub"], capture_output=True, text=True
    ).stdout.split()[1]
    lead = "deputy.north@force.example, north@force.example"
    assert lines == [
        f"assessments/south/2026-Q4.toml: error: {other} changed by {lead} — not a lead of south",
        f"assessments/north/2026-Q4.toml: error: {unsigned} changed — unsigned",
        f"assessments/north/2026-Q4.toml: error: {stranger} changed — signed by a key not in allowed_signers "
        f"({fingerprint})",
        f"assessments/north/2026-Q4.review.toml: error: {review} changed by {lead} — not a reviewer",
        f"allowed_signers: error: {keys} changed by {lead} — not a reviewer",
    ]


def test_from_limits_the_walk_and_json_names_each_files_last_commit(team: Team) -> None:
    team_root = team.root
    write(team_root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit(None, "unsigned, before --from")
    start = git(team_root, "rev-parse", "HEAD").strip()
    write(team_root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}})
    good = team.commit("north", "signed")
    assert verify(team).returncode == 1
    result = verify(team, "--from", start, "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["findings"] == [] and report["commits"] == 1
    lead = "deputy.north@force.example, north@force.example"
    full = git(team_root, "rev-parse", good).strip()
    assert report["files"]["assessments/north/2026-Q4.toml"] == {
        "origin": {"commit": full, "signer": lead},
        "verified": True,
        "why": None,
    }
    write(team_root, "north", "2026-Q4", {"T1C1": {"rating": "red"}})
    bad = team.commit(None, "unsigned, after")
    result = verify(team, "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["files"]["assessments/north/2026-Q4.toml"] == {
        "origin": {"commit": git(team_root, "rev-parse", bad).strip(), "signer": None},
        "verified": False,
        "why": "changed — unsigned",
    }


def test_cannot_run_is_exit_2(team: Team, make_workspace, tmp_path: Path) -> None:
    assert verify(team, "--from", "no-such-rev").returncode == 2
    plain = make_workspace(name="plain")
    result = run_cli("verify", cwd=plain)
    assert result.returncode == 2 and "not a git repository" in result.stderr
    git(plain, "init", "-q")
    result = run_cli("verify", cwd=plain)
    assert result.returncode == 2 and "no allowed_signers committed" in result.stderr


def test_access_is_validated_with_its_line(make_workspace) -> None:
    root = make_workspace(
        extra_settings='[access]\nreviewers = ["acc@x"]\n[access.leads]\nnowhere = ["a@x"]\n'
    )
    result = run_cli("validate", cwd=root)
    assert result.returncode == 1
    assert (
        "selfassess.toml:7: error: [access.leads] names 'nowhere', which is not in districts" in result.stdout
    )


def test_keys_makes_a_key_sets_up_signing_and_commits_are_signed(make_workspace, git_repo, tmp_path) -> None:
    root = git_repo(make_workspace())
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = run_cli("keys", "--no-passphrase", cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[-1]
    assert line.startswith('test@example.invalid namespaces="git" ssh-ed25519 ')
    assert (tmp_path / "config" / "selfassess" / "id_ed25519").is_file()
    assert git(root, "config", "commit.gpgsign").strip() == "true"
    (root / "allowed_signers").write_text(line + "\n")
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    assert run_cli("sync", "--all", cwd=root, env=env).returncode == 0
    assert git(root, "log", "-1", "--format=%G? %GS").strip() == "G test@example.invalid"
    again = run_cli("keys", cwd=root, env={**env, "HOME": os.environ["HOME"]})
    assert again.returncode == 0 and again.stdout.startswith("Using your key: ")


def test_keys_still_finds_a_key_made_under_the_old_folder(make_workspace, git_repo, tmp_path) -> None:
    """Keys were made in ~/.config/selfassess; the config folder now follows the system's rule
    (platformdirs: Library on macOS, AppData on Windows): a key set up before is still used."""
    root = git_repo(make_workspace())
    home = tmp_path / "home"
    old = home / ".config" / "selfassess"
    old.mkdir(parents=True)
    made = subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-C", "old@x", "-N", "", "-f", str(old / "id_ed25519")],
        capture_output=True, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(tmp_path / "elsewhere")}
    result = run_cli("keys", cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Using your key: {old / 'id_ed25519.pub'}")
    assert not (tmp_path / "elsewhere" / "selfassess" / "id_ed25519").exists()


def test_summary_json_says_which_files_are_verified_only_with_allowed_signers(
    team: Team, make_workspace
) -> None:
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north's draft")
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit(None, "south's draft, unsigned")
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", "2026-11-23", cwd=team.root)
    assert json.loads(result.stdout)["verified"] == {"north": True, "south": False}
    plain = make_workspace(name="plain")
    write(plain, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", "2026-11-23", cwd=plain)
    assert "verified" not in json.loads(result.stdout)


def test_a_merge_is_judged_only_on_files_that_differ_from_every_parent(team: Team) -> None:
    git(team.root, "switch", "-q", "-c", "north-work")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north's draft")
    git(team.root, "switch", "-q", "main")
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("south", "south's draft")
    git(team.root, "merge", "-q", "--no-ff", "--no-gpg-sign", "-m", "an unsigned merge", "north-work")
    assert verify(team).returncode == 0  # the merge took each file from one side: nothing new to judge
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "red"}})
    git(team.root, "add", "-A")
    git(team.root, "commit", "-q", "--amend", "--no-edit", "--no-gpg-sign")  # the merge now edits south
    result = verify(team)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"assessments/south/2026-Q4.toml: error: {git(team.root, 'rev-parse', '--short=7', 'HEAD').strip()} "
        "changed — unsigned"
    ]


def test_a_locked_key_without_an_agent_fails_in_one_line(
    make_workspace, git_repo, tmp_path, monkeypatch
) -> None:
    """Under the screens git has no terminal: signing with a passphrase-protected key and no ssh-agent
    fails with what to do, never a prompt."""
    from selfassess.core.errors import GitError
    from selfassess.git import run as gitrun
    from selfassess.logic.sync import sync

    root = git_repo(make_workspace())
    key = tmp_path / "locked"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", str(key)], check=True)
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(key)), ("commit.gpgsign", "true")):
        git(root, "config", name, value)
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.setattr(gitrun, "DETACH_FROM_TERMINAL", True)
    with pytest.raises(GitError) as raised:
        sync(root)
    assert str(raised.value) == (
        "git commit failed: git could not sign the commit (a key with a passphrase and no ssh-agent?): run "
        "ssh-add, or run selfassess sync from the command line, where git can ask for it"
    )


def signed_quarter(team: Team) -> dict[str, str]:
    """north submitted (signed by north) and reviewed (by a lead: not allowed); south a draft, unsigned."""
    from hashlib import sha256

    from test_review_support import write_review

    north = write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}}, status="submitted")
    team.commit("north", "north submits")
    write_review(team.root, "north", "2026-Q4", sha256(north.read_bytes()).hexdigest(), "Seen")
    review = team.commit("north", "north reviews itself")
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    unsigned = team.commit(None, "south's draft, unsigned")
    return {"review": review, "unsigned": unsigned}


LEAD = "deputy.north@force.example, north@force.example"


def signing_workspace(make_workspace, folder: Path) -> Path:
    """A workspace that signs commits, with :func:`signed_quarter` (its reports have a provenance section)."""
    keys = folder / "signing-keys"
    keys.mkdir()
    team = Team(make_workspace(name="signing", extra_settings=ACCESS), keys)
    signed_quarter(team)
    return team.root


def report(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("report", "2026-Q4", "--as-of", "2026-11-23", *args, cwd=root)


def test_the_markdown_report_gains_provenance_only_with_allowed_signers(team: Team, make_workspace) -> None:
    commits = signed_quarter(team)
    result = report(team.root)
    assert result.returncode == 0, result.stderr
    section = result.stdout[result.stdout.index("## Provenance") :].splitlines()
    assert section[2:6] == [
        "| District | Status | Assessor | Reviewed by | Signed by | Verified |",
        "|---|---|---|---|---|---|",
        f"| North | reviewed | DCI A. Example | ACC Before | {LEAD} | NO: review {commits['review']} changed "
        f"by {LEAD} — not a reviewer |",
        f"| South | draft | DCI A. Example | none | none | NO: assessment {commits['unsigned']} changed "
        "— unsigned |",
    ]
    plain = make_workspace(name="plain")
    write(plain, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    assert "Provenance" not in report(plain).stdout


def test_the_html_report_gains_an_accessible_provenance_section(team: Team, make_workspace) -> None:
    from a11y_tree import announce, by_id, parse

    commits = signed_quarter(team)
    result = report(team.root, "--format", "html")
    assert result.returncode == 0, result.stderr
    page = parse(result.stdout)
    section = by_id(page, "provenance")
    (table,) = section.iter("table")
    (caption,) = [c for c in table.elements() if c.tag == "caption"]
    words = "Who submitted and reviewed each district's 2026-Q4, and whether it verifies"
    assert caption.text().strip() == words
    assert all(th.attrs.get("scope") in ("row", "col") for th in table.iter("th"))
    region = table.parent
    assert region is not None and region.tag == "section" and region.attrs.get("tabindex") == "0"
    assert region.attrs.get("aria-labelledby") == caption.attrs.get("id")
    spoken = announce(table)
    assert spoken[("Verified", "South")] == (
        f"Verified, South, NO: assessment {commits['unsigned']} changed — unsigned"
    )
    assert spoken[("Signed by", "North")] == f"Signed by, North, {LEAD}"  # names, as the report's (#28)
    assert spoken[("Reviewed by", "North")] == "Reviewed by, North, ACC Before"
    # the section sits before the colophon, under an h2 like every other section
    assert result.stdout.index('id="provenance"') < result.stdout.index('class="colophon"')
    plain = make_workspace(name="plain")
    write(plain, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    assert "provenance" not in report(plain, "--format", "html").stdout.lower()


def test_summary_verified_needs_the_review_signed_by_a_reviewer_too(team: Team) -> None:
    signed_quarter(team)
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", "2026-11-23", cwd=team.root)
    assert json.loads(result.stdout)["verified"] == {"north": False, "south": False}
    (team.root / "assessments/north/2026-Q4.review.toml").write_bytes(
        (team.root / "assessments/north/2026-Q4.review.toml").read_bytes() + b"\n"
    )
    team.commit("acc", "the ACC signs the review")
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", "2026-11-23", cwd=team.root)
    assert json.loads(result.stdout)["verified"] == {"north": True, "south": False}


def test_a_workspace_that_does_not_sign_behaves_as_before(make_workspace, git_repo) -> None:
    """No [access], no allowed_signers: no provenance, no `verified`; the only difference an
    allowed_signers file makes to the reports is their provenance section (in JSON: `verified` and
    `sign_off`)."""
    root = make_workspace()
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "green"}}, status="submitted")
    git_repo(root)
    before = {fmt: report(root, "--format", fmt).stdout for fmt in ("md", "html", "json", "csv")}
    summary = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", "2026-11-23", cwd=root)
    assert "verified" not in json.loads(summary.stdout) and "Provenance" not in before["md"]
    assert 'id="provenance"' not in before["html"]
    assert run_cli("validate", cwd=root).returncode == 0
    assert run_cli("verify", cwd=root).returncode == 2
    (root / "allowed_signers").write_text("")  # on disk, not committed: nothing verifies
    after = {fmt: report(root, "--format", fmt).stdout for fmt in ("md", "html", "json", "csv")}
    signed = json.loads(after["json"])
    assert signed.pop("verified") == {"north": False, "south": None}
    assert signed.pop("sign_off")["north"]["verified"] is False
    assert signed == json.loads(before["json"])
    # CSV: the provenance columns after the others, which are as they were
    import csv
    import io

    old_rows, new_rows = (list(csv.reader(io.StringIO(t))) for t in (before["csv"], after["csv"]))
    assert new_rows[0][len(old_rows[0]) :] == ["assessor", "reviewed_by", "signed_by", "verified"]
    assert [row[: len(old_rows[0])] for row in new_rows] == old_rows
    assert "verified" not in json.loads(before["json"])
    assert after["md"].startswith(before["md"]) and after["md"] != before["md"]
    assert (
        "| North | submitted | DCI A. Example | none | none | NO: no allowed\\_signers committed in "
        in after["md"]
    )
    start, end = (
        after["html"].index('<section id="provenance">'),
        after["html"].index('<footer class="colophon">'),
    )
    assert after["html"][:start] + after["html"][end:] == before["html"]


def test_rotating_a_key_with_valid_before_and_removing_one(team: Team) -> None:
    """valid-before is checked against the committer date; a removed key fails only later commits here
    (each commit is judged by the allowed_signers adopted before it), while git's own check, which reads
    the file as it is now, fails the key's whole history."""
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    south = team.commit("south", "south, before its key is removed")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north, before the rotation")
    team.keys["north-new"] = make_key(team.keys["north"].parent, "north-new")
    signers = (
        (team.root / "allowed_signers")
        .read_text()
        .replace(
            'deputy.north@force.example namespaces="git"',
            'deputy.north@force.example namespaces="git",valid-before="20200101"',
        )
    )
    signers = "".join(line for line in signers.splitlines(True) if not line.startswith("south@"))
    (team.root / "allowed_signers").write_text(
        signers + signers_line("north@force.example", team.keys["north-new"])
    )
    team.commit("acc", "the ACC rotates north's key and removes south's")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}})
    late = team.commit("north", "north with the old key, after valid-before")
    write(team.root, "north", "2026-Q3", {"T1C1": {"rating": "amber"}})
    team.commit("north-new", "north with the new key")
    result = verify(team)
    assert result.stdout.splitlines() == [
        f"assessments/north/2026-Q4.toml: error: {late} changed — signed with a key allowed_signers does not "
        "accept at the commit's date (valid-before/after)"
    ]
    current = f"gpg.ssh.allowedSignersFile={team.root / 'allowed_signers'}"
    assert git(team.root, "-c", current, "log", "-1", "--format=%G?", south) == "U\n"


def test_every_other_path_in_the_workspace_needs_a_reviewer(team: Team) -> None:
    """Not only settings and frameworks: .gitattributes (which picks git's merge driver) or any new file
    a lead commits is judged, and only a reviewer may write it."""
    (team.root / ".gitattributes").write_text("*.toml merge=ours\n")
    (team.root / "notes.txt").write_text("a lead's file\n")
    sha = team.commit("north", "a lead changes how git merges")
    lead = "deputy.north@force.example, north@force.example"
    assert verify(team).stdout.splitlines() == [
        f".gitattributes: error: {sha} changed by {lead} — not a reviewer",
        f"notes.txt: error: {sha} changed by {lead} — not a reviewer",
    ]
    (team.root / "notes.txt").write_text("the ACC's file\n")
    team.commit("acc", "the ACC may")
    assert verify(team, "--from", sha).returncode == 0


def test_a_reviewer_importing_a_districts_spreadsheet_is_flagged(team: Team, tmp_path: Path) -> None:
    """As documented: the ACC who imports north's spreadsheet has written north's assessment."""
    from test_import import workbook

    sheet = [["Ref.", "Criterion", "RAG", "Evidence"], ["T1C1", None, "Green", "Seen in the audit."]]
    book = workbook(tmp_path / "north.xlsx", {"Sheet1": sheet})
    imported = run_cli(
        "import",
        str(book),
        "--district",
        "north",
        "--period",
        "2026-Q4",
        "--as-of",
        "2026-11-23",
        cwd=team.root,
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    sha = team.commit("acc", "the ACC imports north's spreadsheet")
    assert verify(team).stdout.splitlines() == [
        f"assessments/north/2026-Q4.toml: error: {sha} changed by acc@force.example — not a lead of north"
    ]


def test_the_report_view_carries_the_provenance_to_every_format(team: Team) -> None:
    """Sign-off enters the report's view model: the Python API renders the same section as the command."""
    from datetime import date

    from selfassess.logic.combine import combine
    from selfassess.report import build, render
    from selfassess.workspace.workspace import open_workspace

    signed_quarter(team)
    workspace = open_workspace(team.root)
    view = build(workspace, combine(workspace, "2026-Q4", date(2026, 11, 23)), date(2026, 11, 23))
    assert view.provenance() is not None
    assert render(view, "md") == report(team.root).stdout
    assert render(view, "html") == report(team.root, "--format", "html").stdout
    data = json.loads(report(team.root, "--format", "json").stdout)
    summary = json.loads(run_cli("summary", "2026-Q4", "--format", "json", cwd=team.root).stdout)
    assert data["verified"] == summary["verified"]  # the JSON report says what summary says
    assert set(data["sign_off"]) == set(data["verified"])


def test_the_csv_report_carries_the_provenance_as_columns(team: Team, tmp_path: Path) -> None:
    """Each row gains the district's assessor, reviewer, signer and verify result (only when the workspace
    signs: the columns of a workspace that does not are as before)."""
    import csv

    commits = signed_quarter(team)
    out = tmp_path / "report.csv"
    result = report(team.root, "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[-4:] == ["assessor", "reviewed_by", "signed_by", "verified"]

    def provenance(district: str) -> set[tuple[str, ...]]:
        keys = ("assessor", "reviewed_by", "signed_by", "verified")
        return {tuple(r[k] for k in keys) for r in rows if r["district"] == district}

    north, south = provenance("north"), provenance("south")
    review = f"NO: review {commits['review']} changed by {LEAD} — not a reviewer"
    assert north == {("DCI A. Example", "ACC Before", LEAD, review)}
    assert south == {("DCI A. Example", "", "", f"NO: assessment {commits['unsigned']} changed — unsigned")}
    assert len(rows) == 2 * len({r["criterion"] for r in rows})  # still one row per criterion × district


def test_the_xlsx_report_has_a_provenance_sheet(team: Team, make_workspace, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    commits = signed_quarter(team)
    out = tmp_path / "report.xlsx"
    result = report(team.root, "--format", "xlsx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames[-1] == "Provenance"
    sheet = book["Provenance"]
    values = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0].startswith("Verified: whether selfassess verify confirms")
    table = [row[:6] for row in values[2:] if any(row)]
    assert table == [
        ["District", "Status", "Assessor", "Reviewed by", "Signed by", "Verified"],
        ["North", "reviewed", "DCI A. Example", "ACC Before", LEAD,
         f"NO: review {commits['review']} changed by {LEAD} — not a reviewer"],
        ["South", "draft", "DCI A. Example", "none", "none",
         f"NO: assessment {commits['unsigned']} changed — unsigned"],
    ]  # fmt: skip
    plain = make_workspace(name="plain")
    write(plain, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    assert report(plain, "--format", "xlsx", "-o", str(tmp_path / "plain.xlsx")).returncode == 0
    assert "Provenance" not in load_workbook(tmp_path / "plain.xlsx").sheetnames
