"""SQLite storage: migrations from an older schema, chat bookkeeping, failures recorded."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from bot.store.chats import ChatStore
from bot.store.db import MIGRATIONS, SCHEMA_VERSION, connect


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
