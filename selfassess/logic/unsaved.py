"""Text that could not be saved: one file per writer, beside the assessment or else in the user's data
folder, never overwritten by another writer, and found again the next time the assessment is opened.

Beside ``assessments/north/2026-Q4.toml`` a writer's text is ``.2026-Q4.toml.<user>-<YYYYMMDDTHHMMSS>-
<pid>.unsaved`` (hidden, and git-ignored by ``.*.unsaved``). When that folder cannot be written (a full
or read-only disk) it goes to ``<user data>/selfassess/unsaved/``, named for the assessment's path.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import datetime
from pathlib import Path

from selfassess.core.names import UNSAVED_SUFFIX
from selfassess.formats.atomic import write_atomic

SUFFIX = UNSAVED_SUFFIX
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def writer_tag(user: str, started: datetime, pid: int | None = None) -> str:
    """``DCI_A_Example-20261123T101500-4242``: who, when the session started, which process."""
    name = _UNSAFE.sub("_", user).strip("._-")[:40] or "user"
    return f"{name}-{started:%Y%m%dT%H%M%S}-{os.getpid() if pid is None else pid}"


def beside(assessment: Path, tag: str) -> Path:
    """The writer's own file beside the assessment."""
    return assessment.with_name(f".{assessment.name}.{tag}{SUFFIX}")


def fallback_folder() -> Path:
    """Where text goes when the workspace cannot be written: the user's data folder."""
    import platformdirs  # only when it is needed: a failed save, or opening an assessment

    return Path(platformdirs.user_data_dir("selfassess", appauthor=False)) / "unsaved"


def _key(assessment: Path) -> str:
    return hashlib.sha256(str(assessment.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def fallback(assessment: Path, tag: str) -> Path:
    """The writer's file in the fallback folder: ``north-2026-Q4.toml.<key>.<tag>.unsaved``."""
    name = f"{assessment.parent.name}-{assessment.name}.{_key(assessment)}.{tag}{SUFFIX}"
    return fallback_folder() / name


def keep(assessment: Path, tag: str, data: bytes) -> Path | None:
    """Write ``data`` to the writer's own file, beside the assessment or else in the fallback folder;
    where it went, or None when neither could be written."""
    for target in (beside(assessment, tag), fallback(assessment, tag)):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
        except OSError:
            continue
        return target
    return None


def found(assessment: Path) -> list[Path]:
    """Every unsaved text of the assessment, oldest first: each writer's, the older single
    ``.<name>.unsaved``, and those in the fallback folder."""
    candidates = [*assessment.parent.glob(f".{glob_escape(assessment.name)}.*{SUFFIX}")]
    legacy = assessment.with_name(f".{assessment.name}{SUFFIX}")
    if legacy.is_file():
        candidates.append(legacy)
    try:
        folder = fallback_folder()
        candidates += folder.glob(f"*.{_key(assessment)}.*{SUFFIX}")
    except (OSError, ImportError):
        pass
    dated = []
    for path in dict.fromkeys(candidates):
        try:
            dated.append((path.stat().st_mtime_ns, path.name, path))
        except OSError:
            continue
    return [path for _, _, path in sorted(dated)]


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)
