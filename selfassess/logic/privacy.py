"""Find likely personal data (dates of birth, phone numbers, addresses, references, named
children with ages) in evidence text, so it can be removed before the evidence is shared."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from selfassess.logic.people import CHECKS as _PEOPLE_CHECKS
from selfassess.logic.people import (
    GATE_FACTS,
    NAMED_BY_INITIALS,
    NAMED_PERSON,
    SURNAME_WORDS,
    is_first_name,
)
from selfassess.logic.people import NOT_NAMES as _NOT_NAMES
from selfassess.logic.textfacts import AGE_HINT_FACTS, FactNeedles, TextFacts


@dataclass(frozen=True)
class Match:
    """One piece of likely personal data found by :func:`scan`."""

    kind: str  # e.g. "date of birth", "postcode", "named child with age"
    text: str  # the matched text, exactly as in the input
    start: int  # offsets into the scanned text
    end: int
    line: int  # 1-based line within the scanned text
    column: int = 1  # 1-based column of ``start`` within its line


DATE_OF_BIRTH = "date of birth"
PHONE = "phone number"
EMAIL = "e-mail address"
POSTCODE = "postcode"
STREET_ADDRESS = "street address"
NI_NUMBER = "National Insurance number"
CRIME_REF = "crime reference"
NAMED_CHILD = "named child with age"
#: a child named with a school, a school year, a brother or sister, in a list of siblings, or as "Baby"
NAMED_CHILD_CONTEXT = "named child"
VEHICLE = "vehicle registration"
NHS_NUMBER = "NHS number"
#: a person named in narrative: a title, a relation, a possessive, "called", a first name and surname
#: (see people.py); NAMED_BY_INITIALS is NAMED_CHILD_CONTEXT
__all__ = ["NAMED_PERSON", "NAMED_BY_INITIALS", "Match", "scan"]

# --- building blocks -------------------------------------------------------------------------


def _lead(first: str, not_after: str) -> str:
    """``first`` (one character) when not preceded by a character matching ``not_after``.

    Patterns start with a character class and check what precedes it with a lookbehind,
    rather than starting with the lookbehind, so that ``re`` can skip straight to candidate
    characters: this roughly halves the cost of scanning ordinary prose.
    """
    return f"{first}(?<!{not_after}{first})"


def _words(*words: str) -> str:
    """Case-insensitive alternation of ``words`` (regexes, each starting with a plain letter)
    not preceded by a word character, led by a character class as :func:`_lead` explains."""
    letters = sorted({c for w in words for c in (w[0].lower(), w[0].upper())})
    first = "[" + "".join(letters) + "]"
    alternatives = "|".join(f"(?<={w[0]}){w[1:]}" for w in words)
    return _lead(first, r"\w") + f"(?i:{alternatives})"


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUM_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?![\d/])"
_ISO_DATE = r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"
# the 3rd, the third, twenty-first: a day of the month as an ordinal word
_DAY_WORD = (
    r"(?:(?:twenty|thirty)[\s\-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|thirtieth"
)
_DAY = rf"(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_DAY_WORD})"
_TEXT_DATE = (
    rf"{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?\s+(?:\d{{4}}|'?\d{{2}})(?!\d)"
    rf"|{_MONTH}\.?\s+{_DAY},?\s+\d{{4}}(?!\d)"
)
_ANY_DATE = rf"(?:{_ISO_DATE}|{_NUM_DATE}|{_TEXT_DATE})"

# A capitalised name word (Tom, O'Brien, McDonald, Smith-Jones), in two parts so that patterns
# can lead with its first letter.
_NAME_REST = r"(?:[a-z]*['’\-][A-Z])?[a-z]+(?:[A-Z][a-z]+)?"
_NAME_WORD = rf"[A-Z]{_NAME_REST}"
_NAME_LEAD = _lead("[A-Z]", r"[\w'’\-.]") + _NAME_REST
# One or two name words, perhaps then an initial: "Emily", "Jack Smith", "Jordan P.", "Amy T".
_NAME = rf"(?P<name>{_NAME_LEAD}(?:[ \t]+{_NAME_WORD})?(?:[ \t]+[A-Z](?![\w'’\-])\.?)?)"
# Not followed by a range ("aged 10 to 17") or a decimal / percentage.
_NOT_RANGE = r"(?!\d|\.\d|\s*%|\s*(?i:to|-|–|and|or)\s*\d)"

# --- patterns --------------------------------------------------------------------------------

# DOB 14/03/2012, D.O.B.: 14.03.12, born 3 March 2012, date of birth 2012-03-14, birthday is ...
_DOB_RE = re.compile(
    _words(r"d\.?[ ]?o\.?[ ]?b\b\.?", r"date\s+of\s+birth\b", r"birth\s+date\b", r"born\b", r"birthday\b")
    + r"[\s:,(\-–]*(?i:(?:is|was|on|of)\s+)?"
    + r"(?i:(?:recorded|given|shown|noted|listed|entered|written)\s+(?:only\s+)?as\s+)?"
    + rf"(?i:{_ANY_DATE})"
)

# DOB 2010, date of birth is recorded as 2012: a year alone, after words that tie it to one person.
_YEAR = r"(?:19|20)\d{2}(?![\d/.\-]\d|\d)"
_DOB_YEAR_RE = re.compile(
    _words(r"d\.?[ ]?o\.?[ ]?b\b\.?", r"date\s+of\s+birth\b", r"year\s+of\s+birth\b")
    + r"[\s:(\-–]*(?i:(?:is|was)\s+)?(?i:(?:recorded|given|shown|noted|listed)\s+(?:only\s+)?as\s+)?"
    + r"(?i:only\s+)?"
    + _YEAR
)
# was born in 2011, was born in March 2011 (one person: "Children born in 2011" and "were born" are
# about a group)
_BORN_YEAR_RE = re.compile(_words("born") + rf"\s+(?i:(?:in|during)\s+)?(?i:{_MONTH}\.?,?\s+)?" + _YEAR)

# 07700 900123, 0114 496 0123, 020 7946 0018, 01709 496012, +44 7700 900456, +44 (0)113 ...
# Only mobile (07) and geographic (01, 02) numbers: 0800, 0300 etc. are organisations' lines.
_SEP = r"[ \-]?"
_AREA_SEP = r"\)?[ \-]?"
_PHONE_RE = re.compile(
    r"(?:" + _lead(r"\+", r"[\w+]") + r"44[ \-]?(?:\(0\)[ \-]?)?"
    r"|" + _lead("0", r"[\w+(]") + r"(?:044[ \-]?(?:\(0\)[ \-]?)?)?"
    r"|\(0)"
    r"(?:7\d{3}" + _AREA_SEP + r"\d{3}" + _SEP + r"\d{3}"
    r"|2\d" + _AREA_SEP + r"\d{4}" + _SEP + r"\d{4}"
    r"|1\d1" + _AREA_SEP + r"\d{3}" + _SEP + r"\d{4}"
    r"|11\d" + _AREA_SEP + r"\d{3}" + _SEP + r"\d{4}"
    r"|1\d{3}" + _AREA_SEP + r"(?:\d{3}" + _SEP + r"\d{3}|\d{5,6}))"
    r"(?![\w/]|[.,]\d)"
)

_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![\w\-])"
)

# S60 1AA, DN1 3BU, LS11 5DD, EC1A 1BB (full postcodes only: the inward part is required).
# The match starts at the outward code's first digit, which is rarer in prose than a letter;
# _check_postcode extends it back over the one or two letters before it.
_POSTCODE_RE = re.compile(
    r"\d(?<=[A-Za-z]\d)[A-Za-z\d]?(?P<space>[ \t]?)\d(?i:[ABD-HJLNP-UW-Z]{2})(?![\w\-/])"
)

_STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Grove|Terrace"
    r"|Place|Court|Ct|Gardens|Gdns|Walk|Square|Sq|Mews|Row|Parade|Rise|Hill|View|Green|Park"
    r"|Vale|Croft|Fold|Mount|Boulevard|Approach|Chase|Wharf|Yard)"
)
# Lower-case addresses ("14 acacia avenue") take one or two words before one of these.
_LOWER_SUFFIX = (
    r"(?:road|street|lane|avenue|close|drive|way|crescent|grove|terrace|place|court|gardens|walk"
    r"|square|mews|row|parade|rise|view|croft|fold|mount|chase)"
)
# Words that make "3 main road bases" or "2 side streets" prose rather than an address.
_NOT_STREET_WORDS = frozenset(
    """
    the and are was were has had for with from into onto this that these those same main high new old
    local ring trunk private public slip side back front busy quiet other one two three four five
    every each all both major minor long short wide narrow dual single double many more most few some
    """.split()
)
# 14 Acacia Avenue, 112b Station Road, 19 Green Hill Drive; 14 acacia avenue, 22 mill lane.
# One pattern for both cases, so each digit is tried once.
_STREET_RE = re.compile(
    _lead(r"\d", r"[\w/.,\-]") + r"\d{0,3}[A-Za-z]?,?[ \t]+(?:"
    rf"(?P<street>(?:{_NAME_WORD}[ \t]+){{1,3}}){_STREET_SUFFIX}(?![\w\-])\.?"
    rf"|(?P<lower>(?:[a-z]{{3,}}[ \t]+){{1,2}}){_LOWER_SUFFIX}(?![\w\-]))"
)
# lives on Hawthorn Close, home address is Oakwood Drive: a street named after words about living there.
_KEYWORD_STREET_RE = re.compile(
    _words("lives", "living", "lived", "resides", "residing", "address")
    + r"(?![\w\-])(?i:\s+is)?[ \t]*[:,]?[ \t]*(?i:(?:on|at|in)[ \t]+)?"
    + rf"(?P<street>(?:{_NAME_WORD}[ \t]+){{1,3}}){_STREET_SUFFIX}(?![\w\-])"
)

# YK19 XBF, AB12CDE: a current-style number plate (two letters, two digits, three letters).
_VEHICLE_RE = re.compile(_lead("[A-Z]", "[A-Za-z0-9]") + r"[A-Z]\d{2}[ ]?[A-Z]{3}(?![A-Za-z0-9])")

# AB123456C, AB 12 34 56 C
_NI_RE = re.compile(
    _lead("[A-Z]", "[A-Za-z0-9]") + r"[A-Z][ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?![A-Za-z0-9])"
)

_CRIME_RES = (
    # 14/123456/25 or 14-123456-25: force / serial / year.
    re.compile(_lead(r"\d", r"[\w/.\-]") + r"\d(?P<sep>[/\-])\d{4,7}(?P=sep)\d{2}(?![\w/\-])"),
    # CRI-2025-012345, OCC-25-001234; WY-20250314-7761 (a date, then a serial).
    re.compile(
        _lead("[A-Z]", r"[\w\-]") + r"[A-Z]{1,4}-(?:\d{2,4}-\d{5,8}|(?:19|20)\d{6}-\d{3,8})(?![\w\-])"
    ),
    # A year and a long serial, with no keyword: 2025/123456.
    re.compile(_lead("[12]", r"[\w/.]") + r"\d{3}/\d{5,8}(?![\w/])"),
    # A keyword, then a reference: OCC 2025/123456, ref 2026/00123, incident 1234 of 12/10/2025.
    re.compile(
        _words(r"occ(?:urrence)?", "crime", "incident", "inc", "log", r"ref(?:erence)?", "urn")
        + r"(?!\w)\.?(?i:\s+(?:ref(?:erence)?|number|num|no)\b\.?)?\s*[:#]?\s*"
        + r"(?P<ref>(?:19|20)\d{2}/\d{3,8}|\d{1,5}\s+(?i:of)\s+"
        + _NUM_DATE
        + r"|\d{2}/\d{4,7}/\d{2}|\d{6,}|\d{2}[A-Za-z]{2}\d{5,9}|[A-Za-z]{1,4}\d{5,}|\d{2}\*\d{5,8})(?![\w/])"
    ),
)
_CAD_RE = re.compile(_words("cad", "serial") + r"\s*(?:no\.?\s*)?[:#]?\s*\d{3,}(?![\w/])")

_CHILD_RE = re.compile(
    _NAME
    + r"(?:"
    # Jack Smith, aged 9 / Sophie, age 11 / Tom aged 12
    + r"[ \t]*,?[ \t]+(?i:aged?)[ \t]*:?[ \t]+(?P<age1>\d{1,2})"
    + _NOT_RANGE
    # Emily (14) / Noah (aged 6) / Tom (12 yrs)
    + r"|[ \t]+\((?i:aged?[ \t]+)?(?P<age2>\d{1,2})(?:[ \t]*(?i:yrs?|years?)(?:[ \t]+(?i:old))?)?\)"
    # Jane, 12 years old / Jane, 12-year-old / Kyle, a 14 year old
    + r"|[ \t]*,[ \t]+(?:an?[ \t]+)?(?P<age3>\d{1,2})[ \t\-]+(?i:years?|yrs?)[ \t\-]+(?i:old)\b"
    # Harry, who is 10 / Tom, 12, was
    + r"|[ \t]*,[ \t]+(?:(?i:who[ \t]+(?:is|was)|now|then)[ \t]+)?(?P<age4>\d{1,2})"
    + r"(?=[ \t]*[,;)])"
    + r")"
)
# a 13-year-old named Tom / a 16-year-old girl called Mia / the 14-year-old Jack
_CHILD_AFTER_RE = re.compile(
    r"(?P<age>" + _lead(r"\d", r"[\w.]") + r"\d?)[ \t\-]+(?i:years?)[ \t\-]+(?i:old)"
    r"(?:[ \t]+(?i:boy|girl|child|son|daughter|brother|sister|sibling|male|female))?"
    r"(?:,?[ \t]+(?i:named|called|known[ \t]+as)[ \t]+|-?[ \t]+(?=[A-Z]))"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
)
# the 14 year old, Kacey, was ...: an age, a comma, then a name that the sentence goes on about
_CHILD_AGE_COMMA_RE = re.compile(
    r"(?P<age>" + _lead(r"\d", r"[\w.]") + r"\d?)[ \t\-]+(?i:years?)[ \t\-]+(?i:old)"
    r"(?:[ \t]+(?i:boy|girl|child|son|daughter|brother|sister|sibling|male|female))?,[ \t]+"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
    r"(?=[ \t]*[,;:)]|[ \t]+(?:was|is|had|has|who|said|did|told|went|became)\b)"
)

# 186 091 3903, 943-476-5919, 9434765919: ten digits in 3-3-4 groups or in one run; the last is a
# check digit (modulus 11), verified by _check_nhs.
_NHS_RE = re.compile(
    _lead(r"\d", r"[\w/.,\-+£$]") + r"\d{2}(?P<sep>[ \-]?)\d{3}(?P=sep)\d{4}(?![\w/]|[.,\-]\d)"
)
_NHS_BEFORE = re.compile(r"(?i:\b(?:nhs|chi)\b)")
# NHS no. 485 777 3456, NHS number: 485-777-3456: ten digits right after the words, whatever their check
# digit (a number written down wrongly is still that person's)
_NHS_KEYWORD_RE = re.compile(
    _words("nhs", "chi")
    + r"(?![\w\-])(?i:[ \t]+(?:no|num|number)(?![\w\-])\.?)?[ \t]*[:#]?[ \t]*"
    + r"(?P<nhs>\d{3}(?P<sep>[ \-]?)\d{3}(?P=sep)\d{4})(?![\w/]|[.,\-]\d)"
)

# A school's name: "St Mary's Primary", "Brookfield Academy", "the Park View PRU", "Highfield Infants".
_SCHOOL = (
    rf"(?:{_NAME_WORD}|St\.?|[A-Z]{{2,}})(?:[ \t]+(?:{_NAME_WORD}|St\.?|[A-Z][a-z]*['’]s))*?[ \t]+"
    r"(?:Primary|Academy|School|College|Infants?|Juniors?|PRU|Nursery|Grammar|Secondary|High)(?![\w\-])"
)
_SCHOOL_YEAR = r"(?:(?:Year|Yr)[ \t]*\d{1,2}(?!\d)|Reception|Nursery)"
_PUPIL = r"(?:pupil|student|schoolgirl|schoolboy|girl|boy|child)"
# A child named with a school or a school year (no age):
_CHILD_SCHOOL_RES = (
    # Liam (Year 9) / Liam, Year 9, / Freddie in Reception / Liam from Year 10
    re.compile(
        _NAME
        + r"(?:[ \t]*\([ \t]*"
        + _SCHOOL_YEAR
        + r"[ \t]*\)|[ \t]*,[ \t]+(?:an?[ \t]+)?(?:in[ \t]+)?"
        + _SCHOOL_YEAR
        + rf"(?:[ \t]+{_PUPIL})?(?=[ \t]*[,;)]|[ \t]+(?:at|in)[ \t]+[A-Z])"
        + rf"|[ \t]+(?:in|from)[ \t]+{_SCHOOL_YEAR}(?![\w\-]))"
    ),
    # Year 11 pupil Shannon / a Reception child, Freddie,
    re.compile(
        r"(?<![\w\-])"
        + _SCHOOL_YEAR
        + rf"[ \t]+{_PUPIL},?[ \t]+"
        + rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
    ),
    # Jayden, who attends St Mary's Primary / Mia goes to Brookfield Academy
    re.compile(
        _NAME
        + r"[ \t]*,?[ \t]+(?:who[ \t]+)?(?:attends|attended|goes[ \t]+to|went[ \t]+to|is[ \t]+at|was[ \t]+at"
        + r"|(?:(?:is|was)[ \t]+)?(?:an?[ \t]+)?(?:(?:Year|Yr)[ \t]*\d{1,2}[ \t]+)?"
        + r"(?:pupil|student)[ \t]+(?:at|of))"
        + r"[ \t]+(?:the[ \t]+)?"
        + _SCHOOL
    ),
    # ... the notification for Amelia-Rose at Brookfield Academy (a name in the middle of a sentence)
    re.compile(_NAME + r"[ \t]+(?:at|from)[ \t]+(?:the[ \t]+)?" + _SCHOOL),
)
# her brother Harrison / his younger sister Ella / their son Jack
_CHILD_RELATIVE_RE = re.compile(
    _words("his", "her", "their")
    + r"[ \t]+(?:(?i:younger|older|elder|baby|little|big|twin|infant)[ \t]+)?"
    + r"(?i:(?:half|step)[ \t\-]?)?(?i:brother|sister|sibling|son|daughter|cousin)[ \t]*,?[ \t]+"
    + rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
)
# Siblings Ava, Noah and Mia / the children, Ava and Noah,
_CHILD_LIST_RE = re.compile(
    _words("siblings", "children", "brothers", "sisters", "twins", "triplets", "sons", "daughters", "kids")
    + r"[ \t]*[,:]?[ \t]+"
    + rf"(?P<names>{_NAME_WORD}(?:[ \t]*,[ \t]*{_NAME_WORD})*[ \t]*,?[ \t]+(?:and|&)[ \t]+{_NAME_WORD})"
)
# Baby Reuben Walsh (an unborn or newborn child's usual label, with a name)
_CHILD_BABY_RE = re.compile(r"(?<![\w\-])Baby[ \t]+" + rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)")

# "Name (number)" items, to recognise lists of counts: "Rotherham (42), Barnsley (15)".
_COUNT_ITEM_RE = re.compile(_NAME_LEAD + r"[ \t]+\((?P<n>\d[\d,.]*%?)\)")
_LIST_GAP_RE = re.compile(r"[ \t]*(?:[,;&+]|and)?[ \t]*(?:and[ \t]+)?")

# Capitalised words after "Baby" that are not a child's name: "Baby Friendly", "Baby Box".
_NOT_BABY_NAMES = frozenset(
    "friendly bank banks box boxes loss unit clinic clinics group groups week room".split()
)
_RANKS = frozenset("mr mrs ms miss dr pc dc ds di sgt det insp dci dsi dcs dsu supt cst pcso officer".split())
_COURTS = frozenset(
    "family high crown county youth magistrates magistrates' magistrate's supreme appeal "
    "coroner's coroners".split()
)


# --- validators ------------------------------------------------------------------------------

_Span = tuple[int, int]
_Found = tuple[int, int, str]  # start, end, kind
#: a validator gives the span to report, or (start, end, kind) to report it as another kind, or None
_Validator = Callable[[re.Match[str]], "_Span | tuple[int, int, str] | None"]


def _whole(m: re.Match[str]) -> _Span | None:
    return m.span()


def _check_postcode(m: re.Match[str]) -> _Span | None:
    text, start = m.string, m.start()
    letters = 2 if start >= 2 and text[start - 2].isascii() and text[start - 2].isalpha() else 1
    start -= letters
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-/."):
        return None
    code = text[start : m.end()]
    if not (code.isupper() or (code.islower() and m.group("space"))):
        return None
    if code[-2:].lower() in ("st", "nd", "rd", "th"):  # "IR1 1st", "CC3 4th"
        return None
    return start, m.end()


def _check_street(m: re.Match[str]) -> _Span | None:
    if re.match(r"(?:19|20)\d\d\b", m.group()):
        return None  # "In 2019 Station Road police station closed": a year
    if m.group("lower") is not None:
        if any(word in _NOT_STREET_WORDS for word in m.group("lower").split()):
            return None  # "3 main road bases"
        return m.span()
    words = m.group("street").split()
    if m.group().rstrip(".").endswith("Court") and words[-1].lower() in _COURTS:
        return None  # "14 Family Court hearings"
    return m.span()


_WAS_BEFORE = re.compile(r"(?<![\w])(?i:was)\s+$")


def _check_born_year(m: re.Match[str]) -> _Span | None:
    """ "was born in 2011": one person; "children born in 2011" is about a group."""
    was = _WAS_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    return None if was is None else (was.start(), m.end())


def _check_keyword_street(m: re.Match[str]) -> _Span | None:
    words = m.group("street").split()
    if any(w.lower() in _NOT_NAMES for w in words):
        return None  # "lives in Police Road": common words, not a street's name
    return m.start("street"), m.end()


def _check_crime_keyword(m: re.Match[str]) -> _Span | None:
    ref = m.group("ref")
    if re.fullmatch(r"\d{4}/\d{4}", ref) and int(ref[5:]) == int(ref[:4]) + 1:
        return None  # financial year "2025/2026"
    return m.span()


def _name_start(m: re.Match[str]) -> int | None:
    """Start of the name in group "name" once leading common words ("The", "Young") are
    dropped, or None if what is left is not a child's name."""
    start = m.start("name")
    words = m.group("name").split()
    if len(words) >= 2 and words[0].lower() in _NOT_NAMES:
        start = m.start("name") + m.group("name").index(words[1], len(words[0]))
        words.pop(0)
    if len(words[0].rstrip(".")) == 1:  # "Group B (14)": a label, not a name
        return None
    # a known first name with a surname that is also a word is a name: "Ellie-Rose Ward, Year 9"
    surname_word = len(words) == 2 and words[1].lower() in SURNAME_WORDS and is_first_name(words[0])
    if any(w.lower() in _NOT_NAMES for w in words) and not surname_word:
        return None
    # A rank or title before the name, perhaps with initials: "Sgt D. Jones", "Mrs Smith".
    before = [w for w in m.string[max(0, start - 24) : start].split() if len(w.rstrip(".")) > 1]
    if before and before[-1].rstrip(".").lower() in _RANKS:
        return None
    return start


