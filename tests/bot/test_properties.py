"""Invariants over arbitrary input (hypothesis): never an exception, always sourced and valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers import answer, answer_none_as_question
from bot.render import render_html, render_text
from knowledge.store import KnowledgeBase
from nlp.parse import parse
from nlp.pipeline import Pipeline
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
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=14).map(" ".join))
CANNOT_ANSWER = {"unknown", "out_of_scope", "clarify"}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_properties_any_text_gets_a_valid_sourced_answer(
    text: str, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    query = answer_none_as_question(parse(text, today=TODAY, pipeline=pipeline))
    result = answer(query, kb, on=TODAY)
    assert result.headline
    if result.verdict not in CANNOT_ANSWER:
        assert len(result.sources) >= 1
    check_html(render_html(result))
    assert render_text(result).endswith("\n")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=TEXT, second=TEXT)
def test_properties_followups_never_raise(
    first: str, second: str, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    context = parse(first, today=TODAY, pipeline=pipeline)
    query = parse(second, context=context, today=TODAY, pipeline=pipeline)
    answer(answer_none_as_question(query), kb, on=TODAY)
