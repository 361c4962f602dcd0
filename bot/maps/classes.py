"""Every state's colour class towards one person on one date, and the trips to mark.

The states that must arrest are counted exactly as the answer to "which countries must
arrest X?" counts them (``bot.compose.lists``): the States Parties on the date
(``parties_on``) plus the non-party states bound in the warrant's own situation by a
Security Council referral or an Art. 12(3) declaration. ``assess`` then says which of them
dispute immunity; a State Party whose withdrawal is pending is still bound, in its own shade.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from knowledge.models import Person, Trip
from knowledge.rules import (
    StateStatus,
    active_warrants,
    assess,
    is_deceased,
    parties_on,
    status_on,
)
from knowledge.store import KnowledgeBase

MapClass = Literal["must", "contested", "no_duty", "own_state", "not_wanted"]
"""``must``: must arrest; ``contested``: must arrest but disputes immunity or is leaving the
ICC; ``no_duty``; ``own_state``: the person's own state (and not bound); ``not_wanted``: no
state must arrest anyone (no warrant yet, in custody, deceased)."""

CLASSES: tuple[MapClass, ...] = ("must", "contested", "no_duty", "own_state", "not_wanted")

Standing = Literal["wanted", "no_warrant", "in_custody", "deceased"]
Why = Literal["", "immunity", "leaving", "referral", "declaration"]

COLOURS: dict[str, tuple[int, int, int]] = {
    "must": (0, 114, 178),  # Okabe-Ito blue
    "contested": (86, 180, 233),  # Okabe-Ito sky blue: the same duty, a lighter shade
    "no_duty": (230, 159, 0),  # Okabe-Ito orange
    "own_state": (204, 121, 167),  # Okabe-Ito reddish purple
    "not_wanted": (200, 200, 200),
    "no_state": (190, 190, 190),  # areas the data files under no state: Taiwan, W. Sahara
    "sea": (244, 246, 248),
    "bound_trip": (240, 228, 66),  # Okabe-Ito yellow: a host that had to arrest
}
"""Fill colours by map class (and for no-state areas, the sea, marked hosts): Okabe and Ito's
colour-blind-safe palette (https://jfly.uni-koeln.de/color/). Blue and orange stay apart in
every common colour vision deficiency; the two blues differ in lightness as well as hue."""


@dataclass(frozen=True)
class StateClass:
    code: str
    name: str
    klass: MapClass
    why: Why = ""


@dataclass(frozen=True)
class TripMark:
    """A completed visit since the warrant; ``bound``: the host had to arrest on the day."""

    trip: Trip
    host: str
    bound: bool


@dataclass(frozen=True)
class Obligations:
    """What the map shows: every state's class, the counts, and the trips."""

    person: Person
    on: dt.date
    standing: Standing
    states: dict[str, StateClass]
    parties: int
    bound_in_situation: tuple[StateStatus, ...]
    trips: tuple[TripMark, ...]
    warrant_issued: dt.date | None
    applied: dt.date | None = None
    """When the Prosecutor applied for the first warrant (if on or before ``on``)."""

    def count(self, klass: MapClass) -> int:
        return self.counts()[klass]

    def counts(self) -> Counter[MapClass]:
        counts: Counter[MapClass] = Counter({klass: 0 for klass in CLASSES})
        counts.update(s.klass for s in self.states.values())
        return counts

    def must_arrest(self) -> int:
        """How many states must arrest, the number the answers give (parties + situation)."""
        return self.count("must") + self.count("contested")

    def of(self, klass: MapClass) -> list[StateClass]:
        return sorted((s for s in self.states.values() if s.klass == klass), key=lambda s: s.name)


def obligations(kb: KnowledgeBase, person_id: str, on: dt.date) -> Obligations:
    """Classify every state of the knowledge base towards ``person_id`` on ``on``."""
    person = kb.people[person_id]
    active = active_warrants(kb, person_id, on)
    issued = [w.issued for w in kb.warrants_for(person_id) if w.kind == "warrant" and w.issued]
    first_warrant = min(issued) if issued else None  # shown even if issued after ``on``
    applications = [
        e.date
        for w in kb.warrants_for(person_id)
        for e in w.events
        if e.kind == "applied" and e.date <= on
    ]
    applied = min(applications) if applications else None
    standing: Standing = "wanted"
    if is_deceased(person, on):
        standing = "deceased"
    elif not active:
        standing = "no_warrant"
    elif any(s.state in ("in_custody", "convicted") for s in active):
        standing = "in_custody"
    if standing != "wanted":
        states = {
            code: StateClass(code, state.name, "not_wanted") for code, state in kb.states.items()
        }
        return Obligations(person, on, standing, states, 0, (), (), first_warrant, applied)
    parties = parties_on(kb, on)
    situations = {s.warrant.situation_country for s in active}
    bound = tuple(
        status
        for status in (status_on(kb.states[c], on) for c in sorted(situations) if c in kb.states)
        if not status.is_party and (status.referrals or status.declarations)
    )
    must = {s.code: s for s in (*parties, *bound)}
    states = {
        code: _classify(kb, person, must.get(code), code, state.name, on)
        for code, state in kb.states.items()
    }
    trips = tuple(
        TripMark(trip, trip.host, assess(kb, person_id, trip.host, trip.start).verdict in BOUND)
        for trip in kb.trips_of(person_id)
        if trip.start <= on and trip.status in ("completed", "under_way")
    )
    return Obligations(
        person, on, standing, states, len(parties), bound, trips, first_warrant, applied
    )


BOUND = ("obliged", "obliged_disputed")


def _classify(
    kb: KnowledgeBase,
    person: Person,
    status: StateStatus | None,
    code: str,
    name: str,
    on: dt.date,
) -> StateClass:
    if status is None:
        klass: MapClass = "own_state" if code in person.nationality else "no_duty"
        return StateClass(code, name, klass)
    if assess(kb, person.id, code, on).verdict == "obliged_disputed":
        return StateClass(code, name, "contested", "immunity")
    if status.withdrawal_state == "pending":
        return StateClass(code, name, "contested", "leaving")
    if status.is_party:
        return StateClass(code, name, "must")
    return StateClass(code, name, "must", "referral" if status.referrals else "declaration")
