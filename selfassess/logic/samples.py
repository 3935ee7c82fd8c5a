"""Dip samples, computed once for every output: the share of cases meeting the standard, its Wilson 95%
interval, the grade the sample supports, where the rating or the evidence text contradicts it, how many
cases would settle a straddled threshold, and the force-wide pooled figure.

Grades come from the framework (its scale and each criterion's ``sample.thresholds``); nothing here
names one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from statistics import NormalDist

from selfassess.core.model import MAX_SAMPLE_SIZE, Criterion, Framework, Response, Sample

#: the normal quantile of a two-sided 95% interval (1.959963984540054)
Z95 = NormalDist().inv_cdf(0.975)
#: what a sample below the framework's minimum supports: no grade at all
TOO_SMALL = "too small"

# contradiction kinds, as Finding.kind and in JSON
NOT_SUPPORTED = "sample-not-supported"
BELOW_MINIMUM = "sample-too-small"
ABSOLUTE_CLAIM = "sample-absolute-claim"
OTHER_FIGURE = "sample-other-figure"


def wilson(met: int, size: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of ``met`` out of ``size``; exactly 0 and 1 at the ends (computed
    naively, 0 of 10 gives a lower bound of 2.8e-17)."""
    if size < 1 or not 0 <= met <= size:
        raise ValueError(f"no interval for {met} of {size}")
    p = met / size
    z2 = z * z
    centre = p + z2 / (2 * size)
    spread = z * math.sqrt(p * (1 - p) / size + z2 / (4 * size * size))
    denominator = 1 + z2 / size
    low = 0.0 if met == 0 else max(0.0, (centre - spread) / denominator)
    high = 1.0 if met == size else min(1.0, (centre + spread) / denominator)
    return low, high


def reaches(met: int, size: int, threshold: float) -> bool:
    """Whether met/size is at least ``threshold``, compared exactly (0.9 means nine tenths, not the
    binary float just above it): ``Fraction(met, size) >= Fraction(str(threshold))``, in integers."""
    exact = _exact(threshold)
    return met * exact.denominator >= exact.numerator * size


@lru_cache(maxsize=256)
def _exact(threshold: float) -> Fraction:
    """The threshold as written (0.9 is nine tenths): a framework has few, so each is made once."""
    return Fraction(str(threshold))


def supported_grade(framework: Framework, criterion: Criterion, sample: Sample) -> str:
    """The best grade whose threshold the sample's share reaches; the worst grade below every
    threshold; :data:`TOO_SMALL` below the criterion's minimum."""
    rule = criterion.sample
    if rule is None:
        raise ValueError(f"{criterion.id} defines no sample")
    if sample.size < rule.minimum:
        return TOO_SMALL
    best = framework.worst.id
    for grade in framework.scale:  # worst → best: the last reached is the best
        threshold = rule.thresholds.get(grade.id)
        if threshold is not None and reaches(sample.met, sample.size, threshold):
            best = grade.id
    return best


def cases_to_decide(met: int, size: int, threshold: float, z: float = Z95) -> int | None:
    """The smallest number of cases whose interval, at the observed share, no longer contains
    ``threshold``; None when the share equals it (no sample could tell) or the interval already
    excludes it."""
    share = met / size
    exact = _exact(threshold)
    if met * exact.denominator == exact.numerator * size:
        return None
    if not _straddles(share, size, threshold, z):
        return None
    low, high = size, size
    while _straddles(share, high, threshold, z):  # double until it decides, then bisect
        low, high = high, high * 2
        if high > MAX_SAMPLE_SIZE * 100:
            return None
    while low + 1 < high:
        middle = (low + high) // 2
        if _straddles(share, middle, threshold, z):
            low = middle
        else:
            high = middle
    return high


def _straddles(share: float, size: int, threshold: float, z: float) -> bool:
    low, high = _interval_at(share, size, z)
    return low <= threshold <= high


def _interval_at(share: float, size: int, z: float) -> tuple[float, float]:
    """The Wilson interval of a share observed in ``size`` cases (a share need not be a whole count)."""
    z2 = z * z
    centre = share + z2 / (2 * size)
    spread = z * math.sqrt(share * (1 - share) / size + z2 / (4 * size * size))
    denominator = 1 + z2 / size
    low = 0.0 if share <= 0 else (centre - spread) / denominator
    high = 1.0 if share >= 1 else (centre + spread) / denominator
    return low, high


@dataclass(frozen=True)
class Straddle:
    """The interval holds a threshold: the sample cannot tell the grades either side of it apart."""

    lower: str
    higher: str
    threshold: float
    cases: int | None


