"""Measure selfassess against the targets of issues 8 and 18, each a ratio to a baseline of the same run.

    python benchmarks/run.py                 # 50 districts x 40 quarters x 30 criteria (~57 MB), canonical
                                             # AND tomli-w-written workspaces, then the screens
    python benchmarks/run.py --quick         # 10 x 8 x 30, fewer repeats: a smoke test, not the figures
    python benchmarks/run.py --keep DIR      # generate into DIR/<style> once, reuse it on later runs
    python benchmarks/run.py --workspace DIR # reuse one workspace written by benchmarks/generate.py
    python benchmarks/run.py --districts 500 --no-tui --keep DIR   # national scale: 20,000 files

Every figure is the median of several runs, with the spread (lowest-highest ratio) of the runs. See
benchmarks/README.md for what each one means.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TODAY = date(2026, 11, 23)
PY = sys.executable
_script = Path(PY).parent / "selfassess"
SELFASSESS = [str(_script)] if _script.exists() else [PY, "-m", "selfassess"]

BARE_PARSE = """
import sys, tomllib
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob('*.toml')):
    tomllib.loads(p.read_bytes().decode('utf-8'))
"""


PEAK_KB: dict[str, int] = {}  # command name -> highest peak resident memory seen, in KiB


def run_cmd(
    args: list[str], env: dict[str, str], cwd: Path, ok: tuple[int, ...] = (0,), name: str = ""
) -> float:
    """Run ``args``; its wall time in seconds. Its peak memory (from wait4) is kept under ``name``."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok:
            err.seek(0)
            tail = err.read()[-2000:].decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{tail}")
    if name:
        PEAK_KB[name] = max(PEAK_KB.get(name, 0), usage.ru_maxrss)
    return elapsed


def spread(values: list[float]) -> str:
    return f"{min(values):.3f}-{max(values):.3f}"


Row = tuple[str, float, float, float, str, bool | None, str]


def cli_figures(ws: Path, env: dict[str, str], tmp: Path, runs: int, fast_runs: int, tag: str) -> list[Row]:
    """summary, validate cold and warm, each against a bare tomllib parse of the same workspace, in
    ``runs`` rounds: each round measures the baseline and ours, so each round gives a ratio."""
    period = latest_period(ws)
    bare_t, summ_t, cold_t, warm_t = [], [], [], []
    validate = [*SELFASSESS, "validate"]
    summary = [*SELFASSESS, "summary", period, "--format", "json"]
    for i in range(runs):
        bare_t.append(run_cmd([PY, "-c", BARE_PARSE, str(ws)], env, ws, name=f"bare parse ({tag})"))
        summ_t.append(
            statistics.median(
                run_cmd(summary, env, ws, (0, 1), name=f"summary ({tag})") for _ in range(fast_runs)
            )
        )
        cache = tmp / f"cache-{tag}-{i}"
        cache.mkdir()
        venv = dict(env, XDG_CACHE_HOME=str(cache))
        cold_t.append(run_cmd(validate, venv, ws, (0, 1), name=f"validate, cold ({tag})"))
        warm_t.append(run_cmd(validate, venv, ws, (0, 1), name=f"validate, warm ({tag})"))
        shutil.rmtree(cache, ignore_errors=True)
        print(
            f"  [{tag} round {i + 1}] bare {bare_t[-1]:.2f}s summary {summ_t[-1]:.3f}s "
            f"cold {cold_t[-1]:.2f}s warm {warm_t[-1]:.3f}s",
            file=sys.stderr,
        )
    bare = statistics.median(bare_t)
    rows: list[Row] = []
    for label, times, target in (
        ("summary --format json (latest quarter)", summ_t, 0.05),
        ("validate, cold cache (personal-data scan included)", cold_t, 1.0),
        ("validate, warm cache", warm_t, 0.10),
    ):
        ratios = [t / b for t, b in zip(times, bare_t, strict=True)]
        ratio = statistics.median(ratios)
        rows.append(
            (f"{label} / bare parse [{tag}]", statistics.median(times), bare, ratio, f"<= {target}",
             ratio <= target, spread(ratios))
        )  # fmt: skip
    return rows


def latest_period(ws: Path) -> str:
    return max(
        p.name.removesuffix(".toml")
        for p in (ws / "assessments").glob("*/*.toml")
        if not p.name.endswith(".review.toml")
    )


# -- TUI measurements (in-process, headless) ---------------------------------------------------------


