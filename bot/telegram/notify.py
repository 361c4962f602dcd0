"""Trip notifications: drain the outbox at a global rate, with retries that never duplicate.

Each outbox row is claimed ('sending', committed) before its request and finished right after;
see ``bot.trips.registry`` for the delivery guarantee.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.answers import answer
from bot.format import day, with_article
from bot.render import TELEGRAM_LIMIT, render_html
from bot.store.chats import ChatStore
from bot.telegram.send import retry_seconds
from bot.trips.registry import Outbox, Subscriptions, TripRegistry, TripRow
from knowledge.store import KnowledgeBase
from nlp.query import Mention, Query

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BASE_BACKOFF = 2.0
STATUS_TEXT = {
    "announced": "is due to visit",
    "under_way": "is visiting",
    "completed": "has visited",
    "cancelled": "has cancelled a trip to",
    "skipped": "is skipping a trip to",
}


def trip_notice(
    trip: TripRow, sources: list[tuple[str, str]], kb: KnowledgeBase, today: dt.date
) -> str:
    """The notification: what happened, then the same assessment as any answer."""
    person = kb.people[trip.person]
    host = with_article(kb.state_name(trip.host))
    when = f" ({day(trip.start)})" if trip.start else ""
    links = " ".join(
        f'<a href="{html.escape(url, quote=True)}">[{index}]</a>'
        for index, (url, _title) in enumerate(sources[:3], 1)
    )
    header = (
        f"✈️ <b>{html.escape(person.name)} {STATUS_TEXT[trip.status]} "
        f"{html.escape(host)}{html.escape(when)}</b>" + (f"\nReported by {links}" if links else "")
    )
    query = Query(
        text=f"{person.name} {kb.state_name(trip.host)}",
        intent="arrest_risk",
        people=(Mention(id=trip.person, text=person.name),),
        countries=(Mention(id=trip.host, text=kb.state_name(trip.host)),),
        is_question=True,
        confidence=1.0,
    )
    result = answer(query, kb, on=trip.start if trip.start and trip.start > today else today)
    text = f"{header}\n\n{render_html(result)}"
    if len(text) > TELEGRAM_LIMIT:  # never cut HTML mid-tag: fall back to the headline
        text = f"{header}\n\n<b>{html.escape(result.headline)}</b>"
    return text


@dataclass
class Notifier:
    """Fans out new trip events and delivers the outbox, one global rate for all chats."""

    bot: Bot
    kb: KnowledgeBase
    trips: TripRegistry
    subscriptions: Subscriptions
    outbox: Outbox
    chats: ChatStore | None
    rate: float = 25.0
    today: Callable[[], dt.date] = dt.date.today
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    async def start_up(self) -> None:
        """After a crash: record interrupted sends, and fan out what was not fanned out."""
        interrupted = await self.outbox.recover()
        if interrupted:
            log.warning(
                "%d notification(s) were interrupted mid-send; recorded as failed", interrupted
            )
        for event_id in await self.outbox.unfanned_events():
            await self.outbox.fan_out(event_id)

    async def publish(self, event_id: int | None) -> None:
        """Queue an event for its subscribers and wake the sender."""
        if event_id is not None:
            await self.outbox.fan_out(event_id)
            self.wake.set()

    async def run(self) -> None:
        """Deliver until ``stop`` is set, at most ``rate`` messages per second."""
        interval = 1.0 / self.rate
        notices: dict[int, str] = {}
        while not self.stop.is_set():
            batch = await self.outbox.due(50, at=time.time())
            if not batch:
                self.wake.clear()
                notices.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), timeout=1.0)
                continue
            for event_id, chat_id, silent in batch:
                if self.stop.is_set():
                    break
                started = time.time()
                if not await self.outbox.mark_sending(event_id, chat_id):
                    continue
                text = notices.get(event_id)
                if text is None:
                    text = await self._notice(event_id)
                    notices[event_id] = text
                await self._deliver(event_id, chat_id, silent, text)
                await asyncio.sleep(max(0.0, interval - (time.time() - started)))

    async def _notice(self, event_id: int) -> str:
        async with self.trips.db.execute(
            "SELECT trip_id FROM trip_events WHERE id = ?", (event_id,)
        ) as cursor:
            row = await cursor.fetchone()
        trip = await self.trips.get(int(row[0])) if row else None
        if trip is None:
            return "Trip update."
        return trip_notice(trip, await self.trips.sources(trip.id), self.kb, self.today())

    async def _deliver(self, event_id: int, chat_id: int, silent: bool, text: str) -> None:
        attempts = await self.outbox.attempts(event_id, chat_id)
        try:
            await self.bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML,
                disable_notification=silent,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except RetryAfter as error:
            await self._retry(
                event_id,
                chat_id,
                f"RetryAfter {retry_seconds(error):.0f}s",
                retry_seconds(error),
                attempts,
            )
            return
        except Forbidden as error:
            await self.subscriptions.set_active(chat_id, False)
            if self.chats is not None:
                await self.chats.deactivate(chat_id, str(error))
            await self.outbox.finish(
                event_id, chat_id, state="failed", error=f"Forbidden: {error.message}"
            )
            return
        except ChatMigrated as error:
            await self.subscriptions.migrate(chat_id, error.new_chat_id)
            await self.outbox.finish(
                event_id, chat_id, state="failed", error=f"chat migrated to {error.new_chat_id}"
            )
            await self.outbox.fan_out(event_id)  # queues the new chat id once
            return
        except BadRequest as error:
            await self.outbox.finish(
                event_id, chat_id, state="failed", error=f"BadRequest: {error.message}"
            )
            return
        except NetworkError as error:
            await self._retry(
                event_id,
                chat_id,
                f"{type(error).__name__}: {error.message}",
                BASE_BACKOFF * 2 ** (attempts - 1),
                attempts,
            )
            return
        await self.outbox.finish(event_id, chat_id, state="sent")

    async def _retry(
        self, event_id: int, chat_id: int, error: str, wait: float, attempts: int
    ) -> None:
        if attempts >= MAX_ATTEMPTS:
            await self.outbox.finish(
                event_id,
                chat_id,
                state="failed",
                error=f"gave up after {attempts} attempts: {error}",
            )
            return
        await self.outbox.finish(
            event_id, chat_id, state="pending", error=error, not_before=time.time() + wait
        )
