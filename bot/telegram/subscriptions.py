"""Trip subscriptions and owners' trip commands (thin handlers over bot.trips)."""

from __future__ import annotations

import datetime as dt
import html
import re

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.format import day
from bot.telegram.groups import is_admin, refuse_non_admin
from bot.telegram.handlers import BotCore, core_of
from bot.trips.extract import tracked_person, traveller_and_host
from bot.trips.registry import SubscriptionKind
from knowledge.models import TripStatus
from nlp.parse import parse

USAGE = (
    "Use <code>/subscribe Putin</code> (trips of a person with an ICC warrant), "
    "<code>/subscribe country Mongolia</code> (any warrant subject visiting it) or "
    "<code>/subscribe all</code>; add <code>silent</code> for notifications without sound."
)
STATUSES: tuple[TripStatus, ...] = (
    "announced",
    "postponed",
    "under_way",
    "completed",
    "cancelled",
    "skipped",
)
DATES = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$")


def _message(update: Update) -> Message | None:
    return update.effective_message


async def _may_configure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private chats: the user. Groups: chat admins. Channels: whoever may post (admins)."""
    message = _message(update)
    if message is None:
        return False
    if message.chat.type in (ChatType.PRIVATE, ChatType.CHANNEL):
        return True
    core = core_of(context)
    if await is_admin(context.bot, message, core):
        return True
    await refuse_non_admin(update, context, core)
    return False


def _target(core: BotCore, words: list[str]) -> tuple[SubscriptionKind, str, str] | None:
    """(kind, target id, display name) from the command's words, or None."""
    if not words:
        return None
    if words[0].lower() == "all":
        return "all", "", "all trips"
    if words[0].lower() == "country":
        query = parse(" ".join(words[1:]), today=core.today(), pipeline=core.pipeline)
        if not query.country_codes:
            return None
        code = query.country_codes[0]
        return "country", code, f"trips to {core.kb.state_name(code)}"
    query = parse(" ".join(words), today=core.today(), pipeline=core.pipeline)
    person = tracked_person(query, core.kb)
    if person is None:
        return None
    return "person", person, f"trips of {core.kb.people[person].name}"


async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    core, message = core_of(context), _message(update)
    if message is None or core.subscriptions is None or not await _may_configure(update, context):
        return
    words = [w for w in (message.text or "").split()[1:]]
    silent = bool(words) and words[-1].lower() == "silent"
    target = _target(core, words[:-1] if silent else words)
    if target is None:
        await core.sender.send(context.bot, message.chat.id, USAGE)
        return
    kind, key, label = target
    await core.subscriptions.subscribe(message.chat.id, kind, key, silent=silent)
    await core.sender.send(
        context.bot,
        message.chat.id,
        f"Subscribed to {html.escape(label)}{' (silent)' if silent else ''}. "
        "I will post when a trip is reported, with what the host must do.",
    )


async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    core, message = core_of(context), _message(update)
    if message is None or core.subscriptions is None or not await _may_configure(update, context):
        return
    words = (message.text or "").split()[1:]
    if words and words[0].lower() == "all":
        removed = await core.subscriptions.unsubscribe(message.chat.id)
    else:
        target = _target(core, words)
        if target is None:
            await core.sender.send(
                context.bot,
                message.chat.id,
                "Use <code>/unsubscribe Putin</code>, "
                "<code>/unsubscribe country Mongolia</code> or "
                "<code>/unsubscribe all</code>.",
            )
            return
        removed = await core.subscriptions.unsubscribe(message.chat.id, target[0], target[1])
    await core.sender.send(
        context.bot,
        message.chat.id,
        f"Removed {removed} subscription(s)." if removed else "There was no such subscription.",
    )


async def on_subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    core, message = core_of(context), _message(update)
    if message is None or core.subscriptions is None:
        return
    rows = await core.subscriptions.of_chat(message.chat.id)
    if not rows:
        text = "No subscriptions here. " + USAGE
    else:
        lines = []
        for kind, target, silent, active in rows:
            name = (
                core.kb.people[target].name
                if kind == "person" and target in core.kb.people
                else core.kb.state_name(target)
                if kind == "country"
                else "all trips"
            )
            flags = ", ".join(f for f, on in (("silent", silent), ("paused", not active)) if on)
            lines.append(f"• {html.escape(name)}{f' ({flags})' if flags else ''}")
        text = "<b>Subscriptions</b>\n" + "\n".join(lines)
    await core.sender.send(context.bot, message.chat.id, text)


