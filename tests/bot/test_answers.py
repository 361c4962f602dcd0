"""Answers: golden cases (key facts present, false claims absent) and answer-level rules."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.answers import Answer, answer, answer_none_as_question
from bot.render import render_text
from knowledge.store import KnowledgeBase
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY, read_jsonl

GOLDEN = read_jsonl("golden_answers.jsonl")


def ask(text: str, kb: KnowledgeBase, pipeline: Pipeline, on: dt.date = TODAY) -> Answer:
    query = answer_none_as_question(parse(text, today=on, pipeline=pipeline))
    return answer(query, kb, on=on)


@pytest.mark.parametrize("case", GOLDEN, ids=[c["question"][:60] for c in GOLDEN])
def test_answers_golden(case: dict[str, Any], kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask(case["question"], kb, pipeline, dt.date.fromisoformat(case["on"]))
    text = render_text(result).casefold()
    assert result.verdict == case["verdict"], case["note"]
    for fact in case["must"]:
        assert fact.casefold() in text, f"missing {fact!r}: {case['note']}"
    for claim in case["must_not"]:
        assert claim.casefold() not in text, f"false claim {claim!r}"


def test_answers_golden_set_is_large_enough() -> None:
    assert len(GOLDEN) >= 60


def test_answers_seed_headline(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("Will Vladimir Putin be arrested in Kyrgyzstan?", kb, pipeline)
    assert result.headline == (
        "Kyrgyzstan is not obliged to arrest Vladimir Putin: it signed the Rome Statute in 1998 "
        "but never ratified it."
    )
    assert result.verdict == "not_obliged"
    assert result.as_of == kb.as_of
    assert any("treaties.un.org" in s.url for s in result.sources)


def test_answers_never_predict_an_arrest(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    forecast = re.compile(r"\bwill (?:not )?be arrested\b|\bwill (?:not )?arrest\b", re.I)
    for case in GOLDEN:
        result = ask(case["question"], kb, pipeline, dt.date.fromisoformat(case["on"]))
        assert not forecast.search(render_text(result)), case["question"]


def test_answers_hedge_probable_facts(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("Is Hungary still a member of the ICC?", kb, pipeline)
    assert result.verdict == "state_party"
    assert result.certainty == "probable"
    assert any("probable" in hedge for hedge in result.hedges)


def test_answers_obligation_versus_practice(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("Will Putin be arrested in Mongolia?", kb, pipeline)
    text = render_text(result)
    assert result.verdict == "obliged"
    assert "not a forecast" in text
    assert "24 October 2024" in text  # the non-compliance finding is shown as precedent


def test_answers_multiple_people_lead_with_the_warrant_subject(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    result = ask(
        "If Trump and Putin meet in Budapest, does Hungary have to arrest anyone?", kb, pipeline
    )
    assert result.people[0].id == "vladimir-putin"
    assert result.verdict == "obliged"
    assert any("Donald Trump" in point for point in result.points)


def test_answers_unknown_person_is_honest(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("Will Elon Musk be arrested in France?", kb, pipeline)
    assert result.verdict == "no_warrant"
    assert "Elon Musk" in result.headline
    assert result.certainty != "verified"


def test_answers_out_of_scope_and_unknown_give_examples(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    cricket = ask("who won the icc cricket world cup", kb, pipeline)
    assert cricket.verdict == "out_of_scope" and "Cricket" in cricket.headline
    gibberish = ask("asdf qwer zxcv", kb, pipeline)
    assert gibberish.verdict in ("unknown", "out_of_scope")
    assert any("Kyrgyzstan" in point for point in gibberish.points)


def test_answers_clarify_ambiguous_places(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("will putin be arrested in congo", kb, pipeline)
    assert result.verdict == "clarify"
    result = ask("is congo in the icc", kb, pipeline)
    assert result.verdict == "clarify"
    assert "DR Congo" in result.headline and "Republic of the Congo" in result.headline


def test_answers_truncated_question_says_so(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("will putin be arrested in mongolia " * 3000, kb, pipeline)
    assert result.notices and "long" in result.notices[0]


def test_answers_every_intent_gets_a_real_answer(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    for row in read_jsonl("questions.jsonl"):
        result = ask(row["text"], kb, pipeline)
        assert result.headline
        if result.verdict not in ("unknown", "out_of_scope", "clarify", "info"):
            assert result.sources, row["text"]