@dataclass(frozen=True)
class SampleFigures:
    """Everything a screen or report shows about one recorded sample."""

    size: int
    met: int
    proportion: float
    low: float
    high: float
    supports: str
    straddles: tuple[Straddle, ...] = ()

    def words(self, framework: Framework) -> str:
        """``14 of 20, 70%, 95% CI 48–85%, supports Amber``."""
        return f"{self.short()}, supports {grade_words(framework, self.supports)}"

    def short(self) -> str:
        return (
            f"{self.met} of {self.size}, {percent(self.proportion, floor=True)}, "
            f"95% CI {percent(self.low, sign=False)}–{percent(self.high)}"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "size": self.size,
            "met": self.met,
            "proportion": round(self.proportion, 4),
            "ci": [round(self.low, 4), round(self.high, 4)],
            "supports": self.supports,
        }


def percent(share: float, sign: bool = True, floor: bool = False) -> str:
    """A share as a whole percentage. A sample's share is rounded down (``floor``), so 94.9% never
    reads as a 95% threshold reached; no share rounds to 0% or 100% unless it is exactly that."""
    value = share * 100
    rounded = math.floor(value + 1e-9) if floor else round(value)
    if rounded >= 100 and share < 1:
        rounded = 99
    elif rounded <= 0 and share > 0:
        rounded = 1
    return f"{rounded}%" if sign else str(rounded)


def sample_text(sample: Sample | None) -> str:
    """``14/20 (70%)``, the short form diff and history use; ``none`` without a sample."""
    if sample is None:
        return "none"
    return f"{sample.met}/{sample.size} ({percent(sample.met / sample.size, floor=True)})"


def sample_json(sample: Sample | None) -> dict[str, object] | None:
    """A recorded sample as in the file: size, met, from, to, source (absent ones left out)."""
    if sample is None:
        return None
    found: dict[str, object] = {"size": sample.size, "met": sample.met}
    if sample.start is not None:
        found["from"] = sample.start.isoformat()
    if sample.end is not None:
        found["to"] = sample.end.isoformat()
    if sample.source:
        found["source"] = sample.source
    return found


def grade_words(framework: Framework, grade_id: str) -> str:
    grade = framework.grade(grade_id)
    return grade.label if grade is not None else grade_id


def figures(
    framework: Framework, criterion: Criterion, sample: Sample, straddles: bool = True
) -> SampleFigures:
    """The sample's share, interval, supported grade and (unless ``straddles`` is false: a search, only
    the screens show it) any threshold its interval straddles, with the cases that would settle it."""
    low, high = wilson(sample.met, sample.size)
    supports = supported_grade(framework, criterion, sample)
    return SampleFigures(
        size=sample.size,
        met=sample.met,
        proportion=sample.met / sample.size,
        low=low,
        high=high,
        supports=supports,
        straddles=tuple(_straddled(framework, criterion, sample, low, high)) if straddles else (),
    )


def pooled(framework: Framework, criterion: Criterion, samples: Iterable[Sample]) -> SampleFigures | None:
    """The force-wide figure: the sum of met over the sum of cases, as one sample (None without any)."""
    chosen = list(samples)
    if not chosen:
        return None
    total = Sample(size=sum(s.size for s in chosen), met=sum(s.met for s in chosen))
    return figures(framework, criterion, total, straddles=False)


def _straddled(
    framework: Framework, criterion: Criterion, sample: Sample, low: float, high: float
) -> Iterator[Straddle]:
    rule = criterion.sample
    if rule is None:
        return
    previous = framework.worst.id
    for grade in framework.scale[1:]:
        threshold = rule.thresholds.get(grade.id)
        if threshold is None:
            continue
        if low <= threshold <= high:
            cases = cases_to_decide(sample.met, sample.size, threshold)
            yield Straddle(previous, grade.id, threshold, cases)
        previous = grade.id


# -- contradictions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contradiction:
    """Something the rating or the evidence says that the sample does not bear out."""

    kind: str
    message: str
    field: str = "sample"


