#!/usr/bin/env python3
"""Regenerate the demonstration workspace: ``selfassess.toml`` and everything under ``assessments/``.

The data is invented (it lives in scripts/demo_data.py; this file is only code): four districts and,
from 2026-Q2, the force-wide unit; six quarters (2025-Q3 to 2026-Q4, "today" being 2026-11-23). The
first three quarters are assessed on framework version 2015.2 (scripts/demo/ncpi-2015.2.yaml), 2026-Q2
and 2026-Q3 on 2024.1 (scripts/demo/ncpi-2024.1.yaml) and 2026-Q4 on the current criteria/ncpi.yaml
(2024.2), so ``diff``, ``history`` and the review trends cross both upgrades. Each district has a
story so that ``summary``, ``diff``, ``history`` and the review screen have something real to show:

- rotherham recovers from many reds to mostly green; 2026-Q4 submitted, awaiting review;
- doncaster slips (PPU staff turnover, a backlog of return interviews); 2026-Q4 submitted, no review;
- barnsley stays steady amber/green (no custody suite); 2026-Q4 submitted and reviewed;
- sheffield's 2026-Q4 is a draft in progress, with criteria still carried from 2026-Q3;
- the force-wide unit answers the leadership and other force-level criteria from 2026-Q2.

Nothing is random at run time (one ``random.Random`` per value, seeded by its name) and every time is
fixed, so a rerun writes byte-identical files. No real person appears: every name is "Example".

    .venv/bin/python scripts/make_demo.py            # rewrite selfassess.toml and assessments/ here
    .venv/bin/python scripts/make_demo.py --out DIR  # write them into DIR instead
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_data import (  # noqa: E402
    ASSESSOR,
    BARNSLEY_CUSTODY,
    BARNSLEY_Q4_REVIEWED,
    CONTENT,
    CONTENT_2024_2,
    CUSTODY,
    DELIBERATE,
    DISTRICTS,
    ESTABLISHMENT,
    FORCE,
    HOMES,
    LETTER,
    MID_PERIODS,
    MONTHS,
    NEW_RATINGS,
    NEWER_RATINGS,
    OLD_PERIODS,
    OWNER_OF,
    OWNERS,
    PERIODS,
    POSTS,
    Q4_UPDATED,
    RATINGS,
    REVIEW_DELAY,
    REVIEW_HOUR,
    REVIEWS,
    RSO,
    SAMPLE_SOURCE,
    SETTINGS,
    SHEFFIELD_DRAFT,
    SIZE,
    STORY,
    UNITS,
)

from selfassess.core.model import (  # noqa: E402
    FORCE_WIDE,
    Action,
    Assessment,
    Framework,
    Response,
    Review,
    Sample,
    SampleRule,
)
from selfassess.formats.criteria import load_framework  # noqa: E402
from selfassess.formats.store import assessment_sha256, save_assessment, save_review  # noqa: E402
from selfassess.logic.samples import absolute_claim  # noqa: E402

OLD_FRAMEWORK = Path(__file__).resolve().parent / "demo" / "ncpi-2015.2.yaml"
MID_FRAMEWORK = Path(__file__).resolve().parent / "demo" / "ncpi-2024.1.yaml"


def version_of(period: str) -> str:
    """The framework version a quarter is assessed on."""
    return "2015.2" if period in OLD_PERIODS else "2024.1" if period in MID_PERIODS else "2024.2"


#: every criterion with wording, in a fixed order (it rotates the wording quarter by quarter)
ORDER = [*CONTENT, *(cid for cid in CONTENT_2024_2 if cid not in CONTENT)]


def content(cid: str, period: str) -> dict:
    """The evidence wording for a criterion in a quarter: 2024.2 wording where it differs."""
    if version_of(period) == "2024.2" and cid in CONTENT_2024_2:
        return CONTENT_2024_2[cid]
    return CONTENT[cid]


# -- dates --------------------------------------------------------------------------------------


def quarter_start(period: str) -> date:
    year, q = int(period[:4]), int(period[-1])
    return date(year, 3 * (q - 1) + 1, 1)


def quarter_end(period: str) -> date:
    year, q = int(period[:4]), int(period[-1])
    return (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)


def month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def updated_at(district: str, period: str) -> datetime:
    if period == "2026-Q4":
        return Q4_UPDATED[district]
    end = quarter_end(period)
    i = PERIODS.index(period)
    # Barnsley and Rotherham finish in the quarter's last month; Sheffield and Doncaster often
    # just after it.
    day = {"barnsley": 17, "rotherham": 22, "doncaster": 27, "sheffield": 30, "force": 24}[district] + i % 3
    when = datetime(end.year, end.month, 1, 9 + (i * 3 + len(district)) % 8, (i * 17) % 60, tzinfo=UTC)
    return when + timedelta(days=day - 1)


def rng(*parts: object) -> random.Random:
    return random.Random("/".join(str(p) for p in parts))


# -- the figures behind one criterion's evidence ------------------------------------------------


BANDS = {"red": (0.42, 0.66), "amber": (0.70, 0.86), "green": (0.91, 1.0)}


def figures(
    district: str,
    period: str,
    cid: str,
    rating: str,
    as_of: date | None = None,
    agree: Callable[[int, int], int] | None = None,
) -> dict:
    """The numbers and words for one criterion's evidence, fixed by district, period and criterion.

    ``agree`` (n, k) → k moves the count of cases meeting the standard to where the rating and the
    words say it is (see :func:`agreeing`)."""
    r = rng(district, period, cid)
    spec = content(cid, period)
    n = spec["n"]
    if n == "homes":
        n = HOMES[district]
    elif n == "est":
        n = ESTABLISHMENT[district]
    elif n == "rso":  # a caseload moves a little from quarter to quarter; the force's is the sum
        drift = len(RSO) - 1 if district == FORCE else 1  # the force's caseload grows as its districts' do
        n = RSO[district] + drift * PERIODS.index(period) + r.randint(-1, 1)
    elif isinstance(n, tuple):
        n = r.randint(*n)
    lo, hi = BANDS[rating]
    k = max(0, min(n, round(n * r.uniform(lo, hi))))
    if rating == "green":
        k = max(k, n - max(1, n // 10))
    if agree is not None:
        k = agree(n, k)
    pct_b = round(100 * r.uniform(lo, hi))
    est = ESTABLISHMENT[district]
    vac = {"red": r.randint(6, 9), "amber": r.randint(2, 5), "green": r.randint(0, 1)}[rating]
    posts = POSTS[district]
    i, ci = PERIODS.index(period), ORDER.index(cid)
    months = 2 if period == "2026-Q4" else 3
    month_index = (i + ci) % months
    start = quarter_start(period)
    month = start.month + month_index
    last_day = month_end(start.year, month).day
    if period == "2026-Q4" and month == 11:
        last_day = 13
    fixed = as_of
    as_of = date(start.year, month, r.randint(min(8, last_day), last_day))
    if month_index == 2:  # the last month: evidence before the assessment is finalised
        as_of = as_of.replace(day=min(as_of.day, 16))
    if fixed is not None:
        month, as_of = fixed.month, fixed
    return dict(
        n=n,
        k=k,
        miss=n - k,
        pct=round(100 * k / n),
        pct_b=pct_b,
        few={"red": r.randint(5, 9), "amber": r.randint(2, 4), "green": 1}[rating],
        points=r.randint(3, 8),
        days={"red": r.randint(6, 11), "amber": r.randint(3, 5), "green": r.randint(1, 2)}[rating],
        hours={"red": r.randint(15, 21), "amber": r.randint(10, 14), "green": r.randint(6, 9)}[rating],
        **waits(rng(district, period, cid, "wait"), n, k),
        backlog={"red": r.randint(40, 75), "amber": r.randint(12, 28), "green": 0}[rating],
        trend={"red": "rose again", "amber": "were level", "green": "fell"}[rating],
        # missing episodes: of looked-after children (CH2) a share of all children's (CH7)
        total=round(
            {"CC6": 95, "CH2": 180, "CH7": 300}.get(cid, 100) * SIZE[district] * r.uniform(0.85, 1.15)
        ),
        vac=vac,
        caseload={"red": r.randint(21, 28), "amber": r.randint(15, 19), "green": r.randint(9, 13)}[rating],
        est=est,
        posts=posts,
        filled=posts - {"red": 2, "amber": 1, "green": 0}[rating],
        month=MONTHS[month - 1],
        as_of=as_of,
        share=r.randint(52, 61),  # per cent of missing episodes that were from care
    )  # fmt: skip


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    return " ".join(parts + ([f"{rest} minutes"] if rest or not hours else []))


def waits(r: random.Random, n: int, within: int, standard: int = 120) -> dict[str, str]:
    """Fastest, median and slowest of ``n`` waits of which ``within`` met ``standard`` minutes.

    The median lies inside the sample's range and on the side of the standard that ``within`` says
    (more than half within: a median within; fewer than half: a median over it), and the slowest wait
    is within the standard only when every wait is.
    """
    fastest = r.randint(15, 35)
    if within >= n:  # all within: so is the slowest
        slowest = r.randint(max(fastest + 40, standard - 45), standard)
        median = r.randint(fastest + 10, slowest - 15)
    elif within <= 0:  # none within: so is not the fastest
        fastest = r.randint(standard + 5, standard + 30)
        slowest = r.randint(standard + 120, 420)
        median = r.randint(fastest + 10, slowest - 30)
    else:
        slowest = r.randint(standard + 60, 420)
        if within * 2 >= n:
            median = r.randint(fastest + 15, standard - 5)
        else:
            median = r.randint(standard + 5, min(slowest - 15, 260))
    return dict(fastest=duration(fastest), median=duration(median), slowest=duration(slowest))


def agreeing(rule: SampleRule, rating: str, claims_all: bool) -> Callable[[int, int], int]:
    """k moved into the band of the criterion's thresholds that its rating needs, and to every case
    when the evidence claims every case (or no failure): the sample then agrees with the narrative."""

    def needs(grade: str, n: int) -> int:
        return math.ceil(Fraction(str(rule.thresholds[grade])) * n)

    def agree(n: int, k: int) -> int:
        if claims_all:
            return n
        grades = [g for g in ("red", "amber", "green") if g == "red" or g in rule.thresholds]
        position = grades.index(rating)
        low = needs(rating, n) if rating != "red" else 0
        high = needs(grades[position + 1], n) - 1 if position + 1 < len(grades) else n
        return max(low, min(k, high))

    return agree


def evidence_for(
    district: str, period: str, cid: str, rating: str, rule: SampleRule | None = None, fixed: bool = True
) -> tuple[str, date, Sample | None]:
    """The evidence text, its as-of date, and the dip sample behind it (for a criterion the framework
    evidences by a sample). ``fixed=False`` gives the figures as the demo had them before #29."""
    spec = content(cid, period)
    story = STORY.get((district, period, cid), {})
    i, ci = PERIODS.index(period), ORDER.index(cid)
    options = spec[rating]
    first = (i + ci) % len(options)
    chosen = [spec["sample"], options[first]]
    if (i + 2 * ci) % 3 == 0 and rating == "red":
        chosen.append(options[(first + 1) % len(options)])
    chosen += story.get("extra", [])
    agree = None
    if rule is not None and fixed and (district, period, cid) in DELIBERATE:
        agree = lambda n, k: DELIBERATE[district, period, cid]  # noqa: E731 (the narrative's own count)
    elif rule is not None and fixed:
        agree = agreeing(rule, rating, any(absolute_claim(line) for line in chosen[1:]))
    f = figures(district, period, cid, rating, story.get("as_of"), agree) | story.get("fig", {})
    f["care"] = round(f["total"] * f["share"] / 100)
    lines = [BARNSLEY_CUSTODY] if district == "barnsley" and cid.startswith("CC") else []
    lines += [line.format(**f) for line in chosen]
    sample = None
    if rule is not None:
        sample = Sample(size=f["n"], met=f["k"], start=quarter_start(period), source=SAMPLE_SOURCE[cid])
    return "".join(line + "\n" for line in lines), f["as_of"], sample


