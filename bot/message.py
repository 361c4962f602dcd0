"""Answer a whole message: split it into its questions, parse and answer each, reply once.

A message with one question is answered as it always was: parsed whole, with the chat's
context. Several questions (at most ``MAX_PARTS``) get one reply: each answer under a short
lead line, their sources merged and numbered once, one footer. A later question reads the
one before it as a follow-up does ('is Hungary in the ICC? and did it arrest Netanyahu?').
Statements before a question are read with it ('Hungary quit last year. Is it still in?');
chatter after the last question is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from bot.answers import Answer, SourceRef, answer, answer_none_as_question
from bot.format import day
from bot.groups import QuestionKey, question_key
from bot.render import (
    AnsweredPart,
    answer_json,
    parts_json,
    render_html,
    render_parts_html,
    render_parts_text,
    render_text,
)
from knowledge.store import KnowledgeBase, weakest
from nlp.intents import read_cues
from nlp.normalize import fold
from nlp.parse import parse
from nlp.pipeline import Pipeline
from nlp.query import IN_SCOPE_INTENTS, Query
from nlp.split import Piece, asks_question, split_message

MAX_PARTS = 3
"""Questions answered in one reply; the others are left for the next message (the reply
says so)."""
LEAD_CHARS = 80
"""A lead line quotes its question up to this many characters."""


@dataclass(frozen=True)
class Part:
    """One question of a message: the words shown above its answer, its Query, its Answer."""

    lead: str
    query: Query
    answer: Answer


@dataclass(frozen=True)
class MessageAnswer:
    """The reply to one message: its parts (one, or several questions) and one Answer for it
    (the only part's answer, or an envelope with the parts' sources, people and footer).
    """

    parts: tuple[Part, ...]
    answer: Answer
    shown: tuple[AnsweredPart, ...] = ()
    """Several parts as rendered: lead lines with any date, sources numbered for the reply."""

    @property
    def context(self) -> Query:
        """What a follow-up in the next message reads: the last question."""
        return self.parts[-1].query

    @property
    def key(self) -> QuestionKey:
        """What makes two replies the same, for a group's 'answered above' link."""
        if len(self.parts) == 1:
            return question_key(self.parts[0].query)
        keys = [question_key(part.query) for part in self.parts]
        return (
            "+".join(key[0] for key in keys),
            tuple(p for key in keys for p in key[1]),
            tuple(c for key in keys for c in key[2]),
            "+".join(key[3] for key in keys),
        )

    def text(self) -> str:
        """Plain text for a terminal."""
        if not self.shown:
            return render_text(self.answer)
        return render_parts_text(self.shown, self.answer)

    def html(self) -> str:
        """One Telegram message in HTML parse mode."""
        if not self.shown:
            return render_html(self.answer)
        return render_parts_html(self.shown, self.answer)

    def json(self) -> dict[str, Any]:
        """``answer_json`` for one question; for several, the reply's and a ``parts`` list."""
        if not self.shown:
            return answer_json(self.answer)
        return parts_json(
            self.answer, self.text(), self.html(), [(p.lead, p.answer) for p in self.parts]
        )


def answer_message(
    text: str,
    kb: KnowledgeBase,
    *,
    today: dt.date,
    context: Query | None = None,
    pipeline: Pipeline | None = None,
    query: Query | None = None,
    split: bool = True,
) -> MessageAnswer:
    """Answer every question in ``text`` as of ``today``.

    Args:
        text: the message as sent.
        kb: the knowledge base.
        today: the date the message is answered on.
        context: the chat's previous question, for a follow-up.
        pipeline: a built pipeline (the packaged one by default).
        query: ``text`` already parsed with ``context``, used when it asks one question.
        split: look for several questions (a channel post reporting a trip is one).

    """
    parts = _questions(text, kb, today, context, pipeline) if split else []
    if len(parts) < 2:
        if query is None:
            query = parse(text, context=context, today=today, pipeline=pipeline)
        query = answer_none_as_question(query)
        result = answer_query(query, kb, today)
        return MessageAnswer((Part("", remembered(query, today), result),), result)
    return _several(text, parts[:MAX_PARTS], len(parts) - MAX_PARTS)


