"""Score whole answers on the blind answer sets (tests/data/answers_blind*.jsonl).

Usage: python bench/evaluate_answers.py [--split dev|heldout] [--errors]

An answer counts as right only when every ``must_include`` group has one of its strings in the
answer's body (headline, points, precedents, caveats: not the source titles), none of the
``must_not_include`` strings is there, and its opening does not mislead: an opening Yes or No
must be the labelled one, and "none" and "hedge" rows must not open with Yes or No. The strict
figure also requires "yes"/"no" rows to open with that word (the writers' labels); the other
accepts an opening that states the fact without a Yes or No.

Prints the share right per category and per language. ``--errors`` lists wrong dev rows only;
the held-out split prints its totals and nothing else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answers import answer, answer_none_as_question  # noqa: E402
from bot.render import render_text  # noqa: E402
from knowledge.store import load_default  # noqa: E402
from nlp.parse import default_pipeline, parse  # noqa: E402

DATA = ROOT / "tests" / "data"
TODAY = dt.date(2026, 12, 8)
OPENING = re.compile(r"^\W*(yes|no)\b", re.IGNORECASE)


def read_rows(split: str) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(DATA.glob("answers_blind*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return [row for row in rows if row["split"] == split]


def body_of(text: str) -> str:
    """The answer without its sources section and footer."""
    return text.split("\nSources:\n", 1)[0]


def judge(row: dict[str, Any], text: str, *, strict: bool = True) -> list[str]:
    """Why the answer is wrong (empty when right)."""
    body = body_of(text)
    low = body.lower()
    problems = []
    for group in row["must_include"]:
        if not any(option.lower() in low for option in group):
            problems.append(f"missing one of {group}")
    for claim in row["must_not_include"]:
        if claim.lower() in low:
            problems.append(f"contains {claim!r}")
    opened = OPENING.match(body)
    word = opened.group(1).lower() if opened else None
    expected = row["opening"]
    if expected in ("yes", "no") and word != expected and (strict or word is not None):
        problems.append(f"opens with {word or 'no yes/no'}, expected {expected}")
    if expected in ("none", "hedge") and word is not None:
        problems.append(f"opens with {word!r} on a {expected} question")
    return problems


def score(split: str, show_errors: bool) -> None:
    kb, pipeline = load_default(), default_pipeline()
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    right = lenient = 0
    rows = read_rows(split)
    for row in rows:
        on = dt.date.fromisoformat(row["on"]) if row["on"] else TODAY
        query = answer_none_as_question(parse(row["text"], today=on, pipeline=pipeline))
        text = render_text(answer(query, kb, on=on))
        problems = judge(row, text)
        ok = not problems
        right += ok
        lenient += not judge(row, text, strict=False)
        for table, key in ((by_category, row["category"]), (by_language, row["lang"])):
            table[key][0] += ok
            table[key][1] += 1
        if show_errors and split == "dev" and problems:
            print(f"--- {row['id']} [{row['category']}/{row['lang']}] {row['text']}")
            print("    " + "; ".join(problems))
            print("    " + body_of(text).strip().replace("\n", "\n    ")[:600])
    total = max(len(rows), 1)
    print(
        f"{split}: {right}/{len(rows)} right ({right / total:.1%}); "
        f"{lenient}/{len(rows)} ({lenient / total:.1%}) when a yes/no question may be "
        "answered without the word"
    )
    if split != "dev":
        return
    for title, table in (("category", by_category), ("language", by_language)):
        cells = ", ".join(
            f"{key} {ok}/{n} ({ok / n:.0%})" for key, (ok, n) in sorted(table.items())
        )
        print(f"  by {title}: {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout"], action="append")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    for split in args.split or ["dev", "heldout"]:
        score(split, args.errors)


if __name__ == "__main__":
    main()
