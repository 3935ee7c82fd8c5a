"""Measure selfassess.logic.privacy.scan against the labelled sentences in tests/data.

Run from the repository root: .venv/bin/python benchmarks/privacy_eval.py [--figures-only] [FILE]
FILE is a labelled TSV (label, kind, sentence) or JSON-lines file ({"text", "personal", "kinds"}).
A sentence counts as flagged if scan() returns any match for it. ``--figures-only`` prints the counts,
precision and recall and no sentence: for a held-out set, measured before it may be looked at.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selfassess.logic.privacy import Match, scan  # noqa: E402

DEFAULT_TSV = ROOT / "tests" / "data" / "privacy_sentences.tsv"


@dataclass
class Result:
    label: str
    kind: str
    sentence: str
    matches: list[Match]

    @property
    def flagged(self) -> bool:
        return bool(self.matches)

    @property
    def kind_found(self) -> bool:
        """Whether one of the matches is of the expected kind."""
        return any(m.kind == self.kind for m in self.matches)


def load(path: Path) -> list[tuple[str, str, str]]:
    """The (label, kind, sentence) rows of a labelled TSV or JSON-lines file."""
    if path.suffix == ".jsonl":
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                label = "pii" if row["personal"] else "clean"
                rows.append((label, ",".join(row.get("kinds") or []), row["text"]))
        return rows
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = [(r["label"], r["kind"] or "", r["sentence"]) for r in reader]
    for label, _, sentence in rows:
        if label not in ("pii", "clean"):
            raise ValueError(f"bad label {label!r} for {sentence!r}")
    return rows


def evaluate(rows: list[tuple[str, str, str]]) -> list[Result]:
    return [Result(label, kind, sentence, scan(sentence)) for label, kind, sentence in rows]


def metrics(results: list[Result]) -> tuple[float, float, int, int, int, int]:
    """precision, recall, true positives, false positives, false negatives, true negatives."""
    tp = sum(r.flagged and r.label == "pii" for r in results)
    fp = sum(r.flagged and r.label == "clean" for r in results)
    fn = sum(not r.flagged and r.label == "pii" for r in results)
    tn = sum(not r.flagged and r.label == "clean" for r in results)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn, tn


def _describe(matches: list[Match]) -> str:
    return "; ".join(f"{m.kind}: {m.text!r}" for m in matches)


def main(argv: list[str]) -> int:
    figures_only = "--figures-only" in argv
    args = [a for a in argv[1:] if a != "--figures-only"]
    path = Path(args[0]) if args else DEFAULT_TSV
    rows = load(path)
    results = evaluate(rows)
    precision, recall, tp, fp, fn, tn = metrics(results)
    pii = sum(r.label == "pii" for r in results)

    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"sentences: {len(results)} ({pii} pii, {len(results) - pii} clean)")
    print(f"true positives {tp}, false positives {fp}, false negatives {fn}, true negatives {tn}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    if figures_only:
        return 0

    wrong_kind = [r for r in results if r.label == "pii" and r.flagged and not r.kind_found]
    print(f"\nmisses ({fn}):")
    for r in results:
        if r.label == "pii" and not r.flagged:
            print(f"  [{r.kind}] {r.sentence}")
    print(f"\nfalse positives ({fp}):")
    for r in results:
        if r.label == "clean" and r.flagged:
            print(f"  {r.sentence}\n      -> {_describe(r.matches)}")
    print(f"\nflagged, but not as the expected kind ({len(wrong_kind)}):")
    for r in wrong_kind:
        print(f"  [{r.kind}] {r.sentence}\n      -> {_describe(r.matches)}")

    prose = " ".join(s for label, _, s in rows if label == "clean")
    text = (prose + "\n") * (100_000 // (len(prose) + 1) + 1)
    text = text[:100_000]
    scan(text)
    t0 = time.perf_counter()
    runs = 10
    for _ in range(runs):
        scan(text)
    per_scan = (time.perf_counter() - t0) / runs * 1000
    print(f"\nscan of {len(text):,} characters of clean prose: {per_scan:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
