"""Thin handlers: extract primitives, call the pure core, reply. Cross-cutting checks in `gate`."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import messages
from bot.answers import Answer
from bot.groups import GroupGate
from bot.inline import inline_answers
from bot.memory import ConversationMemory, LruStore
from bot.message import answer_message
from bot.render import render_html, render_sources_html, split_html
from bot.store.chats import ChatStore
from bot.store.settings import SettingsStore
from bot.trips.poller import FeedStates
from bot.trips.registry import Outbox, Subscriptions, TripRegistry

if TYPE_CHECKING:
    from bot.telegram.notify import Notifier
from bot.telegram.policy import InboundLimiter
from bot.telegram.send import Keyboard, Sender
from bot.telegram.updates import Health, SeenUpdates
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from nlp.query import IN_SCOPE_INTENTS, Mention, Query

log = logging.getLogger(__name__)

INLINE_CACHE_SECONDS = 300
INLINE_PER_MINUTE = 60
"""Inline queries arrive as the user types: a generous limit, but one."""


@dataclass
class BotCore:
    """Everything the handlers need, built once at start-up and kept in ``bot_data``."""

    kb: KnowledgeBase
    pipeline: Pipeline
    sender: Sender
    chats: ChatStore | None
    version: str
    owner_ids: frozenset[int] = frozenset()
    today: Callable[[], dt.date] = dt.date.today
    memory: ConversationMemory = field(default_factory=ConversationMemory)
    limiter: InboundLimiter = field(default_factory=InboundLimiter)
    inline_limiter: InboundLimiter = field(
        default_factory=lambda: InboundLimiter(limit=INLINE_PER_MINUTE, window=60.0)
    )
    health: Health = field(default_factory=Health)
    seen_updates: SeenUpdates = field(default_factory=SeenUpdates)
    settings: SettingsStore | None = None
    trips: TripRegistry | None = None
    subscriptions: Subscriptions | None = None
    outbox: Outbox | None = None
    notifier: Notifier | None = None
    feed_states: FeedStates | None = None
    group_gate: GroupGate = field(default_factory=GroupGate)
    admin_cache: LruStore[bool] = field(default_factory=lambda: LruStore[bool](20_000, 300.0))
    refusals: LruStore[bool] = field(default_factory=lambda: LruStore[bool](20_000, 60.0))
    recently_seen: LruStore[bool] = field(default_factory=lambda: LruStore[bool](50_000, 300.0))

    def __post_init__(self) -> None:
        # a chat marked inactive must be re-recorded as soon as it writes again
        self.sender.on_deactivate = self.recently_seen.pop


def core_of(context: ContextTypes.DEFAULT_TYPE) -> BotCore:
    core = context.bot_data["core"]
    assert isinstance(core, BotCore)
    return core


# --- the gate: every update passes here first ------------------------------------------------


async def drop_redelivered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An update_id already handled (a webhook redelivery, a batch refetched after a crash)
    is not handled again (group -2, before everything else).
    """
    core = core_of(context)
    if not core.seen_updates.first_time(update.update_id):
        core.health.duplicates += 1
        raise ApplicationHandlerStop


