"""Inline mode candidates: the answer to each question asked, then related ones (pure, no
Telegram). A result is sent as one message, so several questions give one result each.
"""

from __future__ import annotations

import datetime as dt

from bot.answers import EXAMPLES, Answer
from bot.message import answer_message, answer_query
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from nlp.query import IN_SCOPE_INTENTS, Query

MAX_RESULTS = 5


def inline_answers(
    text: str, kb: KnowledgeBase, pipeline: Pipeline, today: dt.date
) -> list[Answer]:
    """Up to five answers for an inline query; example questions when it is empty."""
    text = text.strip()
    if not text:
        return [_ask(example, kb, pipeline, today) for example in EXAMPLES[:MAX_RESULTS]]
    reply = answer_message(text, kb, today=today, pipeline=pipeline)
    results: list[Answer] = []
    seen: set[str] = set()
    for result in [part.answer for part in reply.parts] + _related(
        reply.parts[0].query, kb, today
    ):
        if result.headline not in seen:
            seen.add(result.headline)
            results.append(result)
        if len(results) == MAX_RESULTS:
            break
    return results


def _related(base: Query, kb: KnowledgeBase, today: dt.date) -> list[Answer]:
    """The warrant and travel options of the first two people, the status of two countries."""
    queries: list[Query] = []
    for mention in base.people[:2]:
        single = (mention,)
        queries.append(
            base.model_copy(update={"intent": "person_warrant", "people": single, "countries": ()})
        )
        queries.append(
            base.model_copy(update={"intent": "travel_options", "people": single, "countries": ()})
        )
    for mention in base.countries[:2]:
        queries.append(
            base.model_copy(
                update={"intent": "country_status", "people": (), "countries": (mention,)}
            )
        )
    return [
        answer_query(query, kb, today) for query in queries if query.intent in IN_SCOPE_INTENTS
    ]


def _ask(text: str, kb: KnowledgeBase, pipeline: Pipeline, today: dt.date) -> Answer:
    return answer_message(text, kb, today=today, pipeline=pipeline).answer
