"""The quick scans behind cold ``validate`` with a dip sample on every criterion (issue 29's benchmark
target) give exactly what the plain definitions give: the claims found in evidence, the sentence a
claim is read in, the lines of warnings, and the bound on nesting that lets the depth check and the
compiled reader skip their walk."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.formats import guards, quicktoml
from selfassess.formats.tomlsource import CanonicalLines, KeyLines
from selfassess.logic import samples

from conftest import REPO

# pieces that make claims, soften them, count, and end sentences, run together at random
_PIECES = ["all", "All", "every", "always", "without", " exception", "no", "none of the cases were",
           " overdue", " missed", "nearly ", "not ", "over", "call", " but", " 3", "14 of 20", "/",
           ". ", ".\n", "; ", ": ", "! ", "? ", "\n", " ", "x", "ſ", "İ", "_", "9"]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_ENDS = (". ", ".\n", "; ", ": ", "! ", "? ", "\n")


def _sentence_as_defined(text: str, index: int) -> str:
    start = max(text.rfind(mark, 0, index) for mark in _ENDS) + 1
    ends = [found for mark in _ENDS if (found := text.find(mark, index)) >= 0]
    return text[start : min(ends, default=len(text))]


@settings(max_examples=500)
@given(_TEXT)
def test_the_claim_scan_finds_what_finditer_finds(text: str) -> None:
    lower = text.lower()
    quick = [(m.start(), m.end()) for m in samples._finditer(samples._ALL_CLAIM, samples._ALL_STARTS, lower)]
    assert quick == [(m.start(), m.end()) for m in samples._ALL_CLAIM.finditer(lower)]


@settings(max_examples=500)
@given(_TEXT, st.data())
def test_a_claims_sentence_is_the_one_its_end_marks_define(text: str, data: st.DataObject) -> None:
    text = text + "x" * data.draw(st.sampled_from([0, 350]))  # beyond the first look
    index = data.draw(st.integers(0, len(text)))
    assert samples._sentence_around(text, index) == _sentence_as_defined(text, index)
    assert samples._sentence_around("y" * 400 + text, index + 400) == _sentence_as_defined(
        "y" * 400 + text, index + 400
    )


_CIDS = ("IR1", "OM1", "CC7", "PW1", "RA2", "CH5", "RP6", "T1C1", "T1C2", "XX9")
_WHERE = [(), ("rating",), ("evidence",), ("as_of",), ("notes",), ("sample",), ("sample", "size"),
          ("sample", "met"), ("sample", "to"), ("actions",), ("actions", 0, "due"), ("actions", 0, "id"),
          ("actions", 1, "id"), ("actions", 1, "done"), ("actions", 2, "due"), ("actions", -1, "id"),
          ("sample", "no such"), ("other", 0, "id")]  # fmt: skip


def _demo_texts() -> list[str]:
    import tomllib

    import tomli_w

    texts = [p.read_text() for p in sorted((REPO / "assessments").rglob("2026-Q*.toml"))]
    return texts + [tomli_w.dumps(tomllib.loads(text), multiline_strings=True) for text in texts[:8]]


def test_one_text_asked_many_times_in_any_order_answers_as_the_full_reader() -> None:
    """Each answer of :class:`CanonicalLines` is KeyLines' line or nothing, however many questions
    come and in whatever order (it counts lines from the nearest place already counted), also in
    files edited so that headers and keys sit inside multi-line strings or go missing (files that are
    still TOML: lines are looked for only in files that were read)."""
    import tomllib

    rng = random.Random(29)
    bits = ['"""', "\n[criteria.IR1]\n", "\n[[criteria.IR1.actions]]\n", "\n[criteria.OM1.sample]\n",
            "\nrating = ", "\nsize = ", "\nid = ", "\ndue = ", "\n", "x = 1\n"]  # fmt: skip
    answered = edited = 0
    for text in _demo_texts():
        for variant in [text] + [_edited(text, rng, bits) for _ in range(12)]:
            try:
                tomllib.loads(variant)
            except tomllib.TOMLDecodeError:
                continue
            lines, quick = None, CanonicalLines(variant)
            questions = [("criteria", cid, *where) for cid in _CIDS for where in _WHERE]
            rng.shuffle(questions)
            edited += variant != text
            for question in questions * 2:  # again, once every line is counted
                found = quick.line(*question)
                if found is not None:
                    lines = lines or KeyLines(variant)
                    assert found == lines.line(*question), question
                    answered += 1
    assert answered > 2000 and edited > 20


def _edited(text: str, rng: random.Random, bits: list[str]) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(bits) + text[at:]
    return text


_TOML_BITS = ["[t]", "[[t.a]]", "[ x ]", '["q"]', "[a]]", "[[a]", "[b] # [[{", "[", "]", "{", "}",
              '"""', "'''", '"', "'", "#", "\n", " ", "x = ", "\r\n"]  # fmt: skip


@settings(max_examples=800)
@given(st.lists(st.sampled_from(_TOML_BITS), max_size=80), st.integers(0, 200))
def test_the_nesting_bound_is_never_below_the_depth_the_check_walks(bits: list[str], headers: int) -> None:
    """Headers on lines of their own are set aside cheaply; whatever the text, the bound is at least
    the depth of the brackets outside strings and comments (so the check skips only what it would
    pass), and at least the compiled reader's own bound (so it reads only what it read before)."""
    text = "".join(bits) + "\n[criteria.x]\n[[criteria.x.actions]]" * headers + "".join(reversed(bits))
    walked = guards._max_depth(guards._NOT_BRACKET.sub("", guards._TEXT.sub(guards._blank, text)))
    bound = guards.nesting_bound(text)
    assert bound >= walked
    assert bound >= quicktoml.nesting_bound(text)


def test_a_file_with_a_sample_on_every_criterion_skips_the_bracket_walk() -> None:
    """Sixty headers and more: only the headers' brackets, which close on their own lines."""
    one = "[criteria.C{0}]\nrating = 'red'\n[criteria.C{0}.sample]\nsize = 20\n[[criteria.C{0}.actions]]\n"
    text = "".join(one.format(i) for i in range(60))
    assert text.count("[") > guards.MAX_DEPTH
    assert guards.nesting_bound(text) <= guards.MAX_DEPTH
