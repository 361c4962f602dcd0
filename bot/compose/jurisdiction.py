"""On what basis the ICC acts: the territory (or nationality) of a State Party, a state's
Art. 12(3) declaration, a Security Council referral, and jurisdiction kept after a withdrawal
(Art. 127(2)). A question about jurisdiction is about how the Court reaches a case, never about
whether the suspect's own state must arrest him.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.compose.country import status_sentence, timeline_points
from bot.compose.law import (
    AGGRESSION,
    DECLARATION,
    REFERRAL,
    ROME_STATUTE,
    TERRITORIAL,
    WITHDRAWAL,
    public_sentences,
)
from bot.compose.opening import after_colon
from bot.compose.sheet import Draft, Sheet, memo_part
from bot.format import capitalise, day, join, with_article
from knowledge.models import Person
from knowledge.rules import status_on
from knowledge.situations import JurisdictionBasis, Situation
from knowledge.store import KnowledgeBase
from nlp.query import Aspect

JURISDICTION_FAMILY: tuple[Aspect, ...] = (
    "member",
    "escape",
    "continues",
    "withdrawal",
    "referral",
    "declaration",
    "aggression",
    "immunity",
    "nationals",
)
_TERRITORY = ("state_party_territory", "article_12_3_declaration")


def jurisdiction(draft: Draft) -> bool:
    """Answer how the Court has jurisdiction (always answers: the law stands without data)."""
    query = draft.query
    aspects = tuple(a for a in query.aspects if a in (*JURISDICTION_FAMILY, "ability"))
    people = tuple(query.person_ids[:1])
    codes = tuple(query.country_codes[:3])
    yes_no = query.form == "yes_no"
    draft.merge(memo_part(draft.kb, draft.on, _compose, people, codes, aspects, yes_no))
    return True


def _compose(
    sheet: Sheet,
    people: tuple[str, ...],
    codes: tuple[str, ...],
    aspects: tuple[Aspect, ...],
    yes_no: bool,
) -> None:
    kb = sheet.kb
    sheet.verdict = "info"
    sheet.people.extend(people)
    sheet.countries.extend(codes)
    person = kb.people[people[0]] if people else None
    situations = _situations(kb, person, codes)
    focus = next((a for a in aspects if a != "ability"), None)
    can = "ability" in aspects
    if focus in ("escape", "continues") or (focus == "withdrawal" and not situations):
        _withdrawal(sheet, codes, continues=focus == "continues", asked=focus != "withdrawal")
    elif focus == "referral":
        _referral(sheet, claim=can)
    elif focus == "declaration" and not person:
        _declaration(sheet)
    elif focus == "aggression" and person is not None:
        _aggression(sheet, person)
    elif focus == "immunity" and not codes:
        _immunity(sheet, claim=can)
    elif focus == "nationals" or (codes and can and person is None):
        _nationals(sheet, codes, claim=can)  # 'can the icc prosecute russians?'
    elif focus == "member" and codes and situations and yes_no:
        status = status_on(kb.states[codes[0]], sheet.on)
        sheet.headline = status_sentence(status)
        sheet.claim = status.is_party if status.certainty == "verified" else None
        sheet.cite(status.sources)
    for situation in situations[:2]:
        _situation(sheet, situation, person, lead=not sheet.headline)
    if not sheet.headline and codes:
        # 'is iran under icc jurisdiction': no situation; the state's status and the rules
        status = status_on(kb.states[codes[0]], sheet.on)
        sheet.headline = status_sentence(status)
        sheet.cite(status.sources)
        sheet.points += [TERRITORIAL, REFERRAL]
    if not sheet.headline:
        sheet.headline = TERRITORIAL
        sheet.points.append(REFERRAL)
    sheet.points = list(dict.fromkeys(p for p in sheet.points if p != sheet.headline))
    sheet.cite([ROME_STATUTE])


def _situations(kb: KnowledgeBase, person: Person | None, codes: Sequence[str]) -> list[Situation]:
    """The situations the question is about: the person's, or the countries' (where the crimes
    were, where a basis lies, or whose nationals are wanted).
    """
    found: list[Situation] = []
    if person is not None:
        for warrant in kb.warrants_for(person.id):
            situation = kb.situation_of(warrant)
            if situation is not None:
                found.append(situation)
        return list(dict.fromkeys(found))
    for code in codes:
        found += kb.situations_in(code)
        found += [s for s in kb.situations.values() if any(b.state == code for b in s.bases)]
        for warrant in kb.warrants:
            if code in kb.people[warrant.person].nationality:
                situation = kb.situation_of(warrant)
                if situation is not None:
                    found.append(situation)
    return list(dict.fromkeys(found))


def _situation(sheet: Sheet, situation: Situation, person: Person | None, *, lead: bool) -> None:
    """The bases of one situation: as the headline (``lead``) or as a point."""
    kb, on = sheet.kb, sheet.on
    sentence = basis_sentence(kb, situation, person, on)
    if lead:
        sheet.headline = sentence
    else:
        sheet.points.append(sentence)
    for basis in situation.bases:
        sheet.cite(basis.sources)
        if basis.certainty != "verified" and basis.kind != "state_party_nationality":
            sheet.hedge(
                f"{situation.name}: the basis '{basis.instrument}' is {basis.certainty}"
                + (f" ({basis.note})" if basis.note else "")
                + "."
            )
            sheet.certainties.append(basis.certainty)
    sheet.points.extend(s for s in public_sentences(situation.note) if s not in sentence)
    case = kb.case_for(person.id) if person is not None else None
    if case is not None:
        for event in case.events_of("challenge_decision"):
            if event.date <= on and not event.scheduled:
                sheet.points.append(f"{day(event.date)}: {event.summary}")
                sheet.cite(event.sources)
    sheet.cite(situation.sources)
    sheet.certainties.append(situation.certainty)


def basis_sentence(
    kb: KnowledgeBase, situation: Situation, person: Person | None, on: dt.date
) -> str:
    bases = [b for b in situation.bases if b.kind != "state_party_nationality"]
    subject = f"{person.name}'s case" if person is not None else f"the {situation.name}"
    referral = [b for b in bases if b.kind == "unsc_referral"]
    ended = [b for b in bases if b.kind == "state_party_territory" and b.end is not None]
    territory = [b for b in bases if b.kind in _TERRITORY and b not in ended]
    states = list(dict.fromkeys(b.state for b in territory or ended))
    outsiders = _outsiders(kb, person, states, on)
    if ended and not territory:
        basis = ended[0]
        name = with_article(kb.state_name(basis.state))
        left = basis.end + dt.timedelta(days=1) if basis.end else None
        return (
            f"The ICC keeps jurisdiction over crimes committed while {name} was a State Party "
            f"({_period(basis)}), although its withdrawal took effect on "
            f"{day(left) if left else 'a later date'}: a withdrawal does not end the Court's "
            "jurisdiction over that period (Art. 127(2))."
        )
    if referral and not any(b.kind == "state_party_territory" for b in territory):
        first = referral[0]
        extra = [_describe(kb, b) for b in territory]
        also = f" {join(extra)}." if extra else ""
        return (
            f"The ICC's jurisdiction over {subject} rests on a UN Security Council referral, "
            f"not on {kb.state_name(situation.country)} joining the Rome Statute: "
            f"{first.instrument} referred the situation{_from(first)} (Art. 13(b)).{also}"
        )
    if territory:
        where = join([kb.state_name(code) for code in states])
        not_them = f", not {join(outsiders)}" if outsiders else ""
        details = join([_state_bases(kb, code, territory) for code in states])
        return (
            f"The ICC's jurisdiction over {subject} rests on {where}{not_them}: the alleged "
            f"crimes were committed on the territory of {where} (Art. 12(2)(a)), and {details}."
        )
    return f"The ICC's jurisdiction over {subject}: {join([b.instrument for b in bases])}."


def _outsiders(
    kb: KnowledgeBase, person: Person | None, states: Sequence[str], on: dt.date
) -> list[str]:
    """The person's own states that are not parties and on which the case does not rest."""
    if person is None:
        return []
    return [
        kb.state_name(code)
        for code in person.nationality
        if code in kb.states and code not in states and not status_on(kb.states[code], on).is_party
    ]


