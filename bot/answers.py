"""``answer(query, kb, on=date) -> Answer``: the product's voice, pure and sourced.

The headline answers the question in one sentence; the rest lets a sceptical reader check it.
Obligations and the record only: an arrest is never predicted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.format import capitalise, day, join, span, with_article
from knowledge.models import Certainty, Finding, Person, Source, TreatyEvent, Trip
from knowledge.rules import (
    Assessment,
    Precedent,
    StateStatus,
    WarrantStatus,
    active_warrants,
    assess,
    incumbent_roles,
    is_deceased,
    parties_on,
    signatories_only_on,
    status_on,
    warrant_status,
)
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

MAX_EXTRA_PAIRS = 4
MAX_PRECEDENTS = 5
ICC_DEFENDANTS = Source(title="ICC: defendants and cases", url="https://www.icc-cpi.int/cases")

GUIDE_INTENTS = frozenset({"greeting", "help"})
"""Intents answered with the guide: it states no fact, so it cites no source."""

EXAMPLES = (
    "Will Vladimir Putin be arrested in Kyrgyzstan?",
    "Is Mongolia a member of the ICC?",
    "Does Netanyahu have an ICC warrant?",
    "Which countries must arrest Putin?",
    "How many states are in the ICC?",
    "What is head-of-state immunity?",
)


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


class _Sheet:
    """What one composing step adds to an answer (a _Draft is the sheet for a question)."""

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

    def cite(self, sources: Iterable[Source]) -> None:
        self.sources.append(tuple(sources))

    def hedge(self, text: str) -> None:
        if text and text not in self.hedges:
            self.hedges.append(text)

    def freeze(self, *, head: bool) -> _Part:
        """Snapshot what was added; ``head``: the step set the verdict and the headline."""
        return _Part(
            verdict=self.verdict if head else None,
            headline=self.headline if head else None,
            points=tuple(self.points),
            precedents=tuple(self.precedents),
            hedges=tuple(self.hedges),
            sources=tuple(self.sources),
            certainties=tuple(self.certainties),
            people=tuple(self.people),
            countries=tuple(self.countries),
            followups=tuple(self.followups),
        )

    def merge(self, part: _Part) -> None:
        """Add a step's snapshot, exactly as if the step had written here."""
        if part.verdict is not None:
            self.verdict = part.verdict
        if part.headline is not None:
            self.headline = part.headline
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
class _Part:
    """An immutable snapshot of what a composing step adds (see ``_memo_part``)."""

    verdict: Verdict | None
    headline: str | None
    points: tuple[str, ...]
    precedents: tuple[str, ...]
    hedges: tuple[str, ...]
    sources: tuple[tuple[Source, ...], ...]
    certainties: tuple[Certainty, ...]
    people: tuple[str, ...]
    countries: tuple[str, ...]
    followups: tuple[str, ...]


_MEMO_LIMIT = 8192
_PARTS: dict[tuple[int, dt.date, Hashable], tuple[KnowledgeBase, _Part]] = {}


def _memo_part(
    kb: KnowledgeBase,
    on: dt.date,
    compose: Callable[..., None],
    *args: Hashable,
    head: bool = True,
) -> _Part:
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
    sheet = _Sheet(kb, on)
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


class _Draft(_Sheet):
    """Mutable builder used while composing one Answer."""

    def __init__(self, kb: KnowledgeBase, query: Query, on: dt.date) -> None:
        super().__init__(kb, on)
        self.query = query

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


def answer(query: Query, kb: KnowledgeBase, *, on: dt.date) -> Answer:
    """Compose the answer to ``query`` as of ``on`` (read ``date.today()`` at the edge)."""
    draft = _Draft(kb, query, query.answer_date(on))
    if query.ambiguities and not (query.people and query.countries):
        _clarify(draft)
        return draft.build()
    handler = _HANDLERS.get(query.intent, _unknown)
    handler(draft)
    return draft.build()


# --- arrest risk -------------------------------------------------------------------------


def _arrest_risk(draft: _Draft) -> None:
    query = draft.query
    if not query.people and query.unknown_names:
        _unknown_person(draft, query.unknown_names[0])
        return
    if not query.people:
        if query.countries:
            _country_status(draft)
        else:
            _unknown(draft)
        return
    if not query.countries:
        _person_warrant(draft)
        return
    people = sorted(query.person_ids, key=lambda pid: not draft.kb.is_warrant_subject(pid))
    pairs = [(p, c) for p in people for c in query.country_codes][: MAX_EXTRA_PAIRS + 1]
    kb, on = draft.kb, draft.on
    draft.merge(_memo_part(kb, on, _compose_assessment, pairs[0][0], pairs[0][1]))
    for person_id, code in pairs[1:]:
        draft.merge(_memo_part(kb, on, _compose_extra_pair, person_id, code, head=False))
    _place_notes(draft)


def _compose_assessment(sheet: _Sheet, person_id: str, code: str) -> None:
    _describe_assessment(sheet, assess(sheet.kb, person_id, code, sheet.on))


def _compose_extra_pair(sheet: _Sheet, person_id: str, code: str) -> None:
    extra = assess(sheet.kb, person_id, code, sheet.on)
    sheet.points.append(f"Also: {_headline(sheet.kb, extra)}")
    sheet.cite(extra.sources[:2])
    sheet.countries.append(code)
    sheet.people.append(person_id)
    sheet.certainties.append(extra.certainty)


