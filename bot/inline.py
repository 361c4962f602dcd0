"""Inline mode candidates: the main answer plus related ones (pure, no Telegram)."""

from __future__ import annotations

import datetime as dt

from bot.answers import EXAMPLES, Answer, answer, answer_none_as_question
from knowledge.store import KnowledgeBase
from nlp.parse import parse
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
    base = answer_none_as_question(parse(text, today=today, pipeline=pipeline))
    queries: list[Query] = [base]
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
    results: list[Answer] = []
    seen: set[str] = set()
    for query in queries:
        if query is not base and query.intent not in IN_SCOPE_INTENTS:
            continue
        result = answer(query, kb, on=today)
        if result.headline not in seen:
            seen.add(result.headline)
            results.append(result)
        if len(results) == MAX_RESULTS:
            break
    return results


def _ask(text: str, kb: KnowledgeBase, pipeline: Pipeline, today: dt.date) -> Answer:
    query = answer_none_as_question(parse(text, today=today, pipeline=pipeline))
    return answer(query, kb, on=today)