def _check_child(m: re.Match[str]) -> _Span | tuple[int, int, str] | None:
    age = next(a for a in (m.group(f"age{i}") for i in range(1, 5)) if a is not None)
    start = _name_start(m)
    if start is None:
        return None
    if int(age) > 17:
        # an adult with an age ("Kyle Marsden, aged 19"): a person when the name is a known first name
        if not is_first_name(m.string[start : m.end("name")].split()[0]):
            return None
        return start, m.end(), NAMED_PERSON
    return start, m.end()


def _check_child_after(m: re.Match[str]) -> _Span | None:
    if int(m.group("age")) > 17:
        return None
    words = m.group("name").split()
    if any(w.lower() in _NOT_NAMES for w in words):
        return None  # "a 15-year-old White British boy"
    return m.span()


def _check_nhs(m: re.Match[str]) -> _Span | None:
    """Ten digits whose last is their modulus-11 check digit; a leading 0 only after "NHS" or "CHI"
    (ten-digit numbers starting with 0 are more often phone numbers)."""
    digits = [int(c) for c in m.group() if c.isdigit()]
    remainder = sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = (11 - remainder) % 11
    if check == 10 or check != digits[9]:
        return None
    if digits[0] == 0 and not _NHS_BEFORE.search(m.string, max(0, m.start() - 24), m.start()):
        return None
    return m.span()