def _describe_assessment(draft: _Sheet, result: Assessment) -> None:
    assert result.person is not None and result.country is not None
    person, country = result.person, result.country
    draft.people.append(person.id)
    draft.countries.append(country.code)
    draft.verdict = result.verdict
    draft.headline = _headline(draft.kb, result)
    draft.certainties.append(result.certainty)
    for hedge in result.hedges:
        draft.hedge(hedge)
    if result.verdict in ("obliged", "obliged_disputed", "not_obliged", "own_state"):
        for status in result.warrants:
            draft.points.append(_warrant_sentence(person, status))
        draft.points.extend(_legal_basis(result))
        draft.points.extend(p for p in _timeline_points(country) if "withdraw" in p)
        if result.immunity_relevant:
            for role in person.roles:
                if (
                    role.holds_on(result.on)
                    and role.certainty != "verified"
                    and role.kind
                    in (
                        "head_of_state",
                        "head_of_government",
                    )
                ):
                    draft.hedge(f"That {person.name} is still {role.title} is {role.certainty}.")
        _status_hedges(draft, country)
    elif result.verdict == "in_custody" or result.verdict == "deceased":
        draft.points.extend(_warrant_sentence(person, s) for s in result.warrants)
    elif result.verdict == "no_warrant":
        draft.points.extend(_no_warrant_points(draft, person, result.applications))
        draft.points.append(_status_sentence(country))
        _status_hedges(draft, country)
    for position in result.positions:
        draft.points.append(f"{day(position.date)}: {position.summary}")
        if position.certainty != "verified":
            draft.hedge(f"{country.name}'s stated position is reported but not fully confirmed.")
    draft.precedents.extend(_precedent_line(draft.kb, p) for p in result.precedents)
    for precedent in result.precedents[:MAX_PRECEDENTS]:
        if precedent.certainty != "verified":
            draft.hedge(_precedent_hedge(precedent))
    draft.cite(result.sources)
    draft.followups += [
        f"Which countries must arrest {person.name}?",
        f"Where has {person.name} travelled since the warrant?",
        f"Is {country.name} a member of the ICC?",
    ]


def _headline(kb: KnowledgeBase, result: Assessment) -> str:
    person, country = result.person, result.country
    if person is None or country is None:
        return "I can't tell who or which country you mean."
    name, where = person.name, with_article(country.name)
    pronoun = {"f": "her", "x": "them"}.get(person.gender, "him")
    verdict = result.verdict
    if verdict == "deceased":
        died = person.died
        return f"{name} is dead{f' (died {day(died)})' if died else ''}: no arrest is possible."
    if verdict == "in_custody":
        status = next(s for s in result.warrants if s.state in ("in_custody", "convicted"))
        since = f" since {day(status.last_event.date)}" if status.last_event else ""
        what = (
            "has been convicted and is in ICC custody"
            if status.state == "convicted"
            else (f"is already in ICC custody{since}")
        )
        return f"{name} {what}: there is no arrest question left."
    if verdict == "no_warrant":
        if result.applications:
            return (
                f"{capitalise(where)} has no duty to arrest {name}: there is no ICC arrest "
                f"warrant for {pronoun}, only a prosecutor's application that judges have not "
                "(publicly) granted."
            )
        return (
            f"{capitalise(where)} has no ICC duty to arrest {name}: there is no known ICC "
            f"arrest warrant for {pronoun}."
        )
    if verdict == "own_state":
        return (
            f"{capitalise(where)} is {name}'s own state and is not a party to the Rome Statute, "
            f"so it has no ICC duty to arrest {pronoun}."
        )
    if verdict == "not_obliged":
        return f"{capitalise(where)} is not obliged to arrest {name}: {_why_not_bound(country)}"
    if verdict == "obliged_disputed":
        return (
            f"{capitalise(where)} is legally obliged to arrest {name} as a State Party to the "
            f"Rome Statute, but its government has argued that {_pronoun(person)} is immune, a "
            "view ICC judges have rejected."
        )
    return f"{capitalise(where)} is obliged to arrest {name}: {_why_bound(result)}"


def _why_not_bound(country: StateStatus) -> str:
    if country.category == "signatory" and country.signed:
        return f"it signed the Rome Statute in {country.signed.date.year} but never ratified it."
    if country.category == "declared_no_intent" and country.no_intent:
        signed = (
            f"signed the Rome Statute in {country.signed.date.year} but "
            if (country.signed)
            else ""
        )
        return (
            f"it {signed}declared in {country.no_intent.date.year} that it does not intend "
            "to become a party."
        )
    if country.category == "withdrawn" and country.withdrawal and country.withdrawal.effective:
        return f"it left the Rome Statute with effect from {day(country.withdrawal.effective)}."
    if country.category == "not_yet_in_force" and country.joined and country.in_force:
        return (
            f"it joined the Rome Statute on {day(country.joined.date)}, but the Statute only "
            f"takes effect for it on {day(country.in_force)}."
        )
    return "it has never signed or joined the Rome Statute."