def _period(basis: JurisdictionBasis) -> str:
    start = day(basis.start) if basis.start else "the start"
    end = day(basis.end) if basis.end else "today"
    return f"{start} to {end}"


def _from(basis: JurisdictionBasis) -> str:
    return f" since {day(basis.start)}" if basis.start else ""


def _state_bases(kb: KnowledgeBase, code: str, bases: Sequence[JurisdictionBasis]) -> str:
    """'Ukraine accepted the Court's jurisdiction by Art. 12(3) declarations of 17 April 2014
    and 8 September 2015 and has been a State Party since 1 January 2025'.
    """
    name = kb.state_name(code)
    own = [b for b in bases if b.state == code]
    declared = [b for b in own if b.kind == "article_12_3_declaration"]
    parts = []
    if declared:
        plural = "declarations" if len(declared) > 1 else "declaration"
        dates = join([day(b.instrument_date) for b in declared])
        starts = [b.start for b in declared if b.start]
        since = f" (for crimes from {day(min(starts))})" if starts else ""
        parts.append(f"accepted the Court's jurisdiction by Art. 12(3) {plural} of {dates}{since}")
    for basis in own:
        if basis.kind == "state_party_territory" and basis.start is not None:
            parts.append(f"has been a State Party since {day(basis.start)}")
    return f"{name} {join(parts)}" if parts else name


