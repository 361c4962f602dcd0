"""The on-demand pipeline (``warrantwatch ask``) finds what the full pipeline finds."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.store import KnowledgeBase, load
from nlp.parse import parse
from nlp.pipeline import PendingPattern, Pipeline, build_pipeline, joined_lower
from tests.conftest import TODAY, labelled_texts

PatternsByTokens = dict[tuple[str, ...], list[PendingPattern]]

# Module-level cached builders, not fixtures: hypothesis prints a @given test's fixture
# arguments in its falsifying example, and these run to megabytes.


@cache
def _kb() -> KnowledgeBase:
    return load(today=TODAY)


@cache
def _pipeline() -> Pipeline:
    return build_pipeline(_kb())


@cache
def _patterns_by_tokens() -> PatternsByTokens:
    """Every ruler pattern, keyed by its tokens' lower-cased texts (what the matcher compares)."""
    pipeline = _pipeline()
    on_demand = build_pipeline(_kb(), on_demand=True)
    by_tokens: PatternsByTokens = defaultdict(list)
    for pending in on_demand.pending:
        doc = pipeline.nlp.make_doc(pending.pattern["pattern"])
        by_tokens[tuple(token.lower_ for token in doc)].append(pending)
    return by_tokens


@cache
def _phrases() -> tuple[str, ...]:
    patterns = _patterns_by_tokens().values()
    return tuple(sorted(p.pattern["pattern"] for ps in patterns for p in ps))


def _assert_kept_for_every_match(text: str) -> None:
    pipeline, patterns_by_tokens = _pipeline(), _patterns_by_tokens()
    doc, entities = pipeline.match(text)
    joined = joined_lower(doc)
    for entity in entities:
        tokens = tuple(token.lower_ for token in doc[entity.start : entity.end])
        candidates = patterns_by_tokens.get(tokens)
        assert candidates, tokens
        assert any(p.could_match(joined) for p in candidates), (text, tokens)


def test_on_demand_filter_keeps_every_pattern_the_full_pipeline_matches_in_labelled_texts() -> (
    None
):
    texts = labelled_texts()
    assert len(texts) > 2500
    for text in texts:
        _assert_kept_for_every_match(text)


_GLUE = st.sampled_from([" ", "", ".", ". ", "'s ", "-", ", ", " (", ") ", "'", " . ", "/"])


@settings(max_examples=250, deadline=None)
@given(data=st.data())
def test_on_demand_filter_keeps_every_match_when_aliases_are_glued_oddly(
    data: st.DataObject,
) -> None:
    parts = data.draw(st.lists(st.sampled_from(_phrases()), min_size=1, max_size=4))
    text = ""
    for part in parts:
        text += data.draw(_GLUE) + data.draw(st.sampled_from([part, part.upper(), part.title()]))
    _assert_kept_for_every_match(text)


def test_on_demand_pipeline_parses_labelled_texts_like_the_full_pipeline(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    on_demand = build_pipeline(kb, on_demand=True)
    before = len(on_demand.pending)
    for text in labelled_texts()[::7]:
        assert parse(text, today=TODAY, pipeline=on_demand) == parse(
            text, today=TODAY, pipeline=pipeline
        ), text
    assert 0 < len(on_demand.pending) < before  # patterns were registered, not all of them


def test_fresh_on_demand_pipeline_answers_the_seed_question_like_the_full_one(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    seed = "Will Vladimir Putin be arrested in Kyrgyzstan?"
    on_demand = build_pipeline(kb, on_demand=True)
    query = parse(seed, today=TODAY, pipeline=on_demand)
    assert query == parse(seed, today=TODAY, pipeline=pipeline)
    assert [m.id for m in query.people] == ["vladimir-putin"]
    assert [m.id for m in query.countries] == ["KG"]
