"""Chats and failed sends: what the bot keeps (see /privacy)."""

from __future__ import annotations

import aiosqlite

from bot.format import scrub
from bot.store.db import now


class ChatStore:
    """Repository over the ``chats``, ``failed_sends`` and ``reports`` tables.

    Every text stored is scrubbed first: a lone surrogate from Telegram would make sqlite3 fail.
    """

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def seen(self, chat_id: int, chat_type: str) -> None:
        """Record activity; a chat that writes again is active again."""
        stamp = now()
        await self.db.execute(
            "INSERT INTO chats (chat_id, type, active, first_seen, last_seen) "
            "VALUES (?, ?, 1, ?, ?) ON CONFLICT(chat_id) DO UPDATE SET "
            "last_seen = excluded.last_seen, active = 1, inactive_reason = ''",
            (chat_id, chat_type, stamp, stamp),
        )
        await self.db.commit()

    async def deactivate(self, chat_id: int, reason: str) -> None:
        """Mark a chat inactive (blocked, kicked); its rows are kept."""
        await self.db.execute(
            "UPDATE chats SET active = 0, inactive_reason = ? WHERE chat_id = ?",
            (scrub(reason[:200]), chat_id),
        )
        await self.db.commit()

    async def migrate_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: move its rows to the new id."""
        await self.db.execute(
            "UPDATE OR REPLACE chats SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
        )
        await self.db.execute(
            "UPDATE failed_sends SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
        )
        await self.db.execute(
            "UPDATE OR REPLACE chat_settings SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
        )
        await self.db.commit()

    async def is_active(self, chat_id: int) -> bool | None:
        async with self.db.execute("SELECT active FROM chats WHERE chat_id = ?", (chat_id,)) as c:
            row = await c.fetchone()
        return None if row is None else bool(row[0])

    async def record_failure(self, chat_id: int, method: str, error: str, text: str) -> None:
        await self.db.execute(
            "INSERT INTO failed_sends (chat_id, method, error, text, at) VALUES (?, ?, ?, ?, ?)",
            (chat_id, method, scrub(error[:500]), scrub(text[:4096]), now()),
        )
        await self.db.commit()

    async def failures(self) -> list[tuple[int, str, str]]:
        async with self.db.execute(
            "SELECT chat_id, method, error FROM failed_sends ORDER BY id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    async def add_report(self, chat_id: int, user_id: int | None, text: str) -> None:
        await self.db.execute(
            "INSERT INTO reports (chat_id, user_id, text, at) VALUES (?, ?, ?, ?)",
            (chat_id, user_id, scrub(text[:4000]), now()),
        )
        await self.db.commit()

    async def counts(self) -> tuple[int, int]:
        """(active chats, inactive chats)."""
        async with self.db.execute("SELECT SUM(active), SUM(1 - active) FROM chats") as cursor:
            row = await cursor.fetchone()
        return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