def _describe(kb: KnowledgeBase, basis: JurisdictionBasis) -> str:
    name = kb.state_name(basis.state)
    if basis.kind == "article_12_3_declaration":
        until = f" to {day(basis.end)}" if basis.end else ""
        since = f" for crimes from {day(basis.start)}{until}" if basis.start else ""
        return (
            f"{name} accepted its jurisdiction by an Art. 12(3) declaration of "
            f"{day(basis.instrument_date)}{since}"
        )
    if basis.kind == "state_party_territory" and basis.end is None:
        return f"{name} has been a State Party since {day(basis.start) if basis.start else '?'}"
    if basis.kind == "state_party_territory":
        return f"{name} was a State Party from {_period(basis)}"
    if basis.kind == "unsc_referral":
        return f"the UN Security Council referred the situation ({basis.instrument})"
    return f"{name} is a State Party and the suspects are its nationals (Art. 12(2)(b))"


# --- the law on its own ------------------------------------------------------------------------


def _withdrawal(sheet: Sheet, codes: Sequence[str], *, continues: bool, asked: bool) -> None:
    kb, on = sheet.kb, sheet.on
    if continues:
        sheet.headline = (
            "The ICC keeps jurisdiction over crimes committed while a state was a party, even "
            "after it leaves (Art. 127(2)); and a withdrawal only takes effect one year after "
            "the UN Secretary-General receives the notice (Art. 127(1))."
        )
    else:
        sheet.headline = (
            f"Leaving the ICC does not get a state off the hook: {after_colon(WITHDRAWAL)}"
        )
    sheet.claim = continues if asked else None
    for code in codes:
        status = status_on(kb.states[code], on)
        sheet.points.append(status_sentence(status))
        sheet.points.extend(timeline_points(status))
        sheet.cite(status.sources)
    for situation in kb.situations.values():
        for basis in situation.bases:
            if codes and basis.state not in codes:
                continue
            if basis.kind == "state_party_territory" and basis.end is not None:
                left = basis.end + dt.timedelta(days=1)
                sheet.points.append(
                    f"{capitalise(with_article(kb.state_name(basis.state)))} left on {day(left)}; "
                    "the Court keeps "
                    f"jurisdiction over crimes from {_period(basis)} ({situation.name})."
                )
                sheet.cite(basis.sources)


