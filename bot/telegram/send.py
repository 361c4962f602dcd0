"""Sending that never loses a message silently: retries, backoff, and a record of failures."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.render import split_html
from bot.store.chats import ChatStore

log = logging.getLogger(__name__)

MAX_RETRY_AFTER = 60.0
"""Longest RetryAfter wait honoured inline; longer waits are recorded as failures."""


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
        reply_markup: InlineKeyboardMarkup | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> Message | None:
        """Send ``text`` (split at 4096 characters); returns the last message sent, if any."""
        parts = split_html(text)
        sent: Message | None = None
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
        markup: InlineKeyboardMarkup | None,
        reply_to: int | None,
        thread_id: int | None,
    ) -> Message | None:
        last_error = "unknown error"
        for attempt in range(self.attempts):
            try:
                return await bot.send_message(
                    chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    reply_parameters=ReplyParameters(
                        message_id=reply_to, allow_sending_without_reply=True
                    )
                    if reply_to
                    else None,
                    message_thread_id=thread_id,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
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
