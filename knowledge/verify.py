"""What a curator should re-check now: scheduled dates that passed unconfirmed, announced trips
whose dates passed, and unverified withdrawals about to take effect (or already in effect).

These are not data errors: the data is honest about them, but answers can only hedge until
someone finds a source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from knowledge.consistency import unrevoked_withdrawal
from knowledge.models import CERTAINTY_RANK
from knowledge.store import KnowledgeBase
from knowledge.timeline import latest_day, occurrence_state

WITHDRAWAL_HORIZON = dt.timedelta(days=180)
"""Unverified withdrawals taking effect within this many days are listed."""

VerifyKind = Literal["overdue_event", "overdue_step", "overdue_trip", "withdrawal_due"]


@dataclass(frozen=True)
class ToVerify:
    """One item to re-check, with where it lives in the data."""

    kind: VerifyKind
    where: str
    date: dt.date
    text: str

    def line(self) -> str:
        return f"[{self.where}] {self.text}"


def to_verify(kb: KnowledgeBase, today: dt.date) -> list[ToVerify]:
    """Everything to re-check on ``today``, oldest date first."""
    items = [
        *_overdue_case_events(kb, today),
        *_overdue_finding_steps(kb, today),
        *_overdue_trips(kb, today),
        *_withdrawals_due(kb, today),
    ]
    return sorted(items, key=lambda item: (item.date, item.where))


def _overdue_case_events(kb: KnowledgeBase, today: dt.date) -> list[ToVerify]:
    return [
        ToVerify(
            "overdue_event",
            f"cases.toml -> {case.id}",
            event.date,
            f"{_label(event.kind)}: scheduled for {_when(event.date, event.precision)}, a date "
            f"now past, and no source confirms it happened. {event.summary}",
        )
        for case in kb.cases
        for event in case.events
        if occurrence_state(event, today) == "overdue"
    ]


def _overdue_finding_steps(kb: KnowledgeBase, today: dt.date) -> list[ToVerify]:
    return [
        ToVerify(
            "overdue_step",
            f"findings.toml -> {finding.id}",
            step.date,
            f"{_label(step.kind)} ({step.body or 'Court'}): scheduled for "
            f"{_when(step.date, step.precision)}, a date now past, and no source confirms it "
            f"happened. {step.summary}",
        )
        for finding in kb.findings
        for step in finding.steps
        if occurrence_state(step, today) == "overdue"
    ]


def _overdue_trips(kb: KnowledgeBase, today: dt.date) -> list[ToVerify]:
    return [
        ToVerify(
            "overdue_trip",
            f"trips.toml -> {trip.id}",
            trip.start,
            f"trip announced for {_when(trip.start, trip.precision)} is still 'announced' after "
            "its date: find whether it took place",
        )
        for trip in kb.trips
        if trip.status == "announced" and latest_day(trip.start, trip.precision) < today
    ]


def _withdrawals_due(kb: KnowledgeBase, today: dt.date) -> list[ToVerify]:
    items = []
    for state in kb.states.values():
        notice = unrevoked_withdrawal(state)
        if notice is None or notice.effective is None:
            continue
        if CERTAINTY_RANK[notice.certainty] == CERTAINTY_RANK["verified"]:
            continue
        days = (notice.effective - today).days
        if days >= WITHDRAWAL_HORIZON.days:
            continue
        when = (
            f"takes effect on {notice.effective.isoformat()}, in {days} days"
            if days > 0
            else f"took effect on {notice.effective.isoformat()} ({-days} days ago)"
        )
        items.append(
            ToVerify(
                "withdrawal_due",
                f"states.toml -> {state.code}",
                notice.effective,
                f"{state.name}'s withdrawal ({notice.certainty}, notice of "
                f"{notice.date.isoformat()}) {when}: confirm the UN depositary notification",
            )
        )
    return items


def _label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def _when(day: dt.date, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return day.strftime("%B %Y")
    return day.isoformat()
