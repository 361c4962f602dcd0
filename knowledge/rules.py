"""The legal rules, pure: what the Rome Statute obliges a state to do on a given date.

States obligations and the record; never predicts an arrest. No I/O: every function takes the
knowledge base and the date it should reason about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, Literal, TypeVar

from knowledge.models import (
    Certainty,
    Finding,
    Person,
    Source,
    State,
    StatePosition,
    TreatyEvent,
    Trip,
    Warrant,
    WarrantEvent,
)
from knowledge.store import KnowledgeBase, all_sources, weakest

FIRST_ENTRY_INTO_FORCE = dt.date(2002, 7, 1)
SIXTIETH_DEPOSIT = dt.date(2002, 4, 11)

StatusCategory = Literal[
    "party", "not_yet_in_force", "withdrawn", "declared_no_intent", "signatory", "non_signatory"
]
WithdrawalState = Literal["announced", "pending", "effective", "revoked"]


def expected_entry_into_force(deposit: dt.date) -> dt.date:
    """Art. 126: the first day of the month after the 60th day following deposit.

    Instruments deposited up to the 60th (11 April 2002) took effect on 1 July 2002.
    """
    if deposit <= SIXTIETH_DEPOSIT:
        return FIRST_ENTRY_INTO_FORCE
    sixtieth_day = deposit + dt.timedelta(days=60)
    if sixtieth_day.month == 12:
        return dt.date(sixtieth_day.year + 1, 1, 1)
    return dt.date(sixtieth_day.year, sixtieth_day.month + 1, 1)


@dataclass(frozen=True)
class StateStatus:
    """A state's Rome Statute position on one date, derived from its timeline."""

    state: State
    on: dt.date
    category: StatusCategory
    signed: TreatyEvent | None = None
    joined: TreatyEvent | None = None
    in_force: dt.date | None = None
    no_intent: TreatyEvent | None = None
    withdrawal: TreatyEvent | None = None
    withdrawal_state: WithdrawalState | None = None
    revocation: TreatyEvent | None = None
    declarations: tuple[TreatyEvent, ...] = ()
    referrals: tuple[TreatyEvent, ...] = ()
    certainty: Certainty = "verified"

    @property
    def code(self) -> str:
        return self.state.code

    @property
    def name(self) -> str:
        return self.state.name

    @property
    def is_party(self) -> bool:
        return self.category == "party"

    @property
    def deciding_events(self) -> tuple[TreatyEvent, ...]:
        """The events the status rests on (for sources and hedges)."""
        events = (
            self.signed,
            self.joined,
            self.no_intent,
            self.withdrawal,
            self.revocation,
            *self.declarations,
            *self.referrals,
        )
        return tuple(e for e in events if e is not None)

    @property
    def sources(self) -> list[Source]:
        return list(self._sources)

    @cached_property
    def _sources(self) -> tuple[Source, ...]:
        # Computed once per status: every field it reads is frozen.
        return tuple(all_sources([*(e.sources for e in self.deciding_events), self.state.sources]))


_V = TypeVar("_V")


