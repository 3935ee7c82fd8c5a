"""Every name, id pattern and limit a workspace's files follow, spelled once.

File names inside a workspace (``assessments/<district>/<period>.toml`` and its companions), the
patterns of ids and periods, and the size and depth limits the readers enforce. Everything that builds
a path, matches a name or refuses a file too big or too deep asks here. Standard library only.
"""

from __future__ import annotations

import re

# -- folders and files -------------------------------------------------------------------------------

#: the workspace's settings file; the folder holding it is the workspace
SETTINGS_FILE = "selfassess.toml"
#: ``assessments/<district>/<period>.toml``
ASSESSMENTS = "assessments"
#: ``criteria/<framework>.yaml``
CRITERIA = "criteria"
#: ``inspections/<id>.yaml``: an inspection's findings
INSPECTIONS = "inspections"
#: an assessment: ``<period>.toml``
ASSESSMENT_SUFFIX = ".toml"
#: the review of an assessment: ``<period>.review.toml``
REVIEW_SUFFIX = ".review.toml"
#: the other side of a merge conflict, beside the assessment: ``<period>`` + this
CONFLICT_SUFFIX = ".conflict.toml"
#: the other side of a review both sides changed differently: ``<period>.review`` + the conflict suffix
REVIEW_CONFLICT_SUFFIX = REVIEW_SUFFIX.removesuffix(ASSESSMENT_SUFFIX) + CONFLICT_SUFFIX
#: the edit lock beside a file: ``.<name>.lock``
LOCK_PREFIX, LOCK_SUFFIX = ".", ".lock"
#: text kept when a save failed: ``<name>.unsaved``
UNSAVED_SUFFIX = ".unsaved"
#: a save in progress (atomic write): ``.<name>.<pid>.tmp``
TEMP_SUFFIX = ".tmp"

# -- ids ---------------------------------------------------------------------------------------------

#: a district, framework, theme or scale id: lower-case letters, digits and hyphens, 1 to 40 long
SLUG = r"[a-z0-9][a-z0-9-]{0,39}"
SLUG_RE = re.compile(rf"^{SLUG}\Z")
#: a year from 1000 to 9998 (9999-Q4 has no next quarter)
_YEAR = r"[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8]"
#: a period, ``2026-Q4``, to put inside a larger pattern (no groups)
PERIOD = rf"(?:{_YEAR})-Q[1-4]"
#: a whole period label; groups: the year, the quarter
PERIOD_RE = re.compile(rf"^({_YEAR})-Q([1-4])\Z")
#: a grade (a rating's id in the framework's scale)
GRADE_RE = re.compile(r"^[a-z][a-z0-9-]*\Z")
#: a criterion id, ``T1C1``
CRITERION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z")
#: a district's assessment or review as git names it; groups: district, period, ``.review`` or None
DISTRICT_FILE_RE = re.compile(rf"^{ASSESSMENTS}/({SLUG})/({PERIOD})(\.review)?\.toml$")

# -- limits ------------------------------------------------------------------------------------------

#: the largest assessment, review, settings or spreadsheet file read (and a workbook uncompressed)
MAX_FILE_BYTES = 16 * 1024 * 1024
#: the largest criteria file read
MAX_FRAMEWORK_BYTES = 1_000_000
#: the largest settings file read
MAX_SETTINGS_BYTES = 1_000_000
#: the largest lock file read
MAX_LOCK_BYTES = 64 * 1024
#: TOML arrays and tables nested deeper than this are refused (tomllib would recurse)
MAX_TOML_DEPTH = 100
#: YAML nested deeper than this is refused in a criteria file
MAX_FRAMEWORK_DEPTH = 20


def megabytes(size: int) -> int:
    """``size`` in whole MB, as messages say it."""
    return size // (1024 * 1024)
