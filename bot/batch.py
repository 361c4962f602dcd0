"""``warrantwatch ask --batch``: one question per line in, one JSON object per line out, in order.

The pipeline is built once, before any worker starts; with ``jobs > 1`` forked workers share it
(copy-on-write) and answer chunks of lines, and the output keeps the input order. A question
repeated in the same batch is answered once: an answer is a pure function of the text, the date
and the (immutable) knowledge base.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from bot.ask import answer_question
from knowledge.store import KnowledgeBase
from nlp.parse import default_pipeline

CHUNK = 256
"""Lines per unit of work sent to a worker."""
MEMO_SIZE = 4096


class BatchAnswerer:
    """Answers lines as JSON, remembering the most recent distinct questions."""

    def __init__(self, kb: KnowledgeBase, today: dt.date) -> None:
        self.kb = kb
        self.today = today
        self.memo: OrderedDict[str, bytes] = OrderedDict()

    def line(self, question: str) -> bytes:
        cached = self.memo.get(question)
        if cached is not None:
            self.memo.move_to_end(question)
            return cached
        result = to_json(answer_question(question, self.kb, self.today)[1])
        self.memo[question] = result
        if len(self.memo) > MEMO_SIZE:
            self.memo.popitem(last=False)
        return result

    def chunk(self, questions: list[str]) -> list[bytes]:
        return [self.line(question) for question in questions]


def to_json(value: Any) -> bytes:
    """One line of JSON as UTF-8, characters as they are (like ``ensure_ascii=False``).

    orjson encodes an answer (12 KB of text and HTML) ten times faster than ``json.dumps``:
    that was a sixth of a --batch line. Bytes, not text: workers send them to the parent and
    the parent writes them out as they are (decoding, pickling and re-encoding 12 KB strings
    kept the parent busy). Text that is not valid UTF-8 (a lone surrogate from a badly encoded
    input line) falls back to ``json``, which writes it escaped.
    """
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return json.dumps(value).encode()


_worker: BatchAnswerer | None = None
"""The answerer of a forked worker (inherited from the parent, memo included)."""


def _answer_chunk(questions: list[str]) -> list[bytes]:
    assert _worker is not None
    return _worker.chunk(questions)


def default_jobs() -> int:
    """One worker per CPU this process may use, at most four."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def answer_lines(
    lines: Iterable[str], kb: KnowledgeBase, today: dt.date, *, jobs: int = 1
) -> Iterator[bytes]:
    """JSON answers (UTF-8, no newline) for ``lines`` (trailing newlines stripped), in order."""
    global _worker
    default_pipeline()  # built before forking, so the workers share it
    answerer = BatchAnswerer(kb, today)
    questions = (line.rstrip("\r\n") for line in lines)
    fork = "fork" in multiprocessing.get_all_start_methods()
    # What is loaded by now lives as long as the batch: frozen, full collections skip it (and
    # forked workers do not copy the pages the collector would otherwise touch)
    gc.collect()
    gc.freeze()
    try:
        if jobs <= 1 or not fork:
            for question in questions:
                yield answerer.line(question)
            return
        chunks = iter(lambda: list(itertools.islice(questions, CHUNK)), [])
        first = next(chunks, None)
        if first is None:
            return
        if len(first) < CHUNK:  # a short batch: not worth starting workers
            yield from answerer.chunk(first)
            return
        _worker = answerer
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for answered in pool.imap(_answer_chunk, itertools.chain([first], chunks)):
                yield from answered
    finally:
        _worker = None
        gc.unfreeze()