def _why_bound(result: Assessment) -> str:
    country = result.country
    assert country is not None
    if result.basis == "unsc_referral":
        referral = country.referrals[-1]
        return f"the UN Security Council ordered it to cooperate with the ICC ({referral.scope})."
    if result.basis == "article_12_3":
        declaration = country.declarations[-1]
        return (
            f"it accepted the ICC's jurisdiction by an Article 12(3) declaration on "
            f"{day(declaration.date)}, which carries the duty to cooperate."
        )
    since = f" (in force for it since {day(country.in_force)})" if country.in_force else ""
    return (
        f"it is a State Party to the Rome Statute{since}, which requires it to arrest and "
        "surrender anyone the ICC has a warrant for."
    )


def _legal_basis(result: Assessment) -> list[str]:
    country, person = result.country, result.person
    assert country is not None and person is not None
    points: list[str] = []
    if result.verdict in ("obliged", "obliged_disputed"):
        if result.basis == "state_party":
            points.append(
                "The law: States Parties must cooperate fully with the Court (Art. 86) and "
                "comply with requests for arrest and surrender (Art. 89(1))."
            )
        elif result.basis == "unsc_referral":
            points.append(
                "The law: a UN Security Council referral binds the state it names even though it "
                "never joined the Rome Statute (UN Charter, Art. 25)."
            )
        else:
            points.append(
                "The law: a state that accepts jurisdiction under Art. 12(3) must cooperate "
                "'without any delay or exception in accordance with Part 9'."
            )
        if result.immunity_relevant:
            titles = join(incumbent_roles(person, result.on))
            points.append(
                f"Being {titles} is no bar: official capacity does not exempt anyone (Art. 27), "
                "and the ICC Appeals Chamber held on 6 May 2019 that States Parties must arrest "
                "even a sitting head of state of a non-party."
            )
        if result.own_state:
            points.append(f"{country.name} is {person.name}'s own state.")
        points.append(
            "An obligation is not a forecast: the ICC has no police, and States Parties have "
            "hosted wanted leaders without arresting them (see below). The Court can only find "
            "such a state in breach (Art. 87(7))."
        )
    else:
        if country.category == "signatory":
            points.append(
                "A signature alone creates no duty to arrest: a signatory only has to refrain "
                "from defeating the treaty's object and purpose (Vienna Convention on the Law "
                "of Treaties, Art. 18)."
            )
        points.append(
            "Only States Parties (and states bound by a Security Council referral or their own "
            "Art. 12(3) declaration) must arrest. Any state may still cooperate voluntarily "
            "(Art. 87(5))."
        )
    return points


# --- country status --------------------------------------------------------------------------


def _country_status(draft: _Draft) -> None:
    query = draft.query
    if not query.countries:
        _unknown(draft)
        return
    kb, on = draft.kb, draft.on
    statuses = [status_on(kb.states[c], on) for c in query.country_codes[:5]]
    first = statuses[0]
    draft.merge(_memo_part(kb, on, _compose_country, first.code))
    for other in statuses[1:]:
        draft.merge(_memo_part(kb, on, _compose_other_country, other.code, head=False))
    _place_notes(draft)
    draft.followups += [
        f"Will Vladimir Putin be arrested in {first.name}?",
        "How many states are in the ICC?",
    ]


def _compose_country(draft: _Sheet, code: str) -> None:
    first = status_on(draft.kb.states[code], draft.on)
    draft.verdict = "state_party" if first.is_party else "not_party"
    draft.headline = _status_sentence(first)
    draft.countries.append(first.code)
    draft.certainties.append(first.certainty)
    draft.cite(first.sources)
    draft.points.append(
        "So it must arrest and surrender anyone the ICC has a warrant for (Art. 89(1))."
        if first.is_party
        else _no_duty_sentence(first)
    )
    draft.points.extend(_timeline_points(first))
    _status_hedges(draft, first)
    for finding in draft.kb.findings_about_state(first.code):
        if finding.date <= draft.on:
            draft.precedents.append(_finding_line(draft.kb, finding))
            draft.cite(finding.sources)
    for trip in draft.kb.trips_to(first.code):
        if trip.start <= draft.on:
            draft.precedents.append(_trip_line(draft.kb, trip))
            draft.cite(trip.sources)


def _compose_other_country(draft: _Sheet, code: str) -> None:
    other = status_on(draft.kb.states[code], draft.on)
    draft.points.append(f"Also: {_status_sentence(other)}")
    draft.countries.append(other.code)
    draft.certainties.append(other.certainty)
    draft.cite(other.sources)


def _status_sentence(status: StateStatus) -> str:
    name = capitalise(with_article(status.name))
    if status.category == "party":
        joined = status.joined
        how = {
            "ratified": "ratified it",
            "acceded": "acceded to it",
            "succeeded": "succeeded to it",
        }
        verb = how.get(joined.kind, "joined") if joined else "joined"
        since = f", in force for it since {day(status.in_force)}" if status.in_force else ""
        return (
            f"{name} is a State Party to the Rome Statute: it {verb} on "
            f"{day(joined.date) if joined else 'an unknown date'}{since}."
        )
    if status.category == "withdrawn" and status.withdrawal and status.withdrawal.effective:
        return (
            f"{name} is no longer a State Party: its withdrawal from the Rome Statute took "
            f"effect on {day(status.withdrawal.effective)}."
        )
    if status.category == "not_yet_in_force" and status.joined and status.in_force:
        return (
            f"{name} has joined the Rome Statute (deposit on {day(status.joined.date)}), but it "
            f"only becomes a State Party on {day(status.in_force)}."
        )
    if status.category == "declared_no_intent" and status.no_intent:
        signed = (
            f"signed the Rome Statute on {day(status.signed.date)} but " if (status.signed) else ""
        )
        return (
            f"{name} is not a State Party: it {signed}declared in "
            f"{status.no_intent.date.year} that it does not intend to become one."
        )
    if status.category == "signatory" and status.signed:
        return (
            f"{name} is not a State Party to the Rome Statute: it signed on "
            f"{day(status.signed.date)} but has never ratified it."
        )
    return f"{name} is not a State Party: it has never signed or joined the Rome Statute."