def _check_nhs_keyword(m: re.Match[str]) -> _Span | None:
    return m.span("nhs")


def _names_ok(names: str) -> bool:
    return not any(w.lower() in _NOT_NAMES for w in re.findall(r"[\w'’\-]+", names) if w != "and")


def _check_named(m: re.Match[str]) -> _Span | None:
    """A name (group "name", see _name_start) and the school or school year that follows it."""
    start = _name_start(m)
    return None if start is None else (start, m.end())


_WORD_BEFORE = re.compile(r"([^\s]+)[ \t]+$")


def _check_named_mid_sentence(m: re.Match[str]) -> _Span | None:
    """As _check_named, for a name that is only a name in the middle of a sentence ("for Amelia at
    Brookfield Academy"; "Training at Brookfield Academy" is not one)."""
    start = _name_start(m)
    if start is None:
        return None
    before = _WORD_BEFORE.search(m.string, max(0, start - 40), start)
    if before is None or not before.group(1)[0].islower():
        return None
    return start, m.end()


def _check_name_words(m: re.Match[str]) -> _Span | None:
    return m.span() if _names_ok(m.group("name")) else None


def _check_child_list(m: re.Match[str]) -> _Span | None:
    return (m.start("names"), m.end()) if _names_ok(m.group("names")) else None


