"""Groups and channels' discussion groups: modes set by chat admins, answers that never spam."""

from __future__ import annotations

import datetime as dt
import html
import logging

from telegram import Bot, ChatMemberUpdated, Message, MessageEntity, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import (
    Application,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import messages
from bot.groups import message_link
from bot.message import MessageAnswer, answer_message
from bot.store.settings import MODES, Mode
from bot.telegram.handlers import (
    BotCore,
    allow_group_answer,
    asked_question,
    core_of,
    keyboard,
    usage_of,
)
from nlp.parse import parse
from nlp.query import Query

log = logging.getLogger(__name__)

ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
ADMIN_CACHE_SECONDS = 300.0
MAX_QUIET_MINUTES = 24 * 60
TRIP_INTENTS = ("arrest_risk", "person_trips")


async def is_admin(bot: Bot, message: Message, core: BotCore) -> bool:
    """Chat admins, including anonymous admins (messages sent on behalf of the chat)."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
        return True  # an anonymous admin writes as the group itself
    user = message.from_user
    if user is None:
        return False
    key = (message.chat.id, user.id)
    cached = core.admin_cache.get(key)
    if cached is not None:
        return cached
    member = await bot.get_chat_member(message.chat.id, user.id)
    result = member.status in ADMIN_STATUSES
    core.admin_cache.put(key, result)
    return result


async def refuse_non_admin(
    update: Update, context: ContextTypes.DEFAULT_TYPE, core: BotCore
) -> None:
    """One polite refusal per user and chat per minute; nothing changes."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    key = (message.chat.id, user.id if user else 0)
    if core.refusals.get(key) is not None:
        return
    core.refusals.put(key, True)
    await core.sender.send(
        context.bot, message.chat.id, messages.ADMINS_ONLY, reply_to=message.message_id
    )


async def _admin_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Message | None:
    """The message if its sender may change settings here; otherwise refuse (throttled)."""
    core, message = core_of(context), update.effective_message
    if message is None or core.settings is None:
        return None
    if await is_admin(context.bot, message, core):
        return message
    await refuse_non_admin(update, context, core)
    return None


async def on_autoanswer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/autoanswer on|off|mentions (chat admins only)."""
    message = await _admin_message(update, context)
    if message is None:
        return
    core = core_of(context)
    assert core.settings is not None
    choice = (context.args or [""])[0].lower()
    modes: dict[str, Mode] = {"on": "auto", **{m: m for m in MODES}}
    mode = modes.get(choice)
    if mode is None:
        await core.sender.send(
            context.bot, message.chat.id, messages.AUTOANSWER_USAGE, reply_to=message.message_id
        )
        return
    user = update.effective_user
    await core.settings.set_mode(message.chat.id, mode, user.id if user else None)
    await core.sender.send(
        context.bot, message.chat.id, messages.mode_changed(mode), reply_to=message.message_id
    )


async def on_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/settings: the chat's mode and quiet period (anyone may look)."""
    core, message = core_of(context), update.effective_message
    if message is None or core.settings is None:
        return
    mode = await core.settings.mode(message.chat.id)
    quiet = await core.settings.quiet_until(message.chat.id)
    now = dt.datetime.now(dt.UTC)
    await core.sender.send(
        context.bot,
        message.chat.id,
        messages.settings_text(mode, quiet if quiet and quiet > now else None),
        reply_to=message.message_id,
    )


async def on_quiet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/quiet <minutes>: no unprompted answers for a while (chat admins only)."""
    message = await _admin_message(update, context)
    if message is None:
        return
    core = core_of(context)
    assert core.settings is not None
    argument = (context.args or [""])[0]
    if not argument.isdigit() or not 0 <= int(argument) <= MAX_QUIET_MINUTES:
        await core.sender.send(
            context.bot, message.chat.id, messages.QUIET_USAGE, reply_to=message.message_id
        )
        return
    until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=int(argument))
    user = update.effective_user
    await core.settings.set_quiet(message.chat.id, until, user.id if user else None)
    await core.sender.send(
        context.bot,
        message.chat.id,
        messages.quiet_text(int(argument)),
        reply_to=message.message_id,
    )


def _addressed(message: Message, bot_username: str, bot_id: int) -> tuple[bool, str]:
    """Whether the message mentions or replies to the bot, and its text without the mention."""
    text = message.text or message.caption or ""
    mentioned = f"@{bot_username}".lower() in text.lower() or any(
        entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id
        for entity in (message.entities or message.caption_entities or ())
    )
    replied = bool(
        message.reply_to_message
        and message.reply_to_message.from_user
        and message.reply_to_message.from_user.id == bot_id
    )
    cleaned = text.replace(f"@{bot_username}", " ").strip()
    return mentioned or replied, cleaned


def _reports_a_trip(query: Query) -> bool:
    """A channel post in scope: a person and a place, about a visit or an arrest."""
    return bool(query.people and query.countries and query.intent in TRIP_INTENTS)


async def on_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text in a group: answer when addressed, or in auto mode when it is an in-scope question."""
    core, message = core_of(context), update.effective_message
    if message is None or core.settings is None:
        return
    sender = message.from_user
    if message.via_bot is not None or (
        sender is not None and sender.is_bot and (not message.is_automatic_forward)
    ):
        return  # never answer the bot's own or other bots' messages
    mode = await core.settings.mode(message.chat.id)
    if mode == "off":
        return
    prompted, text = _addressed(message, context.bot.username, context.bot.id)
    if not prompted:
        if mode != "auto":
            return
        quiet = await core.settings.quiet_until(message.chat.id)
        if quiet is not None and quiet > dt.datetime.now(dt.UTC):
            return
    today = core.today()
    previous = core.memory.contexts.get(message.chat.id) if prompted else None
    query = parse(text, context=previous, today=today, pipeline=core.pipeline)
    if message.is_automatic_forward:
        if not prompted and not (_reports_a_trip(query) or query.for_group()):
            return
        query = (
            query.model_copy(update={"intent": "arrest_risk"}) if _reports_a_trip(query) else query
        )
    elif not prompted and not query.for_group():
        return
    if not allow_group_answer(core, update):
        return  # over the sender's limit: quiet in groups (no warning to the whole chat)
    reply = answer_message(
        text,
        core.kb,
        today=today,
        context=previous,
        pipeline=core.pipeline,
        query=query,
        split=not message.is_automatic_forward,  # a channel's post is one report
    )
    await answer_in_group(update, context, reply, prompted=prompted)


async def answer_in_group(
    update: Update, context: ContextTypes.DEFAULT_TYPE, reply: MessageAnswer, *, prompted: bool
) -> None:
    """Send the reply (every question of the message in one) in the thread, or link to the
    earlier answer, within the chat's limits: one message, counted once.

    A chat's updates arrive one at a time (``bot.telegram.ordering``), so the gate's decision
    and its record cannot interleave with another message of the same chat.
    """
    core, message = core_of(context), update.effective_message
    if message is None:
        return
    chat = message.chat
    key = reply.key
    decision = core.group_gate.decide(chat.id, key, prompted=prompted)
    if decision.action == "skip":
        return
    thread = message.message_thread_id if message.is_topic_message else None
    if decision.action == "link" and decision.earlier_message_id is not None:
        link = message_link(chat.id, decision.earlier_message_id, chat.username)
        await core.sender.send(
            context.bot,
            chat.id,
            messages.already_answered(link),
            reply_to=message.message_id,
            thread_id=thread,
        )
        core.group_gate.record(chat.id, None, None, prompted=prompted)
        return
    result = reply.answer
    core.memory.contexts.put(chat.id, reply.context)
    answer_key = core.memory.remember_answer(result)
    sent = await core.sender.send(
        context.bot,
        chat.id,
        reply.html(),
        reply_markup=keyboard(result, answer_key),
        reply_to=message.message_id,
        thread_id=thread,
    )
    core.group_gate.record(chat.id, key, sent.message_id if sent else None, prompted=prompted)


async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Added to a group: one short introduction. Removed: mark inactive, keep settings."""
    change: ChatMemberUpdated | None = update.my_chat_member
    core = core_of(context)
    if change is None:
        return
    chat, old, new = change.chat, change.old_chat_member.status, change.new_chat_member.status
    present = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
    gone = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
    if new in gone:
        if core.chats is not None:
            await core.chats.deactivate(chat.id, f"bot {new} by {change.from_user.id}")
        core.recently_seen.pop(chat.id)
        return
    if new in present and old in gone and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        if core.chats is not None:
            await core.chats.seen(chat.id, chat.type)
        await core.sender.send(
            context.bot, chat.id, messages.group_intro(html.escape(context.bot.username))
        )


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: settings and history move to the new id."""
    message, core = update.effective_message, core_of(context)
    if message is None or message.migrate_to_chat_id is None:
        return
    old_id, new_id = message.chat.id, message.migrate_to_chat_id
    if core.chats is not None:
        await core.chats.migrate_chat(old_id, new_id)
    core.group_gate.move(old_id, new_id)
    log.info("chat %s migrated to %s", old_id, new_id)


async def on_group_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask, /status, /warrant, /warrants in a group: prompted, within the chat's limits."""
    core, message = core_of(context), update.effective_message
    if message is None or not message.text:
        return
    command, question = asked_question(message.text, context.args)
    if not question:
        await core.sender.send(
            context.bot, message.chat.id, usage_of(command), reply_to=message.message_id
        )
        return
    previous = core.memory.contexts.get(message.chat.id)
    reply = answer_message(
        question, core.kb, today=core.today(), context=previous, pipeline=core.pipeline
    )
    await answer_in_group(update, context, reply, prompted=True)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Group and channel handlers; registered before the private-chat ones."""
    groups = filters.ChatType.GROUPS
    application.add_handler(
        CommandHandler(["ask", "status", "warrant", "warrants"], on_group_command, filters=groups)
    )
    application.add_handler(CommandHandler("autoanswer", on_autoanswer, filters=groups))
    application.add_handler(CommandHandler("settings", on_settings, filters=groups))
    application.add_handler(CommandHandler("quiet", on_quiet, filters=groups))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))
    application.add_handler(
        MessageHandler(
            groups
            & (filters.TEXT | filters.CAPTION)
            & ~filters.COMMAND
            & filters.UpdateType.MESSAGE,
            on_group_message,
        )
    )
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
