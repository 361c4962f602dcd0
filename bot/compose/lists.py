"""Answers over many records: the warrant list, travel options, a person's trips, counts."""

from __future__ import annotations

import datetime as dt

from bot.compose.country import status_hedges
from bot.compose.person import person_warrant, pronoun
from bot.compose.records import trip_counts, trip_line
from bot.compose.sheet import ICC_DEFENDANTS, Draft, Sheet, memo_part
from bot.compose.talk import unknown
from bot.format import day, join, with_article
from knowledge.models import Person, Source, Warrant
from knowledge.rules import (
    WarrantStatus,
    active_warrants,
    is_deceased,
    parties_on,
    signatories_only_on,
    status_on,
    warrant_status,
)
from knowledge.store import KnowledgeBase


def warrant_list(draft: Draft) -> None:
    codes = [c for c in draft.query.country_codes if _concerning(draft.kb, c)]
    if codes:
        draft.merge(memo_part(draft.kb, draft.on, _compose_country_list, codes[0]))
        return
    draft.merge(memo_part(draft.kb, draft.on, _compose_warrant_list))


def _concerning(kb: KnowledgeBase, code: str) -> list[Warrant]:
    """Warrants and applications about a country: in its situation, or for its nationals."""
    return [
        w
        for w in kb.warrants
        if w.situation_country == code or code in kb.people[w.person].nationality
    ]


def _compose_country_list(draft: Sheet, code: str) -> None:
    """'Who got ICC warrants over the Gaza war?': each person and where the warrant stands."""
    kb, on = draft.kb, draft.on
    draft.verdict = "info"
    draft.countries.append(code)
    concerning = _concerning(kb, code)
    labels = []
    for person_id in dict.fromkeys(w.person for w in concerning if w.kind == "warrant"):
        person = kb.people[person_id]
        statuses = [
            s
            for s in (warrant_status(w, on) for w in kb.warrants_for(person_id))
            if s is not None and s.warrant.kind == "warrant"
        ]
        if not statuses:
            continue
        labels.append(
            f"{person.name} ({day(statuses[0].warrant.issued or on)}: "
            f"{_standing(person, statuses, on)})"
        )
        for status in statuses:
            draft.cite(status.warrant.sources[:1])
            draft.certainties.append(status.certainty)
    place = with_article(kb.state_name(code))
    draft.headline = (
        f"{len(labels)} people have public ICC arrest warrants concerning {place}: {join(labels)}."
        if labels
        else f"I know of no public ICC arrest warrant concerning {place}."
    )
    applications = [kb.people[w.person].name for w in concerning if w.kind == "application"]
    if applications:
        draft.points.append(f"Applications, not warrants: {join(applications)}.")
    draft.hedge("ICC warrants can be issued under seal; this covers public warrants only.")
    draft.cite([ICC_DEFENDANTS])


def _standing(person: Person, statuses: list[WarrantStatus], on: dt.date) -> str:
    if is_deceased(person, on):
        return (
            "dead, warrant no longer in force"
            if all(s.state in ("withdrawn", "terminated") for s in statuses)
            else "dead"
        )
    states = {s.state for s in statuses}
    if "convicted" in states:
        return "convicted"
    if "in_custody" in states:
        return "in ICC custody"
    if "at_large" in states:
        return "at large"
    return "warrant no longer in force"


def _compose_warrant_list(draft: Sheet) -> None:
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


def travel_options(draft: Draft) -> None:
    query = draft.query
    if not query.people:
        person_warrant(draft)
        return
    kb, on = draft.kb, draft.on
    person = kb.people[query.person_ids[0]]
    active = active_warrants(kb, person.id, on)
    if (
        not active
        or is_deceased(person, on)
        or any(s.state in ("in_custody", "convicted") for s in active)
    ):
        person_warrant(draft)
        return
    draft.merge(memo_part(kb, on, _compose_travel_options, person.id))


def _compose_travel_options(draft: Sheet, person_id: str) -> None:
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
        draft.points.append(f"Since the warrant {pronoun(person)} has visited: {join(hosts)}.")
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
            status_hedges(draft, status)
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


def person_trips(draft: Draft) -> None:
    query = draft.query
    if not query.people:
        unknown(draft)
        return
    codes = tuple(query.country_codes)
    draft.merge(memo_part(draft.kb, draft.on, _compose_person_trips, query.person_ids[0], codes))


def _compose_person_trips(draft: Sheet, person_id: str, codes: tuple[str, ...]) -> None:
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
    draft.headline = f"{person.name}: {trip_counts(trips)} since the ICC warrant."
    for trip in trips:
        draft.precedents.append(trip_line(kb, trip))
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


# --- counts, explanations, small talk --------------------------------------------------------


def member_count(draft: Draft) -> None:
    draft.merge(memo_part(draft.kb, draft.on, _compose_member_count))


def _compose_member_count(draft: Sheet) -> None:
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
            status_hedges(draft, status)
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
