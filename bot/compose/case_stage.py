"""Where a case stands: custody, charges, fitness, trial, verdict, sentence, appeal, closure.

A scheduled date is never an event that happened: before its day the answer says the event "is
scheduled"; once the day has passed with no source confirming it, that it "was scheduled ...
(not confirmed that it did)". Nothing is said to have happened unless the record says so, and
what nobody could check (a case's ``unchecked`` kinds) is "not known", never "did not happen".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.compose.law import (
    CONFIRMATION_IN_ABSENTIA,
    NO_TRIAL_IN_ABSENTIA,
    ROME_STATUTE,
    public_sentences,
)
from bot.compose.opening import after_colon
from bot.compose.person import person_verdict, pronoun
from bot.compose.records import finding_line
from bot.compose.sheet import ICC_DEFENDANTS, Draft, Sheet, memo_part
from bot.format import day, join, span
from knowledge.cases import Case, CaseEvent, CaseEventKind
from knowledge.models import Person, Warrant
from knowledge.rules import WarrantStatus, is_deceased, warrant_status
from knowledge.timeline import EventState, case_stage_on, timeline_on
from nlp.query import CASE_FAMILY, Aspect

RECORD_SHOWN = 5

Said = tuple[str, bool | None]
"""A sentence about the case, and the truth of the claim its aspect asks about (None: not
settled, so no Yes or No)."""


def case_stage(draft: Draft) -> bool:
    """Answer a question about where a case stands; False if there is no one to answer about."""
    query, kb, on = draft.query, draft.kb, draft.on
    aspects = tuple(a for a in query.aspects if a in CASE_FAMILY) or ("stage",)
    if "trial" in aspects and "in_absentia" in aspects:
        # 'can he be tried without being there': the rule on trials in absentia answers it
        rest = [a for a in aspects if a != "in_absentia"]
        at = rest.index("trial")
        aspects = (*rest[:at], "in_absentia", *rest[at:])
    if query.people:
        ids = sorted(query.person_ids, key=lambda pid: kb.case_for(pid) is None)
        if kb.case_for(ids[0]) is None and not kb.warrants_for(ids[0]):
            return False  # no case and no warrant: the warrant answer says so
        draft.merge(memo_part(kb, on, _compose_case, ids[0], aspects))
        return True
    if query.countries:
        if not kb.situations_in(query.country_codes[0]):
            return False
        draft.merge(memo_part(kb, on, _compose_situation, query.country_codes[0], aspects))
        return True
    if "in_absentia" in aspects:
        draft.merge(memo_part(kb, on, _compose_absentia_law, "confirmation" in aspects))
        return True
    return False


class _Facts:
    """The record of one person's case on a date: warrant statuses and case events."""

    def __init__(self, sheet: Sheet, person: Person) -> None:
        self.kb, self.on, self.person = sheet.kb, sheet.on, person
        self.name = person.name
        self.he = pronoun(person)
        self.his = {"he": "his", "she": "her"}.get(self.he, "their")
        self.case: Case | None = self.kb.case_for(person.id)
        warrants = [w for w in self.kb.warrants_for(person.id) if w.kind == "warrant"]
        statuses = (warrant_status(w, self.on) for w in warrants)
        self.statuses: list[WarrantStatus] = [s for s in statuses if s is not None]
        active = [s for s in self.statuses if s.state not in ("withdrawn", "terminated")]
        chosen = active or self.statuses
        self.main: WarrantStatus | None = chosen[0] if chosen else None
        self.known: tuple[tuple[CaseEvent, EventState], ...] = (
            timeline_on(self.case.events, self.on) if self.case else ()
        )

    @property
    def dead(self) -> bool:
        return is_deceased(self.person, self.on)

    @property
    def at_large(self) -> bool:
        return self.main is not None and self.main.state == "at_large" and not self.dead

    @property
    def in_custody(self) -> bool:
        return self.main is not None and self.main.state in ("in_custody", "convicted")

    def checked(self, kind: CaseEventKind) -> bool:
        return self.case is None or self.case.checked(kind)

    def happened(self, kind: CaseEventKind) -> CaseEvent | None:
        """The latest event of ``kind`` that happened."""
        found = [e for e, state in self.known if e.kind == kind and state == "happened"]
        return found[-1] if found else None

    def all_happened(self, kind: CaseEventKind) -> list[CaseEvent]:
        return [e for e, state in self.known if e.kind == kind and state == "happened"]

    def planned(self, kind: CaseEventKind) -> tuple[CaseEvent, EventState] | None:
        """The latest event of ``kind`` that was only scheduled (still ahead, or overdue)."""
        found = [(e, s) for e, s in self.known if e.kind == kind and s != "happened"]
        return found[-1] if found else None

    def warrants_phrase(self) -> str:
        dates = [day(s.warrant.issued) for s in self.statuses if s.warrant.issued]
        plural = "warrants" if len(dates) > 1 else "warrant"
        return f"the ICC's {plural} of {join(dates)}" if dates else "the ICC warrant"