# Claims, matched in lower-cased text, literal first so the scan is fast; the word boundary before a
# claim and the words that soften it ("nearly every") are checked after a match (see absolute_claim).
# "no" counts only when it claims the absence of failures: "no overdue", "no missed", "no gaps" ...
_NO_FAILURE = re.compile(
    r"(?:no|none\s+(?:of\s+the\s+\w+\s+)?(?:were|was|had|showed))\s+"
    r"(?:\w+\s+){0,2}?(?:overdue|missed|missing|late|gaps?|failures?|delays?|breach(?:es)?|exceptions?|"
    r"unauthori[sz]ed|outstanding|lapses?|errors?|omissions?|unrecorded|without)\b"
)
_ALL_CLAIM = re.compile(r"(?:all(?!\s+but\b)(?!\s+\d)|every|always|without\s+exception)\b")
_SOFTENED = ("nearly ", "almost ", "not ")
#: what ends a sentence (and a line of evidence) for the claims: a claim is read within its sentence
_ENDS = (". ", ".\n", "; ", ": ", "! ", "? ", "\n")
# (digits first, so the scan skips to digits fast; the word boundary before them is checked after a match)
_OF = re.compile(r"(\d{1,7})\s*(?:of|out\s+of|/)\s*(?:the\s+)?(\d{1,7})\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%")


def figures_in_text(text: str) -> list[tuple[int, int]]:
    """Every "k of n" / "k out of n" / "k/n" count in ``text`` with 0 ≤ k ≤ n, not part of a longer
    word or number, and not a date (``1/10/2026``)."""
    found = []
    for match in _OF.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        met, size = int(match.group(1)), int(match.group(2))
        if 0 <= met <= size and size >= 1 and not _is_date(text, match):
            found.append((met, size))
    return found


def _is_date(text: str, match: re.Match[str]) -> bool:
    """``1/10/2026`` or ``12/03`` followed by ``/``: a date, not a count."""
    after = text[match.end() : match.end() + 1]
    before = text[max(0, match.start() - 1) : match.start()]
    return after == "/" or before == "/"


def percents_in_text(text: str) -> list[float]:
    return [float(m.group(1)) for m in _PERCENT.finditer(text)] if "%" in text else []


def understood_sample(text: str) -> tuple[int, int] | None:
    """The one "k of n" count in an evidence text, to offer as its sample; None when there is none,
    or several different ones (the person says which)."""
    counts = set(figures_in_text(text))
    return counts.pop() if len(counts) == 1 else None


def contradictions(
    framework: Framework, criterion: Criterion, response: Response, figures_: SampleFigures | None = None
) -> list[Contradiction]:
    """What the rating and the evidence claim that the recorded sample does not support."""
    sample = response.sample
    if sample is None or criterion.sample is None:
        return []
    # the grade alone decides; the interval is computed only for the message that shows it
    supports = figures_.supports if figures_ else supported_grade(framework, criterion, sample)
    found: list[Contradiction] = []
    cid = criterion.id
    if supports == TOO_SMALL:
        found.append(
            Contradiction(
                BELOW_MINIMUM,
                f"{cid}: sample of {sample.size} is below the minimum of {criterion.sample.minimum} "
                "cases; it evidences no grade",
            )
        )
    elif _better(framework, response.rating, supports):
        shown = figures_ or figures(framework, criterion, sample, straddles=False)
        found.append(
            Contradiction(
                NOT_SUPPORTED,
                f"{cid} is rated {grade_words(framework, response.rating or '')} but its sample "
                f"({shown.short()}) supports {grade_words(framework, shown.supports)}",
                "rating",
            )
        )
    text = response.evidence
    if text and sample.met < sample.size:
        claim = absolute_claim(text)
        if claim:
            found.append(
                Contradiction(
                    ABSOLUTE_CLAIM,
                    f"{cid}: the evidence says {claim!r}, but {sample.size - sample.met} "
                    f"of the {sample.size} sampled cases did not meet the standard",
                    "evidence",
                )
            )
    found += _other_figures(cid, sample, text)
    return found


def absolute_claim(text: str) -> str | None:
    """The words in ``text`` claiming every case met the standard, or none failed it ("every",
    "always", "no overdue visits"); None when it claims neither ("all but two", "nearly every"), or only
    in a sentence that itself counts "k of n" ("18 of 20 records named every child")."""
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer: positions would not match
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    # "no" begins many words, and its pattern is found fast by its literal start; the others are not
    for claim in itertools.chain(_finditer(_ALL_CLAIM, _ALL_STARTS, lower), _NO_FAILURE.finditer(lower)):
        start = claim.start()
        if start and (lower[start - 1].isalnum() or lower[start - 1] == "_"):
            continue  # inside a word ("overall", "piano")
        if lower[max(0, start - 7) : start].endswith(_SOFTENED):
            continue
        if not _OF.search(_sentence_around(text, start)):
            return text[start : claim.end()].strip()
    return None


#: what every match of each claim begins with: the scan looks for these, and tries the pattern only there
_ALL_STARTS = ("all", "every", "always", "without")