def _no_duty_sentence(status: StateStatus) -> str:
    extra = []
    if status.referrals:
        extra.append(
            "but the UN Security Council has ordered it to cooperate with the ICC in its own "
            f"situation ({status.referrals[-1].scope})"
        )
    if status.declarations:
        extra.append(
            "but its Art. 12(3) declaration obliges it to cooperate in the situation it covers"
        )
    base = "So it has no general Rome Statute duty to arrest ICC suspects"
    return f"{base}, {join(extra)}." if extra else f"{base}."


def _timeline_points(status: StateStatus) -> list[str]:
    name = capitalise(with_article(status.name))
    points = []
    for event in status.declarations:
        points.append(f"Art. 12(3) declaration of {day(event.date)}: {event.scope}.")
    for event in status.referrals:
        points.append(f"UN Security Council referral of {day(event.date)}: {event.scope}.")
    if status.withdrawal is not None and status.withdrawal_state == "revoked":
        assert status.revocation is not None
        points.append(
            f"{name} notified its withdrawal on {day(status.withdrawal.date)}, but revoked the "
            f"notice on {day(status.revocation.date)}, before it could take effect."
        )
    elif status.withdrawal is not None and status.withdrawal_state == "pending":
        effective = status.withdrawal.effective
        points.append(
            f"{name} notified the UN of its withdrawal on {day(status.withdrawal.date)}; the "
            f"withdrawal would take effect on {day(effective) if effective else 'a later date'}. "
            "Until then it remains fully bound (Art. 127)."
        )
    elif status.withdrawal is not None and status.withdrawal_state == "announced":
        points.append(
            f"{name} announced on {day(status.withdrawal.date)} that it would leave, but an "
            "announcement has no legal effect: only a written notice to the UN starts the "
            "one-year clock (Art. 127)."
        )
    return points


EVENT_NAMES = {
    "signed": "signature",
    "ratified": "ratification",
    "acceded": "accession",
    "succeeded": "succession",
    "entered_into_force": "entry into force",
    "declared_no_intent": "declaration of no intent to become a party",
    "withdrawal_announced": "announced withdrawal",
    "withdrawal_notified": "withdrawal notice",
    "withdrawal_revoked": "revocation of the withdrawal",
    "article_12_3_declaration": "Art. 12(3) declaration",
    "unsc_referral": "Security Council referral",
}


def _status_events(status: StateStatus) -> list[TreatyEvent]:
    """The events today's status rests on (not, say, a party's old signature)."""
    by_category = {
        "party": (status.joined, status.revocation, status.withdrawal),
        "not_yet_in_force": (status.joined,),
        "withdrawn": (status.withdrawal,),
        "declared_no_intent": (status.no_intent,),
        "signatory": (status.signed,),
        "non_signatory": (),
    }
    return [e for e in by_category[status.category] if e is not None]


def _status_hedges(draft: _Sheet, status: StateStatus) -> None:
    for event in _status_events(status):
        if event.certainty != "verified":
            what = EVENT_NAMES.get(event.kind, event.kind.replace("_", " "))
            note = f" ({event.note})" if event.note else ""
            draft.hedge(
                f"{status.name}: the {what} of {day(event.date)} is {event.certainty}, not "
                f"confirmed from a primary source{note}."
            )
            draft.certainties.append(event.certainty)


def _place_notes(draft: _Draft) -> None:
    for index, mention in enumerate(draft.query.countries):
        if mention.via == "territory":
            territory = next(
                (t for t in draft.kb.places.territories if t.name == mention.note), None
            )
            if territory is not None:
                if index == 0:
                    country = with_article(draft.kb.state_name(territory.code))
                    draft.headline = f"{territory.name} counts as {country} here. {draft.headline}"
                draft.hedge(f"{territory.name}: {territory.note}")
                draft.cite(territory.sources)
                draft.certainties.append(territory.certainty)


# --- people and warrants -----------------------------------------------------------------


def _person_warrant(draft: _Draft) -> None:
    query = draft.query
    if not query.people:
        if query.unknown_names:
            _unknown_person(draft, query.unknown_names[0])
        else:
            _unknown(draft)
        return
    draft.merge(_memo_part(draft.kb, draft.on, _compose_person_warrant, query.person_ids[0]))


