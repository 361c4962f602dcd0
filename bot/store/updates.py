"""Update ids already handled, kept across restarts (a redelivery is answered once)."""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite


class SeenUpdateStore:
    """Repository over the ``seen_updates`` table: the newest ``keep`` ids."""

    def __init__(self, db: aiosqlite.Connection, keep: int = 10_000) -> None:
        self.db = db
        self.keep = keep

    async def recent(self) -> list[int]:
        """The kept ids, oldest first."""
        async with self.db.execute(
            "SELECT update_id FROM (SELECT update_id FROM seen_updates "
            "ORDER BY update_id DESC LIMIT ?) ORDER BY update_id",
            (self.keep,),
        ) as cursor:
            return [int(row[0]) for row in await cursor.fetchall()]

    async def add(self, ids: Sequence[int]) -> None:
        """Record ids and forget all but the newest ``keep``."""
        if not ids:
            return
        await self.db.executemany(
            "INSERT OR IGNORE INTO seen_updates (update_id) VALUES (?)", [(i,) for i in ids]
        )
        await self.db.execute(
            "DELETE FROM seen_updates WHERE update_id < (SELECT MIN(update_id) FROM "
            "(SELECT update_id FROM seen_updates ORDER BY update_id DESC LIMIT ?))",
            (self.keep,),
        )
        await self.db.commit()