def _check_baby(m: re.Match[str]) -> _Span | None:
    first = m.group("name").split()[0].lower()
    return m.span() if first not in _NOT_BABY_NAMES and _names_ok(m.group("name")) else None


_Gate = Callable[[TextFacts], bool] | None
# d.o.b, D O B, dob: every spelling of "d\.?[ ]?o\.?[ ]?b" (in _DOB_RE), in lower case
_DOB_WORDS = tuple(
    f"d{a}{b}o{c}{d}b" for a in ("", ".") for b in ("", " ") for c in ("", ".") for d in ("", " ")
)
_SCHOOL_WORDS: tuple[str, ...] = (
    "Primary",
    "Academy",
    "School",
    "College",
    "Infant",
    "Infants",
    "Junior",
    "Juniors",
    "PRU",
)
_SCHOOL_WORDS += ("Nursery", "Grammar", "Secondary", "High")
# "son" after a space, a tab, a hyphen or "half"/"step", as _CHILD_RELATIVE_RE allows
_RELATIVES = ("brother", "sister", "sibling", "daughter", "cousin", " son", "\tson", "-son", "fson", "pson")
_GROUPS = ("siblings", "children", "brothers", "sisters", "twins", "triplets", "sons", "daughters", "kids")
_CRIME_WORDS = ("occ", "occurrence", "crime", "incident", "inc", "log", "ref", "reference", "urn")
_HOME_WORDS = ("lives", "living", "lived", "resides", "residing", "address")