class _Memo(Generic[_V]):
    """A bounded memo for pure functions of an immutable owner (a State, a Warrant or a whole
    KnowledgeBase) and a few hashable arguments.

    Keys use the owner's identity; each entry keeps the owner alive and is checked against it,
    so a reused id can never hand back another owner's result. Full -> cleared.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.entries: dict[tuple[int, Hashable], tuple[object, _V]] = {}

    def get(self, owner: object, key: Hashable, compute: Callable[[], _V]) -> _V:
        full = (id(owner), key)
        hit = self.entries.get(full)
        if hit is not None and hit[0] is owner:
            return hit[1]
        if len(self.entries) >= self.limit:
            self.entries.clear()
        value = compute()
        self.entries[full] = (owner, value)
        return value


_STATUS_MEMO: _Memo[StateStatus] = _Memo(50_000)
_STATUSES_MEMO: _Memo[tuple[StateStatus, ...]] = _Memo(4096)
_PARTIES_MEMO: _Memo[tuple[StateStatus, ...]] = _Memo(4096)
_SIGNATORIES_MEMO: _Memo[tuple[StateStatus, ...]] = _Memo(4096)


def status_on(state: State, on: dt.date) -> StateStatus:
    """Derive a state's status on ``on`` from its timeline (events after ``on`` are ignored).

    Pure, so results are memoised per (state object, date).
    """
    return _STATUS_MEMO.get(state, on, lambda: _derive_status(state, on))


def _derive_status(state: State, on: dt.date) -> StateStatus:
    past = sorted((e for e in state.events if e.date <= on), key=lambda e: e.date)
    signed = _last(past, "signed")
    joined = next(
        (e for e in reversed(past) if e.kind in ("ratified", "acceded", "succeeded")), None
    )
    in_force = _entry_into_force(state, joined)
    no_intent = _last(past, "declared_no_intent")
    declarations = tuple(e for e in past if e.kind == "article_12_3_declaration")
    referrals = tuple(e for e in past if e.kind == "unsc_referral")

    withdrawal, withdrawal_state, revocation = _withdrawal(state, past, on)
    certainty_events: list[TreatyEvent] = []
    category: StatusCategory
    if in_force is not None and in_force <= on and withdrawal_state != "effective":
        category = "party"
        certainty_events += [e for e in (joined, revocation) if e is not None]
    elif withdrawal_state == "effective":
        category = "withdrawn"
        certainty_events += [e for e in (withdrawal,) if e is not None]
    elif joined is not None:
        category = "not_yet_in_force"
        certainty_events.append(joined)
    elif no_intent is not None:
        category = "declared_no_intent"
        certainty_events.append(no_intent)
    elif signed is not None:
        category = "signatory"
        certainty_events.append(signed)
    else:
        category = "non_signatory"
    return StateStatus(
        state=state,
        on=on,
        category=category,
        signed=signed,
        joined=joined,
        in_force=in_force,
        no_intent=no_intent,
        withdrawal=withdrawal,
        withdrawal_state=withdrawal_state,
        revocation=revocation,
        declarations=declarations,
        referrals=referrals,
        certainty=weakest(
            [state.certainty if not certainty_events else "verified"]
            + [e.certainty for e in certainty_events]
        ),
    )


def _last(events: list[TreatyEvent], kind: str) -> TreatyEvent | None:
    return next((e for e in reversed(events) if e.kind == kind), None)


def _entry_into_force(state: State, joined: TreatyEvent | None) -> dt.date | None:
    if joined is None:
        return None
    if joined.kind == "succeeded":
        return joined.effective or joined.date
    dates = [
        e.date for e in state.events if e.kind == "entered_into_force" and e.date >= joined.date
    ]
    return min(dates) if dates else expected_entry_into_force(joined.date)


def _withdrawal(
    state: State, past: list[TreatyEvent], on: dt.date
) -> tuple[TreatyEvent | None, WithdrawalState | None, TreatyEvent | None]:
    notices = [e for e in past if e.kind == "withdrawal_notified"]
    if notices:
        notice = notices[-1]
        revocation = next(
            (
                e
                for e in past
                if e.kind == "withdrawal_revoked"
                and notice.date <= e.date
                and (notice.effective is None or e.date < notice.effective)
            ),
            None,
        )
        if revocation is not None:
            return notice, "revoked", revocation
        assert notice.effective is not None
        return notice, ("effective" if notice.effective <= on else "pending"), None
    announced = _last(past, "withdrawal_announced")
    if announced is not None:
        return announced, "announced", None
    return None, None, None


def statuses_on(kb: KnowledgeBase, on: dt.date) -> tuple[StateStatus, ...]:
    """Every state's status on ``on``, in the knowledge base's order (memoised)."""
    return _STATUSES_MEMO.get(
        kb, on, lambda: tuple(status_on(state, on) for state in kb.states.values())
    )


def parties_on(kb: KnowledgeBase, on: dt.date) -> list[StateStatus]:
    """Every State Party on ``on``, by name."""
    return list(
        _PARTIES_MEMO.get(
            kb,
            on,
            lambda: tuple(
                sorted((s for s in statuses_on(kb, on) if s.is_party), key=lambda s: s.name)
            ),
        )
    )


def signatories_only_on(kb: KnowledgeBase, on: dt.date) -> list[StateStatus]:
    """States that signed and never joined (including those that declared no intent)."""

    def compute() -> tuple[StateStatus, ...]:
        signatories = (
            s for s in statuses_on(kb, on) if s.category in ("signatory", "declared_no_intent")
        )
        return tuple(sorted(signatories, key=lambda s: s.name))

    return list(_SIGNATORIES_MEMO.get(kb, on, compute))


# --- people and warrants -----------------------------------------------------------------

WarrantState = Literal[
    "at_large", "in_custody", "convicted", "withdrawn", "terminated", "pending_application"
]

CUSTODY_EVENTS = ("surrendered",)
RELEASE_EVENTS = ("released", "acquitted")
END_EVENTS = ("withdrawn", "proceedings_terminated")


@dataclass(frozen=True)
class WarrantStatus:
    """Where a warrant stands on a date."""

    warrant: Warrant
    state: WarrantState
    last_event: WarrantEvent | None
    certainty: Certainty


_WARRANT_MEMO: _Memo[WarrantStatus | None] = _Memo(50_000)
_ACTIVE_MEMO: _Memo[tuple[WarrantStatus, ...]] = _Memo(50_000)


def warrant_status(warrant: Warrant, on: dt.date) -> WarrantStatus | None:
    """The warrant's status on ``on``; ``None`` if it was not yet issued (or applied for).

    Pure, so results are memoised per (warrant object, date).
    """
    return _WARRANT_MEMO.get(warrant, on, lambda: _derive_warrant_status(warrant, on))


def _derive_warrant_status(warrant: Warrant, on: dt.date) -> WarrantStatus | None:
    past = sorted((e for e in warrant.events if e.date <= on), key=lambda e: e.date)
    if warrant.kind == "application":
        if not past and (warrant.as_of > on):
            return None
        return WarrantStatus(
            warrant, "pending_application", past[-1] if past else None, warrant.certainty
        )
    if warrant.issued is None or warrant.issued > on:
        return None
    state: WarrantState = "at_large"
    deciding: WarrantEvent | None = None
    for event in past:
        if event.kind in END_EVENTS:
            state = "withdrawn" if event.kind == "withdrawn" else "terminated"
            deciding = event
        elif event.kind in CUSTODY_EVENTS and state == "at_large":
            state, deciding = "in_custody", event
        elif event.kind == "convicted" and state in ("at_large", "in_custody"):
            state, deciding = "convicted", event
        elif event.kind in RELEASE_EVENTS and state == "in_custody":
            state, deciding = "at_large", event
    certainty = weakest([warrant.certainty] + ([deciding.certainty] if deciding else []))
    return WarrantStatus(warrant, state, deciding, certainty)


def active_warrants(kb: KnowledgeBase, person_id: str, on: dt.date) -> list[WarrantStatus]:
    """Issued warrants that are neither withdrawn nor terminated on ``on``."""

    def compute() -> tuple[WarrantStatus, ...]:
        warrants = (w for w in kb.warrants_for(person_id) if w.kind == "warrant")
        statuses = (warrant_status(w, on) for w in warrants)
        return tuple(
            s for s in statuses if s is not None and s.state not in ("withdrawn", "terminated")
        )

    return list(_ACTIVE_MEMO.get(kb, (person_id, on), compute))


def incumbent_roles(person: Person, on: dt.date) -> list[str]:
    """Titles of the top offices (head of state or government) held on ``on``."""
    return [
        r.title
        for r in person.roles
        if r.kind in ("head_of_state", "head_of_government") and r.holds_on(on)
    ]


def is_deceased(person: Person, on: dt.date) -> bool:
    return person.died is not None and person.died <= on


# --- assessment ------------------------------------------------------------------------------

Verdict = Literal[
    "obliged",
    "obliged_disputed",
    "not_obliged",
    "own_state",
    "no_warrant",
    "in_custody",
    "deceased",
    "unknown",
]
ObligationBasis = Literal["state_party", "unsc_referral", "article_12_3"]
NoObligationReason = Literal[
    "signatory_only", "never_signed", "declared_no_intent", "withdrawn", "not_yet_in_force"
]

NO_OBLIGATION_REASON: dict[StatusCategory, NoObligationReason] = {
    "signatory": "signatory_only",
    "non_signatory": "never_signed",
    "declared_no_intent": "declared_no_intent",
    "withdrawn": "withdrawn",
    "not_yet_in_force": "not_yet_in_force",
}


@dataclass(frozen=True)
class Precedent:
    """Something that happened before: a visit or an ICC finding."""

    date: dt.date
    kind: Literal["trip", "finding"]
    trip: Trip | None = None
    finding: Finding | None = None

    @property
    def sources(self) -> tuple[Source, ...]:
        item = self.trip or self.finding
        return item.sources if item else ()

    @property
    def certainty(self) -> Certainty:
        item = self.trip or self.finding
        return item.certainty if item else "verified"


@dataclass(frozen=True)
class Assessment:
    """What the law obliges ``country`` to do about ``person`` on ``on``, and the record."""

    person: Person | None
    country: StateStatus | None
    on: dt.date
    verdict: Verdict
    basis: ObligationBasis | None = None
    reason: NoObligationReason | None = None
    warrants: tuple[WarrantStatus, ...] = ()
    applications: tuple[WarrantStatus, ...] = ()
    own_state: bool = False
    immunity_relevant: bool = False
    positions: tuple[StatePosition, ...] = ()
    precedents: tuple[Precedent, ...] = ()
    certainty: Certainty = "verified"
    hedges: tuple[str, ...] = ()
    sources: tuple[Source, ...] = field(default_factory=tuple)


_ASSESS_MEMO: _Memo[Assessment] = _Memo(4096)


def assess(kb: KnowledgeBase, person_id: str | None, code: str | None, on: dt.date) -> Assessment:
    """Obligation, immunity position, precedents, certainty and sources for one triple.

    Pure (an Assessment is immutable), so results are memoised per (knowledge base, person,
    country, date).

    Args:
        kb: the knowledge base.
        person_id: a person id from the knowledge base (``None`` if not recognised).
        code: an ISO alpha-2 code from the knowledge base (``None`` if not recognised).
        on: the date the question is about.

    """
    return _ASSESS_MEMO.get(kb, (person_id, code, on), lambda: _assess(kb, person_id, code, on))


def _assess(kb: KnowledgeBase, person_id: str | None, code: str | None, on: dt.date) -> Assessment:
    person = kb.people.get(person_id) if person_id else None
    country = status_on(kb.states[code], on) if code and code in kb.states else None
    if person is None or country is None:
        return Assessment(person=person, country=country, on=on, verdict="unknown")

    all_statuses = [warrant_status(w, on) for w in kb.warrants_for(person.id)]
    statuses = [s for s in all_statuses if s is not None]
    warrants = tuple(s for s in statuses if s.warrant.kind == "warrant")
    active = tuple(s for s in warrants if s.state not in ("withdrawn", "terminated"))
    applications = tuple(s for s in statuses if s.warrant.kind == "application")
    precedents = _precedents(kb, person.id, country.code, on)
    hedges: list[str] = []
    certainties: list[Certainty] = [person.certainty]

    def finish(
        verdict: Verdict,
        *,
        basis: ObligationBasis | None = None,
        reason: NoObligationReason | None = None,
        own_state: bool = False,
        immunity_relevant: bool = False,
        positions: tuple[StatePosition, ...] = (),
    ) -> Assessment:
        cited = [
            country.sources,
            *(s.warrant.sources for s in (*warrants, *applications)),
            *(p.sources for p in positions),
            *(p.sources for p in precedents),
            person.sources,
        ]
        return Assessment(
            person=person,
            country=country,
            on=on,
            verdict=verdict,
            basis=basis,
            reason=reason,
            warrants=warrants,
            applications=applications,
            own_state=own_state,
            immunity_relevant=immunity_relevant,
            positions=positions,
            precedents=precedents,
            certainty=weakest(certainties),
            hedges=tuple(hedges),
            sources=tuple(all_sources(cited)),
        )

    if is_deceased(person, on):
        if person.certainty != "verified":
            hedges.append(f"{person.name}'s death is reported but not fully confirmed.")
        return finish("deceased")
    if not active:
        return finish("no_warrant")
    certainties += [s.certainty for s in active]
    if any(s.state in ("in_custody", "convicted") for s in active):
        return finish("in_custody")

    basis = _obligation_basis(country, active)
    own_state = country.code in person.nationality
    if basis is None:
        certainties.append(country.certainty)
        verdict: Verdict = "own_state" if own_state else "not_obliged"
        return finish(
            verdict, reason=NO_OBLIGATION_REASON.get(country.category), own_state=own_state
        )

    certainties.append(country.certainty)
    positions = kb.positions_of(country.code, person.id)
    positions = tuple(p for p in positions if p.date <= on)
    immunity = bool(incumbent_roles(person, on)) and not own_state
    disputed = any(p.kind == "immunity_claimed" for p in positions)
    if country.withdrawal_state == "pending":
        assert country.withdrawal is not None
        certainties.append(country.withdrawal.certainty)
    return finish(
        "obliged_disputed" if disputed else "obliged",
        basis=basis,
        own_state=own_state,
        immunity_relevant=immunity,
        positions=positions,
    )


def _obligation_basis(
    country: StateStatus, active: tuple[WarrantStatus, ...]
) -> ObligationBasis | None:
    if country.is_party:
        return "state_party"
    situations = {s.warrant.situation_country for s in active}
    if country.code in situations and country.referrals:
        return "unsc_referral"
    if country.code in situations and country.declarations:
        return "article_12_3"
    return None


def _precedents(
    kb: KnowledgeBase, person_id: str, code: str, on: dt.date
) -> tuple[Precedent, ...]:
    """Visits of the person to the host, findings about the host, then related record."""
    chosen: list[Precedent] = []
    for trip in kb.trips_of(person_id):
        if trip.host == code and trip.start <= on:
            chosen.append(Precedent(trip.start, "trip", trip=trip))
    for finding in kb.findings_about_state(code):
        if finding.date <= on:
            chosen.append(Precedent(finding.date, "finding", finding=finding))
    for finding in kb.findings_about_person(person_id):
        if finding.state != code and finding.date <= on:
            chosen.append(Precedent(finding.date, "finding", finding=finding))
    for trip in kb.trips_to(code):
        if trip.person != person_id and trip.start <= on and trip.status == "completed":
            chosen.append(Precedent(trip.start, "trip", trip=trip))
    seen: set[int] = set()
    unique = []
    for precedent in chosen:
        key = id(precedent.trip or precedent.finding)
        if key not in seen:
            seen.add(key)
            unique.append(precedent)
    return tuple(unique)
