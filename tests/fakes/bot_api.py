"""A fake Telegram Bot API server for end-to-end tests.

The real python-telegram-bot ``Application`` talks to this server over HTTP on 127.0.0.1,
exactly as it would talk to api.telegram.org::

    with FakeBotAPI() as server:
        app = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(f"{server.url}/bot")
            .base_file_url(f"{server.url}/file/bot")
            .request(HTTPXRequest(httpx_kwargs={"trust_env": False}))
            .get_updates_request(HTTPXRequest(httpx_kwargs={"trust_env": False}))
            .build()
        )
        ...
        server.push_update(message_update("/start", chat_id=1001, user_id=1001))
        await server.wait_for_async(lambda s: s.sent_messages(chat_id=1001))

Standard library only.  One ``RLock`` guards all state.  :meth:`FakeBotAPI.wait_for` and its
async twin wait on a ``threading.Condition`` over it that every change notifies; long polls wait
on a second one that only changes to the update queue (and stopping) notify, so that recording
a call does not wake an idle ``getUpdates``.

Request encoding (python-telegram-bot 22): parameters arrive as
``application/x-www-form-urlencoded`` (``multipart/form-data`` when files are uploaded).  Each
value is a string: ``str`` parameters are sent verbatim, everything else (ints, bools, lists,
dicts such as ``reply_markup``) is ``json.dumps``-ed.  The server decodes each value with
``json.loads`` and keeps the raw string when that fails, except for the parameters in
:data:`STRING_PARAMS`, which are always kept as strings (so ``text="123"`` stays ``"123"``).
A JSON body (``application/json``) is accepted too and used as is.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email
import email.utils
import functools
import html
import http.client
import itertools
import json
import re
import socket
import socketserver
import sys
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

# --------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------

BOT_ID = 4242
BOT_USERNAME = "warrantwatch_bot"
BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "WarrantWatch",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}
"""What ``getMe`` returns."""

BOT_SENDER: dict[str, Any] = {
    key: BOT_USER[key] for key in ("id", "is_bot", "first_name", "username")
}
"""The ``from`` of messages the bot sends (Telegram omits the getMe-only flags there)."""

DEFAULT_USER_ID = 1001
DEFAULT_USERNAME = "alice"
DEFAULT_GROUP_ID = -4000000001
DEFAULT_SUPERGROUP_ID = -1001000000001
DEFAULT_CHANNEL_ID = -1002000000001
TELEGRAM_SERVICE_USER_ID = 777000
GROUP_ANONYMOUS_BOT_ID = 1087968824
CHANNEL_BOT_ID = 136817688

MAX_MESSAGE_LENGTH = 4096
"""Message text limit, counted in UTF-16 code units after entity parsing (the strict reading)."""

MAX_LONG_POLL = 50.0

STRING_PARAMS = frozenset(
    {
        "action",
        "address",
        "animation",
        "audio",
        "business_connection_id",
        "callback_query_id",
        "caption",
        "description",
        "document",
        "emoji",
        "explanation",
        "file_id",
        "first_name",
        "foursquare_id",
        "inline_message_id",
        "inline_query_id",
        "ip_address",
        "language_code",
        "last_name",
        "message_effect_id",
        "name",
        "next_offset",
        "parse_mode",
        "photo",
        "query",
        "question",
        "secret_token",
        "short_description",
        "sticker",
        "switch_pm_parameter",
        "switch_pm_text",
        "text",
        "thumbnail",
        "title",
        "url",
        "username",
        "video",
        "video_note",
        "voice",
    }
)
"""Form fields never JSON-decoded: their value is the string PTB sent."""

DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
"""Update types Telegram withholds unless ``allowed_updates`` asks for them."""

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

BUTTON_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)

MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted", "left", "kicked"})

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected error",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

_query_ids = itertools.count(5_000_000_000_000_000_001)


# --------------------------------------------------------------------------------------------
# Records and errors
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Call:
    """One Bot API request as the server saw it.

    ``at`` is ``time.monotonic()`` when the request arrived; the call is recorded once it has
    been answered.  ``method`` is the canonical camelCase name (``sendMessage``) whatever case
    the client used.  ``answer`` is the JSON body the client received; ``result`` is its
    ``result`` (None for an error), decoded when first read.
    """

    method: str
    params: dict[str, Any]
    at: float
    files: dict[str, UploadedFile] = field(default_factory=dict)
    ok: bool = True
    error_code: int | None = None
    description: str | None = None
    answer: bytes = b""

    @functools.cached_property
    def result(self) -> Any:
        """What the method returned, as the client received it."""
        if not self.ok or not self.answer:
            return None
        return json.loads(self.answer)["result"]


class BotAPIError(Exception):
    """Raise from a method implementation to answer ``{"ok": false, ...}``."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.parameters = parameters or {}

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def _bad_request(what: str, parameters: dict[str, Any] | None = None) -> BotAPIError:
    return BotAPIError(400, f"Bad Request: {what}", parameters)


@dataclass
class _Fault:
    method: str
    error: BotAPIError
    remaining: int | None
    chat_id: str | None
    """Only calls to this chat (compared as text), or None for any."""


# --------------------------------------------------------------------------------------------
# Text helpers: UTF-16 lengths and Telegram's HTML parse mode
# --------------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


