"""Invariants over arbitrary messages (hypothesis): one valid reply, sources numbered once."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.message import MAX_PARTS, answer_message
from knowledge.store import KnowledgeBase, load
from nlp.pipeline import Pipeline, build_pipeline
from nlp.split import MAX_PIECES, split_message
from tests.bot.test_properties import TEXT
from tests.bot.test_render import check_html
from tests.conftest import TODAY

JOINS = st.sampled_from(["? ", "? and ", ", and is ", ". ", "\n", "\n2. ", " and also ", "؟ "])
MESSAGE = st.one_of(
    TEXT,
    st.lists(st.tuples(TEXT, JOINS), min_size=1, max_size=5).map(
        lambda parts: "".join(text + join for text, join in parts)
    ),
)


@cache
def _kb() -> KnowledgeBase:
    return load(today=TODAY)


@cache
def _pipeline() -> Pipeline:
    return build_pipeline(_kb())


@settings(max_examples=300, deadline=None)
@given(text=MESSAGE)
def test_any_message_is_split_into_a_few_pieces(text: str) -> None:
    pieces = split_message(text)
    assert 1 <= len(pieces) <= MAX_PIECES
    assert all(piece.text.strip() for piece in pieces) or not text.strip()


@settings(max_examples=200, deadline=None)
@given(text=MESSAGE)
def test_any_message_gets_one_valid_reply(text: str) -> None:
    reply = answer_message(text, _kb(), today=TODAY, pipeline=_pipeline())
    assert 1 <= len(reply.parts) <= MAX_PARTS
    check_html(reply.html())
    assert reply.text().endswith("\n") and reply.text().count("Facts as of") == 1
    numbers = [source.number for source in reply.answer.sources]
    assert numbers == list(range(1, len(numbers) + 1))
    merged = {source.url: source.number for source in reply.answer.sources}
    for shown in reply.shown:
        assert all(merged[source.url] == source.number for source in shown.answer.sources)
    assert (len(reply.parts) > 1) == ("parts" in reply.json())