# -- actions ------------------------------------------------------------------------------------


class ActionBook:
    """One district's improvement actions for one criterion, rolled forward quarter by quarter."""

    def __init__(self, district: str, cid: str) -> None:
        self.district, self.cid = district, cid
        self.open: list[Action] = []
        self.count = 0
        self.last_rating: str | None = None
        self.quarters_below = 0

    def _new(self, period: str) -> Action:
        self.count += 1
        texts = content(self.cid, period)["actions"]
        r = rng(self.district, period, self.cid, "due", self.count)
        end = quarter_end(period)
        due = month_end(end.year, end.month + r.randint(1, 4))
        if r.random() < 0.3:
            due = due.replace(day=15)
        return Action(
            id=f"{self.cid}-a{self.count}",
            action=texts[(self.count - 1) % len(texts)],
            owner=owner(self.district, self.cid),
            due=due,
        )

    def _done_date(self, period: str, action: Action) -> date:
        r = rng(self.district, period, action.id, "done")
        start = quarter_start(period)
        last = 13 if period == "2026-Q4" else 25
        done = date(start.year, start.month + 1, r.randint(4, last))
        return min(done, updated_at(self.district, period).date() - timedelta(days=1))

    def roll(self, period: str, rating: str | None) -> list[Action]:
        """This quarter's actions for the criterion: open ones carried, some done, some new."""
        carried = []
        for action in self.open:
            copy = Action(action.id, action.action, action.owner, action.due, action.done)
            # An action that has run past its date is usually re-dated when the quarter is written up;
            # some stay overdue. In 2026-Q4, still under way, only those due before October are.
            written = updated_at(self.district, period).date()
            cutoff = quarter_start(period) if period == "2026-Q4" else written
            if copy.due is not None and copy.due < cutoff:
                r = rng(self.district, period, copy.id, "redate")
                if r.random() < 0.6:
                    end = quarter_end(period)
                    copy.due = month_end(end.year, end.month + r.randint(1, 2))
            carried.append(copy)
        actions = carried
        if rating is None:  # evidence only, not yet rated: carry the open actions as they are
            self.open = [a for a in actions if a.is_open]
            return actions
        rank = {"red": 0, "amber": 1, "green": 2}
        previous = self.last_rating
        if rating == "green":
            for action in actions:
                action.done = self._done_date(period, action)
            self.quarters_below = 0
        else:
            self.quarters_below += 1
            if not actions:
                actions.append(self._new(period))
            elif previous is not None and rank[rating] > rank[previous]:
                # improving but not there yet: the first step is done, the next one begins
                actions[0].done = self._done_date(period, actions[0])
                actions.append(self._new(period))
            elif previous is not None and rank[rating] < rank[previous]:
                actions.append(self._new(period))  # worse: escalate
            elif self.quarters_below == 4 and len(actions) == 1:
                actions.append(self._new(period))  # stuck for a year: add a step
        self.last_rating = rating
        self.open = [a for a in actions if a.is_open]
        return actions


