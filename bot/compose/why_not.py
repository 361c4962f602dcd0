"""Why a state did not arrest (or let go) a suspect, and what the ICC did about it.

The reason is the one the state gave (``positions.toml``), or that it gave none; what followed
is the record of the Court's finding and referrals, and what the Assembly of States Parties or
the Security Council did, or that this is not known. A state with no duty is told apart first.
"""

from __future__ import annotations

import datetime as dt

from bot.compose.arrest import assessment_headline, why_not_bound
from bot.compose.case_stage import where_case_stands
from bot.compose.opening import after_colon
from bot.compose.person import person_verdict, pronoun
from bot.compose.records import finding_line, trip_line
from bot.compose.sheet import Draft, Sheet, memo_part
from bot.format import capitalise, day, join, span, with_article
from knowledge.cases import CaseEvent
from knowledge.models import Finding, FindingStep, Person, StatePosition, Trip
from knowledge.rules import active_warrants, assess, status_on
from knowledge.store import KnowledgeBase
from knowledge.timeline import finding_timeline, referrals_standing

REASON_WORDS: dict[str, str] = {
    "head_of_state_immunity": "head-of-state immunity",
    "non_party_official_immunity": "the immunity of officials of states not party to the Statute",
    "summit_host_immunity": "the immunity promised by a summit's host agreement",
    "no_implementing_law": "the lack of a domestic (implementing) law",
    "procedural_defect": "a procedural defect",
    "national_security": "national security and public order",
    "energy_dependence": "its energy dependence on its neighbours",
    "neutrality": "its neutrality",
    "rejects_warrant": "its rejection of the warrant",
    "no_formal_referral": "the absence of a formal referral",
    "safe_passage": "a promise of safe passage",
    "treaty_obligation": "its treaty obligation",
    "none_given": "no reason",
}
_EXPLAINING = ("justification", "no_explanation", "immunity_claimed", "will_not_arrest")
_BODIES = {"ASP": "the Assembly of States Parties (ASP)", "UNSC": "the UN Security Council"}


def why_not_arrested(draft: Draft) -> bool:
    """Answer why a state did not arrest someone; False when no state or person is known.

    It answers as of the day asked: a date in the question dates the visit, and the record
    of what followed runs to today.
    """
    query, kb = draft.query, draft.kb
    if not query.countries:
        wanted = [pid for pid in query.person_ids if kb.is_warrant_subject(pid)]
        if not wanted:
            return False
        draft.on = draft.today
        draft.merge(memo_part(kb, draft.on, _compose_person, wanted[0]))
        return True
    code = query.country_codes[0]
    person_id = _person(kb, code, query.person_ids)
    if person_id is None:
        return False
    if not _on_record(kb, person_id, code, draft.today):
        return False  # nothing happened there to explain: the duty answers the question
    first = next((a for a in query.aspects if a in ("release", "consequence", "sanction")), None)
    asked = "consequence" if first == "sanction" else first
    lead = asked if asked == "consequence" or query.form == "yes_no" else "reason"
    draft.on = draft.today
    draft.merge(memo_part(kb, draft.on, _compose, person_id, code, lead or "reason"))
    if "sanction" in query.aspects:
        draft.claim = None  # a finding is no sanction: 'was Mongolia punished?' is not a yes
    return True


def _on_record(kb: KnowledgeBase, person_id: str, code: str, on: dt.date) -> bool:
    """Whether anything is recorded about the person and the state: a visit, a statement, a
    finding, or an arrest or release there.
    """
    if any(t.host == code and t.start <= on for t in kb.trips_of(person_id)):
        return True
    if kb.positions_of(code, person_id) or any(
        f.person == person_id for f in kb.findings_about_state(code)
    ):
        return True
    case = kb.case_for(person_id)
    return case is not None and any(e.place == code for e in case.events)


def _person(kb: KnowledgeBase, code: str, named: list[str]) -> str | None:
    """The suspect asked about: the one named, else the one the state's record is about."""
    if named:
        return sorted(named, key=lambda pid: not kb.is_warrant_subject(pid))[0]
    about = [f.person for f in kb.findings_for(code)] + [p.person for p in kb.positions_for(code)]
    about += [t.person for t in kb.trips_to(code) if t.status == "completed"]
    return about[-1] if about else None


