"""Build and run the Telegram application: polling or webhook, health endpoint, clean shutdown."""

from __future__ import annotations

import asyncio
import gc
import hmac
import json
import logging
import os
import signal
import sys
from dataclasses import dataclass, field
from typing import Any

import aiosqlite
import httpx
import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import Conflict, InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot import messages
from bot.cli import version
from bot.store.chats import ChatStore
from bot.store.db import connect
from bot.store.settings import SettingsStore
from bot.telegram import groups, handlers, subscriptions
from bot.telegram.config import ConfigError, Settings, load_settings
from bot.telegram.http import AiohttpRequest
from bot.telegram.notify import Notifier
from bot.telegram.ordering import ChatOrderedProcessor
from bot.telegram.send import Sender
from bot.trips.poller import FeedPoller, FeedStates
from bot.trips.registry import Outbox, Subscriptions, TripRegistry
from knowledge.store import load_default
from nlp.parse import default_pipeline

log = logging.getLogger("warrantwatch")

POLL_INTERVAL = 0.01
"""Seconds between getUpdates calls. Telegram answers a long poll as soon as one update is
waiting, so without a pause a busy bot polls once per update (0.3 ms of CPU each); 10 ms
gathers what arrives meanwhile into one call, for at most 10 ms more latency."""

EXIT_OK = 0
EXIT_CONFIG = 2
EXIT_CONFLICT = 3
EXIT_FATAL = 4


class RedactToken(logging.Filter):
    """Removes the bot token from every log line, whatever logger produced it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        # tracebacks too: an exception's text may carry a request URL, and the URL the token
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        if record.stack_info and self.token in record.stack_info:
            record.stack_info = record.stack_info.replace(self.token, "<token>")
        return True


_TRACEBACKS = logging.Formatter()


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    redact = RedactToken(settings.token.get_secret_value())
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
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
    builder = (
        ApplicationBuilder()
        .token(settings.token.get_secret_value())
        .base_url(settings.base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(AIORateLimiter(overall_max_rate=send_rate, max_retries=3))
        .concurrent_updates(ChatOrderedProcessor(max_running=concurrency))
    )
    transports: list[BaseRequest] = [request or AiohttpRequest(connection_pool_size=256)]
    builder = builder.request(transports[0])
    if settings.mode == "webhook":
        builder = builder.updater(None)
    else:
        transports.append(updates_request or AiohttpRequest(1))
        builder = builder.get_updates_request(transports[1])
    application = builder.build()
    application.bot_data["core"] = core
    application.bot_data["transports"] = transports
    groups.register(application)
    subscriptions.register(application)
    handlers.register(application)
    return application


class HealthHandler(tornado.web.RequestHandler):
    def initialize(self, info: dict[str, Any]) -> None:
        self.info = info

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps({"status": "ok", **self.info}))


class WebhookHandler(tornado.web.RequestHandler):
    """Receives updates; rejects any request without the configured secret token header."""

    def initialize(self, ptb_app: Application, secret: str) -> None:  # type: ignore[type-arg]
        self.ptb_app = ptb_app
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.set_status(403)
            self.write("forbidden")
            return
        try:
            data = json.loads(self.request.body or b"{}")
            update = Update.de_json(data, self.ptb_app.bot)
        except (ValueError, TypeError, KeyError):
            self.set_status(400)
            return
        await self.ptb_app.update_queue.put(update)
        self.set_status(200)


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


@dataclass
class BotRunner:
    """Runs the application until ``stop`` is set (signal, Conflict, or a test)."""

    settings: Settings
    application: Application  # type: ignore[type-arg]
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    exit_code: int = EXIT_OK
    servers: list[tornado.httpserver.HTTPServer] = field(default_factory=list)
    poller: FeedPoller | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    bound_ports: dict[str, int] = field(default_factory=dict)

    def info(self) -> dict[str, Any]:
        core: handlers.BotCore = self.application.bot_data["core"]
        return {
            "version": core.version,
            "data_as_of": core.kb.as_of.isoformat(),
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

    async def start(self) -> None:
        app = self.application
        try:
            await app.initialize()
        except BaseException:
            # PTB skips shutting down a bot whose initialize() failed: close its connections
            for transport in app.bot_data.get("transports", []):
                await transport.shutdown()
            raise
        await app.bot.set_my_commands([BotCommand(n, d[:256]) for n, d in messages.COMMANDS])
        await app.start()
        core: handlers.BotCore = app.bot_data["core"]
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
        info = self.info()
        if self.settings.mode == "webhook":
            secret = (
                self.settings.webhook_secret.get_secret_value()
                if (self.settings.webhook_secret)
                else ""
            )
            self._serve(
                "webhook",
                [
                    (
                        webhook_path(self.settings),
                        WebhookHandler,
                        {"ptb_app": app, "secret": secret},
                    ),
                    ("/healthz", HealthHandler, {"info": info}),
                ],
                self.settings.port,
            )
            await app.bot.set_webhook(
                url=self.settings.webhook_url or "",
                secret_token=secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await app.bot.delete_webhook()
            assert app.updater is not None
            await app.updater.start_polling(
                poll_interval=POLL_INTERVAL,
                timeout=10,
                allowed_updates=Update.ALL_TYPES,
                error_callback=self._poll_error,
            )
            if self.settings.health_port is not None:
                self._serve(
                    "health",
                    [("/healthz", HealthHandler, {"info": info})],
                    self.settings.health_port,
                )
        log.info("warrantwatch %s running (%s)", info["version"], self.settings.mode)

    async def shutdown(self) -> None:
        for server in self.servers:
            server.stop()
        core: handlers.BotCore = self.application.bot_data["core"]
        if core.notifier is not None:
            core.notifier.stop.set()
            core.notifier.wake.set()
        if self.poller is not None:
            self.poller.stop.set()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.poller is not None:
            await self.poller.client.aclose()
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        gc.unfreeze()

    async def run(self) -> int:
        await self.start()
        try:
            await self.stop.wait()
        finally:
            await self.shutdown()
        return self.exit_code


async def serve(settings: Settings) -> int:
    """Load everything, run until SIGTERM/SIGINT or a Conflict, then shut down cleanly."""
    kb = load_default()
    pipeline = default_pipeline()
    db = await connect(settings.db_path)
    chats = ChatStore(db)
    core = handlers.BotCore(
        kb=kb,
        pipeline=pipeline,
        sender=Sender(chats),
        chats=chats,
        settings=SettingsStore(db),
        version=version(),
        owner_ids=settings.owner_ids,
    )
    application = build_application(settings, core, send_rate=settings.send_rate)
    poller = attach_trip_updates(core, db, application, settings)
    runner = BotRunner(settings, application, poller=poller)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, runner.stop.set)
    try:
        return await runner.run()
    finally:
        await db.close()


def run_from_environment() -> int:
    """The ``warrantwatch run`` entry point: exit 2 on bad configuration, 3 on Conflict."""
    try:
        settings = load_settings(os.environ)
    except ConfigError as error:
        print(f"warrantwatch: {error}", file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(settings)
    try:
        return asyncio.run(serve(settings))
    except InvalidToken:
        log.critical("Telegram rejected the token (InvalidToken): check TELEGRAM_BOT_TOKEN")
        return EXIT_CONFIG
    except OSError as error:
        log.critical("cannot start: %s", error)
        return EXIT_FATAL