def _referral(sheet: Sheet, *, claim: bool) -> None:
    kb = sheet.kb
    referred = [
        (situation, basis)
        for situation in kb.situations.values()
        for basis in situation.bases
        if basis.kind == "unsc_referral"
    ]
    examples = join(
        [f"{s.name.replace('Situation in ', '')} ({b.instrument})" for s, b in referred]
    )
    sheet.headline = f"{REFERRAL[:-1]}: it has referred {examples}." if referred else REFERRAL
    sheet.claim = True if claim else None
    for _, basis in referred:
        sheet.cite(basis.sources)


def _declaration(sheet: Sheet) -> None:
    kb = sheet.kb
    made: dict[str, list[str]] = {}
    for situation in kb.situations.values():
        for basis in situation.bases:
            if basis.kind == "article_12_3_declaration":
                made.setdefault(kb.state_name(basis.state), []).append(day(basis.instrument_date))
    sheet.headline = DECLARATION
    if made:
        listed = [f"{state} ({join(dates)})" for state, dates in made.items()]
        sheet.points.append(f"Declarations the Court acts on: {join(listed)}.")
    for situation in kb.situations.values():
        for basis in situation.bases:
            if basis.kind == "article_12_3_declaration":
                sheet.cite(basis.sources)


def _aggression(sheet: Sheet, person: Person) -> None:
    kb, on = sheet.kb, sheet.on
    outside = [
        kb.state_name(code)
        for code in person.nationality
        if code in kb.states and not status_on(kb.states[code], on).is_party
    ]
    crimes = sorted({c.replace("_", " ") for w in kb.warrants_for(person.id) for c in w.crimes})
    if outside:
        sheet.headline = (
            f"The ICC cannot prosecute {person.name} for the crime of aggression: "
            f"{join(outside)} is not a party, and for aggression the Court cannot act against "
            "nationals of a state that is not a party unless the UN Security Council refers "
            "the situation (Art. 15 bis(5), added by the Kampala amendments)."
        )
        sheet.claim = False
    else:
        sheet.headline = AGGRESSION
    if crimes:
        sheet.points.append(f"{person.name}'s ICC warrant is for {join(crimes)}.")
    for warrant in kb.warrants_for(person.id):
        sheet.cite(warrant.sources)


def _immunity(sheet: Sheet, *, claim: bool) -> None:
    explainer = sheet.kb.explainers.get("immunity")
    if explainer is None:
        return
    sheet.headline = explainer.headline
    sheet.points.extend(explainer.points)
    sheet.cite(explainer.sources)
    sheet.claim = True if claim else None


def _nationals(sheet: Sheet, codes: Sequence[str], *, claim: bool) -> None:
    kb, on = sheet.kb, sheet.on
    sheet.headline = TERRITORIAL
    sheet.claim = True if claim else None
    examples: dict[str, str] = {}
    for warrant in kb.warrants:
        person = kb.people[warrant.person]
        situation = kb.situation_of(warrant)
        if warrant.kind != "warrant" or situation is None:
            continue
        foreign = [
            kb.state_name(c)
            for c in person.nationality
            if c in kb.states and not status_on(kb.states[c], on).is_party
        ]
        if foreign and situation.country not in person.nationality and foreign[0] not in examples:
            examples[foreign[0]] = f"{person.name} ({foreign[0]}, {situation.name})"
            sheet.cite(warrant.sources[:1])
    if examples:
        sheet.points.append(
            "It has issued warrants for nationals of states that are not parties, such as "
            + join(list(examples.values())[:4])
            + "."
        )
    for code in codes:
        status = status_on(kb.states[code], on)
        sheet.points.append(status_sentence(status))
        sheet.cite(status.sources)
