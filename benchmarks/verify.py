"""Benchmark (issue 17): ``selfassess verify`` of 200 signed commits (target: at most 5 s here).

    .venv/bin/python benchmarks/verify.py [--commits 200] [--versions 1]

Makes a workspace with an SSH key per district lead and one for the reviewer, commits allowed_signers
(the root of trust), then N commits each signed by a district's lead changing that district's file
(with ``--versions V``, the reviewer also changes allowed_signers V-1 times along the way); times one
``selfassess verify`` (median of 3) and, as the baseline in the same run, ``python -c "import
tomllib"``. It also counts the git commands one verify starts (``GIT_TRACE``): the signatures take one
``git log`` per version of allowed_signers, never one per commit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SELFASSESS = str(Path(sys.executable).with_name("selfassess"))
DISTRICTS = ("north", "south", "east", "west")


def run(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--versions", type=int, default=1, help="versions of allowed_signers")
    arguments = parser.parse_args()
    count, versions = arguments.commits, max(1, arguments.versions)
    changes = {count * k // versions for k in range(1, versions)}
    with tempfile.TemporaryDirectory(prefix="selfassess-verify-") as scratch:
        base = Path(scratch)
        env = {
            **os.environ,
            "HOME": scratch,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": f"{scratch}/gc",
        }
        Path(env["GIT_CONFIG_GLOBAL"]).write_text("[user]\n\tname = B\n\temail = b@x\n")
        root = base / "ws"
        run([SELFASSESS, "init", str(root), "--districts", ",".join(DISTRICTS)], base, env)
        signers, leads = [], []
        for name in ("acc", *DISTRICTS):
            key = base / name
            run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], base, env)
            kind, body = Path(f"{key}.pub").read_text().split()[:2]
            signers.append(f'{name}@x namespaces="git" {kind} {body}\n')
            if name != "acc":
                leads.append(f'{name} = ["{name}@x"]\n')
        (root / "allowed_signers").write_text("".join(signers))
        with (root / "selfassess.toml").open("a") as settings:
            settings.write('\n[access]\nreviewers = ["acc@x"]\n[access.leads]\n' + "".join(leads))
        sign = ["-c", "gpg.format=ssh"]
        run(["git", "add", "-A"], root, env)
        run(["git", *sign, "-c", f"user.signingkey={base / 'acc'}", "commit", "-qS", "-m", "root"], root, env)
        for number in range(count):
            if number in changes:  # the reviewer edits allowed_signers: a new version to judge against
                with (root / "allowed_signers").open("a") as keys:
                    keys.write(f"# version after commit {number}\n")
                run(["git", "add", "-A"], root, env)
                acc = f"user.signingkey={base / 'acc'}"
                run(["git", *sign, "-c", acc, "commit", "-qS", "-m", f"keys {number}"], root, env)
            district = DISTRICTS[number % len(DISTRICTS)]
            path = root / "assessments" / district / "2026-Q4.toml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(f"n = {number}\n")
            run(["git", "add", "-A"], root, env)
            key = f"user.signingkey={base / district}"
            run(["git", *sign, "-c", key, "commit", "-qS", "-m", str(number)], root, env)

        def timed(args: list[str]) -> float:
            start = time.perf_counter()
            subprocess.run(args, cwd=root, env=env, capture_output=True, check=False)
            return time.perf_counter() - start

        baseline = statistics.median(timed([sys.executable, "-c", "import tomllib"]) for _ in range(5))
        ours = statistics.median(timed([SELFASSESS, "verify"]) for _ in range(3))
        trace = base / "trace"
        traced = {**env, "GIT_TRACE": str(trace)}
        check = subprocess.run([SELFASSESS, "verify"], cwd=root, env=traced, capture_output=True, text=True)
        commands = [line.split("built-in: ", 1)[1].split() for line in trace.read_text().splitlines()
                    if "built-in: git " in line]  # fmt: skip
    logs = sum(1 for c in commands if c[1] == "log" or "log" in c[1:4])
    print(f"verify of {count} signed commits, {versions} version(s) of allowed_signers: {ours:.2f} s "
          f"(target <= 5 s); import tomllib {baseline:.3f} s")  # fmt: skip
    print(f"  ratio {ours / baseline:.0f}x; git commands started: {len(commands)} ({logs} git log)")
    print(f"  verify said: {check.stdout.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
