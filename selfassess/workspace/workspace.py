"""The workspace: finding it, its settings and frameworks, and its assessments by district and period."""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from selfassess.core import typed
from selfassess.core.applicability import override_problem, with_applies_to
from selfassess.core.errors import (
    AssessmentError,
    FrameworkError,
    GitError,
    InvalidIdError,
    SelfAssessError,
    SettingsError,
    WorkspaceNotFoundError,
)
from selfassess.core.ids import SLUG_RE, check_district
from selfassess.core.inspection import Inspection
from selfassess.core.model import Assessment, Framework, Review
from selfassess.core.names import (  # noqa: F401
    ASSESSMENTS,
    CRITERIA,
    INSPECTIONS,
    MAX_FRAMEWORK_BYTES,
    REVIEW_SUFFIX,
    SLUG,
)
from selfassess.core.periods import PERIOD_RE, Period
from selfassess.core.vocabulary import Status
from selfassess.formats import cache
from selfassess.formats.atomic import sha256_bytes
from selfassess.formats.bundled import bundled_framework
from selfassess.formats.portable import case_twin
from selfassess.formats.safeio import read_regular, refuse_symlinked_folders
from selfassess.formats.settings import SETTINGS_FILE, Settings, load_settings
from selfassess.formats.store import check_place, parse_assessment, parse_review
from selfassess.formats.tomlread import read_bytes
from selfassess.formats.tomlsource import KeyLines
from selfassess.git import run as gitrun

_FRAMEWORK_LINE = re.compile(rb'^framework = "(' + SLUG.encode() + rb')"$', re.MULTILINE)
_CACHED_FRAMEWORK_BYTES = MAX_FRAMEWORK_BYTES  # without importing YAML (formats.criteria) to know it


def case_twin_message(folder: str, district: str) -> str:
    return (
        f"folder {folder!r} differs from district {district!r} only by case: rename it to {district!r} "
        "(Windows and macOS would take both as one folder)"
    )