async def on_subscribe_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The 'Subscribe to trips of <person>' button on answers."""
    callback, core = update.callback_query, core_of(context)
    if callback is None or callback.data is None or callback.message is None:
        return
    person = callback.data.partition(":")[2]
    chat = callback.message.chat
    if core.subscriptions is None or person not in core.kb.people:
        await callback.answer()
        return
    if chat.type != ChatType.PRIVATE:
        await callback.answer("In groups, admins can use /subscribe.")
        return
    await core.subscriptions.subscribe(chat.id, "person", person)
    await callback.answer(f"Subscribed to trips of {core.kb.people[person].name}.")


async def _owner_only(update: Update, context: ContextTypes.DEFAULT_TYPE, core: BotCore) -> bool:
    """Whether the sender is a configured owner; others get a one-line refusal."""
    user, message = update.effective_user, update.effective_message
    if user is not None and user.id in core.owner_ids:
        return True
    if message is not None:
        await core.sender.send(context.bot, message.chat.id, "Only the bot's owners can do that.")
    return False


async def on_trip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Owners: /trip add <person> <country> [YYYY-MM-DD[..YYYY-MM-DD]] [url]; /trip update."""
    core, message = core_of(context), _message(update)
    if message is None or core.trips is None or core.notifier is None:
        return
    if not await _owner_only(update, context, core):
        return
    words = (message.text or "").split()[1:]
    if len(words) >= 3 and words[0] == "update" and words[1].isdigit() and words[2] in STATUSES:
        event = await core.trips.set_status(int(words[1]), words[2])
        await core.notifier.publish(event)
        await core.sender.send(
            context.bot, message.chat.id, "Updated." if event else "No such trip, or no change."
        )
        return
    if len(words) >= 3 and words[0] == "add":
        await _trip_add(update, context, core, message, words[1:])
        return
    await core.sender.send(
        context.bot,
        message.chat.id,
        "Use <code>/trip add Putin Mongolia 2026-12-03..2026-12-04 URL</code>"
        " or <code>/trip update ID STATUS</code> "
        f"({', '.join(STATUSES)}).",
    )


async def _trip_add(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    core: BotCore,
    message: Message,
    words: list[str],
) -> None:
    assert core.trips is not None and core.notifier is not None
    url = next((w for w in words if w.startswith("https://")), "")
    dates = next((DATES.match(w) for w in words if DATES.match(w)), None)
    rest = " ".join(w for w in words if w != url and not DATES.match(w))
    query = parse(rest, today=core.today(), pipeline=core.pipeline)
    person, host = traveller_and_host(query, core.kb)
    if person is None or host is None:
        await core.sender.send(
            context.bot, message.chat.id, "I need a person with an ICC warrant and a host country."
        )
        return
    start = dt.date.fromisoformat(dates[1]) if dates else None
    finish = dt.date.fromisoformat(dates[2]) if dates and dates[2] else None
    status: TripStatus = "announced" if not start or start >= core.today() else "completed"
    recorded = await core.trips.record(
        person,
        host,
        status,
        start=start,
        finish=finish,
        origin="owner",
        url=url,
        title="added by an owner",
        seen=core.today(),
    )
    await core.notifier.publish(recorded.event_id)
    when = f" from {day(start)}" if start else ""
    await core.sender.send(
        context.bot,
        message.chat.id,
        f"Trip #{recorded.trip_id}: {html.escape(core.kb.people[person].name)} to "
        f"{html.escape(core.kb.state_name(host))}{when} "
        f"({'new' if recorded.created else 'merged with an earlier report'}).",
    )


async def on_trips(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    core, message = core_of(context), _message(update)
    if message is None or core.trips is None:
        return
    rows = await core.trips.recent(10)
    if not rows:
        await core.sender.send(context.bot, message.chat.id, "No trips reported yet.")
        return
    lines = [
        f"#{t.id} {html.escape(core.kb.people[t.person].name)} → "
        f"{html.escape(core.kb.state_name(t.host))}: {t.status.replace('_', ' ')}"
        + (f", {day(t.start)}" if t.start else "")
        for t in rows
    ]
    await core.sender.send(
        context.bot, message.chat.id, "<b>Recent trips</b>\n" + "\n".join(lines)
    )


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Owners: subscribers, deliveries, feed health."""
    core, message = core_of(context), _message(update)
    if message is None or core.subscriptions is None or core.outbox is None:
        return
    if not await _owner_only(update, context, core):
        return
    active, paused = await core.subscriptions.count()
    counts = await core.outbox.counts()
    lines = [
        f"Subscriptions: {active} active, {paused} paused",
        "Deliveries: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        if counts
        else "Deliveries: none yet",
    ]
    health = core.health
    lines.append(
        f"Updates skipped (unparseable): {health.skipped}; repeated (not re-handled): "
        f"{health.duplicates}"
    )
    in_doubt = await core.outbox.in_doubt()
    if in_doubt:
        lines.append(f"Interrupted by a crash, delivery unknown (not resent): {in_doubt}")
    if core.feed_states is not None:
        for state in await core.feed_states.all():
            ok = (
                state.last_success.isoformat(timespec="minutes") if state.last_success else "never"
            )
            lines.append(
                f"Feed {html.escape(state.url)}: last success {ok}"
                + (f"; last error {html.escape(state.last_error)}" if state.last_error else "")
            )
    await core.sender.send(context.bot, message.chat.id, "\n".join(lines))


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Subscription and trip commands (channels included: their posts come from admins)."""
    application.add_handler(CommandHandler("subscribe", on_subscribe))
    application.add_handler(CommandHandler("unsubscribe", on_unsubscribe))
    application.add_handler(CommandHandler("subscriptions", on_subscriptions))
    application.add_handler(CommandHandler("trip", on_trip))
    application.add_handler(CommandHandler("trips", on_trips))
    application.add_handler(CommandHandler("stats", on_stats))
    channel = filters.ChatType.CHANNEL & filters.UpdateType.CHANNEL_POST
    application.add_handler(
        MessageHandler(channel & filters.Regex(r"^/subscribe\b"), on_subscribe)
    )
    application.add_handler(
        MessageHandler(channel & filters.Regex(r"^/unsubscribe\b"), on_unsubscribe)
    )
    application.add_handler(
        MessageHandler(channel & filters.Regex(r"^/subscriptions\b"), on_subscriptions)
    )
    application.add_handler(CallbackQueryHandler(on_subscribe_button, pattern=r"^sub:"))
