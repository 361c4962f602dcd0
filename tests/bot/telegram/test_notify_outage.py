"""The notifier through a Bot API outage: the real Notifier, an ExtBot over the production
transport (aiohttp) and the fake Bot API on 127.0.0.1, 30 subscribers.

Time is shrunk, not faked: the old back-off (five tries, 2 s doubling) is scaled by
``BASE_BACKOFF`` and the probes by the constructor, so an outage of 1 s outlasts what the old
code spent before giving up (0.3 s at this scale), as 45 s outlasted its 30 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from telegram.error import NetworkError
from telegram.ext import AIORateLimiter, ExtBot

from bot.store.chats import ChatStore
from bot.store.db import connect
from bot.telegram import notify
from bot.telegram.http import AiohttpRequest
from bot.telegram.notify import Notifier
from bot.trips.registry import Outbox, Subscriptions, TripRegistry
from knowledge.store import KnowledgeBase
from tests.conftest import TODAY
from tests.fakes.bot_api import FakeBotAPI

TOKEN = "4242:TEST-TOKEN-never-logged"
SECRET = TOKEN.partition(":")[2]
CHATS = tuple(range(3001, 3031))
OUTAGE = 1.0
"""Seconds the fake is down: three times what the old back-off lasted at this scale."""


class CountingRequest(AiohttpRequest):
    """The production transport, counting the sendMessage requests that failed in transit."""

    def __init__(self) -> None:
        super().__init__(connection_pool_size=16, trust_env=False)
        self.transit_failures = 0

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        try:
            return await super().do_request(url, method, *args, **kwargs)
        except NetworkError:
            if url.endswith("/sendMessage"):
                self.transit_failures += 1
            raise


@dataclass
class World:
    server: FakeBotAPI
    db: aiosqlite.Connection
    notifier: Notifier
    request: CountingRequest

    async def rows(self) -> dict[int, tuple[str, int, str]]:
        """chat id -> (state, attempts, error) of every outbox row."""
        async with self.db.execute("SELECT chat_id, state, attempts, error FROM outbox") as c:
            return {int(r[0]): (str(r[1]), int(r[2]), str(r[3])) for r in await c.fetchall()}

    async def until_settled(self, timeout: float = 15.0) -> dict[int, tuple[str, int, str]]:
        """The rows once every one is sent or failed (TimeoutError after ``timeout``)."""
        rows: dict[int, tuple[str, int, str]] = await until(
            self._settled, timeout, "every row sent or failed"
        )
        return rows

    async def _settled(self) -> dict[int, tuple[str, int, str]] | None:
        rows = await self.rows()
        done = len(rows) == len(CHATS) and all(
            s in ("sent", "failed") for s, _, _ in rows.values()
        )
        return rows if done else None

    def notices(self, chat_id: int) -> int:
        return len(self.server.sent_messages(chat_id=chat_id))


async def until(check: Callable[[], Awaitable[Any]], timeout: float, what: str) -> Any:
    """Poll ``check`` until it returns something truthy; TimeoutError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not (value := await check()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)
    return value


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake
        assert fake.errors == []


@pytest.fixture(autouse=True)
def _scaled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "BASE_BACKOFF", 0.02)  # the old back-off: 0.3 s in all
    monkeypatch.setattr(notify, "PRIVATE_GAP", 0.02)  # retries to one chat need not wait 1 s


@contextlib.asynccontextmanager
async def delivering(
    server: FakeBotAPI,
    tmp_path: Path,
    kb: KnowledgeBase,
    *,
    setup: Callable[[FakeBotAPI], None] = lambda _: None,
    **options: Any,
) -> AsyncIterator[World]:
    """30 subscribers, the notifier running, and one trip event published to them; ``setup``
    runs once the bot is initialized, before the notifier starts. ``options`` go to the
    Notifier.
    """
    db = await connect(tmp_path / "db.sqlite3")
    request = CountingRequest()
    bot = ExtBot(
        TOKEN,
        base_url=server.base_url,
        request=request,
        get_updates_request=AiohttpRequest(trust_env=False),
        rate_limiter=AIORateLimiter(overall_max_rate=1000, max_retries=3),
    )
    trips, subscriptions = TripRegistry(db), Subscriptions(db)
    notifier = Notifier(
        bot=bot,
        kb=kb,
        trips=trips,
        subscriptions=subscriptions,
        outbox=Outbox(db),
        chats=ChatStore(db),
        today=lambda: TODAY,
        **({"rate": 40.0, "probe_delay": 0.05, "probe_delay_max": 0.2} | options),
    )
    try:
        await bot.initialize()  # one getMe, as the application's start does
        for chat_id in CHATS:
            await subscriptions.subscribe(chat_id, "all")
        setup(server)
        task = asyncio.create_task(notifier.run())
        try:
            recorded = await trips.record(
                "vladimir-putin", "MN", "announced", origin="owner", seen=TODAY
            )
            await notifier.publish(recorded.event_id)
            yield World(server, db, notifier, request)
        finally:
            notifier.stop.set()
            notifier.wake.set()
            await asyncio.wait_for(task, timeout=15)
    finally:
        await bot.shutdown()
        await db.close()