def owner(district: str, cid: str) -> str:
    prefix = cid[:2]
    people = OWNERS[district]
    return people.get(prefix) or people[OWNER_OF[prefix]]


# -- building the assessments -------------------------------------------------------------------


def rating_of(district: str, cid: str, period: str, predecessor: str) -> str:
    """The quarter's grade: from NEWER_RATINGS for a criterion new to the unit in 2024.2, NEW_RATINGS for
    one new in 2024.1, else the 2015.2 line."""
    i = PERIODS.index(period)
    if cid in NEWER_RATINGS.get(district, {}) and version_of(period) == "2024.2":
        newer = [p for p in PERIODS if version_of(p) == "2024.2"]
        return LETTER[NEWER_RATINGS[district][cid][newer.index(period)]]
    if cid in NEW_RATINGS.get(district, {}):
        return LETTER[NEW_RATINGS[district][cid][i - len(OLD_PERIODS)]]
    return LETTER[RATINGS[district][predecessor][i]]


def capabilities_of(district: str) -> tuple[str, ...]:
    return (FORCE_WIDE,) if district == FORCE else ("custody",) if district in CUSTODY else ()


def build_district(district: str, frameworks: dict[str, Framework], fixed: bool = True) -> list[Assessment]:
    new = frameworks["2024.2"]
    capabilities = capabilities_of(district)
    predecessor = {c.id: r for c in new.criteria for r in c.replaces if r in RATINGS["rotherham"]}
    books: dict[str, ActionBook] = {}  # by current id, so a renamed criterion keeps its actions
    history: list[Assessment] = []
    for period in PERIODS:
        framework = frameworks[version_of(period)]
        if district == FORCE and period in OLD_PERIODS:
            continue  # the force-wide unit is assessed from the upgrade on
        criteria = [c.id for c in framework.applicable(capabilities)]
        draft = district == "sheffield" and period == "2026-Q4"
        a = Assessment(
            framework=framework.id,
            framework_version=framework.version,
            district=district,
            period=period,
            status="draft" if draft else "submitted",
            assessor=ASSESSOR[district],
            updated=updated_at(district, period),
        )
        previous = history[-1] if history else None
        for cid in criteria:
            book = books.setdefault(new.current_id(cid), ActionBook(district, cid))
            if book.cid != cid:  # renamed at the upgrade: new actions are numbered under the new id
                book.cid, book.count = cid, 0
            story = STORY.get((district, period, cid), {})
            if draft and cid in SHEFFIELD_DRAFT["carried"]:
                old = previous.responses[cid]
                a.responses[cid] = Response(
                    rating=old.rating,
                    evidence=old.evidence,
                    notes=old.notes,
                    as_of=old.as_of,
                    carried=True,
                    actions=[Action(x.id, x.action, x.owner, x.due) for x in old.open_actions()],
                )
                continue
            if draft and cid not in SHEFFIELD_DRAFT["rated"] + SHEFFIELD_DRAFT["evidence_only"]:
                continue
            rating = rating_of(district, cid, period, predecessor.get(cid, cid))
            criterion = framework.criterion(cid)
            rule = criterion.sample if criterion is not None else None
            if story.get("same_as_previous"):
                old = previous.responses[cid]
                evidence, as_of, sample = old.evidence, old.as_of, old.sample
                notes = story.get("notes", old.notes)
            else:
                evidence, as_of, sample = evidence_for(district, period, cid, rating, rule, fixed)
                as_of = min(as_of, a.updated.date() - timedelta(days=1))
                if sample is not None:
                    sample = replace(sample, end=as_of)
                notes = story.get("notes", "")
            if draft and cid in SHEFFIELD_DRAFT["evidence_only"]:
                evidence = evidence.splitlines(keepends=True)[0]  # only the sample line so far
                notes = notes or "Rating to be agreed at the PPU meeting in December."
                rating = None
            a.responses[cid] = Response(
                rating=rating,
                evidence=evidence,
                notes=notes,
                as_of=as_of,
                sample=sample,
                actions=book.roll(period, rating),
            )
        history.append(a)
    return history


