"""Trip registry, subscriptions and the notification outbox (SQLite, no Telegram).

Delivery guarantee: every (event, chat) pair has one outbox row (unique key), so a restart never
fans out twice. A row is marked ``sending`` (committed) before its request and its outcome is
recorded after; rows found ``sending`` at start-up were interrupted mid-request and are recorded
as failed ("delivery unknown") rather than sent again. Nothing is sent twice and nothing is
dropped silently; a kill -9 leaves at most the batch in flight in doubt, each row recorded.
(Exactly-once across a crash is impossible without an idempotency key, which the Bot API lacks.)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Literal, cast

import aiosqlite

from bot.store.db import now
from knowledge.models import TripStatus
from knowledge.store import KnowledgeBase

Origin = Literal["knowledge", "owner", "feed"]
SubscriptionKind = Literal["person", "country", "all"]

MERGE_DAYS = 21
"""Reports of the same person and host within this many days are the same trip."""
CLOSED: tuple[TripStatus, ...] = ("completed", "cancelled", "skipped")
PROGRESSION: dict[TripStatus, int] = {
    "announced": 0,
    "postponed": 1,
    "under_way": 2,
    "completed": 3,
    "cancelled": 3,
    "skipped": 3,
}
"""A later report moves a trip only forward; a postponed trip is still open (it can start, or
be cancelled), but a trip already under way is not set back to postponed."""


@dataclass(frozen=True)
class TripRow:
    id: int
    person: str
    host: str
    start: dt.date | None
    finish: dt.date | None
    status: TripStatus
    event: str
    origin: Origin
    first_seen: str


@dataclass(frozen=True)
class Recorded:
    """What recording a report did: the trip, and the event to notify about (if any)."""

    trip_id: int
    event_id: int | None
    created: bool


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _row(row: aiosqlite.Row | tuple[object, ...]) -> TripRow:
    return TripRow(
        id=int(cast(int, row[0])),
        person=str(row[1]),
        host=str(row[2]),
        start=_date(row[3]),
        finish=_date(row[4]),
        status=cast(TripStatus, row[5]),
        event=str(row[6]),
        origin=cast(Origin, row[7]),
        first_seen=str(row[8]),
    )


TRIP_COLUMNS = "id, person, host, start, finish, status, event, origin, first_seen"


class TripRegistry:
    """Trips reported by owners, feeds and the curated history; merges repeats."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def seed_from_knowledge(self, kb: KnowledgeBase) -> int:
        """Load the curated trips once, as history (no notifications)."""
        async with self.db.execute("SELECT COUNT(*) FROM trips WHERE origin = 'knowledge'") as c:
            row = await c.fetchone()
        if row and row[0]:
            return 0
        stamp = now()
        for trip in kb.trips:
            cursor = await self.db.execute(
                "INSERT INTO trips (person, host, start, finish, status, event, origin, "
                "first_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'knowledge', ?, ?)",
                (
                    trip.person,
                    trip.host,
                    trip.start.isoformat(),
                    trip.end.isoformat() if trip.end else None,
                    trip.status,
                    trip.event,
                    stamp,
                    stamp,
                ),
            )
            for source in trip.sources:
                await self.db.execute(
                    "INSERT OR IGNORE INTO trip_sources VALUES (?, ?, ?, ?)",
                    (cursor.lastrowid, source.url, source.title, stamp),
                )
        await self.db.commit()
        return len(kb.trips)

    async def find_same(
        self, person: str, host: str, start: dt.date | None, seen: dt.date
    ) -> TripRow | None:
        """An existing trip the new report is about (same person and host, close in time)."""
        async with self.db.execute(
            f"SELECT {TRIP_COLUMNS} FROM trips WHERE person = ? AND host = ? "
            "ORDER BY id DESC LIMIT 20",
            (person, host),
        ) as cursor:
            rows = [_row(r) for r in await cursor.fetchall()]
        window = dt.timedelta(days=MERGE_DAYS)
        for trip in rows:
            anchor = trip.start or dt.date.fromisoformat(trip.first_seen[:10])
            candidate = start or seen
            if abs(anchor - candidate) <= window:
                return trip
        return None

    async def record(
        self,
        person: str,
        host: str,
        status: TripStatus,
        *,
        start: dt.date | None = None,
        finish: dt.date | None = None,
        origin: Origin,
        url: str = "",
        title: str = "",
        event: str = "",
        seen: dt.date,
    ) -> Recorded:
        """Add a report: a new trip (and event), a status change (event), or just a source."""
        stamp = now()
        existing = await self.find_same(person, host, start, seen)
        if existing is None:
            cursor = await self.db.execute(
                "INSERT INTO trips (person, host, start, finish, status, event, origin, "
                "first_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    person,
                    host,
                    start.isoformat() if start else None,
                    finish.isoformat() if finish else None,
                    status,
                    event,
                    origin,
                    stamp,
                    stamp,
                ),
            )
            trip_id = int(cursor.lastrowid or 0)
            await self._add_source(trip_id, url, title, stamp)
            new_event = await self._add_event(trip_id, status, stamp)
            await self.db.commit()
            return Recorded(trip_id, new_event, created=True)
        await self._add_source(existing.id, url, title, stamp)
        event_id: int | None = None
        if PROGRESSION[status] > PROGRESSION[existing.status] or (
            status in CLOSED and status != existing.status and existing.status not in CLOSED
        ):
            await self.db.execute(
                "UPDATE trips SET status = ?, updated_at = ?, start = COALESCE(start, ?), "
                "finish = COALESCE(finish, ?) WHERE id = ?",
                (
                    status,
                    stamp,
                    start.isoformat() if start else None,
                    finish.isoformat() if finish else None,
                    existing.id,
                ),
            )
            event_id = await self._add_event(existing.id, status, stamp)
        await self.db.commit()
        return Recorded(existing.id, event_id, created=False)

    async def set_status(self, trip_id: int, status: TripStatus) -> int | None:
        """An owner's correction: always an event when the status changes."""
        trip = await self.get(trip_id)
        if trip is None or trip.status == status:
            return None
        stamp = now()
        await self.db.execute(
            "UPDATE trips SET status = ?, updated_at = ? WHERE id = ?", (status, stamp, trip_id)
        )
        event_id = await self._add_event(trip_id, status, stamp)
        await self.db.commit()
        return event_id

    async def get(self, trip_id: int) -> TripRow | None:
        async with self.db.execute(
            f"SELECT {TRIP_COLUMNS} FROM trips WHERE id = ?", (trip_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return _row(row) if row else None

    async def recent(self, limit: int = 10) -> list[TripRow]:
        async with self.db.execute(
            f"SELECT {TRIP_COLUMNS} FROM trips WHERE origin != 'knowledge' "
            "ORDER BY updated_at DESC, id DESC LIMIT ?",
            (limit,),
        ) as cursor:
            return [_row(r) for r in await cursor.fetchall()]

    async def sources(self, trip_id: int) -> list[tuple[str, str]]:
        async with self.db.execute(
            "SELECT url, title FROM trip_sources WHERE trip_id = ? ORDER BY seen_at", (trip_id,)
        ) as cursor:
            return [(str(r[0]), str(r[1])) for r in await cursor.fetchall()]

    async def _add_source(self, trip_id: int, url: str, title: str, stamp: str) -> None:
        if url:
            await self.db.execute(
                "INSERT OR IGNORE INTO trip_sources VALUES (?, ?, ?, ?)",
                (trip_id, url, title, stamp),
            )

    async def _add_event(self, trip_id: int, status: str, stamp: str) -> int:
        cursor = await self.db.execute(
            "INSERT INTO trip_events (trip_id, status, at) VALUES (?, ?, ?)",
            (trip_id, status, stamp),
        )
        return int(cursor.lastrowid or 0)


class Subscriptions:
    """Who wants which trips: a person, a host country, or everything."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def subscribe(
        self, chat_id: int, kind: SubscriptionKind, target: str = "", *, silent: bool = False
    ) -> bool:
        """Returns False if the subscription already existed (it is reactivated)."""
        cursor = await self.db.execute(
            "INSERT INTO subscriptions (chat_id, kind, target, silent, active, created_at) "
            "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (chat_id, kind, target) DO UPDATE SET "
            "active = 1, silent = excluded.silent",
            (chat_id, kind, target, int(silent), now()),
        )
        await self.db.commit()
        return (cursor.rowcount or 0) > 0

    async def unsubscribe(
        self, chat_id: int, kind: SubscriptionKind | None = None, target: str = ""
    ) -> int:
        """Remove one subscription, or all of the chat's when ``kind`` is None."""
        if kind is None:
            cursor = await self.db.execute(
                "DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,)
            )
        else:
            cursor = await self.db.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? AND kind = ? AND target = ?",
                (chat_id, kind, target),
            )
        await self.db.commit()
        return cursor.rowcount or 0

    async def of_chat(self, chat_id: int) -> list[tuple[str, str, bool, bool]]:
        async with self.db.execute(
            "SELECT kind, target, silent, active FROM subscriptions WHERE chat_id = ? "
            "ORDER BY kind, target",
            (chat_id,),
        ) as cursor:
            return [
                (str(r[0]), str(r[1]), bool(r[2]), bool(r[3])) for r in await cursor.fetchall()
            ]

    async def set_active(self, chat_id: int, active: bool) -> None:
        """Blocked -> inactive (kept); /start again -> active."""
        await self.db.execute(
            "UPDATE subscriptions SET active = ? WHERE chat_id = ?", (int(active), chat_id)
        )
        await self.db.commit()

    async def migrate(self, old_id: int, new_id: int) -> None:
        await self.db.execute(
            "UPDATE OR REPLACE subscriptions SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
        )
        await self.db.commit()

    async def count(self) -> tuple[int, int]:
        """(active, inactive) subscriptions."""
        async with self.db.execute(
            "SELECT COALESCE(SUM(active), 0), COALESCE(SUM(1 - active), 0) FROM subscriptions"
        ) as cursor:
            row = await cursor.fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)


