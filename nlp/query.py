"""The parsed question: what is asked, about whom, where and when."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from knowledge.models import ExplainTopic
from nlp.dates import dates_the_question
from nlp.normalize import fold

Intent = Literal[
    "arrest_risk",
    "country_status",
    "person_warrant",
    "warrant_list",
    "travel_options",
    "person_trips",
    "member_count",
    "explain",
    "greeting",
    "help",
    "out_of_scope",
    "none",
]

IN_SCOPE_INTENTS: frozenset[str] = frozenset(
    {
        "arrest_risk",
        "country_status",
        "person_warrant",
        "warrant_list",
        "travel_options",
        "person_trips",
        "member_count",
        "explain",
    }
)


QuestionType = Literal["case_stage", "jurisdiction", "why_not_arrested", "prediction"]
"""What kind of question refines the intent: where a case stands (``case_stage``), on what
basis the Court acts (``jurisdiction``), why a state did not arrest someone and what followed
(``why_not_arrested``), or a request for a forecast (``prediction``, never given)."""

Form = Literal["yes_no", "wh", "other"]
"""The form of the first question in the message: one a Yes or a No can answer, one that asks
for a fact (when, why, how many...), or neither (a keyword query, a request)."""

Aspect = Literal[
    # arrest duty
    "obligation",
    "ability",
    "can_arrest",
    "arrested",
    # membership
    "member",
    "joined",
    "left",
    "signed",
    # warrants
    "warrant",
    "valid",
    "at_large",
    "suspended",
    "charges",
    "genocide",
    "aggression",
    "war_crimes",
    "crimes_against_humanity",
    # cases
    "trial",
    "confirmation",
    "counts",
    "fitness",
    "unfit",
    "conviction",
    "acquittal",
    "sentence",
    "appeal",
    "custody",
    "appearance",
    "judges",
    "closed",
    "open",
    "challenge",
    "challenge_rejected",
    "interim_release",
    "in_absentia",
    "stage",
    # why a state did not arrest
    "release",
    "consequence",
    "sanction",
    # jurisdiction
    "basis",
    "withdrawal",
    "escape",
    "continues",
    "referral",
    "declaration",
    "nationals",
    "immunity",
]
"""What the question asks about, each a claim a Yes or No can answer or a fact to give; the
answer reads only those of its own family."""

CASE_FAMILY: tuple[Aspect, ...] = (
    "arrested",
    "interim_release",
    "trial",
    "confirmation",
    "counts",
    "fitness",
    "unfit",
    "conviction",
    "acquittal",
    "sentence",
    "appeal",
    "custody",
    "appearance",
    "judges",
    "closed",
    "open",
    "challenge",
    "challenge_rejected",
    "in_absentia",
    "stage",
)
"""The aspects a case answer reads, in the order its sentences come."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mention(_Frozen):
    """An entity found in the text: a person id or an ISO country code, and how it was found."""

    id: str
    text: str
    via: Literal["alias", "role", "demonym", "city", "territory", "fuzzy", "context"] = "alias"
    note: str = ""
    start: int = 0
    """Character offset in the cleaned text (mentions are listed in reading order)."""


class Suggestion(_Frozen):
    """'Did you mean ...?': a near miss below the confident cut-off."""

    text: str
    kind: Literal["person", "country"]
    id: str
    score: float


class Ambiguity(_Frozen):
    """A name that fits several entities ('Congo', 'Gaddafi')."""

    text: str
    kind: Literal["person", "country"]
    ids: tuple[str, ...]


class Query(_Frozen):
    """Everything ``parse`` understood; pure data, safe to keep as follow-up context."""

    text: str
    intent: Intent
    topic: ExplainTopic | None = None
    people: tuple[Mention, ...] = ()
    countries: tuple[Mention, ...] = ()
    ambiguities: tuple[Ambiguity, ...] = ()
    unknown_names: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    date_text: str = ""
    is_question: bool = False
    confidence: float = 0.0
    truncated: bool = False
    followup: bool = False
    asks: QuestionType | None = None
    form: Form = "other"
    aspects: tuple[Aspect, ...] = ()
    """What the first question asks about first (its main clause), then the rest, in order."""
    negated: bool = False
    """The first question asks to confirm a negative claim ('... never had to arrest him?'):
    a bare Yes or No would be ambiguous, so the answer states the fact instead."""
    forecast: bool = False
    """The question asks about the future ('will he ever stand trial?'): a Yes or No would be
    a forecast, so only a duty ('will Hungary have to arrest him?') may get one."""

    @property
    def person_ids(self) -> list[str]:
        return [m.id for m in self.people]

    @property
    def country_codes(self) -> list[str]:
        return [m.id for m in self.countries]

    def answer_date(self, today: dt.date) -> dt.date:
        """The date the answer reasons about: the end of a past period the question is asked
        about ('as of March 2024, was ...?'); otherwise today, also for the date of an event
        the question mentions ('it quit last year, is it still in?') and for a future period
        (today's facts: nothing is predicted, see ``asks_about_future``).
        """
        if self.date_to is None or self.date_to >= today or not self.dates_the_question():
            return today
        return self.date_to

    def dates_the_question(self) -> bool:
        """Whether the date phrase dates the question itself, not an event it mentions."""
        return self.date_from is not None and dates_the_question(fold(self.text), self.date_text)

    def asks_about_future(self, today: dt.date) -> bool:
        """Whether the question names a period that has not begun ('arrested before 2030?')."""
        return self.date_from is not None and self.date_from > today

    def for_group(self, *, threshold: float = 0.6) -> bool:
        """Whether a group chat in auto mode should answer this message unprompted."""
        return (
            self.is_question and self.intent in IN_SCOPE_INTENTS and (self.confidence >= threshold)
        )