def _compose_person_warrant(draft: _Sheet, person_id: str) -> None:
    person = draft.kb.people[person_id]
    draft.people.append(person.id)
    draft.certainties.append(person.certainty)
    draft.cite(person.sources)
    warrants = [
        s
        for s in (warrant_status(w, draft.on) for w in draft.kb.warrants_for(person.id))
        if s is not None
    ]
    issued = [s for s in warrants if s.warrant.kind == "warrant"]
    applications = [s for s in warrants if s.warrant.kind == "application"]
    for status in warrants:
        draft.cite(status.warrant.sources)
        draft.certainties.append(status.certainty)
    if is_deceased(person, draft.on):
        draft.verdict = "deceased"
        draft.headline = f"{person.name} is dead" + (
            f" (died {day(person.died)})." if person.died else "."
        )
        draft.points.extend(_warrant_sentence(person, s) for s in issued)
        if person.certainty != "verified":
            draft.hedge(
                f"{person.name}'s death is reported but not fully confirmed ({person.note})."
            )
    elif issued:
        active = [s for s in issued if s.state not in ("withdrawn", "terminated")]
        main = active[0] if active else issued[0]
        draft.verdict = (
            "in_custody"
            if main.state in ("in_custody", "convicted")
            else ("wanted" if active else "no_warrant")
        )
        draft.headline = _warrant_headline(person, main)
        draft.points.extend(_warrant_sentence(person, s) for s in issued)
        trips = [t for t in draft.kb.trips_of(person.id) if t.start <= draft.on]
        if trips and draft.verdict == "wanted":
            draft.points.append(
                f"Since the warrant: {len(trips)} recorded trips or planned trips, "
                f"{sum(1 for t in trips if t.status == 'completed')} of them made."
            )
        for finding in draft.kb.findings_about_person(person.id):
            if finding.date <= draft.on:
                draft.precedents.append(_finding_line(draft.kb, finding))
                draft.cite(finding.sources)
        draft.points.append(
            "An arrest warrant is not a conviction: judges found 'reasonable "
            "grounds to believe' the person committed the crimes (Art. 58)."
        )
    else:
        draft.verdict = "application_pending" if applications else "no_warrant"
        draft.headline = _no_warrant_headline(person, applications)
        draft.points.extend(_no_warrant_points(draft, person, applications))
    if person.note and person.certainty != "verified":
        draft.hedge(person.note)
    draft.followups += [
        f"Which countries must arrest {person.name}?",
        f"Where has {person.name} travelled since the warrant?",
    ]


def _warrant_headline(person: Person, status: WarrantStatus) -> str:
    warrant = status.warrant
    issued = day(warrant.issued) if warrant.issued else "an unknown date"
    base = (
        f"Yes: the ICC issued an arrest warrant for {person.name} on {issued} "
        f"({warrant.situation})"
    )
    if status.state == "in_custody":
        return f"{base}; {_pronoun(person)} is now in ICC custody."
    if status.state == "convicted":
        return f"{base}; {_pronoun(person)} has since been convicted."
    if status.state in ("withdrawn", "terminated"):
        return f"The ICC's warrant for {person.name} ({issued}) is no longer in force."
    return f"{base}, and {_pronoun(person)} is at large."


def _pronoun(person: Person) -> str:
    return {"f": "she", "x": "they"}.get(person.gender, "he")


def _warrant_sentence(person: Person, status: WarrantStatus) -> str:
    warrant = status.warrant
    crimes = join([c.replace("_", " ") for c in warrant.crimes])
    issued = day(warrant.issued) if warrant.issued else "?"
    chamber = f" by {warrant.chamber}" if warrant.chamber else ""
    text = f"The warrant ({crimes}): issued {issued}{chamber}. Charges: {warrant.charges}."
    if status.last_event is not None and status.state != "at_large":
        event = status.last_event
        text += f" Latest: {event.kind.replace('_', ' ')} on {day(event.date)}"
        text += f" ({event.note})." if event.note else "."
    return text


def _no_warrant_headline(person: Person, applications: Sequence[WarrantStatus]) -> str:
    if applications:
        application = applications[0].warrant
        applied = next((e for e in application.events if e.kind == "applied"), None)
        when = f" on {day(applied.date)}" if applied else ""
        certain = "" if application.certainty == "verified" else " reportedly"
        return (
            f"There is no ICC arrest warrant for {person.name}: the Prosecutor{certain} applied "
            f"for one{when}, and judges have not publicly issued it."
        )
    return f"There is no known ICC arrest warrant for {person.name}."


def _no_warrant_points(
    draft: _Sheet, person: Person, applications: Sequence[WarrantStatus]
) -> list[str]:
    points = []
    roles = [r for r in person.roles if r.holds_on(draft.on)]
    if roles:
        points.append(f"{person.name}: {join([r.title for r in roles])}.")
    for status in applications:
        application = status.warrant
        points.append(
            f"Application ({application.situation}): {application.charges}. An application is "
            "not a warrant: until judges issue one, no state has a duty to arrest."
        )
        if application.certainty != "verified":
            draft.hedge(
                f"The application for {person.name} is {application.certainty}: "
                f"{application.note or 'reported, not confirmed by the ICC'}."
            )
        draft.cite(application.sources)
    draft.hedge("ICC warrants can be issued under seal; this covers public warrants only.")
    draft.cite([ICC_DEFENDANTS])
    return points


