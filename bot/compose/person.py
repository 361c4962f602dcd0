"""Warrant answers: whether a person is wanted, for what, and where the warrant stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from bot.compose.country import status_sentence
from bot.compose.jurisdiction import basis_sentence
from bot.compose.records import finding_line
from bot.compose.sheet import ICC_DEFENDANTS, Draft, Sheet, Verdict, memo_part
from bot.compose.talk import unknown
from bot.format import day, join
from knowledge.models import Person
from knowledge.rules import (
    WarrantStatus,
    is_deceased,
    status_on,
    warrant_status,
)
from knowledge.store import KnowledgeBase
from nlp.query import Aspect

WARRANT_FAMILY: tuple[Aspect, ...] = (
    "warrant",
    "valid",
    "at_large",
    "suspended",
    "arrested",
    "charges",
    "genocide",
    "aggression",
    "war_crimes",
    "crimes_against_humanity",
)
"""The aspects a warrant answer reads: whether there is one, whether it stands, what for."""
CRIME_KINDS: frozenset[str] = frozenset(
    {"genocide", "aggression", "war_crimes", "crimes_against_humanity"}
)
_STANDING = frozenset({"valid", "at_large", "suspended", "arrested"})
_BASIS_ASKED = frozenset({"member", "joined", "left", "basis"})
Focus = Literal["exists", "standing", "charges"]


def person_warrant(draft: Draft) -> None:
    query = draft.query
    if not query.people:
        if query.unknown_names:
            unknown_person(draft, query.unknown_names[0])
        else:
            unknown(draft)
        return
    kb, on = draft.kb, draft.on
    asked = tuple(a for a in query.aspects if a in WARRANT_FAMILY)
    focus = _focus(asked)
    crimes = tuple(sorted(a for a in asked if a in CRIME_KINDS))
    basis = any(a in _BASIS_ASKED for a in query.aspects)
    first, *others = query.person_ids[:3]
    draft.merge(memo_part(kb, on, _compose_person_warrant, first, focus, crimes, basis))
    claims = [warrant_claim(kb, on, first, asked, query.text)]
    for other in others:
        part = memo_part(kb, on, _compose_person_warrant, other, focus, crimes, False)
        draft.points.append(f"Also: {part.headline}")
        draft.sources += part.sources[:2]
        draft.certainties += part.certainties
        draft.people.append(other)
        claims.append(warrant_claim(kb, on, other, asked, query.text))
    either = " or " in f" {query.text.lower()} "
    draft.claim = claims[0] if either or len(set(claims)) == 1 else None
    if query.unknown_names:
        draft.claim = None  # 'is Lavrov wanted too or just Putin?': not only about Putin


def _focus(asked: Sequence[Aspect]) -> Focus:
    """Which fact the headline gives: the charges, whether the warrant stands, or that it is."""
    for aspect in asked:
        if aspect == "charges" or aspect in CRIME_KINDS:
            return "charges"
        if aspect in _STANDING:
            return "standing"
    return "exists"


def warrant_claim(
    kb: KnowledgeBase, on: dt.date, person_id: str, asked: Sequence[Aspect], text: str
) -> bool | None:
    """The truth of what a yes/no question asks about a person's warrant, when the record
    settles it (None: it does not, or the record is not certain).
    """
    person = kb.people[person_id]
    statuses = [s for s in (warrant_status(w, on) for w in kb.warrants_for(person_id)) if s]
    issued = [s for s in statuses if s.warrant.kind == "warrant"]
    applied = [s for s in statuses if s.warrant.kind == "application"]
    active = [s for s in issued if s.state not in ("withdrawn", "terminated")]
    dead = is_deceased(person, on)
    if person.certainty != "verified" or any(s.certainty != "verified" for s in issued):
        return None
    if not asked:
        return None  # the question does not say what it asks about the warrant
    # 'has the warrant been suspended?' asks about the suspension, not the warrant
    aspect = next((a for a in asked if a not in ("warrant", "charges")), "warrant")
    if aspect == "warrant" and "charges" in asked and "warrant" not in asked:
        return None  # 'what is he charged with?': a fact to give, not a claim
    if aspect in CRIME_KINDS:
        if not issued:
            return None
        return any(aspect in s.warrant.crimes for s in (active or issued))
    if not issued:
        # a pending application may still become a warrant; a dead man's cannot
        return False if dead or not applied else None
    if aspect == "warrant":
        return True if _issue_asked(text) else bool(active) and not dead
    if aspect == "valid":
        return bool(active) and not dead
    if aspect == "at_large":
        return None if dead else bool(active) and active[0].state == "at_large"
    if aspect == "suspended":
        return False if active and not dead else None
    if aspect == "arrested":
        case = kb.case_for(person_id)
        arrests = case is not None and any(
            e.kind in ("arrested", "surrendered") and not e.scheduled and e.date <= on
            for e in case.events
        )
        if dead or (case is not None and not case.checked("arrested")):
            return None
        return arrests or any(s.state in ("in_custody", "convicted") for s in issued)
    return None


def person_verdict(kb: KnowledgeBase, person_id: str, on: dt.date) -> Verdict:
    """The verdict a warrant answer about the person gives (for answers about the same person
    from another angle: where the case stands, what cannot be predicted).
    """
    person = kb.people[person_id]
    if is_deceased(person, on):
        return "deceased"
    statuses = [s for s in (warrant_status(w, on) for w in kb.warrants_for(person_id)) if s]
    issued = [s for s in statuses if s.warrant.kind == "warrant"]
    active = [s for s in issued if s.state not in ("withdrawn", "terminated")]
    if any(s.state in ("in_custody", "convicted") for s in active):
        return "in_custody"
    if active:
        return "wanted"
    applied = any(s.warrant.kind == "application" for s in statuses)
    return "application_pending" if applied and not issued else "no_warrant"


def _issue_asked(text: str) -> bool:
    """'did the icc issue a warrant': whether one was ever issued, not whether it stands."""
    lowered = text.lower()
    return "issue" in lowered or "ever" in lowered


def _compose_person_warrant(
    draft: Sheet, person_id: str, focus: Focus, crimes: tuple[str, ...], basis: bool
) -> None:
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
            f" (died {day(person.died)})" if person.died else ""
        )
        draft.headline += _dead_mans_warrant(person, issued) + "."
        draft.points.extend(warrant_sentence(person, s) for s in issued)
        draft.points.extend(
            f"The Prosecutor's application ({s.warrant.situation}): {s.warrant.charges}."
            for s in applications
        )
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
        draft.headline = _warrant_headline(person, active or issued, focus, crimes)
        draft.points.extend(warrant_sentence(person, s) for s in issued)
        if focus == "standing":
            draft.points.extend(_rulings_on_the_warrant(draft, person.id))
        trips = [t for t in draft.kb.trips_of(person.id) if t.start <= draft.on]
        if trips and draft.verdict == "wanted":
            draft.points.append(
                f"Since the warrant: {len(trips)} recorded trips or planned trips, "
                f"{sum(1 for t in trips if t.status == 'completed')} of them made."
            )
        for finding in draft.kb.findings_about_person(person.id):
            if finding.date <= draft.on:
                draft.precedents.append(finding_line(draft.kb, finding))
                draft.cite(finding.sources)
        draft.points.append(
            "An arrest warrant is not a conviction: judges found 'reasonable "
            "grounds to believe' the person committed the crimes (Art. 58)."
        )
    else:
        draft.verdict = "application_pending" if applications else "no_warrant"
        draft.headline = _no_warrant_headline(person, applications)
        draft.points.extend(no_warrant_points(draft, person, applications))
    if basis:
        for status in issued[:1]:
            situation = draft.kb.situation_of(status.warrant)
            if situation is not None:
                draft.points.append(basis_sentence(draft.kb, situation, person, draft.on))
                draft.cite(situation.sources)
    if person.note and person.certainty != "verified":
        draft.hedge(person.note)
    draft.followups += [
        f"Which countries must arrest {person.name}?",
        f"Where has {person.name} travelled since the warrant?",
    ]


def _dead_mans_warrant(person: Person, issued: Sequence[WarrantStatus]) -> str:
    """'; the ICC's arrest warrant for him of 21 November 2024 is no longer in force'."""
    dates = join([day(s.warrant.issued) for s in issued if s.warrant.issued])
    if not dates:
        return ""
    him = {"f": "her", "x": "them"}.get(person.gender, "him")
    if all(s.state in ("withdrawn", "terminated") for s in issued):
        plural = "warrants" if len(issued) > 1 else "warrant"
        verb = "are" if len(issued) > 1 else "is"
        return f"; the ICC's arrest {plural} for {him} of {dates} {verb} no longer in force"
    return f"; the ICC had issued an arrest warrant for {him} on {dates}"