def _compose(sheet: Sheet, person_id: str, code: str, lead: str) -> None:
    kb, on = sheet.kb, sheet.on
    person = kb.people[person_id]
    state = capitalise(with_article(kb.state_name(code)))
    sheet.people.append(person_id)
    sheet.countries.append(code)
    visits = [t for t in kb.trips_of(person_id) if t.host == code and t.start <= on]
    made = [t for t in visits if t.status == "completed"]
    when = made[-1].start if made else on
    result = assess(kb, person_id, code, when)
    sheet.verdict = result.verdict  # what the law said about that visit
    sheet.cite(result.sources[:2])
    if result.verdict in ("not_obliged", "own_state", "no_warrant"):
        country = status_on(kb.states[code], when)
        why = why_not_bound(country) if result.verdict != "no_warrant" else "there was no warrant."
        sheet.headline = f"{state} had no duty to arrest {person.name}: {why}"
        sheet.points.extend(trip_line(kb, t) for t in made)
        sheet.points.append(
            "Only States Parties (and states bound by a Security Council referral or their own "
            "Art. 12(3) declaration) must arrest."
        )
        sheet.cite(country.sources)
        return
    sheet.points.append(assessment_headline(kb, result))
    record = _Record(sheet, person_id, code, made)
    said = {
        "reason": record.reason(),
        "release": record.release(),
        "consequence": record.consequence(),
    }
    first = said[lead] or said["reason"] or said["release"] or said["consequence"]
    no_reason = f"I have no record of a reason {state} gave for not arresting {person.name}."
    sheet.headline, sheet.claim = first if first else (no_reason, None)
    for key in ("release", "reason", "consequence"):
        entry = said[key]
        if entry and entry[0] != sheet.headline:
            sheet.points.append(entry[0])
    sheet.points.extend(record.details)
    sheet.points.extend(trip_line(kb, t) for t in made)
    explainer = kb.explainers.get("non_compliance")
    if explainer is not None and (lead == "consequence" or record.findings):
        sheet.points.append(explainer.points[0])
        sheet.cite(explainer.sources)


def _compose_person(sheet: Sheet, person_id: str) -> None:
    """'Why hasn't Putin been arrested?': who must arrest him, where he went, what followed."""
    kb, on = sheet.kb, sheet.on
    person = kb.people[person_id]
    sheet.people.append(person_id)
    sheet.verdict = person_verdict(kb, person_id, on)
    active = active_warrants(kb, person_id, on)
    if not active or active[0].state != "at_large":
        sheet.headline = where_case_stands(sheet, person_id, ("custody",))
        sheet.cite(person.sources)
        return
    him = {"f": "her", "x": "them"}.get(person.gender, "him")
    sheet.headline = (
        f"The ICC has no police of its own: {person.name} can only be arrested by a state "
        f"{pronoun(person)} is in, and only States Parties (and states bound by a Security "
        f"Council referral or an Art. 12(3) declaration) must arrest {him}."
    )
    made = [t for t in kb.trips_of(person_id) if t.status == "completed" and t.start <= on]
    parties = [t for t in made if status_on(kb.states[t.host], t.start).is_party]
    if made:
        hosts = join(list(dict.fromkeys(kb.state_name(t.host) for t in made)))
        sheet.points.append(f"Since the warrant {pronoun(person)} has visited: {hosts}.")
    if parties:
        sheet.points.append(
            "States Parties that hosted "
            + f"{him} without arresting {him}: "
            + join(
                list(dict.fromkeys(f"{kb.state_name(t.host)} ({t.start.year})" for t in parties))
            )
            + "."
        )
    for finding in kb.findings_about_person(person_id):
        if finding.date <= on:
            sheet.precedents.append(finding_line(kb, finding))
            sheet.cite(finding.sources)
    for status in active:
        sheet.cite(status.warrant.sources)
        sheet.certainties.append(status.certainty)


Said = tuple[str, bool | None] | None


