"""``answer(query, kb, on=date) -> Answer``: the product's voice, pure and sourced.

The headline answers the question in one sentence; the rest lets a sceptical reader check it.
Obligations and the record only: an arrest is never predicted. Each family of questions is
composed in its own module under ``bot.compose``; this module picks the one that fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.compose.arrest import arrest_risk
from bot.compose.case_stage import case_stage
from bot.compose.country import country_status
from bot.compose.jurisdiction import jurisdiction
from bot.compose.lists import member_count, person_trips, travel_options, warrant_list
from bot.compose.opening import first_aspect, open_answer
from bot.compose.person import person_warrant
from bot.compose.prediction import prediction
from bot.compose.sheet import Answer, CountryRef, Draft, PersonRef, SourceRef, Verdict
from bot.compose.talk import (
    EXAMPLES,
    clarify,
    explain,
    greeting,
    help_guide,
    out_of_scope,
    unknown,
)
from bot.compose.why_not import why_not_arrested
from knowledge.store import KnowledgeBase
from nlp.query import Query

__all__ = [
    "EXAMPLES",
    "GUIDE_INTENTS",
    "Answer",
    "CountryRef",
    "PersonRef",
    "SourceRef",
    "Verdict",
    "answer",
    "answer_none_as_question",
]

GUIDE_INTENTS = frozenset({"greeting", "help"})
"""Intents answered with the bot's guide (what it does, example questions), verdict 'info'.

The guide states no fact, so it cites no source; every other answer that states a fact does.
"""

_HANDLERS: dict[str, Callable[[Draft], None]] = {
    "arrest_risk": arrest_risk,
    "country_status": country_status,
    "person_warrant": person_warrant,
    "warrant_list": warrant_list,
    "travel_options": travel_options,
    "person_trips": person_trips,
    "member_count": member_count,
    "explain": explain,
    "greeting": greeting,
    "help": help_guide,
    "out_of_scope": out_of_scope,
    "none": unknown,
}
_TYPE_HANDLERS: dict[str, Callable[[Draft], bool]] = {
    "case_stage": case_stage,
    "jurisdiction": jurisdiction,
    "why_not_arrested": why_not_arrested,
    "prediction": prediction,
}
"""Handlers of the question types that refine an intent; each returns False when it has
nothing to answer with, and the intent's own handler answers instead."""
_MEMBERSHIP: tuple[str, ...] = ("member", "joined", "left", "signed")
_CASE_FIRST = frozenset(
    {
        "trial",
        "conviction",
        "acquittal",
        "sentence",
        "confirmation",
        "counts",
        "fitness",
        "unfit",
        "appeal",
        "judges",
        "challenge",
        "stage",
    }
)
_ANSWERS_MEMBERSHIP = frozenset({"country_status", "arrest_risk"})


def answer(query: Query, kb: KnowledgeBase, *, on: dt.date) -> Answer:
    """Compose the answer to ``query`` as of ``on`` (read ``date.today()`` at the edge)."""
    draft = Draft(kb, query, query.answer_date(on), today=on)
    if query.ambiguities and not (query.people and query.countries):
        clarify(draft)
        return draft.build()
    typed = _TYPE_HANDLERS.get(query.asks or "") if _typed(query) else None
    if typed is None or not typed(draft):
        _HANDLERS.get(_answering_intent(query), unknown)(draft)
    open_answer(draft)
    return draft.build()


_NOT_REFINED = frozenset({"greeting", "help", "member_count", "person_trips", "travel_options"})


def _typed(query: Query) -> bool:
    """Whether the question type, not the intent alone, chooses the answer. A message the
    parser found out of scope keeps its answer, unless it asks why a state did not arrest
    someone ('did Mongolia get in trouble for hosting him?') or about a named suspect's case:
    the intent cues may miss those.
    """
    if query.asks is None or query.intent in _NOT_REFINED:
        return False
    if query.intent == "arrest_risk" and query.asks == "case_stage":
        # about a state and a suspect: the case answers only if the question starts with it
        return bool(query.aspects) and query.aspects[0] in _CASE_FIRST
    if query.intent != "out_of_scope" or query.asks == "why_not_arrested":
        return True
    # about a named suspect ('¿cuántos años le dieron a Kushayb?'), never a whole situation
    return query.asks in ("case_stage", "prediction") and bool(query.people)


def _answering_intent(query: Query) -> str:
    """The intent whose answer fits: a yes/no question whose main clause asks about a state's
    membership ('netanyahu went to hungary in 2025, was hungary a member then?') gets the
    membership answer whatever else the message mentions.
    """
    if (
        query.form == "yes_no"
        and query.countries
        and query.intent not in _ANSWERS_MEMBERSHIP
        and query.intent not in GUIDE_INTENTS
        and query.aspects
        and first_aspect(query, _MEMBERSHIP) == query.aspects[0]
    ):
        return "country_status"
    return query.intent


def answer_none_as_question(query: Query) -> Query:
    """In a private chat every message is a question: give 'none' its best in-scope reading."""
    if query.intent != "none":
        return query
    if query.people and query.countries:
        return query.model_copy(update={"intent": "arrest_risk"})
    if query.people:
        return query.model_copy(update={"intent": "person_warrant"})
    if query.countries:
        return query.model_copy(update={"intent": "country_status"})
    return query