def answer_query(query: Query, kb: KnowledgeBase, today: dt.date) -> Answer:
    """``answer`` as of ``today``, saying so when the question names a future period."""
    result = answer(query, kb, on=today)
    if not (query.intent in IN_SCOPE_INTENTS and query.asks_about_future(today)):
        return result
    said = " ".join((result.headline, *result.points, *result.hedges)).lower()
    if "predict" in said:
        return result
    note = (
        f"I can't predict what will happen {_when(query)}: this answer gives the facts as they "
        "stand today."
    )
    return result.model_copy(update={"points": (note, *result.points)})


def remembered(query: Query, today: dt.date) -> Query:
    """``query`` as a follow-up should read it: without the date of an event it mentioned
    ('it quit last year, is it still in?' then 'and Poland?' asks about today).
    """
    if query.date_to is None or query.date_to >= today or query.dates_the_question():
        return query
    return query.model_copy(update={"date_from": None, "date_to": None, "date_text": ""})


def _questions(
    text: str, kb: KnowledgeBase, today: dt.date, context: Query | None, pipeline: Pipeline | None
) -> list[Part]:
    """The questions of a message with more than one piece, each parsed with the one before
    as its context (a follow-up). Statements before the first question are read with it (its
    premise: 'Hungary quit last year. Is it still in?'); a later question takes the ones before
    it only if it names nobody without them, and joins the question before it if it still
    names nobody its intent needs; a repeated answer is dropped.
    """
    pieces = split_message(text)
    if sum(piece.listed or asks_question(fold(piece.text)) for piece in pieces) < 2:
        return []  # at most one piece can be a question ('Hi! Is Mongolia in the ICC?')
    asked: list[tuple[str, str, Query]] = []  # what was read, the words shown, its Query
    before = ""  # statements waiting for their question
    for piece in pieces:
        ahead = asked[-1][2] if asked else context
        read = f"{before} {piece.text}" if before and not asked else piece.text
        query = _parse(read, ahead, today, pipeline)
        if not _asks(query, piece):
            before = f"{before} {piece.text}" if before else piece.text
            continue
        if asked and before and _needs_subject(query):
            read = f"{before} {piece.text}"
            query = _parse(read, ahead, today, pipeline)
        before, shown = "", piece.text
        if asked:
            query = _completed(query, asked[-1][2], piece.text)
        if asked and _needs_subject(query):
            earlier_read, earlier_shown, _ = asked.pop()
            read, shown = f"{earlier_read} {read}", f"{earlier_shown} {shown}"
            query = _parse(read, asked[-1][2] if asked else context, today, pipeline)
        asked.append((read, shown, query))
    parts: list[Part] = []
    said: set[tuple[object, ...]] = set()
    for _, piece_text, query in asked:
        result = answer_query(query, kb, today)
        same = (_OPENING.sub("", result.headline).lower(), result.points, result.on)
        if same not in said:  # 'kushayb verdict? sentence?' read as one question twice
            said.add(same)
            parts.append(Part(_lead(piece_text), remembered(query, today), result))
    return parts


def _parse(text: str, context: Query | None, today: dt.date, pipeline: Pipeline | None) -> Query:
    before = remembered(context, today) if context is not None else None
    return parse(text, context=before, today=today, pipeline=pipeline)


def _asks(query: Query, piece: Piece) -> bool:
    """Whether a piece asks a question in scope, in the form of one or as an item of a list
    ('netanyahu trip to japan, would tokyo arrest him?' asks once; 'ok thanks.' not at all).
    """
    if not (query.is_question and query.intent in IN_SCOPE_INTENTS):
        return False
    return piece.listed or asks_question(fold(piece.text))


_OPENING = re.compile(r"^(?:yes|no)\b\W*", re.IGNORECASE)
"""The Yes or No an answer opens with: two questions with one answer differ only there."""
_ABOUT_PEOPLE = frozenset({"arrest_risk", "person_warrant", "travel_options", "person_trips"})


def _needs_subject(query: Query) -> bool:
    """A question about someone, some country or some notion that names none ('and how long
    does it take?' borrowed the intent of the question before it, not its topic).
    """
    if query.intent in _ABOUT_PEOPLE:
        return not (query.people or query.unknown_names or query.ambiguities)
    if query.intent == "country_status":
        return not (query.countries or query.ambiguities)
    return query.intent == "explain" and query.topic is None


_ONE_SIDED = frozenset({"person_warrant", "country_status"})
"""What a question about an arrest is read as when it names only the person or the country."""


