"""Questions that ask for a forecast ("will he ever be arrested?", "will the court convict
him?"): never given. The answer says it cannot predict, then what is known today (the warrant,
where the case stands, the states that must arrest) and the law that applies.
"""

from __future__ import annotations

from bot.compose.arrest import assessment_headline
from bot.compose.case_stage import where_case_stands
from bot.compose.country import status_hedges, status_sentence, timeline_points
from bot.compose.law import (
    CONFIRMATION_IN_ABSENTIA,
    NO_POLICE,
    NO_TRIAL_IN_ABSENTIA,
    PRESUMED_INNOCENT,
    ROME_STATUTE,
    WITHDRAWAL,
)
from bot.compose.person import person_verdict, pronoun
from bot.compose.records import precedent_line
from bot.compose.sheet import Draft, Sheet, memo_part
from bot.format import capitalise, day, join, with_article
from knowledge.models import Person
from knowledge.rules import active_warrants, assess, is_deceased, parties_on, status_on
from nlp.query import Aspect

_VERDICTS: tuple[Aspect, ...] = ("conviction", "acquittal", "sentence", "trial", "appeal")
_EXITS: tuple[Aspect, ...] = ("left", "withdrawal")


def prediction(draft: Draft) -> bool:
    """Decline to forecast, and say what is known today (always answers)."""
    query = draft.query
    about = next((a for a in query.aspects if a in (*_VERDICTS, *_EXITS)), "arrested")
    if not query.people and (query.unknown_names or (query.countries and about not in _EXITS)):
        return False  # about someone unknown, or about a state alone: the intent's answer
    draft.on = draft.today
    wanted = sorted(query.person_ids, key=lambda pid: not draft.kb.is_warrant_subject(pid))
    person_id = wanted[0] if wanted else ""  # 'Lula will never arrest Putin': about Putin
    if person_id and not draft.kb.is_warrant_subject(person_id):
        return False  # nothing to forecast: the warrant answer says there is no warrant
    code = query.country_codes[0] if query.countries else ""
    draft.merge(memo_part(draft.kb, draft.on, _compose, person_id, code, about))
    return True


def _compose(sheet: Sheet, person_id: str, code: str, about: Aspect) -> None:
    sheet.verdict = "info"
    sheet.claim = None
    if person_id:
        person = sheet.kb.people[person_id]
        sheet.people.append(person_id)
        sheet.verdict = (
            assess(sheet.kb, person_id, code, sheet.on).verdict
            if code
            else person_verdict(sheet.kb, person_id, sheet.on)
        )
        if about in _VERDICTS:
            _verdict(sheet, person, about)
        else:
            _arrest(sheet, person, code)
    elif about in _EXITS:
        _exits(sheet, code)
    elif code:
        status = status_on(sheet.kb.states[code], sheet.on)
        sheet.countries.append(code)
        sheet.headline = (
            f"I can't predict what {with_article(status.name)} might do. What I can say: "
            f"{status_sentence(status)}"
        )
        sheet.cite(status.sources)
        sheet.points.append(NO_POLICE)
    else:
        sheet.headline = "I can't predict arrests or verdicts: I can only say what the law and "
        sheet.headline += "the record are today."
        sheet.points += [NO_POLICE, NO_TRIAL_IN_ABSENTIA, CONFIRMATION_IN_ABSENTIA]
    sheet.cite([ROME_STATUTE])


def _verdict(sheet: Sheet, person: Person, about: Aspect) -> None:
    what = {"sentence": "sentence", "trial": "try", "appeal": "decide an appeal for"}
    verb = what.get(about, "convict" if about != "acquittal" else "acquit")
    sheet.headline = (
        f"I can't predict whether the ICC might {verb} {person.name}, or when. "
        f"Where the case stands: {where_case_stands(sheet, person.id, (about, 'trial'))}"
    )
    sheet.points.append(where_case_stands(sheet, person.id, ("stage",)))
    sheet.points.append(PRESUMED_INNOCENT)
    _cite_person(sheet, person)