# Facts a gate can ask for (see textfacts.TextFacts.facts): "c:" a string in the text, "i:" a string in
# the lower-cased text, "s:" a string in the text's shape (digits as 0, letters as a or A).
def _c(*needles: str) -> frozenset[str]:
    return frozenset("c:" + n for n in needles)


def _i(*needles: str) -> frozenset[str]:
    return frozenset("i:" + n for n in needles)


def _s(*needles: str) -> frozenset[str]:
    return frozenset("s:" + n for n in needles)


# a street word after a space or tab ("14 Acacia Avenue", "22 mill lane"), as _STREET_RE needs
_STREET_WORDS = tuple(
    sep + word for sep in " \t" for word in re.findall(r"[A-Za-z]+", _STREET_SUFFIX + "|" + _LOWER_SUFFIX)
)
_THREE_DIGITS = _s("000")
_LETTER_DIGIT = _s("a0", "A0")  # a letter right before a digit
_NUMERIC_DATE = _s("0/0", "0.0", "0-0")
_SCHOOL_YEARS = _c("Year", "Yr", "Reception", "Nursery")
_Clauses = tuple[frozenset[str], ...]


def _group_list(f: TextFacts) -> bool:
    return f.word_then_capital(*_GROUPS)


_STREET_NEEDLES = frozenset(_STREET_WORDS)


