"""Frozen models of ICC situations and the basis of the Court's jurisdiction over each
(``situations.toml``). Warrants name their situation; the store links them by that name.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from knowledge.models import Certainty, CountryCode, Frozen, Meta, Slug, Source, Sourced

BasisKind = Literal[
    "state_party_territory",
    "state_party_nationality",
    "article_12_3_declaration",
    "unsc_referral",
]
"""Art. 12(2)(a) crimes on a State Party's territory, Art. 12(2)(b) crimes by its nationals,
Art. 12(3) a non-party's acceptance, Art. 13(b) a Security Council referral."""


class JurisdictionBasis(Frozen):
    """One ground for the Court's jurisdiction in a situation, and the crimes it covers.

    ``start`` / ``end`` bound the dates of the crimes covered (``None``: open). For a state that
    withdrew, ``end`` is the day before the withdrawal took effect: the Court keeps jurisdiction
    over crimes committed while it was a party (Art. 127(2)). ``instrument_date`` is the day of
    the deposit, declaration or resolution the basis rests on.
    """

    kind: BasisKind
    state: CountryCode
    instrument: str = Field(min_length=5)
    instrument_date: dt.date
    start: dt.date | None = None
    end: dt.date | None = None
    certainty: Certainty = "verified"
    note: str = ""
    sources: tuple[Source, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> JurisdictionBasis:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("basis 'end' is before 'start'")
        return self

    def covers(self, crime_day: dt.date) -> bool:
        """Whether a crime committed on ``crime_day`` falls within this basis's dates."""
        return (self.start is None or self.start <= crime_day) and (
            self.end is None or crime_day <= self.end
        )


class Situation(Sourced):
    """An ICC situation: the country, the case-file number and the jurisdiction bases."""

    id: Slug
    name: str = Field(min_length=5)
    """Exactly as warrants name it (``Warrant.situation``)."""
    country: CountryCode
    icc_number: str = ""
    bases: tuple[JurisdictionBasis, ...] = Field(min_length=1)


class SituationsFile(Frozen):
    meta: Meta
    situations: tuple[Situation, ...]
