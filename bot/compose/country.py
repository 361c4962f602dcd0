"""Membership answers: a state's Rome Statute status on a date, its timeline and hedges."""

from __future__ import annotations

from collections.abc import Sequence

from bot.compose.law import public_sentences
from bot.compose.opening import first_aspect, open_answer
from bot.compose.records import finding_line, trip_line
from bot.compose.sheet import Draft, Sheet, memo_part
from bot.compose.talk import unknown
from bot.format import capitalise, day, join, with_article
from knowledge.models import TreatyEvent
from knowledge.rules import (
    StateStatus,
    status_on,
)
from nlp.query import Aspect, Query

# --- country status --------------------------------------------------------------------------


def country_status(draft: Draft) -> None:
    query = draft.query
    if not query.countries:
        unknown(draft)
        return
    kb, on = draft.kb, draft.on
    statuses = [status_on(kb.states[c], on) for c in query.country_codes[:5]]
    first = statuses[0]
    draft.merge(memo_part(kb, on, _compose_country, first.code))
    for other in statuses[1:]:
        draft.merge(memo_part(kb, on, _compose_other_country, other.code, head=False))
    draft.claim = membership_claim(query, statuses)
    if first_aspect(query, MEMBERSHIP) == "signed" and draft.claim and not first.is_party:
        draft.headline = _signed_sentence(first)
    open_answer(draft)
    place_notes(draft)
    draft.followups += [
        f"Will Vladimir Putin be arrested in {first.name}?",
        "How many states are in the ICC?",
    ]


def _compose_country(draft: Sheet, code: str) -> None:
    first = status_on(draft.kb.states[code], draft.on)
    draft.verdict = "state_party" if first.is_party else "not_party"
    draft.headline = status_sentence(first)
    draft.countries.append(first.code)
    draft.certainties.append(first.certainty)
    draft.cite(first.sources)
    draft.points.append(
        "So it must arrest and surrender anyone the ICC has a warrant for (Art. 89(1))."
        if first.is_party
        else no_duty_sentence(first)
    )
    draft.points.extend(timeline_points(first))
    status_hedges(draft, first)
    if first.category == "withdrawn":
        draft.points.extend(_jurisdiction_kept(draft, first.code))
    draft.points.extend(_membership_notes(draft, first.code))
    for finding in draft.kb.findings_about_state(first.code):
        if finding.date <= draft.on:
            draft.precedents.append(finding_line(draft.kb, finding))
            draft.cite(finding.sources)
    for trip in draft.kb.trips_to(first.code):
        if trip.start <= draft.on:
            draft.precedents.append(trip_line(draft.kb, trip))
            draft.cite(trip.sources)


def _signed_sentence(status: StateStatus) -> str:
    """'Did the US sign?': the signature first, then that it is not a party."""
    name = capitalise(with_article(status.name))
    signed = f" on {day(status.signed.date)}" if status.signed else ""
    tail = (
        f"; in {status.no_intent.date.year} it declared that it does not intend to become one"
        if status.no_intent
        else ""
    )
    return f"{name} signed the Rome Statute{signed}, but it is not a State Party{tail}."


def _jurisdiction_kept(draft: Sheet, code: str) -> list[str]:
    """Art. 127(2) for a state that left: the period the Court keeps jurisdiction over."""
    points = []
    for situation in draft.kb.situations.values():
        for basis in situation.bases:
            if basis.state == code and basis.end is not None and basis.start is not None:
                points.append(
                    "The ICC keeps jurisdiction over crimes committed while it was a party "
                    f"({day(basis.start)} to {day(basis.end)}, Art. 127(2)): "
                    f"{situation.name}."
                )
                draft.cite(basis.sources)
    return points


def _membership_notes(draft: Sheet, code: str) -> list[str]:
    """What the state's own membership carries for the Court's jurisdiction over its territory
    (Ukraine's Art. 124 declaration, for one).
    """
    notes = []
    for situation in draft.kb.situations.values():
        for basis in situation.bases:
            if basis.state == code and basis.kind == "state_party_territory" and basis.end is None:
                notes += [s for s in public_sentences(basis.note) if len(s.split()) >= 6]
    return notes