def _unknown_person(draft: _Draft, name: str) -> None:
    count = sum(1 for w in draft.kb.warrants if w.kind == "warrant")
    draft.verdict = "no_warrant"
    draft.headline = (
        f"I have no record of an ICC arrest warrant for {name}: they are not among the "
        f"{count} ICC warrants I track."
    )
    draft.points.append(
        "I track the warrants people ask about most, not every ICC case: check the ICC's own "
        "list of defendants to be sure."
    )
    draft.hedge(
        f"I don't recognise '{name}', so I can't say who they are; warrants can also be sealed."
    )
    draft.certainties.append("probable")
    draft.cite([ICC_DEFENDANTS])
    if draft.query.countries:
        status = status_on(draft.kb.states[draft.query.country_codes[0]], draft.on)
        draft.countries.append(status.code)
        draft.points.append(_status_sentence(status))
        draft.cite(status.sources)


def _warrant_list(draft: _Draft) -> None:
    draft.merge(_memo_part(draft.kb, draft.on, _compose_warrant_list))


def _compose_warrant_list(draft: _Sheet) -> None:
    kb, on = draft.kb, draft.on
    draft.verdict = "info"
    groups: dict[str, list[str]] = {"at_large": [], "in_custody": [], "other": []}
    for person_id in dict.fromkeys(w.person for w in kb.warrants if w.kind == "warrant"):
        person = kb.people[person_id]
        statuses = active_warrants(kb, person_id, on)
        if is_deceased(person, on) or not statuses:
            continue
        status = statuses[0]
        label = (
            f"{person.name} ({status.warrant.situation.replace('Situation in ', '')}, "
            f"{day(status.warrant.issued) if status.warrant.issued else '?'})"
        )
        key = (
            "at_large"
            if status.state == "at_large"
            else ("in_custody" if status.state in ("in_custody", "convicted") else "other")
        )
        groups[key].append(label)
        draft.cite(status.warrant.sources[:1])
        draft.certainties.append(status.certainty)
    draft.headline = (
        f"{len(groups['at_large'])} people with public ICC arrest warrants that I track are at "
        f"large as of {day(on)}."
    )
    draft.points.append("At large: " + join(groups["at_large"]) + ".")
    if groups["in_custody"]:
        draft.points.append("In ICC custody: " + join(groups["in_custody"]) + ".")
    applications = [w for w in kb.warrants if w.kind == "application"]
    if applications:
        names = join([kb.people[w.person].name for w in applications])
        draft.points.append(f"Applications, not warrants: {names}.")
    draft.hedge("This is the list of warrants people ask about most, not every ICC case.")
    draft.cite([ICC_DEFENDANTS])
    draft.followups.append("Which countries must arrest Vladimir Putin?")


def _travel_options(draft: _Draft) -> None:
    query = draft.query
    if not query.people:
        _person_warrant(draft)
        return
    kb, on = draft.kb, draft.on
    person = kb.people[query.person_ids[0]]
    active = active_warrants(kb, person.id, on)
    if (
        not active
        or is_deceased(person, on)
        or any(s.state in ("in_custody", "convicted") for s in active)
    ):
        _person_warrant(draft)
        return
    draft.merge(_memo_part(kb, on, _compose_travel_options, person.id))


def _compose_travel_options(draft: _Sheet, person_id: str) -> None:
    kb, on = draft.kb, draft.on
    person = kb.people[person_id]
    active = active_warrants(kb, person.id, on)
    draft.people.append(person.id)
    parties = parties_on(kb, on)
    situations = {s.warrant.situation_country for s in active}
    bound_other = [
        status
        for status in (
            status_on(kb.states[code], on) for code in sorted(situations) if code in kb.states
        )
        if not status.is_party and (status.referrals or status.declarations)
    ]
    others = len(kb.states) - len(parties) - len(bound_other)
    draft.verdict = "info"
    extra = (
        f" plus {join([s.name for s in bound_other])} (bound in its own situation)"
        if (bound_other)
        else ""
    )
    draft.headline = (
        f"{len(parties)} states must arrest {person.name} on ICC warrant: the States Parties to "
        f"the Rome Statute{extra}. The other {others} states have no ICC duty to."
    )
    visited = [t for t in kb.trips_of(person.id) if t.start <= on and t.status == "completed"]
    if visited:
        hosts = list(dict.fromkeys(kb.state_name(t.host) for t in visited))
        draft.points.append(f"Since the warrant {_pronoun(person)} has visited: {join(hosts)}.")
    not_bound = [s for s in signatories_only_on(kb, on)]
    draft.points.append(
        "Signed but not bound (no arrest duty): " + join([s.name for s in not_bound]) + "."
    )
    draft.points.append(
        "Never signed (no arrest duty) include China, India, Türkiye, Saudi Arabia, Kazakhstan, "
        "Belarus, Azerbaijan, Vietnam, Indonesia and North Korea."
        if on.year >= 2002
        else ""
    )
    pending = [s for s in parties if s.withdrawal_state == "pending"]
    if pending:
        draft.points.append(
            "Still bound although leaving: " + join([s.name for s in pending]) + "."
        )
        for status in pending:
            _status_hedges(draft, status)
    draft.points.append(
        "A duty is not a forecast: Mongolia (2024) and Tajikistan (2025) hosted Vladimir Putin "
        "without arresting him."
    )
    draft.points = [p for p in draft.points if p]
    draft.cite(active[0].warrant.sources)
    draft.cite(
        [
            Source(
                title="ASP: the States Parties to the Rome Statute",
                url="https://asp.icc-cpi.int/states-parties",
            )
        ]
    )
    draft.certainties.append(active[0].certainty)
    draft.followups += [f"Where has {person.name} travelled since the warrant?"]