def _finditer(pattern: re.Pattern[str], starts: tuple[str, ...], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, found faster: every match of ``pattern`` begins with one of
    ``starts``, so the pattern is tried only where one of them is (the leftmost such place where it
    matches is the leftmost match), then from the end of each match, as ``finditer`` goes on."""
    # the next place of each start still found, from where the search has got to
    ahead = [(found, start) for start in starts if (found := text.find(start)) >= 0]
    while ahead:
        at = min(ahead)[0]
        match = pattern.match(text, at)
        if match is not None:
            yield match
        at = at + 1 if match is None else match.end()
        ahead = [
            (found, start)
            for where, start in ahead
            if (found := where if where >= at else text.find(start, at)) >= 0
        ]


def _sentence_around(text: str, index: int) -> str:
    """The sentence ``text[index]`` is in: from just after the last end mark (:data:`_ENDS`) wholly before
    ``index`` to the first that starts at or after it; the whole text when there are none."""
    # the last mark before: the first one found in the text before ``index`` read backwards, near
    # ``index`` first (a mark found there starts after any outside it); ".\n" never starts last, as
    # its "\n" starts after it
    near = max(0, index - _NEAR)
    back = _END_BEFORE.search(text[near:index][::-1])
    if back is None and near > 0:
        near = 0
        back = _END_BEFORE.search(text[:index][::-1])
    start = 0 if back is None else index - back.start() - len(back.group()) + 1  # after its first character
    end = _END_AFTER.search(text, index)
    return text[start : len(text) if end is None else end.start()]


# A sentence's end marks (:data:`_ENDS`): the first that starts at or after a place, and the one that
# starts last before it, found in the text read backwards
_END_AFTER = re.compile(r"\.[ \n]|[;:!?] |\n")
_END_BEFORE = re.compile(r"\n| [.;:!?]")
#: how far before a claim the end of the sentence before it is looked for first
_NEAR = 300


def _better(framework: Framework, rating: str | None, supported: str) -> bool:
    """Whether ``rating`` is a grade better than the one the sample supports."""
    if rating is None or framework.grade(rating) is None or framework.grade(supported) is None:
        return False
    return framework.rank(rating) > framework.rank(supported)


def _other_figures(cid: str, sample: Sample, text: str) -> list[Contradiction]:
    """A "k of n" count of as many cases as the sample but another k, or a share stated as a
    percentage a point or more away from the sample's (a target, "95% target", is not a share)."""
    if not text:
        return []
    for met in _counts_of(text, sample.size):
        # "3 of 20 had no plan" counts the failures of the same sample: it agrees
        if met not in (sample.met, sample.size - sample.met):
            return [_differs(cid, f"{met} of {sample.size}", sample)]
    share = 100 * sample.met / sample.size
    for value in percents_in_text(text):
        if abs(value - share) >= 1 and _percent_is_the_share(text, value):
            return [_differs(cid, f"{value:g}%", sample)]
    return []


#: what may come before the sample's size in a count of it: "14 of ", "14 out of the ", "14/"
_BEFORE_SIZE = re.compile(r"(?<![\w])(\d{1,7})\s*(?:of|out\s+of|/)\s*(?:the\s+)?\Z", re.IGNORECASE)


def _counts_of(text: str, size: int) -> list[int]:
    """Each k of every "k of <size>" count in ``text`` (as :func:`figures_in_text` reads them): found from
    the size, which a text holds few times, instead of reading every number in it."""
    found, written, at = [], str(size), text.find(str(size))
    while at >= 0:
        end = at + len(written)
        if (at == 0 or not text[at - 1].isdigit()) and not (
            end < len(text) and (text[end].isalnum() or text[end] == "_")
        ):
            before = _BEFORE_SIZE.search(text, max(0, at - 40), at)
            if (
                before is not None
                and text[end : end + 1] != "/"
                and text[before.start() - 1 : before.start()] != "/"
            ):
                met = int(before.group(1))
                if met <= size:
                    found.append(met)
        at = text.find(written, end)
    return found


def _percent_is_the_share(text: str, value: float) -> bool:
    """A percentage stated with a target word ("95% target") is a standard, not a share."""
    pattern = re.compile(rf"(?<![\d.]){re.escape(f'{value:g}')}\s?%\s*(?:target|standard|threshold|aim)")
    before = re.compile(rf"(?:target|standard|threshold|aim)\w*\s+(?:of\s+)?{re.escape(f'{value:g}')}\s?%")
    return not pattern.search(text) and not before.search(text)


def _differs(cid: str, said: str, sample: Sample) -> Contradiction:
    return Contradiction(
        OTHER_FIGURE,
        f"{cid}: the evidence says {said}, but the recorded sample is {sample.met} of {sample.size}",
        "evidence",
    )