class _Record:
    """What a state said and did about a suspect, and the Court's findings about it."""

    def __init__(self, sheet: Sheet, person_id: str, code: str, visits: list[Trip]) -> None:
        self.sheet, self.kb, self.on = sheet, sheet.kb, sheet.on
        self.person = self.kb.people[person_id]
        self.code = code
        self.state = capitalise(with_article(self.kb.state_name(code)))
        self.visits = visits
        self.positions: list[StatePosition] = [
            p for p in self.kb.positions_of(code, person_id) if p.date <= self.on
        ]
        self.findings: list[Finding] = [
            f
            for f in self.kb.findings_about_state(code)
            if f.person == person_id and f.date <= self.on
        ]
        self.details: list[str] = []

    def reason(self) -> Said:
        explained = [p for p in self.positions if p.kind in _EXPLAINING and p.reasons]
        if not explained:
            return None
        # what the state said about the failure itself comes before what it said beforehand
        explained.sort(key=lambda p: (p.kind not in ("justification", "no_explanation"), p.date))
        for position in explained:
            self.sheet.cite(position.sources)
            self.sheet.certainties.append(position.certainty)
        main = explained[0]
        if main.kind == "no_explanation":
            visit = (
                f" during {_his(self.person)} visit of {_span(self.visits[-1])}"
                if (self.visits)
                else ""
            )
            sentence = (
                f"{self.state} gave no public explanation for not arresting "
                f"{self.person.name}{visit}."
            )
        else:
            words = join([REASON_WORDS.get(r, r.replace("_", " ")) for r in main.reasons])
            sentence = f"{self.state} cited {words}: {after_colon(main.reason)}"
        for later in explained[1:]:
            self.details.append(f"{day(later.date, later.precision)}: {later.reason}")
        return sentence, None

    def release(self) -> Said:
        case = self.kb.case_for(self.person.id)
        if case is None:
            return None
        acted = [
            e
            for e in case.events
            if e.place == self.code
            and e.kind in ("arrested", "released", "domestic_proceedings")
            and not e.scheduled
            and e.date <= self.on
        ]
        if not acted:
            return None
        for event in acted:
            self.sheet.cite(event.sources)
            self.sheet.certainties.append(event.certainty)
        steps = join(
            [_acted(e, self.person.name if i == 0 else "him") for i, e in enumerate(acted)]
        )
        released = next((e for e in acted if e.kind == "released"), None)
        sentence = f"{self.state} {steps}."
        if released is not None:
            sentence += f" {released.summary}"
        sure = released is not None and released.certainty == "verified"
        return sentence, (True if sure else None)

    def consequence(self) -> Said:
        if not self.findings:
            return None
        heads = [self._finding(finding) for finding in self.findings]
        self.details[:0] = heads[1:]
        sure = all(f.certainty == "verified" for f in self.findings)
        return heads[0], (True if sure else None)

    def _finding(self, finding: Finding) -> str:
        sheet, on = self.sheet, self.on
        sheet.cite(finding.sources)
        sheet.certainties.append(finding.certainty)
        unsure = " (reported, not confirmed)" if finding.certainty != "verified" else ""
        head = (
            f"On {day(finding.date)} {_chamber(finding.chamber)} found that {self.state} failed "
            f"to arrest and surrender {self.person.name} (Art. 87(7)){unsure}."
        )
        steps = [(s, state) for s, state in finding_timeline(finding, on) if s.kind != "finding"]
        for step, state in steps:
            self.details.append(_step_line(step, state))
            sheet.cite(step.sources)
        standing = referrals_standing(finding, on)
        happened = [s for s, state in steps if state == "happened"]
        referred = [s for s in happened if s.kind == "referred" and s.body]
        reversed_ = [s for s in happened if s.kind == "referral_reversed" and s.body]
        if referred:
            bodies = join([_BODIES[s.body] for s in referred if s.body])
            when = day(referred[0].date, referred[0].precision)
            head += f" It referred the matter to {bodies} ({when})."
        if reversed_:
            bodies = join([_BODIES[s.body] for s in reversed_ if s.body])
            head += f" The referral to {bodies} was reversed on {day(reversed_[0].date)}."
        if standing and not referred:
            head += f" It stands referred to {join([_BODIES[b] for b in standing])}."
        elif not referred and not reversed_ and not standing:
            head += " It did not refer the matter to the ASP or the UN Security Council."
        if "action" in finding.unchecked and standing:
            self.details.append(
                f"What {join([_BODIES[b] for b in standing])} did about it, if anything, is not "
                "known."
            )
        if finding.certainty != "verified":
            sheet.hedge(f"{finding.outcome} The finding rests on a single secondary source.")
        return head


def _chamber(chamber: str) -> str:
    if not chamber:
        return "the Court"
    return f"the {chamber}" if chamber.startswith("Appeals") else chamber


def _his(person: Person) -> str:
    return {"f": "her", "x": "their"}.get(person.gender, "his")


def _span(trip: Trip) -> str:
    return span(trip.start, trip.end, trip.precision)


def _acted(event: CaseEvent, whom: str) -> str:
    when = day(event.date, event.precision)
    unsure = " (not confirmed)" if event.certainty != "verified" else ""
    if event.kind == "arrested":
        return f"arrested {whom} on {when}{unsure}"
    if event.kind == "released":
        return f"released {whom} on {when}{unsure}"
    return f"reportedly arrested {whom} on {when} for its own (domestic) proceedings{unsure}"


def _step_line(step: FindingStep, state: str) -> str:
    when = day(step.date, step.precision)
    summary = step.summary.rstrip(".")
    if state == "scheduled":
        return f"{when}: scheduled: {summary}."
    if state == "overdue":
        return f"{when}: was scheduled: {summary} (not confirmed that it happened)."
    unsure = " (not confirmed)" if step.certainty != "verified" else ""
    return f"{when}: {summary}{unsure}."
