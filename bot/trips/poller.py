"""Poll trip feeds on a schedule: fetch politely, extract trips, record them, publish events."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiosqlite
import httpx

from bot.trips.extract import extract_trip
from bot.trips.feeds import FeedError, FeedState, fetch_feed, record_error
from bot.trips.registry import TripRegistry
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline

log = logging.getLogger(__name__)


class FeedStates:
    """Repository over ``feed_state`` (conditional-GET validators and health)."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def get(self, url: str) -> FeedState:
        async with self.db.execute(
            "SELECT etag, last_modified, last_success, last_error FROM feed_state WHERE url = ?",
            (url,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return FeedState(url=url)
        success = dt.datetime.fromisoformat(row[2]) if row[2] else None
        return FeedState(
            url=url, etag=row[0], last_modified=row[1], last_success=success, last_error=row[3]
        )

    async def put(self, state: FeedState) -> None:
        await self.db.execute(
            "INSERT INTO feed_state (url, etag, last_modified, last_success, last_error) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, last_success = excluded.last_success, "
            "last_error = excluded.last_error",
            (
                state.url,
                state.etag,
                state.last_modified,
                state.last_success.isoformat() if state.last_success else None,
                state.last_error,
            ),
        )
        await self.db.commit()

    async def all(self) -> list[FeedState]:
        async with self.db.execute("SELECT url FROM feed_state ORDER BY url") as cursor:
            urls = [str(r[0]) for r in await cursor.fetchall()]
        return [await self.get(url) for url in urls]


@dataclass
class FeedPoller:
    """Every ``interval`` seconds, each feed once; new trips and status changes are published."""

    urls: tuple[str, ...]
    interval: float
    kb: KnowledgeBase
    pipeline: Pipeline
    registry: TripRegistry
    states: FeedStates
    publish: Callable[[int | None], Awaitable[None]]
    client: httpx.AsyncClient
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def poll_once(self, now: dt.datetime) -> int:
        """Fetch every feed once; returns how many trip events were published."""
        published = 0
        for url in self.urls:
            state = await self.states.get(url)
            try:
                items, state = await fetch_feed(self.client, state, now=now)
            except FeedError as error:
                log.warning("feed %s: %s", url, error)
                await self.states.put(record_error(state, str(error), now))
                continue
            await self.states.put(state)
            for item in items:
                seen = (item.published or now).date()
                report = extract_trip(
                    item.title, item.summary, self.kb, self.pipeline, published=seen
                )
                if report is None:
                    continue
                recorded = await self.registry.record(
                    report.person,
                    report.host,
                    report.status,
                    start=report.start,
                    finish=report.end,
                    origin="feed",
                    url=item.link or url,
                    title=item.title,
                    seen=seen,
                )
                if recorded.event_id is not None:
                    await self.publish(recorded.event_id)
                    published += 1
        return published

    async def run(self) -> None:
        while not self.stop.is_set():
            try:
                await self.poll_once(dt.datetime.now(dt.UTC))
            except Exception:  # a bug in one round must not end polling
                log.exception("feed polling round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), timeout=self.interval)
