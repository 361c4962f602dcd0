"""One question in, its Query (for follow-ups) and its JSON answer out: the CLI's unit of work."""

from __future__ import annotations

import datetime as dt

from bot.answers import answer, answer_none_as_question
from bot.render import answer_json
from knowledge.store import KnowledgeBase
from nlp.parse import parse
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
    """Parse and answer one question; returns the Query (for follow-ups) and the JSON form."""
    query = answer_none_as_question(parse(text, context=context, today=today, pipeline=pipeline))
    return query, answer_json(answer(query, kb, on=today))