def counts(assessment: Assessment) -> dict[str, int]:
    result = {"red": 0, "amber": 0, "green": 0}
    for response in assessment.responses.values():
        if response.rating in result:
            result[response.rating] += 1
    return result


def inspection_items(new: Framework) -> list[tuple[str, frozenset[str], tuple[str, ...]]]:
    """(ref, current criterion ids, units) of every item in the demo's ``inspections/``."""
    from selfassess.formats.inspections import load_inspection

    items = []
    for path in sorted((ROOT / "inspections").glob("*.yaml")):
        for item in load_inspection(path).items:
            items.append((item.ref, frozenset(new.current_id(c) for c in item.criteria), item.units))
    return items


def address(assessment: Assessment, new: Framework, items: list) -> None:
    """Each action works on the inspection items that list its criterion for its unit (SPEC §3)."""
    for criterion_id, response in assessment.responses.items():
        current = new.current_id(criterion_id)
        refs = tuple(
            sorted(
                ref
                for ref, criteria, units in items
                if current in criteria
                and (assessment.district in units if units else assessment.district in DISTRICTS)
            )
        )
        for action in response.actions:
            action.addresses = refs


def write_workspace(out: Path, fixed: bool = True) -> list[Path]:
    loaded = [load_framework(p) for p in (OLD_FRAMEWORK, MID_FRAMEWORK, ROOT / "criteria" / "ncpi.yaml")]
    frameworks = {f.version: f for f in loaded}
    new = frameworks["2024.2"]
    items = inspection_items(new)
    if out.resolve() != ROOT.resolve():
        shutil.rmtree(out / "inspections", ignore_errors=True)
        shutil.copytree(ROOT / "inspections", out / "inspections")
    (out / "selfassess.toml").write_text(SETTINGS, encoding="utf-8", newline="\n")
    shutil.rmtree(out / "assessments", ignore_errors=True)
    written = [out / "selfassess.toml"]
    for district in UNITS:
        folder = out / "assessments" / district
        folder.mkdir(parents=True)
        for assessment in build_district(district, frameworks, fixed):
            address(assessment, new, items)
            path = folder / f"{assessment.period}.toml"
            framework = frameworks[assessment.framework_version]
            save_assessment(assessment, path, framework, now=assessment.updated)
            written.append(path)
            key = (district, assessment.period)
            if key not in REVIEWS:
                continue
            reviewer, comment = REVIEWS[key]
            if assessment.period == "2026-Q4":
                reviewed = BARNSLEY_Q4_REVIEWED
            else:
                end = quarter_end(assessment.period)
                reviewed = datetime(end.year, end.month, end.day, REVIEW_HOUR[district], tzinfo=UTC)
                reviewed += timedelta(days=REVIEW_DELAY[district])
            review = Review(
                reviewer=reviewer,
                reviewed=reviewed,
                assessment_sha256=assessment_sha256(path),
                comment=comment.format(**counts(assessment)),
            )
            review_path = folder / f"{assessment.period}.review.toml"
            save_review(review, review_path)
            written.append(review_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="workspace folder (default: the repo)")
    parser.add_argument(
        "--before-samples-fix",
        action="store_true",
        help="record each sample as the narrative's figures stood before #29 (its contradictions unfixed)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = write_workspace(args.out, fixed=not args.before_samples_fix)
    print(f"wrote {len(written)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
