"""``warrantwatch knowledge check``: validate everything, print the counts a reader checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.rules import active_warrants, is_deceased, parties_on, signatories_only_on
from knowledge.store import KnowledgeBase, KnowledgeError, load, staleness_warning
from knowledge.verify import to_verify


@dataclass
class CheckReport:
    ok: bool
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    to_verify: list[str] = field(default_factory=list)
    """Items to re-check (also listed, under 'To verify', at the end of ``lines``)."""


def summary_lines(kb: KnowledgeBase, today: dt.date) -> list[str]:
    """The headline counts, as of ``today``."""
    parties = parties_on(kb, today)
    signatories = signatories_only_on(kb, today)
    warrants = [w for w in kb.warrants if w.kind == "warrant"]
    subjects = dict.fromkeys(w.person for w in warrants)
    at_large = in_custody = 0
    for person_id in subjects:
        if is_deceased(kb.people[person_id], today):
            continue
        statuses = active_warrants(kb, person_id, today)
        if any(s.state in ("in_custody", "convicted") for s in statuses):
            in_custody += 1
        elif statuses:
            at_large += 1
    unsure = _count_unsure(kb)
    un_members = sum(1 for s in kb.states.values() if s.un == "member")
    return [
        f"Facts as of {kb.as_of.isoformat()} (checked on {today.isoformat()})",
        f"States: {len(kb.states)} ({un_members} UN members + "
        f"{len(kb.states) - un_members} others)",
        f"States Parties on {today.isoformat()}: {len(parties)}",
        f"Signatories that have not ratified: {len(signatories)}",
        f"Warrants: {len(warrants)} public warrants for {len(subjects)} people; "
        f"outstanding (subject at large): {at_large}; in custody: {in_custody}",
        f"Applications (not warrants): {sum(1 for w in kb.warrants if w.kind == 'application')}",
        f"People known: {len(kb.people)}; findings: {len(kb.findings)}; trips: {len(kb.trips)}",
        f"Cases: {len(kb.cases)} ({sum(len(c.events) for c in kb.cases)} events); "
        f"situations: {len(kb.situations)}; positions: {len(kb.positions)}",
        f"Facts not verified: {unsure['probable']} probable, {unsure['unconfirmed']} unconfirmed",
    ]


def _count_unsure(kb: KnowledgeBase) -> dict[str, int]:
    counts = {"probable": 0, "unconfirmed": 0}
    items = [
        *kb.states.values(),
        *kb.people.values(),
        *kb.warrants,
        *kb.findings,
        *kb.trips,
        *kb.positions,
        *kb.cases,
        *kb.situations.values(),
    ]
    for item in items:
        if item.certainty in counts:
            counts[item.certainty] += 1
    for state in kb.states.values():
        for event in state.events:
            if event.certainty in counts:
                counts[event.certainty] += 1
    return counts


def run_check(today: dt.date, data_dir: Path | None = None) -> CheckReport:
    """Load with every check on; never raises for bad data (the report carries the errors)."""
    try:
        kb = load(data_dir, today=today)
    except KnowledgeError as exc:
        return CheckReport(ok=False, errors=exc.errors)
    report = CheckReport(ok=True, lines=summary_lines(kb, today))
    report.to_verify = [item.line() for item in to_verify(kb, today)]
    report.lines.append(f"To verify: {len(report.to_verify)}")
    report.lines += [f"  {line}" for line in report.to_verify]
    warning = staleness_warning(kb, today)
    if warning:
        report.warnings.append(warning)
    return report