def _rulings_on_the_warrant(draft: Sheet, person_id: str) -> list[str]:
    """Rulings on requests to withdraw, suspend or challenge the warrant (its case record)."""
    case = draft.kb.case_for(person_id)
    if case is None:
        return []
    rulings = [
        e
        for e in case.events
        if e.kind in ("challenge_decision", "leave_to_appeal_decision")
        and not e.scheduled
        and e.date <= draft.on
    ]
    for ruling in rulings:
        draft.cite(ruling.sources)
    return [f"{day(e.date, e.precision)}: {e.summary}" for e in rulings]


def _warrant_headline(
    person: Person, statuses: Sequence[WarrantStatus], focus: Focus, crimes: Sequence[str]
) -> str:
    main = statuses[0]
    warrant = main.warrant
    dates = (
        join([day(s.warrant.issued) for s in statuses if s.warrant.issued]) or "an unknown date"
    )
    he = pronoun(person)
    if main.state in ("withdrawn", "terminated"):
        return f"The ICC's warrant for {person.name} ({dates}) is no longer in force."
    if focus == "charges":
        return _charges_headline(person, statuses, crimes)
    if focus == "standing":
        base = f"The ICC's arrest warrant for {person.name} ({dates}, {warrant.situation})"
        if main.state == "in_custody":
            return f"{base} was carried out: {he} is in ICC custody."
        if main.state == "convicted":
            return f"{base} was carried out, and {he} has since been convicted."
        return f"{base} is in force, and {he} is at large."
    base = f"The ICC issued an arrest warrant for {person.name} on {dates} ({warrant.situation})"
    if main.state == "in_custody":
        return f"{base}; {he} is now in ICC custody."
    if main.state == "convicted":
        return f"{base}; {he} has since been convicted."
    return f"{base}, and {he} is at large."


