"""One message in, its Query (for follow-ups) and its JSON answer out: the CLI's unit of work."""

from __future__ import annotations

import datetime as dt

from bot.message import answer_message
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from nlp.query import Query


def answer_question(
    text: str,
    kb: KnowledgeBase,
    today: dt.date,
    context: Query | None = None,
    *,
    pipeline: Pipeline | None = None,
) -> tuple[Query, dict[str, object]]:
    """Answer every question in ``text``; returns the last Query (for follow-ups) and the JSON
    form (with ``parts`` when the message asks several questions).
    """
    reply = answer_message(text, kb, today=today, context=context, pipeline=pipeline)
    return reply.context, reply.json()
