"""The answer being composed: the Answer model, the sheet each composing step writes on,
and the memo that lets a step's output be reused across questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from knowledge.models import Certainty, Source
from knowledge.rules import (
    Verdict as AssessmentVerdict,
)
from knowledge.store import KnowledgeBase, all_sources, weakest
from nlp.query import Query

Verdict = Literal[
    AssessmentVerdict,  # obliged ... deceased, unknown: what the law says about a person here
    "state_party",
    "not_party",
    "wanted",
    "application_pending",
    "info",
    "clarify",
    "out_of_scope",
]

MAX_PRECEDENTS = 5
ICC_DEFENDANTS = Source(title="ICC: defendants and cases", url="https://www.icc-cpi.int/cases")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PersonRef(_Frozen):
    id: str
    name: str


class CountryRef(_Frozen):
    code: str
    name: str


class SourceRef(_Frozen):
    number: int
    title: str
    url: str


class Answer(_Frozen):
    """A complete, renderable answer."""

    question: str
    intent: str
    verdict: Verdict
    headline: str
    points: tuple[str, ...] = ()
    precedents: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    people: tuple[PersonRef, ...] = ()
    countries: tuple[CountryRef, ...] = ()
    as_of: dt.date
    on: dt.date
    certainty: Certainty = "verified"
    followups: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()


@lru_cache(maxsize=8192)
def _source_ref(number: int, title: str, url: str) -> SourceRef:
    """A shared, immutable SourceRef (validating one costs more than looking it up)."""
    return SourceRef(number=number, title=title, url=url)


@lru_cache(maxsize=4096)
def _person_ref(person_id: str, name: str) -> PersonRef:
    return PersonRef(id=person_id, name=name)


@lru_cache(maxsize=4096)
def _country_ref(code: str, name: str) -> CountryRef:
    return CountryRef(code=code, name=name)


class Sheet:
    """What one composing step adds to an answer (a Draft is the sheet for a question)."""

    def __init__(self, kb: KnowledgeBase, on: dt.date) -> None:
        self.kb = kb
        self.on = on
        self.verdict: Verdict = "info"
        self.headline = ""
        self.points: list[str] = []
        self.precedents: list[str] = []
        self.hedges: list[str] = []
        self.sources: list[tuple[Source, ...]] = []
        self.certainties: list[Certainty] = []
        self.people: list[str] = []
        self.countries: list[str] = []
        self.followups: list[str] = []
        self.claim: bool | None = None
        """Whether the claim a yes/no question asks about is true: set only when the data says
        so for certain, so that the answer may open with Yes or No (see ``bot.compose.opening``).
        """

    def cite(self, sources: Iterable[Source]) -> None:
        self.sources.append(tuple(sources))

    def hedge(self, text: str) -> None:
        if text and text not in self.hedges:
            self.hedges.append(text)

    def freeze(self, *, head: bool) -> Part:
        """Snapshot what was added; ``head``: the step set the verdict and the headline."""
        return Part(
            verdict=self.verdict if head else None,
            headline=self.headline if head else None,
            claim=self.claim if head else None,
            points=tuple(self.points),
            precedents=tuple(self.precedents),
            hedges=tuple(self.hedges),
            sources=tuple(self.sources),
            certainties=tuple(self.certainties),
            people=tuple(self.people),
            countries=tuple(self.countries),
            followups=tuple(self.followups),
        )

    def merge(self, part: Part) -> None:
        """Add a step's snapshot, exactly as if the step had written here."""
        if part.verdict is not None:
            self.verdict = part.verdict
        if part.headline is not None:
            self.headline = part.headline
        if part.verdict is not None:
            self.claim = part.claim
        self.points += part.points
        self.precedents += part.precedents
        for text in part.hedges:
            self.hedge(text)
        self.sources += part.sources
        self.certainties += part.certainties
        self.people += part.people
        self.countries += part.countries
        self.followups += part.followups


