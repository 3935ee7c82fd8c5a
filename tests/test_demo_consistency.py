"""The demo adds up: no review comment contradicts the ratings it reviews, no figure another (issue #30)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from selfassess.formats.store import parse_review
from selfassess.workspace.workspace import Workspace

from conftest import REPO

ASSESSMENTS = REPO / "assessments"
CRITERION = re.compile(r"\b[A-Z]{2}\d+\b")


def reviewed_pairs() -> list[tuple[Path, Path]]:
    return [
        (review.with_name(review.name.replace(".review.toml", ".toml")), review)
        for review in sorted(ASSESSMENTS.rglob("*.review.toml"))
    ]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?:;])\s+|\n", text) if s.strip()]


def contradictions(
    comment: str, ratings: dict[str, str], themes: dict[str, str], labels: dict[str, str]
) -> list[str]:
    """What ``comment`` says about grades that ``ratings`` (criterion -> grade id) contradicts.

    - "no reds" (or "no red", "no reds left") names none of that grade in the file; "no reds in recording
      practice" none in the theme whose title starts with those words;
    - a sentence naming criteria and exactly one grade says each named criterion has that grade.
    """
    found = []
    words = "|".join(re.escape(label) for label in labels)
    for sentence in sentences(comment):
        lower = sentence.lower()
        for match in re.finditer(rf"\bno ({words})s?\b(?: left)?(?: in ([a-z' -]+))?", lower):
            grade = labels[match[1]]
            scope = match[2]
            ids = [c for c, g in ratings.items() if g == grade]
            if scope:
                ids = [c for c in ids if themes[c].lower().startswith(scope.strip())]
            if ids:
                found.append(f"{sentence!r}: {', '.join(ids)} rated {grade}")
        named = CRITERION.findall(sentence)
        grades = {labels[w] for w in re.findall(rf"\b({words})s?\b", lower)}
        if named and len(grades) == 1 and not re.search(rf"\bno ({words})", lower):
            grade = grades.pop()
            wrong = [c for c in named if ratings.get(c) != grade]
            if wrong:
                found.append(f"{sentence!r}: {', '.join(f'{c} is {ratings.get(c)}' for c in wrong)}")
    return found


def test_the_checker_catches_the_contradictions_the_issue_names() -> None:
    labels = {"red": "red", "amber": "amber", "green": "green"}
    themes = {"IN3": "Investigation", "RP1": "Recording practice and supervision", "CC3": "Custody"}
    ratings = {"IN3": "red", "RP1": "amber", "CC3": "amber"}
    assert contradictions("No reds for the first time.", ratings, themes, labels)
    assert not contradictions("No reds left in recording practice.", ratings, themes, labels)
    assert contradictions(
        "Steady quarter.\nDigital forensic waits (IN3) are now green.", ratings, themes, labels
    )
    assert not contradictions("Transfers (CC3) remain amber, as elsewhere.", ratings, themes, labels)
    assert not contradictions("A mixed picture, mostly amber, with CC3 red.", ratings, themes, labels)


def test_no_review_comment_contradicts_the_ratings_it_reviews() -> None:
    workspace = Workspace(REPO)
    problems = []
    pairs = reviewed_pairs()
    assert len(pairs) >= 20
    for assessment_path, review_path in pairs:
        assessment = workspace.parse(assessment_path.read_bytes(), assessment_path, cached=False)
        framework = workspace.find_framework(assessment.framework)
        labels = {grade.label.lower(): grade.id for grade in framework.scale}
        ratings = {cid: r.rating for cid, r in assessment.responses.items() if r.rating}
        themes = {}
        for cid in ratings:
            theme = framework.theme_of(cid)
            themes[cid] = theme.title if theme else ""
        comment = parse_review(review_path.read_bytes(), str(review_path)).comment
        problems += [
            f"{review_path.relative_to(REPO)}: {p}" for p in contradictions(comment, ratings, themes, labels)
        ]
    assert not problems, "\n".join(problems)


def evidence(path: Path, cid: str) -> str:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return table.get("criteria", {}).get(cid, {}).get("evidence", "")


def number(pattern: str, text: str) -> int | None:
    match = re.search(pattern, text)
    return int(match[1]) if match else None


@pytest.mark.parametrize("district", ["barnsley", "doncaster", "rotherham", "sheffield"])
def test_the_demo_figures_agree_with_each_other(district: str) -> None:
    files = sorted((ASSESSMENTS / district).glob("20??-Q?.toml"))
    episodes_from_care = [
        number(r"(\d+) missing episodes of looked-after", evidence(f, "CH2")) for f in files
    ]
    episodes_all = [number(r"(\d+) missing episodes of children", evidence(f, "CH7")) for f in files]
    care = [e for e in episodes_from_care if e]
    every = [e for e in episodes_all if e]
    assert care and every
    # children missing from care are some of all missing children: never more, in any quarter
    assert max(care) < min(every), (care, every)
    offenders = []
    for path in files:
        ch7 = evidence(path, "CH7")
        from_care = number(r"(\d+) of them from care", ch7)
        total = number(r"(\d+) missing episodes of children", ch7)
        if from_care is not None:
            assert from_care <= total, (path, ch7)
        for cid in ("CH3", "CH8"):
            outstanding = number(
                r"(\d+) return (?:home )?interviews (?:were )?outstanding", evidence(path, cid)
            )
            episodes = total or number(r"(\d+) missing episodes of looked-after", evidence(path, "CH2"))
            if outstanding is not None and episodes is not None:
                assert outstanding < episodes, (path, cid, outstanding, episodes)
        cc3 = evidence(path, "CC3")
        charged = number(r"(\d+) children charged", cc3)
        moved = number(r"(\d+) moved to local-authority", cc3)
        if charged is not None:
            held = charged - moved
            for cases in re.findall(r"in (\d+) cases", cc3):
                assert int(cases) <= held, (path, cc3)
        rsos = number(r"(\d+) registered sex offenders", evidence(path, "OM1"))
        if rsos is not None:
            offenders.append(rsos)
    for before, after in zip(offenders, offenders[1:], strict=False):
        assert abs(after - before) <= 0.2 * before, offenders  # a caseload does not double in a quarter
