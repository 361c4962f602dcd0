"""Run the real PTB Application against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

from bot.store.db import connect
from bot.telegram.app import BotRunner, assemble
from bot.telegram.config import load_settings
from bot.telegram.handlers import BotCore
from bot.telegram.http import AiohttpRequest
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.conftest import TODAY
from tests.fakes.bot_api import FakeBotAPI

TOKEN = "4242:TEST-TOKEN-never-logged"
T = TypeVar("T")


def run(coro: Awaitable[T]) -> T:
    """Run one async scenario with a fresh event loop."""
    return asyncio.run(_wrap(coro))


async def _wrap(coro: Awaitable[T]) -> T:
    return await coro


@dataclass
class Bot:
    runner: BotRunner
    core: BotCore
    server: FakeBotAPI

    async def wait(self, predicate: Callable[[FakeBotAPI], Any], timeout: float = 10.0) -> Any:
        return await self.server.wait_for_async(predicate, timeout=timeout)

    async def replies(
        self, chat_id: int, count: int, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        await self.wait(lambda s: len(s.sent_messages(chat_id=chat_id)) >= count, timeout)
        return self.server.sent_messages(chat_id=chat_id)


def request() -> AiohttpRequest:
    """The production transport, without proxies from the environment (loopback only)."""
    return AiohttpRequest(connection_pool_size=16, trust_env=False)


@contextlib.asynccontextmanager
async def running_bot(
    server: FakeBotAPI,
    tmp_path: Path,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    *,
    env: dict[str, str] | None = None,
    send_rate: float = 1000.0,
) -> AsyncIterator[Bot]:
    environ = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "WARRANTWATCH_TELEGRAM_BASE_URL": server.base_url,
        "WARRANTWATCH_DB": str(tmp_path / "warrantwatch.sqlite3"),
        "WARRANTWATCH_LISTEN": "127.0.0.1",
        "WARRANTWATCH_SEND_RATE": str(send_rate),
        **(env or {}),
    }
    settings = load_settings(environ, env_file=None)
    db = await connect(settings.db_path)
    runner = assemble(
        settings,
        db,
        kb,
        pipeline,
        version="test",
        today=lambda: TODAY,
        retry_delay=0.05,
        request=request(),
        updates_request=request(),
        feed_client=httpx.AsyncClient(trust_env=False),
    )
    poller = runner.poller
    try:
        await runner.start()
    except BaseException:
        if poller is not None:
            await poller.client.aclose()
        await db.close()
        raise
    try:
        yield Bot(runner, runner.core, server)
    finally:
        await runner.shutdown()
        await db.close()
