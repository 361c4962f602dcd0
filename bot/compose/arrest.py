"""Arrest-duty answers: what the law obliges a state to do about a person, and the record."""

from __future__ import annotations

from collections.abc import Sequence

from bot.compose.country import (
    MEMBERSHIP,
    country_status,
    membership_truth,
    place_notes,
    status_hedges,
    status_sentence,
    timeline_points,
)
from bot.compose.opening import first_aspect, open_answer
from bot.compose.person import (
    no_warrant_points,
    person_warrant,
    pronoun,
    unknown_person,
    warrant_claim,
    warrant_sentence,
)
from bot.compose.records import precedent_hedge, precedent_line
from bot.compose.sheet import MAX_PRECEDENTS, Draft, Sheet, memo_part
from bot.compose.talk import unknown
from bot.format import capitalise, day, join, span, with_article
from knowledge.rules import (
    Assessment,
    StateStatus,
    assess,
    incumbent_roles,
)
from knowledge.store import KnowledgeBase
from nlp.query import Aspect

MAX_EXTRA_PAIRS = 4

# --- arrest risk -------------------------------------------------------------------------


def arrest_risk(draft: Draft) -> None:
    query = draft.query
    if not query.people and query.unknown_names:
        unknown_person(draft, query.unknown_names[0])
        return
    if not query.people:
        if query.countries:
            country_status(draft)
        else:
            unknown(draft)
        return
    if not query.countries:
        person_warrant(draft)
        return
    people = sorted(query.person_ids, key=lambda pid: not draft.kb.is_warrant_subject(pid))
    pairs = [(p, c) for p in people for c in query.country_codes][: MAX_EXTRA_PAIRS + 1]
    kb, on = draft.kb, draft.on
    draft.merge(memo_part(kb, on, _compose_assessment, pairs[0][0], pairs[0][1]))
    for person_id, code in pairs[1:]:
        draft.merge(memo_part(kb, on, _compose_extra_pair, person_id, code, head=False))
    _claim(draft, pairs)
    open_answer(draft)
    place_notes(draft)


_CLAIMS: tuple[Aspect, ...] = ("obligation", "can_arrest", "arrested", *MEMBERSHIP)
_OBLIGED = frozenset({"obliged", "obliged_disputed"})
_NOT_OBLIGED = frozenset({"not_obliged", "own_state", "no_warrant"})


def _claim(draft: Draft, pairs: Sequence[tuple[str, str]]) -> None:
    """What a yes/no question about a state and a suspect asks, and whether it is true: the
    duty ('must X arrest Y?'), the power ('can X arrest Y?', yes only where there is a duty),
    membership ('is X even a member?') or a past arrest. A forecast ('will X arrest Y?') gets
    no Yes or No, nor does a question about the suspect's freedom ('can Putin go to Brazil?':
    a Yes there would read as 'he can go').
    """
    aspect = first_aspect(draft.query, _CLAIMS)
    if aspect is None:
        return
    kb, on = draft.kb, draft.on
    # a leader named beside a suspect ('milei says no') is context, not the one asked about
    wanted = [(p, c) for p, c in pairs if kb.is_warrant_subject(p)] or list(pairs)
    results = [assess(kb, person_id, code, on) for person_id, code in wanted]
    first = results[0]
    if aspect == "arrested" and first.person is not None and first.country is not None:
        _arrested(draft, first)  # the visits decide, however sure the state's status is
        return
    if any(r.certainty != "verified" or r.country is None for r in results):
        return
    assert first.country is not None and first.person is not None
    if aspect in MEMBERSHIP:
        truths = {membership_truth(aspect, r.country) for r in results if r.country}
        if len(truths) == 1 and None not in truths:
            draft.headline = f"{status_sentence(first.country)} {draft.headline}"
            draft.claim = truths.pop()
        return
    verdicts = {r.verdict for r in results}
    if verdicts <= _OBLIGED:
        draft.claim = True
    elif verdicts <= _NOT_OBLIGED and aspect == "obligation":
        draft.claim = False


