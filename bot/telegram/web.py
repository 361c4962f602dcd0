"""The bot's HTTP endpoints: the webhook and ``GET /healthz``."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Awaitable, Callable
from typing import Any

import tornado.web
from telegram.ext import Application

from bot.telegram.updates import Health, parse_update

DatabaseCheck = Callable[[], Awaitable[str | None]]
"""Returns None when the database is writable, else why not."""


class HealthHandler(tornado.web.RequestHandler):
    """200 with the bot's facts when it receives updates and can write; 503 with the reasons."""

    def initialize(self, info: dict[str, Any], health: Health, database: DatabaseCheck) -> None:
        self.info = info
        self.health = health
        self.database = database

    async def get(self) -> None:
        stale = self.health.stale()
        problems = [stale] if stale else []
        database = await self.database()
        if database is not None:
            problems.append(f"database not writable: {database}")
        self.set_status(503 if problems else 200)
        self.set_header("Content-Type", "application/json")
        body = {
            "status": "unavailable" if problems else "ok",
            **self.info,
            "problems": problems,
            "skipped_updates": self.health.skipped,
            "repeated_updates": self.health.duplicates,
        }
        self.write(json.dumps(body))


class WebhookHandler(tornado.web.RequestHandler):
    """Receives updates; 403 without the secret header, 400 for a body that is not an update.

    An update the library cannot parse is answered 200 (Telegram would otherwise deliver it
    again and again) and skipped as in polling.
    """

    def initialize(self, ptb_app: Application, secret: str) -> None:  # type: ignore[type-arg]
        self.ptb_app = ptb_app
        self.secret = secret
        self.health: Health = ptb_app.bot_data["core"].health

    async def post(self) -> None:
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.set_status(403)
            self.write("forbidden")
            return
        try:
            data = json.loads(self.request.body or b"")
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            self.set_status(400)
            self.write("not an update")
            return
        self.health.received()
        update = parse_update(data, self.ptb_app.bot, self.health)
        if update is not None:
            await self.ptb_app.update_queue.put(update)
        self.set_status(200)


async def check_in_thread(probe: Callable[[], str | None]) -> str | None:
    """Run a blocking check off the event loop."""
    return await asyncio.to_thread(probe)
