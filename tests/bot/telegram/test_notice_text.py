"""Trip notices: feed links are safe to click, and a postponed trip is worded as one."""

from __future__ import annotations

import datetime as dt

from bot.telegram.notify import trip_notice
from bot.trips.registry import TripRow
from knowledge.store import KnowledgeBase
from tests.bot.test_render import check_html

TODAY = dt.date(2026, 12, 8)


def trip(status: str = "announced") -> TripRow:
    return TripRow(
        id=1,
        person="vladimir-putin",
        host="MN",
        start=dt.date(2026, 12, 20),
        finish=None,
        status=status,  # type: ignore[arg-type]
        event="",
        origin="feed",
        first_seen="2026-12-08T00:00:00+00:00",
    )


def test_notice_links_only_http_urls_of_reasonable_length(kb: KnowledgeBase) -> None:
    sources = [
        ("javascript:alert(1)", "a"),
        ("tg://resolve?domain=evil", "b"),
        ("https://example.org/" + "x" * 20_000, "c"),
        ('https://news.example.org/a?b=1&c="2"', "d"),
    ]
    text = trip_notice(trip(), sources, kb, TODAY)
    check_html(text)
    assert "javascript:" not in text and "tg://" not in text and "x" * 3000 not in text
    assert 'href="https://news.example.org/a?b=1&amp;c=&quot;2&quot;"' in text
    reported = text.split("\n")[1]
    assert reported.startswith("Reported by") and reported.count("<a href") == 1


def test_notice_postponed_trip_is_not_called_cancelled(kb: KnowledgeBase) -> None:
    text = trip_notice(trip("postponed"), [], kb, TODAY)
    assert "has postponed a trip to Mongolia" in text
    assert "cancel" not in text.split("\n")[0].lower()