async def _review_first_paint(ws: Path, period: str) -> tuple[float, int, int]:
    from textual.widgets import DataTable

    from selfassess.tui.app import SelfAssessApp
    from selfassess.workspace.workspace import Workspace

    start = time.perf_counter()
    app = SelfAssessApp(Workspace(ws), today=TODAY, user="b", screen="review", period=period)
    async with app.run_test(size=(200, 60)) as pilot:
        while True:
            tables = [t for t in app.screen.query(DataTable) if t.row_count]
            if tables:
                elapsed = time.perf_counter() - start
                # untimed: let the trend's thread finish, or it would slow down the next measurement
                await app.workers.wait_for_complete()
                await pilot.pause()
                return elapsed, tables[0].row_count, len(tables[0].columns)
            await asyncio.sleep(0.001)


async def _bare_table(rows: int, columns: int) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*(f"c{i}\nx\ny" for i in range(columns)))
            for r in range(rows):
                table.add_row(*(f"{r}.{c}" for c in range(columns)))

    start = time.perf_counter()
    app = Bare()
    async with app.run_test(size=(200, 60)):
        table = app.query_one(DataTable)
        while not table.row_count:
            await asyncio.sleep(0.001)
        return time.perf_counter() - start


def _fill_workspace(ws: Path, scratch: Path) -> tuple[Path, str]:
    """The workspace's settings and framework with no assessments: the fill screen opens a new draft."""
    scratch.mkdir(parents=True, exist_ok=True)
    shutil.copy(ws / "selfassess.toml", scratch / "selfassess.toml")
    shutil.copytree(ws / "criteria", scratch / "criteria", dirs_exist_ok=True)
    shutil.rmtree(scratch / "assessments", ignore_errors=True)
    from selfassess.formats.settings import load_settings

    return scratch, load_settings(scratch / "selfassess.toml").districts[0]


async def _keystrokes(ws: Path, district: str, period: str, text: str, presses: int) -> list[float]:
    from textual.widgets import TextArea

    from selfassess.tui.app import SelfAssessApp
    from selfassess.tui.fill.screen import FillScreen
    from selfassess.workspace.workspace import Workspace

    class FillApp(SelfAssessApp):
        CURSOR_BLINK = False

    app = FillApp(Workspace(ws), TODAY, "DCI Bench", "fill", district=district, period=period)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, FillScreen), screen
        editor = screen.query_one("#evidence", TextArea)
        editor.focus()
        if text:
            editor.load_text(text)
            editor.move_cursor(editor.document.end)
        await pilot.pause(0.8)
        times = []
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            times.append(time.perf_counter() - start)
        await pilot.pause(0.8)  # let the autosave finish before the app closes
        assert editor.text.endswith("x" * presses), "the keystrokes did not reach the evidence editor"
    return times