def counts_at_the_gate(update: Update) -> bool:
    """Whether an update counts against its sender's limit before any handler runs.

    Everything a person sends that the bot acts on counts: private messages, commands,
    button presses, and edits (which do nothing, but cost as much to receive). Plain
    messages in groups count only if the bot answers them (``allow_group_answer``), so
    chatter it ignores never uses up someone's limit.
    """
    message = update.message or update.channel_post
    if message is None:
        return update.edited_message is not None or update.callback_query is not None
    if message.chat.type == ChatType.PRIVATE:
        return True
    return bool(message.text and message.text.startswith("/"))


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Flood control and chat bookkeeping for every update (group -1)."""
    core = core_of(context)
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if update.inline_query is not None and user is not None:
        if core.inline_limiter.check(user.id) != "ok":
            raise ApplicationHandlerStop
        return
    if user is not None and counts_at_the_gate(update):
        verdict = core.limiter.check(user.id)
        private = chat is not None and chat.type == ChatType.PRIVATE
        if verdict == "warn" and chat is not None and private and update.edited_message is None:
            await core.sender.send(context.bot, chat.id, messages.SLOW_DOWN)  # never in groups
        if verdict != "ok":
            raise ApplicationHandlerStop
    if update.edited_message is not None or update.edited_channel_post is not None:
        raise ApplicationHandlerStop  # an edit is never run again (a command, a /report)
    known = chat is None or core.recently_seen.get(chat.id) is not None
    if not known and chat is not None and core.chats is not None and message is not None:
        core.recently_seen.put(chat.id, True)  # one write per chat every few minutes
        await core.chats.seen(chat.id, chat.type)


def allow_group_answer(core: BotCore, update: Update) -> bool:
    """The per-user limit for a group message the bot is about to answer (never warns)."""
    user = update.effective_user
    return user is None or core.limiter.check(user.id) == "ok"


# --- answering ------------------------------------------------------------------------------


def _button(text: str, data: str) -> list[dict[str, str]]:
    return [{"text": text, "callback_data": data}]


def keyboard(result: Answer, key: str, *, kb: KnowledgeBase | None = None) -> Keyboard | None:
    """Sources, Ask about another country, and (given ``kb``) a map and Subscribe to trips.

    The Bot API's JSON form rather than InlineKeyboardMarkup objects: building and serialising
    those cost more than rendering the answer.
    """
    rows = []
    if result.sources:
        rows.append(_button(f"Sources ({len(result.sources)})", f"src:{key}"))
    if result.people and result.verdict not in ("clarify", "unknown", "out_of_scope"):
        rows.append(_button("Ask about another country", f"ctry:{key}"))
    subject = next((p for p in result.people if kb is not None and kb.warrants_for(p.id)), None)
    if subject is not None:
        rows.append(_button(f"Map of who must arrest {subject.name}", f"map:{subject.id}"))
        rows.append(_button(f"Subscribe to trips of {subject.name}", f"sub:{subject.id}"))
    return {"inline_keyboard": rows} if rows else None


async def reply_with_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Answer every question in the message with the chat's context, and reply once with
    buttons (``bot.message``: several questions share the reply).

    A chat's updates arrive here one at a time (``bot.telegram.ordering``), so reading and
    updating its follow-up context needs no lock.
    """
    core = core_of(context)
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    previous = core.memory.contexts.get(chat.id)
    reply = answer_message(
        text, core.kb, today=core.today(), context=previous, pipeline=core.pipeline
    )
    result = reply.answer
    if reply.context.intent in IN_SCOPE_INTENTS:
        core.memory.contexts.put(chat.id, reply.context)
    key = core.memory.remember_answer(result)
    in_group = chat.type != ChatType.PRIVATE
    await core.sender.send(
        context.bot,
        chat.id,
        reply.html(),
        reply_markup=keyboard(result, key, kb=core.kb if core.subscriptions else None),
        reply_to=message.message_id if in_group else None,
        thread_id=message.message_thread_id if message.is_topic_message else None,
    )


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    if update.effective_message and update.effective_message.text:
        await reply_with_answer(update, context, update.effective_message.text)


def asked_question(text: str, args: list[str] | None) -> tuple[str, str]:
    """The command's name and the question it asks ('' when its argument is missing)."""
    command = text.split()[0].lstrip("/").split("@")[0].lower()
    return command, messages.command_question(command, " ".join(args or []))


def usage_of(command: str) -> str:
    return html.escape(next(text for name, text in messages.COMMANDS if name == command))


async def on_ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask, /status, /warrant, /warrants: the argument becomes a question."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command, question = asked_question(message.text, context.args)
    if not question:
        await send_text(update, context, usage_of(command))
        return
    await reply_with_answer(update, context, question)