def _person_trips(draft: _Draft) -> None:
    query = draft.query
    if not query.people:
        _unknown(draft)
        return
    codes = tuple(query.country_codes)
    draft.merge(_memo_part(draft.kb, draft.on, _compose_person_trips, query.person_ids[0], codes))


def _compose_person_trips(draft: _Sheet, person_id: str, codes: tuple[str, ...]) -> None:
    kb, on = draft.kb, draft.on
    person = kb.people[person_id]
    draft.people.append(person.id)
    trips = [t for t in kb.trips_of(person.id) if t.start <= on]
    if codes:
        trips = [t for t in trips if t.host in codes] or trips
        draft.countries.extend(codes)
    draft.verdict = "info"
    if not trips:
        warrants = kb.warrants_for(person.id)
        draft.headline = (
            f"I have no recorded trips of {person.name} since the warrant."
            if warrants
            else f"{person.name} has no known ICC warrant, so I don't track their trips."
        )
        draft.cite(person.sources)
        return
    draft.headline = f"{person.name}: {_trip_counts(trips)} since the ICC warrant."
    for trip in trips:
        draft.precedents.append(_trip_line(kb, trip))
        draft.cite(trip.sources)
        draft.certainties.append(trip.certainty)
        if trip.certainty != "verified":
            draft.hedge(
                f"Some trip dates are {trip.certainty}: they are marked '(not confirmed)'."
            )
    draft.points.append(
        "Hosts that were States Parties at the time were obliged to arrest; the others were not."
    )
    draft.followups.append(f"Which countries must arrest {person.name}?")


_TRIP_COUNTS = (
    ("completed", "recorded foreign trip", "recorded foreign trips"),
    ("under_way", "trip under way", "trips under way"),
    ("announced", "announced trip (not yet made)", "announced trips (not yet made)"),
    ("postponed", "postponed", "postponed"),
    ("skipped", "skipped", "skipped"),
    ("cancelled", "cancelled", "cancelled"),
)


