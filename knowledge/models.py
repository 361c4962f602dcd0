"""Frozen pydantic models for the curated knowledge base.

Every item carries at least one https source and an ``as_of`` date, and a certainty
(``verified`` / ``probable`` / ``unconfirmed``) so that answers can hedge.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

Certainty = Literal["verified", "probable", "unconfirmed"]
"""How sure the data is: verified in a cited source, probable (secondary or single source),
or unconfirmed (reported, not confirmed)."""

CERTAINTY_RANK: dict[str, int] = {"verified": 0, "probable": 1, "unconfirmed": 2}


_WHITESPACE = re.compile(r"\s")


def _https_url(value: str) -> str:
    if not value.startswith("https://"):
        raise ValueError(f"source url must start with https:// (got {value!r})")
    if _WHITESPACE.search(value):
        raise ValueError("source url must not contain whitespace")
    return value


def _country_code(value: str) -> str:
    if len(value) != 2 or not value.isascii() or not value.isupper():
        raise ValueError(f"country code must be ISO 3166-1 alpha-2 in capitals (got {value!r})")
    return value


HttpsUrl = Annotated[str, AfterValidator(_https_url)]
CountryCode = Annotated[str, AfterValidator(_country_code)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Frozen(BaseModel):
    """Base: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Frozen):
    """A citable document: a title a reader recognises and an https link."""

    title: str = Field(min_length=3)
    url: HttpsUrl


class Sourced(Frozen):
    """Fields every curated item carries."""

    sources: tuple[Source, ...] = Field(min_length=1)
    as_of: dt.date
    certainty: Certainty = "verified"
    note: str = ""


class Meta(Frozen):
    """Header of a data file (opensanctions-style dataset metadata)."""

    title: str
    publisher: str
    url: HttpsUrl
    as_of: dt.date
    expected_min_count: int = Field(ge=0)
    description: str = ""


# --- States and the Rome Statute timeline -------------------------------------------------

TreatyEventKind = Literal[
    "signed",
    "ratified",
    "acceded",
    "succeeded",
    "entered_into_force",
    "declared_no_intent",
    "withdrawal_announced",
    "withdrawal_notified",
    "withdrawal_revoked",
    "article_12_3_declaration",
    "unsc_referral",
]


class TreatyEvent(Frozen):
    """One dated step in a state's relationship with the Rome Statute.

    ``effective`` is used by ``withdrawal_notified`` (the date the withdrawal takes effect,
    one year after the UN Secretary-General receives the notice unless it names a later date)
    and by ``succeeded`` (the date from which the successor state is bound).
    ``scope_start`` / ``scope_end`` bound the crimes covered by an Art. 12(3) declaration or a
    Security Council referral.
    """

    kind: TreatyEventKind
    date: dt.date
    effective: dt.date | None = None
    scope: str = ""
    scope_start: dt.date | None = None
    scope_end: dt.date | None = None
    certainty: Certainty = "verified"
    note: str = ""
    sources: tuple[Source, ...] = ()

    @model_validator(mode="after")
    def _effective_where_needed(self) -> TreatyEvent:
        if self.kind == "withdrawal_notified" and self.effective is None:
            raise ValueError(
                "withdrawal_notified needs 'effective' (Art. 127: one year after notice)"
            )
        if self.kind in ("article_12_3_declaration", "unsc_referral") and not self.scope:
            raise ValueError(f"{self.kind} needs a 'scope' in words")
        return self


UnStatus = Literal["member", "observer", "non_member"]


class State(Sourced):
    """A state a user may name, with its Rome Statute timeline."""

    code: CountryCode
    name: str = Field(min_length=2)
    un: UnStatus = "member"
    events: tuple[TreatyEvent, ...] = ()


class StatesFile(Frozen):
    meta: Meta
    states: tuple[State, ...]


# --- People, roles and warrants -----------------------------------------------------------

RoleKind = Literal["head_of_state", "head_of_government", "leader", "official", "other"]


