"""``selfassess.toml``: the workspace settings, validated into a typed record with unknown keys refused."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from selfassess.core.errors import AssessmentError, SettingsError
from selfassess.core.ids import CRITERION_RE, SLUG_RE
from selfassess.core.names import MAX_SETTINGS_BYTES, SETTINGS_FILE
from selfassess.core.periods import CALENDARS
from selfassess.formats.access import Access, access_from_table
from selfassess.formats.guards import newer_hint
from selfassess.formats.tomlread import decode, parse_toml, read_bytes
from selfassess.formats.tomlsource import KeyLines

#: a century: any more and a period's end minus it can fall before year 1
MAX_STALE_DAYS = 36525
KEYS = (
    "force", "framework", "districts", "quarters", "stale_after_days", "capabilities", "applies_to",
    "privacy", "access",
)  # fmt: skip


@dataclass(frozen=True)
class Settings:
    force: str
    framework: str
    districts: tuple[str, ...]
    # "calendar", or "financial": YYYY is the year the financial year starts (Q1 = April–June)
    quarters: str = "calendar"
    # evidence whose as_of is older than this at the period's end is flagged as stale
    stale_after_days: int = 183
    capabilities: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    privacy_allow: tuple[str, ...] = ()
    path: str = SETTINGS_FILE
    # [access]: who may write what, checked by `verify` against signed commits (None: not set)
    access: Access | None = None
    # [applies_to.<framework>]: criterion id -> the applies_to that replaces the framework's own
    applies_to: Mapping[str, Mapping[str, tuple[str, ...]]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def capabilities_of(self, district: str) -> tuple[str, ...]:
        return self.capabilities.get(district, ())


class _Checker:
    def __init__(self, path: str, text: str) -> None:
        self.path, self.lines = path, KeyLines(text)

    def fail(self, message: str, *where: str) -> SettingsError:
        return SettingsError(message, self.path, self.lines.line(*where))

    def string(self, table: dict[str, Any], name: str, default: str | None = None) -> str:
        value = table.get(name, default)
        if value is None:
            raise self.fail(f"missing required key {name!r}")
        if not isinstance(value, str):
            raise self.fail(f"{name} must be a string", name)
        return value

    def strings(self, value: Any, name: str, *where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{name} must be an array of strings", *where)
        return tuple(value)


def parse_settings(data: bytes, path: str | os.PathLike[str]) -> Settings:
    path = str(path)
    try:
        text = decode(data, path)
        table = parse_toml(text, path)
    except AssessmentError as error:  # same reading rules; reported as a settings problem
        raise SettingsError(error.message, path, error.line) from None
    check = _Checker(path, text)
    for name in table:
        if name not in KEYS:
            raise check.fail(
                f"unknown setting {name!r} (known: {', '.join(KEYS)}){newer_hint(name)}",
                name,
            )
    framework = check.string(table, "framework")
    if not SLUG_RE.match(framework):
        raise check.fail(f"framework {framework!r} is not a framework id", "framework")
    if "districts" not in table:
        raise check.fail("missing required key 'districts'")
    districts = check.strings(table["districts"], "districts", "districts")
    for district in districts:
        if not SLUG_RE.match(district):
            raise check.fail(
                f"district {district!r} is not a district id (lower-case letters, digits, '-')",
                "districts",
            )
    if len(set(districts)) != len(districts):
        raise check.fail("a district is listed twice", "districts")
    quarters = check.string(table, "quarters", "calendar")
    if quarters not in CALENDARS:
        raise check.fail(f"quarters must be one of: {', '.join(CALENDARS)}", "quarters")
    stale = table.get("stale_after_days", 183)
    if isinstance(stale, bool) or not isinstance(stale, int) or not 1 <= stale <= MAX_STALE_DAYS:
        raise check.fail(
            f"stale_after_days must be a whole number of days from 1 to {MAX_STALE_DAYS}", "stale_after_days"
        )
    return Settings(
        force=check.string(table, "force", ""),
        framework=framework,
        districts=districts,
        quarters=quarters,
        stale_after_days=stale,
        capabilities=_capabilities(check, table.get("capabilities", {}), districts),
        privacy_allow=_privacy(check, table.get("privacy", {})),
        path=path,
        access=_access(check, table["access"], districts) if "access" in table else None,
        applies_to=_applies_to(check, table.get("applies_to", {})),
    )


def _applies_to(check: _Checker, table: Any) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """``[applies_to.<framework>]`` tables of criterion id = [capabilities]; the ids are checked against
    the framework when it is loaded (the workspace knows both)."""
    if not isinstance(table, dict):
        raise check.fail("applies_to must be tables [applies_to.<framework>]", "applies_to")
    result = {}
    for framework, criteria in table.items():
        if not SLUG_RE.match(framework):
            message = f"[applies_to] names {framework!r}, which is not a framework id"
            raise check.fail(message, "applies_to", framework)
        if not isinstance(criteria, dict):
            message = f"applies_to.{framework} must be a table of criterion id = [capabilities]"
            raise check.fail(message, "applies_to", framework)
        overrides = {}
        for criterion, capabilities in criteria.items():
            where = ("applies_to", framework, criterion)
            if not CRITERION_RE.fullmatch(criterion):
                message = f"[applies_to.{framework}] names {criterion!r}, which is not a criterion id"
                raise check.fail(message, *where)
            values = check.strings(capabilities, f"applies_to.{framework}.{criterion}", *where)
            for value in values:
                if not SLUG_RE.match(value):
                    raise check.fail(
                        f"applies_to.{framework}.{criterion}: {value!r} is not a capability "
                        "(lower-case letters, digits and '-')",
                        *where,
                    )
            overrides[criterion] = values
        result[framework] = MappingProxyType(overrides)
    return MappingProxyType(result)


def _capabilities(check: _Checker, table: Any, districts: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        raise check.fail("[capabilities] must be a table", "capabilities")
    result = {}
    for district, capabilities in table.items():
        if district not in districts:
            raise check.fail(
                f"[capabilities] names {district!r}, which is not in districts", "capabilities", district
            )
        result[district] = check.strings(capabilities, f"capabilities.{district}", "capabilities", district)
    return MappingProxyType(result)


def _privacy(check: _Checker, table: Any) -> tuple[str, ...]:
    if not isinstance(table, dict):
        raise check.fail("[privacy] must be a table", "privacy")
    for name in table:
        if name != "allow":
            raise check.fail(f"unknown setting privacy.{name} (known: allow)", "privacy", name)
    return check.strings(table.get("allow", []), "privacy.allow", "privacy", "allow")


def _access(check: _Checker, table: Any, districts: tuple[str, ...]) -> Access:
    if not isinstance(table, dict):
        raise check.fail("[access] must be a table", "access")
    for name in table:
        if name not in ("reviewers", "leads"):
            raise check.fail(f"unknown setting access.{name} (known: reviewers, leads)", "access", name)
    check.strings(table.get("reviewers", []), "access.reviewers", "access", "reviewers")
    leads = table.get("leads", {})
    if not isinstance(leads, dict):
        raise check.fail("[access.leads] must be a table", "access", "leads")
    for unit, names in leads.items():
        if unit not in districts:
            raise check.fail(
                f"[access.leads] names {unit!r}, which is not in districts", "access", "leads", unit
            )
        check.strings(names, f"access.leads.{unit}", "access", "leads", unit)
    return access_from_table(table)


def load_settings(path: str | os.PathLike[str]) -> Settings:
    try:
        data = read_bytes(path, MAX_SETTINGS_BYTES)
    except AssessmentError as error:
        raise SettingsError(error.message, path, error.line) from None
    return parse_settings(data, path)
