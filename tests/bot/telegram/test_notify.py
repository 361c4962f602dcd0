"""The notifier's delivery loop in isolation: claims, pacing and idling (no HTTP, no clock)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
from telegram.error import NetworkError

from bot.store.chats import ChatStore
from bot.store.db import connect
from bot.telegram import notify
from bot.telegram.notify import TICK, Notifier, Outcome, _Pace, _RunState
from bot.trips import registry
from bot.trips.registry import Outbox, Subscriptions, TripRegistry
from knowledge.store import KnowledgeBase

DAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize("returning", [True, False], ids=["update-returning", "row-by-row"])
def test_claim_rows_skips_rows_that_left_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, returning: bool
) -> None:
    monkeypatch.setattr(registry, "CLAIM_RETURNING", returning)

    async def scenario() -> None:
        db = await connect(tmp_path / "db.sqlite3")
        try:
            trips, subs, outbox = TripRegistry(db), Subscriptions(db), Outbox(db)
            for chat in (1, 2, 3):
                await subs.subscribe(chat, "all")
            event = await trips.record(
                "vladimir-putin", "MN", "announced", origin="feed", seen=DAY
            )
            assert event.event_id is not None
            await outbox.fan_out(event.event_id)
            rows = await outbox.due(10, at=0.0)
            assert len(rows) == 3
            # chat 2's row is delivered by someone else between reading and claiming
            await outbox.finish(event.event_id, 2, state="sent")
            claimed = await outbox.claim_rows(rows)
            assert [chat for _, chat, _ in claimed] == [1, 3]
            assert await outbox.counts() == {"sending": 2, "sent": 1}
            assert await outbox.claim_rows(rows) == []
            assert await outbox.attempts(event.event_id, 1) == 1
        finally:
            await db.close()

    asyncio.run(scenario())


class _Clock:
    """``time.monotonic`` and ``asyncio.sleep`` for the notifier module: sleeping advances it,
    and every wake-up comes ``late`` seconds after the timer.
    """

    def __init__(self, late: float) -> None:
        self.now = 1000.0
        self.late = late

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0) + self.late


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock(late=0.005)
    monkeypatch.setattr(notify.time, "monotonic", fake.monotonic)
    monkeypatch.setattr(notify.asyncio, "sleep", fake.sleep)
    return fake


def test_pace_keeps_the_rate_when_every_wake_up_is_late(clock: _Clock) -> None:
    async def scenario() -> None:
        pace = _Pace(rate=1000.0)
        started = clock.now
        for _ in range(500):  # 10,000 messages in batches of one tick (20 at 1,000/s)
            await pace.wait()
            pace.spent(20)
        # 10 s of sending; without credit for lateness each 5 ms late wake-up would be lost
        # (12.5 s); with it the schedule is kept to within a tick
        assert 10.0 - TICK <= clock.now - started <= 10.0 + TICK

    asyncio.run(scenario())


def test_pace_gives_no_credit_for_idle_time(clock: _Clock) -> None:
    async def scenario() -> None:
        pace = _Pace(rate=1000.0)
        await pace.wait()
        pace.spent(20)
        clock.now += 60.0  # a minute with nothing to send
        before = clock.now
        for _ in range(10):
            await pace.wait()
            pace.spent(20)
        # 200 messages after the pause: at most one tick made up, the rest paced
        assert clock.now - before >= 10 * 20 / 1000.0 - 2 * TICK

    asyncio.run(scenario())


class _NoOutbox:
    async def finish_many(self, outcomes: list[Outcome]) -> None:
        raise AssertionError("not used")


def test_idle_returns_at_once_while_outcomes_wait_to_be_recorded(kb: KnowledgeBase) -> None:
    """Deliveries that ended are recorded before the notifier waits for new work: otherwise
    the last batch stays 'sending' until the next wake-up, and a crash then would record
    delivered notices as interrupted.
    """

    async def scenario() -> None:
        dummy: Any = None
        notifier = Notifier(
            bot=dummy,
            kb=kb,
            trips=dummy,
            subscriptions=dummy,
            outbox=_NoOutbox(),  # type: ignore[arg-type]
            chats=None,
        )
        state = _RunState(rate=25.0)
        state.outcomes.append(Outcome(1, 2, "sent"))
        notifier.wake.set()
        await notifier._idle(state)
        assert notifier.wake.is_set(), "went idle (cleared the wake-up) with outcomes unrecorded"
        assert state.outcomes == [Outcome(1, 2, "sent")]

    asyncio.run(scenario())


def test_claim_rows_while_another_task_commits_on_the_connection(tmp_path: Path) -> None:
    """Claims and other writers share one connection: a claim must never leave a statement
    in progress across an await (``cannot commit transaction - SQL statements in progress``).
    """

    async def scenario() -> None:
        db = await connect(tmp_path / "db.sqlite3")
        try:
            trips, outbox, chats = TripRegistry(db), Outbox(db), ChatStore(db)
            await db.executemany(
                "INSERT INTO subscriptions (chat_id, kind, target, silent, active, created_at) "
                "VALUES (?, 'all', '', 0, 1, '2026-11-20T00:00:00+00:00')",
                [(chat,) for chat in range(1, 1001)],
            )
            await db.commit()
            event = await trips.record(
                "vladimir-putin", "MN", "announced", origin="feed", seen=DAY
            )
            assert event.event_id is not None
            await outbox.fan_out(event.event_id)
            done = asyncio.Event()

            async def other_writer() -> int:
                commits = 0
                while not done.is_set():
                    await chats.seen(commits % 50 + 1, "private")
                    commits += 1
                return commits

            writer = asyncio.create_task(other_writer())
            claimed = 0
            try:
                while rows := await outbox.due(20, at=0.0):
                    claimed += len(await outbox.claim_rows(rows))
            finally:
                done.set()
                commits = await writer
            assert claimed == 1000 and commits > 0
            assert await outbox.counts() == {"sending": 1000}
        finally:
            await db.close()

    asyncio.run(scenario())


def test_expire_fails_only_pending_rows_of_events_older_than_the_horizon(tmp_path: Path) -> None:
    async def scenario() -> None:
        db = await connect(tmp_path / "db.sqlite3")
        try:
            trips, subs, outbox = TripRegistry(db), Subscriptions(db), Outbox(db)
            for chat in (1, 2, 3):
                await subs.subscribe(chat, "all")
            old = await trips.record("vladimir-putin", "MN", "announced", origin="feed", seen=DAY)
            new = await trips.record("vladimir-putin", "TJ", "announced", origin="feed", seen=DAY)
            assert old.event_id is not None and new.event_id is not None
            await db.execute(
                "UPDATE trip_events SET at = '2026-11-19T06:00:00+00:00' WHERE id = ?",
                (old.event_id,),
            )
            for event in (old.event_id, new.event_id):
                await outbox.fan_out(event)
            await outbox.claim_rows([(old.event_id, 2, False), (old.event_id, 3, False)])
            # chat 2: tried during an outage, pending again; chat 3: a request in flight
            await outbox.finish(old.event_id, 2, state="pending", error="NetworkError: down")
            cutoff = dt.datetime(2026, 11, 20, 6, tzinfo=dt.UTC).timestamp()
            assert await outbox.expire(cutoff, "gave up after 24 h") == 2
            async with db.execute(
                "SELECT event_id, chat_id, state, error FROM outbox ORDER BY event_id, chat_id"
            ) as cursor:
                rows = [tuple(r) for r in await cursor.fetchall()]
            assert rows == [
                (old.event_id, 1, "failed", "gave up after 24 h: never sent"),
                (old.event_id, 2, "failed", "gave up after 24 h: NetworkError: down"),
                (old.event_id, 3, "sending", ""),
                (new.event_id, 1, "pending", ""),
                (new.event_id, 2, "pending", ""),
                (new.event_id, 3, "pending", ""),
            ]
            assert await outbox.expire(cutoff, "gave up after 24 h") == 0
        finally:
            await db.close()

    asyncio.run(scenario())


def test_finish_many_counts_no_attempt_for_a_try_that_did_not_get_through(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        db = await connect(tmp_path / "db.sqlite3")
        try:
            trips, subs, outbox = TripRegistry(db), Subscriptions(db), Outbox(db)
            await subs.subscribe(1, "all")
            await subs.subscribe(2, "all")
            event = await trips.record(
                "vladimir-putin", "MN", "announced", origin="feed", seen=DAY
            )
            assert event.event_id is not None
            await outbox.fan_out(event.event_id)
            for _ in range(3):
                await outbox.claim(10, at=0.0)
                await outbox.finish_many(
                    [
                        Outcome(event.event_id, 1, "pending", "NetworkError", attempted=False),
                        Outcome(event.event_id, 2, "pending", "NetworkError"),
                    ]
                )
            assert await outbox.attempts(event.event_id, 1) == 0
            assert await outbox.attempts(event.event_id, 2) == 3
        finally:
            await db.close()

    asyncio.run(scenario())


class _ProbedBot:
    """``get_me`` fails (unreachable) ``failures`` times, then answers."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0

    async def get_me(self) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise NetworkError("aiohttp.ClientConnectorError: Connection refused")


