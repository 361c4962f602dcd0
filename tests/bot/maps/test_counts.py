"""The map's classes and counts are the answers' ("which countries must arrest X?")."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.answers import answer
from bot.maps import text
from bot.maps.classes import obligations
from knowledge.rules import assess
from knowledge.store import KnowledgeBase
from nlp.query import Mention, Query

TODAY = dt.date(2026, 12, 8)
CASES = [
    ("vladimir-putin", TODAY),
    ("vladimir-putin", dt.date(2024, 9, 2)),
    ("benjamin-netanyahu", TODAY),
    ("omar-al-bashir", TODAY),
    ("omar-al-bashir", dt.date(2024, 9, 2)),
    ("omar-al-bashir", dt.date(2012, 1, 1)),
]
HEADLINE = re.compile(
    r"^(\d+) states must arrest .*? the States Parties to the Rome Statute"
    r"(?: plus (.+?) \(bound in its own situation\))?\. The other (\d+) states"
)


def travel_answer(kb: KnowledgeBase, person: str, on: dt.date) -> tuple[int, str | None, int, str]:
    query = Query(
        text="",
        intent="travel_options",
        people=(Mention(id=person, text=person, via="context"),),
        is_question=True,
        confidence=0.9,
    )
    result = answer(query, kb, on=on)
    match = HEADLINE.match(result.headline)
    assert match, result.headline
    leaving = next((p for p in result.points if p.startswith("Still bound although")), "")
    return int(match[1]), match[2], int(match[3]), leaving


@pytest.mark.parametrize(("person", "on"), CASES)
def test_counts_equal_the_answer(kb: KnowledgeBase, person: str, on: dt.date) -> None:
    parties, plus, others, leaving = travel_answer(kb, person, on)
    facts = obligations(kb, person, on)
    assert facts.parties == parties
    assert [s.name for s in facts.bound_in_situation] == ([plus] if plus else [])
    assert facts.must_arrest() == parties + (1 if plus else 0)
    assert facts.count("no_duty") + facts.count("own_state") == others
    for state in facts.of("contested"):
        if state.why == "leaving":
            assert state.name in leaving


def number(row: str) -> int:
    found = re.search(r"(\d+) states?", row)
    assert found, row
    return int(found[1])


@pytest.mark.parametrize(("person", "on"), CASES)
def test_counts_legend_shows_the_answer_numbers(
    kb: KnowledgeBase, person: str, on: dt.date
) -> None:
    parties, plus, others, _ = travel_answer(kb, person, on)
    facts = obligations(kb, person, on)
    rows = {row.klass: row.text for row in text.legend(facts)}
    shown = {k: number(v) for k, v in rows.items() if k != "own_state"}
    own = len(facts.of("own_state"))
    assert shown["must"] + shown.get("contested", 0) == parties + (1 if plus else 0)
    assert shown["no_duty"] + own == others
    assert f"{parties + (1 if plus else 0)} of {len(kb.states)} states must arrest" in (
        text.summary(facts, len(kb.states))
    )


@pytest.mark.parametrize(("person", "on"), CASES)
def test_counts_every_state_as_assess_says(kb: KnowledgeBase, person: str, on: dt.date) -> None:
    expected = {
        "obliged": {"must", "contested"},
        "obliged_disputed": {"contested"},
        "not_obliged": {"no_duty"},
        "own_state": {"own_state"},
    }
    facts = obligations(kb, person, on)
    for code, state in facts.states.items():
        verdict = assess(kb, person, code, on).verdict
        assert state.klass in expected[verdict], (code, verdict, state.klass)
        if state.klass == "contested" and state.why == "leaving":
            assert assess(kb, person, code, on).country.withdrawal_state == "pending"  # type: ignore[union-attr]


def test_counts_sudan_is_bound_for_al_bashir_not_for_putin(kb: KnowledgeBase) -> None:
    assert obligations(kb, "omar-al-bashir", TODAY).states["SD"].klass == "must"
    assert obligations(kb, "omar-al-bashir", TODAY).states["SD"].why == "referral"
    assert obligations(kb, "vladimir-putin", TODAY).states["SD"].klass == "no_duty"


def test_counts_no_warrant_yet_means_no_class(kb: KnowledgeBase) -> None:
    facts = obligations(kb, "benjamin-netanyahu", dt.date(2024, 9, 2))
    assert facts.standing == "no_warrant"
    assert facts.must_arrest() == 0
    assert facts.count("not_wanted") == len(kb.states)
    assert "21 November 2024" in text.subtitle(facts)


def test_counts_trips_bound_at_the_time(kb: KnowledgeBase) -> None:
    facts = obligations(kb, "vladimir-putin", TODAY)
    bound = {(m.host, m.trip.start.year) for m in facts.trips if m.bound}
    assert bound == {("MN", 2024), ("TJ", 2025)}
    hosts = {m.host for m in facts.trips}
    assert {"KG", "CN", "IN", "US"} <= hosts
    assert "ZA" not in hosts and "BR" not in hosts  # skipped trips are not visits
    before = obligations(kb, "vladimir-putin", dt.date(2024, 9, 1))
    assert "MN" not in {m.host for m in before.trips}