def _completed(query: Query, earlier: Query, piece: str) -> Query:
    """A later question about a duty or a power to arrest that names only the person, or only
    the country, takes the other from the question before it: in one message it can only mean
    that one ('Is Kazakhstan in the ICC? And must it arrest Putin?', in any language, where a
    follow-up between messages needs an English pronoun to be read so).
    """
    if query.intent not in _ONE_SIDED or (query.people and query.countries):
        return query
    if query.aspects and not {"obligation", "ability"} & set(query.aspects):
        return query  # 'and was Putin ever arrested?' asks about him, not about the country
    people = query.people or tuple(m.model_copy(update={"via": "context"}) for m in earlier.people)
    countries = query.countries or tuple(
        m.model_copy(update={"via": "context"}) for m in earlier.countries
    )
    if not (people and countries and read_cues(fold(piece)).arrest):
        return query
    update = {"intent": "arrest_risk", "people": people, "countries": countries, "followup": True}
    return query.model_copy(update=update)


def _several(text: str, parts: list[Part], left_out: int) -> MessageAnswer:
    """One reply for several questions: the envelope Answer and the parts as shown."""
    on = Counter(part.answer.on for part in parts).most_common(1)[0][0]
    sources: dict[str, SourceRef] = {}
    said: set[str] = set()
    shown = []
    for number, part in enumerate(parts, 1):
        lead = f"{number}. “{part.lead}”"
        if part.answer.on != on:
            lead += f" (answer for {day(part.answer.on)})"
        shown.append(AnsweredPart(lead, _renumbered(_unsaid(part.answer, said), sources)))
    notices = [notice for part in parts for notice in part.answer.notices]
    if left_out > 0:
        notices.append(
            f"I answered the first {MAX_PARTS} questions of your message; "
            "please ask the others again."
        )
    answers = [part.answer for part in parts]
    envelope = Answer(
        question=text,
        intent="multi",
        verdict="info",
        headline=f"Answers to the {len(parts)} questions in your message.",
        sources=tuple(sources.values()),
        people=tuple(dict.fromkeys(p for a in answers for p in a.people)),
        countries=tuple(dict.fromkeys(c for a in answers for c in a.countries)),
        as_of=min(a.as_of for a in answers),
        on=on,
        certainty=weakest(a.certainty for a in answers),
        followups=tuple(dict.fromkeys(f for a in answers for f in a.followups))[:3],
        notices=tuple(dict.fromkeys(notices)),
    )
    return MessageAnswer(tuple(parts), envelope, tuple(shown))


def _unsaid(result: Answer, said: set[str]) -> Answer:
    """``result`` without the precedents and caveats an earlier part of the reply gave."""
    precedents = tuple(line for line in result.precedents if line not in said)
    hedges = tuple(line for line in result.hedges if line not in said)
    said.update(result.precedents, result.hedges)
    return result.model_copy(update={"precedents": precedents, "hedges": hedges})


_REFERENCE = re.compile(r"\[(\d+)\]")
"""A citation in an answer's text: '[2]'."""


def _renumbered(result: Answer, sources: dict[str, SourceRef]) -> Answer:
    """``result`` with its sources numbered in the reply's list (added to ``sources``)."""
    numbers: dict[int, int] = {}
    refs = []
    for source in result.sources:
        ref = sources.get(source.url)
        if ref is None:
            ref = sources[source.url] = SourceRef(
                number=len(sources) + 1, title=source.title, url=source.url
            )
        numbers[source.number] = ref.number
        refs.append(ref)

    def cite(text: str) -> str:
        return _REFERENCE.sub(lambda m: f"[{numbers.get(int(m[1]), int(m[1]))}]", text)

    return result.model_copy(
        update={
            "headline": cite(result.headline),
            "points": tuple(map(cite, result.points)),
            "precedents": tuple(map(cite, result.precedents)),
            "hedges": tuple(map(cite, result.hedges)),
            "sources": tuple(refs),
        }
    )


def _lead(piece: str) -> str:
    """The question as quoted above its answer, shortened at a word."""
    text = " ".join(piece.split())
    if len(text) <= LEAD_CHARS:
        return text
    cut = text[: LEAD_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > LEAD_CHARS // 2 else cut).rstrip(" ,;:") + "…"


def _when(query: Query) -> str:
    """The asked period in words: 'in 2030', 'in March 2027', 'on 14 December 2026'."""
    start, end = query.date_from, query.date_to
    assert start is not None and end is not None
    if start == end:
        return f"on {day(start)}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"in {start.year}"
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start.month == end.month:
        return f"in {day(start, 'month')}"
    return f"between {day(start)} and {day(end)}"