def _street_word(f: TextFacts) -> bool:
    """A street word that ends a word ("View", not "views"), as _STREET_RE's suffix needs."""
    return f.ends_word(_STREET_NEEDLES)


_CHECKS: tuple[tuple[str, re.Pattern[str], _Validator, _Clauses, _Gate], ...] = (
    # (kind, pattern, validator, clauses, gate): the pattern is tried only if the text has at least one
    # fact of each clause, and the gate (if any) holds: conditions every match needs that are far cheaper
    # to test than the pattern (see textfacts.py)
    (DATE_OF_BIRTH, _DOB_RE, _whole, (_i("birth", "born", *_DOB_WORDS),), None),
    (DATE_OF_BIRTH, _DOB_YEAR_RE, _whole, (_i("birth", *_DOB_WORDS),), None),
    (DATE_OF_BIRTH, _BORN_YEAR_RE, _check_born_year, (_i("born"),), None),
    (PHONE, _PHONE_RE, _whole, (_THREE_DIGITS,), None),
    (EMAIL, _EMAIL_RE, _whole, (_c("@"),), None),
    (POSTCODE, _POSTCODE_RE, _check_postcode, (_LETTER_DIGIT,), None),
    (STREET_ADDRESS, _STREET_RE, _check_street, (_c(*_STREET_WORDS),), _street_word),
    (STREET_ADDRESS, _KEYWORD_STREET_RE, _check_keyword_street, (_i(*_HOME_WORDS),), None),
    (VEHICLE, _VEHICLE_RE, _whole, (_LETTER_DIGIT,), None),
    (NI_NUMBER, _NI_RE, _whole, (_LETTER_DIGIT | _s("A 0"),), None),
    (CRIME_REF, _CRIME_RES[0], _whole, (_THREE_DIGITS,), None),
    (CRIME_REF, _CRIME_RES[1], _whole, (_c("-"), _THREE_DIGITS), None),
    (CRIME_REF, _CRIME_RES[2], _whole, (_c("/"), _THREE_DIGITS), None),
    (
        CRIME_REF,
        _CRIME_RES[3],
        _check_crime_keyword,
        (_i(*_CRIME_WORDS), _THREE_DIGITS | _NUMERIC_DATE),
        None,
    ),
    (CRIME_REF, _CAD_RE, _whole, (_THREE_DIGITS, _i("cad", "serial")), None),
    (NAMED_CHILD, _CHILD_RE, _check_child, (), TextFacts.age_hint),
    (NAMED_CHILD, _CHILD_AFTER_RE, _check_child_after, (_i("old"), _i("year")), None),
    (NAMED_CHILD, _CHILD_AGE_COMMA_RE, _check_child_after, (_i("old"), _i("year")), None),
    (NHS_NUMBER, _NHS_RE, _check_nhs, (_THREE_DIGITS,), None),
    (NHS_NUMBER, _NHS_KEYWORD_RE, _check_nhs_keyword, (_THREE_DIGITS, _i("nhs", "chi")), None),
    (NAMED_CHILD_CONTEXT, _CHILD_SCHOOL_RES[0], _check_named, (_SCHOOL_YEARS,), None),
    (NAMED_CHILD_CONTEXT, _CHILD_SCHOOL_RES[1], _check_name_words, (_SCHOOL_YEARS,), None),
    (NAMED_CHILD_CONTEXT, _CHILD_SCHOOL_RES[2], _check_named, (_c(*_SCHOOL_WORDS),), None),
    (NAMED_CHILD_CONTEXT, _CHILD_SCHOOL_RES[3], _check_named_mid_sentence, (_c(*_SCHOOL_WORDS),), None),
    (NAMED_CHILD_CONTEXT, _CHILD_RELATIVE_RE, _check_name_words, (_i(*_RELATIVES),), None),
    (
        NAMED_CHILD_CONTEXT,
        _CHILD_LIST_RE,
        _check_child_list,
        (_i(*(word + after for word in _GROUPS for after in " \t,:")), _i("and") | _c("&")),
        _group_list,
    ),
    (NAMED_CHILD_CONTEXT, _CHILD_BABY_RE, _check_baby, (_c("Baby"),), None),
    *_PEOPLE_CHECKS,
)

