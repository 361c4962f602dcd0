"""Answer speed: parse + answer + render in-process, a cold `warrantwatch ask`, and --batch.

Usage: python bench/answer.py [--n 5000] [--batch 20000] [--cold 5]
Prints medians and p99; nothing here is asserted in CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.parse import questions  # noqa: E402


def in_process(n: int) -> None:
    from bot.answers import answer, answer_none_as_question
    from bot.render import render_html, render_text
    from knowledge.store import load_default
    from nlp.parse import default_pipeline, parse

    kb, pipeline = load_default(), default_pipeline()
    gc.collect()
    gc.freeze()  # as the bot and --batch run (see bench/parse.py)
    today = dt.date(2026, 11, 28)
    texts = list(itertools.islice(itertools.cycle(questions()), n))
    timings = []
    for text in texts:
        started = time.perf_counter()
        query = answer_none_as_question(parse(text, today=today, pipeline=pipeline))
        result = answer(query, kb, on=today)
        render_text(result)
        render_html(result)
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(
        f"parse+answer+render    median {statistics.median(timings) * 1000:.3f} ms, "
        f"p99 {timings[int(len(timings) * 0.99)] * 1000:.3f} ms over {n} questions"
    )


def executable() -> str:
    found = shutil.which("warrantwatch", path=str(Path(sys.executable).parent))
    return found or "warrantwatch"


def cold(runs: int) -> None:
    """Wall time of whole ``warrantwatch ask`` processes, with bytecode compiled as ``pip install``
    leaves it (an editable install under PYTHONDONTWRITEBYTECODE would compile the sources on
    every run): an untimed first run writes it to a scratch PYTHONPYCACHEPREFIX.
    """
    command = [executable(), "ask", "Will Vladimir Putin be arrested in Kyrgyzstan?"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(command, check=True, capture_output=True, env=env)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            timings.append(time.perf_counter() - started)
    print(
        f"cold `warrantwatch ask` median {statistics.median(timings):.2f} s "
        f"(min {min(timings):.2f}, max {max(timings):.2f}) over {runs} runs, bytecode compiled"
    )


def _run_batch(texts: list[str], jobs: int) -> tuple[float, float]:
    """(total seconds, start-up seconds) of one ``--batch`` process over ``texts``."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(t.replace("\n", " ") for t in texts) + "\n")
    try:
        started = time.perf_counter()
        small = subprocess.run(
            [executable(), "ask", "--batch", "-", "--jobs", str(jobs)],
            input="hello\n",
            text=True,
            capture_output=True,
            check=True,
        )
        startup = time.perf_counter() - started
        started = time.perf_counter()
        result = subprocess.run(
            [executable(), "ask", "--batch", f.name, "--jobs", str(jobs)],
            text=True,
            capture_output=True,
            check=True,
        )
        total = time.perf_counter() - started
    finally:
        os.unlink(f.name)
    lines = result.stdout.count("\n")
    assert lines == len(texts) and small.stdout.count("\n") == 1, (lines, len(texts))
    return total, startup


def batch(n: int) -> None:
    """--batch over n questions cycled from the labelled data (repeats are answered from the
    batch's memory), and over every distinct labelled text once; one worker and the default.
    """
    repeated = list(itertools.islice(itertools.cycle(questions()), n))
    distinct = list(dict.fromkeys(all_texts()))
    from bot.batch import default_jobs

    for label, texts in ((f"{n} cycled", repeated), (f"{len(distinct)} distinct", distinct)):
        for jobs in sorted({1, default_jobs()}):
            total, startup = _run_batch(texts, jobs)
            print(
                f"--batch {label:15} --jobs {jobs}: {total:.1f} s total, start-up "
                f"~{startup:.1f} s, {len(texts) / max(total - startup, 1e-9):.0f} answers/s "
                "after start-up"
            )


def all_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = row.get("text") or row.get("question") or row.get("title")
            if text:
                texts.append(str(text))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=20_000)
    parser.add_argument("--cold", type=int, default=5)
    args = parser.parse_args()
    in_process(args.n)
    cold(args.cold)
    batch(args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