def _charges_headline(
    person: Person, statuses: Sequence[WarrantStatus], crimes: Sequence[str]
) -> str:
    charged = {c for s in statuses for c in s.warrant.crimes}
    missing = [c.replace("_", " ") for c in crimes if c not in charged]
    not_these = f" (not {join(missing, 'or')})" if missing else ""
    if len(statuses) == 1:
        warrant = statuses[0].warrant
        kinds = join([c.replace("_", " ") for c in warrant.crimes])
        when = f" (warrant of {day(warrant.issued)})" if warrant.issued else ""
        return (
            f"{person.name} is wanted by the ICC for {kinds}{not_these}: {warrant.charges}{when}."
        )
    each = [
        f"for {join([c.replace('_', ' ') for c in s.warrant.crimes])} (warrant of "
        f"{day(s.warrant.issued) if s.warrant.issued else '?'})"
        for s in statuses
    ]
    count = len(statuses)
    return f"{person.name} is wanted by the ICC under {count} warrants{not_these}: {join(each)}."


def pronoun(person: Person) -> str:
    return {"f": "she", "x": "they"}.get(person.gender, "he")


def warrant_sentence(person: Person, status: WarrantStatus) -> str:
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


def no_warrant_points(
    draft: Sheet, person: Person, applications: Sequence[WarrantStatus]
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


def unknown_person(draft: Draft, name: str) -> None:
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
        draft.points.append(status_sentence(status))
        draft.cite(status.sources)
