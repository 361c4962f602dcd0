"""One-line descriptions of the record: trips, non-compliance findings, precedents."""

from __future__ import annotations

from collections.abc import Sequence

from bot.format import day, span, with_article
from knowledge.models import Finding, Trip
from knowledge.rules import (
    Precedent,
    status_on,
)
from knowledge.store import KnowledgeBase

_TRIP_COUNTS = (
    ("completed", "recorded foreign trip", "recorded foreign trips"),
    ("under_way", "trip under way", "trips under way"),
    ("announced", "announced trip (not yet made)", "announced trips (not yet made)"),
    ("postponed", "postponed", "postponed"),
    ("skipped", "skipped", "skipped"),
    ("cancelled", "cancelled", "cancelled"),
)


def trip_counts(trips: Sequence[Trip]) -> str:
    """'3 recorded foreign trips, 1 announced trip (not yet made) and 2 cancelled'."""
    parts = []
    for status, one, many in _TRIP_COUNTS:
        count = sum(t.status == status for t in trips)
        if count or status == "completed":
            parts.append(f"{count} {one if count == 1 else many}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def trip_line(kb: KnowledgeBase, trip: Trip) -> str:
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


def finding_line(kb: KnowledgeBase, finding: Finding) -> str:
    state = kb.state_name(finding.state)
    person = kb.people[finding.person].name
    chamber = f" {finding.chamber}" if finding.chamber else ""
    unsure = " (not confirmed)" if finding.certainty != "verified" else ""
    return (
        f"{day(finding.date)}: ICC{chamber} found {state} failed to arrest {person} "
        f"({finding.visit}). {finding.outcome}{unsure}"
    )


def precedent_line(kb: KnowledgeBase, precedent: Precedent) -> str:
    if precedent.trip is not None:
        return trip_line(kb, precedent.trip)
    assert precedent.finding is not None
    return finding_line(kb, precedent.finding)


def precedent_hedge(precedent: Precedent) -> str:
    item = precedent.trip or precedent.finding
    note = getattr(item, "note", "")
    return (
        f"Items marked '(not confirmed)' rest on secondary sources{f': {note}' if note else '.'}"
    )