@dataclass(frozen=True)
class Part:
    """An immutable snapshot of what a composing step adds (see ``memo_part``)."""

    verdict: Verdict | None
    headline: str | None
    claim: bool | None
    points: tuple[str, ...]
    precedents: tuple[str, ...]
    hedges: tuple[str, ...]
    sources: tuple[tuple[Source, ...], ...]
    certainties: tuple[Certainty, ...]
    people: tuple[str, ...]
    countries: tuple[str, ...]
    followups: tuple[str, ...]


_MEMO_LIMIT = 8192
_PARTS: dict[tuple[int, dt.date, Hashable], tuple[KnowledgeBase, Part]] = {}


def memo_part(
    kb: KnowledgeBase,
    on: dt.date,
    compose: Callable[..., None],
    *args: Hashable,
    head: bool = True,
) -> Part:
    """``compose(sheet, *args)`` on a fresh sheet, memoised.

    ``compose`` must be a module-level function whose output depends only on the knowledge base,
    the date and ``args`` (ids, codes, topics: never the question's text). A KnowledgeBase is
    immutable once built, so entries are keyed by its identity and keep it alive.
    """
    key = (id(kb), on, (compose, head, args))
    hit = _PARTS.get(key)
    if hit is not None and hit[0] is kb:
        return hit[1]
    if len(_PARTS) >= _MEMO_LIMIT:
        _PARTS.clear()
    sheet = Sheet(kb, on)
    compose(sheet, *args)
    part = sheet.freeze(head=head)
    _PARTS[key] = (kb, part)
    return part


_SOURCE_REFS: dict[
    tuple[int, ...], tuple[tuple[tuple[Source, ...], ...], tuple[SourceRef, ...]]
] = {}
_AS_OF: dict[int, tuple[KnowledgeBase, dt.date]] = {}


def _source_refs(groups: list[tuple[Source, ...]]) -> tuple[SourceRef, ...]:
    """Numbered, de-duplicated sources, memoised by the identity of the (immutable) groups."""
    key = tuple(map(id, groups))
    hit = _SOURCE_REFS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], groups, strict=True)):
        return hit[1]
    if len(_SOURCE_REFS) >= _MEMO_LIMIT:
        _SOURCE_REFS.clear()
    refs = tuple(_source_ref(i, s.title, s.url) for i, s in enumerate(all_sources(groups), 1))
    _SOURCE_REFS[key] = (tuple(groups), refs)
    return refs


def _as_of(kb: KnowledgeBase) -> dt.date:
    """``kb.as_of``, computed once per knowledge base."""
    hit = _AS_OF.get(id(kb))
    if hit is not None and hit[0] is kb:
        return hit[1]
    if len(_AS_OF) >= 64:
        _AS_OF.clear()
    as_of = kb.as_of
    _AS_OF[id(kb)] = (kb, as_of)
    return as_of


class Draft(Sheet):
    """Mutable builder used while composing one Answer."""

    def __init__(
        self, kb: KnowledgeBase, query: Query, on: dt.date, today: dt.date | None = None
    ) -> None:
        super().__init__(kb, on)
        self.query = query
        self.today = today or on
        """The day the question is asked (``on`` is the day it asks about)."""
        self.opened = False
        """Whether the opening (Yes, No or the fact alone) was settled."""

    def build(self) -> Answer:
        notices = []
        if self.query.truncated:
            notices.append("Your message was very long: I only read its beginning.")
        return Answer(
            question=self.query.text,
            intent=self.query.intent,
            verdict=self.verdict,
            headline=self.headline,
            points=tuple(self.points),
            precedents=tuple(self.precedents[:MAX_PRECEDENTS]),
            hedges=tuple(self.hedges),
            sources=_source_refs(self.sources),
            people=tuple(
                _person_ref(pid, self.kb.people[pid].name) for pid in dict.fromkeys(self.people)
            ),
            countries=tuple(
                _country_ref(c, self.kb.state_name(c)) for c in dict.fromkeys(self.countries)
            ),
            as_of=_as_of(self.kb),
            on=self.on,
            certainty=weakest(self.certainties),
            followups=tuple(dict.fromkeys(self.followups))[:3],
            notices=tuple(notices),
        )
