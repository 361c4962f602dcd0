"""The parsed question: what is asked, about whom, where and when."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from knowledge.models import ExplainTopic

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

    @property
    def person_ids(self) -> list[str]:
        return [m.id for m in self.people]

    @property
    def country_codes(self) -> list[str]:
        return [m.id for m in self.countries]

    def answer_date(self, today: dt.date) -> dt.date:
        """The date the answer should reason about: the asked period, clamped to today."""
        if self.date_from is None or self.date_to is None:
            return today
        if self.date_to < today:
            return self.date_to
        if self.date_from > today:
            return self.date_from
        return today

    def for_group(self, *, threshold: float = 0.6) -> bool:
        """Whether a group chat in auto mode should answer this message unprompted."""
        return (
            self.is_question and self.intent in IN_SCOPE_INTENTS and (self.confidence >= threshold)
        )
