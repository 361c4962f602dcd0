"""SQLite storage: migrations from an older schema, chat bookkeeping, failures recorded."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.store.chats import ChatStore
from bot.store.db import MIGRATIONS, SCHEMA_VERSION, connect
from bot.trips.registry import TripRegistry

DAY = dt.date(2026, 11, 20)


def test_store_upgrades_a_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
        old.execute("INSERT INTO chats VALUES (5, 'private', 1, '2026-01-01', '2026-01-02')")

    async def scenario() -> tuple[int, bool | None, list[tuple[int, str, str]]]:
        db = await connect(path)
        try:
            chats = ChatStore(db)
            await chats.record_failure(5, "sendMessage", "BadRequest: x", "text")
            async with db.execute("PRAGMA user_version") as cursor:
                version = (await cursor.fetchone())[0]  # type: ignore[index]
            return int(version), await chats.is_active(5), await chats.failures()
        finally:
            await db.close()

    version, active, failures = asyncio.run(scenario())
    assert version == SCHEMA_VERSION
    assert active is True  # the old row survived the upgrade
    assert failures == [(5, "sendMessage", "BadRequest: x")]


def test_store_chat_lifecycle(tmp_path: Path) -> None:
    async def scenario() -> list[object]:
        db = await connect(tmp_path / "db.sqlite3")
        try:
            chats = ChatStore(db)
            await chats.seen(1, "private")
            await chats.deactivate(1, "Forbidden: bot was blocked by the user")
            inactive = await chats.is_active(1)
            await chats.seen(1, "private")  # writing again reactivates
            await chats.seen(-100, "group")
            await chats.migrate_chat(-100, -1001)
            return [
                inactive,
                await chats.is_active(1),
                await chats.is_active(-100),
                await chats.is_active(-1001),
                await chats.counts(),
            ]
        finally:
            await db.close()

    assert asyncio.run(scenario()) == [False, True, None, True, (2, 0)]


def test_store_upgrades_the_previous_release_database(tmp_path: Path) -> None:
    """A database from before trip updates (schema 4) keeps its settings and gains the tables."""
    path = tmp_path / "v4.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript("".join(MIGRATIONS[:4]) + "PRAGMA user_version = 4;")
        old.execute(
            "INSERT INTO chat_settings (chat_id, mode, updated_at) "
            "VALUES (-100, 'auto', '2026-11-01')"
        )

    async def scenario() -> tuple[str, list[str]]:
        db = await connect(path)
        try:
            async with db.execute("SELECT mode FROM chat_settings WHERE chat_id = -100") as c:
                mode = (await c.fetchone())[0]  # type: ignore[index]
            async with db.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as c:
                tables = sorted(r[0] for r in await c.fetchall())
            return str(mode), tables
        finally:
            await db.close()

    mode, tables = asyncio.run(scenario())
    assert mode == "auto"
    assert {
        "trips",
        "trip_sources",
        "trip_events",
        "subscriptions",
        "outbox",
        "feed_state",
    } <= set(tables)


def test_store_keeps_texts_with_a_lone_surrogate(tmp_path: Path) -> None:
    """Telegram's JSON may carry "\\ud800": the report, the failure and the reason are kept."""

    async def scenario() -> list[object]:
        db = await connect(tmp_path / "db.sqlite3")
        try:
            chats = ChatStore(db)
            await chats.seen(7, "private")
            await chats.add_report(7, 70, "Putin \ud800 visited")
            await chats.record_failure(7, "sendMessage", "BadRequest: \udc00", "text \ud800")
            await chats.deactivate(7, "Forbidden: \ud800")
            rows: list[object] = []
            for query in (
                "SELECT chat_id, user_id, text FROM reports",
                "SELECT error, text FROM failed_sends",
                "SELECT inactive_reason FROM chats",
            ):
                async with db.execute(query) as cursor:
                    rows += [tuple(row) for row in await cursor.fetchall()]
            return rows
        finally:
            await db.close()

    assert asyncio.run(scenario()) == [
        (7, 70, "Putin \ufffd visited"),
        ("BadRequest: \ufffd", "text \ufffd"),
        ("Forbidden: \ufffd",),
    ]