_CLAIM = (
    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? "
    "WHERE state = 'pending' AND event_id = ?"
)
CLAIM_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)
"""Claim a batch in one statement (UPDATE ... RETURNING, SQLite 3.35); else row by row."""


@dataclass(frozen=True)
class Outcome:
    """How one delivery ended: 'sent', 'failed' (with reason) or 'pending' (retry later).

    ``attempted=False``: the try is not counted (the Bot API was unreachable or said "later").
    """

    event_id: int
    chat_id: int
    state: Literal["sent", "failed", "pending"]
    error: str = ""
    not_before: float = 0.0
    attempted: bool = True


def _unix(stamp: str) -> float:
    """An ISO timestamp (UTC when it names no zone) as Unix time; unreadable: never."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return float("inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


class Outbox:
    """One row per (event, chat): fan-out, claim, and the outcome of each delivery."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def fan_out(self, event_id: int) -> int:
        """Queue the event for every matching active subscription (idempotent)."""
        cursor = await self.db.execute(
            "INSERT OR IGNORE INTO outbox (event_id, chat_id, silent, updated_at) "
            "SELECT e.id, s.chat_id, MIN(s.silent), ? FROM trip_events e "
            "JOIN trips t ON t.id = e.trip_id "
            "JOIN subscriptions s ON s.active = 1 AND (s.kind = 'all' "
            "  OR (s.kind = 'person' AND s.target = t.person) "
            "  OR (s.kind = 'country' AND s.target = t.host)) "
            "WHERE e.id = ? GROUP BY s.chat_id",
            (now(), event_id),
        )
        await self.db.execute("UPDATE trip_events SET fanned_out = 1 WHERE id = ?", (event_id,))
        await self.db.commit()
        return cursor.rowcount or 0

    async def unfanned_events(self) -> list[int]:
        """Events recorded but not yet fanned out (a crash in between)."""
        async with self.db.execute(
            "SELECT id FROM trip_events WHERE fanned_out = 0 ORDER BY id"
        ) as cursor:
            return [int(r[0]) for r in await cursor.fetchall()]

    async def recover(self) -> int:
        """At start-up: rows left 'sending' by a crash are recorded as failed, never resent."""
        cursor = await self.db.execute(
            "UPDATE outbox SET state = 'failed', error = 'interrupted mid-send: delivery unknown',"
            " updated_at = ? WHERE state = 'sending'",
            (now(),),
        )
        await self.db.commit()
        return cursor.rowcount or 0

    async def due(self, limit: int, at: float) -> list[tuple[int, int, bool]]:
        """Up to ``limit`` pending rows whose retry time has come (nothing is changed)."""
        async with self.db.execute(
            "SELECT event_id, chat_id, silent FROM outbox WHERE state = 'pending' AND "
            "not_before <= ? ORDER BY event_id, chat_id LIMIT ?",
            (at, limit),
        ) as cursor:
            return [(int(r[0]), int(r[1]), bool(r[2])) for r in await cursor.fetchall()]

    async def claim(self, limit: int, at: float) -> list[tuple[int, int, bool]]:
        """Take up to ``limit`` due rows and mark them 'sending' in one transaction."""
        return await self.claim_rows(await self.due(limit, at))

    async def claim_rows(self, rows: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
        """Mark these rows 'sending' (one commit); returns those that were still pending.

        The notifier claims only what it sends at once, so a crash leaves at most one batch
        in doubt, and those rows are recorded as such at start-up, never sent twice.
        """
        if not rows:
            return []
        stamp = now()
        taken: set[tuple[int, int]] = set()
        if CLAIM_RETURNING:  # one statement per event (a batch is nearly always one)
            chats: dict[int, list[int]] = {}
            for event_id, chat_id, _ in rows:
                chats.setdefault(event_id, []).append(chat_id)
            for event_id, ids in chats.items():
                for chunk in range(0, len(ids), 500):
                    part = ids[chunk : chunk + 500]
                    # executed and read in one call: an UPDATE whose RETURNING rows are
                    # still unread is a write in progress, and another task's commit on
                    # this connection would fail
                    returned = await self.db.execute_fetchall(
                        f"{_CLAIM} AND chat_id IN ({', '.join(['?'] * len(part))}) "
                        "RETURNING event_id, chat_id",
                        (stamp, event_id, *part),
                    )
                    taken.update((int(r[0]), int(r[1])) for r in returned)
        else:
            for event_id, chat_id, _ in rows:
                cursor = await self.db.execute(
                    f"{_CLAIM} AND chat_id = ?", (stamp, event_id, chat_id)
                )
                if (cursor.rowcount or 0) == 1:
                    taken.add((event_id, chat_id))
        await self.db.commit()
        claimed: list[tuple[int, int, bool]] = []
        for row in rows:  # in the given order, each row once
            if (row[0], row[1]) in taken:
                taken.discard((row[0], row[1]))
                claimed.append(row)
        return claimed

    async def finish_many(self, outcomes: list[Outcome]) -> None:
        """Record several outcomes in one commit (see ``finish``)."""
        if not outcomes:
            return
        stamp = now()
        await self.db.executemany(
            "UPDATE outbox SET state = ?, error = ?, not_before = ?, attempts = attempts - ?, "
            "updated_at = ? WHERE event_id = ? AND chat_id = ?",
            [
                (
                    o.state,
                    o.error[:300],
                    o.not_before,
                    0 if o.attempted else 1,  # the claim counted it
                    stamp,
                    o.event_id,
                    o.chat_id,
                )
                for o in outcomes
            ],
        )
        await self.db.commit()

    async def finish(
        self, event_id: int, chat_id: int, *, state: str, error: str = "", not_before: float = 0.0
    ) -> None:
        """Record the outcome: 'sent', 'failed' (with reason) or 'pending' again (retry)."""
        await self.db.execute(
            "UPDATE outbox SET state = ?, error = ?, not_before = ?, updated_at = ? "
            "WHERE event_id = ? AND chat_id = ?",
            (state, error[:300], not_before, now(), event_id, chat_id),
        )
        await self.db.commit()

    async def expire(self, created_before: float, reason: str) -> int:
        """Pending rows of events recorded before ``created_before`` (Unix time) fail for good.

        Their error becomes ``reason: `` and the last error (or "never sent"); rows being sent
        are left to finish. Returns how many rows failed.
        """
        old = [event_id for event_id, at in await self._pending_events() if at < created_before]
        failed = 0
        for chunk in range(0, len(old), 500):
            part = old[chunk : chunk + 500]
            cursor = await self.db.execute(
                "UPDATE outbox SET state = 'failed', error = substr(? || CASE error WHEN '' "
                "THEN 'never sent' ELSE error END, 1, 300), updated_at = ? "
                f"WHERE state = 'pending' AND event_id IN ({', '.join(['?'] * len(part))})",
                (f"{reason}: ", now(), *part),
            )
            failed += cursor.rowcount or 0
        if old:
            await self.db.commit()
        return failed

    async def _pending_events(self) -> list[tuple[int, float]]:
        """Events that still have pending rows, with the time each was recorded."""
        rows = await self.db.execute_fetchall(
            "SELECT id, at FROM trip_events WHERE id IN "
            "(SELECT DISTINCT event_id FROM outbox WHERE state = 'pending')"
        )
        return [(int(r[0]), _unix(str(r[1]))) for r in rows]

    async def attempts(self, event_id: int, chat_id: int) -> int:
        async with self.db.execute(
            "SELECT attempts FROM outbox WHERE event_id = ? AND chat_id = ?", (event_id, chat_id)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def in_doubt(self) -> int:
        """Rows a crash interrupted mid-send (recorded failed: delivery unknown)."""
        async with self.db.execute(
            "SELECT COUNT(*) FROM outbox WHERE state = 'failed' AND error LIKE 'interrupted%'"
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def counts(self) -> dict[str, int]:
        async with self.db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state") as c:
            return {str(r[0]): int(r[1]) for r in await c.fetchall()}