class Role(Frozen):
    """A position held for a period; ``titles`` are the phrases that point to its holder."""

    title: str
    country: CountryCode | None = None
    kind: RoleKind = "official"
    start: dt.date | None = None
    end: dt.date | None = None
    titles: tuple[str, ...] = ()
    certainty: Certainty = "verified"
    sources: tuple[Source, ...] = ()

    def holds_on(self, day: dt.date) -> bool:
        """Whether the role was held on ``day`` (open ends count as held)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Person(Sourced):
    """Someone users ask about: a warrant subject, or a leader with no known warrant."""

    id: Slug
    name: str
    full_name: str = ""
    nationality: tuple[CountryCode, ...] = ()
    aliases: tuple[str, ...] = ()
    namesakes: tuple[str, ...] = ()
    """Other people users name with this person's surname (relatives): 'sara duterte' is
    never this person, and the answer says it knows of no warrant for her."""
    roles: tuple[Role, ...] = ()
    born: dt.date | None = None
    died: dt.date | None = None
    gender: Literal["m", "f", "x"] = "m"


class PeopleFile(Frozen):
    meta: Meta
    people: tuple[Person, ...]


WarrantEventKind = Literal[
    "applied",
    "issued",
    "unsealed",
    "arrested",
    "released",
    "surrendered",
    "first_appearance",
    "charges_confirmed",
    "trial_opened",
    "convicted",
    "sentenced",
    "acquitted",
    "appeal_decision",
    "withdrawn",
    "deceased",
    "proceedings_terminated",
    "reported",
]

Crime = Literal["genocide", "crimes_against_humanity", "war_crimes", "aggression"]


class WarrantEvent(Frozen):
    kind: WarrantEventKind
    date: dt.date
    note: str = ""
    certainty: Certainty = "verified"
    sources: tuple[Source, ...] = ()


class Warrant(Sourced):
    """An ICC arrest warrant, or a prosecutor's application that is *not* (yet) a warrant."""

    id: Slug
    person: Slug
    kind: Literal["warrant", "application"] = "warrant"
    situation: str
    situation_country: CountryCode
    chamber: str = ""
    case: str = ""
    issued: dt.date | None = None
    crimes: tuple[Crime, ...] = Field(min_length=1)
    charges: str = Field(min_length=10)
    events: tuple[WarrantEvent, ...] = ()

    @model_validator(mode="after")
    def _issued_for_warrants(self) -> Warrant:
        if self.kind == "warrant" and self.issued is None:
            raise ValueError("a warrant needs its 'issued' date")
        if self.kind == "application" and self.issued is not None:
            raise ValueError("an application has no 'issued' date: it is not a warrant")
        return self


class WarrantsFile(Frozen):
    meta: Meta
    warrants: tuple[Warrant, ...]


# --- Findings and trips ------------------------------------------------------------------


class Finding(Sourced):
    """An ICC decision that a state failed to arrest and surrender (Art. 87(7))."""

    id: Slug
    date: dt.date
    state: CountryCode
    person: Slug
    visit: str
    chamber: str = ""
    outcome: str
    referred_to: tuple[Literal["ASP", "UNSC"], ...] = ()
    """Bodies the Court referred the matter to, by this decision or later (even if reversed)."""
    steps: tuple[FindingStep, ...] = ()
    """The finding's timeline: the decision, referrals, and what the ASP or the UNSC did."""
    unchecked: tuple[FindingStepKind, ...] = ()
    """Kinds of step nobody could check: their absence means 'not known', not 'none'."""


class FindingsFile(Frozen):
    meta: Meta
    findings: tuple[Finding, ...]


TripStatus = Literal["announced", "under_way", "completed", "cancelled", "skipped", "postponed"]
DatePrecision = Literal["day", "month", "year"]


class Trip(Sourced):
    """A trip by a warrant subject after the warrant, or one they skipped."""

    id: Slug
    person: Slug
    host: CountryCode
    start: dt.date
    end: dt.date | None = None
    precision: DatePrecision = "day"
    event: str = ""
    status: TripStatus = "completed"
    arrested: bool = False
    outcome: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Trip:
        if self.end is not None and self.end < self.start:
            raise ValueError("trip 'end' is before 'start'")
        return self


class TripsFile(Frozen):
    meta: Meta
    trips: tuple[Trip, ...]


# --- Dated steps that happened, or are only scheduled --------------------------------------