V7_TRIPS = """
INSERT INTO trips (id, person, host, start, finish, status, event, origin, first_seen, updated_at)
VALUES (1, 'vladimir-putin', 'MN', '2026-12-03', NULL, 'announced', 'summit', 'feed',
        '2026-11-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00'),
       (2, 'benjamin-netanyahu', 'HU', '2026-04-03', '2026-04-06', 'completed', '', 'owner',
        '2026-04-01T00:00:00+00:00', '2026-04-07T00:00:00+00:00'),
       (3, 'sergei-shoigu', 'KP', NULL, NULL, 'skipped', '', 'feed',
        '2026-06-01T00:00:00+00:00', '2026-06-01T00:00:00+00:00');
DELETE FROM trips WHERE id = 3;
INSERT INTO trip_sources VALUES (1, 'https://a.example/1', 'A', '2026-11-01T00:00:00+00:00');
INSERT INTO trip_events (id, trip_id, status, at, fanned_out)
VALUES (1, 1, 'announced', '2026-11-01T00:00:00+00:00', 1),
       (2, 2, 'completed', '2026-04-07T00:00:00+00:00', 1);
INSERT INTO outbox (event_id, chat_id, state, updated_at)
VALUES (1, 42, 'sent', '2026-11-01T00:00:00+00:00');
"""


def test_store_upgrade_lets_trips_be_postponed_and_keeps_them(tmp_path: Path) -> None:
    """A version-7 database with trips: rows, ids, links and the index survive the rebuild."""
    path = tmp_path / "v7.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript("".join(MIGRATIONS[:7]) + "PRAGMA user_version = 7;" + V7_TRIPS)

    async def rows(db: aiosqlite.Connection, query: str) -> list[tuple[object, ...]]:
        async with db.execute(query) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]

    async def scenario() -> None:
        db = await connect(path)
        try:
            assert await rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
            assert await rows(db, "PRAGMA foreign_keys") == [(1,)]
            assert await rows(db, "SELECT id, person, status, start FROM trips") == [
                (1, "vladimir-putin", "announced", "2026-12-03"),
                (2, "benjamin-netanyahu", "completed", "2026-04-03"),
            ]
            assert await rows(db, "SELECT trip_id, url FROM trip_sources") == [
                (1, "https://a.example/1")
            ]
            assert await rows(db, "SELECT id, trip_id, status FROM trip_events") == [
                (1, 1, "announced"),
                (2, 2, "completed"),
            ]
            assert await rows(db, "SELECT event_id, chat_id, state FROM outbox") == [
                (1, 42, "sent")
            ]
            index = "SELECT tbl_name FROM sqlite_master WHERE name = 'trips_person_host'"
            assert await rows(db, index) == [("trips",)]
            links = (
                'SELECT m.name, f."table" FROM sqlite_master m, '
                "pragma_foreign_key_list(m.name) f WHERE m.name LIKE 'trip_%' ORDER BY m.name"
            )
            assert await rows(db, links) == [("trip_events", "trips"), ("trip_sources", "trips")]

            trips = TripRegistry(db)
            postponed = await trips.record(
                "vladimir-putin", "MN", "postponed", origin="feed", seen=DAY
            )
            assert postponed.trip_id == 1 and postponed.event_id is not None
            trip = await trips.get(1)
            assert trip is not None and trip.status == "postponed"
            fresh = await trips.record("sergei-shoigu", "KP", "announced", origin="feed", seen=DAY)
            assert fresh.trip_id == 4  # the deleted trip's id 3 is not handed out again
            with pytest.raises(sqlite3.IntegrityError):  # the CHECK constraint is still there
                await db.execute("UPDATE trips SET status = 'rumoured' WHERE id = 2")
            await db.execute("DELETE FROM trips WHERE id = 1")
            assert await rows(db, "SELECT trip_id FROM trip_sources") == []  # still cascades
        finally:
            await db.close()

    asyncio.run(scenario())