_HTML_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_ATTR = re.compile(r"""([A-Za-z_][\w-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_ALL_TAGS = {*_SIMPLE_TAGS, "span", "a", "tg-emoji"}
_TAG_NAME = re.compile(r"[A-Za-z][\w-]*")
_EXPANDABLE = re.compile(r"(^|\s)expandable(\s|/?$)")
_TEXT_MENTION = re.compile(r"tg://user\?id=(\d+)")


def _unescape(chunk: str) -> str:
    if "&" not in chunk:
        return chunk

    def repl(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#"):
            code = int(name[2:], 16) if name[1:2] in "xX" else int(name[1:])
            try:
                return chr(code)
            except (ValueError, OverflowError):
                return match.group(0)
        return html.unescape(match.group(0))

    return _HTML_ENTITY.sub(repl, chunk)


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into ``(plain_text, entities)`` or raise :class:`BotAPIError`.

    Mirrors the Bot API's rules: only the documented tags, balanced nesting, ``<`` must open a
    tag.  The named entities ``&lt; &gt; &amp; &quot;`` and numeric ones are decoded; any other
    ``&`` is kept literally.  Entity offsets and lengths are UTF-16 code units.
    """
    out: list[str] = []
    pos16 = 0
    stack: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(text):
        lt = text.find("<", i)
        if lt == -1:
            chunk = _unescape(text[i:])
            out.append(chunk)
            pos16 += utf16_len(chunk)
            break
        if lt > i:
            chunk = _unescape(text[i:lt])
            out.append(chunk)
            pos16 += utf16_len(chunk)
        gt = text.find(">", lt)
        if gt == -1:
            raise _bad_request(
                f"can't parse entities: Unclosed start tag at byte offset {_byte_offset(text, lt)}"
            )
        inner = text[lt + 1 : gt]
        i = gt + 1
        if inner.startswith("/"):
            name = inner[1:].strip().lower()
            if not stack:
                raise _bad_request(
                    "can't parse entities: Unexpected end tag at byte offset "
                    f"{_byte_offset(text, lt)}"
                )
            top = stack.pop()
            if name != top["tag"]:
                raise _bad_request(
                    "can't parse entities: Unmatched end tag at byte offset "
                    f'{_byte_offset(text, lt)}, expected "</{top["tag"]}>", found "</{name}>"'
                )
            _close_tag(top, pos16, stack, entities)
            continue
        name_match = _TAG_NAME.match(inner)
        name = name_match.group(0).lower() if name_match else ""
        if name not in _ALL_TAGS:
            raise _bad_request(
                f'can\'t parse entities: Unsupported start tag "{name}" '
                f"at byte offset {_byte_offset(text, lt)}"
            )
        rest = inner[len(name) :]
        attrs = (
            {
                m.group(1).lower(): _unescape(next(g for g in m.group(3, 4, 5) if g is not None))
                for m in _ATTR.finditer(rest)
            }
            if rest
            else {}
        )
        if rest and _EXPANDABLE.search(rest):
            attrs.setdefault("expandable", "")
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise _bad_request('can\'t parse entities: Tag "span" must have class "tg-spoiler"')
        stack.append({"tag": name, "start": pos16, "attrs": attrs})
    if stack:
        raise _bad_request(
            "can't parse entities: Can't find end tag corresponding to start tag "
            f'"{stack[-1]["tag"]}"'
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _byte_offset(text: str, index: int) -> int:
    """The UTF-8 byte offset of ``text[index]`` (Telegram's unit in parse errors)."""
    return len(text[:index].encode("utf-8"))


@functools.lru_cache(maxsize=256)
def _parsed_html(text: str) -> tuple[str, tuple[dict[str, Any], ...]]:
    """``parse_html`` remembered: a broadcast sends one text to thousands of chats."""
    plain, entities = parse_html(text)
    return plain, tuple(entities)


def _close_tag(
    top: dict[str, Any], pos16: int, stack: list[dict[str, Any]], entities: list[dict[str, Any]]
) -> None:
    tag, attrs = top["tag"], top["attrs"]
    if tag == "code" and stack and stack[-1]["tag"] == "pre":
        language = attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1]["language"] = language.removeprefix("language-")
            return
    length = pos16 - top["start"]
    if length <= 0:
        return
    entity: dict[str, Any] = {"offset": top["start"], "length": length}
    if tag == "a":
        href = attrs.get("href")
        if not href:
            return
        user = _TEXT_MENTION.fullmatch(href)
        if user:
            entity |= {"type": "text_mention", "user": _user(int(user.group(1)))}
        else:
            entity |= {"type": "text_link", "url": href}
    elif tag == "tg-emoji":
        entity |= {"type": "custom_emoji", "custom_emoji_id": attrs.get("emoji-id", "")}
    elif tag == "span":
        entity["type"] = "spoiler"
    elif tag == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    else:
        entity["type"] = _SIMPLE_TAGS[tag]
        if tag == "pre" and top.get("language"):
            entity["language"] = top["language"]
    entities.append(entity)


def _strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace the way Telegram does, shifting entities to match."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(total, entity["offset"] + entity["length"] - lead)
        if end > start:
            result.append(entity | {"offset": start, "length": end - start})
    return stripped, result


def format_text(
    text: Any, parse_mode: Any = None, entities: Any = None
) -> tuple[str, list[dict[str, Any]]]:
    """What Telegram stores for a message text: ``(text, entities)`` or a ``BotAPIError``.

    HTML is parsed and validated; Markdown/MarkdownV2 text is passed through unparsed.
    """
    if text is None or text == "":
        raise _bad_request("message text is empty")
    text = str(text)
    if entities:
        plain, ents = text, list(entities)
    elif parse_mode is None or parse_mode == "":
        plain, ents = text, []
    elif str(parse_mode).lower() == "html":
        plain, parsed = _parsed_html(text)
        ents = [dict(entity) for entity in parsed]  # callers may keep or change them
    elif str(parse_mode).lower() in {"markdown", "markdownv2"}:
        plain, ents = text, []
    else:
        raise _bad_request("unsupported parse_mode")
    plain, ents = _strip_text(plain, ents)
    if not plain:
        raise _bad_request("message text is empty")
    if utf16_len(plain) > MAX_MESSAGE_LENGTH:
        raise _bad_request("message is too long")
    return plain, ents


def _validate_reply_markup(markup: Any) -> None:
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list):
        raise _bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise _bad_request("text buttons are unallowed in the inline keyboard")
            if not BUTTON_ACTIONS & button.keys():
                raise _bad_request("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise _bad_request("BUTTON_DATA_INVALID")


# --------------------------------------------------------------------------------------------
# Update builders: plain dicts shaped like the Bot API JSON
# --------------------------------------------------------------------------------------------


def _now() -> int:
    return int(time.time())


def _user(
    user_id: int,
    username: str | None = None,
    first_name: str | None = None,
    *,
    is_bot: bool = False,
    language_code: str | None = "en",
) -> dict[str, Any]:
    if user_id == BOT_ID:
        return dict(BOT_SENDER)
    user: dict[str, Any] = {
        "id": user_id,
        "is_bot": is_bot,
        "first_name": first_name or f"User{user_id}",
    }
    if username:
        user["username"] = username
    if language_code and not is_bot:
        user["language_code"] = language_code
    return user


def user_dict(
    user_id: int = DEFAULT_USER_ID,
    username: str | None = DEFAULT_USERNAME,
    first_name: str | None = None,
    *,
    is_bot: bool = False,
) -> dict[str, Any]:
    """A ``User`` object."""
    return _user(user_id, username, first_name, is_bot=is_bot)


def chat_dict(
    chat_id: int | None = None,
    chat_type: str = "private",
    *,
    user: dict[str, Any] | None = None,
    title: str | None = None,
    username: str | None = None,
    is_forum: bool = False,
) -> dict[str, Any]:
    """A ``Chat`` object.  ``chat_id`` defaults by type (the user's id for a private chat)."""
    if chat_id is None:
        chat_id = {
            "private": (user or {}).get("id", DEFAULT_USER_ID),
            "group": DEFAULT_GROUP_ID,
            "supergroup": DEFAULT_SUPERGROUP_ID,
            "channel": DEFAULT_CHANNEL_ID,
        }[chat_type]
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        user = user or _user(chat_id)
        chat["first_name"] = user.get("first_name", f"User{chat_id}")
        if user.get("username"):
            chat["username"] = user["username"]
    else:
        chat["title"] = title or f"{chat_type.title()} {chat_id}"
        if username:
            chat["username"] = username
        if is_forum:
            chat["is_forum"] = True
    return chat


def _command_entities(text: str) -> list[dict[str, Any]]:
    if not text.startswith("/"):
        return []
    command = re.match(r"/\S+", text)
    if command is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}]


