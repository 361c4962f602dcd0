"""Open the database with WAL and foreign keys, and migrate it with ``PRAGMA user_version``."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import aiosqlite

MIGRATIONS: tuple[str, ...] = (
    # 1: chats the bot has talked to
    """
    CREATE TABLE chats (
        chat_id     INTEGER PRIMARY KEY,
        type        TEXT NOT NULL,
        active      INTEGER NOT NULL DEFAULT 1,
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL
    );
    """,
    # 2: sends that failed for good are recorded, never silently dropped
    """
    CREATE TABLE failed_sends (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id     INTEGER NOT NULL,
        method      TEXT NOT NULL,
        error       TEXT NOT NULL,
        text        TEXT NOT NULL DEFAULT '',
        at          TEXT NOT NULL
    );
    CREATE INDEX failed_sends_at ON failed_sends (at);
    ALTER TABLE chats ADD COLUMN inactive_reason TEXT NOT NULL DEFAULT '';
    """,
    # 3: users' reports of wrong facts (/report)
    """
    CREATE TABLE reports (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id     INTEGER NOT NULL,
        user_id     INTEGER,
        text        TEXT NOT NULL,
        at          TEXT NOT NULL
    );
    """,
    # 4: per-chat settings for groups and channels' discussion groups
    """
    CREATE TABLE chat_settings (
        chat_id      INTEGER PRIMARY KEY,
        mode         TEXT NOT NULL DEFAULT 'mentions'
                     CHECK (mode IN ('off', 'mentions', 'auto')),
        quiet_until  TEXT NOT NULL DEFAULT '',
        updated_by   INTEGER,
        updated_at   TEXT NOT NULL
    );
    """,
    # 5: trips, their sources and events; subscriptions; the notification outbox
    """
    CREATE TABLE trips (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        person      TEXT NOT NULL,
        host        TEXT NOT NULL,
        start       TEXT,
        finish      TEXT,
        status      TEXT NOT NULL CHECK (status IN
                    ('announced', 'under_way', 'completed', 'cancelled', 'skipped')),
        event       TEXT NOT NULL DEFAULT '',
        origin      TEXT NOT NULL CHECK (origin IN ('knowledge', 'owner', 'feed')),
        first_seen  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX trips_person_host ON trips (person, host);
    CREATE TABLE trip_sources (
        trip_id     INTEGER NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
        url         TEXT NOT NULL,
        title       TEXT NOT NULL DEFAULT '',
        seen_at     TEXT NOT NULL,
        PRIMARY KEY (trip_id, url)
    );
    CREATE TABLE trip_events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        trip_id     INTEGER NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
        status      TEXT NOT NULL,
        at          TEXT NOT NULL,
        fanned_out  INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE subscriptions (
        chat_id     INTEGER NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('person', 'country', 'all')),
        target      TEXT NOT NULL DEFAULT '',
        silent      INTEGER NOT NULL DEFAULT 0,
        active      INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (chat_id, kind, target)
    );
    CREATE TABLE outbox (
        event_id    INTEGER NOT NULL REFERENCES trip_events (id) ON DELETE CASCADE,
        chat_id     INTEGER NOT NULL,
        silent      INTEGER NOT NULL DEFAULT 0,
        state       TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        not_before  REAL NOT NULL DEFAULT 0,
        error       TEXT NOT NULL DEFAULT '',
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (event_id, chat_id)
    );
    CREATE INDEX outbox_pending ON outbox (state, not_before);
    """,
    # 6: trip feeds' polling state (conditional GET, health)
    """
    CREATE TABLE feed_state (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        last_success  TEXT,
        last_error    TEXT
    );
    """,
    # 7: the notifier's "due rows in (event, chat) order" query walks this index and stops at
    # its LIMIT (covering: no table lookups); outbox_pending made SQLite sort every pending row
    # on each tick (14 ms at 10,000 rows)
    """
    DROP INDEX outbox_pending;
    CREATE INDEX outbox_due ON outbox (state, event_id, chat_id, not_before, silent);
    """,
    # updates already handled (a redelivered update_id is not answered twice, across a
    # restart), and the table the writability probe inserts into (and rolls back)
    """
    CREATE TABLE seen_updates (update_id INTEGER PRIMARY KEY);
    CREATE TABLE write_probe (at TEXT NOT NULL);
    """,
    # trips.status also allows 'postponed'. SQLite cannot alter a CHECK constraint, so the
    # table is rebuilt: same columns, ids and AUTOINCREMENT counter, the index recreated;
    # trip_sources and trip_events keep pointing at "trips" (migrate() runs with foreign-key
    # enforcement off, so dropping the old table does not cascade, and checks them after)
    """
    CREATE TABLE trips_new (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        person      TEXT NOT NULL,
        host        TEXT NOT NULL,
        start       TEXT,
        finish      TEXT,
        status      TEXT NOT NULL CHECK (status IN
                    ('announced', 'under_way', 'completed', 'cancelled', 'skipped',
                     'postponed')),
        event       TEXT NOT NULL DEFAULT '',
        origin      TEXT NOT NULL CHECK (origin IN ('knowledge', 'owner', 'feed')),
        first_seen  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    INSERT INTO trips_new (id, person, host, start, finish, status, event, origin, first_seen,
                           updated_at)
    SELECT id, person, host, start, finish, status, event, origin, first_seen, updated_at
    FROM trips;
    DELETE FROM sqlite_sequence WHERE name = 'trips_new';
    INSERT INTO sqlite_sequence (name, seq) SELECT 'trips_new', seq FROM sqlite_sequence
    WHERE name = 'trips';
    DROP TABLE trips;
    ALTER TABLE trips_new RENAME TO trips;
    CREATE INDEX trips_person_host ON trips (person, host);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class DatabaseError(Exception):
    """The database cannot be opened, migrated or written: one line for the operator."""


async def connect(path: Path, *, busy_timeout: float = 5.0) -> aiosqlite.Connection:
    """Open (creating parent folders), enable WAL and foreign keys, and migrate.

    Raises DatabaseError (with the connection closed, so no thread is left behind) when the
    file cannot be opened or written, is locked for longer than ``busy_timeout`` seconds, or
    has a newer schema.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"cannot create the folder {path.parent}: {error.strerror}") from None
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    try:
        db = await aiosqlite.connect(path, timeout=busy_timeout)
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot open {path}: {error}") from None
    try:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: no fsync per commit
        await db.execute("PRAGMA foreign_keys=ON")
        await db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        await migrate(db)
    except (sqlite3.Error, RuntimeError) as error:
        await db.close()
        raise DatabaseError(f"cannot use {path}: {error}") from None
    except BaseException:
        await db.close()
        raise
    problem = await asyncio.to_thread(probe_writable, path, busy_timeout)
    if problem is not None:
        await db.close()
        raise DatabaseError(f"cannot write {path}: {problem}")
    return db


def probe_writable(path: Path, busy_timeout: float = 2.0) -> str | None:
    """None when a write to the database would succeed, else why not (nothing is changed).

    A real insert, rolled back, on a connection of its own: a read-only file opens and even
    takes a write lock in WAL mode, and fails only when a page is written.
    """
    try:
        probe = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as error:
        return str(error)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("INSERT INTO write_probe (at) VALUES (?)", (now(),))
        probe.execute("ROLLBACK")
    except sqlite3.Error as error:
        return str(error)
    finally:
        probe.close()
    return None


async def migrate(db: aiosqlite.Connection) -> int:
    """Apply the migrations the database has not seen; returns the new version."""
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema {version} is newer than this program's {SCHEMA_VERSION}"
        )
    if version == SCHEMA_VERSION:
        return version
    async with db.execute("PRAGMA foreign_keys") as cursor:
        row = await cursor.fetchone()
    enforced = bool(row and row[0])
    # A table rebuild (CREATE, copy, DROP, RENAME) with enforcement on would cascade the DROP
    # to the rows that reference the table; the pragma is a no-op inside a transaction.
    await db.execute("PRAGMA foreign_keys = OFF")
    try:
        for number in range(version, SCHEMA_VERSION):
            await _apply(db, number)
    finally:
        await db.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
    return SCHEMA_VERSION


async def _apply(db: aiosqlite.Connection, number: int) -> None:
    """Run one migration in one transaction; it must leave every foreign key satisfied."""
    try:
        await db.executescript(f"BEGIN; {MIGRATIONS[number]} PRAGMA user_version = {number + 1};")
        async with db.execute("PRAGMA foreign_key_check") as cursor:
            broken = list(await cursor.fetchall())
        if broken:
            raise RuntimeError(f"migration {number + 1} would leave {len(broken)} dangling rows")
    except BaseException:
        await db.rollback()
        raise
    await db.commit()
