"""Score trip extraction on tests/data/trip_headlines.jsonl (both splits).

Usage: python bench/evaluate_trips.py [--split dev|heldout] [--errors]

``dev`` also counts every tests/data/trip_headlines_dev*.jsonl (all dev rows). The combined
dev figure is printed first, then the original file's dev rows and each dev file on its own.
``--errors`` only lists errors for ``dev``; heldout is never printed.

A true positive is an item labelled as a trip for which the extractor returns the same person
and host. Precision = TP / items the extractor called trips; recall = TP / labelled trips.
Status accuracy is over true positives; for ``dev`` a second line gives it per labelled status
(right/true positives), so ``postponed`` read as ``cancelled`` shows. A trip row whose status
is not one of knowledge.models.TripStatus is an error, not a miss.
A leading "(YYYY-MM-DD)" in a summary is the item's publication date, as a feed would give it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, get_args

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.trips.extract import extract_trip  # noqa: E402
from knowledge.models import TripStatus  # noqa: E402
from knowledge.store import load_default  # noqa: E402
from nlp.parse import default_pipeline  # noqa: E402

DATA = ROOT / "tests" / "data" / "trip_headlines.jsonl"
DEFAULT_PUBLISHED = dt.date(2026, 11, 28)
PUBLISHED = re.compile(r"^\s*\((\d{4}-\d{2}-\d{2})\)\s*")


def split_published(summary: str) -> tuple[str, dt.date]:
    match = PUBLISHED.match(summary)
    if match:
        return summary[match.end() :], dt.date.fromisoformat(match[1])
    return summary, DEFAULT_PUBLISHED


STATUSES: tuple[str, ...] = get_args(TripStatus)


def check_statuses(rows: list[dict[str, Any]]) -> None:
    """Every trip row has a status the extractor can return (a typo is not a miss)."""
    wrong = sorted(
        {str(r["status"]) for r in rows if r["is_trip"] and r["status"] not in STATUSES}
    )
    if wrong:
        raise SystemExit(f"unknown trip status(es) {wrong}; use one of {STATUSES}")


def score(
    rows: list[dict[str, Any]], show_errors: bool
) -> tuple[dict[str, float], dict[str, tuple[int, int]]]:
    """Totals, and per labelled status (right status, true positives)."""
    check_statuses(rows)
    kb, pipeline = load_default(), default_pipeline()
    tp = fp = fn = status_ok = 0
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for row in rows:
        summary, published = split_published(row["summary"])
        report = extract_trip(row["title"], summary, kb, pipeline, published=published)
        labelled = bool(row["is_trip"])
        hit = (
            report is not None
            and labelled
            and (report.person, report.host) == (row["person"], row["host"])
        )
        if hit:
            tp += 1
            same = report is not None and report.status == row["status"]
            status_ok += same
            found[row["status"]] += 1
            right[row["status"]] += same
            if show_errors and not same and report is not None:
                print(f"{row['title']!r}\n   want status {row['status']}, got {report.status}")
        else:
            fp += report is not None
            fn += labelled
            if show_errors and (report is not None or labelled):
                got = (report.person, report.host, report.status) if report else None
                print(
                    f"{row['title']!r}\n   want {labelled} {row['person']} {row['host']} "
                    f"{row['status']}\n   got  {got}"
                )
    totals = {
        "items": len(rows),
        "trips": sum(1 for r in rows if r["is_trip"]),
        "precision": tp / max(1, tp + fp),
        "recall": tp / max(1, tp + fn),
        "status_accuracy": status_ok / max(1, tp),
    }
    return totals, {s: (right[s], found[s]) for s in STATUSES if found[s]}


def load(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def report(label: str, result: dict[str, float]) -> None:
    print(
        f"[{label}] "
        + "  ".join(
            f"{k}={v:.1%}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()
        )
    )


def report_statuses(label: str, per_status: dict[str, tuple[int, int]]) -> None:
    print(f"[{label}] status " + "  ".join(f"{s}={r}/{n}" for s, (r, n) in per_status.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], action="append")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    rows = load(DATA)
    extra = {
        path.stem.removeprefix("trip_headlines_"): [r for r in load(path) if r["split"] == "dev"]
        for path in sorted(DATA.parent.glob("trip_headlines_dev*.jsonl"))
    }
    for split in args.split or ["dev", "heldout"]:
        chosen = [r for r in rows if r["split"] == split]
        if split != "dev":
            report(split, score(chosen, show_errors=False)[0])
            continue
        combined = chosen + [r for extra_rows in extra.values() for r in extra_rows]
        totals, per_status = score(combined, args.errors)
        report("dev", totals)
        report_statuses("dev", per_status)
        report("dev:trip_headlines", score(chosen, show_errors=False)[0])
        for name, extra_rows in extra.items():
            if extra_rows:
                report(f"dev:{name}", score(extra_rows, show_errors=False)[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