def find_workspace(start: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding ``selfassess.toml``: ``start`` or its nearest ancestor, as git finds ``.git``.

    With no ``start``, ``SELFASSESS_WORKSPACE`` is used, then the current directory.
    """
    explicit = start is not None or bool(os.environ.get("SELFASSESS_WORKSPACE"))
    origin = Path(start or os.environ.get("SELFASSESS_WORKSPACE") or os.getcwd()).resolve()
    if explicit and origin.exists() and not origin.is_dir():
        hint = f" (use its folder: --workspace {origin.parent})" if origin.name == SETTINGS_FILE else ""
        raise WorkspaceNotFoundError(f"{origin} is a file, not a workspace folder{hint}")
    if explicit and not origin.is_dir():
        raise WorkspaceNotFoundError(f"workspace folder {origin} does not exist")
    for folder in (origin, *origin.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise WorkspaceNotFoundError(
        f"no {SETTINGS_FILE} in {origin} or any folder above it; run 'selfassess init' to create a "
        "workspace, or pass --workspace PATH"
    )


def today(as_of: str | None = None) -> date:
    """``as_of`` (YYYY-MM-DD), else ``SELFASSESS_TODAY``, else the real date."""
    value = as_of or os.environ.get("SELFASSESS_TODAY")
    if not value:
        return date.today()
    day = typed.day(value)
    if day is None:
        raise InvalidIdError(f"date {value!r} is not a date of the form {typed.DATE_FORMS}")
    if not 1000 <= day.year <= 9998:  # its quarter must be a period label (SPEC §2)
        raise InvalidIdError(f"date {value!r} is outside the years 1000 to 9998")
    return day


def who(name: str | None = None) -> str:
    """``--as NAME``, else git's ``user.name``, else the login name."""
    if name:
        return name
    try:
        result = gitrun.run(".", "config", "user.name", check=False, timeout=5)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    except GitError:  # no git, or it did not answer: the login name
        pass
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


@dataclass
class Entry:
    """One district's position for one period: status, and what could be read."""

    district: str
    period: str
    status: Status
    assessment: Assessment | None = None
    review: Review | None = None
    error: SelfAssessError | None = None
    review_error: SelfAssessError | None = None
    sha256: str | None = None


class Workspace:
    """Settings, frameworks and assessments of one workspace folder."""

    def __init__(self, root: str | os.PathLike[str], settings: Settings | None = None) -> None:
        self.root = Path(root)
        self.settings = settings or load_settings(self.root / SETTINGS_FILE)
        self._frameworks: dict[str, Framework] = {}
        self._settings_sha256: str | None = None
        self._frameworks_sha256: str | None = None

    # -- inspections ----------------------------------------------------------------------------
    def inspection_files(self) -> list[Path]:
        """``inspections/<id>.yaml``, sorted; none when the folder is absent."""
        folder = self.root / INSPECTIONS
        return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []

    def inspections(self) -> tuple[list[Inspection], list[SelfAssessError]]:
        """Every readable inspection, and an error for each file that is not."""
        from selfassess.formats.inspections import load_inspection

        found: list[Inspection] = []
        errors: list[SelfAssessError] = []
        for path in self.inspection_files():
            try:
                found.append(load_inspection(path, self.relative(path)))
            except SelfAssessError as error:
                errors.append(error)
        return found, errors

    # -- frameworks -----------------------------------------------------------------------------
    @property
    def framework(self) -> Framework:
        """The workspace's default framework."""
        framework = self.load_framework(self.settings.framework)
        for framework_id in self.settings.applies_to:
            if self.framework_path(framework_id) is None:
                where = f"{CRITERIA}/{framework_id}.yaml"
                message = f"[applies_to.{framework_id}] names a framework with no file ({where})"
                line = self._settings_line("applies_to", framework_id)
                raise SettingsError(message, self.settings.path, line)
        return framework

    def framework_path(self, framework_id: str) -> Path | None:
        refuse_symlinked_folders(self.root, self.root / CRITERIA)
        local = self.root / CRITERIA / f"{framework_id}.yaml"
        if local.is_file():
            return local
        return bundled_framework(framework_id) if SLUG_RE.match(framework_id) else None

    def load_framework(self, framework_id: str) -> Framework:
        if framework_id not in self._frameworks:
            path = self.framework_path(framework_id)
            if path is None:
                raise FrameworkError(
                    f"framework {framework_id!r} not found: expected {CRITERIA}/{framework_id}.yaml",
                    self.root / CRITERIA,
                )
            self._frameworks[framework_id] = self._overridden(_read_framework(path))
        return self._frameworks[framework_id]

    def _overridden(self, framework: Framework) -> Framework:
        """The framework with ``[applies_to.<id>]`` of the settings applied; an unknown id is refused."""
        overrides = self.settings.applies_to.get(framework.id, {})
        for criterion_id in overrides:
            problem = override_problem(framework, criterion_id)
            if problem:
                line = self._settings_line("applies_to", framework.id, criterion_id)
                raise SettingsError(problem, self.settings.path, line)
        return with_applies_to(framework, overrides)

    def _settings_line(self, *key: str) -> int:
        try:
            text = (self.root / SETTINGS_FILE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return 1
        return KeyLines(text).line(*key)

    def find_framework(self, framework_id: str) -> Framework | None:
        """The framework, or None when there is no file for it; a broken file raises FrameworkError."""
        if framework_id not in self._frameworks and self.framework_path(framework_id) is None:
            return None
        return self.load_framework(framework_id)

    def framework_files(self) -> list[Path]:
        folder = self.root / CRITERIA
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

    @property
    def settings_sha256(self) -> str:
        """The hash of ``selfassess.toml`` as read (cache keys depend on it)."""
        if self._settings_sha256 is None:
            try:
                self._settings_sha256 = sha256_bytes((self.root / SETTINGS_FILE).read_bytes())
            except OSError:
                self._settings_sha256 = ""
        return self._settings_sha256

    def frameworks_sha256(self) -> str:
        """The hashes of every framework file in ``criteria/`` and of the default one, combined."""
        if self._frameworks_sha256 is not None:
            return self._frameworks_sha256
        parts = [sha256_bytes(p.read_bytes()) for p in self.framework_files()]
        path = self.framework_path(self.settings.framework)
        if path is not None:
            parts.append(sha256_bytes(path.read_bytes()))
        self._frameworks_sha256 = sha256_bytes("|".join(parts).encode())
        return self._frameworks_sha256

    # -- paths ----------------------------------------------------------------------------------
    @property
    def districts(self) -> tuple[str, ...]:
        return self.settings.districts

    def capabilities(self, district: str) -> tuple[str, ...]:
        return self.settings.capabilities_of(district)

    def check_district(self, district: str) -> str:
        check_district(district)
        if district not in self.districts:
            raise InvalidIdError(
                f"district {district!r} is not in this workspace (districts: {', '.join(self.districts)})"
            )
        twin = case_twin(self.root / ASSESSMENTS, district)
        if twin is not None:
            raise InvalidIdError(
                case_twin_message(twin, district), self.relative(self.root / ASSESSMENTS / twin)
            )
        return district

    def district_folder(self, district: str) -> Path:
        """``assessments/<district>``, refused when it (or ``assessments``) is a symbolic link."""
        check_district(district)
        folder = self.root / ASSESSMENTS / district
        refuse_symlinked_folders(self.root, folder)
        return folder

    def assessment_path(self, district: str, period: str) -> Path:
        return self.district_folder(district) / f"{Period.parse(period)}.toml"

    def review_path(self, district: str, period: str) -> Path:
        return self.district_folder(district) / f"{Period.parse(period)}{REVIEW_SUFFIX}"

    def relative(self, path: str | os.PathLike[str]) -> str:
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def relative_folder(self, folder: Path) -> str | None:
        """``folder`` (resolved) relative to the workspace, or None if it lies outside: the place of
        each file in it that is not a symbolic link is then this joined with the file's name, found
        without resolving every file's path again (see :meth:`relative`)."""
        try:
            return str(folder.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return None

    # -- periods --------------------------------------------------------------------------------
    def periods(self, district: str | None = None) -> list[str]:
        """Periods with an assessment file (any district, or one), oldest first; no file is parsed."""
        found: set[str] = set()
        for name in [district] if district else self.districts:
            folder = self.root / ASSESSMENTS / name
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            for entry in entries:
                stem = entry.removesuffix(".toml")
                if entry.endswith(".toml") and PERIOD_RE.match(stem):
                    found.add(stem)
        return sorted(found)

    def latest_period(self) -> str | None:
        periods = self.periods()
        return periods[-1] if periods else None

    def current_period(self, day: date) -> str:
        return str(Period.containing(day, self.settings.quarters))

    def default_period(self, day: date) -> str:
        """The quarter a command shows when none is named: the latest not after ``day``'s quarter that
        has any assessment, else ``day``'s quarter; never a future one (an early draft moves no one)."""
        current = Period.containing(day, self.settings.quarters)
        earlier = [p for p in self.periods() if Period.parse(p) <= current]
        return earlier[-1] if earlier else str(current)

    def is_future(self, period: str, day: date) -> bool:
        """Whether ``period`` comes after ``day``'s quarter."""
        return Period.parse(period) > Period.containing(day, self.settings.quarters)

    def period_end(self, period: str) -> date:
        return Period.parse(period).end(self.settings.quarters)

    # -- reading --------------------------------------------------------------------------------
    def parse(
        self,
        data: bytes,
        path: Path,
        cached: bool = True,
        relative: str | None = None,
        sha256: str | None = None,
    ) -> Assessment:
        """An assessment checked against its own framework and its place in the workspace.

        With ``cached``, a file read before with the same bytes and framework comes from the cache.
        ``relative`` is ``self.relative(path)`` and ``sha256`` that of ``data`` when the caller already
        knows them.
        """
        if relative is None:
            relative = self.relative(path)
        key = self._parse_key(data, relative, sha256) if cached else None
        hit = cache.get(key) if key else None
        if isinstance(hit, Assessment):
            assessment = hit
        else:
            assessment = parse_assessment(data, relative, self.find_framework, sha256)
            check_place(assessment, path)
            if key:
                cache.put(key, assessment)
        assessment.path = str(path)
        return assessment

    def _parse_key(self, data: bytes, relative: str, sha256: str | None = None) -> str | None:
        """A cache key for a parsed file in canonical form whose framework is known, else None."""
        found = _FRAMEWORK_LINE.search(data, 0, 400)
        if not found:
            return None
        framework = self.find_framework(found.group(1).decode("ascii"))
        if framework is None:
            return None
        digest = sha256 or sha256_bytes(data)
        return cache.make_key("assessment", digest, relative, framework.sha256)

    def load(self, district: str, period: str) -> Assessment | None:
        """The assessment, or None when there is no file; raises AssessmentError when unreadable."""
        path = self.assessment_path(district, period)
        if not path.exists():
            return None
        return self.parse(read_bytes(path), path)

    def entry(self, district: str, period: str) -> Entry:
        """Status and contents of one district's period (SPEC §4 precedence)."""
        path = self.assessment_path(district, period)
        try:
            data = read_bytes(path)
        except AssessmentError as error:
            if not path.exists():
                return Entry(district, period, Status.MISSING)
            return Entry(district, period, Status.INVALID, error=_located(error, self, path))
        digest = sha256_bytes(data)
        try:
            assessment = self.parse(data, path, sha256=digest)
        except SelfAssessError as error:
            return Entry(district, period, Status.INVALID, error=error, sha256=digest)
        entry = Entry(district, period, Status(assessment.status), assessment=assessment, sha256=digest)
        self._attach_review(entry)
        return entry

    def _attach_review(self, entry: Entry) -> None:
        path = self.review_path(entry.district, entry.period)
        if not path.exists():
            return
        try:
            entry.review = parse_review(read_bytes(path), self.relative(path))
        except SelfAssessError as error:
            entry.review_error = error
            return
        entry.review.path = str(path)  # absolute, so a later save checks the right file
        if entry.status == Status.SUBMITTED:
            matches = entry.review.assessment_sha256 == entry.sha256
            entry.status = Status.REVIEWED if matches else Status.CHANGED


def _read_framework(path: Path) -> Framework:
    """The framework in ``path``: parsed, or from the cache when these exact bytes were parsed before.

    Reading YAML is the slowest part of opening a screen, and a cache hit does not even import it.
    Only frameworks that parsed are kept, so every error is still found, and reported, by parsing.
    """
    try:
        data = read_regular(path, _CACHED_FRAMEWORK_BYTES)
    except OSError:
        data = b""
    key = None
    if 0 < len(data) <= _CACHED_FRAMEWORK_BYTES:
        key = cache.make_key("framework", sha256_bytes(data), str(path))
        hit = cache.get(key)
        if isinstance(hit, Framework):
            return hit
    from selfassess.formats.criteria import load_framework, parse_framework

    if key is None:  # unreadable, empty or too large: the loader says which
        return load_framework(path)
    framework = parse_framework(data, str(path))
    cache.put(key, framework)
    return framework


def _located(error: AssessmentError, workspace: Workspace, path: Path) -> AssessmentError:
    return AssessmentError(error.message, workspace.relative(path), error.line)


def open_workspace(path: str | os.PathLike[str] | None = None) -> Workspace:
    """The workspace at ``path`` or above it (see :func:`find_workspace`)."""
    return Workspace(find_workspace(path))
