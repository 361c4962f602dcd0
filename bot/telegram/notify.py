"""Trip notifications: drain the outbox at a global rate, with retries that never duplicate.

Each outbox row is claimed ('sending', committed) before its request and finished right after;
see ``bot.trips.registry`` for the delivery guarantee.

An outage costs no notice: a request that did not get through (connection error, timeout, 5xx)
or was told to wait (RetryAfter) goes back to pending without counting as an attempt, and after
a network failure nothing more is claimed until the Bot API answers ``getMe`` again (probed at
once, then with capped exponential backoff). A notice fails for good only on a permanent error
(blocked, chat not found, ...) or when it is still unsent ``give_up_after`` seconds after its
event.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.answers import answer
from bot.format import day, link_html, safe_link, with_article
from bot.render import TELEGRAM_LIMIT, render_html
from bot.store.chats import ChatStore
from bot.telegram.send import retry_seconds, send_html
from bot.trips.registry import Outbox, Outcome, Subscriptions, TripRegistry, TripRow
from knowledge.store import KnowledgeBase
from nlp.query import Mention, Query

log = logging.getLogger(__name__)

BASE_BACKOFF = 2.0
"""Seconds before a notice whose request failed in transit is tried again; doubles per failure."""
MAX_BACKOFF = 600.0
"""At most this long between tries of one notice (one the API keeps failing while it answers
``getMe``)."""
EXPIRY_INTERVAL = 60.0
"""Seconds between looks for notices past the horizon (at most 1/20 of the horizon)."""
STATUS_TEXT = {
    "announced": "is due to visit",
    "under_way": "is visiting",
    "completed": "has visited",
    "cancelled": "has cancelled a trip to",
    "skipped": "is skipping a trip to",
    "postponed": "has postponed a trip to",
}


def trip_notice(
    trip: TripRow, sources: list[tuple[str, str]], kb: KnowledgeBase, today: dt.date
) -> str:
    """The notification: what happened, then the same assessment as any answer."""
    person = kb.people[trip.person]
    host = with_article(kb.state_name(trip.host))
    when = f" ({day(trip.start)})" if trip.start else ""
    safe = [url for url, _title in sources if safe_link(url)]  # feeds' links: http(s) only
    links = " ".join(link_html(url, f"[{index}]") for index, url in enumerate(safe[:3], 1))
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
    max_in_flight: int = 64
    give_up_after: float = 24 * 3600.0
    """Seconds after its event a notice still unsent is recorded as failed."""
    probe_delay: float = 1.0
    """Seconds between the first ``getMe`` probes while the Bot API is unreachable; doubles."""
    probe_delay_max: float = 30.0
    today: Callable[[], dt.date] = dt.date.today
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        if self.give_up_after <= 0 or self.probe_delay <= 0:
            raise ValueError("give_up_after and probe_delay must be positive")
        if self.probe_delay_max < self.probe_delay:
            raise ValueError("probe_delay_max must be at least probe_delay")

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
        """Deliver until ``stop`` is set.

        At most ``rate`` messages per second overall, up to ``max_in_flight`` requests at once,
        never two at once to one chat, and at most one per second per private chat (one per
        three seconds per group, Telegram's 20 a minute). Rows are claimed in small batches
        just before they are sent; outcomes are recorded in batches. After a network failure
        nothing is claimed until the Bot API answers again (see ``_pause``).
        """
        state = _RunState(self.rate)
        try:
            while not self.stop.is_set():
                await self.outbox.finish_many(state.take_outcomes())
                await self._expire(state)
                if state.unreachable is not None:
                    await self._pause(state)
                elif not await self._send_some(state):
                    await self._idle(state)
        finally:
            if state.in_flight:
                await asyncio.wait(set(state.in_flight))
            await self.outbox.finish_many(state.take_outcomes())

    async def _send_some(self, state: _RunState) -> bool:
        """Claim and start one batch; False when there was nothing to start."""
        room = self.max_in_flight - len(state.in_flight)
        if room <= 0:
            await asyncio.wait(set(state.in_flight), return_when=asyncio.FIRST_COMPLETED)
            return True
        size = min(room, max(1, round(self.rate * TICK)))
        await state.pace.wait()
        state.candidates = await self.outbox.due(size * 4, at=time.time())
        chosen = state.choose(state.candidates, size)
        if not chosen:
            return False
        for event_id, _, _ in chosen:
            if event_id not in state.notices:
                state.notices[event_id] = await self._notice(event_id)
        if state.unreachable is not None:  # a request failed meanwhile: claim nothing more
            return True
        # claimed, then all started at once: a kill leaves only requests in flight in doubt
        claimed = await self.outbox.claim_rows(chosen)
        for event_id, chat_id, silent in claimed:
            notice = state.notices[event_id]
            state.start(chat_id, self._deliver(state, event_id, chat_id, silent, notice))
        state.pace.spent(len(claimed))
        return True

    async def _idle(self, state: _RunState) -> None:
        if state.outcomes:  # deliveries that ended since: recorded first, not after a wait
            return
        if state.in_flight:
            await asyncio.wait(
                set(state.in_flight), timeout=TICK, return_when=asyncio.FIRST_COMPLETED
            )
        elif state.candidates:  # due, but every chat is within its per-chat interval
            await asyncio.sleep(TICK)
        else:
            self.wake.clear()
            state.notices.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=1.0)

    async def _pause(self, state: _RunState) -> None:
        """Claim nothing until the Bot API answers ``getMe`` (or ``stop``).

        The requests in flight end first (each within its timeouts) and are recorded. The probe
        comes at once, so a lone failure (one 502) costs a round trip; while it keeps failing,
        the notifier is paused (one warning) and probes every ``probe_delay`` seconds, doubling
        up to ``probe_delay_max``, until one succeeds (one info).
        """
        await self._drain(state)
        cause = state.unreachable
        started = time.monotonic()
        delay = self.probe_delay
        paused = False
        while not self.stop.is_set():
            await self._expire(state)
            failure = await self._probe()
            if failure is None:
                break
            if not paused:
                paused = True
                log.warning(
                    "Bot API unreachable (%s; getMe: %s): trip notifications paused",
                    cause,
                    failure,
                )
            await self._sleep(delay)
            delay = min(delay * 2, self.probe_delay_max)
        state.unreachable = None
        if paused and not self.stop.is_set():
            log.info(
                "Bot API reachable again after %.0f s: trip notifications resumed",
                time.monotonic() - started,
            )

    async def _drain(self, state: _RunState) -> None:
        """Wait for every request in flight and record how each ended."""
        if state.in_flight:
            await asyncio.wait(set(state.in_flight))
        await self.outbox.finish_many(state.take_outcomes())

    async def _probe(self) -> str | None:
        """None when the Bot API answers ``getMe`` (any answer), else what went wrong."""
        try:
            await self.bot.get_me()
        except BadRequest:  # an answer, though a NetworkError subclass
            return None
        except NetworkError as error:  # includes TimedOut and 5xx
            return _summary(error)
        except TelegramError:  # RetryAfter, Unauthorized, ...: it answered
            return None
        except Exception as error:  # never a dead notifier: keep probing
            log.debug("getMe probe failed", exc_info=True)
            return type(error).__name__
        return None

    async def _sleep(self, seconds: float) -> None:
        """``seconds``, or less if ``stop`` is set meanwhile."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop.wait(), timeout=seconds)

    async def _expire(self, state: _RunState) -> None:
        """Now and then: notices still unsent ``give_up_after`` after their event fail."""
        moment = time.monotonic()
        if moment < state.next_expiry:
            return
        state.next_expiry = moment + min(EXPIRY_INTERVAL, self.give_up_after / 20)
        horizon = _span(self.give_up_after)
        expired = await self.outbox.expire(
            time.time() - self.give_up_after, f"gave up after {horizon}"
        )
        if expired:
            log.warning(
                "%d notification(s) not sent within %s: recorded as failed", expired, horizon
            )

    async def _notice(self, event_id: int) -> str:
        async with self.trips.db.execute(
            "SELECT trip_id FROM trip_events WHERE id = ?", (event_id,)
        ) as cursor:
            row = await cursor.fetchone()
        trip = await self.trips.get(int(row[0])) if row else None
        if trip is None:
            return "Trip update."
        return trip_notice(trip, await self.trips.sources(trip.id), self.kb, self.today())

    async def _deliver(
        self, state: _RunState, event_id: int, chat_id: int, silent: bool, text: str
    ) -> Outcome:
        """One request; permanent errors fail the notice, transient ones reschedule it."""
        try:
            await send_html(self.bot, chat_id, text, silent=silent, priority="low")
        except RetryAfter as error:
            wait = retry_seconds(error)
            return Outcome(
                event_id,
                chat_id,
                "pending",
                f"RetryAfter {wait:.0f}s",
                not_before=time.time() + wait,
                attempted=False,
            )
        except Forbidden as error:
            await self.subscriptions.set_active(chat_id, False)
            if self.chats is not None:
                await self.chats.deactivate(chat_id, str(error))
            return Outcome(event_id, chat_id, "failed", f"Forbidden: {error.message}")
        except ChatMigrated as error:
            await self.subscriptions.migrate(chat_id, error.new_chat_id)
            await self.outbox.fan_out(event_id)  # queues the new chat id once
            return Outcome(event_id, chat_id, "failed", f"chat migrated to {error.new_chat_id}")
        except BadRequest as error:
            return Outcome(event_id, chat_id, "failed", f"BadRequest: {error.message}")
        except NetworkError as error:  # TimedOut, connection errors, 5xx: not the notice's
            return _unreached(state, event_id, chat_id, error)
        except Exception as error:  # recorded, never lost in a dead task
            log.exception("sending trip event %s to chat %s failed", event_id, chat_id)
            return Outcome(event_id, chat_id, "failed", f"{type(error).__name__}: {error}")
        return Outcome(event_id, chat_id, "sent")


def _unreached(state: _RunState, event_id: int, chat_id: int, error: NetworkError) -> Outcome:
    """Pending again, the try not counted, after a backoff of its own (for a request the API
    keeps failing while it answers ``getMe``); the loop claims nothing until the API answers.
    """
    reason = _summary(error)
    if state.unreachable is None:
        state.unreachable = reason
    failures = state.failures[event_id, chat_id] = state.failures.get((event_id, chat_id), 0) + 1
    delay = min(BASE_BACKOFF * 2 ** (failures - 1), MAX_BACKOFF)
    return Outcome(
        event_id, chat_id, "pending", reason, not_before=time.time() + delay, attempted=False
    )


def _summary(error: TelegramError) -> str:
    return f"{type(error).__name__}: {error.message}"[:200]


def _span(seconds: float) -> str:
    """A horizon as people say it: '24 h', '1.5 h', '90 s'."""
    if seconds >= 3600:
        return f"{seconds / 3600:g} h"
    return f"{seconds:g} s"


TICK = 0.02
"""Seconds of sending claimed at once: at 25 messages/s one row, at 1,000/s twenty."""
PRIVATE_GAP = 1.0
GROUP_GAP = 3.0


class _Pace:
    """``rate`` messages per second on average, sent in batches of about one tick.

    A token bucket one tick deep: a batch that starts late (the event loop wakes a millisecond
    or more after a timer, later when busy) may make up at most one tick of lateness, so the
    rate is kept instead of losing each wake-up's delay; longer idle time earns no credit, so
    no burst follows a pause. Over any period, at most one tick's worth more than ``rate``
    allows is sent.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.next_at = time.monotonic()

    async def wait(self) -> None:
        """Until the previous batches' time has passed (credit for one tick of lateness)."""
        now = time.monotonic()
        if self.next_at > now:
            await asyncio.sleep(self.next_at - now)
        self.next_at = max(self.next_at, time.monotonic() - TICK)

    def spent(self, messages: int) -> None:
        self.next_at += messages * self.interval


class _RunState:
    """What the delivery loop tracks between batches."""

    def __init__(self, rate: float) -> None:
        self.pace = _Pace(rate)
        self.notices: dict[int, str] = {}
        self.in_flight: set[asyncio.Task[Outcome]] = set()
        self.busy: set[int] = set()
        self.last_sent: dict[int, float] = {}
        self.outcomes: list[Outcome] = []
        self.candidates: list[tuple[int, int, bool]] = []
        self.unreachable: str | None = None
        """Set by a request that failed in transit: claim nothing until the API answers."""
        self.failures: dict[tuple[int, int], int] = {}
        """Transit failures of each (event, chat) still pending: its own backoff."""
        self.next_expiry = 0.0
        """``time.monotonic()`` of the next look for notices past the horizon."""

    def choose(self, rows: list[tuple[int, int, bool]], size: int) -> list[tuple[int, int, bool]]:
        """Up to ``size`` rows, one per chat, skipping chats busy or sent to too recently."""
        now = time.monotonic()
        if len(self.last_sent) > 50_000:
            self.last_sent = {c: t for c, t in self.last_sent.items() if now - t < GROUP_GAP}
        chosen: list[tuple[int, int, bool]] = []
        seen: set[int] = set()
        for row in rows:
            chat_id = row[1]
            gap = GROUP_GAP if chat_id < 0 else PRIVATE_GAP
            if chat_id in self.busy or chat_id in seen:
                continue
            if now - self.last_sent.get(chat_id, -gap) < gap:
                continue
            seen.add(chat_id)
            chosen.append(row)
            if len(chosen) == size:
                break
        return chosen

    def start(self, chat_id: int, delivery: Coroutine[Any, Any, Outcome]) -> None:
        self.busy.add(chat_id)
        self.last_sent[chat_id] = time.monotonic()
        task = asyncio.create_task(delivery)
        self.in_flight.add(task)

        def done(finished: asyncio.Task[Outcome]) -> None:
            self.in_flight.discard(finished)
            self.busy.discard(chat_id)
            if not finished.cancelled() and finished.exception() is None:
                outcome = finished.result()
                self.outcomes.append(outcome)
                if outcome.state != "pending":
                    self.failures.pop((outcome.event_id, outcome.chat_id), None)

        task.add_done_callback(done)

    def take_outcomes(self) -> list[Outcome]:
        taken, self.outcomes = self.outcomes, []
        return taken
