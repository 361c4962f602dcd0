"""Frozen models of a case's proceedings: a dated, sourced timeline per case (``cases.toml``).

Events that happened and events only scheduled share one list; ``scheduled = true`` marks the
latter (see ``knowledge.timeline`` for what each is on a given date).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from knowledge.models import CountryCode, Frozen, Meta, Occurrence, Slug, Sourced

CaseEventKind = Literal[
    "arrested",
    "released",
    "surrendered",
    "initial_appearance",
    "challenge_decision",
    "in_absentia_decision",
    "fitness_ruling",
    "interim_release_requested",
    "interim_release_denied",
    "interim_release_granted",
    "confirmation_hearing",
    "confirmation_decision",
    "leave_to_appeal_decision",
    "trial_chamber_constituted",
    "status_conference",
    "trial_opened",
    "judgment",
    "sentence",
    "appeal_filed",
    "appeal_judgment",
    "domestic_proceedings",
    "case_closed",
]
"""``arrested`` / ``released``: by a state on the ICC warrant (``released``: let go instead of
surrendered); ``surrendered``: into ICC custody; ``challenge_decision``: a ruling on a challenge
to jurisdiction or admissibility, on a request to withdraw or suspend warrants, or on an appeal
about a warrant's terms; ``in_absentia_decision``: whether charges may be confirmed without the
suspect; ``appeal_judgment``: on an appeal against a judgment or sentence (interlocutory appeals
keep the kind of the decision appealed, with ``chamber = "Appeals Chamber"``);
``domestic_proceedings``: a national arrest or trial that is not on the ICC warrant."""

Outcome = Literal[
    "confirmed",
    "partly_confirmed",
    "declined",
    "convicted",
    "partly_convicted",
    "acquitted",
    "fit",
    "unfit",
    "granted",
    "denied",
    "rejected",
    "upheld",
    "remanded",
    "reversed",
    "amended",
]

OUTCOMES: dict[str, frozenset[str]] = {
    "confirmation_decision": frozenset({"confirmed", "partly_confirmed", "declined"}),
    "judgment": frozenset({"convicted", "partly_convicted", "acquitted"}),
    "fitness_ruling": frozenset({"fit", "unfit"}),
    "in_absentia_decision": frozenset({"granted", "denied"}),
    "leave_to_appeal_decision": frozenset({"granted", "denied"}),
    "challenge_decision": frozenset({"rejected", "upheld", "remanded"}),
    "appeal_judgment": frozenset({"upheld", "reversed", "amended", "remanded"}),
}
"""Decisions and the outcomes each may have; a decision that happened must state its outcome."""

COUNTED = frozenset({"confirmation_decision", "judgment"})
IN_ABSENTIA_KINDS = frozenset({"confirmation_hearing", "confirmation_decision"})
PLACED = frozenset({"arrested", "released", "surrendered", "domestic_proceedings"})

CloseReason = Literal["death", "charges_withdrawn", "final_acquittal", "sentence_served", "other"]


class Counts(Frozen):
    """Counts decided by a confirmation decision (confirmed / declined) or a judgment
    (convicted / acquitted). ``rejected = None`` means the references do not say.
    """

    charged: int | None = Field(default=None, ge=1)
    upheld: int = Field(ge=0)
    rejected: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _adds_up(self) -> Counts:
        decided = self.upheld + (self.rejected or 0)
        if self.charged is not None and decided > self.charged:
            raise ValueError(f"{decided} counts decided out of {self.charged} charged")
        return self


class CaseEvent(Occurrence):
    """One step of a case: something that happened, or (``scheduled``) a date that was set."""

    kind: CaseEventKind
    summary: str = Field(min_length=10)
    chamber: str = ""
    place: CountryCode | None = None
    outcome: Outcome | None = None
    counts: Counts | None = None
    in_absentia: bool = False
    sentence_years: int | None = Field(default=None, ge=0)
    close_reason: CloseReason | None = None

    @model_validator(mode="after")
    def _fields_fit_the_kind(self) -> CaseEvent:
        allowed = OUTCOMES.get(self.kind)
        if self.outcome is not None and (allowed is None or self.outcome not in allowed):
            raise ValueError(f"outcome '{self.outcome}' does not fit a '{self.kind}' event")
        if self.scheduled:
            if self.outcome or self.counts or self.sentence_years is not None:
                raise ValueError("a scheduled event has no outcome, counts or sentence yet")
        elif allowed is not None and self.outcome is None:
            raise ValueError(f"a '{self.kind}' that happened needs its 'outcome'")
        if self.counts is not None and self.kind not in COUNTED:
            raise ValueError("'counts' belong to confirmation decisions and judgments")
        if self.in_absentia and self.kind not in IN_ABSENTIA_KINDS:
            raise ValueError(
                "only confirmation proceedings can be in absentia (Art. 61(2)); trials cannot "
                "(Art. 63)"
            )
        if self.place is not None and self.kind not in PLACED:
            raise ValueError(f"'place' does not apply to a '{self.kind}' event")
        if self.kind == "sentence" and not self.scheduled and self.sentence_years is None:
            raise ValueError("a sentence needs 'sentence_years'")
        if self.sentence_years is not None and self.kind != "sentence":
            raise ValueError("'sentence_years' belongs to a 'sentence' event")
        if (self.kind == "case_closed") != (self.close_reason is not None):
            raise ValueError("'close_reason' is required for, and only for, 'case_closed'")
        return self


class Case(Sourced):
    """A case before the ICC against one person, with its proceedings in date order."""

    id: Slug
    name: str = Field(min_length=5)
    person: Slug
    situation: Slug
    warrants: tuple[Slug, ...] = ()
    case_number: str = ""
    events: tuple[CaseEvent, ...] = ()
    unchecked: tuple[CaseEventKind, ...] = ()
    """Kinds of event nobody could check for this case: their absence means 'not known', not
    'did not happen' (answers must say so)."""

    @model_validator(mode="after")
    def _in_date_order(self) -> Case:
        dates = [event.date for event in self.events]
        if dates != sorted(dates):
            raise ValueError("events must be listed in date order")
        return self

    def checked(self, kind: CaseEventKind) -> bool:
        """Whether the data looked for events of ``kind`` (if not, their absence is unknown)."""
        return kind not in self.unchecked

    def events_of(self, kind: CaseEventKind) -> tuple[CaseEvent, ...]:
        return tuple(event for event in self.events if event.kind == kind)


class CasesFile(Frozen):
    meta: Meta
    cases: tuple[Case, ...]
