"""/map <person>: a photo of who must arrest that person today, with a short caption.

Also the ``map:<person id>`` button, so that answers and trip notices can offer the map.
The map is rendered in a worker thread (``bot.maps`` caches it per person, date and language:
a fan-out renders once) and uploaded once: later sends of the same picture reuse Telegram's
``file_id``. Sending follows ``Sender``: retries, Forbidden deactivates the chat, failures are
recorded.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
from collections import OrderedDict
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, ReplyParameters, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, ExtBot

from bot.maps import find_person, map_caption, render_map
from bot.telegram.handlers import BotCore, core_of
from bot.telegram.ratelimit import ChatRateLimiter, Priority
from bot.telegram.send import MAX_RETRY_AFTER, Sender, Sent, retry_seconds
from nlp.parse import parse

log = logging.getLogger(__name__)

USAGE = "Send <code>/map</code> and a name, e.g. <code>/map Putin</code>."
UPLOADED_LIMIT = 256


def not_found(name: str) -> str:
    return (
        f"I know of no one called <i>{html.escape(name[:100])}</i>. "
        "Try <code>/map Putin</code> or <code>/map Netanyahu</code>."
    )


class PhotoSender:
    """Sends PNG photos like ``Sender`` sends text, and remembers uploads by content."""

    def __init__(self, sender: Sender) -> None:
        self.sender = sender
        self.uploaded: OrderedDict[str, str] = OrderedDict()
        """file_id by the PNG's SHA-256, for the most recent uploads."""

    async def send(
        self,
        bot: Bot,
        chat_id: int,
        png: bytes,
        caption: str,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
        reply_markup: InlineKeyboardMarkup | None = None,
        priority: Priority = "high",
    ) -> Sent | None:
        """``sendPhoto`` through the bot's rate limiter; None if it could not be delivered.

        ``priority`` is "low" for a notification fan-out (see ``send.post_json``).
        """
        digest = hashlib.sha256(png).hexdigest()
        limited = isinstance(bot, ExtBot) and isinstance(bot.rate_limiter, ChatRateLimiter)
        extra: dict[str, Any] = {"rate_limit_args": {"priority": priority}} if limited else {}
        last_error = "unknown error"
        for attempt in range(self.sender.attempts):
            file_id = self.uploaded.get(digest)
            try:
                message = await bot.send_photo(
                    chat_id,
                    photo=file_id or png,
                    caption=caption,
                    parse_mode=ParseMode.HTML,
                    reply_parameters=(
                        ReplyParameters(reply_to, allow_sending_without_reply=True)
                        if reply_to
                        else None
                    ),
                    message_thread_id=thread_id,
                    reply_markup=reply_markup,
                    **extra,
                )
            except RetryAfter as error:
                wait = retry_seconds(error)
                last_error = f"RetryAfter {wait:.0f}s"
                if wait > MAX_RETRY_AFTER:
                    break
                await asyncio.sleep(wait)
            except Forbidden as error:
                log.info("chat %s blocked the bot or removed it: marking inactive", chat_id)
                if self.sender.chats is not None:
                    await self.sender.chats.deactivate(chat_id, str(error))
                if self.sender.on_deactivate is not None:
                    self.sender.on_deactivate(chat_id)
                return None
            except ChatMigrated as error:
                if self.sender.chats is not None:
                    await self.sender.chats.migrate_chat(chat_id, error.new_chat_id)
                chat_id = error.new_chat_id
                last_error = "chat migrated"
            except BadRequest as error:
                last_error = f"BadRequest: {error.message}"
                if file_id is None:
                    break
                self.uploaded.pop(digest, None)  # a stale file_id: upload the bytes again
            except NetworkError as error:
                last_error = f"{type(error).__name__}: {error.message}"
                await asyncio.sleep(self.sender.base_delay * 2**attempt)
            else:
                self._remember(digest, message.photo[-1].file_id if message.photo else None)
                return Sent(chat_id=message.chat_id, message_id=message.message_id)
        log.warning("giving up sending a map to chat %s: %s", chat_id, last_error)
        if self.sender.chats is not None:
            await self.sender.chats.record_failure(chat_id, "sendPhoto", last_error, caption)
        return None

    def _remember(self, digest: str, file_id: str | None) -> None:
        if file_id is None:
            return
        self.uploaded[digest] = file_id
        self.uploaded.move_to_end(digest)
        while len(self.uploaded) > UPLOADED_LIMIT:
            self.uploaded.popitem(last=False)


def photo_sender(context: ContextTypes.DEFAULT_TYPE, core: BotCore) -> PhotoSender:
    """The application's PhotoSender (made on first use, kept in ``bot_data``)."""
    found = context.bot_data.get("photo_sender")
    if isinstance(found, PhotoSender):
        return found
    made = PhotoSender(core.sender)
    context.bot_data["photo_sender"] = made
    return made


def person_named(core: BotCore, name: str) -> str | None:
    """The person a /map argument names: exactly, else as the parser reads it."""
    found = find_person(core.kb, name)
    if found is not None:
        return found
    ids = parse(name[:200], today=core.today(), pipeline=core.pipeline).person_ids
    return ids[0] if ids else None


async def send_map(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    person: str,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> Sent | None:
    """Render (or reuse) today's map of ``person`` and send it with its caption."""
    core = core_of(context)
    today = core.today()
    png = await asyncio.to_thread(render_map, core.kb, person, on=today)
    caption = map_caption(core.kb, person, on=today)
    return await photo_sender(context, core).send(
        context.bot, chat_id, png, caption, reply_to=reply_to, thread_id=thread_id
    )


async def on_map(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/map <person> in any chat; in a group the photo replies to the command."""
    core, chat, message = core_of(context), update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    in_group = chat.type != ChatType.PRIVATE
    reply_to = message.message_id if in_group else None
    thread_id = message.message_thread_id if message.is_topic_message else None
    name = " ".join(context.args or []).strip()
    person = person_named(core, name) if name else None
    if person is None:
        text = not_found(name) if name else USAGE
        await core.sender.send(context.bot, chat.id, text, reply_to=reply_to, thread_id=thread_id)
        return
    await send_map(context, chat.id, person, reply_to=reply_to, thread_id=thread_id)


async def on_map_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The ``map:<person id>`` button under an answer or a trip notice."""
    callback, chat = update.callback_query, update.effective_chat
    if callback is None or callback.data is None or chat is None:
        return
    core = core_of(context)
    person = callback.data.removeprefix("map:")
    if person not in core.kb.people:
        await callback.answer()
        return
    await callback.answer()
    await send_map(context, chat.id, person)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Attach /map and the map button.

    Call it before ``handlers.register``: its catch-all for unknown private commands would
    otherwise answer /map with the help text.
    """
    application.add_handler(CommandHandler("map", on_map))
    application.add_handler(CallbackQueryHandler(on_map_button, pattern=r"^map:"))