def _compose_case(sheet: Sheet, person_id: str, aspects: tuple[Aspect, ...]) -> None:
    kb = sheet.kb
    person = kb.people[person_id]
    facts = _Facts(sheet, person)
    sheet.people.append(person_id)
    sheet.verdict = person_verdict(kb, person_id, sheet.on)
    asked = [
        a for a in dict.fromkeys(aspects) if not (a == "confirmation" and "counts" in aspects)
    ]
    said = [_ASPECT_SENTENCES[aspect](facts, aspects) for aspect in asked]
    sheet.headline, sheet.claim = said[0]
    for sentence, _ in said[1:]:
        if sentence not in sheet.points and sentence != sheet.headline:
            sheet.points.append(sentence)
    _cite_and_hedge(sheet, facts, aspects)


def _cite_and_hedge(sheet: Sheet, facts: _Facts, aspects: Sequence[Aspect]) -> None:
    sheet.cite(facts.person.sources)
    sheet.certainties.append(facts.person.certainty)
    for status in facts.statuses:
        sheet.cite(status.warrant.sources)
        sheet.certainties.append(status.certainty)
        warrant = status.warrant
        crimes = join([c.replace("_", " ") for c in warrant.crimes])
        if warrant.issued is not None:
            sheet.points.append(f"The ICC's warrant of {day(warrant.issued)} is for {crimes}.")
    if facts.at_large and _first_of(aspects, ("arrested", "custody", "stage")):
        # where an arrest could have happened and did not: the Court's findings
        for finding in sheet.kb.findings_about_person(facts.person.id):
            if finding.date <= facts.on:
                sheet.precedents.append(finding_line(sheet.kb, finding))
                sheet.cite(finding.sources)
    case = facts.case
    if case is None:
        sheet.cite([ICC_DEFENDANTS])
        return
    record = [(e, s) for e, s in facts.known][-RECORD_SHOWN:]
    for event, state in record:
        sheet.precedents.append(_event_line(event, state))
        sheet.cite(event.sources)
        if event.certainty != "verified":
            sheet.hedge("Items marked '(not confirmed)' rest on a single or secondary source.")
    stage = case_stage_on(case, facts.on)
    sheet.certainties.append(stage.certainty)
    sheet.cite(case.sources)
    if _first_of(aspects, ("custody", "stage", "closed", "open")):
        for sentence in public_sentences(case.note):
            if sentence not in sheet.points and sentence not in sheet.headline:
                sheet.points.append(sentence)
    if any(state == "overdue" for _, state in facts.known):
        sheet.hedge(
            "A date marked 'was scheduled' has passed, and no source I have confirms the event "
            f"took place (my record of the case runs to {day(case.as_of)})."
        )
    if facts.dead and facts.person.certainty != "verified":
        sheet.hedge(f"{facts.name}'s death is reported but not confirmed.")
    if facts.in_custody and not facts.checked("interim_release_granted"):
        sheet.hedge(
            "Whether any later request for interim release was granted was not checked: "
            f"the record runs to {day(case.as_of)}."
        )


def _first_of(aspects: Sequence[Aspect], family: Sequence[str]) -> Aspect | None:
    return next((a for a in aspects if a in family), None)