MEMBERSHIP: tuple[Aspect, ...] = ("member", "joined", "left", "signed")
"""The aspects of a question about a state's membership."""


def membership_truth(aspect: Aspect, status: StateStatus) -> bool | None:
    """Whether the state is a member, joined, left or signed, as the question asks (None: the
    record is not certain, or the question does not fit the state: 'did Russia leave?').
    """
    if _certainty(status) != "verified":
        return None
    if aspect == "member":
        return status.is_party
    if aspect == "joined":
        return status.joined is not None
    if aspect == "left":
        if status.category == "withdrawn":
            return True
        return False if status.category in ("party", "not_yet_in_force") else None
    if aspect == "signed":
        if status.signed is not None:
            return True
        return False if status.joined is None else None
    return None


def _certainty(status: StateStatus) -> str:
    """How sure the membership is: a state that never joined is as sure as its record, however
    sure the details of its signature or declarations are.
    """
    if status.category in ("signatory", "declared_no_intent", "non_signatory"):
        return status.state.certainty
    return status.certainty


def membership_claim(query: Query, statuses: Sequence[StateStatus]) -> bool | None:
    """The truth of a membership question about every state it names, if they all agree."""
    aspect = first_aspect(query, MEMBERSHIP)
    if aspect is None:
        return None
    truths = {membership_truth(aspect, status) for status in statuses}
    return truths.pop() if len(truths) == 1 else None


def _compose_other_country(draft: Sheet, code: str) -> None:
    other = status_on(draft.kb.states[code], draft.on)
    draft.points.append(f"Also: {status_sentence(other)}")
    draft.countries.append(other.code)
    draft.certainties.append(other.certainty)
    draft.cite(other.sources)


def status_sentence(status: StateStatus) -> str:
    name = capitalise(with_article(status.name))
    if status.category == "party":
        joined = status.joined
        how = {
            "ratified": "ratified it",
            "acceded": "acceded to it",
            "succeeded": "succeeded to it",
        }
        verb = how.get(joined.kind, "joined") if joined else "joined"
        since = f", in force for it since {day(status.in_force)}" if status.in_force else ""
        return (
            f"{name} is a State Party to the Rome Statute: it {verb} on "
            f"{day(joined.date) if joined else 'an unknown date'}{since}."
        )
    if status.category == "withdrawn" and status.withdrawal and status.withdrawal.effective:
        return (
            f"{name} is no longer a State Party: its withdrawal from the Rome Statute took "
            f"effect on {day(status.withdrawal.effective)}."
        )
    if status.category == "not_yet_in_force" and status.joined and status.in_force:
        return (
            f"{name} has joined the Rome Statute (deposit on {day(status.joined.date)}), but it "
            f"only becomes a State Party on {day(status.in_force)}."
        )
    if status.category == "declared_no_intent" and status.no_intent:
        signed = (
            f"signed the Rome Statute on {day(status.signed.date)} but " if (status.signed) else ""
        )
        return (
            f"{name} is not a State Party: it {signed}declared in "
            f"{status.no_intent.date.year} that it does not intend to become one."
        )
    if status.category == "signatory" and status.signed:
        return (
            f"{name} is not a State Party to the Rome Statute: it signed on "
            f"{day(status.signed.date)} but has never ratified it."
        )
    return f"{name} is not a State Party: it has never signed or joined the Rome Statute."


def no_duty_sentence(status: StateStatus) -> str:
    extra = []
    if status.referrals:
        extra.append(
            "but the UN Security Council has ordered it to cooperate with the ICC in its own "
            f"situation ({status.referrals[-1].scope})"
        )
    if status.declarations:
        extra.append(
            "but its Art. 12(3) declaration obliges it to cooperate in the situation it covers"
        )
    base = "So it has no general Rome Statute duty to arrest ICC suspects"
    return f"{base}, {join(extra)}." if extra else f"{base}."


