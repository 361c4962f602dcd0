"""``warrantwatch run``: settings, start-up with one-line failures, and a documented exit code.

Every way of failing to start prints one line on stderr saying what to do, with secrets
redacted, and exits with a code from ``bot.telegram.exits``; nothing is left running that
would keep the process alive.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import threading
from collections.abc import Mapping
from types import TracebackType
from urllib.parse import urlsplit

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.cli import version
from bot.store.db import DatabaseError, connect
from bot.telegram.app import BotRunner, assemble, configure_logging
from bot.telegram.config import ConfigError, Settings, load_settings
from bot.telegram.exits import (
    EXIT_BOT_API,
    EXIT_CONFIG,
    EXIT_DATABASE,
    EXIT_INTERNAL,
    EXIT_OK,
    StartupError,
)
from bot.telegram.redact import NO_SECRETS, Redactor
from knowledge.store import KnowledgeError, load_default
from nlp.parse import default_pipeline

log = logging.getLogger("warrantwatch")


def secrets_of(settings: Settings) -> list[str]:
    """What must never be printed: the token and the webhook secret."""
    found = [settings.token.get_secret_value()]
    if settings.webhook_secret is not None:
        found.append(settings.webhook_secret.get_secret_value())
    return found


def fail(code: int, message: str, redact: Redactor) -> int:
    """Print one line on stderr and return ``code``."""
    line = " ".join(redact(message).split())
    print(f"warrantwatch: {line}", file=sys.stderr, flush=True)
    return code


def install_excepthooks(redact: Redactor) -> None:
    """Uncaught exceptions in any thread print one redacted line, never a raw traceback."""

    def one_line(
        kind: type[BaseException], error: BaseException, _tb: TracebackType | None
    ) -> None:
        fail(EXIT_INTERNAL, f"unexpected error: {kind.__name__}: {error}", redact)

    sys.excepthook = one_line

    def in_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            one_line(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = in_thread


async def serve(settings: Settings) -> int:
    """Load everything, run until SIGTERM/SIGINT or a Conflict, then shut down cleanly."""
    try:
        kb = load_default()
    except KnowledgeError as error:
        raise StartupError(
            EXIT_INTERNAL,
            f"the knowledge data does not load ({len(error.errors)} problem(s)): "
            "run `warrantwatch knowledge check`",
        ) from None
    pipeline = default_pipeline()
    try:
        db = await connect(settings.db_path)
    except DatabaseError as error:
        raise StartupError(
            EXIT_DATABASE, f"{error} (check WARRANTWATCH_DB and the volume's permissions)"
        ) from None
    try:
        runner = assemble(settings, db, kb, pipeline, version=version())
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, runner.stop.set)
        await start_or_explain(runner, settings)
        try:
            await runner.stop.wait()
        finally:
            await runner.shutdown()
        return runner.exit_code
    finally:
        await db.close()


async def start_or_explain(runner: BotRunner, settings: Settings) -> None:
    """``runner.start()``, its failures turned into StartupError (it has cleaned up)."""
    host = urlsplit(settings.base_url).hostname or settings.base_url
    try:
        await runner.start()
    except InvalidToken:
        raise StartupError(
            EXIT_CONFIG, "Telegram rejected the token (InvalidToken): check TELEGRAM_BOT_TOKEN"
        ) from None
    except NetworkError as error:  # includes TimedOut
        raise StartupError(
            EXIT_BOT_API,
            f"cannot reach the Bot API at {host}: {error} "
            "(check the network and WARRANTWATCH_TELEGRAM_BASE_URL)",
        ) from None
    except TelegramError as error:
        raise StartupError(
            EXIT_BOT_API, f"the Bot API at {host} answered an error at start-up: {error}"
        ) from None
    except OSError as error:  # the webhook or health port
        raise StartupError(
            EXIT_CONFIG, f"cannot listen on {settings.listen}: {error.strerror or error}"
        ) from None


def run_from_environment(environ: Mapping[str, str] | None = None) -> int:
    """The ``warrantwatch run`` entry point; see ``bot.telegram.exits`` for the codes."""
    try:
        settings = load_settings(os.environ if environ is None else environ)
    except ConfigError as error:
        return fail(EXIT_CONFIG, str(error), NO_SECRETS)
    redact = Redactor(secrets_of(settings))
    configure_logging(settings.log_level, redact)
    install_excepthooks(redact)
    try:
        code = asyncio.run(serve(settings))
    except StartupError as error:
        code = fail(error.code, str(error), redact)
    except KeyboardInterrupt:
        code = EXIT_OK
    except Exception as error:
        log.debug("unexpected error", exc_info=True)  # the traceback, redacted, at DEBUG
        code = fail(EXIT_INTERNAL, f"unexpected error: {type(error).__name__}: {error}", redact)
    leave_if_threads_linger(code)
    return code


def leave_if_threads_linger(code: int, grace: float = 2.0) -> None:
    """Exit now if a non-daemon thread would keep the process alive (no hang, ever)."""
    for thread in threading.enumerate():
        if thread is threading.main_thread() or thread.daemon:
            continue
        thread.join(grace)
        if thread.is_alive():
            log.warning("a thread did not stop (%s): exiting anyway", thread.name)
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
