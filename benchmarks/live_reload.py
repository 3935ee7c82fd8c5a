"""Benchmark (issue 16): what live reload costs, polling file times vs watchfiles (inotify).

    .venv/bin/python benchmarks/live_reload.py [--districts 50 --periods 40]

Polling: the time of one ``selfassess.tui.live_reload.snapshot`` of a workspace of D x P assessment
files plus as many reviews (the screens look once a second, so this is the share of one core spent
watching). watchfiles, when importable: idle CPU over 3 s and the delay from a write to its event.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from selfassess.tui.common.live_reload import INTERVAL, snapshot  # noqa: E402


def build(root: Path, districts: int, periods: int) -> int:
    (root / "criteria").mkdir(parents=True)
    (root / "selfassess.toml").write_text("force = 'x'\n")
    count = 0
    for d in range(districts):
        folder = root / "assessments" / f"district-{d:03}"
        folder.mkdir(parents=True)
        for p in range(periods):
            for suffix in (".toml", ".review.toml"):
                (folder / f"{2000 + p // 4}-Q{p % 4 + 1}{suffix}").write_text("x = 1\n")
                count += 1
    return count


def polling(root: Path, runs: int = 21) -> float:
    snapshot(root)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        snapshot(root)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def watchfiles_figures(root: Path) -> tuple[float, float] | None:
    try:
        import watchfiles
    except ImportError:
        return None
    stop = threading.Event()
    seen = threading.Event()

    def run() -> None:
        for _ in watchfiles.watch(root, stop_event=stop, debounce=50, step=20, rust_timeout=200):
            seen.set()

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(1.0)  # the watcher is set up
    cpu = time.process_time()
    time.sleep(3.0)
    idle = (time.process_time() - cpu) / 3.0
    target = next((root / "assessments").iterdir()) / "2000-Q1.toml"
    start = time.perf_counter()
    target.write_text("x = 2\n")
    seen.wait(5)
    delay = time.perf_counter() - start
    stop.set()
    thread.join()
    return idle, delay


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=50)
    parser.add_argument("--periods", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = build(root, args.districts, args.periods)
        poll = polling(root)
        print(f"{files} files; polling every {INTERVAL:.0f} s")
        print(
            f"polling: one look {poll * 1000:.2f} ms = {100 * poll / INTERVAL:.2f}% of a core; "
            f"a change is seen within {INTERVAL:.0f} s"
        )
        figures = watchfiles_figures(root)
        if figures is None:
            print("watchfiles: not installed (pip install watchfiles to compare)")
        else:
            idle, delay = figures
            print(f"watchfiles: idle {100 * idle:.2f}% of a core; a change seen after {delay * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
