"""The forms of ids that may reach a file path or a framework: districts and grades."""

from __future__ import annotations

import re

from selfassess.core.errors import InvalidIdError

# \Z, not $: an id is matched against the whole string ("evil\n" is refused, SPEC §2).
DISTRICT_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}\Z")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}\Z")
GRADE_RE = re.compile(r"^[a-z][a-z0-9-]*\Z")
CRITERION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z")


def check_district(district: str) -> str:
    """Return ``district`` if it is a valid district id, else raise :class:`InvalidIdError`."""
    if not isinstance(district, str) or not DISTRICT_RE.match(district):
        raise InvalidIdError(
            f"district {district!r} is not a district id: lower-case letters, digits and '-', "
            "starting with a letter or digit, at most 40 characters"
        )
    return district