def _announced_before(status: StateStatus) -> list[str]:
    """An announcement of leaving that came before the notice ('with immediate effect')."""
    notice = status.withdrawal
    if notice is None:
        return []
    return [
        f"{capitalise(with_article(status.name))} had announced on {day(event.date)} that it "
        "would leave; an announcement alone has no legal effect (Art. 127)."
        for event in status.state.events
        if event.kind == "withdrawal_announced" and event.date <= notice.date
    ]


def timeline_points(status: StateStatus) -> list[str]:
    name = capitalise(with_article(status.name))
    points = []
    for event in status.declarations:
        points.append(f"Art. 12(3) declaration of {day(event.date)}: {event.scope}.")
    for event in status.referrals:
        points.append(f"UN Security Council referral of {day(event.date)}: {event.scope}.")
    if status.withdrawal is not None and status.withdrawal_state == "revoked":
        assert status.revocation is not None
        points.append(
            f"{name} notified its withdrawal on {day(status.withdrawal.date)}, but revoked the "
            f"notice on {day(status.revocation.date)}, before it could take effect."
        )
    elif status.withdrawal is not None and status.withdrawal_state == "pending":
        effective = status.withdrawal.effective
        points.extend(_announced_before(status))
        points.append(
            f"{name} notified the UN of its withdrawal on {day(status.withdrawal.date)}; the "
            f"withdrawal would take effect on {day(effective) if effective else 'a later date'}. "
            "Until then it remains fully bound (Art. 127)."
        )
    elif status.withdrawal is not None and status.withdrawal_state == "announced":
        points.append(
            f"{name} announced on {day(status.withdrawal.date)} that it would leave, but an "
            "announcement has no legal effect: only a written notice to the UN starts the "
            "one-year clock (Art. 127)."
        )
    return points


EVENT_NAMES = {
    "signed": "signature",
    "ratified": "ratification",
    "acceded": "accession",
    "succeeded": "succession",
    "entered_into_force": "entry into force",
    "declared_no_intent": "declaration of no intent to become a party",
    "withdrawal_announced": "announced withdrawal",
    "withdrawal_notified": "withdrawal notice",
    "withdrawal_revoked": "revocation of the withdrawal",
    "article_12_3_declaration": "Art. 12(3) declaration",
    "unsc_referral": "Security Council referral",
}


def _status_events(status: StateStatus) -> list[TreatyEvent]:
    """The events today's status rests on (not, say, a party's old signature)."""
    by_category = {
        "party": (status.joined, status.revocation, status.withdrawal),
        "not_yet_in_force": (status.joined,),
        "withdrawn": (status.withdrawal,),
        "declared_no_intent": (status.no_intent,),
        "signatory": (status.signed,),
        "non_signatory": (),
    }
    return [e for e in by_category[status.category] if e is not None]


def status_hedges(draft: Sheet, status: StateStatus) -> None:
    for event in _status_events(status):
        if event.certainty != "verified":
            what = EVENT_NAMES.get(event.kind, event.kind.replace("_", " "))
            note = f" ({event.note})" if event.note else ""
            draft.hedge(
                f"{status.name}: the {what} of {day(event.date)} is {event.certainty}, not "
                f"confirmed from a primary source{note}."
            )
            draft.certainties.append(event.certainty)


def place_notes(draft: Draft) -> None:
    for index, mention in enumerate(draft.query.countries):
        if mention.via == "territory":
            territory = next(
                (t for t in draft.kb.places.territories if t.name == mention.note), None
            )
            if territory is not None:
                if index == 0:
                    # a point, not the opening: the opening answers the question asked
                    country = with_article(draft.kb.state_name(territory.code))
                    draft.points.insert(0, f"{territory.name} counts as {country} here.")
                draft.hedge(f"{territory.name}: {territory.note}")
                draft.cite(territory.sources)
                draft.certainties.append(territory.certainty)
