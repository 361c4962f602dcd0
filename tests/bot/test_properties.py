"""Invariants over arbitrary input (hypothesis): never an exception, always sourced and valid.

The knowledge base and the pipeline come from module-level cached functions, not fixtures: a
fixture argument of a ``@given`` test is part of the falsifying example hypothesis prints, and
theirs runs to megabytes (with warnings as errors, the report is then a warning about its size).
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.answers import EXAMPLES, GUIDE_INTENTS, Answer, answer, answer_none_as_question
from bot.render import render_html, render_text
from knowledge.store import KnowledgeBase, load
from nlp.parse import parse
from nlp.pipeline import Pipeline, build_pipeline
from nlp.query import Query
from tests.bot.test_render import check_html
from tests.conftest import TODAY

WORDS = st.sampled_from(
    [
        "putin",
        "netanyahu",
        "mongolia",
        "kyrgyzstan",
        "arrest",
        "will",
        "be",
        "in",
        "icc",
        "?",
        "warrant",
        "hungary",
        "<b>",
        "&",
        "what",
        "about",
        "congo",
        "2024",
        "next week",
        "bibi",
        "how many",
        "crimea",
        "🇲🇳",
        "\u202e",
        "the taliban leader",
        "trips",
        "where can",
        "hello",
        "help",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=14).map(" ".join))
CANNOT_ANSWER = {"unknown", "out_of_scope", "clarify"}


@cache
def _kb() -> KnowledgeBase:
    return load(today=TODAY)


@cache
def _pipeline() -> Pipeline:
    return build_pipeline(_kb())


def _ask(text: str, context: Query | None = None) -> Answer:
    query = parse(text, context=context, today=TODAY, pipeline=_pipeline())
    return answer(answer_none_as_question(query), _kb(), on=TODAY)


@cache
def _guide(intent: str) -> Answer:
    """The guide (greeting or help) as answered to an empty message."""
    return answer(Query(text="", intent=intent), _kb(), on=TODAY)


def _claims(result: Answer) -> tuple[object, ...]:
    """What an answer says, apart from the question and notices about it."""
    return (result.headline, result.points, result.precedents, result.hedges, result.sources)


def assert_every_fact_is_sourced(result: Answer) -> None:
    """Any answer that states a fact cites a source.

    Only non-answers (unknown, out of scope, clarify) and the guide state none; the guide is
    the same whatever the message was.
    """
    if result.verdict in CANNOT_ANSWER:
        return
    if result.intent in GUIDE_INTENTS and result.verdict == "info":
        assert _claims(result) == _claims(_guide(result.intent))
        return
    assert len(result.sources) >= 1, result.headline


@pytest.mark.parametrize("intent", sorted(GUIDE_INTENTS))
def test_properties_the_guide_states_no_fact(intent: str) -> None:
    guide = _guide(intent)
    assert guide.verdict == "info" and guide.headline
    assert not (guide.sources or guide.precedents or guide.hedges)
    assert not (guide.people or guide.countries)
    for point in guide.points:  # example questions only
        label, _, questions = point.partition(": ")
        assert label in ("Try", "Example") and set(questions.split(" / ")) <= set(EXAMPLES)


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
@example(text="OI")
@example(text="hello")
@example(text="Hola")
@example(text="bonjour")
@example(text="Hallo")
@example(text="olá")
@example(text="привет")
@example(text="Merhaba")
@example(text="cześć")
@example(text="namaste")
@example(text="/help")
def test_properties_any_text_gets_a_valid_sourced_answer(text: str) -> None:
    result = _ask(text)
    assert result.headline
    assert_every_fact_is_sourced(result)
    check_html(render_html(result))
    assert render_text(result).endswith("\n")


@settings(max_examples=100, deadline=None)
@given(first=TEXT, second=TEXT)
def test_properties_followups_never_raise(first: str, second: str) -> None:
    context = parse(first, today=TODAY, pipeline=_pipeline())
    assert_every_fact_is_sourced(_ask(second, context))