async def send_text(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return
    in_group = chat.type != ChatType.PRIVATE
    await core_of(context).sender.send(
        context.bot,
        chat.id,
        text,
        reply_to=message.message_id if (in_group and message) else None,
    )


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    core, chat = core_of(context), update.effective_chat
    if core.subscriptions is not None and chat is not None:
        await core.subscriptions.set_active(chat.id, True)  # paused subscriptions resume
    await send_text(update, context, messages.start_text())


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_text(update, context, messages.help_text())


async def on_about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    core = core_of(context)
    await send_text(update, context, messages.about_text(core.kb, core.version))


async def on_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_text(update, context, messages.privacy_text())


async def on_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_text(update, context, messages.sources_text())


async def on_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/report <text>: stored for the maintainers and forwarded to the owners."""
    core, chat, user = core_of(context), update.effective_chat, update.effective_user
    text = " ".join(context.args or []).strip()
    if not text or chat is None:
        await send_text(update, context, messages.REPORT_USAGE)
        return
    if core.chats is not None:
        await core.chats.add_report(chat.id, user.id if user else None, text)
    for owner in core.owner_ids:
        await core.sender.send(
            context.bot, owner, f"<b>Report</b> from chat {chat.id}:\n{html.escape(text)}"
        )
    await send_text(update, context, messages.REPORT_THANKS)


async def on_not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice... in a private chat: a polite pointer, no error."""
    await send_text(update, context, messages.NOT_TEXT)


# --- buttons ---------------------------------------------------------------------------------


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Sources' expands the full list; 'Ask about another country' keeps the person."""
    callback, chat = update.callback_query, update.effective_chat
    if callback is None or callback.data is None or chat is None:
        return
    core = core_of(context)
    action, _, key = callback.data.partition(":")
    result = core.memory.answers.get(key)
    if result is None:
        await callback.answer(messages.ANSWER_EXPIRED)
        return
    await callback.answer()
    if action == "src":
        for part in split_html(render_sources_html(result)):
            await core.sender.send(context.bot, chat.id, part)
    elif action == "ctry":
        people = tuple(Mention(id=p.id, text=p.name, via="context") for p in result.people[:1])
        core.memory.contexts.put(
            chat.id,
            Query(text="", intent="arrest_risk", people=people, is_question=True, confidence=0.9),
        )
        await core.sender.send(context.bot, chat.id, messages.ASK_ANOTHER_COUNTRY)


# --- inline mode ------------------------------------------------------------------------------


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'@bot putin mongolia' -> up to five answers; empty -> example questions."""
    inline = update.inline_query
    if inline is None:
        return
    core = core_of(context)
    results = []
    for index, item in enumerate(
        inline_answers(inline.query[:500], core.kb, core.pipeline, core.today())
    ):
        digest = hashlib.sha1(f"{index}|{item.headline}".encode(), usedforsecurity=False)
        results.append(
            InlineQueryResultArticle(
                id=digest.hexdigest()[:32],
                title=_title(item),
                description=item.headline[:200],
                input_message_content=InputTextMessageContent(
                    render_html(item),
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                ),
            )
        )
    await inline.answer(results, cache_time=INLINE_CACHE_SECONDS, is_personal=False)


def _title(item: Answer) -> str:
    names = [p.name for p in item.people[:1]] + [c.name for c in item.countries[:1]]
    label = {
        "obliged": "Must arrest",
        "obliged_disputed": "Must arrest (disputed)",
        "not_obliged": "No duty to arrest",
        "own_state": "Own state: no duty",
        "no_warrant": "No known warrant",
        "in_custody": "In ICC custody",
        "deceased": "Deceased",
        "state_party": "State Party",
        "not_party": "Not a State Party",
        "wanted": "Wanted by the ICC",
        "application_pending": "Application, no warrant",
    }.get(item.verdict, "Answer")
    return f"{label}: {' / '.join(names)}" if names else item.question[:60] or label


# --- errors and registration ------------------------------------------------------------------


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One error handler: log with the update id (never the token), keep going."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s", update_id, exc_info=context.error)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Attach every handler to ``application``."""
    application.add_handler(TypeHandler(Update, drop_redelivered), group=-2)
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handler(CommandHandler("start", on_start))
    application.add_handler(CommandHandler("help", on_help))
    application.add_handler(CommandHandler("about", on_about))
    application.add_handler(CommandHandler("privacy", on_privacy))
    application.add_handler(CommandHandler("sources", on_sources))
    application.add_handler(CommandHandler("report", on_report))
    application.add_handler(
        CommandHandler(["ask", "status", "warrant", "warrants"], on_ask_command)
    )
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_private_text)
    )
    application.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_not_text)
    )
    application.add_handler(MessageHandler(private & filters.COMMAND, on_help))
    application.add_handler(CallbackQueryHandler(on_callback, pattern=r"^(src|ctry):"))
    application.add_handler(InlineQueryHandler(on_inline))
    application.add_error_handler(on_error)