def _arrested(draft: Draft, result: Assessment) -> None:
    """'Was Netanyahu arrested in Hungary?': the visits there, else the warrant's record."""
    assert result.person is not None and result.country is not None
    person, country = result.person, result.country
    visits = [
        t
        for t in draft.kb.trips_of(person.id)
        if t.host == country.code and t.status == "completed" and t.start <= draft.on
    ]
    if visits and all(not t.arrested and t.certainty == "verified" for t in visits):
        when = join([span(t.start, t.end, t.precision) for t in visits])
        draft.headline = (
            f"{capitalise(with_article(country.name))} did not arrest {person.name} when "
            f"{pronoun(person)} visited ({when}). {draft.headline}"
        )
        draft.claim = False
        return
    if not visits and warrant_claim(draft.kb, draft.on, person.id, ("arrested",), "") is False:
        draft.headline = (
            f"{person.name} has not been arrested: {pronoun(person)} is at large. {draft.headline}"
        )
        draft.claim = False


def _compose_assessment(sheet: Sheet, person_id: str, code: str) -> None:
    _describe_assessment(sheet, assess(sheet.kb, person_id, code, sheet.on))


def _compose_extra_pair(sheet: Sheet, person_id: str, code: str) -> None:
    extra = assess(sheet.kb, person_id, code, sheet.on)
    sheet.points.append(f"Also: {assessment_headline(sheet.kb, extra)}")
    sheet.cite(extra.sources[:2])
    sheet.countries.append(code)
    sheet.people.append(person_id)
    sheet.certainties.append(extra.certainty)


def _describe_assessment(draft: Sheet, result: Assessment) -> None:
    assert result.person is not None and result.country is not None
    person, country = result.person, result.country
    draft.people.append(person.id)
    draft.countries.append(country.code)
    draft.verdict = result.verdict
    draft.headline = assessment_headline(draft.kb, result)
    draft.certainties.append(result.certainty)
    for hedge in result.hedges:
        draft.hedge(hedge)
    if result.verdict in ("obliged", "obliged_disputed", "not_obliged", "own_state"):
        for status in result.warrants:
            draft.points.append(warrant_sentence(person, status))
        draft.points.extend(_legal_basis(result))
        draft.points.extend(
            p
            for p in timeline_points(country)
            if "withdraw" in p or (result.basis != "state_party" and "declaration" in p)
        )
        if result.immunity_relevant:
            for role in person.roles:
                if (
                    role.holds_on(result.on)
                    and role.certainty != "verified"
                    and role.kind
                    in (
                        "head_of_state",
                        "head_of_government",
                    )
                ):
                    draft.hedge(f"That {person.name} is still {role.title} is {role.certainty}.")
        status_hedges(draft, country)
    elif result.verdict == "in_custody" or result.verdict == "deceased":
        draft.points.extend(warrant_sentence(person, s) for s in result.warrants)
    elif result.verdict == "no_warrant":
        draft.points.extend(no_warrant_points(draft, person, result.applications))
        draft.points.append(status_sentence(country))
        status_hedges(draft, country)
    for position in result.positions:
        draft.points.append(f"{day(position.date)}: {position.summary}")
        if position.certainty != "verified":
            draft.hedge(f"{country.name}'s stated position is reported but not fully confirmed.")
    draft.precedents.extend(precedent_line(draft.kb, p) for p in result.precedents)
    for precedent in result.precedents[:MAX_PRECEDENTS]:
        if precedent.certainty != "verified":
            draft.hedge(precedent_hedge(precedent))
    draft.cite(result.sources)
    draft.followups += [
        f"Which countries must arrest {person.name}?",
        f"Where has {person.name} travelled since the warrant?",
        f"Is {country.name} a member of the ICC?",
    ]


def assessment_headline(kb: KnowledgeBase, result: Assessment) -> str:
    person, country = result.person, result.country
    if person is None or country is None:
        return "I can't tell who or which country you mean."
    name, where = person.name, with_article(country.name)
    them = {"f": "her", "x": "them"}.get(person.gender, "him")
    verdict = result.verdict
    if verdict == "deceased":
        died = person.died
        return f"{name} is dead{f' (died {day(died)})' if died else ''}: no arrest is possible."
    if verdict == "in_custody":
        status = next(s for s in result.warrants if s.state in ("in_custody", "convicted"))
        since = f" since {day(status.last_event.date)}" if status.last_event else ""
        what = (
            "has been convicted and is in ICC custody"
            if status.state == "convicted"
            else (f"is already in ICC custody{since}")
        )
        return f"{name} {what}: there is no arrest question left."
    if verdict == "no_warrant":
        if result.applications:
            return (
                f"{capitalise(where)} has no duty to arrest {name}: there is no ICC arrest "
                f"warrant for {them}, only a prosecutor's application that judges have not "
                "(publicly) granted."
            )
        return (
            f"{capitalise(where)} has no ICC duty to arrest {name}: there is no known ICC "
            f"arrest warrant for {them}."
        )
    if verdict == "own_state":
        return (
            f"{capitalise(where)} is {name}'s own state and is not a party to the Rome Statute, "
            f"so it has no ICC duty to arrest {them}."
        )
    if verdict == "not_obliged":
        return f"{capitalise(where)} is not obliged to arrest {name}: {why_not_bound(country)}"
    if verdict == "obliged_disputed":
        return (
            f"{capitalise(where)} is legally obliged to arrest {name} as a State Party to the "
            f"Rome Statute, but its government has argued that {pronoun(person)} is immune, a "
            "view ICC judges have rejected."
        )
    return f"{capitalise(where)} is obliged to arrest {name}: {_why_bound(result)}"


