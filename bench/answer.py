"""Answer speed: parse + answer + render in-process, a cold `warrantwatch ask`, and --batch.

Usage: python bench/answer.py [--n 5000] [--batch 20000] [--cold 5] [--runs 3]
Prints medians and p99; nothing here is asserted in CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

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


class BatchRun(NamedTuple):
    """Wall and CPU seconds (workers included) of a batch and of a one-line batch beside it."""

    total: float
    startup: float
    cpu: float
    startup_cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_batch(texts: list[str], jobs: int) -> BatchRun:
    """One ``--batch`` process over ``texts``, and a one-line batch for its start-up.

    The answers go to a file, as in ``warrantwatch ask --batch in.txt > out.jsonl``: a pipe read
    by this process would make it compete with the workers for the same two cores (reading and
    decoding 130 MB of answers cost the 20,000-line figure a third of its rate).
    """
    with tempfile.TemporaryDirectory() as scratch:
        source, answers = Path(scratch, "questions.txt"), Path(scratch, "answers.jsonl")
        source.write_text("\n".join(t.replace("\n", " ") for t in texts) + "\n", "utf-8")
        command = [executable(), "ask", "--batch"]
        cpu = _children_cpu()
        started = time.perf_counter()
        small = subprocess.run(
            [*command, "-", "--jobs", str(jobs)],
            input="hello\n",
            text=True,
            capture_output=True,
            check=True,
        )
        startup = time.perf_counter() - started
        after_startup = _children_cpu()
        startup_cpu, cpu = after_startup - cpu, after_startup
        with answers.open("wb") as out:
            started = time.perf_counter()
            subprocess.run([*command, str(source), "--jobs", str(jobs)], stdout=out, check=True)
            total = time.perf_counter() - started
        cpu = _children_cpu() - cpu
        with answers.open("rb") as out:
            lines = sum(1 for _ in out)
    assert lines == len(texts) and small.stdout.count("\n") == 1, (lines, len(texts))
    return BatchRun(total, startup, cpu, startup_cpu)


VARIANTS = (
    "{}",
    "Quick question: {}",
    "{} Thanks.",
    "Hi! {}",
    "{} (asking for a friend)",
    "Sorry if this was asked before. {}",
)
"""Ways people wrap the same question: they make the labelled texts into distinct lines."""


def distinct_questions(texts: list[str], n: int) -> list[str]:
    """``n`` distinct lines: every text of ``texts``, then each wrapped as in VARIANTS,
    shuffled with a fixed seed so both workers get the same mix. No line repeats, so the
    batch's memory of repeated questions never helps; this is the throughput of new questions.
    """
    lines = dict.fromkeys(variant.format(text) for variant in VARIANTS for text in texts)
    if len(lines) < n:
        raise SystemExit(f"only {len(lines)} distinct questions; ask for fewer")
    chosen = list(lines)[:n]
    random.Random(0).shuffle(chosen)
    return chosen


def batch(n: int, runs: int) -> None:
    """--batch over ``n`` distinct questions, over each labelled text once, and over ``n``
    questions cycled from the labelled data (repeats are answered from the batch's memory); one
    worker and the default. Each figure is the median of ``runs`` runs; start-up is a one-line
    batch timed next to each run.
    """
    repeated = list(itertools.islice(itertools.cycle(questions()), n))
    from bot.batch import default_jobs

    labelled = list(dict.fromkeys(all_texts()))
    figures = (
        (f"{n} distinct", distinct_questions(labelled, n)),
        (f"{len(labelled)} labelled", labelled),  # each labelled text once, unwrapped
        (f"{n} cycled", repeated),
    )
    for label, texts in figures:
        for jobs in sorted({1, default_jobs()}):
            runs_ = [_run_batch(texts, jobs) for _ in range(runs)]
            rates = [len(texts) / max(r.total - r.startup, 1e-9) for r in runs_]
            cpu_ms = [(r.cpu - r.startup_cpu) / len(texts) * 1000 for r in runs_]
            print(
                f"--batch {label:15} --jobs {jobs}: {statistics.median(rates):.0f} answers/s "
                f"after start-up (median of {runs}; min {min(rates):.0f}, max {max(rates):.0f}), "
                f"{statistics.median(cpu_ms):.3f} ms CPU per line, "
                f"{statistics.median(r.total for r in runs_):.1f} s total, start-up "
                f"~{statistics.median(r.startup for r in runs_):.1f} s"
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
    parser.add_argument("--runs", type=int, default=3, help="--batch runs per figure")
    args = parser.parse_args()
    in_process(args.n)
    cold(args.cold)
    batch(args.batch, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