class Occurrence(Frozen):
    """A dated step of a case or a finding, with its own sources.

    ``scheduled`` marks a date set in advance (a hearing 'set to open on 30 November'): it is
    not an event that happened until a source says so, and then the flag is cleared.
    ``announced`` is the day the schedule was set, when known; before it nobody knew of it.
    """

    date: dt.date
    end: dt.date | None = None
    precision: DatePrecision = "day"
    scheduled: bool = False
    announced: dt.date | None = None
    certainty: Certainty = "verified"
    note: str = ""
    sources: tuple[Source, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_ordered(self) -> Occurrence:
        if self.end is not None and self.end < self.date:
            raise ValueError("'end' is before 'date'")
        if self.announced is not None and self.announced > self.date:
            raise ValueError("'announced' is after the date it announces")
        return self


FindingStepKind = Literal[
    "finding",
    "referral_deferred",
    "referred",
    "not_referred",
    "referral_reversed",
    "transmitted",
    "considered",
    "action",
    "state_response",
]
"""``finding``: the decision itself; ``referred`` / ``referral_reversed`` / ``transmitted`` (sent
on via the Presidency), ``considered`` (debated) and ``action`` (what was decided) name a
``body``; ``state_response``: what the state did in the proceedings."""

NEEDS_BODY: frozenset[str] = frozenset(
    {"referred", "referral_reversed", "transmitted", "considered", "action"}
)


class FindingStep(Occurrence):
    """One step in a non-compliance finding's timeline."""

    kind: FindingStepKind
    body: Literal["ASP", "UNSC"] | None = None
    summary: str = Field(min_length=10)

    @model_validator(mode="after")
    def _body_where_needed(self) -> FindingStep:
        if self.kind in NEEDS_BODY and self.body is None:
            raise ValueError(f"a '{self.kind}' step needs a 'body' (ASP or UNSC)")
        if self.kind not in NEEDS_BODY and self.body is not None:
            raise ValueError(f"a '{self.kind}' step takes no 'body'")
        return self


# --- Places ----------------------------------------------------------------------------


class PlaceAliases(Frozen):
    """Extra names for a state where ISO 3166 falls short."""

    code: CountryCode
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()


class Territory(Sourced):
    """A sub-national or disputed place people name instead of a state (e.g. Crimea)."""

    name: str
    aliases: tuple[str, ...] = ()
    code: CountryCode


class AmbiguousName(Frozen):
    alias: str
    codes: tuple[CountryCode, ...] = Field(min_length=2)


class PlacesFile(Frozen):
    meta: Meta
    countries: tuple[PlaceAliases, ...]
    territories: tuple[Territory, ...] = ()
    ambiguous: tuple[AmbiguousName, ...] = ()


# --- Positions states have taken, and explainers -----------------------------------------

PositionKind = Literal[
    "immunity_claimed",
    "will_not_arrest",
    "will_arrest",
    "invited",
    "justification",
    "no_explanation",
]
"""``justification``: why a state did not (or would not) arrest; ``no_explanation``: it hosted a
suspect without arresting them and gave no public reason."""

ReasonKind = Literal[
    "head_of_state_immunity",
    "non_party_official_immunity",
    "summit_host_immunity",
    "no_implementing_law",
    "procedural_defect",
    "national_security",
    "energy_dependence",
    "neutrality",
    "rejects_warrant",
    "no_formal_referral",
    "safe_passage",
    "treaty_obligation",
    "none_given",
]
"""The kinds of reason a government gave; ``reason`` says it in words."""


class StatePosition(Sourced):
    """A public position a government took on arresting a warrant subject.

    Positions are the record of what a state said; they never change what the law obliges.
    """

    id: Slug
    state: CountryCode
    person: Slug
    date: dt.date
    precision: DatePrecision = "day"
    kind: PositionKind
    summary: str = Field(min_length=10)
    reasons: tuple[ReasonKind, ...] = ()
    reason: str = ""
    """The reason the state gave, in a sentence (its own words where the source quotes them)."""

    @model_validator(mode="after")
    def _reasons_where_needed(self) -> StatePosition:
        if self.kind in ("justification", "no_explanation") and not self.reasons:
            raise ValueError(f"a '{self.kind}' position needs 'reasons'")
        if self.kind == "no_explanation" and self.reasons != ("none_given",):
            raise ValueError("a 'no_explanation' position has reasons = ['none_given']")
        if self.reasons and not self.reason:
            raise ValueError("'reasons' need a 'reason' in words")
        return self


class PositionsFile(Frozen):
    meta: Meta
    positions: tuple[StatePosition, ...]


ExplainTopic = Literal[
    "icc", "rome_statute", "immunity", "in_absentia", "article_98", "withdrawal", "non_compliance"
]


class Explainer(Sourced):
    """A short, sourced explanation of a legal notion."""

    topic: ExplainTopic
    headline: str
    points: tuple[str, ...] = Field(min_length=1)


class ExplainersFile(Frozen):
    meta: Meta
    explainers: tuple[Explainer, ...]


# A finding's steps are declared after the finding (they need DatePrecision, defined with trips).
Finding.model_rebuild()
FindingsFile.model_rebuild()
