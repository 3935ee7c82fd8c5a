"""``verify`` against an oracle: random small histories of signed and unsigned commits by allowed and
unknown keys — assessments, reviews, changes to ``allowed_signers`` and ``[access]``, branches and merges
taking either side or writing new content — built in real git with real ssh-keygen keys, while a plain
replay of who signed what (no git, no diffs) works out which files must verify and which commits must be
findings. verify must agree on both.

A few dozen histories in CI; ``SELFASSESS_ORACLE_EXAMPLES=500`` for a long run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from test_verify import make_key

from selfassess.logic.verify import verify

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "version"], capture_output=True, text=True).stdout < "git version 2.34",
    reason="SSH signing needs git 2.34",
)
EXAMPLES = int(os.environ.get("SELFASSESS_ORACLE_EXAMPLES") or 30)

ACC, NORTH, SOUTH = "acc@force.example", "north@force.example", "south@force.example"
KEYS = ("acc", "north", "south", "stranger")
SIGNERS = (None, *KEYS)
NORTH_FILE, SOUTH_FILE = "assessments/north/2026-Q4.toml", "assessments/south/2026-Q4.toml"
REVIEW = "assessments/north/2026-Q4.review.toml"
CONTENT = (NORTH_FILE, SOUTH_FILE, REVIEW)
TRUST = ("allowed_signers", "selfassess.toml")
BASE_SIGNERS = frozenset({(ACC, "acc"), (NORTH, "north"), (SOUTH, "south")})
#: what allowed_signers may say: as at the root, a lead's key as the ACC, a stranger's key as the ACC
SIGNER_VARIANTS = (BASE_SIGNERS, BASE_SIGNERS | {(ACC, "north")}, BASE_SIGNERS | {(ACC, "stranger")})
#: who [access] may name a reviewer
REVIEWER_VARIANTS = (frozenset({ACC}), frozenset({ACC, NORTH}))
LEADS = {NORTH_FILE: NORTH, SOUTH_FILE: SOUTH}


@dataclass(frozen=True)
class Trust:
    signers: frozenset[tuple[str, str]]
    reviewers: frozenset[str]

    def principals(self, key: str | None) -> set[str]:
        return {principal for principal, listed in self.signers if key is not None and listed == key}

    def may_write(self, path: str, key: str | None) -> bool:
        principals = self.principals(key)
        return LEADS[path] in principals if path in LEADS else bool(principals & self.reviewers)


@dataclass
class Node:
    """What the replay knows of a commit: its files, each file's verdict, its adopted trust."""

    tree: dict[str, str]
    verdict: dict[str, bool]
    trust: Trust
    ancestors: frozenset[str] = frozenset()
    findings: set[str] = field(default_factory=set)
    parents: tuple[str, ...] = ()


def signers_text(variant: frozenset[tuple[str, str]], keys: dict[str, Path]) -> str:
    lines = []
    for principal, key in sorted(variant):
        kind, body = Path(f"{keys[key]}.pub").read_text().split()[:2]
        lines.append(f'{principal} namespaces="git" {kind} {body}\n')
    return "".join(lines)


def settings_text(reviewers: frozenset[str]) -> str:
    names = ", ".join(f'"{r}"' for r in sorted(reviewers))
    leads = f'[access.leads]\nnorth = ["{NORTH}"]\nsouth = ["{SOUTH}"]\n'
    return f'force = "Oracle"\n[access]\nreviewers = [{names}]\n{leads}'


def tree_trust(tree: dict[str, str], texts: dict[str, object]) -> Trust:
    return Trust(texts[tree["allowed_signers"]], texts[tree["selfassess.toml"]])  # type: ignore[arg-type]