# every needle the clauses name (and age_hint uses), each kind found in one pass (textfacts.FactNeedles)
_NEEDLES = FactNeedles(
    frozenset().union(*(c for check in _CHECKS for c in check[3])) | AGE_HINT_FACTS | GATE_FACTS
)


def _count_lists(text: str) -> list[_Span]:
    """Spans of lists like "Rotherham (42), Doncaster (37), Barnsley (15)" that hold a count
    no child's age could be: such "Name (n)" items are figures, not children."""
    items = list(_COUNT_ITEM_RE.finditer(text))
    spans: list[_Span] = []
    i = 0
    while i < len(items):
        j = i
        while (
            j + 1 < len(items)
            and _LIST_GAP_RE.fullmatch(text, items[j].end(), items[j + 1].start()) is not None
        ):
            j += 1
        if j > i:
            numbers = [items[k].group("n") for k in range(i, j + 1)]
            if any(not n.isdigit() or int(n) > 17 for n in numbers):
                spans.append((items[i].start(), items[j].end()))
        i = j + 1
    return spans


def _drop_counts(text: str, found: list[_Found]) -> list[_Found]:
    """``found`` without the named-child matches that lie inside lists of counts."""
    lists = _count_lists(text)
    if not lists:
        return found
    starts = [s for s, _ in lists]
    kept = []
    for f in found:
        if f[2] == NAMED_CHILD:
            i = bisect_right(starts, f[0]) - 1
            if i >= 0 and f[1] <= lists[i][1]:
                continue
        kept.append(f)
    return kept