class _PausedOutbox:
    async def finish_many(self, outcomes: list[Outcome]) -> None:
        assert outcomes == []

    async def expire(self, created_before: float, reason: str) -> int:
        return 0


def _paused_notifier(bot: _ProbedBot, waits: list[float]) -> Notifier:
    dummy: Any = None
    notifier = Notifier(
        bot=bot,  # type: ignore[arg-type]
        kb=dummy,
        trips=dummy,
        subscriptions=dummy,
        outbox=_PausedOutbox(),  # type: ignore[arg-type]
        chats=None,
        probe_delay=1.0,
        probe_delay_max=30.0,
    )

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    notifier._sleep = sleep  # type: ignore[method-assign]
    return notifier


def test_pause_probes_at_once_then_backs_off_to_the_cap(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.telegram.notify")
    waits: list[float] = []
    bot = _ProbedBot(failures=8)
    notifier = _paused_notifier(bot, waits)
    state = _RunState(rate=25.0)
    state.unreachable = "NetworkError: aiohttp.ClientConnectorError: Connection refused"
    asyncio.run(notifier._pause(state))
    assert bot.calls == 9 and state.unreachable is None
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    levels = [r.levelno for r in caplog.records]
    assert levels == [logging.WARNING, logging.INFO]
    assert "paused" in caplog.records[0].getMessage()
    assert "resumed" in caplog.records[1].getMessage()


def test_a_lone_failure_whose_probe_is_answered_neither_waits_nor_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.telegram.notify")
    waits: list[float] = []
    bot = _ProbedBot(failures=0)
    notifier = _paused_notifier(bot, waits)
    state = _RunState(rate=25.0)
    state.unreachable = "NetworkError: Bad Gateway"
    asyncio.run(notifier._pause(state))
    assert bot.calls == 1 and waits == [] and caplog.records == []
    assert state.unreachable is None


def test_stop_ends_a_pause() -> None:
    async def scenario() -> None:
        dummy: Any = None
        notifier = Notifier(
            bot=_ProbedBot(failures=1_000_000),  # type: ignore[arg-type]
            kb=dummy,
            trips=dummy,
            subscriptions=dummy,
            outbox=_PausedOutbox(),  # type: ignore[arg-type]
            chats=None,
            probe_delay=30.0,
            probe_delay_max=30.0,
        )
        state = _RunState(rate=25.0)
        state.unreachable = "NetworkError: down"
        pause = asyncio.create_task(notifier._pause(state))
        await asyncio.sleep(0)
        notifier.stop.set()
        await asyncio.wait_for(pause, timeout=5.0)  # not after the 30 s between probes

    asyncio.run(scenario())
