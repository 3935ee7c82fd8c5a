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
from collections.abc import Callable, Iterable
from typing import Any


def _automaton_maker() -> Callable[[list[str]], Any] | None:
    """One pass for every needle (Aho-Corasick, in Rust: the ``fast`` extra); None without it, and
    then one ``in`` test per needle."""
    try:
        from ahocorasick_rs import AhoCorasick
    except Exception:  # pragma: no cover - depends on the platform's wheels
        return None
    return AhoCorasick


AhoCorasick = _automaton_maker()

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
        self._automaton = (
            AhoCorasick(sorted(self.needles)) if AhoCorasick is not None and self.needles else None
        )

    def found(self, text: str) -> frozenset[str]:
        """The needles that occur in ``text``."""
        if self._automaton is not None:
            return frozenset(self._automaton.find_matches_as_strings(text, overlapping=True))
        return frozenset(n for n in self.needles if n in text)

    def finder(self) -> Callable[[str], frozenset[str]]:
        """:meth:`found` as one callable, for a caller that asks about many texts."""
        if self._automaton is None:
            return self.found
        find = self._automaton.find_matches_as_strings
        return lambda text: frozenset(find(text, overlapping=True))


class FactNeedles:
    """The needles behind a set of facts named "c:…" (in the text), "i:…" (in the lower-cased text) and
    "s:…" (in the text's shape), found with one pass of each kind."""

    def __init__(self, facts: Iterable[str]) -> None:
        facts = frozenset(facts)
        unknown = {f for f in facts if f[:2] not in ("c:", "i:", "s:")}
        if unknown:
            raise ValueError(f"unknown facts: {sorted(unknown)}")
        self.cased = Needles(f[2:] for f in facts if f.startswith("c:"))
        self.folded = Needles(f[2:] for f in facts if f.startswith("i:"))
        self.shape = Needles(f[2:] for f in facts if f.startswith("s:"))
        self.find_cased = self.cased.finder()
        self.find_folded = self.folded.finder()
        self.find_shape = self.shape.finder()


_SPACE_PUNCTUATION = frozenset({"s: ,", "s: ;", "s: )", "s:\t,", "s:\t;", "s:\t)"})
#: the facts :meth:`TextFacts.age_hint` asks about
# "(" then an age ("(12", "( 12", "(aged 12") in the shape; "age" then a space, tab or colon, or "aged"
_BRACKET_SHAPES = frozenset({"(0", "( ", "(\t", "(a", "(A"})
_AGED_WORDS = frozenset({"age ", "age\t", "age:", "aged"})
# ("0 " is not among them: nearly every text has it, so it is looked for only where it matters)
AGE_HINT_FACTS = frozenset({"i:old", "i:yr", "i:year", "s:0,", "s:0;", "s:0)"})
AGE_HINT_FACTS |= _SPACE_PUNCTUATION
AGE_HINT_FACTS |= {"s:" + s for s in _BRACKET_SHAPES} | {"i:" + s for s in _AGED_WORDS}
_SPACE_PUNCTUATION_SHAPES = frozenset(f[2:] for f in _SPACE_PUNCTUATION)


