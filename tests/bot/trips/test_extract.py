"""Trip extraction from news items: trips, non-trips, status and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.trips.extract import extract_trip
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline

PUBLISHED = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("title", "summary", "person", "host", "status"),
    [
        (
            "Putin to visit Mongolia next week, Kremlin says",
            "",
            "vladimir-putin",
            "MN",
            "announced",
        ),
        (
            "⚡️ PUTIN LANDS IN DUSHANBE",
            "State visit and CIS summit.",
            "vladimir-putin",
            "TJ",
            "under_way",
        ),
        (
            "Putin will skip the BRICS summit in Brazil",
            "He will join by video.",
            "vladimir-putin",
            "BR",
            "skipped",
        ),
        ("Netanyahu cancels Davos trip", "", "benjamin-netanyahu", "CH", "cancelled"),
        ("Min Aung Hlaing returns from India visit", "", "min-aung-hlaing", "IN", "completed"),
    ],
)
def test_extract_trips(
    kb: KnowledgeBase,
    pipeline: Pipeline,
    title: str,
    summary: str,
    person: str,
    host: str,
    status: str,
) -> None:
    report = extract_trip(title, summary, kb, pipeline, published=PUBLISHED)
    assert report is not None
    assert (report.person, report.host, report.status) == (person, host, status)


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Putin criticises Mongolia over gas deal", ""),
        ("Xi Jinping arrives in Moscow", "Putin welcomed him at the Kremlin."),
        ("ICC judges find Mongolia failed to arrest Putin during 2024 visit", ""),
        ("Peskov: no plans for Putin to visit Brazil", ""),
        ("Putin visits a drone factory in Tatarstan", ""),
    ],
)
def test_extract_non_trips(
    kb: KnowledgeBase, pipeline: Pipeline, title: str, summary: str
) -> None:
    assert extract_trip(title, summary, kb, pipeline, published=PUBLISHED) is None


def test_extract_resolves_dates(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    report = extract_trip(
        "Putin to visit Mongolia on 3 September 2026", "", kb, pipeline, published=PUBLISHED
    )
    assert report is not None and report.start == dt.date(2026, 9, 3)
