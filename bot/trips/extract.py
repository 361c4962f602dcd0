"""Trips in news items: (person, host, dates, status) from a title and summary. Pure.

An item is a trip report only when it names a tracked warrant subject, a foreign country, and
travel wording; "Putin criticises Mongolia" names both but is not a trip.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.models import TripStatus
from knowledge.store import KnowledgeBase
from nlp.dates import find_period
from nlp.normalize import clean, fold
from nlp.parse import parse
from nlp.pipeline import Pipeline
from nlp.query import Query


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")


# Ordered: the first status whose wording appears wins (a cancelled visit mentions the visit).
STATUS_WORDS: tuple[tuple[TripStatus, re.Pattern[str]], ...] = (
    (
        "cancelled",
        _words(
            r"cancel\w*|calls? off|called off|scraps?|scrapped|postpone\w*|"
            r"absage|abgesagt|annule\w*"
        ),
    ),
    (
        "skipped",
        _words(
            r"skips?|skipping|skipped|stays? away|stayed away|won'?t (?:attend|travel|"
            r"go)|will not (?:attend|travel|go)|not (?:attend|travel)\w*|by video(?: "
            r"link)?|via video|virtually|no-show|snubs?|snubbed|sends? (?:lavrov|"
            r"a deputy|his foreign minister)|verzichtet"
        ),
    ),
    (
        "completed",
        _words(
            r"visited|wrapped up|wraps up|returned from|returns (?:home )?from|"
            r"left \w+ after|ended (?:his|her|a) (?:\w+ )?visit|concluded|"
            r"after (?:his|her) (?:\w+ )?visit|was in"
        ),
    ),
    (
        "under_way",
        _words(
            r"arriv\w*|lands?|landed|landing|touch(?:es|ed)? down|is in|are in|visits|"
            r"on (?:his|her|the) way to|en route to|in \w+ right now|visiting|holds? talks in|"
            r"on (?:a|his|her) (?:\w+ )?visit|met \w+ in|"
            r"meets \w+ in|in \w+ today|gelandet|eingetroffen|est arrive"
        ),
    ),
    (
        "announced",
        _words(
            r"to visit|will visit|to travel|will travel|will attend|to attend|"
            r"expected (?:in|to|at)|plans? (?:to|a)|planned|set to|heads? (?:to|for)|"
            r"heading to|invited|due (?:in|to)|trip to|visit to|state visit|"
            r"official visit|working visit|summit in|flies to|fly to|flying to|"
            r"travel to|travels to|goes to|going to|will go|would visit|"
            r"confirms? (?:the )?visit|reise|reist|besuch\w*|visite|se rendra|viaje"
        ),
    ),
)
TRAVEL = _words(
    r"visit\w*|trip|travel\w*|arriv\w*|lands?|landed|landing|touch(?:es|ed)? down|flies|fly|"
    r"flying|flew|attend\w*|summit|heads?|heading|skip\w*|cancel\w*|stays? away|tour|"
    r"reise|reist|besuch\w*|visite|viaje|way to|en route|rendra|right now"
)
NOT_A_NEW_TRIP = _words(
    r"failed to arrest|fails to arrest|non-?complian\w*|in breach|no plans? (?:for|to)|"
    r"hosts?|hosted|receives?|received|welcomes?|ambassador"
)
"""Wording that mentions travel but reports no trip of the tracked person abroad."""


@dataclass(frozen=True)
class TripReport:
    """A trip read from a news item."""

    person: str
    host: str
    status: TripStatus
    start: dt.date | None
    end: dt.date | None
    text: str


def tracked_person(query: Query, kb: KnowledgeBase) -> str | None:
    """The first person named who has an ICC warrant or application (trips are tracked)."""
    return next((p for p in query.person_ids if kb.warrants_for(p)), None)


def traveller_and_host(query: Query, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """The tracked person and the first country named that is not their own."""
    person = tracked_person(query, kb)
    if person is None:
        return None, None
    own = set(kb.person(person).nationality)
    return person, next((c for c in query.country_codes if c not in own), None)


def extract_trip(
    title: str,
    summary: str,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    *,
    published: dt.date,
) -> TripReport | None:
    """The trip the item reports, or ``None`` if it is not a trip report.

    Tracked people are those with an ICC warrant or a prosecutor's application.

    Args:
        title: the item's title.
        summary: its summary (plain text).
        kb: the knowledge base (only warrant subjects' trips are tracked).
        pipeline: the question parser's pipeline (for people and places).
        published: the item's date; relative dates ("next week") are resolved against it.

    """
    text = clean(f"{title}. {summary}".strip(". ")).text
    folded = fold(text)
    if not TRAVEL.search(folded) or NOT_A_NEW_TRIP.search(folded):
        return None
    query = parse(text, today=published, pipeline=pipeline)
    person, host = traveller_and_host(query, kb)
    if person is None or host is None:
        return None
    status = next((name for name, pattern in STATUS_WORDS if pattern.search(folded)), None)
    if status is None:
        return None
    period = find_period(folded, published)
    return TripReport(
        person=person,
        host=host,
        status=status,
        start=period.start if period else None,
        end=period.end if period and period.end != period.start else None,
        text=text,
    )