# -- the run -----------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small workspace and fewer repeats")
    parser.add_argument("--workspace", type=Path, help="reuse this generated workspace")
    parser.add_argument("--runs", type=int, help="repeats for the slow figures (default 3, quick 2)")
    parser.add_argument("--styles", default="canonical,tomli-w", help="workspaces to generate and measure")
    parser.add_argument("--keep", type=Path, help="generate into KEEP/<style> and reuse it next time")
    parser.add_argument(
        "--districts", type=int, help="districts to generate (default 50; 500 = 20,000 files)"
    )
    parser.add_argument("--no-tui", action="store_true", help="only the command-line figures")
    parser.add_argument(
        "--samples", action="store_true", help="generate a dip sample on every criterion of every file"
    )
    args = parser.parse_args(argv)
    slow_runs = args.runs or (2 if args.quick else 3)
    fast_runs = 3 if args.quick else 7
    presses = 20 if args.quick else 50

    tmp = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    try:
        shape = dict(districts=10, periods=8, criteria=30) if args.quick else {}
        if args.districts:
            shape["districts"] = args.districts
        workspaces: list[tuple[str, Path]] = []
        if args.workspace is not None:
            workspaces.append(("given", args.workspace.resolve()))
        else:
            for style in args.styles.split(","):
                where = (args.keep or tmp) / style
                if not (where / "selfassess.toml").exists():
                    print(f"generating the {style} workspace in {where} ...", file=sys.stderr)
                    extra = [f"--{k}={v}" for k, v in shape.items()] + (["--samples"] if args.samples else [])
                    generate.main([str(where), "--quiet", f"--style={style}", *extra])
                workspaces.append((style, where.resolve()))
        ws = workspaces[0][1]
        files = [p for p in (ws / "assessments").rglob("*.toml")]
        size = sum(p.stat().st_size for p in files)
        period = latest_period(ws)
        env = dict(
            os.environ,
            SELFASSESS_TODAY=TODAY.isoformat(),
            XDG_CACHE_HOME=str(tmp / "cache-unused"),
        )
        env.pop("NO_COLOR", None)
        rows: list[Row] = []

        def add(name: str, ours: float, base: float, target: float | None, stretch: bool = False) -> None:
            ratio = ours / base
            met = None if target is None else ratio <= target
            label = "-" if target is None else f"<= {target}{' (stretch)' if stretch else ''}"
            rows.append((name, ours, base, ratio, label, met, "-"))
            print(f"  {name}: {ours * 1000:.1f} ms / {base * 1000:.1f} ms = {ratio:.3f}", file=sys.stderr)

        print(f"measuring on {len(files)} files, {size / 1e6:.1f} MB, latest {period} ...", file=sys.stderr)
        for tag, where in workspaces:
            wenv = dict(env, SELFASSESS_WORKSPACE=str(where))
            rows += cli_figures(where, wenv, tmp, slow_runs, fast_runs, tag)
        env["SELFASSESS_WORKSPACE"] = str(ws)

        # --help
        helptime = statistics.median(run_cmd([*SELFASSESS, "--help"], env, ws) for _ in range(fast_runs))
        textual = statistics.median(
            run_cmd([PY, "-c", "import textual.app"], env, ws) for _ in range(fast_runs)
        )
        add("selfassess --help / import textual.app", helptime, textual, 0.5)
        if args.no_tui:
            return report(rows, files, size, period, args, slow_runs, fast_runs, presses)

        # (d) review first paint; imports are warmed first so neither side pays for them
        # in-process from here: keep any cache the app may write out of the user's own cache folder
        os.environ["XDG_CACHE_HOME"] = str(tmp / "tui-cache")
        os.environ["SELFASSESS_TODAY"] = TODAY.isoformat()
        asyncio.run(_bare_table(2, 2))
        first = asyncio.run(_review_first_paint(ws, period))
        n_rows, n_cols = first[1], first[2]
        ours_d, base_d = [], []
        for _ in range(fast_runs):
            gc.collect()  # untimed: neither side pays to collect the other's garbage
            ours_d.append(asyncio.run(_review_first_paint(ws, period))[0])
            gc.collect()
            base_d.append(asyncio.run(_bare_table(n_rows, n_cols)))
        add(
            f"review first paint ({n_rows}x{n_cols}) / bare DataTable",
            statistics.median(ours_d),
            statistics.median(base_d),
            1.5,
        )

        # (e) fill screen keystroke latency, 10,000 characters vs empty
        scratch, district = _fill_workspace(ws, tmp / "fill")
        import random

        big = generate.evidence(random.Random(10_000), 10_000)[:10_000]
        empty_t = asyncio.run(_keystrokes(scratch, district, period, "", presses))
        shutil.rmtree(scratch / "assessments", ignore_errors=True)
        big_t = asyncio.run(_keystrokes(scratch, district, period, big, presses))
        e_empty, e_big = statistics.median(empty_t), statistics.median(big_t)
        add("fill keystroke, 10,000 chars / empty editor", e_big, e_empty, 1.5)
        add("fill keystroke, 10,000 chars (absolute)", e_big, 1.0, None)

        return report(rows, files, size, period, args, slow_runs, fast_runs, presses)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(
    rows: list[Row], files: list[Path], size: int, period: str, args: argparse.Namespace,
    slow_runs: int, fast_runs: int, presses: int,
) -> int:  # fmt: skip
    print()
    print(
        f"selfassess benchmarks: {len(files)} files, {size / 1e6:.1f} MB per workspace, "
        f"latest quarter {period}"
        f"{' (QUICK: not the reference size)' if args.quick else ''}"
    )
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(
        f"runs: {slow_runs} rounds (bare parse, summary as the median of {fast_runs}, "
        "validate cold and warm);"
        f" median of {fast_runs} (--help, review), {presses} keystrokes"
    )
    header = ("figure", "ours", "baseline", "ratio", "spread", "target", "met?")
    table = [header] + [
        (
            name,
            f"{ours * 1000:.1f} ms",
            "-" if target == "-" else f"{base * 1000:.1f} ms",
            "-" if target == "-" else f"{ratio:.3f}",
            spread_,
            target,
            "-" if met is None else ("yes" if met else "NO"),
        )
        for name, ours, base, ratio, target, met, spread_ in rows
    ]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print()
    print("peak resident memory (highest of the runs):")
    for name, kib in sorted(PEAK_KB.items()):
        print(f"  {name}: {kib / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
