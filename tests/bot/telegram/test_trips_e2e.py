"""Trip updates end to end: a feed on 127.0.0.1, the real Application, the fake Bot API."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.bot.telegram.harness import Bot, run, running_bot
from tests.fakes.bot_api import FakeBotAPI, message_update
from tests.fakes.feed_server import FeedServer, rss

OWNER = 9001
SUBSCRIBERS = (1101, 1102, 1103)
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with FeedServer() as feed_server:
        feed_server.set_feed("/a.xml", rss([]))
        feed_server.set_feed("/b.xml", rss([]))
        yield feed_server


def item(title: str, link: str, summary: str = "") -> dict[str, Any]:
    return {"title": title, "summary": summary, "link": link, "guid": link, "pubDate": NOW}


def notices(server: FakeBotAPI, chat_id: int) -> list[str]:
    return [m["text"] for m in server.sent_messages(chat_id=chat_id) if "✈️" in m["text"]]


async def subscribe(bot: Bot, chat_id: int, what: str) -> None:
    before = len(bot.server.sent_messages(chat_id=chat_id))
    bot.server.push_update(message_update(f"/subscribe {what}", chat_id=chat_id, user_id=chat_id))
    await bot.wait(lambda s: len(s.sent_messages(chat_id=chat_id)) > before)


def env(feeds: FeedServer) -> dict[str, str]:
    return {
        "WARRANTWATCH_TRIP_FEEDS": f"{feeds.url_for('/a.xml')},{feeds.url_for('/b.xml')}",
        "WARRANTWATCH_FEED_INTERVAL": "3600",
        "WARRANTWATCH_SEND_RATE": "200",
        "WARRANTWATCH_OWNER_IDS": str(OWNER),
    }


async def three_subscribers(bot: Bot) -> None:
    await subscribe(bot, SUBSCRIBERS[0], "Putin")
    await subscribe(bot, SUBSCRIBERS[1], "country Mongolia")
    await subscribe(bot, SUBSCRIBERS[2], "all silent")


async def settle_deliveries(bot: Bot) -> None:
    assert bot.core.outbox is not None
    for _ in range(200):
        counts = await bot.core.outbox.counts()
        if not counts.get("pending") and not counts.get("sending"):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)


def test_trips_feed_item_notifies_each_subscriber_once(
    server: FakeBotAPI, feeds: FeedServer, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await three_subscribers(bot)
            feeds.set_feed(
                "/a.xml",
                rss(
                    [
                        item(
                            "Putin to visit Mongolia next week, Kremlin says",
                            "https://news.example/putin-mongolia",
                        )
                    ]
                ),
            )
            assert bot.runner.poller is not None
            assert await bot.runner.poller.poll_once(NOW) == 1
            assert await bot.runner.poller.poll_once(NOW) == 0  # polled again: nothing new
            await settle_deliveries(bot)
            for chat in SUBSCRIBERS:
                (notice,) = notices(server, chat)
                assert "Vladimir Putin is due to visit Mongolia" in notice
                assert "Mongolia is obliged to arrest Vladimir Putin" in notice
            silent = [m for m in server.sent_messages(chat_id=SUBSCRIBERS[2]) if "✈️" in m["text"]]
            assert silent[0].get("disable_notification") is True

    run(scenario())


def test_trips_same_trip_in_two_feeds_is_one_notification(
    server: FakeBotAPI, feeds: FeedServer, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await three_subscribers(bot)
            feeds.set_feed(
                "/a.xml", rss([item("Putin to visit Mongolia next week", "https://a.example/1")])
            )
            feeds.set_feed(
                "/b.xml",
                rss([item("Kremlin confirms Putin's trip to Ulaanbaatar", "https://b.example/7")]),
            )
            assert bot.runner.poller is not None
            assert await bot.runner.poller.poll_once(NOW) == 1
            await settle_deliveries(bot)
            for chat in SUBSCRIBERS:
                assert len(notices(server, chat)) == 1
            assert bot.core.trips is not None
            (trip,) = await bot.core.trips.recent()
            assert len(await bot.core.trips.sources(trip.id)) == 2

    run(scenario())


def test_trips_non_trip_item_sends_nothing(
    server: FakeBotAPI, feeds: FeedServer, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await three_subscribers(bot)
            feeds.set_feed(
                "/a.xml",
                rss([item("Putin criticises Mongolia over gas deal", "https://a.example/2")]),
            )
            assert bot.runner.poller is not None
            assert await bot.runner.poller.poll_once(NOW) == 0
            await settle_deliveries(bot)
            assert all(notices(server, chat) == [] for chat in SUBSCRIBERS)

    run(scenario())


def test_trips_blocked_subscriber_is_paused_others_delivered(
    server: FakeBotAPI, feeds: FeedServer, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await three_subscribers(bot)
            server.fail_next(
                "sendMessage",
                403,
                description="Forbidden: bot was blocked by the user",
                chat_id=SUBSCRIBERS[0],
            )
            feeds.set_feed(
                "/a.xml", rss([item("Putin lands in Ulaanbaatar", "https://a.example/3")])
            )
            assert bot.runner.poller is not None
            await bot.runner.poller.poll_once(NOW)
            await settle_deliveries(bot)
            assert notices(server, SUBSCRIBERS[0]) == []
            assert len(notices(server, SUBSCRIBERS[1])) == 1
            assert len(notices(server, SUBSCRIBERS[2])) == 1
            assert bot.core.subscriptions is not None
            assert await bot.core.subscriptions.of_chat(SUBSCRIBERS[0]) == [
                ("person", "vladimir-putin", False, False)
            ]

    run(scenario())


def test_trips_burst_of_429s_delivers_everything_once(
    server: FakeBotAPI, feeds: FeedServer, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await three_subscribers(bot)
            server.fail_next("sendMessage", 429, retry_after=1, times=4)
            feeds.set_feed(
                "/a.xml", rss([item("Putin to visit Mongolia next week", "https://a.example/4")])
            )
            assert bot.runner.poller is not None
            await bot.runner.poller.poll_once(NOW)
            await bot.wait(lambda s: all(len(notices(s, c)) == 1 for c in SUBSCRIBERS), timeout=30)
            await settle_deliveries(bot)
            assert all(len(notices(server, chat)) == 1 for chat in SUBSCRIBERS)

    run(scenario())


def test_trips_owner_adds_a_trip_and_stats(
    server: FakeBotAPI, feeds: FeedServer, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await subscribe(bot, SUBSCRIBERS[0], "Netanyahu")
            server.push_update(
                message_update(
                    "/trip add Netanyahu Germany 2026-12-10 https://news.example/bibi",
                    chat_id=OWNER,
                    user_id=OWNER,
                )
            )
            await bot.wait(lambda s: len(notices(s, SUBSCRIBERS[0])) == 1)
            assert (
                "Germany is obliged to arrest Benjamin Netanyahu"
                in notices(server, SUBSCRIBERS[0])[0]
            )
            server.push_update(
                message_update(
                    "/trip add Putin Mongolia", chat_id=SUBSCRIBERS[1], user_id=SUBSCRIBERS[1]
                )
            )
            server.push_update(message_update("/stats", chat_id=OWNER, user_id=OWNER))
            await bot.wait(
                lambda s: any(
                    "Subscriptions:" in m["text"] for m in s.sent_messages(chat_id=OWNER)
                )
            )
            refusal = await bot.wait(lambda s: s.sent_messages(chat_id=SUBSCRIBERS[1]))
            assert "Only the bot's owners" in refusal[-1]["text"]

    run(scenario())


def test_trips_interrupted_send_is_recorded_never_repeated(
    server: FakeBotAPI, feeds: FeedServer, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def first() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await three_subscribers(bot)
            assert bot.core.notifier is not None and bot.core.trips is not None
            bot.core.notifier.stop.set()  # deliveries stop: simulate a crash mid fan-out
            bot.core.notifier.wake.set()
            await asyncio.sleep(0.3)
            recorded = await bot.core.trips.record(
                "vladimir-putin", "MN", "announced", origin="owner", seen=NOW.date()
            )
            assert recorded.event_id is not None
            await bot.core.notifier.publish(recorded.event_id)
            assert bot.core.outbox is not None
            await bot.core.outbox.claim_rows(
                [(recorded.event_id, SUBSCRIBERS[0], False)]
            )  # in flight

    async def second() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env(feeds)) as bot:
            await bot.wait(lambda s: all(len(notices(s, c)) == 1 for c in SUBSCRIBERS[1:]))
            await settle_deliveries(bot)

    run(first())
    run(second())
    assert notices(server, SUBSCRIBERS[0]) == []  # in doubt: recorded, not sent twice
    assert [len(notices(server, c)) for c in SUBSCRIBERS[1:]] == [1, 1]
    with sqlite3.connect(tmp_path / "warrantwatch.sqlite3") as db:
        states = dict(db.execute("SELECT chat_id, state FROM outbox").fetchall())
    assert states == {SUBSCRIBERS[0]: "failed", SUBSCRIBERS[1]: "sent", SUBSCRIBERS[2]: "sent"}
