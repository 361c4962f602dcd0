"""Parser speed: pipeline build time, median and p99 per question, questions per second.

Usage: python bench/parse.py [--n 10000]
Mixed questions come from the labelled sets in tests/data (cycled to N). Prints figures only;
nothing here is asserted in CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def questions() -> list[str]:
    texts: list[str] = []
    for name in ("questions.jsonl", "chatter.jsonl", "questions_dev2.jsonl", "chatter_dev2.jsonl"):
        path = ROOT / "tests" / "data" / name
        if path.exists():
            texts += [
                json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()
            ]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()

    started = time.perf_counter()
    import spacy  # noqa: F401  (timed separately: the issue's build target excludes it)

    import_spacy = time.perf_counter() - started
    from knowledge.store import load
    from nlp.parse import parse
    from nlp.pipeline import build_pipeline

    started = time.perf_counter()
    kb = load()
    load_kb = time.perf_counter() - started
    builds = []
    for _ in range(5):
        started = time.perf_counter()
        pipeline = build_pipeline(kb)
        builds.append(time.perf_counter() - started)

    # as the bot (bot/telegram/app.py) and --batch run: what is loaded at start is frozen, out
    # of the garbage collector's full collections
    gc.collect()
    gc.freeze()
    today = dt.date(2026, 11, 28)
    texts = list(itertools.islice(itertools.cycle(questions()), args.n))
    for text in texts[:200]:  # warm-up
        parse(text, today=today, pipeline=pipeline)
    timings = []
    started = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        parse(text, today=today, pipeline=pipeline)
        timings.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    timings.sort()
    print(f"import spacy           {import_spacy * 1000:8.1f} ms")
    print(f"load knowledge base    {load_kb * 1000:8.1f} ms")
    print(f"build pipeline         {statistics.median(builds) * 1000:8.1f} ms (median of 5)")
    print(f"patterns               {len(pipeline.targets):8d} targets")
    print(f"questions              {len(texts):8d}")
    print(f"median per question    {statistics.median(timings) * 1000:8.3f} ms")
    print(f"p99 per question       {timings[int(len(timings) * 0.99)] * 1000:8.3f} ms")
    print(f"throughput             {len(texts) / total:8.0f} questions/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