def _base_message(
    *,
    chat_id: int | None,
    user_id: int,
    chat_type: str,
    username: str | None,
    first_name: str | None,
    message_id: int | None,
    reply_to: int | dict[str, Any] | None,
    message_thread_id: int | None,
    sender_chat: int | dict[str, Any] | None,
    is_automatic_forward: bool,
    chat_title: str | None,
    date: int | None,
) -> tuple[str, dict[str, Any]]:
    user = _user(user_id, username, first_name)
    chat = chat_dict(
        chat_id,
        chat_type,
        user=user,
        title=chat_title,
        is_forum=message_thread_id is not None and chat_type == "supergroup",
    )
    message: dict[str, Any] = {}
    if message_id is not None:
        message["message_id"] = message_id
    key = "channel_post" if chat_type == "channel" else "message"
    if chat_type == "channel":
        message["sender_chat"] = chat
    elif sender_chat is not None:
        if isinstance(sender_chat, int):
            sender = (
                chat
                if sender_chat == chat["id"]
                else chat_dict(sender_chat, "channel" if sender_chat < 0 else "private")
            )
        else:
            sender = sender_chat
        message["sender_chat"] = sender
        if sender["id"] == chat["id"]:
            user = _user(GROUP_ANONYMOUS_BOT_ID, "GroupAnonymousBot", "Group", is_bot=True)
        elif is_automatic_forward:
            user = _user(TELEGRAM_SERVICE_USER_ID, None, "Telegram")
        else:
            user = _user(CHANNEL_BOT_ID, "Channel_Bot", "Channel", is_bot=True)
    if chat_type != "channel":
        message["from"] = user
    message["chat"] = chat
    message["date"] = date if date is not None else _now()
    if message_thread_id is not None:
        message["message_thread_id"] = message_thread_id
        message["is_topic_message"] = True
    if is_automatic_forward:
        message["is_automatic_forward"] = True
        origin_chat = message.get("sender_chat") or chat_dict(DEFAULT_CHANNEL_ID, "channel")
        message["forward_origin"] = {
            "type": "channel",
            "chat": origin_chat,
            "message_id": 1,
            "date": message["date"],
        }
    if reply_to is not None:
        message["reply_to_message"] = (
            {"message_id": reply_to} if isinstance(reply_to, int) else dict(reply_to)
        )
    return key, message