def _normalise(s: str) -> str:
    return " ".join(s.split()).casefold()


def scan(text: str, allow: Iterable[str] = ()) -> list[Match]:
    """Likely personal data in text, in order of position. A match whose whole text equals an
    allow-list entry (case-insensitive, whitespace-normalised) is dropped: ``0114`` allows no number
    that merely contains it, ``0114 220 2020`` allows just that number."""
    found = _found_short(text) if len(text) <= MEMO_LIMIT else _found(text)
    if not found:
        return []
    allowed = {a for a in map(_normalise, allow) if a}
    result: list[Match] = []
    line, counted_to = 1, 0
    for start, end, kind in found:
        matched = text[start:end]
        if allowed and _normalise(matched) in allowed:
            continue
        line += text.count("\n", counted_to, start)
        counted_to = start
        column = start - text.rfind("\n", 0, start)
        result.append(Match(kind, matched, start, end, line, column))
    return result


#: texts up to this many characters have their findings remembered (actions, notes and evidence carried
#: forward recur from file to file and quarter to quarter); the scan is a function of the text alone
MEMO_LIMIT = 2_000


@functools.lru_cache(maxsize=4096)
def _found_short(text: str) -> tuple[_Found, ...]:
    return _found(text)


_Runnable = tuple[tuple[str, re.Pattern[str], _Validator, _Gate], ...]
_RUNNABLE: dict[tuple[frozenset[str], ...], _Runnable] = {}


def _runnable(facts: TextFacts) -> _Runnable:
    """The checks, in order, whose clauses each hold a fact of the text; remembered per set of facts
    (few sets recur: most texts have the same handful of facts), as the needles found (``found``)."""
    runnable = _RUNNABLE.get(facts.found)
    if runnable is None:
        known = facts.facts
        runnable = tuple(
            (kind, pattern, check, gate)
            for kind, pattern, check, clauses, gate in _CHECKS
            if all(not known.isdisjoint(clause) for clause in clauses)
        )
        if len(_RUNNABLE) < 4096:
            _RUNNABLE[facts.found] = runnable
    return runnable


def _found(text: str) -> tuple[_Found, ...]:
    """The matches in ``text`` that do not overlap: leftmost, then longest, wins."""
    found: list[_Found] = []
    facts = TextFacts(text, _NEEDLES)
    for kind, pattern, check, gate in _runnable(facts):
        if gate is not None and not gate(facts):
            continue
        for m in pattern.finditer(text):
            span = check(m)
            if span is not None:
                found.append((span[0], span[1], kind if len(span) == 2 else span[2]))
    if not found:
        return ()

    if "(" in text and any(kind == NAMED_CHILD for _, _, kind in found):
        found = _drop_counts(text, found)

    # Leftmost, then longest, wins where matches overlap.
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[_Found] = []
    last_end = -1
    for start, end, kind in found:
        if start >= last_end:
            kept.append((start, end, kind))
            last_end = end
    return tuple(kept)