def _arrest(sheet: Sheet, person: Person, code: str) -> None:
    kb, on = sheet.kb, sheet.on
    where = f" in {with_article(kb.state_name(code))}" if code else ""
    sheet.headline = f"I can't predict whether or when {person.name} might be arrested{where}."
    active = active_warrants(kb, person.id, on)
    he = pronoun(person)
    if is_deceased(person, on):
        sheet.points.append(where_case_stands(sheet, person.id, ("closed",)))
    elif not active:
        sheet.points.append(f"There is no ICC arrest warrant in force for {person.name}.")
    else:
        crimes = join(sorted({c.replace("_", " ") for s in active for c in s.warrant.crimes}))
        dates = join([day(s.warrant.issued) for s in active if s.warrant.issued])
        sheet.headline += (
            f" What is known today: the ICC issued an arrest warrant for {person.name} on "
            f"{dates} ({crimes})"
            + (f", and {he} is at large." if active[0].state == "at_large" else ".")
        )
        if active[0].state != "at_large":
            sheet.points.append(where_case_stands(sheet, person.id, ("custody",)))
    if code:
        result = assess(kb, person.id, code, on)
        sheet.countries.append(code)
        sheet.points.append(assessment_headline(kb, result))
        sheet.precedents.extend(precedent_line(kb, p) for p in result.precedents)
        sheet.cite(result.sources)
    elif active and active[0].state == "at_large":
        parties = len(parties_on(kb, on))
        sheet.points.append(
            f"An arrest depends on the states {he} visits: the {parties} States Parties must "
            f"arrest {_him(person)} on their territory, other states have no ICC duty to "
            "(the obligations as they stand today)."
        )
        hosts = [
            t
            for t in kb.trips_of(person.id)
            if t.status == "completed"
            and t.start <= on
            and status_on(kb.states[t.host], t.start).is_party
        ]
        if hosts:
            names = join(
                list(dict.fromkeys(f"{kb.state_name(t.host)} ({t.start.year})" for t in hosts))
            )
            sheet.points.append(
                f"States Parties that hosted {_him(person)} without arresting: {names}."
            )
    case = kb.case_for(person.id)
    absentia = case is not None and any(e.in_absentia for e in case.events if not e.scheduled)
    if absentia:
        sheet.points.append(where_case_stands(sheet, person.id, ("confirmation",)))
    sheet.points += [NO_TRIAL_IN_ABSENTIA, CONFIRMATION_IN_ABSENTIA]
    _cite_person(sheet, person)


def _him(person: Person) -> str:
    return {"f": "her", "x": "them"}.get(person.gender, "him")


def _exits(sheet: Sheet, code: str) -> None:
    kb, on = sheet.kb, sheet.on
    sheet.headline = (
        "I can't predict whether a state will leave the ICC, or when: "
        f"{WITHDRAWAL[0].lower()}{WITHDRAWAL[1:]} A notice can be revoked before it takes effect."
    )
    statuses = (
        [status_on(kb.states[code], on)]
        if code
        else [s for s in parties_on(kb, on) if s.withdrawal_state == "pending"]
    )
    for status in statuses:
        sheet.countries.append(status.code)
        sheet.points.append(status_sentence(status))
        sheet.points.extend(timeline_points(status))
        status_hedges(sheet, status)
        sheet.cite(status.sources)


def _cite_person(sheet: Sheet, person: Person) -> None:
    sheet.cite(person.sources)
    sheet.certainties.append(person.certainty)
    for warrant in sheet.kb.warrants_for(person.id):
        sheet.cite(warrant.sources)
    sheet.points = list(dict.fromkeys(p for p in sheet.points if p and p not in sheet.headline))
    if not sheet.points:
        sheet.points.append(capitalise(NO_POLICE))
