"""Cross-checks for cases, situations and finding timelines, against each other and against
the treaty timeline in ``states.toml``. Each returns readable ``[file -> item] problem`` lines.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from knowledge.models import Finding, State, TreatyEvent
from knowledge.situations import JurisdictionBasis, Situation

if TYPE_CHECKING:
    from knowledge.store import KnowledgeBase

ONE_DAY = dt.timedelta(days=1)


def check_situations(kb: KnowledgeBase) -> list[str]:
    """Situations exist for every warrant, and their bases agree with ``states.toml``."""
    problems = []
    for warrant in kb.warrants:
        situation = kb.situation_of(warrant)
        where = f"[warrants.toml -> {warrant.id}]"
        if situation is None:
            problems.append(f"{where} situation '{warrant.situation}' is not in situations.toml")
        elif situation.country != warrant.situation_country:
            problems.append(
                f"{where} situation_country {warrant.situation_country} differs from "
                f"situations.toml ({situation.country})"
            )
    for situation in kb.situations.values():
        where = f"[situations.toml -> {situation.id}]"
        if situation.country not in kb.states:
            problems.append(f"{where} unknown country '{situation.country}'")
        for basis in situation.bases:
            state = kb.states.get(basis.state)
            if state is None:
                problems.append(f"{where} basis names unknown state '{basis.state}'")
                continue
            problems += [
                f"{where} {basis.kind} of {basis.state}: {p}" for p in _basis(state, basis)
            ]
    return problems


def _basis(state: State, basis: JurisdictionBasis) -> list[str]:
    if basis.kind in ("state_party_territory", "state_party_nationality"):
        return _party_basis(state, basis)
    event = next(
        (e for e in state.events if e.kind == basis.kind and e.date == basis.instrument_date),
        None,
    )
    if event is None:
        return [f"no {basis.kind} on {basis.instrument_date} in states.toml"]
    if (event.scope_start, event.scope_end) != (basis.start, basis.end):
        return [
            f"covers {basis.start}..{basis.end} but states.toml says "
            f"{event.scope_start}..{event.scope_end}"
        ]
    return []


def _party_basis(state: State, basis: JurisdictionBasis) -> list[str]:
    from knowledge.rules import status_on  # local: rules imports the store

    joined = next(
        (
            e
            for e in state.events
            if e.kind in ("ratified", "acceded", "succeeded") and e.date == basis.instrument_date
        ),
        None,
    )
    if joined is None:
        return [f"no ratification, accession or succession on {basis.instrument_date}"]
    problems = []
    in_force = status_on(state, basis.instrument_date).in_force
    if basis.start != in_force:
        problems.append(f"starts {basis.start}, but the Statute entered into force on {in_force}")
    withdrawal = unrevoked_withdrawal(state)
    expected_end = withdrawal.effective - ONE_DAY if withdrawal and withdrawal.effective else None
    if basis.end != expected_end:
        problems.append(
            f"ends {basis.end}, but Art. 127(2) gives {expected_end} (the day before the "
            "withdrawal took effect; none if it never did)"
        )
    return problems


def unrevoked_withdrawal(state: State) -> TreatyEvent | None:
    """The latest withdrawal notice, unless it was revoked before it took effect."""
    notices = [e for e in state.events if e.kind == "withdrawal_notified"]
    if not notices:
        return None
    notice = max(notices, key=lambda e: e.date)
    revoked = any(
        e.kind == "withdrawal_revoked"
        and notice.date <= e.date
        and (notice.effective is None or e.date < notice.effective)
        for e in state.events
    )
    return None if revoked else notice


def check_cases(kb: KnowledgeBase) -> list[str]:
    """Cases point at known people, situations and warrants, and follow the warrant."""
    problems = []
    seen: dict[str, str] = {}
    for case in kb.cases:
        where = f"[cases.toml -> {case.id}]"
        if case.id in seen.values():
            problems.append(f"{where} duplicate id")
        if case.person in seen:
            problems.append(f"{where} {case.person} already has case {seen[case.person]}")
        seen[case.person] = case.id
        person = kb.people.get(case.person)
        situation = kb.situations.get(case.situation)
        if person is None:
            problems.append(f"{where} unknown person '{case.person}'")
        if situation is None:
            problems.append(f"{where} unknown situation '{case.situation}'")
        issued = []
        for warrant_id in case.warrants:
            warrant = next((w for w in kb.warrants if w.id == warrant_id), None)
            if warrant is None or warrant.person != case.person:
                problems.append(f"{where} warrant '{warrant_id}' is not a warrant for the person")
                continue
            if situation is not None and warrant.situation != situation.name:
                problems.append(f"{where} warrant '{warrant_id}' is in another situation")
            if warrant.issued is not None:
                issued.append(warrant.issued)
        for event in case.events:
            if issued and event.date < min(issued):
                problems.append(f"{where} {event.kind} on {event.date} precedes the warrant")
            died = person.died if person else None
            if died and event.date > died and event.kind != "case_closed":
                problems.append(f"{where} {event.kind} on {event.date} is after the death")
    return problems


def check_finding_steps(kb: KnowledgeBase) -> list[str]:
    """A finding's steps agree with its date and ``referred_to``, and an unknown aftermath of a
    referral is declared (``unchecked = ["action"]``) rather than left silent.
    """
    problems = []
    for finding in kb.findings:
        if finding.steps:
            problems += [f"[findings.toml -> {finding.id}] {p}" for p in _steps(finding)]
    return problems


def _steps(finding: Finding) -> list[str]:
    problems = []
    dates = [step.date for step in finding.steps]
    if dates != sorted(dates):
        problems.append("steps must be listed in date order")
    decisions = [s for s in finding.steps if s.kind == "finding"]
    if len(decisions) != 1 or decisions[0].date != finding.date:
        problems.append(f"needs exactly one 'finding' step, dated {finding.date}")
    referred = {s.body for s in finding.steps if s.kind == "referred" and not s.scheduled}
    if referred != set(finding.referred_to):
        problems.append(
            f"referred_to {sorted(finding.referred_to)} differs from the 'referred' steps "
            f"{sorted(b for b in referred if b)}"
        )
    reversed_ = {s.body for s in finding.steps if s.kind == "referral_reversed"}
    acted = {s.body for s in finding.steps if s.kind == "action" and not s.scheduled}
    silent = referred - reversed_ - acted
    if silent and "action" not in finding.unchecked:
        problems.append(
            f"referred to {sorted(b for b in silent if b)} with no recorded action: list "
            "'action' in unchecked"
        )
    return problems


def situation_names(situations: tuple[Situation, ...]) -> list[str]:
    """Duplicate ids or names among situations (the store indexes both)."""
    problems = []
    ids: set[str] = set()
    names: set[str] = set()
    for situation in situations:
        if situation.id in ids:
            problems.append(f"[situations.toml -> {situation.id}] duplicate id")
        if situation.name in names:
            problems.append(f"[situations.toml -> {situation.id}] duplicate name")
        ids.add(situation.id)
        names.add(situation.name)
    return problems