class TextFacts:
    """Facts about ``text``, computed once, on first use. Each fact is a necessary condition: when it is
    absent the text certainly lacks what it names; when present, the text may still lack it."""

    __slots__ = ("text", "_lower", "_special", "_shape", "_needles", "_facts", "_found", "memo")

    def __init__(self, text: str, needles: FactNeedles) -> None:
        self.text = text
        self._lower: str | None = None
        self._special: bool | None = None
        self._shape: str | None = None
        self._needles = needles
        self._facts: frozenset[str] | None = None
        self._found: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None
        #: other facts, computed by their users once per text (people.has_first_name)
        self.memo: dict[str, object] = {}

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def special(self) -> bool:
        """Whether the text holds a character that case-insensitive patterns equate with an ASCII
        letter although ``str.lower`` does not ("ſon" is "son" to them)."""
        if self._special is None:
            self._special = not self.text.isascii() and not _CASE_SPECIALS.isdisjoint(self.text)
        return self._special

    @property
    def shape(self) -> str:
        """The text with ASCII digits as 0 and ASCII letters as A or a; "" when it holds a digit that is
        not ASCII (``\\d`` matches those too)."""
        if self._shape is None:
            text = self.text
            exotic = not text.isascii() and any(c.isdecimal() for c in set(text) if c > "\x7f")
            self._shape = "" if exotic else text.translate(_SHAPE)
        return self._shape

    def _set_shape(self, shape: str) -> str:
        self._shape = shape
        return shape

    @property
    def found(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The needles found, without their prefixes: those in the text, in the lower-cased text and in
        the shape (:attr:`facts` in another form, cheaper to make and to compare)."""
        if self._found is None:
            n, text = self._needles, self.text
            lower = self._lower = text.lower()
            if not text.isascii():
                folded = n.folded.needles if self.special else n.find_folded(lower)
                shape = self.shape
                shaped = n.find_shape(shape) if shape else n.shape.needles
            else:  # (no special characters, no digits that are not ASCII)
                self._special = False
                folded = n.find_folded(lower)
                shaped = n.find_shape(self._set_shape(text.translate(_SHAPE)))
            self._found = (n.find_cased(text), folded, shaped)
        return self._found

    @property
    def facts(self) -> frozenset[str]:
        """The facts of the text among those its needles name. Where a kind of fact cannot be trusted
        (special case-folding characters; digits that are not ASCII), every fact of that kind is in."""
        if self._facts is None:
            cased, folded, shaped = self.found
            facts = {"c:" + s for s in cased}
            facts.update("i:" + s for s in folded)
            facts.update("s:" + s for s in shaped)
            self._facts = frozenset(facts)
        return self._facts

    def age_hint(self) -> bool:
        """Something each age in privacy's _CHILD_RE needs: "aged 12", "(12", "12 years old" or
        "12," (a number of one or two digits, then spaces and a comma, semicolon or bracket)."""
        _, folded, shaped = self.found
        return (
            (not shaped.isdisjoint(_BRACKET_SHAPES) and _BRACKET_NUMBER(self.text) is not None)
            or (not folded.isdisjoint(_AGED_WORDS) and _AGED_NUMBER(self.text) is not None)
            or ("old" in folded and ("yr" in folded or "year" in folded))
            or "0," in shaped
            or "0;" in shaped
            or "0)" in shaped
            or (not shaped.isdisjoint(_SPACE_PUNCTUATION_SHAPES) and self._digit_then_gap())
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

    def _digit_then_gap(self) -> bool:
        """Whether a digit is followed by a space or tab (always, when the shape cannot say)."""
        shape = self.shape
        return not shape or "0 " in shape or "0\t" in shape

    def ends_word(self, needles: frozenset[str]) -> bool:
        """Whether one of ``needles`` (as written; those found, :attr:`found`) is in the text followed by
        neither a word character nor a hyphen, or at its end."""
        text = self.text
        for needle in needles & self.found[0]:
            at = text.find(needle)
            while at >= 0:
                end = at + len(needle)
                if end == len(text) or not (text[end].isalnum() or text[end] in "_-"):
                    return True  # (``isalnum`` is what ``re`` takes for ``\w``, with "_")
                at = text.find(needle, at + 1)
        return False

    def whole_word(self, *words: str) -> bool:
        """Whether one of ``words`` (lower-case ASCII, any case in the text) is in the text with neither a
        word character nor a hyphen either side."""
        lower, text = self.lower, self.text
        if self.special or len(lower) != len(text):
            return True  # positions in the lower-case text may not be those of the text: be safe
        for word in words:
            at = lower.find(word)
            while at >= 0:
                end = at + len(word)
                if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-")) and (
                    end == len(text) or not (text[end].isalnum() or text[end] in "_-")
                ):
                    return True
                at = lower.find(word, at + 1)
        return False