def _event_line(event: CaseEvent, state: EventState) -> str:
    when = span(event.date, event.end, event.precision)
    summary = event.summary.rstrip(".")
    unsure = " (not confirmed)" if event.certainty != "verified" else ""
    if state == "scheduled":
        return f"{when}: scheduled: {summary}."
    if state == "overdue":
        return f"{when}: was scheduled: {summary} (not confirmed that it happened)."
    return f"{when}: {summary}{unsure}."


def _before(event: CaseEvent) -> str:
    return f" before {event.chamber}" if event.chamber else ""


def _lower(facts: _Facts, sentence: str) -> str:
    """A sentence to follow a colon, with "Name's" made "his" (the name was just said)."""
    return after_colon(sentence.replace(f"{facts.name}'s ", f"{facts.his} ", 1))


def _unless_dead(facts: _Facts) -> Said | None:
    """The sentence for a case that ended with the person's death (or may have)."""
    if not facts.dead:
        return None
    return _closed(facts, ("closed",))


# --- one sentence per aspect -----------------------------------------------------------------


def _trial(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    dead = _unless_dead(facts)
    if dead is not None:
        return dead[0], False if dead[1] else None
    name = facts.name
    opened = facts.happened("trial_opened")
    if opened is not None:
        return f"{name}'s trial opened on {day(opened.date)}{_before(opened)}.", True
    planned = facts.planned("trial_opened")
    if planned is not None:
        event, state = planned
        if state == "scheduled":
            return (
                f"{name}'s trial is scheduled to open on {day(event.date)}{_before(event)}.",
                None,
            )
        return (
            f"{name}'s trial was scheduled to open on {day(event.date)}{_before(event)} "
            "(not confirmed that it did).",
            None,
        )
    if facts.at_large:
        return (
            f"{name} has not been tried: {facts.he} is at large, and the ICC does not hold "
            "trials in absentia (Art. 63).",
            False,
        )
    if facts.in_custody and facts.happened("confirmation_decision") is None:
        return (
            f"{name}'s case has not reached trial: {_lower(facts, _stage(facts, aspects)[0])}",
            False,
        )
    return f"I have no record of a trial date in {name}'s case.", None


def _conviction(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    name = facts.name
    acquittal_asked = _first_of(aspects, ("conviction", "acquittal")) == "acquittal"
    judgment = facts.happened("judgment")
    if judgment is not None:
        convicted = judgment.outcome in ("convicted", "partly_convicted")
        counts = _count_phrase(judgment, "on")
        verb = "convicted" if convicted else "acquitted"
        sentence = f"{name} was {verb} on {day(judgment.date)}{_by(judgment)}{counts}."
        if judgment.summary:
            sentence += f" {judgment.summary}"
        truth = convicted != acquittal_asked
        return sentence, truth if judgment.certainty == "verified" else None
    if not facts.checked("judgment"):
        return f"Whether a judgment has been given in {name}'s case is not known.", None
    if facts.case is None and not facts.statuses:
        return f"There is no ICC case against {name}: I know of no ICC warrant for them.", False
    dead = _unless_dead(facts)
    if dead is not None:
        return f"{name} was never tried. {dead[0]}", False
    opened = facts.happened("trial_opened")
    if opened is not None:
        return f"There is no judgment yet: {name}'s trial opened on {day(opened.date)}.", False
    trial = _trial(facts, aspects)[0]
    if facts.at_large:
        return trial.replace("has not been tried", "has not been tried or convicted"), False
    return f"{name} has not been convicted: {_lower(facts, trial)}", False


def _by(event: CaseEvent) -> str:
    return f" by {event.chamber}" if event.chamber else ""


def _who(event: CaseEvent) -> str:
    """The chamber that decided, as the subject of a sentence."""
    return event.chamber or "the Court"


def _count_phrase(event: CaseEvent, preposition: str) -> str:
    counts = event.counts
    if counts is None:
        return ""
    lead = f" {preposition}" if preposition else ""
    if counts.charged is not None and counts.upheld == counts.charged:
        return f"{lead} all {counts.charged} counts"
    if counts.charged is not None:
        return f"{lead} {counts.upheld} of {counts.charged} counts"
    return f"{lead} {counts.upheld} counts"


def _counts(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    name = facts.name
    decision = facts.happened("confirmation_decision")
    judgment = facts.happened("judgment")
    if decision is not None and decision.counts is not None:
        upheld = decision.counts.upheld
        absentia = ", in absentia" if decision.in_absentia else ""
        sentence = (
            f"{upheld} counts: on {day(decision.date)}, {_who(decision)} confirmed"
            f"{_count_phrase(decision, '')} against {name}{absentia}. {decision.summary}"
        )
        if judgment is not None and judgment.counts is not None:
            sentence += (
                f" At trial, {name} was convicted{_count_phrase(judgment, 'on')} "
                f"({day(judgment.date)})."
            )
        return sentence, None
    if facts.main is not None:
        return f"The ICC warrant against {name} lists {facts.main.warrant.charges}.", None
    return f"I know of no ICC charges against {name}.", None


def _confirmation(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    name = facts.name
    decision = facts.happened("confirmation_decision")
    if decision is not None:
        confirmed = decision.outcome in ("confirmed", "partly_confirmed")
        absentia = ", in absentia" if decision.in_absentia else ""
        verb = "confirmed" if confirmed else "declined to confirm"
        counted = _count_phrase(decision, "") or " the charges"
        sentence = (
            f"On {day(decision.date)}, {_who(decision)} {verb}{counted} against {name}"
            f"{absentia}. {decision.summary}"
        )
        return sentence, (confirmed if decision.certainty == "verified" else None)
    planned = facts.planned("confirmation_hearing")
    held = facts.happened("confirmation_hearing")
    if planned is not None:
        event, state = planned
        if state == "scheduled":
            return (
                f"{name}'s confirmation of charges hearing is scheduled for {day(event.date)}"
                f"{_before(event)}.",
                None,
            )
        return (
            f"{name}'s confirmation of charges hearing was scheduled for {day(event.date)}"
            f"{_before(event)} (not confirmed that it took place); no decision on the charges "
            "is known.",
            None,
        )
    if held is not None:
        known = "" if facts.checked("confirmation_decision") else " (not known)"
        return (
            f"{name}'s confirmation of charges hearing was held on "
            f"{span(held.date, held.end)}; no decision on the charges is recorded{known}.",
            None,
        )
    if facts.at_large:
        return (
            f"The charges against {name} have not been confirmed: {facts.he} is at large. "
            f"{CONFIRMATION_IN_ABSENTIA}",
            False,
        )
    return f"I have no record of a confirmation of charges in {name}'s case.", None


def _fitness(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    ruling = facts.happened("fitness_ruling")
    unfit_asked = _first_of(aspects, ("fitness", "unfit")) == "unfit" or ("unfit" in aspects)
    if ruling is None:
        return f"I have no record of a ruling on {facts.name}'s fitness to stand trial.", None
    fit = ruling.outcome == "fit"
    sentence = (
        f"On {day(ruling.date)}, {_who(ruling)} found {facts.name} "
        f"{'fit' if fit else 'unfit'} to take part in the proceedings. {ruling.summary}"
    )
    truth = (not fit) if unfit_asked else fit
    return sentence, truth if ruling.certainty == "verified" else None


def _sentence(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    sentenced = facts.happened("sentence")
    if sentenced is not None and sentenced.sentence_years is not None:
        years = sentenced.sentence_years
        return (
            f"{facts.name} was sentenced on {day(sentenced.date)}{_by(sentenced)} to {years} "
            f"years' imprisonment. {sentenced.summary}",
            True if sentenced.certainty == "verified" else None,
        )
    conviction, convicted = _conviction(facts, ("conviction",))
    if convicted is False:
        return f"{facts.name} has not been sentenced: {_lower(facts, conviction)}", False
    return f"I have no record of a sentence in {facts.name}'s case.", None


def _appeal(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    name = facts.name
    decided = facts.happened("appeal_judgment")
    if decided is not None:
        return f"On {day(decided.date)}{_by(decided)}: {decided.summary}", None
    filed = facts.happened("appeal_filed")
    if filed is not None:
        unsure = " (not confirmed)" if filed.certainty != "verified" else ""
        outcome = (
            "The outcome of the appeal is not known: no appeal judgment was found."
            if not facts.checked("appeal_judgment")
            else "There is no appeal judgment on record yet."
        )
        return (
            f"{name}: {filed.summary.rstrip('.')} ({day(filed.date)}){unsure}. {outcome}",
            True if filed.certainty == "verified" else None,
        )
    rulings = [e for e, s in facts.known if s == "happened" and e.chamber == "Appeals Chamber"]
    if facts.happened("judgment") is None:
        sentence = f"There has been no judgment in {name}'s case, so no appeal against one."
    else:
        sentence = f"I have no record of an appeal against the judgment in {name}'s case."
    if rulings:
        sentence += (
            " The Appeals Chamber has ruled in the case on: "
            + "; ".join(f"{day(e.date, e.precision)} ({e.summary.rstrip('.')})" for e in rulings)
            + "."
        )
    return sentence, None


def _custody(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    name, he = facts.name, facts.he
    if facts.dead:
        return _closed(facts, ("closed",))[0], False
    if facts.in_custody:
        handed = facts.happened("surrendered")
        since = (
            handed.date
            if handed
            else (facts.main.last_event.date if facts.main and (facts.main.last_event) else None)
        )
        when = f" since {day(since)}" if since else ""
        return f"{name} has been in ICC custody in The Hague{when}.", True
    if facts.at_large:
        placed = [
            e
            for e, s in facts.known
            if s == "happened" and e.kind in ("arrested", "released", "domestic_proceedings")
        ]
        if placed:
            steps = "; ".join(_event_line(e, "happened").rstrip(".") for e in placed)
            return f"{name} is not in ICC custody: {steps}.", False
        return (
            f"{name} is not in ICC custody: {facts.warrants_phrase()} "
            f"{'have' if len(facts.statuses) > 1 else 'has'} not been carried out, and {he} "
            "is at large.",
            False,
        )
    if not facts.statuses:
        return f"{name} is not in ICC custody: I know of no ICC warrant for them.", False
    return f"{name}'s warrant is no longer in force.", None


def _arrested(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    """'When was Duterte arrested?': the arrests and the surrender on record."""
    name, he = facts.name, facts.he
    steps = [
        e
        for e, s in facts.known
        if s == "happened" and e.kind in ("arrested", "surrendered", "released")
    ]
    if steps:
        lines = "; ".join(_event_line(e, "happened").rstrip(".") for e in steps)
        sure = all(e.certainty == "verified" for e in steps if e.kind == "arrested")
        arrested = any(e.kind in ("arrested", "surrendered") for e in steps)
        return f"{name}: {lines}.", (arrested if sure else None)
    if facts.dead:
        return _closed(facts, ("closed",))[0], None
    if facts.at_large and facts.checked("arrested"):
        return f"{name} has not been arrested: {he} is at large.", False
    if facts.in_custody:
        return _custody(facts, aspects)[0], True
    return f"I have no record of an arrest of {name}.", None


def _interim_release(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    """'Was Duterte granted interim release?': the rulings, and what nobody could check."""
    name = facts.name
    granted = facts.happened("interim_release_granted")
    if granted is not None:
        when = day(granted.date)
        return f"{name} was granted interim release on {when}. {granted.summary}", True
    if facts.at_large:
        return f"Interim release does not arise: {name} is at large.", None
    denied = facts.all_happened("interim_release_denied")
    unknown = not facts.checked("interim_release_granted")
    later = " Whether a later request was granted is not known." if unknown else ""
    if denied:
        rulings = join(
            [f"{day(e.date)} ({e.chamber})" if e.chamber else day(e.date) for e in denied]
        )
        return (
            f"{name}'s requests for interim release were denied: {rulings}.{later}",
            None if unknown else False,
        )
    custody = _custody(facts, aspects)[0]
    return f"I have no record of a ruling on interim release. {custody}{later}", None


def _appearance(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    first = next(iter(facts.all_happened("initial_appearance")), None)
    if first is not None:
        return (
            f"{facts.name} first appeared{_before(first)} on {day(first.date)}. {first.summary}",
            True,
        )
    if facts.at_large:
        return f"{facts.name} has never appeared before the ICC: {facts.he} is at large.", False
    return f"I have no record of {facts.name} appearing before the ICC.", None


def _judges(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    events = [e for e, _ in facts.known if e.chamber]
    if not events:
        return f"I have no record of the judges in {facts.name}'s case.", None
    ahead = [e for e, s in facts.known if s != "happened" and e.chamber]
    chamber = (ahead or events)[-1].chamber
    named = [e for e, _ in facts.known if "presiding" in e.summary or "Judge" in e.summary]
    detail = f" {named[-1].summary}" if named else ""
    return f"{facts.name}'s case is before {chamber}.{detail}", None


def _closed(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    name = facts.name
    open_asked = _first_of(aspects, ("closed", "open")) == "open"
    closed = facts.happened("case_closed")
    if closed is not None:
        died = f" ({name} died on {day(facts.person.died)})" if facts.person.died else ""
        return (
            f"The case against {name} was closed on {day(closed.date)}{died}. {closed.summary}",
            not open_asked,
        )
    ended = [s for s in facts.statuses if s.state == "terminated"]
    if ended and ended[0].last_event is not None:
        return (
            f"The ICC ended the proceedings against {name} on {day(ended[0].last_event.date)}.",
            not open_asked,
        )
    if facts.dead:
        how = "was reported killed" if facts.person.certainty != "verified" else "died"
        died = f" on {day(facts.person.died)}" if facts.person.died else ""
        return (
            f"{name} {how}{died}; whether the Court has closed the case is not known.",
            None,
        )
    if facts.case is None and not facts.statuses:
        return f"I know of no ICC case against {name}.", None
    return f"The case against {name} is open. {_stage(facts, aspects)[0]}", open_asked


def _challenge(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    decisions = facts.all_happened("challenge_decision")
    if not decisions:
        return f"I have no record of a ruling on a challenge in {facts.name}'s case.", None
    latest = decisions[-1]
    sentence = f"On {day(latest.date)}, {latest.chamber or 'the Court'}: {latest.summary}"
    asked_rejected = "challenge_rejected" in aspects
    if not asked_rejected or latest.outcome == "remanded" or latest.certainty != "verified":
        return sentence, None
    return sentence, latest.outcome == "rejected"


def _in_absentia(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    confirming = "confirmation" in aspects and "trial" not in aspects
    decision = facts.happened("confirmation_decision")
    done = (
        f" {facts.name}'s charges were confirmed in absentia on {day(decision.date)}"
        f" ({_count_phrase(decision, '').strip() or 'the charges'})."
        if decision is not None and decision.in_absentia
        else ""
    )
    if confirming:
        return f"{CONFIRMATION_IN_ABSENTIA}{done}", True
    return (
        f"The ICC cannot try {facts.name} in {facts.his} absence: "
        f"the accused must be present at trial (Art. 63). Charges, though, can be confirmed "
        f"without the suspect (Art. 61(2)(b)).{done}",
        False,
    )


def _stage(facts: _Facts, aspects: Sequence[Aspect]) -> Said:
    """Where the case stands overall: custody, the latest step and what is scheduled next."""
    name = facts.name
    if facts.dead:
        return _closed(facts, ("closed",))[0], None
    if not facts.statuses:
        return f"I know of no ICC case against {name}.", None
    if facts.at_large:
        parts = [
            f"{name} is at large: {facts.warrants_phrase()} "
            f"{'have' if len(facts.statuses) > 1 else 'has'} not been carried out, so the case "
            "cannot go to trial (Art. 63)."
        ]
        decision = facts.happened("confirmation_decision")
        if decision is not None:
            parts.append(_confirmation(facts, aspects)[0])
        return " ".join(parts), None
    if not facts.in_custody:
        return f"{name}'s warrant is no longer in force.", None
    parts = [_custody(facts, aspects)[0]]
    latest = [e for e, s in facts.known if s == "happened"]
    if latest:
        parts.append(f"The latest step: {_event_line(latest[-1], 'happened')}")
    for event, state in facts.known:
        if state in ("scheduled", "overdue"):
            parts.append(_event_line(event, state))
    if (
        facts.case is not None
        and not facts.happened("confirmation_decision")
        and (not facts.checked("confirmation_decision"))
    ):
        parts.append("A decision on the charges is not known.")
    return " ".join(parts), None


_ASPECT_SENTENCES: dict[str, Callable[[_Facts, Sequence[Aspect]], Said]] = {
    "arrested": _arrested,
    "interim_release": _interim_release,
    "trial": _trial,
    "confirmation": _confirmation,
    "counts": _counts,
    "fitness": _fitness,
    "unfit": _fitness,
    "conviction": _conviction,
    "acquittal": _conviction,
    "sentence": _sentence,
    "appeal": _appeal,
    "custody": _custody,
    "appearance": _appearance,
    "judges": _judges,
    "closed": _closed,
    "open": _closed,
    "challenge": _challenge,
    "challenge_rejected": _challenge,
    "in_absentia": _in_absentia,
    "stage": _stage,
}


# --- a whole situation, and the law alone --------------------------------------------------


def _compose_situation(sheet: Sheet, code: str, aspects: tuple[Aspect, ...]) -> None:
    """'Has anyone been convicted in the Ukraine situation?': each person's stage there."""
    kb = sheet.kb
    situations = kb.situations_in(code)
    sheet.verdict = "info"
    sheet.countries.append(code)
    if not situations:
        sheet.headline = f"I know of no ICC situation about {kb.state_name(code)}."
        sheet.cite([ICC_DEFENDANTS])
        return
    situation = situations[0]
    warrants = [w for w in kb.warrants_in(situation.id) if w.kind == "warrant"]
    people = list(dict.fromkeys(w.person for w in warrants))
    convicted = [pid for pid in people if _was_convicted(sheet, pid)]
    stages = [_person_state(sheet, pid, warrants) for pid in people]
    sheet.cite(situation.sources)
    sheet.cite([ICC_DEFENDANTS])
    if convicted:
        names = join([kb.people[pid].name for pid in convicted])
        sheet.headline = f"Convicted in the {situation.name}: {names}."
        sheet.claim = None  # who a nickname stands for is not known here
    else:
        sheet.headline = f"Nobody has been convicted in the {situation.name}."
        sheet.claim = False
        if stages and all(state.endswith(": at large.") for state in stages):
            sheet.headline += f" All {len(stages)} people with ICC warrants there are at large."
    sheet.points.extend(stages)
    for pid in convicted:
        person = kb.people[pid]
        sheet.points.append(_conviction(_Facts(sheet, person), ("conviction",))[0])
        sheet.people.append(pid)
    if "trial" in aspects:
        sheet.points.append(NO_TRIAL_IN_ABSENTIA)


def _was_convicted(sheet: Sheet, person_id: str) -> bool:
    facts = _Facts(sheet, sheet.kb.people[person_id])
    judgment = facts.happened("judgment")
    return judgment is not None and judgment.outcome in ("convicted", "partly_convicted")


def _person_state(sheet: Sheet, person_id: str, warrants: Sequence[Warrant]) -> str:
    person = sheet.kb.people[person_id]
    facts = _Facts(sheet, person)
    for status in facts.statuses:
        sheet.cite(status.warrant.sources[:1])
    issued = [w.issued for w in warrants if w.person == person_id and w.issued]
    when = f" (warrant of {day(min(issued))})" if issued else ""
    if facts.dead:
        return f"{person.name}{when}: dead."
    if facts.in_custody:
        return f"{person.name}{when}: in ICC custody."
    if facts.at_large:
        return f"{person.name}{when}: at large."
    return f"{person.name}{when}: warrant no longer in force."


def _compose_absentia_law(sheet: Sheet, confirming: bool) -> None:
    sheet.verdict = "info"
    if confirming:
        sheet.headline, sheet.claim = CONFIRMATION_IN_ABSENTIA, True
        sheet.points.append(NO_TRIAL_IN_ABSENTIA)
    else:
        sheet.headline, sheet.claim = NO_TRIAL_IN_ABSENTIA, False
        sheet.points.append(CONFIRMATION_IN_ABSENTIA)
    sheet.cite([ROME_STATUTE])


def where_case_stands(sheet: Sheet, person_id: str, aspects: tuple[Aspect, ...]) -> str:
    """One sentence on the person's case for ``aspects`` (its first one), for other answers."""
    facts = _Facts(sheet, sheet.kb.people[person_id])
    aspect = _first_of(aspects, CASE_FAMILY) or "stage"
    return _ASPECT_SENTENCES[aspect](facts, aspects)[0]
