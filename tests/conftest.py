"""Shared fixtures: the packaged knowledge base and pipeline, built once per test session."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from knowledge.store import KnowledgeBase, load
from nlp.pipeline import Pipeline, build_pipeline

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 28)
"""The date the facts were checked; tests pin it so they do not drift with the calendar."""


def read_jsonl(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def labelled_texts() -> list[str]:
    """Every text of every labelled file (questions, chatter, trip titles and summaries)."""
    texts = []
    for path in sorted(DATA.glob("*.jsonl")):
        for row in read_jsonl(path.name):
            texts += [row[f] for f in ("text", "question", "title", "summary") if row.get(f)]
    return texts


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load(today=TODAY)


@pytest.fixture(scope="session")
def pipeline(kb: KnowledgeBase) -> Pipeline:
    return build_pipeline(kb)


# python-telegram-bot 22 warns (PTBDeprecationWarning) when RetryAfter carries plain seconds
# unless PTB_TIMEDELTA is set; tests run with warnings as errors, and the bot sets it at start-up.
os.environ.setdefault("PTB_TIMEDELTA", "1")