def _trip_counts(trips: Sequence[Trip]) -> str:
    """'3 recorded foreign trips, 1 announced trip (not yet made) and 2 cancelled'."""
    parts = []
    for status, one, many in _TRIP_COUNTS:
        count = sum(t.status == status for t in trips)
        if count or status == "completed":
            parts.append(f"{count} {one if count == 1 else many}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _trip_line(kb: KnowledgeBase, trip: Trip) -> str:
    status = status_on(kb.states[trip.host], trip.start)
    when = span(trip.start, trip.end, trip.precision)
    person = kb.people[trip.person].name
    host = with_article(kb.state_name(trip.host))
    duty = "State Party" if status.is_party else "not a State Party"
    verb = {
        "completed": "visited",
        "skipped": "stayed away from",
        "cancelled": "cancelled a trip to",
        "postponed": "postponed a trip to",
        "announced": "is due to visit",
        "under_way": "is visiting",
    }[trip.status]
    event = f" ({trip.event})" if trip.event else ""
    outcome = f" {trip.outcome}" if trip.outcome else ""
    unsure = " (not confirmed)" if trip.certainty != "verified" else ""
    return f"{when}: {person} {verb} {host}{event}, {duty} at the time.{outcome}{unsure}".replace(
        "..", "."
    )


def _finding_line(kb: KnowledgeBase, finding: Finding) -> str:
    state = kb.state_name(finding.state)
    person = kb.people[finding.person].name
    chamber = f" {finding.chamber}" if finding.chamber else ""
    unsure = " (not confirmed)" if finding.certainty != "verified" else ""
    return (
        f"{day(finding.date)}: ICC{chamber} found {state} failed to arrest {person} "
        f"({finding.visit}). {finding.outcome}{unsure}"
    )


def _precedent_line(kb: KnowledgeBase, precedent: Precedent) -> str:
    if precedent.trip is not None:
        return _trip_line(kb, precedent.trip)
    assert precedent.finding is not None
    return _finding_line(kb, precedent.finding)


def _precedent_hedge(precedent: Precedent) -> str:
    item = precedent.trip or precedent.finding
    note = getattr(item, "note", "")
    return (
        f"Items marked '(not confirmed)' rest on secondary sources{f': {note}' if note else '.'}"
    )


# --- counts, explanations, small talk --------------------------------------------------------


def _member_count(draft: _Draft) -> None:
    draft.merge(_memo_part(draft.kb, draft.on, _compose_member_count))


def _compose_member_count(draft: _Sheet) -> None:
    kb, on = draft.kb, draft.on
    parties = parties_on(kb, on)
    signatories = signatories_only_on(kb, on)
    draft.verdict = "info"
    draft.headline = (
        f"{len(parties)} states are parties to the Rome Statute of the ICC as of {day(on)}."
    )
    draft.points.append(
        f"{len(signatories)} more signed but never ratified (no duty to arrest), among them "
        + join([s.name for s in signatories if s.code in {"RU", "US", "IL", "KG", "UA", "AE"}])
        + "."
    )
    recent = sorted(
        (s for s in parties if s.in_force and s.in_force.year >= 2015),
        key=lambda s: s.in_force or dt.date.min,
    )
    if recent:
        draft.points.append(
            "Newest members: "
            + join([f"{s.name} ({day(s.in_force)})" for s in recent[-4:] if s.in_force])
            + "."
        )
    left = [status_on(s, on) for s in kb.states.values()]
    gone = [s for s in left if s.category == "withdrawn"]
    if gone:
        draft.points.append(
            "Left: "
            + join(
                [
                    f"{s.name} ({day(s.withdrawal.effective)})"
                    for s in gone
                    if s.withdrawal and s.withdrawal.effective
                ]
            )
            + "."
        )
    pending = [s for s in parties if s.withdrawal_state == "pending"]
    if pending:
        draft.points.append(
            "Still parties but leaving (withdrawal notified, not yet effective): "
            + join([s.name for s in pending])
            + "."
        )
        for status in pending:
            _status_hedges(draft, status)
    draft.cite(
        [
            Source(
                title="ASP: the States Parties to the Rome Statute",
                url="https://asp.icc-cpi.int/states-parties",
            ),
            Source(
                title="UN Treaty Collection: Rome Statute, status (chapter XVIII-10)",
                url="https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-10&chapter=18&lang=en",
            ),
        ]
    )
    draft.followups += ["Is Kyrgyzstan a member of the ICC?", "Which countries must arrest Putin?"]


def _explain(draft: _Draft) -> None:
    topic = draft.query.topic or "icc"
    draft.merge(_memo_part(draft.kb, draft.on, _compose_explain, topic))


def _compose_explain(draft: _Sheet, topic: str) -> None:
    explainer = draft.kb.explainers.get(topic) or draft.kb.explainers["icc"]
    draft.verdict = "info"
    draft.headline = explainer.headline
    draft.points.extend(explainer.points)
    if topic == "icc":
        draft.points.append(f"{len(parties_on(draft.kb, draft.on))} states are parties today.")
    draft.cite(explainer.sources)
    draft.certainties.append(explainer.certainty)
    draft.followups += [
        "Who has ICC arrest warrants?",
        "Will Vladimir Putin be arrested in Kyrgyzstan?",
    ]


def _greeting(draft: _Draft) -> None:
    draft.verdict = "info"
    draft.headline = (
        "Hello! I answer questions about ICC arrest warrants and which states must arrest whom, "
        "with sources."
    )
    draft.points.append("Try: " + " / ".join(EXAMPLES[:3]))
    draft.followups += list(EXAMPLES[:3])


def _help(draft: _Draft) -> None:
    draft.verdict = "info"
    draft.headline = (
        "Ask me whether a state must arrest someone wanted by the International Criminal Court, "
        "whether a country is an ICC member, or who has a warrant. Every answer on the facts "
        "cites its sources."
    )
    draft.points.extend(f"Example: {example}" for example in EXAMPLES)
    draft.followups += list(EXAMPLES[:3])


def _out_of_scope(draft: _Draft) -> None:
    draft.verdict = "out_of_scope"
    cricket = any(w in draft.query.text.lower() for w in ("cricket", "t20", "odi", "wicket"))
    draft.headline = (
        "That sounds like the International Cricket Council; I only know about the International "
        "Criminal Court."
        if cricket
        else "I can't answer that: I only know about ICC arrest warrants and Rome Statute "
        "membership."
    )
    draft.points.extend(f"You can ask: {example}" for example in EXAMPLES[:4])


def _unknown(draft: _Draft) -> None:
    draft.verdict = "unknown"
    query = draft.query
    if query.suggestions:
        names = [
            draft.kb.people[s.id].name if s.kind == "person" else draft.kb.state_name(s.id)
            for s in query.suggestions
        ]
        draft.headline = f"Did you mean {join(list(dict.fromkeys(names)), 'or')}?"
    elif not query.text:
        draft.headline = "Please send a question, for example: " + EXAMPLES[0]
    else:
        draft.headline = (
            "I'm not sure what you're asking. I answer questions about ICC arrest warrants and "
            "Rome Statute membership."
        )
    draft.points.extend(f"You can ask: {example}" for example in EXAMPLES[:4])


def _clarify(draft: _Draft) -> None:
    ambiguity = draft.query.ambiguities[0]
    if ambiguity.kind == "country":
        names = [draft.kb.state_name(code) for code in ambiguity.ids]
    else:
        names = [draft.kb.people[pid].name for pid in ambiguity.ids if pid in draft.kb.people]
    draft.verdict = "clarify"
    draft.headline = f"'{ambiguity.text}' could mean {join(names, 'or')}: which one?"
    draft.followups += [f"{draft.query.text} ({name})" for name in names[:3]]


_HANDLERS = {
    "arrest_risk": _arrest_risk,
    "country_status": _country_status,
    "person_warrant": _person_warrant,
    "warrant_list": _warrant_list,
    "travel_options": _travel_options,
    "person_trips": _person_trips,
    "member_count": _member_count,
    "explain": _explain,
    "greeting": _greeting,
    "help": _help,
    "out_of_scope": _out_of_scope,
    "none": _unknown,
}


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