def notify_logs(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "bot.telegram.notify" and r.levelno == level
    ]


def test_an_outage_longer_than_the_old_back_off_loses_no_notice(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    async def scenario() -> None:
        async with delivering(server, tmp_path, kb, rate=20.0) as world:
            await server.wait_for_async(lambda s: len(s.sent_messages()) >= 5)
            await asyncio.to_thread(server.go_down)  # mid fan-out: most notices still queued
            await until(
                lambda: _any_network_error(world), 5.0, "a delivery that failed in transit"
            )
            await asyncio.sleep(OUTAGE)  # the outage itself, not a wait for something
            during = world.request.transit_failures
            getme_before = len(server.calls("getMe"))
            await asyncio.to_thread(server.come_up)
            rows = await world.until_settled()
            assert {state for state, _, _ in rows.values()} == {"sent"}
            assert [world.notices(chat) for chat in CHATS] == [1] * len(CHATS)
            # a failure in transit is not an attempt: each row counts its one delivery
            assert {attempts for _, attempts, _ in rows.values()} == {1}
            # paused: only the requests in flight when it went down were tried meanwhile
            assert 1 <= during <= 4, during
            assert len(server.calls("getMe")) > getme_before  # resumed after a probe answered

    asyncio.run(scenario())
    paused, resumed = notify_logs(caplog, logging.WARNING), notify_logs(caplog, logging.INFO)
    assert len(paused) == 1 and "paused" in paused[0], paused
    assert len(resumed) == 1 and "resumed" in resumed[0], resumed
    assert SECRET not in caplog.text


async def _any_network_error(world: World) -> bool:
    rows = await world.rows()
    return any("NetworkError" in error for _, _, error in rows.values())


def test_5xx_answers_use_up_no_attempts(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    def faults(fake: FakeBotAPI) -> None:
        fake.fail_next("sendMessage", 502, times=5, chat_id=CHATS[3])  # old: gave up at the 5th
        fake.fail_next("sendMessage", 500, times=5, chat_id=CHATS[7])
        fake.fail_next("getMe", 502, times=2)  # the first probes find the whole API failing

    async def scenario() -> None:
        async with delivering(server, tmp_path, kb, setup=faults) as world:
            rows = await world.until_settled()
            assert {state for state, _, _ in rows.values()} == {"sent"}
            assert [world.notices(chat) for chat in CHATS] == [1] * len(CHATS)
            assert {attempts for _, attempts, _ in rows.values()} == {1}
            failed = [c for c in server.calls("sendMessage") if not c.ok]
            assert len(failed) == 10

    asyncio.run(scenario())
    # one real pause (getMe failing too); a lone 5xx whose probe is answered logs nothing
    assert len(notify_logs(caplog, logging.WARNING)) == 1
    assert len(notify_logs(caplog, logging.INFO)) == 1


def test_403_and_chat_not_found_are_permanent_at_once(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase
) -> None:
    server.fail_next(
        "sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=CHATS[0]
    )
    server.fail_next("sendMessage", 400, "Bad Request: chat not found", chat_id=CHATS[1])

    async def scenario() -> None:
        async with delivering(server, tmp_path, kb) as world:
            getme = len(server.calls("getMe"))
            rows = await world.until_settled()
            assert rows[CHATS[0]][:2] == rows[CHATS[1]][:2] == ("failed", 1)
            assert "bot was blocked by the user" in rows[CHATS[0]][2]
            assert rows[CHATS[1]][2] == "BadRequest: Chat not found"
            assert all(rows[chat][0] == "sent" for chat in CHATS[2:])
            assert len(server.calls("sendMessage")) == len(CHATS)  # none tried twice
            assert len(server.calls("getMe")) == getme  # no pause, no probe
            subscriptions = await world.notifier.subscriptions.of_chat(CHATS[0])
            assert subscriptions == [("all", "", False, False)]

    asyncio.run(scenario())


def test_notices_still_unsent_after_the_horizon_fail_with_that_reason(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase
) -> None:
    async def scenario() -> None:
        async with delivering(
            server, tmp_path, kb, setup=FakeBotAPI.go_down, give_up_after=2.0
        ) as world:
            started = time.monotonic()
            rows = await world.until_settled()
            assert time.monotonic() - started < 5.0
            assert {state for state, _, _ in rows.values()} == {"failed"}
            errors = [error for _, _, error in rows.values()]
            assert all(e.startswith("gave up after 2 s: ") for e in errors), errors
            # the one tried says why it failed; the rest were never claimed while paused
            assert any("NetworkError" in e for e in errors), errors
            assert any(e.endswith("never sent") for e in errors), errors
        assert server.sent_messages() == []

    asyncio.run(scenario())
