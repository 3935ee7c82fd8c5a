"""The source itself: no call that can end another process or need a missing signal on Windows.

Walks every module under selfassess/ for ``os.kill`` (on Windows it *terminates* the process), other
POSIX-only calls, and ``signal.SIG…`` names Windows lacks; each must sit in the non-Windows branch of a
test on the platform (``WINDOWS`` / ``windows``), directly or through a ``_posix…`` function that is only
called there. Files are opened in binary mode for writing (Windows' default text mode turns "\\n" into
"\\r\\n").
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "selfassess"
#: calls that do not exist on Windows, or do something else there
POSIX_CALLS = {
    ("os", "kill"), ("os", "killpg"), ("os", "getuid"), ("os", "geteuid"), ("os", "getpgid"),
    ("os", "fork"), ("os", "setsid"), ("signal", "alarm"), ("signal", "pause"),
    ("signal", "setitimer"), ("signal", "pthread_kill"), ("signal", "siginterrupt"),
}  # fmt: skip
#: the signal names Windows has (https://docs.python.org/3/library/signal.html#signal.SIGBREAK)
WINDOWS_SIGNALS = {"SIGINT", "SIGTERM", "SIGABRT", "SIGFPE", "SIGILL", "SIGSEGV", "SIGBREAK"}


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _mentions_windows(test: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Name | ast.Attribute) and "windows" in ast.unparse(n).lower()
        for n in ast.walk(test)
    )


def _negated(test: ast.AST) -> bool:
    return isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """In the branch taken when not on Windows, or in a ``_posix…`` function (checked at its calls)."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.If | ast.IfExp) and _mentions_windows(parent.test):
            in_body = child in (parent.body if isinstance(parent, ast.If) else [parent.body])
            in_else = child in (parent.orelse if isinstance(parent, ast.If) else [parent.orelse])
            if (in_else and not _negated(parent.test)) or (in_body and _negated(parent.test)):
                return True
        if isinstance(parent, ast.FunctionDef) and parent.name.startswith("_posix"):
            return True
        child, parent = parent, parents.get(parent)
    return False


def _dotted(node: ast.AST) -> tuple[str, str] | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr
    return None


def unguarded(source: str, name: str = "<source>") -> list[str]:
    """Every POSIX-only use in ``source`` that runs on Windows too: ``name:line: what``."""
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Call) and _dotted(node.func) in POSIX_CALLS:
            what = ".".join(_dotted(node.func))  # type: ignore[arg-type]
        elif isinstance(node, ast.Attribute) and _dotted(node) and _dotted(node)[0] == "signal":
            attr = node.attr
            if attr.startswith("SIG") and attr not in WINDOWS_SIGNALS and not attr.startswith("SIG_"):
                what = f"signal.{attr}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id.startswith("_posix")
        ):
            what = f"{node.func.id}()"
        if what and not _guarded(node, parents):
            found.append(f"{name}:{node.lineno}: {what}")
    return found


def unbinary_writes(source: str, name: str = "<source>") -> list[str]:
    """``os.open`` calls that create or write without ``O_BINARY``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _dotted(node.func) == ("os", "open") and len(node.args) > 1:
            flags = ast.unparse(node.args[1])
            writes = any(flag in flags for flag in ("O_WRONLY", "O_RDWR", "O_CREAT"))
            if writes and "O_BINARY" not in flags:
                found.append(f"{name}:{node.lineno}: os.open({flags})")
    return found


def text_mode_writes(source: str, name: str = "<source>") -> list[str]:
    """``write_text`` without ``newline=``: Windows would write "\\r\\n" for each "\\n"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "write_text"
        ) and not any(k.arg == "newline" for k in node.keywords):
            found.append(f"{name}:{node.lineno}: write_text without newline=")
    return found


def bare_git(source: str, name: str = "<source>") -> list[str]:
    """``subprocess`` calls running ``"git"`` by name: on Windows looked for in the current folder first."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _dotted(node.func) in {
            ("subprocess", "run"),
            ("subprocess", "Popen"),
        }:
            first = node.args[0] if node.args else None
            if (
                isinstance(first, ast.List)
                and first.elts
                and ast.unparse(first.elts[0]) in ("'git'", '"git"')
            ):
                found.append(f"{name}:{node.lineno}: git run by name")
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_posix_only_call_or_signal_runs_on_windows() -> None:
    problems = [p for path in _modules() for p in unguarded(path.read_text("utf-8"), str(path))]
    assert problems == []


def test_every_write_opens_the_file_in_binary_mode() -> None:
    problems = [p for path in _modules() for p in unbinary_writes(path.read_text("utf-8"), str(path))]
    assert problems == []


def test_text_files_are_written_with_unix_line_endings() -> None:
    problems = [p for path in _modules() for p in text_mode_writes(path.read_text("utf-8"), str(path))]
    assert problems == []
    assert text_mode_writes("p.write_text(t, 'utf-8')\n") == ["<source>:1: write_text without newline="]


def test_git_is_run_by_the_path_shutil_which_found() -> None:
    problems = [p for path in _modules() for p in bare_git(path.read_text("utf-8"), str(path))]
    assert problems == []
    assert bare_git("subprocess.run(['git', 'status'])\n") == ["<source>:1: git run by name"]


def test_the_walk_sees_the_one_guarded_os_kill() -> None:
    """The walk reaches the code that matters: portable.py's liveness check is found, and guarded."""
    source = (PACKAGE / "formats" / "portable.py").read_text("utf-8")
    tree = ast.parse(source)
    kills = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _dotted(n.func) == ("os", "kill")]
    assert len(kills) == 1 and unguarded(source) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os\nos.kill(1, 0)\n", ["<source>:2: os.kill"]),
        ("import signal\nsignal.signal(signal.SIGHUP, f)\n", ["<source>:2: signal.SIGHUP"]),
        ("if WINDOWS:\n    os.kill(1, 0)\n", ["<source>:2: os.kill"]),  # the Windows branch: wrong one
        ("def _posix_x():\n    os.kill(1, 0)\n_posix_x()\n", ["<source>:3: _posix_x()"]),
        ("if WINDOWS:\n    pass\nelse:\n    os.kill(1, 0)\n", []),
        ("if not windows:\n    signal.signal(signal.SIGHUP, f)\n", []),
        ("x = a() if on_windows else _posix_x()\n", []),
        ("signal.signal(signal.SIGTERM, f)\nn = getattr(signal, 'SIGHUP', None)\n", []),
    ],
)
def test_the_walk_finds_what_is_unguarded(source: str, expected: list[str]) -> None:
    assert unguarded(source) == expected


def test_the_walk_finds_text_mode_writes() -> None:
    assert unbinary_writes("os.open(p, os.O_WRONLY | os.O_CREAT)\n") == [
        "<source>:1: os.open(os.O_WRONLY | os.O_CREAT)"
    ]
    assert unbinary_writes("os.open(p, os.O_WRONLY | O_BINARY)\nos.open(d, os.O_RDONLY)\n") == []
