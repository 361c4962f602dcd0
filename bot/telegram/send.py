"""Sending that never loses a message silently: retries, backoff, and a record of failures."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, TelegramObject
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
)
from telegram.ext import ExtBot
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.render import split_html
from bot.store.chats import ChatStore
from bot.telegram.ratelimit import ChatRateLimiter, Priority

log = logging.getLogger(__name__)

MAX_RETRY_AFTER = 60.0
"""Longest RetryAfter wait honoured inline; longer waits are recorded as failures."""


Keyboard = dict[str, list[list[dict[str, str]]]]
"""An inline keyboard in the Bot API's JSON form: {"inline_keyboard": [[{"text", ...}]]}."""


@dataclass(frozen=True)
class Sent:
    """Where a message landed (all we use of Telegram's answer)."""

    chat_id: int
    message_id: int


async def send_html(
    bot: Bot,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | Keyboard | None = None,
    reply_to: int | None = None,
    thread_id: int | None = None,
    silent: bool = False,
    priority: Priority = "high",
) -> Sent:
    """``sendMessage`` in HTML without link previews, through the bot's rate limiter.

    The parameters are built here as the JSON Telegram reads (see ``post_json``), and of the
    answer only the chat and message ids are read: ``Bot.send_message`` would build
    ``TelegramObject``s on the way out and a full ``Message`` (every entity an object) on the
    way back. ``priority`` is "low" for notification fan-out (see ``post_json``).
    """
    params: dict[str, Any] = {
        "chat_id": chat_id,
        "text": text,
        "parse_mode": ParseMode.HTML.value,
        "link_preview_options": {"is_disabled": True},
    }
    if reply_markup is not None:
        params["reply_markup"] = (
            reply_markup.to_dict() if isinstance(reply_markup, TelegramObject) else reply_markup
        )
    if reply_to:
        params["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
    if thread_id is not None:
        params["message_thread_id"] = thread_id
    if silent:
        params["disable_notification"] = True
    result = await post_json(bot, "sendMessage", params, priority=priority)
    return Sent(chat_id=int(result["chat"]["id"]), message_id=int(result["message_id"]))


async def post_json(
    bot: Bot, method: str, params: dict[str, Any], *, priority: Priority = "high"
) -> Any:
    """Call a Bot API method whose parameters are already JSON values; returns its result.

    The request goes where ``bot.do_api_request`` sends it: through the bot's rate limiter (an
    ``ExtBot``'s, which also retries RetryAfter) to its transport, whose answer becomes the
    result or the same ``TelegramError`` (RetryAfter, Forbidden, ChatMigrated, BadRequest,
    NetworkError, ...). What it skips is the per-call work that costs more than the request
    on our side: ``Defaults`` (the caller passes every parameter itself), converting
    ``TelegramObject`` parameters and arbitrary callback data (neither is used here).

    ``priority`` goes to a ``ChatRateLimiter`` as ``rate_limit_args``: "high" (a reply to a
    person) goes before "low" (notification fan-out, which gets a RetryAfter back at once to
    reschedule). Other limiters get no ``rate_limit_args``: theirs mean something else.
    """
    url = f"{bot.base_url}/{method}"
    data = RequestData([RequestParameter(name, value, None) for name, value in params.items()])
    limiter = bot.rate_limiter if isinstance(bot, ExtBot) else None
    if limiter is None:
        return await bot.request.post(url, data)
    return await limiter.process_request(
        callback=bot.request.post,
        args=(url, data),
        kwargs={},
        endpoint=method,
        data=params,
        rate_limit_args={"priority": priority} if isinstance(limiter, ChatRateLimiter) else None,
    )


def retry_seconds(error: RetryAfter) -> float:
    value: Any = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class Sender:
    """Sends HTML messages with retries; Forbidden deactivates the chat; failures are recorded."""

    def __init__(
        self, chats: ChatStore | None, *, attempts: int = 4, base_delay: float = 0.5
    ) -> None:
        self.chats = chats
        self.attempts = attempts
        self.base_delay = base_delay
        self.on_deactivate: Callable[[int], object] | None = None
        """Called with the chat id when a chat is marked inactive (e.g. to drop caches)."""

    async def send(
        self,
        bot: Bot,
        chat_id: int,
        text: str,
        *,
        reply_markup: InlineKeyboardMarkup | Keyboard | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> Sent | None:
        """Send ``text`` (split at 4096 characters); returns the last message sent, if any."""
        parts = split_html(text)
        sent: Sent | None = None
        for index, part in enumerate(parts):
            markup = reply_markup if index == len(parts) - 1 else None
            sent = await self._send_one(bot, chat_id, part, markup, reply_to, thread_id)
            if sent is None:
                return None
            chat_id = sent.chat_id  # may have changed after a group migration
        return sent

    async def _send_one(
        self,
        bot: Bot,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | Keyboard | None,
        reply_to: int | None,
        thread_id: int | None,
    ) -> Sent | None:
        last_error = "unknown error"
        for attempt in range(self.attempts):
            try:
                return await send_html(
                    bot, chat_id, text, reply_markup=markup, reply_to=reply_to, thread_id=thread_id
                )
            except RetryAfter as error:
                wait = retry_seconds(error)
                last_error = f"RetryAfter {wait:.0f}s"
                if wait > MAX_RETRY_AFTER:
                    break
                await asyncio.sleep(wait)
            except Forbidden as error:
                log.info("chat %s blocked the bot or removed it: marking inactive", chat_id)
                if self.chats is not None:
                    await self.chats.deactivate(chat_id, str(error))
                if self.on_deactivate is not None:
                    self.on_deactivate(chat_id)
                return None
            except ChatMigrated as error:
                if self.chats is not None:
                    await self.chats.migrate_chat(chat_id, error.new_chat_id)
                chat_id = error.new_chat_id
                last_error = "chat migrated"
            except BadRequest as error:  # not transient: do not retry the same request
                last_error = f"BadRequest: {error.message}"
                break
            except NetworkError as error:  # includes TimedOut
                last_error = f"{type(error).__name__}: {error.message}"
                await asyncio.sleep(self.base_delay * 2**attempt)
        log.warning("giving up sending to chat %s: %s", chat_id, last_error)
        if self.chats is not None:
            await self.chats.record_failure(chat_id, "sendMessage", last_error, text)
        return None
