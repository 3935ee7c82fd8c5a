"""Write a large, deterministic selfassess workspace for the benchmarks (issue 8).

    python benchmarks/generate.py DIR [--districts 50] [--periods 40] [--criteria 30] [--seed 8]
                                      [--style canonical|tomli-w]

Defaults give 50 districts x 40 quarters = 2,000 assessment files of about 25 KB each (about 57 MB),
rated against a generated framework of C criteria in 5 themes on a 3-grade scale. Every file is written
with selfassess.formats.store.save_assessment (canonical form, fixed ``updated`` times), so the same arguments
always give byte-identical files. Evidence is clean, plausible prose: no names, phone numbers, dates of
birth, addresses or other personal data, so the personal-data scan has nothing real to report.

``--style tomli-w`` writes the same assessments as another tool would: each canonical file is read with
tomllib and written again with ``tomli_w.dumps(..., multiline_strings=True)``, so selfassess reads them
as foreign TOML (no canonical shortcut), the same values in a different form.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selfassess.core.model import Action, Assessment, Response, Sample  # noqa: E402
from selfassess.core.periods import Period  # noqa: E402
from selfassess.formats.criteria import load_framework  # noqa: E402
from selfassess.formats.store import save_assessment  # noqa: E402

LATEST = "2026-Q4"
TODAY_UPDATED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
GRADES = ("red", "amber", "green")
THEMES = (
    ("initial-response", "Initial response"),
    ("assessment-help", "Assessment and help"),
    ("investigation", "Investigation"),
    ("decision-making", "Decision making"),
    ("partnership", "Partnership and leadership"),
)

# Sentence parts for evidence: plain, impersonal prose about audits and samples.
OPENERS = (
    "A dip sample of {n} records from the quarter",
    "An audit of {n} referrals by the public protection unit",
    "Supervisory review of {n} cases across the response teams",
    "A joint audit with children's services of {n} cases",
    "The quarterly quality assurance check of {n} incident logs",
    "A review of {n} strategy discussions held this quarter",
    "A themed inspection of {n} investigations by the review team",
    "The performance board's sample of {n} case files",
)
FINDINGS = (
    "found that {k} met the standard in full",
    "showed that {k} recorded a clear decision and the reasons for it",
    "showed the child's views were recorded in {k} of them",
    "found timely referral to partner agencies in {k} cases",
    "identified supervisory oversight on {k} of the files",
    "confirmed risk had been reassessed after new information in {k} cases",
    "found a completed safety plan on {k} records",
)
CONTEXT = (
    "Quality is better on the teams that have completed the refresher training",
    "The new template prompts officers for the child's demeanour and words",
    "Night shifts remain weaker because fewer supervisors are on duty",
    "Partners report that information now arrives sooner and is easier to act on",
    "Gaps were fed back to team leaders at the monthly performance meeting",
    "The audit tool was updated so that findings can be compared quarter on quarter",
    "Workloads rose after the restructure and the effect is visible in the timeliness figures",
    "Learning from the last case review has been built into the briefing programme",
    "The improvement is consistent across all three shifts for the first time",
    "Records held on the legacy system were harder to audit and took longer to check",
)
FOLLOWUPS = (
    "A repeat sample is planned for next quarter to confirm the trend.",
    "Team leaders will spot-check a further ten records each month.",
    "The findings were shared with the local safeguarding partnership.",
    "The lead will report progress to the force performance board.",
    "Training materials have been revised in light of these results.",
    "The team will continue to monitor this through the daily management meeting.",
)
ACTIONS = (
    "Refresh training for response teams on recognising risk to children",
    "Add supervisory checks of this standard to the monthly audit",
    "Agree a joint review process with children's services",
    "Revise the recording template so the required detail is prompted",
    "Report progress on this criterion to the performance board each quarter",
)
ROLES = ("Insp. Example", "DI Example", "Ch Insp. Example", "PPU lead", "Head of safeguarding")


SAMPLE_BLOCK = [
    "        sample:",
    "          of: records from the quarter, chosen at random",
    "          meets: the standard met and recorded",
    "          minimum: 10",
    "          thresholds: {green: 0.9, amber: 0.7}",
]
#: cases met of 20 by grade, for --samples (inside the grade's band: the sample supports the rating)
MET = {"red": (8, 13), "amber": (14, 17), "green": (18, 20)}


def framework_yaml(criteria: int, samples: bool = False) -> str:
    lines = [
        "# Generated by benchmarks/generate.py: a synthetic framework for performance measurement.",
        "framework: bench",
        'title: "Benchmark framework"',
        'version: "1.0"',
        "",
        "scale:",
        "  - id: red",
        "    label: Red",
        '    colour: "#d7191c"',
        "    meaning: Serious shortfall that needs urgent action.",
        "  - id: amber",
        "    label: Amber",
        '    colour: "#fdae61"',
        "    meaning: Partly in place, with improvement under way.",
        "  - id: green",
        "    label: Green",
        '    colour: "#1a9641"',
        "    meaning: Consistently in place and checked by supervisors.",
        "",
        "actions_required_below: green",
        "",
        "themes:",
    ]
    per_theme = [
        criteria // len(THEMES) + (1 if i < criteria % len(THEMES) else 0) for i in range(len(THEMES))
    ]
    for t, ((theme_id, title), count) in enumerate(zip(THEMES, per_theme, strict=True)):
        lines += [
            f"  - id: {theme_id}",
            f"    title: {title}",
            "    description: >-",
            f"      Criteria about {title.lower()} for the benchmark framework.",
            "    criteria:",
        ]
        for i in range(count):
            cid = f"T{t + 1}C{i + 1}"
            lines += [
                f"      - id: {cid}",
                f"        title: {title} standard {i + 1} is met consistently",
                f"        question: Is {title.lower()} standard {i + 1} met in every case sampled?",
                "        guidance: |",
                "          - The standard is met in practice, not only in policy.",
                "          - Supervisors check it and challenge records that fall short.",
                "        evidence:",
                "          - Dip sample of 20 records",
                "          - Supervisory review notes",
                "        levels:",
                "          red: The standard is rarely met.",
                "          amber: The standard is met in some teams but not consistently.",
                "          green: The standard is met consistently and checked.",
            ]
            if samples:
                lines += SAMPLE_BLOCK
    return "\n".join(lines) + "\n"


def settings_toml(districts: list[str]) -> str:
    return (
        'force = "Benchmark Constabulary (synthetic data)"\n'
        'framework = "bench"\n'
        f"districts = [{', '.join(repr(d).replace(chr(39), chr(34)) for d in districts)}]\n"
        'quarters = "calendar"\n'
        "stale_after_days = 183\n"
    )


def evidence(rng: random.Random, target: int) -> str:
    """Multi-line prose of about ``target`` characters."""
    lines: list[str] = []
    size = 0
    while size < target:
        n = rng.choice((10, 12, 15, 20, 25, 30, 40))
        k = rng.randint(n // 2, n)
        line = (
            f"{rng.choice(OPENERS).format(n=n)} {rng.choice(FINDINGS).format(k=f'{k} of {n}')}. "
            f"{rng.choice(CONTEXT)}. {rng.choice(FOLLOWUPS)}"
        )
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def rewrite_with_tomli_w(path: Path) -> None:
    """Write ``path`` again as tomli-w would: the same table, another TOML form."""
    import tomllib

    import tomli_w

    table = tomllib.loads(path.read_text(encoding="utf-8"))
    path.write_text(tomli_w.dumps(table, multiline_strings=True), encoding="utf-8", newline="\n")


def build(
    out: Path,
    n_districts: int,
    n_periods: int,
    n_criteria: int,
    seed: int,
    quiet: bool = False,
    style: str = "canonical",
    samples: bool = False,
) -> int:
    out.mkdir(parents=True, exist_ok=True)
    districts = [f"district-{i + 1:03d}" for i in range(n_districts)]
    (out / "selfassess.toml").write_text(settings_toml(districts), encoding="utf-8", newline="\n")
    (out / "criteria").mkdir(exist_ok=True)
    (out / "criteria" / "bench.yaml").write_text(
        framework_yaml(n_criteria, samples), encoding="utf-8", newline="\n"
    )
    framework = load_framework(out / "criteria" / "bench.yaml")
    periods = Period.parse(LATEST).last(n_periods)
    per_criterion = max(200, 25_000 // max(1, n_criteria) - 120)
    written = 0
    started = time.perf_counter()
    for d, district in enumerate(districts):
        rng = random.Random(f"{seed}:{district}")
        folder = out / "assessments" / district
        folder.mkdir(parents=True, exist_ok=True)
        level = {c.id: rng.randint(0, 2) for c in framework.criteria}
        for period in periods:
            end = period.end()
            updated = datetime(end.year, end.month, end.day, 9, 0, tzinfo=UTC) - timedelta(
                days=rng.randint(5, 20)
            )
            updated = min(updated, TODAY_UPDATED)  # the latest quarter is still open on 2026-11-23
            a = Assessment(
                framework=framework.id,
                framework_version=framework.version,
                district=district,
                period=str(period),
                status="submitted",
                assessor="DCI Example",
                updated=updated,
            )
            for criterion in framework.criteria:
                if rng.random() < 0.2:
                    level[criterion.id] = min(2, max(0, level[criterion.id] + rng.choice((-1, 1))))
                rating = GRADES[level[criterion.id]]
                actions = []
                if rating != "green":
                    open_now = str(period) == LATEST
                    actions.append(
                        Action(
                            id=f"{criterion.id}-a1",
                            action=rng.choice(ACTIONS),
                            owner=rng.choice(ROLES),
                            due=end + timedelta(days=120),
                            done=False if open_now else updated.date(),
                        )
                    )
                a.responses[criterion.id] = Response(
                    rating=rating,
                    evidence=evidence(rng, per_criterion),
                    as_of=updated.date() - timedelta(days=rng.randint(1, 40)),
                    sample=Sample(size=20, met=rng.randint(*MET[rating])) if samples else None,
                    actions=actions,
                )
            save_assessment(a, folder / f"{period}.toml", framework, now=updated)
            if style == "tomli-w":
                rewrite_with_tomli_w(folder / f"{period}.toml")
            written += 1
        if not quiet and (d + 1) % 10 == 0:
            print(f"  {written} files, {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--districts", type=int, default=50)
    parser.add_argument("--periods", type=int, default=40)
    parser.add_argument("--criteria", type=int, default=30)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--style", choices=("canonical", "tomli-w"), default="canonical")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument(
        "--samples", action="store_true", help="a dip sample on every criterion of every file (issue 29)"
    )
    args = parser.parse_args(argv)
    count = build(
        args.dir, args.districts, args.periods, args.criteria, args.seed, args.quiet, args.style, args.samples
    )
    size = sum(p.stat().st_size for p in (args.dir / "assessments").rglob("*.toml"))
    print(f"wrote {count} assessments, {size / 1e6:.1f} MB, to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