def message_update(
    text: str,
    chat_id: int | None = None,
    user_id: int = DEFAULT_USER_ID,
    chat_type: str = "private",
    username: str | None = DEFAULT_USERNAME,
    message_id: int | None = None,
    reply_to: int | dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    message_thread_id: int | None = None,
    sender_chat: int | dict[str, Any] | None = None,
    is_automatic_forward: bool = False,
    *,
    first_name: str | None = None,
    chat_title: str | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """A text message (a ``channel_post`` when ``chat_type="channel"``).

    Without ``message_id``, :meth:`FakeBotAPI.push_update` assigns the next id of that chat.
    ``reply_to`` may be a message id (resolved on push to the stored message) or a dict.
    ``sender_chat`` equal to the chat id makes an anonymous-admin message.
    """
    key, message = _base_message(
        chat_id=chat_id,
        user_id=user_id,
        chat_type=chat_type,
        username=username,
        first_name=first_name,
        message_id=message_id,
        reply_to=reply_to,
        message_thread_id=message_thread_id,
        sender_chat=sender_chat,
        is_automatic_forward=is_automatic_forward,
        chat_title=chat_title,
        date=date,
    )
    message["text"] = text
    ents = entities if entities is not None else _command_entities(text)
    if ents:
        message["entities"] = ents
    return {key: message}


def edited_message_update(
    text: str,
    message_id: int,
    chat_id: int | None = None,
    user_id: int = DEFAULT_USER_ID,
    chat_type: str = "private",
    username: str | None = DEFAULT_USERNAME,
    *,
    entities: list[dict[str, Any]] | None = None,
    message_thread_id: int | None = None,
) -> dict[str, Any]:
    """An ``edited_message`` (``edited_channel_post`` for channels) of ``message_id``."""
    update = message_update(
        text,
        chat_id=chat_id,
        user_id=user_id,
        chat_type=chat_type,
        username=username,
        message_id=message_id,
        entities=entities,
        message_thread_id=message_thread_id,
    )
    ((key, message),) = update.items()
    message["date"] = message["date"] - 60
    message["edit_date"] = _now()
    return {f"edited_{key}": message}


def sticker_update(
    chat_id: int | None = None,
    user_id: int = DEFAULT_USER_ID,
    chat_type: str = "private",
    username: str | None = DEFAULT_USERNAME,
    *,
    emoji: str = "👍",
    message_id: int | None = None,
) -> dict[str, Any]:
    """A message carrying a regular static sticker."""
    key, message = _base_message(
        chat_id=chat_id,
        user_id=user_id,
        chat_type=chat_type,
        username=username,
        first_name=None,
        message_id=message_id,
        reply_to=None,
        message_thread_id=None,
        sender_chat=None,
        is_automatic_forward=False,
        chat_title=None,
        date=None,
    )
    message["sticker"] = {
        "file_id": "CAACAgIAAxkBAAEFakeSticker",
        "file_unique_id": "AgADFakeSticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
        "set_name": "FakeStickers",
        "file_size": 12345,
    }
    return {key: message}


def photo_update(
    chat_id: int | None = None,
    user_id: int = DEFAULT_USER_ID,
    chat_type: str = "private",
    username: str | None = DEFAULT_USERNAME,
    caption: str | None = None,
    *,
    file_id: str = "AgACAgIAAxkBAAEFakePhoto",
    message_id: int | None = None,
) -> dict[str, Any]:
    """A photo message (three sizes), with an optional caption."""
    key, message = _base_message(
        chat_id=chat_id,
        user_id=user_id,
        chat_type=chat_type,
        username=username,
        first_name=None,
        message_id=message_id,
        reply_to=None,
        message_thread_id=None,
        sender_chat=None,
        is_automatic_forward=False,
        chat_title=None,
        date=None,
    )
    message["photo"] = [
        {
            "file_id": f"{file_id}{suffix}",
            "file_unique_id": f"AQAD{suffix}{file_id[-6:]}",
            "width": width,
            "height": height,
            "file_size": width * height // 10,
        }
        for suffix, width, height in (("s", 90, 67), ("m", 320, 240), ("x", 1280, 960))
    ]
    if caption is not None:
        message["caption"] = caption
        ents = _command_entities(caption)
        if ents:
            message["caption_entities"] = ents
    return {key: message}


def callback_update(
    data: str,
    chat_id: int | None = None,
    user_id: int = DEFAULT_USER_ID,
    message_id: int | None = None,
    *,
    chat_type: str = "private",
    username: str | None = DEFAULT_USERNAME,
    inline_message_id: str | None = None,
) -> dict[str, Any]:
    """A ``callback_query`` pressed on the bot's message ``message_id`` in ``chat_id``.

    On push the message is replaced by the stored bot message (text, keyboard);
    ``message_id=None`` means the bot's latest message in that chat.
    """
    user = _user(user_id, username)
    query: dict[str, Any] = {
        "id": str(next(_query_ids)),
        "from": user,
        "chat_instance": str(zlib.crc32(f"{chat_id}:{chat_type}".encode()) * 7919),
        "data": data,
    }
    if inline_message_id is not None:
        query["inline_message_id"] = inline_message_id
    else:
        chat = chat_dict(chat_id, chat_type, user=user)
        query["message"] = {"chat": chat, "date": _now(), "from": dict(BOT_SENDER)}
        if message_id is not None:
            query["message"]["message_id"] = message_id
    return {"callback_query": query}


def inline_update(
    query: str,
    user_id: int = DEFAULT_USER_ID,
    *,
    username: str | None = DEFAULT_USERNAME,
    offset: str = "",
    chat_type: str | None = "sender",
) -> dict[str, Any]:
    """An ``inline_query``."""
    inline: dict[str, Any] = {
        "id": str(next(_query_ids)),
        "from": _user(user_id, username),
        "query": query,
        "offset": offset,
    }
    if chat_type is not None:
        inline["chat_type"] = chat_type
    return {"inline_query": inline}


def chat_member_dict(user: dict[str, Any], status: str, **fields: Any) -> dict[str, Any]:
    """A complete ``ChatMember`` of the given status (``fields`` override defaults)."""
    if status not in MEMBER_STATUSES:
        raise ValueError(f"unknown chat member status {status!r}; use one of {MEMBER_STATUSES}")
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member |= {
            "can_be_edited": False,
            "is_anonymous": False,
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
            "can_pin_messages": True,
            "can_manage_topics": False,
        }
    elif status == "restricted":
        member |= {
            "is_member": True,
            "can_send_messages": False,
            "can_send_audios": False,
            "can_send_documents": False,
            "can_send_photos": False,
            "can_send_videos": False,
            "can_send_video_notes": False,
            "can_send_voice_notes": False,
            "can_send_polls": False,
            "can_send_other_messages": False,
            "can_add_web_page_previews": False,
            "can_change_info": False,
            "can_invite_users": False,
            "can_pin_messages": False,
            "can_manage_topics": False,
            "can_edit_tag": False,
            "can_react_to_messages": False,
            "until_date": 0,
        }
    elif status == "kicked":
        member["until_date"] = 0
    member.update(fields)
    return member


def my_chat_member_update(
    chat_id: int | None = None,
    chat_type: str = "group",
    old_status: str = "left",
    new_status: str = "member",
    by_user_id: int = DEFAULT_USER_ID,
    *,
    username: str | None = DEFAULT_USERNAME,
    chat_title: str | None = None,
) -> dict[str, Any]:
    """The bot's own membership changed (added, promoted, kicked; blocked in private chats).

    Pushing it also updates the bot's status in that chat: after ``kicked``/``left`` sending
    there fails with 403 like on Telegram.
    """
    by_user = _user(by_user_id, username)
    chat = chat_dict(chat_id, chat_type, user=by_user, title=chat_title)
    bot = dict(BOT_SENDER)
    return {
        "my_chat_member": {
            "chat": chat,
            "from": by_user,
            "date": _now(),
            "old_chat_member": chat_member_dict(bot, old_status),
            "new_chat_member": chat_member_dict(bot, new_status),
        }
    }


def chat_member_update(
    chat_id: int | None = None,
    user_id: int = DEFAULT_USER_ID,
    old_status: str = "left",
    new_status: str = "member",
    by_user_id: int | None = None,
    *,
    chat_type: str = "supergroup",
    username: str | None = DEFAULT_USERNAME,
) -> dict[str, Any]:
    """Another user's membership changed.  Only delivered when ``allowed_updates`` asks."""
    user = _user(user_id, username)
    by_user = user if by_user_id is None else _user(by_user_id)
    return {
        "chat_member": {
            "chat": chat_dict(chat_id, chat_type),
            "from": by_user,
            "date": _now(),
            "old_chat_member": chat_member_dict(user, old_status),
            "new_chat_member": chat_member_dict(user, new_status),
        }
    }


def migrate_update(
    old_chat_id: int = DEFAULT_GROUP_ID,
    new_chat_id: int = DEFAULT_SUPERGROUP_ID,
    by_user_id: int = DEFAULT_USER_ID,
    *,
    direction: str = "to",
) -> dict[str, Any]:
    """The group-to-supergroup service message.

    ``direction="to"``: in the old group, with ``migrate_to_chat_id`` (pushing it makes later
    calls to the old id fail with 400 + ``migrate_to_chat_id``, i.e. PTB's ``ChatMigrated``);
    ``direction="from"``: in the new supergroup, with ``migrate_from_chat_id``.
    """
    user = _user(by_user_id, DEFAULT_USERNAME if by_user_id == DEFAULT_USER_ID else None)
    if direction == "to":
        chat = chat_dict(old_chat_id, "group")
        extra: dict[str, Any] = {"migrate_to_chat_id": new_chat_id}
    elif direction == "from":
        chat = chat_dict(new_chat_id, "supergroup")
        extra = {"migrate_from_chat_id": old_chat_id}
    else:
        raise ValueError("direction must be 'to' or 'from'")
    return {"message": {"from": user, "chat": chat, "date": _now(), **extra}}


def update_type(update: dict[str, Any]) -> str:
    """The payload key of an update (``message``, ``callback_query``...)."""
    return next(key for key in update if key != "update_id")


# --------------------------------------------------------------------------------------------
# Request body parsing
# --------------------------------------------------------------------------------------------


def decode_params(raw: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Decode form fields the way PTB encoded them (JSON per value, strings verbatim)."""
    params: dict[str, Any] = {}
    for name, value in raw:
        if name in STRING_PARAMS:
            params[name] = value
            continue
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
    return params


def _parse_multipart(
    body: bytes, boundary: str
) -> tuple[list[tuple[str, str]], dict[str, UploadedFile]]:
    fields: list[tuple[str, str]] = []
    files: dict[str, UploadedFile] = {}
    delimiter = b"--" + boundary.encode("latin-1")
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            continue
        data = data.removesuffix(b"\r\n")
        headers = email.message_from_bytes(head + b"\r\n\r\n")
        name = headers.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            name = email.utils.collapse_rfc2231_value(name) if name else ""
        filename = headers.get_filename()
        if filename is None:
            fields.append((name, data.decode("utf-8", "replace")))
        else:
            files[name] = UploadedFile(name, filename, headers.get_content_type(), data)
    return fields, files


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, fake: FakeBotAPI, port: int = 0) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", port), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would call socket.getfqdn(), a reverse DNS lookup.
        socketserver.TCPServer.server_bind(self)
        self.server_name = "127.0.0.1"
        self.server_port = self.server_address[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            return
        self.fake._record_error(traceback.format_exc())


def _reserve(port: int) -> socket.socket:
    """A socket bound to ``port`` that does not listen: connections to it are refused, and no
    other program can take the port meanwhile.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


_MAX_HEADERS = 100
_MAX_LINE = 65536


def _read_headers(rfile: Any) -> http.client.HTTPMessage | None:
    """Header lines up to the blank line, as the ``HTTPMessage`` the stdlib would build.

    ``http.client.parse_headers`` runs the email package's parser over them, most of a small
    request's cost; this fills the same object directly.  None for an over-long or
    over-numerous header section.
    """
    headers = http.client.HTTPMessage()
    last: list[str] | None = None
    pairs: list[list[str]] = []
    while True:
        line = rfile.readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE or len(pairs) > _MAX_HEADERS:
            return None
        if line in (b"\r\n", b"\n", b""):
            break
        text = line.decode("iso-8859-1").rstrip("\r\n")
        if text[:1] in (" ", "\t") and last is not None:  # obsolete line folding
            last[1] += " " + text.strip()
            continue
        name, _, value = text.partition(":")
        last = [name.strip(), value.strip()]
        pairs.append(last)
    for name, value in pairs:
        headers[name] = value
    return headers


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _HTTPServer
    _date: tuple[int, str] = (0, "")
    """The last Date header value and the second it was made for (shared by all handlers)."""

    def parse_request(self) -> bool:
        """The request line and headers of an HTTP/1.1 request (anything else: the stdlib's way).

        Same outcome as ``BaseHTTPRequestHandler.parse_request`` for the requests PTB, httpx
        and aiohttp send, without its email-package header parser.
        """
        words = self.raw_requestline.rstrip(b"\r\n").split()
        if len(words) != 3 or words[2] != b"HTTP/1.1":
            return super().parse_request()
        self.command = words[0].decode("iso-8859-1")
        self.path = words[1].decode("iso-8859-1")
        self.request_version = "HTTP/1.1"
        self.requestline = self.raw_requestline.rstrip(b"\r\n").decode("iso-8859-1")
        if self.path.startswith("//"):
            self.path = "/" + self.path.lstrip("/")
        headers = _read_headers(self.rfile)
        if headers is None:
            self.close_connection = True
            self.send_error(431, "Line too long or too many headers")
            return False
        self.headers = headers
        self.close_connection = headers.get("Connection", "").lower() == "close"
        if headers.get("Expect", "").lower() == "100-continue":
            return self.handle_expect_100()
        return True

    def _respond(self, status: int, content_type: str, payload: bytes) -> None:
        """The whole response in one write (status line, headers and body)."""
        now = int(time.time())
        if _Handler._date[0] != now:
            _Handler._date = (now, email.utils.formatdate(now, usegmt=True))
        reason = self.responses.get(status, ("",))[0]
        head = (
            f"HTTP/1.1 {status} {reason}\r\nServer: fake-bot-api\r\n"
            f"Date: {_Handler._date[1]}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        )
        self.wfile.write(head.encode("latin-1") + payload)

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.fake._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _dispatch(self) -> None:
        try:
            body = self._read_body()
        except (OSError, ValueError):
            self.close_connection = True
            return
        fake = self.server.fake
        if not fake._begin_answer():  # going down: as if the request never arrived
            self.close_connection = True
            return
        try:
            self._answer(body)
        finally:
            fake._end_answer()

    def _answer(self, body: bytes) -> None:
        try:
            status, content_type, payload = self.server.fake._route(
                self.command, self.path, self.headers, body
            )
        except Exception:
            self.server.fake._record_error(traceback.format_exc())
            status, content_type = 500, "application/json"
            payload = json.dumps(
                {"ok": False, "error_code": 500, "description": "Internal Server Error"}
            ).encode()
        try:
            self._respond(status, content_type, payload)
        except OSError:
            self.close_connection = True


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------

MethodImpl = Callable[[dict[str, Any], dict[str, UploadedFile]], Any]


class FakeBotAPI:
    """An in-process fake of ``https://api.telegram.org`` for one bot.

    ``token=None`` accepts any token; otherwise other tokens get 401 Unauthorized.
    """

    def __init__(self, token: str | None = None) -> None:
        self.token = token
        lock = threading.RLock()
        self._cond = threading.Condition(lock)
        self._polls = threading.Condition(lock)
        """Long polls wait here: notified when updates, webhooks or stopping change."""
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None
        self._reserved: socket.socket | None = None
        """While down (see :meth:`go_down`): the port, bound but not listening."""
        self._going_down = False
        self._answering = 0
        """Requests read and not yet answered: :meth:`go_down` lets them finish."""
        self._conns: set[socket.socket] = set()
        self._stopping = False
        self._async_waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self.errors: list[str] = []
        """Tracebacks of exceptions inside the fake itself (should stay empty)."""
        self._methods: dict[str, tuple[str, MethodImpl]] = {}
        for name, impl in self._builtin_methods().items():
            self._methods[name.lower()] = (name, impl)
        self.reset()

    # ---------------------------------------------------------------- lifecycle

    @property
    def url(self) -> str:
        """The server's address; the same while it is down (see :meth:`go_down`)."""
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)``."""
        return f"{self.url}/file/bot"

    @property
    def down(self) -> bool:
        """True between :meth:`go_down` and :meth:`come_up`."""
        return self._reserved is not None

    def start(self) -> FakeBotAPI:
        if self._port is not None:
            raise RuntimeError("FakeBotAPI already started")
        self._serve(0)
        return self

    def stop(self) -> None:
        """Stop serving, wake long polls, close client connections and join all threads."""
        self._halt()
        if self._reserved is not None:
            self._reserved.close()
            self._reserved = None
        self._port = None

    def go_down(self) -> None:
        """Become unreachable, as in an outage, until :meth:`come_up`: connections are refused.

        Requests being answered get their answer (long polls end now) and then every open
        connection is cut; a request read after this began is dropped unanswered and
        unrecorded, as if it never arrived. So no call the server handled loses its answer,
        and a client never has to guess whether a request took effect. The port stays
        reserved, and calls, updates, faults and every table are kept.
        """
        if self._httpd is None or self._port is None:
            raise RuntimeError("FakeBotAPI is not serving")
        port = self._port
        with self._cond:
            self._going_down = self._stopping = True
            self._notify()
            while self._answering:
                self._cond.wait()
        self._halt()
        self._reserved = _reserve(port)

    def come_up(self) -> None:
        """Serve again on the same port after :meth:`go_down`."""
        if self._reserved is None or self._port is None:
            raise RuntimeError("FakeBotAPI is not down")
        self._reserved.close()
        self._reserved = None
        self._serve(self._port)

    def _serve(self, port: int) -> None:
        with self._cond:
            self._stopping = self._going_down = False
        self._httpd = _HTTPServer(self, port)
        self._port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-bot-api",
            daemon=True,
        )
        self._thread.start()

    def _halt(self) -> None:
        """Stop serving: long polls end, client connections are closed, threads joined."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        with self._cond:
            self._stopping = True
            self._notify()
        httpd.shutdown()
        with self._cond:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        httpd.server_close()  # joins the handler threads
        if thread is not None:
            thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget calls, updates, faults and every table (the server keeps running)."""
        with self._cond:
            self._calls: list[Call] = []
            self._calls_by_method: dict[str, list[Call]] = {}
            self._queue: list[dict[str, Any]] = []
            self._next_update_id = 1
            self.dropped_updates: list[dict[str, Any]] = []
            self._allowed_updates: set[str] | None = None
            self._poll_generation = 0
            self._waiting_polls = 0
            self._faults: list[_Fault] = []
            self._latency: dict[str, float] = {}
            self._next_message_id: dict[int, int] = {}
            self._messages: dict[tuple[int, int], dict[str, Any]] = {}
            self._chats: dict[int, dict[str, Any]] = {}
            self._users: dict[int, dict[str, Any]] = {}
            self._members: dict[tuple[int, int], dict[str, Any]] = {}
            self._migrated: dict[int, int] = {}
            self._callback_ids: set[str] = set()
            self._inline_ids: set[str] = set()
            self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
            self._webhook: dict[str, Any] | None = None
            self._files: dict[str, tuple[str, bytes]] = {}
            self._notify()

    # ---------------------------------------------------------------- test-facing helpers

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls, oldest first; ``method`` matches case-insensitively."""
        with self._cond:
            if method is None:
                return list(self._calls)
            return list(self._calls_by_method.get(method.lower(), ()))

    def clear_calls(self) -> None:
        with self._cond:
            self._calls.clear()
            self._calls_by_method.clear()
            self._notify()

    def sent_messages(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        """Params of every *successful* ``sendMessage`` (optionally to one chat)."""
        return [
            c.params
            for c in self.calls("sendMessage")
            if c.ok and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """The raw ``text`` param (with HTML markup) of each successful ``sendMessage``."""
        return [params.get("text", "") for params in self.sent_messages(chat_id)]

    def bot_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Current state of the messages the bot sent (after edits/deletes), as Message dicts.

        ``text`` is the plain text Telegram shows (HTML tags turned into ``entities``).
        """
        with self._cond:
            return [
                copy.deepcopy(m)
                for (cid, _), m in sorted(self._messages.items())
                if m.get("from", {}).get("id") == BOT_ID and (chat_id is None or cid == chat_id)
            ]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """A stored message (pushed or sent by the bot), or None."""
        with self._cond:
            found = self._messages.get((chat_id, message_id))
            return copy.deepcopy(found) if found else None

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by a ``getUpdates`` offset."""
        with self._cond:
            return copy.deepcopy(self._queue)

    def waiting_polls(self) -> int:
        """How many ``getUpdates`` long polls are blocked right now (the bot is idle)."""
        with self._cond:
            return self._waiting_polls

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """What ``setMyCommands`` stored for this scope/language."""
        with self._cond:
            return copy.deepcopy(self._commands.get(self._scope_key(scope, language_code), []))

    def wait_for(
        self,
        predicate: Callable[[FakeBotAPI], Any],
        timeout: float = 5.0,
        description: str | None = None,
    ) -> Any:
        """Block until ``predicate(server)`` is truthy; return its value.

        Raises ``TimeoutError`` listing the recent calls.  Do not call this from the event loop
        that runs the bot (it would block the bot): use :meth:`wait_for_async` there.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate(self)
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(self._timeout_message(predicate, timeout, description))
                self._cond.wait(remaining)

    async def wait_for_async(
        self,
        predicate: Callable[[FakeBotAPI], Any],
        timeout: float = 5.0,
        description: str | None = None,
    ) -> Any:
        """Like :meth:`wait_for`, but awaits (woken by server state changes, no polling)."""
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        waiter = (loop, event)
        deadline = loop.time() + timeout
        with self._cond:
            self._async_waiters.append(waiter)
        try:
            while True:
                event.clear()
                with self._cond:
                    value = predicate(self)
                if value:
                    return value
                remaining = deadline - loop.time()
                if remaining <= 0:
                    with self._cond:
                        message = self._timeout_message(predicate, timeout, description)
                    raise TimeoutError(message)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
        finally:
            with self._cond:
                self._async_waiters.remove(waiter)

    def wait_for_calls(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until at least ``count`` calls of ``method`` were recorded; return them all."""
        return self.wait_for(
            lambda s: len(s.calls(method)) >= count and s.calls(method),
            timeout,
            f"{count} call(s) of {method}",
        )

    async def wait_for_calls_async(
        self, method: str, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        return await self.wait_for_async(
            lambda s: len(s.calls(method)) >= count and s.calls(method),
            timeout,
            f"{count} call(s) of {method}",
        )

    # ---------------------------------------------------------------- injecting updates

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for ``getUpdates``; returns the completed copy.

        Fills in ``update_id`` (increasing) and missing message ids (next id in that chat),
        resolves ``reply_to_message``/callback messages to stored messages, and updates the
        server's tables: chats, users, messages, callback/inline query ids, the member table
        (``my_chat_member``/``chat_member``) and migrations (``migrate_to_chat_id``).
        """
        update = copy.deepcopy(update)
        with self._cond:
            if "update_id" not in update:
                update["update_id"] = self._next_update_id
            self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
            self._absorb(update)
            self._queue.append(update)
            if len(self._queue) > 1 and self._queue[-2]["update_id"] > update["update_id"]:
                self._queue.sort(key=lambda u: u["update_id"])
            self._notify()
            return copy.deepcopy(update)

    def push_raw(self, update: Any) -> Any:
        """Queue ``update`` exactly as given (an update the library may not parse, or not even
        an object); only a dict without ``update_id`` gets the next one. Nothing is absorbed.
        """
        update = copy.deepcopy(update)
        with self._cond:
            if isinstance(update, dict):
                update.setdefault("update_id", self._next_update_id)
                if isinstance(update["update_id"], int):
                    self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
            self._queue.append(update)
            self._notify()
            return copy.deepcopy(update)

    def push_message(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """``push_update(message_update(text, **kwargs))``."""
        return self.push_update(message_update(text, **kwargs))

    # ---------------------------------------------------------------- configuring behaviour

    def fail_next(
        self,
        method: str,
        error_code: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        times: int | None = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (only to ``chat_id`` if given) with an
        error.  ``error_code`` defaults to 429 (400 when ``migrate_to_chat_id`` is given); a
        429 always carries ``parameters.retry_after`` (default 1).  ``times=None``: until
        :meth:`clear_faults`.  Faults are consumed in the order they were added.
        """
        if error_code is None:
            error_code = 400 if migrate_to_chat_id is not None else 429
        parameters: dict[str, Any] = {}
        if error_code == 429 or retry_after is not None:
            parameters["retry_after"] = 1 if retry_after is None else retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        if description is None:
            if error_code == 429:
                description = f"Too Many Requests: retry after {parameters['retry_after']}"
            elif migrate_to_chat_id is not None:
                description = "Bad Request: group chat was upgraded to a supergroup chat"
            else:
                description = _DEFAULT_DESCRIPTIONS.get(error_code, f"Error {error_code}")
        with self._cond:
            self._faults.append(
                _Fault(
                    method.lower(),
                    BotAPIError(error_code, description, parameters),
                    times,
                    None if chat_id is None else str(chat_id),
                )
            )

    def clear_faults(self) -> None:
        with self._cond:
            self._faults.clear()

    def set_latency(self, seconds: float, method: str = "sendMessage") -> None:
        """Delay answers to ``method`` by ``seconds`` (the delay happens outside the lock)."""
        with self._cond:
            self._latency[method.lower()] = seconds

    def set_member_status(self, chat_id: int, user_id: int, status: str, **fields: Any) -> None:
        """What ``getChatMember(chat_id, user_id)`` returns (default: ``member``).

        The bot's own status (``user_id=BOT_ID``) of ``left``/``kicked`` makes sends to that
        chat fail with 403.
        """
        with self._cond:
            user = self._users.get(user_id) or _user(user_id)
            self._members[(chat_id, user_id)] = chat_member_dict(user, status, **fields)

    def add_chat(self, chat: dict[str, Any]) -> None:
        """Register a Chat dict (type, title, username) for results and ``@username`` ids."""
        with self._cond:
            self._chats[chat["id"]] = dict(chat)

    def add_file(self, file_id: str, content: bytes, file_path: str | None = None) -> str:
        """Make ``getFile(file_id)`` work and serve ``content``; returns the file_path."""
        path = file_path or f"documents/{file_id}"
        with self._cond:
            self._files[file_id] = (path, content)
        return path

    def register_method(self, name: str, impl: MethodImpl) -> None:
        """Add or replace a method: ``impl(params, files) -> result``.

        Runs under the server lock; raise :class:`BotAPIError` for an error answer.
        """
        with self._cond:
            self._methods[name.lower()] = (name, impl)

    # ---------------------------------------------------------------- internals: plumbing

    def _notify(self, *, polls: bool = True) -> None:
        """Wake waiters; long polls too unless ``polls`` is False (nothing they wait for)."""
        self._cond.notify_all()
        if polls:
            self._polls.notify_all()
        for loop, event in self._async_waiters:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(event.set)

    def _begin_answer(self) -> bool:
        """Count a request being answered; False while going down (drop it)."""
        with self._cond:
            if self._going_down:
                return False
            self._answering += 1
            self._cond.notify_all()
            return True

    def _end_answer(self) -> None:
        with self._cond:
            self._answering -= 1
            self._cond.notify_all()

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._cond:
            if add:
                self._conns.add(conn)
            else:
                self._conns.discard(conn)

    def _record_error(self, text: str) -> None:
        with self._cond:
            self.errors.append(text)
            self._notify()

    def _timeout_message(
        self, predicate: Callable[..., Any], timeout: float, description: str | None
    ) -> str:
        what = description or getattr(predicate, "__name__", repr(predicate))
        recent = self._calls[-15:]
        lines = [
            f"  {c.method}({_short(c.params)}) -> "
            + ("ok" if c.ok else f"{c.error_code} {c.description}")
            for c in recent
        ]
        errors = f"\nInternal fake errors:\n{self.errors[-1]}" if self.errors else ""
        return (
            f"Timed out after {timeout}s waiting for {what}. "
            f"{len(self._calls)} call(s) recorded, {len(self._queue)} update(s) pending; "
            "latest calls:\n" + ("\n".join(lines) or "  (none)") + errors
        )

    def _route(self, verb: str, target: str, headers: Any, body: bytes) -> tuple[int, str, bytes]:
        parts = urlsplit(target)
        path = unquote(parts.path)
        if path.startswith("/file/bot"):
            return self._serve_file(path.removeprefix("/file/bot"))
        if not path.startswith("/bot"):
            return _json_response(BotAPIError(404, "Not Found").payload(), 404)
        token, _, method = path.removeprefix("/bot").partition("/")
        if self.token is not None and token != self.token:
            return _json_response(BotAPIError(401, "Unauthorized").payload(), 401)
        if not method or "/" in method:
            return _json_response(BotAPIError(404, "Not Found: method not found").payload(), 404)
        raw = parse_qsl(parts.query, keep_blank_values=True)
        files: dict[str, UploadedFile] = {}
        params: dict[str, Any]
        content_type = headers.get_content_type() if body else ""
        if content_type == "application/json":
            loaded = json.loads(body.decode("utf-8")) if body.strip() else {}
            params = decode_params(raw) | (loaded if isinstance(loaded, dict) else {})
        else:
            if content_type == "application/x-www-form-urlencoded":
                raw += parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            elif content_type == "multipart/form-data":
                fields, files = _parse_multipart(body, headers.get_param("boundary") or "")
                raw += fields
            params = decode_params(raw)
        status, body = self._handle_call(method, params, files)
        return status, "application/json", body

    def _serve_file(self, rest: str) -> tuple[int, str, bytes]:
        token, _, file_path = rest.partition("/")
        if self.token is not None and token != self.token:
            return _json_response(BotAPIError(401, "Unauthorized").payload(), 401)
        with self._cond:
            for path, content in self._files.values():
                if path == file_path:
                    return 200, "application/octet-stream", content
        return _json_response(BotAPIError(404, "Not Found").payload(), 404)

    def _handle_call(
        self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> tuple[int, bytes]:
        """Run a method: its HTTP status and JSON answer; the call is recorded.

        The answer is encoded under the lock, so methods may return their stored objects;
        ``Call.result`` is decoded from it (when read), a snapshot later edits do not change.
        """
        at = time.monotonic()
        with self._cond:
            latency = self._latency.get(method.lower(), 0.0)
        if latency > 0:
            time.sleep(latency)
        with self._cond:
            entry = self._methods.get(method.lower())
            name = entry[0] if entry else method
            try:
                fault = self._take_fault(method.lower(), params)
                if fault is not None:
                    raise fault
                if entry is None:
                    raise BotAPIError(404, "Not Found: method not found")
                result = entry[1](params, files)
            except BotAPIError as error:
                status, body = error.error_code, _json_body(error.payload())
                call = Call(
                    name, params, at, files, False, error.error_code, error.description, body
                )
            else:
                status, body = 200, _json_body({"ok": True, "result": result})
                call = Call(name, params, at, files, True, None, None, body)
            self._calls.append(call)
            self._calls_by_method.setdefault(name.lower(), []).append(call)
            self._notify(polls=False)
            return status, body

    def _take_fault(self, method: str, params: dict[str, Any]) -> BotAPIError | None:
        if not self._faults:
            return None
        chat_id = str(params.get("chat_id"))
        for fault in self._faults:
            if fault.method != method:
                continue
            if fault.chat_id is not None and chat_id != fault.chat_id:
                continue
            if fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
            return fault.error
        return None

    # ---------------------------------------------------------------- internals: state

    def _chat_key(self, chat_id: Any) -> int:
        if isinstance(chat_id, bool) or chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if isinstance(chat_id, int):
            return chat_id
        text = str(chat_id)
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if text.startswith("@"):
            for chat in self._chats.values():
                if chat.get("username", "").lower() == text[1:].lower():
                    return int(chat["id"])
        raise _bad_request("chat not found")

    def _chat(self, chat_id: int) -> dict[str, Any]:
        known = self._chats.get(chat_id)
        if known:
            return dict(known)
        if chat_id > 0:
            return chat_dict(chat_id, "private", user=self._users.get(chat_id))
        if chat_id <= -1_000_000_000_000:
            return chat_dict(chat_id, "supergroup")
        return chat_dict(chat_id, "group")

    def _check_chat(self, chat_id: int) -> None:
        """Raise what Telegram answers for a migrated group or one the bot cannot write to."""
        if chat_id in self._migrated:
            raise _bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        member = self._members.get((chat_id, BOT_ID))
        status = member["status"] if member else None
        if status not in {"left", "kicked"}:
            return
        kind = self._chat(chat_id)["type"]
        if kind == "private":
            raise BotAPIError(403, "Forbidden: bot was blocked by the user")
        if kind == "channel":
            raise BotAPIError(403, "Forbidden: bot is not a member of the channel chat")
        if status == "kicked":
            raise BotAPIError(403, f"Forbidden: bot was kicked from the {kind} chat")
        raise BotAPIError(403, f"Forbidden: bot is not a member of the {kind} chat")

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _remember_ids(self, obj: Any) -> None:
        if not isinstance(obj, dict):
            return
        if "from" in obj and isinstance(obj["from"], dict) and "id" in obj["from"]:
            user = obj["from"]
            if user["id"] != BOT_ID:
                self._users[user["id"]] = dict(user)
        chat = obj.get("chat")
        if isinstance(chat, dict) and "id" in chat:
            self._chats.setdefault(chat["id"], {}).update(chat)

    def _resolve_reply(self, chat_id: int, reply: dict[str, Any]) -> dict[str, Any]:
        if set(reply) != {"message_id"}:
            return reply
        stored = self._messages.get((chat_id, reply["message_id"]))
        if stored is None:
            return {"message_id": reply["message_id"], "chat": self._chat(chat_id), "date": _now()}
        resolved = copy.deepcopy(stored)
        resolved.pop("reply_to_message", None)
        return resolved

    def _absorb(self, update: dict[str, Any]) -> None:
        kind = update_type(update)
        payload = update[kind]
        if kind in {"message", "edited_message", "channel_post", "edited_channel_post"}:
            self._remember_ids(payload)
            chat_id = payload["chat"]["id"]
            if "message_id" not in payload:
                payload["message_id"] = self._new_message_id(chat_id)
            else:
                following = max(self._next_message_id.get(chat_id, 1), payload["message_id"] + 1)
                self._next_message_id[chat_id] = following
            if "reply_to_message" in payload:
                payload["reply_to_message"] = self._resolve_reply(
                    chat_id, payload["reply_to_message"]
                )
            self._messages[(chat_id, payload["message_id"])] = copy.deepcopy(payload)
            if "migrate_to_chat_id" in payload:
                self._migrated[chat_id] = payload["migrate_to_chat_id"]
                self._chats.setdefault(
                    payload["migrate_to_chat_id"],
                    chat_dict(payload["migrate_to_chat_id"], "supergroup")
                    | {"title": payload["chat"].get("title", "")},
                )
        elif kind == "callback_query":
            self._callback_ids.add(payload["id"])
            self._remember_ids(payload)
            message = payload.get("message")
            if message is not None:
                self._remember_ids(message)
                chat_id = message["chat"]["id"]
                if "message_id" not in message:
                    mine = [
                        mid
                        for (cid, mid), m in self._messages.items()
                        if cid == chat_id and m.get("from", {}).get("id") == BOT_ID
                    ]
                    if not mine:
                        raise ValueError(
                            f"callback_update without message_id: the bot sent nothing to "
                            f"chat {chat_id} yet"
                        )
                    message["message_id"] = max(mine)
                stored = self._messages.get((chat_id, message["message_id"]))
                if stored is not None:
                    payload["message"] = copy.deepcopy(stored)
        elif kind == "inline_query":
            self._inline_ids.add(payload["id"])
            self._remember_ids(payload)
        elif kind in {"my_chat_member", "chat_member"}:
            self._remember_ids(payload)
            new = payload["new_chat_member"]
            chat_id = payload["chat"]["id"]
            self._members[(chat_id, new["user"]["id"])] = copy.deepcopy(new)
        else:
            self._remember_ids(payload)

    def _bot_message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        stored = self._messages.get((chat_id, message_id))
        if stored is None:
            raise _bad_request("message to edit not found")
        if stored.get("from", {}).get("id") != BOT_ID:
            raise _bad_request("message can't be edited")
        return stored

    @staticmethod
    def _scope_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    # ---------------------------------------------------------------- Bot API methods

    def _builtin_methods(self) -> dict[str, MethodImpl]:
        return {
            "getMe": lambda p, f: dict(BOT_USER),
            "logOut": lambda p, f: True,
            "close": lambda p, f: True,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "sendChatAction": self._send_chat_action,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": lambda p, f: True,
            "setMyShortDescription": lambda p, f: True,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getFile": self._get_file,
        }

    def _get_updates(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        if self._webhook is not None:
            raise BotAPIError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = min(max(float(params.get("timeout") or 0), 0.0), MAX_LONG_POLL)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = set(allowed) or None
        if offset > 0:
            self._queue = [u for u in self._queue if u["update_id"] >= offset]
        elif offset < 0:
            self._queue = self._queue[offset:]
        self._poll_generation += 1
        generation = self._poll_generation
        deadline = time.monotonic() + timeout
        while True:
            ready = []
            for update in list(self._queue):
                kind = update_type(update)
                wanted = (
                    kind not in DEFAULT_EXCLUDED_UPDATES
                    if self._allowed_updates is None
                    else kind in self._allowed_updates
                )
                if wanted:
                    ready.append(update)
                else:
                    self._queue.remove(update)
                    self.dropped_updates.append(update)
            if ready or self._stopping:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._waiting_polls += 1
            self._notify()
            try:
                self._polls.wait(remaining)
            finally:
                self._waiting_polls -= 1
            if generation != self._poll_generation:
                raise BotAPIError(409, _DEFAULT_DESCRIPTIONS[409])
        return ready[:limit]

    def _set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        url = params.get("url") or ""
        if params.get("drop_pending_updates"):
            self._queue.clear()
        if not url:
            self._webhook = None
            return True
        self._webhook = {"url": url}
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = set(params["allowed_updates"]) or None
        self._notify()
        return True

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        self._webhook = None
        if params.get("drop_pending_updates"):
            self._queue.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        info: dict[str, Any] = {
            "url": (self._webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    def _send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_key(params.get("chat_id"))
        self._check_chat(chat_id)
        text, entities = format_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        markup = params.get("reply_markup")
        _validate_reply_markup(markup)
        reply_to = params.get("reply_parameters") or (
            {"message_id": params["reply_to_message_id"]}
            if params.get("reply_to_message_id")
            else None
        )
        replied = None
        if reply_to:
            replied = self._messages.get((chat_id, reply_to.get("message_id")))
            if replied is None and not (
                reply_to.get("allow_sending_without_reply")
                or params.get("allow_sending_without_reply")
            ):
                raise _bad_request("message to be replied not found")
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat_id),
            "from": dict(BOT_SENDER),
            "chat": self._chat(chat_id),
            "date": _now(),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if params.get("message_thread_id"):
            message["message_thread_id"] = params["message_thread_id"]
            message["is_topic_message"] = True
        if replied is not None:
            message["reply_to_message"] = {
                k: v for k, v in replied.items() if k != "reply_to_message"
            }
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _edit_message_text(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        text, entities = format_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        markup = params.get("reply_markup")
        _validate_reply_markup(markup)
        if params.get("inline_message_id"):
            return True
        chat_id = self._chat_key(params.get("chat_id"))
        self._check_chat(chat_id)
        stored = self._bot_message(chat_id, int(params.get("message_id") or 0))
        if (
            stored.get("text") == text
            and stored.get("entities", []) == entities
            and stored.get("reply_markup") == markup
        ):
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        stored["text"] = text
        stored["edit_date"] = _now()
        if entities:
            stored["entities"] = entities
        else:
            stored.pop("entities", None)
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            stored["reply_markup"] = markup
        else:
            stored.pop("reply_markup", None)
        return copy.deepcopy(stored)

    def _edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        markup = params.get("reply_markup")
        _validate_reply_markup(markup)
        if params.get("inline_message_id"):
            return True
        chat_id = self._chat_key(params.get("chat_id"))
        stored = self._bot_message(chat_id, int(params.get("message_id") or 0))
        if stored.get("reply_markup") == markup:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        if markup:
            stored["reply_markup"] = markup
        else:
            stored.pop("reply_markup", None)
        stored["edit_date"] = _now()
        return copy.deepcopy(stored)

    def _delete_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_key(params.get("chat_id"))
        key = (chat_id, int(params.get("message_id") or 0))
        if key not in self._messages:
            raise _bad_request("message to delete not found")
        del self._messages[key]
        return True

    def _send_chat_action(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_key(params.get("chat_id"))
        self._check_chat(chat_id)
        if params.get("action") not in CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    def _answer_callback_query(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        if str(params.get("callback_query_id")) not in self._callback_ids:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        return True

    def _answer_inline_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        if str(params.get("inline_query_id")) not in self._inline_ids:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        results = params.get("results") or []
        if not isinstance(results, list):
            raise _bad_request("can't parse inline query results JSON object")
        if len(results) > 50:
            raise _bad_request("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids):
            raise _bad_request("RESULT_ID_DUPLICATE")
        for result in results:
            if not 1 <= len(str(result.get("id", "")).encode("utf-8")) <= 64:
                raise _bad_request("RESULT_ID_INVALID")
            _validate_reply_markup(result.get("reply_markup"))
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                format_text(
                    content["message_text"], content.get("parse_mode"), content.get("entities")
                )
        return True

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH" if commands else "commands are empty")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._scope_key(params.get("scope"), params.get("language_code"))
        self._commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _get_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        key = self._scope_key(params.get("scope"), params.get("language_code"))
        return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        self._commands.pop(self._scope_key(params.get("scope"), params.get("language_code")), None)
        return True

    def _get_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_key(params.get("chat_id"))
        if chat_id in self._migrated:
            self._check_chat(chat_id)
        return self._chat(chat_id) | {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }

    def _get_chat_member(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_key(params.get("chat_id"))
        if chat_id in self._migrated:
            self._check_chat(chat_id)
        try:
            user_id = int(params.get("user_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise _bad_request("invalid user_id specified") from None
        member = self._members.get((chat_id, user_id))
        if member is not None:
            return copy.deepcopy(member)
        user = dict(BOT_SENDER) if user_id == BOT_ID else self._users.get(user_id, _user(user_id))
        return chat_member_dict(user, "member")

    def _get_file(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        file_id = str(params.get("file_id", ""))
        if file_id not in self._files:
            raise _bad_request("invalid file_id")
        path, content = self._files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"U{zlib.crc32(file_id.encode())}",
            "file_size": len(content),
            "file_path": path,
        }


def _json_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _json_response(payload: dict[str, Any], status: int) -> tuple[int, str, bytes]:
    return status, "application/json", _json_body(payload)


def _short(params: dict[str, Any], limit: int = 80) -> str:
    text = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return text if len(text) <= limit else text[: limit - 3] + "..."
