"""Build and run the Telegram application: polling or webhook, health endpoint, clean shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiosqlite
import httpx
import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import Conflict, TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot import messages
from bot.store.chats import ChatStore
from bot.store.db import probe_writable
from bot.store.settings import SettingsStore
from bot.store.updates import SeenUpdateStore
from bot.telegram import groups, handlers, maps, subscriptions
from bot.telegram.config import Settings
from bot.telegram.exits import EXIT_CONFLICT
from bot.telegram.http import AiohttpRequest
from bot.telegram.notify import Notifier
from bot.telegram.ordering import ChatOrderedProcessor
from bot.telegram.ratelimit import ChatRateLimiter
from bot.telegram.redact import RedactingFilter, Redactor
from bot.telegram.send import Sender
from bot.telegram.updates import ResilientBot
from bot.telegram.web import HealthHandler, WebhookHandler, check_in_thread
from bot.trips.poller import FeedPoller, FeedStates
from bot.trips.registry import Outbox, Subscriptions, TripRegistry
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline

log = logging.getLogger("warrantwatch")

POLL_INTERVAL = 0.01
"""Seconds between getUpdates calls. Telegram answers a long poll as soon as one update is
waiting, so without a pause a busy bot polls once per update (0.3 ms of CPU each); 10 ms
gathers what arrives meanwhile into one call, for at most 10 ms more latency."""
SEEN_FLUSH_SECONDS = 1.0
"""How often handled update ids are written down (a redelivery after a crash is skipped)."""
WEBHOOK_CHECK_SECONDS = 60.0


def configure_logging(level: str, redact: Redactor) -> None:
    """Log to stderr through one redacting filter (tokens never reach a log line)."""
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    redacting = RedactingFilter(redact)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redacting)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs URLs, which carry the token
    logging.getLogger("aiohttp").setLevel(logging.WARNING)


def build_application(
    settings: Settings,
    core: handlers.BotCore,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    send_rate: float = 30.0,
    concurrency: int = 16,
) -> Application:  # type: ignore[type-arg]
    """The PTB application with our handlers, defaults and outbound rate limiter."""
    sending = request or AiohttpRequest(connection_pool_size=256)
    polling = updates_request or AiohttpRequest(1)
    bot = ResilientBot(
        settings.token.get_secret_value(),
        base_url=settings.base_url,
        request=sending,
        get_updates_request=polling,
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        # a 429 holds only its chat; a short burst per private chat (Telegram tolerates them)
        rate_limiter=ChatRateLimiter(
            overall_max_rate=send_rate, private_max_rate=3.0, private_time_period=3.0
        ),
        health=core.health,
    )
    builder = (
        ApplicationBuilder()
        .bot(bot)
        .concurrent_updates(ChatOrderedProcessor(max_running=concurrency))
    )
    if settings.mode == "webhook":
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data["core"] = core
    application.bot_data["transports"] = [sending, polling]
    groups.register(application)
    subscriptions.register(application)
    maps.register(application)  # before handlers: its catch-all answers unknown commands
    handlers.register(application)
    return application


def webhook_path(settings: Settings) -> str:
    from urllib.parse import urlparse

    path = urlparse(settings.webhook_url or "").path
    return path or "/webhook"


def attach_trip_updates(
    core: handlers.BotCore,
    db: aiosqlite.Connection,
    application: Application,  # type: ignore[type-arg]
    settings: Settings,
    *,
    client: httpx.AsyncClient | None = None,
) -> FeedPoller | None:
    """Wire the trip registry, subscriptions, outbox and notifier (and feeds, if configured)."""
    core.trips = TripRegistry(db)
    core.subscriptions = Subscriptions(db)
    core.outbox = Outbox(db)
    core.feed_states = FeedStates(db)
    core.notifier = Notifier(
        bot=application.bot,
        kb=core.kb,
        trips=core.trips,
        subscriptions=core.subscriptions,
        outbox=core.outbox,
        chats=core.chats,
        rate=settings.send_rate,
        give_up_after=settings.notice_horizon_seconds,
        today=core.today,
    )
    if not settings.trip_feeds:
        return None
    return FeedPoller(
        urls=settings.trip_feeds,
        interval=settings.feed_interval,
        kb=core.kb,
        pipeline=core.pipeline,
        registry=core.trips,
        states=core.feed_states,
        publish=core.notifier.publish,
        client=client or httpx.AsyncClient(follow_redirects=False),
    )


def assemble(
    settings: Settings,
    db: aiosqlite.Connection,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    *,
    version: str,
    today: Callable[[], dt.date] = dt.date.today,
    retry_delay: float = 0.5,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    feed_client: httpx.AsyncClient | None = None,
) -> BotRunner:
    """The whole bot over one database: core, application, trip updates, runner.

    ``warrantwatch run`` and the end-to-end tests build the bot here, so they run the same
    composition (tests pass loopback transports and a fixed date).
    """
    chats = ChatStore(db)
    core = handlers.BotCore(
        kb=kb,
        pipeline=pipeline,
        sender=Sender(chats, base_delay=retry_delay),
        chats=chats,
        settings=SettingsStore(db),
        version=version,
        owner_ids=settings.owner_ids,
        today=today,
    )
    application = build_application(
        settings,
        core,
        request=request,
        updates_request=updates_request,
        send_rate=settings.send_rate,
    )
    poller = attach_trip_updates(core, db, application, settings, client=feed_client)
    return BotRunner(settings, application, poller=poller, seen_store=SeenUpdateStore(db))


@dataclass
class BotRunner:
    """Runs the application until ``stop`` is set (signal, Conflict, or a test)."""

    settings: Settings
    application: Application  # type: ignore[type-arg]
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    exit_code: int = 0
    servers: list[tornado.httpserver.HTTPServer] = field(default_factory=list)
    poller: FeedPoller | None = None
    seen_store: SeenUpdateStore | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    bound_ports: dict[str, int] = field(default_factory=dict)

    @property
    def core(self) -> handlers.BotCore:
        core: handlers.BotCore = self.application.bot_data["core"]
        return core

    def info(self) -> dict[str, Any]:
        return {
            "version": self.core.version,
            "data_as_of": self.core.kb.as_of.isoformat(),
            "mode": self.settings.mode,
        }

    def _poll_error(self, error: TelegramError) -> None:
        if isinstance(error, Conflict):
            log.critical(
                "another instance is polling with the same token (409 Conflict): stopping"
            )
            self.exit_code = EXIT_CONFLICT
            self.stop.set()
        else:
            log.warning("polling error: %s", error)

    def _serve(self, name: str, routes: list[Any], port: int) -> None:
        app = tornado.web.Application(routes)
        server = tornado.httpserver.HTTPServer(app)
        sockets = tornado.netutil.bind_sockets(port, address=self.settings.listen)
        server.add_sockets(sockets)
        self.servers.append(server)
        self.bound_ports[name] = sockets[0].getsockname()[1]

    def _health_route(self) -> tuple[str, type[HealthHandler], dict[str, Any]]:
        path = self.settings.db_path

        async def database() -> str | None:
            return await check_in_thread(lambda: probe_writable(path))

        self.core.health.max_age = self.settings.health_max_age
        options = {"info": self.info(), "health": self.core.health, "database": database}
        return ("/healthz", HealthHandler, options)

    async def start(self) -> None:
        """Start everything; on any failure, stop what started and re-raise."""
        try:
            await self._start()
        except BaseException:
            await self.shutdown()
            raise

    async def _start(self) -> None:
        app = self.application
        try:
            await app.initialize()
        except BaseException:
            # PTB skips shutting down a bot whose initialize() failed: close its connections
            for transport in app.bot_data.get("transports", []):
                await transport.shutdown()
            raise
        await app.bot.set_my_commands([BotCommand(n, d[:256]) for n, d in messages.COMMANDS])
        core = self.core
        if self.seen_store is not None:
            core.seen_updates.load(await self.seen_store.recent())
            self.tasks.append(asyncio.create_task(self._save_seen_updates()))
        await app.start()
        if core.notifier is not None and core.trips is not None:
            await core.trips.seed_from_knowledge(core.kb)
            await core.notifier.start_up()
            self.tasks.append(asyncio.create_task(core.notifier.run()))
        if self.poller is not None:
            self.tasks.append(asyncio.create_task(self.poller.run()))
        # What is loaded by now (knowledge base, spaCy pipeline, the application) lives as long
        # as the bot: out of the collector's way, full collections no longer walk all of it
        # (pauses of 0.1-0.2 s in the middle of answering); unfrozen again at shutdown.
        gc.collect()
        gc.freeze()
        if self.settings.mode == "webhook":
            await self._start_webhook()
        else:
            await self._start_polling()
        log.info("warrantwatch %s running (%s)", core.version, self.settings.mode)

    async def _start_webhook(self) -> None:
        app = self.application
        secret = self.settings.webhook_secret
        secret_value = secret.get_secret_value() if secret else ""
        routes = [
            (
                webhook_path(self.settings),
                WebhookHandler,
                {"ptb_app": app, "secret": secret_value},
            ),
            self._health_route(),
        ]
        self._serve("webhook", routes, self.settings.port)
        await app.bot.set_webhook(
            url=self.settings.webhook_url or "",
            secret_token=secret_value,
            allowed_updates=Update.ALL_TYPES,
        )
        self.core.health.received()
        self.tasks.append(asyncio.create_task(self._check_webhook()))

    async def _start_polling(self) -> None:
        app = self.application
        await app.bot.delete_webhook()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=POLL_INTERVAL,
            timeout=10,
            allowed_updates=Update.ALL_TYPES,
            error_callback=self._poll_error,
        )
        if self.settings.health_port is not None:
            self._serve("health", [self._health_route()], self.settings.health_port)

    async def _check_webhook(self) -> None:
        """Webhook mode: the Bot API is reachable and still has our webhook (for /healthz)."""
        while not self.stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), WEBHOOK_CHECK_SECONDS)
                return
            try:
                info = await self.application.bot.get_webhook_info()
            except TelegramError as error:
                log.warning("webhook check failed: %s", error)
                continue
            if info.url == self.settings.webhook_url:
                self.core.health.received()
            else:
                log.warning("the Bot API no longer has this bot's webhook URL")

    async def _save_seen_updates(self) -> None:
        """Write down handled update ids about once a second, and at shutdown."""
        assert self.seen_store is not None
        seen = self.core.seen_updates
        while True:
            stopping = self.stop.is_set()
            if not stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stop.wait(), SEEN_FLUSH_SECONDS)
            ids = seen.take_unsaved()
            try:
                await self.seen_store.add(ids)
            except aiosqlite.Error as error:
                log.warning("cannot record handled updates: %s", error)
            if stopping:
                return

    async def shutdown(self) -> None:
        """Stop whatever is running, in reverse order; safe after a partial start."""
        self.stop.set()
        for server in self.servers:
            server.stop()
        core = self.core
        if core.notifier is not None:
            core.notifier.stop.set()
            core.notifier.wake.set()
        if self.poller is not None:
            self.poller.stop.set()
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.poller is not None:
            await self.poller.client.aclose()
        await app.shutdown()
        gc.unfreeze()

    async def run(self) -> int:
        await self.start()
        try:
            await self.stop.wait()
        finally:
            await self.shutdown()
        return self.exit_code
