"""Cheap facts about a text, each found in one pass of C code and only when first asked for.

The personal-data scan (``privacy.py``) runs about 25 patterns. Each costs a pass over the text that stops
at every digit, capital or keyword letter, which made the scan the largest cost of ``validate``. Every
pattern has a *necessary condition* that is much cheaper to test (a date of birth needs the word "born",
"birth" or "dob"; a phone number needs three digits in a row): a pattern whose condition is false cannot
match, so it is not run. The conditions are facts about the whole text, so skipping never changes a
result; ``tests/test_privacy.py`` checks that on random texts built from the patterns' own pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # one pass for every needle (Aho-Corasick, in Rust); without it, one ``in`` test per needle
    from ahocorasick_rs import AhoCorasick
except Exception:  # pragma: no cover - depends on the platform's wheels
    AhoCorasick = None

# "(12", "( aged 12": a bracket, then an age
_BRACKET_NUMBER = re.compile(r"\([ \t]*(?i:aged?[ \t]+)?\d").search
# "aged 12", "age: 12"
_AGED_NUMBER = re.compile(r"(?i:aged?)[ \t]*:?[ \t]+\d").search
# after a word such as "siblings": spaces, perhaps a comma or colon, then a capital letter
_THEN_CAPITAL = re.compile(r"[ \t]*[,:]?[ \t]+[A-Z]").match
# The text's shape: ASCII digits become 0, capitals A, small letters a; facts about digits and letters
# are then substring tests, which run at memory speed.
_SHAPE = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "0" * 10 + "A" * 26 + "a" * 26
)
# characters that Python's case-insensitive matching equates with ASCII letters although str.lower()
# does not turn them into those letters (Kelvin sign, long s, dotted and dotless i, ...)
_CASE_SPECIALS = frozenset("\u0130\u0131\u017f\u212a\u212b\u1e9e\u00df\u03c2\u1fbe")


class Needles:
    """A fixed set of strings, all found in a text in one pass (overlapping occurrences included)."""

    def __init__(self, needles: Iterable[str]) -> None:
        self.needles = frozenset(needles)
        self._automaton = AhoCorasick(sorted(self.needles)) if AhoCorasick and self.needles else None

    def found(self, text: str) -> frozenset[str]:
        """The needles that occur in ``text``."""
        if self._automaton is not None:
            return frozenset(self._automaton.find_matches_as_strings(text, overlapping=True))
        return frozenset(n for n in self.needles if n in text)


_NO_NEEDLES = Needles(())
#: every needle looked for in the shape
_SHAPE_NEEDLES = Needles(
    (
        "000",
        "a0",
        "A0",
        "A 0",
        "0/0",
        "0.0",
        "0-0",
        "0,",
        "0;",
        "0)",
        "0 ",
        "0\t",
        " ,",
        " ;",
        " )",
        "\t,",
        "\t;",
        "\t)",
    )
)


class TextFacts:
    """Facts about ``text``, each computed once, on first use. Each fact is a necessary condition: when
    it is False the text certainly lacks what it names; when True, it may still lack it."""

    __slots__ = (
        "text",
        "_lower",
        "_special",
        "_shape",
        "_cased",
        "_folded",
        "_found_cased",
        "_found_folded",
        "_found_shape",
    )

    def __init__(self, text: str, cased: Needles = _NO_NEEDLES, folded: Needles = _NO_NEEDLES) -> None:
        """``cased`` and ``folded``: the needles :meth:`has` and :meth:`has_any_i` will be asked about,
        found in one pass each (others are still answered, one ``in`` test each)."""
        self.text = text
        self._lower: str | None = None
        self._special: bool | None = None
        self._shape: str | None = None
        self._cased = cased
        self._folded = folded
        self._found_cased: frozenset[str] | None = None
        self._found_folded: frozenset[str] | None = None
        self._found_shape: frozenset[str] | None = None

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def special(self) -> bool:
        """Whether the text holds a character that case-insensitive patterns equate with an ASCII
        letter although ``str.lower`` does not ("ſon" is "son" to them): then :meth:`has_any_i` says yes."""
        if self._special is None:
            self._special = not self.text.isascii() and not _CASE_SPECIALS.isdisjoint(self.text)
        return self._special

    @property
    def shape(self) -> str:
        """The text with ASCII digits as 0 and ASCII letters as A or a; "" when it holds a digit that is
        not ASCII (``\\d`` matches those too), and then every fact about digits says yes."""
        if self._shape is None:
            text = self.text
            exotic = not text.isascii() and any(c.isdecimal() for c in set(text) if c > "\x7f")
            self._shape = "" if exotic else text.translate(_SHAPE)
        return self._shape

    def has(self, *needles: str) -> bool:
        """Whether the text contains one of ``needles`` (case matters)."""
        if not self._cased.needles.issuperset(needles):
            return any(n in self.text for n in needles)
        if self._found_cased is None:
            self._found_cased = self._cased.found(self.text)
        return not self._found_cased.isdisjoint(needles)

    def has_any_i(self, *needles: str) -> bool:
        """Whether the text could contain one of ``needles`` (lower-case ASCII) in any case."""
        if self.special:
            return True
        if not self._folded.needles.issuperset(needles):
            return any(n in self.lower for n in needles)
        if self._found_folded is None:
            self._found_folded = self._folded.found(self.lower)
        return not self._found_folded.isdisjoint(needles)

    def _shaped(self, *needles: str) -> bool:
        if self._found_shape is None:
            shape = self.shape
            self._found_shape = _SHAPE_NEEDLES.found(shape) if shape else _SHAPE_NEEDLES.needles
        return not self._found_shape.isdisjoint(needles)

    @property
    def three_digits(self) -> bool:
        """Three digits in a row."""
        return self._shaped("000")

    @property
    def letter_digit(self) -> bool:
        """An ASCII letter right before a digit."""
        return self._shaped("a0", "A0")

    @property
    def capital_space_digit(self) -> bool:
        """A capital, a space and a digit: "JT 48 21 93 B"."""
        return self._shaped("A 0")

    @property
    def numeric_date(self) -> bool:
        """A digit, a separator and a digit: 14/03, 1.4, 3-12."""
        return self._shaped("0/0", "0.0", "0-0")

    def age_hint(self) -> bool:
        """Something each age in privacy's _CHILD_RE needs: "aged 12", "(12", "12 years old" or
        "12," (a number of one or two digits, then spaces and a comma, semicolon or bracket)."""
        return (
            (self.has("(") and _BRACKET_NUMBER(self.text) is not None)
            or (self.has_any_i("age") and _AGED_NUMBER(self.text) is not None)
            or (self.has_any_i("old") and self.has_any_i("yr", "year"))
            or self._shaped("0,", "0;", "0)")
            or (self._shaped("0 ", "0\t") and self._shaped(" ,", " ;", " )", "\t,", "\t;", "\t)"))
        )

    def word_then_capital(self, *words: str) -> bool:
        """Whether one of ``words`` (lower-case ASCII, any case in the text) is followed by spaces,
        perhaps a comma or colon, and a capital letter."""
        lower, text = self.lower, self.text
        if self.special or len(lower) != len(text):
            return True  # positions in the lower-case text may not be those of the text: be safe
        for word in words:
            at = lower.find(word)
            while at >= 0:
                if _THEN_CAPITAL(text, at + len(word)):
                    return True
                at = lower.find(word, at + 1)
        return False