def why_not_bound(country: StateStatus) -> str:
    if country.category == "signatory" and country.signed:
        return f"it signed the Rome Statute in {country.signed.date.year} but never ratified it."
    if country.category == "declared_no_intent" and country.no_intent:
        signed = (
            f"signed the Rome Statute in {country.signed.date.year} but "
            if (country.signed)
            else ""
        )
        return (
            f"it {signed}declared in {country.no_intent.date.year} that it does not intend "
            "to become a party."
        )
    if country.category == "withdrawn" and country.withdrawal and country.withdrawal.effective:
        return f"it left the Rome Statute with effect from {day(country.withdrawal.effective)}."
    if country.category == "not_yet_in_force" and country.joined and country.in_force:
        return (
            f"it joined the Rome Statute on {day(country.joined.date)}, but the Statute only "
            f"takes effect for it on {day(country.in_force)}."
        )
    return "it has never signed or joined the Rome Statute."


def _why_bound(result: Assessment) -> str:
    country = result.country
    assert country is not None
    if result.basis == "unsc_referral":
        referral = country.referrals[-1]
        return f"the UN Security Council ordered it to cooperate with the ICC ({referral.scope})."
    if result.basis == "article_12_3":
        declaration = country.declarations[-1]
        return (
            f"it accepted the ICC's jurisdiction by an Article 12(3) declaration on "
            f"{day(declaration.date)}, which carries the duty to cooperate."
        )
    since = f" (in force for it since {day(country.in_force)})" if country.in_force else ""
    return (
        f"it is a State Party to the Rome Statute{since}, which requires it to arrest and "
        "surrender anyone the ICC has a warrant for."
    )


def _legal_basis(result: Assessment) -> list[str]:
    country, person = result.country, result.person
    assert country is not None and person is not None
    points: list[str] = []
    if result.verdict in ("obliged", "obliged_disputed"):
        if result.basis == "state_party":
            points.append(
                "The law: States Parties must cooperate fully with the Court (Art. 86) and "
                "comply with requests for arrest and surrender (Art. 89(1))."
            )
        elif result.basis == "unsc_referral":
            points.append(
                "The law: a UN Security Council referral binds the state it names even though it "
                "never joined the Rome Statute (UN Charter, Art. 25)."
            )
        else:
            points.append(
                "The law: a state that accepts jurisdiction under Art. 12(3) must cooperate "
                "'without any delay or exception in accordance with Part 9'."
            )
        if result.immunity_relevant:
            titles = join(incumbent_roles(person, result.on))
            points.append(
                f"Being {titles} is no bar: official capacity does not exempt anyone (Art. 27), "
                "and the ICC Appeals Chamber held on 6 May 2019 that States Parties must arrest "
                "even a sitting head of state of a non-party."
            )
        if result.own_state:
            points.append(f"{country.name} is {person.name}'s own state.")
        points.append(
            "An obligation is not a forecast: the ICC has no police, and States Parties have "
            "hosted wanted leaders without arresting them (see below). The Court can only find "
            "such a state in breach (Art. 87(7))."
        )
    else:
        if country.category == "signatory":
            points.append(
                "A signature alone creates no duty to arrest: a signatory only has to refrain "
                "from defeating the treaty's object and purpose (Vienna Convention on the Law "
                "of Treaties, Art. 18)."
            )
        points.append(
            "Only States Parties (and states bound by a Security Council referral or their own "
            "Art. 12(3) declaration) must arrest. Any state may still cooperate voluntarily "
            "(Art. 87(5))."
        )
    return points
