"""Benchmark (issue 16): git's diff driver. Ratios to ``python -c "import tomllib"`` in the same run.

    .venv/bin/python benchmarks/textconv.py [--runs 7]

- one ``selfassess textconv FILE`` (a demo assessment), as git starts it: target <= 1.5
- a warm ``git log -p`` of the demo workspace with the driver registered by ``git-setup`` (git's
  ``cachetextconv`` filled by one untimed run first): target <= 25
Also printed, for the record: the cold ``git log -p`` (every file version converted) and ``git log -p``
without the driver (``--no-textconv``).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SELFASSESS = str(Path(sys.executable).with_name("selfassess"))


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median(args: list[str], cwd: Path, env: dict[str, str], runs: int) -> float:
    timed(args, cwd, env)  # warm-up: file cache, .pyc files
    return statistics.median(timed(args, cwd, env) for _ in range(runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args(argv).runs
    with tempfile.TemporaryDirectory(prefix="selfassess-bench-") as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        (home / ".gitconfig").write_text("[user]\n\tname = Bench\n\temail = bench@example.invalid\n")
        env = {
            **os.environ,
            "HOME": str(home),
            "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "XDG_CACHE_HOME": str(home / ".cache"),
            "GIT_PAGER": "cat",
        }
        demo = Path(scratch) / "demo"
        subprocess.run([SELFASSESS, "demo", str(demo), "--no-tui"], env=env, check=True, capture_output=True)
        subprocess.run([SELFASSESS, "git-setup"], cwd=demo, env=env, check=True, capture_output=True)
        sample = next(iter(sorted((demo / "assessments").glob("*/*-Q?.toml"))))
        baseline = median([sys.executable, "-c", "import tomllib"], demo, env, runs)
        one = median([SELFASSESS, "textconv", str(sample)], demo, env, runs)
        plain = median(["git", "log", "-p", "--no-textconv"], demo, env, runs)
        cold = timed(["git", "log", "-p"], demo, env)  # fills git's textconv cache
        warm = median(["git", "log", "-p"], demo, env, runs)
        versions = subprocess.run(
            ["git", "log", "--format=", "--name-only"], cwd=demo, env=env, capture_output=True, text=True
        ).stdout.split()
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"demo history: {len(versions)} file versions; median of {runs} runs")
    print("| figure | seconds | ratio to import tomllib | target | met? |")
    print("|---|---|---|---|---|")
    print(f"| python -c 'import tomllib' (baseline) | {baseline:.3f} | 1.00 | | |")
    for name, value, target in (
        ("one selfassess textconv", one, 1.5),
        ("git log -p, warm (cachetextconv)", warm, 25.0),
        ("git log -p, cold (every version converted)", cold, None),
        ("git log -p --no-textconv", plain, None),
    ):
        ratio = value / baseline
        met = "" if target is None else ("yes" if ratio <= target else "NO")
        print(f"| {name} | {value:.3f} | {ratio:.2f} | {'' if target is None else f'<= {target}'} | {met} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
