"""Rules over dated timelines, pure: what each case event or finding step is on a given date.

A scheduled date is never an event that happened: once its day has passed with no source
confirming it, it is ``overdue`` (past, unconfirmed), and answers must say they do not know.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

from knowledge.cases import Case, CaseEvent
from knowledge.models import Certainty, DatePrecision, Finding, FindingStep, Occurrence, Source
from knowledge.situations import JurisdictionBasis, Situation
from knowledge.store import all_sources, weakest

EventState = Literal["happened", "scheduled", "overdue", "not_yet"]
"""On a date: ``happened`` (on or before it, not merely scheduled); ``scheduled`` (a date set for
later, or for that very day); ``overdue`` (a scheduled date that has passed with no confirmation);
``not_yet`` (later than the date, or a schedule not announced by then)."""

CasePhase = Literal[
    "warrant",
    "pre_trial",
    "charges_confirmed",
    "charges_declined",
    "trial",
    "judgment",
    "sentenced",
    "appeal",
    "appeal_decided",
    "closed",
]

_PHASE_OF: dict[str, tuple[int, CasePhase]] = {
    "surrendered": (1, "pre_trial"),
    "initial_appearance": (1, "pre_trial"),
    "confirmation_hearing": (1, "pre_trial"),
    "confirmation_decision": (2, "charges_confirmed"),
    "trial_opened": (3, "trial"),
    "judgment": (4, "judgment"),
    "sentence": (5, "sentenced"),
    "appeal_filed": (6, "appeal"),
    "appeal_judgment": (7, "appeal_decided"),
    "case_closed": (8, "closed"),
}
"""How far a case has come: the phase of the furthest event that happened."""

OccurrenceT = TypeVar("OccurrenceT", bound=Occurrence)


def latest_day(day: dt.date, precision: DatePrecision) -> dt.date:
    """The last day a date of this precision may stand for (31 Dec for a year)."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def occurrence_state(item: Occurrence, on: dt.date) -> EventState:
    """What a case event or finding step is on ``on`` (see ``EventState``)."""
    if not item.scheduled:
        return "happened" if item.date <= on else "not_yet"
    if item.announced is not None and item.announced > on:
        return "not_yet"
    return "overdue" if latest_day(item.date, item.precision) < on else "scheduled"


def timeline_on(
    items: Iterable[OccurrenceT], on: dt.date
) -> tuple[tuple[OccurrenceT, EventState], ...]:
    """Each item known on ``on`` with its state (``not_yet`` items are left out)."""
    states = ((item, occurrence_state(item, on)) for item in items)
    return tuple((item, state) for item, state in states if state != "not_yet")


@dataclass(frozen=True)
class CaseStage:
    """Where a case stands on a date: the latest event that happened, the next one scheduled,
    and scheduled dates that have passed unconfirmed.
    """

    case: Case
    on: dt.date
    phase: CasePhase
    latest: CaseEvent | None
    next_scheduled: CaseEvent | None
    overdue: tuple[CaseEvent, ...]
    certainty: Certainty

    @property
    def sources(self) -> list[Source]:
        events = [e for e in (self.latest, self.next_scheduled, *self.overdue) if e is not None]
        return all_sources([*(e.sources for e in events), self.case.sources])


def case_stage_on(case: Case, on: dt.date) -> CaseStage:
    """The case's stage on ``on``; events after ``on`` (or not yet announced) are ignored."""
    known = timeline_on(case.events, on)
    happened = [event for event, state in known if state == "happened"]
    upcoming = [event for event, state in known if state == "scheduled"]
    overdue = tuple(event for event, state in known if state == "overdue")
    latest = happened[-1] if happened else None
    phase, deciding = _phase(happened)
    next_scheduled = min(upcoming, key=lambda e: e.date) if upcoming else None
    weighed = (latest, deciding, next_scheduled, *overdue)
    return CaseStage(
        case=case,
        on=on,
        phase=phase,
        latest=latest,
        next_scheduled=next_scheduled,
        overdue=overdue,
        certainty=weakest([case.certainty, *(e.certainty for e in weighed if e is not None)]),
    )


def _phase(happened: list[CaseEvent]) -> tuple[CasePhase, CaseEvent | None]:
    """The phase of the furthest event that happened, and that event."""
    phase: CasePhase = "warrant"
    deciding: CaseEvent | None = None
    rank = 0
    for event in happened:
        step = _PHASE_OF.get(event.kind)
        if step is None or step[0] < rank:
            continue
        (rank, phase), deciding = step, event
        if event.kind == "confirmation_decision" and event.outcome == "declined":
            phase = "charges_declined"
    return phase, deciding


# --- findings ------------------------------------------------------------------------------


def finding_timeline(finding: Finding, on: dt.date) -> tuple[tuple[FindingStep, EventState], ...]:
    """The finding's steps known on ``on``, each with its state."""
    return timeline_on(finding.steps, on)


def referrals_standing(finding: Finding, on: dt.date) -> tuple[Literal["ASP", "UNSC"], ...]:
    """Bodies the matter stood referred to on ``on``: referred, and not reversed since."""
    standing: list[Literal["ASP", "UNSC"]] = []
    for step, state in finding_timeline(finding, on):
        if state != "happened" or step.body is None:
            continue
        if step.kind == "referred" and step.body not in standing:
            standing.append(step.body)
        elif step.kind == "referral_reversed" and step.body in standing:
            standing.remove(step.body)
    return tuple(standing)


# --- situations ----------------------------------------------------------------------------


def bases_covering(situation: Situation, crime_day: dt.date) -> tuple[JurisdictionBasis, ...]:
    """The jurisdiction bases that cover a crime committed on ``crime_day``."""
    return tuple(basis for basis in situation.bases if basis.covers(crime_day))
