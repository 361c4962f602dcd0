"""Per-chat settings (auto-answer mode, quiet period), changed only by chat admins."""

from __future__ import annotations

import datetime as dt
from typing import Literal, cast

import aiosqlite

from bot.store.db import now

Mode = Literal["off", "mentions", "auto"]
MODES: tuple[Mode, ...] = ("off", "mentions", "auto")
DEFAULT_MODE: Mode = "mentions"


class SettingsStore:
    """Repository over ``chat_settings``."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def mode(self, chat_id: int) -> Mode:
        async with self.db.execute(
            "SELECT mode FROM chat_settings WHERE chat_id = ?", (chat_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return cast(Mode, row[0]) if row else DEFAULT_MODE

    async def set_mode(self, chat_id: int, mode: Mode, by: int | None) -> None:
        await self.db.execute(
            "INSERT INTO chat_settings (chat_id, mode, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(chat_id) DO UPDATE SET mode = excluded.mode, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            (chat_id, mode, by, now()),
        )
        await self.db.commit()

    async def quiet_until(self, chat_id: int) -> dt.datetime | None:
        async with self.db.execute(
            "SELECT quiet_until FROM chat_settings WHERE chat_id = ?", (chat_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return dt.datetime.fromisoformat(row[0]) if row and row[0] else None

    async def set_quiet(self, chat_id: int, until: dt.datetime, by: int | None) -> None:
        await self.db.execute(
            "INSERT INTO chat_settings (chat_id, quiet_until, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(chat_id) DO UPDATE SET "
            "quiet_until = excluded.quiet_until, updated_by = excluded.updated_by, "
            "updated_at = excluded.updated_at",
            (chat_id, until.isoformat(timespec="seconds"), by, now()),
        )
        await self.db.commit()
