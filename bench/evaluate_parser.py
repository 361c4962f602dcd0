"""Score the question parser on the labelled sets in tests/data (both splits).

Usage: python bench/evaluate_parser.py [--split dev|heldout] [--errors] [--set dev7]

``--set dev7`` scores one development set alone (``questions_dev7.jsonl`` and
``chatter_dev7.jsonl``): how a new, unseen set is measured once before any tuning on it.

Prints intent accuracy, exact-match accuracy of people and of countries, follow-up accuracy,
and the share of chatter lines that group auto-answer mode would wrongly answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.parse import parse  # noqa: E402

DATA = ROOT / "tests" / "data"
TODAY = dt.date(2026, 11, 28)


def read(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rows(kind: str, split: str) -> list[dict[str, Any]]:
    """Rows of one split; the extra development files (``*_dev2``, ``*_dev3``) join dev."""
    found = [r for r in read(f"{kind}.jsonl") if r["split"] == split]
    if split == "dev":
        for extra in sorted(DATA.glob(f"{kind}_dev*.jsonl")):
            found += read(extra.name)
    return found


def score(split: str, show_errors: bool, only: str | None = None) -> dict[str, float]:
    if only is not None:
        questions, chatter = read(f"questions_{only}.jsonl"), read(f"chatter_{only}.jsonl")
        followups = []
    else:
        questions, chatter = rows("questions", split), rows("chatter", split)
        followups = [r for r in read("followups.jsonl") if r["split"] == split]
    intent_ok = people_ok = countries_ok = 0
    for row in questions:
        query = parse(row["text"], today=TODAY)
        good_intent = query.intent == row["intent"]
        good_people = query.person_ids == row["people"]
        good_countries = query.country_codes == row["countries"]
        intent_ok += good_intent
        people_ok += good_people
        countries_ok += good_countries
        if show_errors and not (good_intent and good_people and good_countries):
            print(
                f"Q  {row['text']!r}\n   want {row['intent']} {row['people']} {row['countries']}"
                f"\n   got  {query.intent} {query.person_ids} {query.country_codes}"
                f" conf={query.confidence} q={query.is_question}"
            )
    false_answers = 0
    for row in chatter:
        query = parse(row["text"], today=TODAY)
        if query.for_group():
            false_answers += 1
            if show_errors:
                print(f"C  {row['text']!r} -> {query.intent} conf={query.confidence}")
    followup_ok = 0
    for row in followups:
        context = parse(row["context"], today=TODAY)
        query = parse(row["text"], context=context, today=TODAY)
        good = (
            query.intent == row["intent"]
            and query.person_ids == row["people"]
            and query.country_codes == row["countries"]
        )
        followup_ok += good
        if show_errors and not good:
            print(
                f"F  {row['context']!r} + {row['text']!r}\n   want {row['intent']} "
                f"{row['people']} {row['countries']}\n   got  {query.intent} "
                f"{query.person_ids} {query.country_codes}"
            )
    in_scope = [r for r in questions if r["intent"] not in ("greeting", "help", "out_of_scope")]
    recall = sum(parse(r["text"], today=TODAY).for_group() for r in in_scope)
    n = len(questions)
    result = {
        "questions": n,
        "intent": intent_ok / n,
        "people": people_ok / n,
        "countries": countries_ok / n,
        "followups": followup_ok / max(1, len(followups)),
        "chatter_lines": len(chatter),
        "chatter_false_auto_answers": false_answers / max(1, len(chatter)),
        "group_recall_in_scope": recall / max(1, len(in_scope)),
    }
    if not followups:
        del result["followups"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], action="append")
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--set", dest="only", metavar="NAME", help="one set alone, e.g. dev7")
    args = parser.parse_args()
    for split in [args.only] if args.only else args.split or ["dev", "heldout"]:
        result = score(split, args.errors, args.only)
        print(
            f"[{split}] "
            + "  ".join(
                f"{k}={v:.1%}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