class Replay:
    """Builds the history in git and replays it without git."""

    def __init__(self, root: Path, keys: dict[str, Path]) -> None:
        self.root, self.keys = root, keys
        self.texts: dict[str, object] = {signers_text(v, keys): v for v in SIGNER_VARIANTS}
        self.texts |= {settings_text(v): v for v in REVIEWER_VARIANTS}
        self.nodes: dict[str, Node] = {}
        self.counter = 0
        self.branches = ["main"]
        tree = {
            "allowed_signers": signers_text(SIGNER_VARIANTS[0], keys),
            "selfassess.toml": settings_text(REVIEWER_VARIANTS[0]),
            NORTH_FILE: "rating = 'root'\n",
        }
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "oracle@example.invalid")
        self.git("config", "user.name", "Oracle")
        self.put(tree)
        sha = self.commit("acc", "root")
        trust = Trust(SIGNER_VARIANTS[0], REVIEWER_VARIANTS[0])
        self.nodes[sha] = Node(dict(tree), dict.fromkeys(tree, False), trust)

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        ).stdout

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def put(self, tree: dict[str, str]) -> None:
        for path in (*CONTENT, *TRUST):
            file = self.root / path
            if path in tree:
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(tree[path], newline="\n")
            elif file.exists():
                file.unlink()

    def commit(self, key: str | None, message: str) -> str:
        self.git("add", "-A")
        signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={self.keys[key]}"] if key else []
        self.git(*signing, "commit", "-q", "--allow-empty", "-S" if key else "--no-gpg-sign", "-m", message)
        return self.head()

    # the replay: a commit's verdicts and trust from its parents' nodes and its signer, nothing else

    def record(self, sha: str, tree: dict[str, str], key: str | None, parents: list[str]) -> None:
        nodes = [self.nodes[p] for p in parents]
        mine = tree_trust(tree, self.texts)
        kept = next((n.trust for n in nodes if tree_trust(n.tree, self.texts) == mine), None)
        judging = kept if kept is not None else nodes[0].trust
        verdict, findings = {}, set()
        for path, content in tree.items():
            source = next((n for n in nodes if n.tree.get(path) == content), None)
            if source is not None:
                verdict[path] = source.verdict[path]
            else:
                verdict[path] = judging.may_write(path, key)
                if not verdict[path]:
                    findings.add(path)
        for path in set().union(*(n.tree for n in nodes)) - set(tree):  # deleted
            if all(path in n.tree for n in nodes) and not judging.may_write(path, key):
                findings.add(path)
        if kept is None and len(nodes) > 1:  # a merge that changed trust is judged on the trust files
            for path in TRUST:
                if tree.get(path) != nodes[0].tree.get(path) and not judging.may_write(path, key):
                    findings.add(path)
        adopted = kept is None and bool(judging.principals(key) & judging.reviewers)
        ancestors = frozenset().union(*(n.ancestors | {p} for n, p in zip(nodes, parents, strict=True)))
        trust = mine if adopted else judging
        self.nodes[sha] = Node(dict(tree), verdict, trust, ancestors, findings, tuple(parents))

    # the operations hypothesis draws

    def write(self, path: str, key: str | None) -> None:
        """``key`` "right": the key of whoever [access] at the root lets write ``path``."""
        key = {NORTH_FILE: "north", SOUTH_FILE: "south"}.get(path, "acc") if key == "right" else key
        self.counter += 1
        parent = self.head()
        tree = dict(self.nodes[parent].tree) | {path: f"rating = 'v{self.counter}'\n"}
        self.put(tree)
        self.record(self.commit(key, f"write {path}"), tree, key, [parent])

    def change_trust(self, signers: int, reviewers: int, key: str | None) -> None:
        parent = self.head()
        tree = dict(self.nodes[parent].tree)
        tree["allowed_signers"] = signers_text(SIGNER_VARIANTS[signers], self.keys)
        tree["selfassess.toml"] = settings_text(REVIEWER_VARIANTS[reviewers])
        if tree == self.nodes[parent].tree:
            return
        self.put(tree)
        self.record(self.commit(key, "trust"), tree, key, [parent])

    def branch(self) -> None:
        name = f"b{len(self.branches)}"
        self.git("switch", "-q", "-c", name)
        self.branches.append(name)

    def switch(self, index: int) -> None:
        self.git("switch", "-q", self.branches[index % len(self.branches)])

    def fork(self, side: list, here: list, key: str | None, choices: list[int]) -> None:
        """A branch with ``side``'s commits, ``here``'s on the current branch, then merged back."""
        current = self.git("branch", "--show-current").strip()
        self.branch()
        self.apply(side)
        self.git("switch", "-q", current)
        self.apply(here)
        self.merge(len(self.branches) - 1, key, choices)

    def apply(self, operations: list) -> None:
        for name, *args in operations:
            getattr(self, {"trust": "change_trust"}.get(name, name))(*args)

    def merge(self, index: int, key: str | None, choices: list[int]) -> None:
        other_name = self.branches[index % len(self.branches)]
        ours, theirs = self.head(), self.git("rev-parse", other_name).strip()
        if theirs == ours or theirs in self.nodes[ours].ancestors:
            return
        a, b = self.nodes[ours].tree, self.nodes[theirs].tree
        tree: dict[str, str] = {}
        for number, path in enumerate((*CONTENT, *TRUST)):
            choice = choices[number % len(choices)]
            if choice == 2 and path in CONTENT:
                self.counter += 1
                tree[path] = f"rating = 'merged {self.counter}'\n"
            elif (b if choice == 1 else a).get(path) is not None:
                tree[path] = (b if choice == 1 else a)[path]
        self.git("merge", "-q", "--no-ff", "--no-commit", "-s", "ours", other_name)
        self.put(tree)
        self.record(self.commit(key, f"merge {other_name}"), tree, key, [ours, theirs])


