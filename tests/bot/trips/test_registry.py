"""Trip registry, subscriptions and outbox: merging, fan-out once, and crash recovery."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from bot.store.db import connect
from bot.trips.registry import Outbox, Subscriptions, TripRegistry
from knowledge.store import KnowledgeBase

T = TypeVar("T")
DAY = dt.date(2026, 11, 20)


def with_db(
    tmp_path: Path, body: Callable[[TripRegistry, Subscriptions, Outbox], Awaitable[T]]
) -> T:
    async def scenario() -> T:
        db = await connect(tmp_path / "db.sqlite3")
        try:
            return await body(TripRegistry(db), Subscriptions(db), Outbox(db))
        finally:
            await db.close()

    return asyncio.run(scenario())


def test_registry_same_trip_from_two_feeds_is_merged(tmp_path: Path) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> None:
        first = await trips.record(
            "vladimir-putin",
            "MN",
            "announced",
            origin="feed",
            url="https://a.example/1",
            title="A",
            seen=DAY,
        )
        second = await trips.record(
            "vladimir-putin",
            "MN",
            "announced",
            origin="feed",
            url="https://b.example/9",
            title="B",
            seen=DAY + dt.timedelta(days=2),
        )
        assert first.created and first.event_id is not None
        assert not second.created and second.event_id is None
        assert second.trip_id == first.trip_id
        assert len(await trips.sources(first.trip_id)) == 2

    with_db(tmp_path, body)


def test_registry_status_changes_make_events_only_forward(tmp_path: Path) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> None:
        new = await trips.record("vladimir-putin", "TJ", "announced", origin="feed", seen=DAY)
        landed = await trips.record("vladimir-putin", "TJ", "under_way", origin="feed", seen=DAY)
        stale = await trips.record("vladimir-putin", "TJ", "announced", origin="feed", seen=DAY)
        assert landed.event_id is not None and stale.event_id is None
        trip = await trips.get(new.trip_id)
        assert trip is not None and trip.status == "under_way"
        assert await trips.set_status(new.trip_id, "completed") is not None
        assert await trips.set_status(new.trip_id, "completed") is None

    with_db(tmp_path, body)


def test_registry_far_apart_reports_are_separate_trips(tmp_path: Path) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> None:
        a = await trips.record(
            "vladimir-putin",
            "KG",
            "completed",
            origin="feed",
            start=dt.date(2023, 10, 12),
            seen=DAY,
        )
        b = await trips.record(
            "vladimir-putin",
            "KG",
            "announced",
            origin="feed",
            start=dt.date(2025, 11, 25),
            seen=DAY,
        )
        assert a.trip_id != b.trip_id and b.created

    with_db(tmp_path, body)


def test_registry_seeds_history_once(tmp_path: Path, kb: KnowledgeBase) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> tuple[int, int]:
        return await trips.seed_from_knowledge(kb), await trips.seed_from_knowledge(kb)

    first, second = with_db(tmp_path, body)
    assert first == len(kb.trips) and second == 0


def test_outbox_fans_out_once_to_matching_active_chats(tmp_path: Path) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> None:
        await subs.subscribe(1, "person", "vladimir-putin")
        await subs.subscribe(1, "all")  # same chat twice: still one message
        await subs.subscribe(2, "country", "MN", silent=True)
        await subs.subscribe(3, "person", "benjamin-netanyahu")
        await subs.subscribe(4, "all")
        await subs.set_active(4, False)  # blocked the bot
        event = await trips.record("vladimir-putin", "MN", "announced", origin="feed", seen=DAY)
        assert event.event_id is not None
        assert await outbox.fan_out(event.event_id) == 2
        assert await outbox.fan_out(event.event_id) == 0  # a second fan-out adds nothing
        claimed = await outbox.claim(10, at=0.0)
        assert sorted(claimed) == [(event.event_id, 1, False), (event.event_id, 2, True)]
        assert await outbox.claim(10, at=0.0) == []

    with_db(tmp_path, body)


def test_outbox_crash_mid_send_is_recorded_not_resent(tmp_path: Path) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> None:
        for chat in range(1, 6):
            await subs.subscribe(chat, "all")
        event = await trips.record("vladimir-putin", "MN", "announced", origin="feed", seen=DAY)
        assert event.event_id is not None
        await outbox.fan_out(event.event_id)
        claimed = await outbox.claim(2, at=0.0)
        await outbox.finish(claimed[0][0], claimed[0][1], state="sent")
        # crash here: claimed[1] was 'sending'
        assert await outbox.recover() == 1
        rest = await outbox.claim(10, at=0.0)
        assert len(rest) == 3 and claimed[1] not in rest
        counts = await outbox.counts()
        assert counts == {"sent": 1, "failed": 1, "sending": 3}
        assert await outbox.in_doubt() == 1

    with_db(tmp_path, body)


def test_outbox_retry_waits_until_due(tmp_path: Path) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> None:
        await subs.subscribe(7, "all")
        event = await trips.record("vladimir-putin", "MN", "announced", origin="feed", seen=DAY)
        assert event.event_id is not None
        await outbox.fan_out(event.event_id)
        ((event_id, chat, _),) = await outbox.claim(5, at=0.0)
        await outbox.finish(event_id, chat, state="pending", error="TimedOut", not_before=100.0)
        assert await outbox.claim(5, at=50.0) == []
        assert len(await outbox.claim(5, at=150.0)) == 1
        assert await outbox.attempts(event_id, chat) == 2

    with_db(tmp_path, body)


def test_subscriptions_move_with_a_migrated_group(tmp_path: Path) -> None:
    async def body(trips: TripRegistry, subs: Subscriptions, outbox: Outbox) -> None:
        await subs.subscribe(-5, "country", "HU")
        await subs.migrate(-5, -1005)
        assert await subs.of_chat(-5) == []
        assert await subs.of_chat(-1005) == [("country", "HU", False, True)]
        assert await subs.unsubscribe(-1005) == 1

    with_db(tmp_path, body)
