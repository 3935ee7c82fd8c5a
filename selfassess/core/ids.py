"""The forms of ids that may reach a file path or a framework: districts and grades."""

from __future__ import annotations

from selfassess.core.errors import InvalidIdError
from selfassess.core.names import CRITERION_RE, GRADE_RE, SLUG_RE  # noqa: F401 (re-exported)

# \Z, not $: an id is matched against the whole string ("evil\n" is refused, SPEC §2). The patterns
# live in core.names; a district id is a slug like any other id.


def check_district(district: str) -> str:
    """Return ``district`` if it is a valid district id, else raise :class:`InvalidIdError`."""
    if not isinstance(district, str) or not SLUG_RE.match(district):
        raise InvalidIdError(
            f"district {district!r} is not a district id: lower-case letters, digits and '-', "
            "starting with a letter or digit, at most 40 characters"
        )
    return district