#: "right" (the key [access] at the root expects) is drawn more often, so that much of the content
#: verifies and a merge can carry verified content as well as unverified; the ACC signs most trust changes
WRITERS = st.sampled_from((*SIGNERS, *["right"] * 5))
TRUSTERS = st.sampled_from((*SIGNERS, "acc", "acc", "acc"))
CHOICES = st.lists(st.integers(0, 2), min_size=1, max_size=5)
SIMPLE = st.integers(0, 3).flatmap(
    lambda kind: (
        st.tuples(st.just("write"), st.sampled_from(CONTENT), WRITERS)
        if kind
        else st.tuples(
            st.just("trust"),
            st.integers(0, len(SIGNER_VARIANTS) - 1),
            st.integers(0, len(REVIEWER_VARIANTS) - 1),
            TRUSTERS,
        )
    )
)
FORK = st.tuples(
    st.just("fork"),
    st.lists(SIMPLE, min_size=1, max_size=3),
    st.lists(SIMPLE, max_size=3),
    st.sampled_from(SIGNERS),
    CHOICES,
)
#: half forks merged back, a third plain commits, the rest loose branches, switches and merges
OTHER = st.one_of(
    st.tuples(st.just("branch")),
    st.tuples(st.just("switch"), st.integers(0, 5)),
    st.tuples(st.just("merge"), st.integers(0, 5), st.sampled_from(SIGNERS), CHOICES),
)
OPERATION = st.integers(0, 11).flatmap(lambda k: FORK if k < 6 else SIMPLE if k < 10 else OTHER)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("oracle-keys")
    return {name: make_key(folder, name) for name in KEYS}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(operations=st.lists(OPERATION, min_size=2, max_size=6))
# a merge carrying a side's verified content; laundering a side's unsigned content (scenario 4)
@example([("fork", [("write", NORTH_FILE, "right")], [("write", NORTH_FILE, "right")], None, [1])])
@example([("fork", [("write", NORTH_FILE, None)], [("write", NORTH_FILE, "right")], None, [1])])
# a lead vouching for themselves (scenario 3), then a reviewer-signed change adopted
@example(
    [
        ("trust", 1, 0, "north"),
        ("write", REVIEW, "north"),
        ("trust", 0, 0, "north"),
        ("trust", 2, 1, "acc"),
        ("write", REVIEW, "stranger"),
        ("write", NORTH_FILE, "acc"),
    ]
)
# a trust change adopted on one side only, and a merge mixing the two sides' trust files
@example(
    [
        (
            "fork",
            [("trust", 2, 0, "acc"), ("write", REVIEW, "stranger")],
            [("trust", 0, 1, "acc")],
            "north",
            [1, 0],
        )
    ]
)
def test_verify_agrees_with_a_replay_of_who_signed_what(keys: dict[str, Path], operations: list) -> None:
    with tempfile.TemporaryDirectory(prefix="oracle-") as folder:
        replay = Replay(Path(folder), keys)
        replay.apply(operations)
        replay.git("switch", "-q", "main")
        head = replay.head()
        report = verify(Path(folder))
        expected = replay.nodes[head].verdict
        assert {p: s.verified for p, s in report.files.items()} == expected, operations
        ancestry = replay.nodes[head].ancestors | {head}
        wanted = {(sha, path) for sha in ancestry for path in replay.nodes[sha].findings}
        assert {(f.commit, f.path) for f in report.findings} == wanted, operations
        # what the run covered (--hypothesis-show-statistics)
        nodes = [replay.nodes[sha] for sha in ancestry]
        event(f"merges reached: {min(sum(len(n.parents) > 1 for n in nodes), 2)}+")
        event(f"content files verified at HEAD: {sum(expected[p] for p in CONTENT if p in expected)}")
        event(f"trust adopted after the root: {len({n.trust for n in nodes}) > 1}")
        event(f"findings: {min(len(wanted), 3)}+")
