"""Self-test of the fake Bot API server, driven by a real python-telegram-bot Application."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    ChatMemberRestricted,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    RetryAfter,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from tests.fakes.bot_api import (
    BOT_ID,
    FakeBotAPI,
    callback_update,
    chat_member_update,
    edited_message_update,
    inline_update,
    message_update,
    migrate_update,
    my_chat_member_update,
    parse_html,
    photo_update,
    sticker_update,
)

TOKEN = "123456:TEST-fake-token"


def run(fn: Callable[[], Awaitable[Any]]) -> Any:
    """Run an async test body without pytest-asyncio."""
    return asyncio.run(fn())  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _timedelta_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without it PTB 22 warns (PTBDeprecationWarning) whenever RetryAfter is built.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(token=TOKEN) as fake:
        yield fake
        assert fake.errors == []


def _request() -> HTTPXRequest:
    return HTTPXRequest(httpx_kwargs={"trust_env": False})


def build_app(server: FakeBotAPI) -> Application:  # type: ignore[type-arg]
    return (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{server.url}/bot")
        .base_file_url(f"{server.url}/file/bot")
        .request(_request())
        .get_updates_request(_request())
        .build()
    )


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


def _bot(server: FakeBotAPI) -> Bot:
    return Bot(TOKEN, base_url=f"{server.url}/bot", request=_request())


def _client(server: FakeBotAPI) -> httpx.Client:
    return httpx.Client(base_url=f"{server.url}/bot{TOKEN}", trust_env=False, timeout=10)


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


# ---------------------------------------------------------------------------- with PTB


def test_echo_through_a_real_application(server: FakeBotAPI) -> None:
    app = build_app(server)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))

    async def body() -> None:
        async with polling(app):
            assert app.bot.username == "warrantwatch_bot"
            server.push_update(message_update("hello there", chat_id=1001, user_id=1001))
            sent = await server.wait_for_async(lambda s: s.sent_messages(chat_id=1001))
            assert sent[0]["text"] == "hello there"
            assert sent[0]["chat_id"] == 1001

    run(body)
    assert server.calls("getMe")
    assert server.calls("deletewebhook")  # case-insensitive lookup
    assert server.bot_messages(1001)[0]["from"]["id"] == BOT_ID


def test_offset_delivers_each_update_exactly_once(server: FakeBotAPI) -> None:
    app = build_app(server)
    seen: list[int] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.update_id)

    app.add_handler(MessageHandler(filters.ALL, record))

    async def body() -> None:
        async with polling(app):
            first = server.push_update(message_update("one"))
            await server.wait_for_async(lambda s: first["update_id"] in seen)
            second = server.push_update(message_update("two"))
            await server.wait_for_async(lambda s: second["update_id"] in seen)
            # The next poll (offset = second update_id + 1) confirms it: the queue empties.
            await server.wait_for_async(
                lambda s: not s.pending_updates(), description="the queue to be confirmed"
            )

    run(body)
    assert seen == [1, 2]


def test_retry_after_then_success(server: FakeBotAPI) -> None:
    server.fail_next("sendMessage", 429, retry_after=3)

    async def body() -> None:
        async with _bot(server) as bot:
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(42, "first try")
            # PTB >= 22.2 reports a timedelta (with PTB_TIMEDELTA set); 22.0 reports seconds
            assert caught.value.retry_after in (dt.timedelta(seconds=3), 3)
            message = await bot.send_message(42, "second try")
            assert message.text == "second try"
            assert message.from_user is not None
            assert message.from_user.id == BOT_ID

    run(body)
    attempts = server.calls("sendMessage")
    assert [(c.ok, c.error_code) for c in attempts] == [(False, 429), (True, None)]
    assert [m["text"] for m in server.sent_messages(42)] == ["second try"]


def test_error_mapping_to_ptb_exceptions(server: FakeBotAPI) -> None:
    server.fail_next("sendMessage", 403, chat_id=7)

    async def body() -> None:
        async with _bot(server) as bot:
            await bot.send_message(8, "not affected by the chat-specific fault")
            server.fail_next("sendMessage", migrate_to_chat_id=-1009)
            server.fail_next("sendMessage", 400, "Bad Request: chat not found")
            server.fail_next("getUpdates", 409)
            with pytest.raises(Forbidden):
                await bot.send_message(7, "blocked")
            with pytest.raises(ChatMigrated) as migrated:
                await bot.send_message(-5, "old group")
            assert migrated.value.new_chat_id == -1009
            with pytest.raises(BadRequest, match=r"(?i)chat not found"):
                await bot.send_message(9, "x")
            with pytest.raises(Conflict):
                await bot.get_updates()
            with pytest.raises(EndPointNotFound):
                await bot.do_api_request("noSuchMethod")

    run(body)
    assert server.calls("noSuchMethod")[0].error_code == 404


def test_form_encoding_is_decoded(server: FakeBotAPI) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])

    async def body() -> None:
        async with _bot(server) as bot:
            await bot.send_message(
                1001,
                "123",
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,
                disable_notification=True,
            )

    run(body)
    (params,) = server.sent_messages(1001)
    assert params["text"] == "123"  # a string parameter stays a string
    assert params["chat_id"] == 1001
    assert params["disable_notification"] is True
    assert params["parse_mode"] == "HTML"
    assert params["reply_markup"] == {
        "inline_keyboard": [[{"text": "More", "callback_data": "more:1"}]]
    }


def test_html_is_parsed_and_validated(server: FakeBotAPI) -> None:
    async def body() -> None:
        async with _bot(server) as bot:
            message = await bot.send_message(
                5, "<b>Putin</b> &amp; <a href='https://icc-cpi.int'>ICC</a>", parse_mode="HTML"
            )
            assert message.text == "Putin & ICC"
            assert [(e.type, e.offset, e.length) for e in message.entities] == [
                ("bold", 0, 5),
                ("text_link", 8, 3),
            ]
            with pytest.raises(BadRequest, match=r'(?i)unsupported start tag "" at byte offset 2'):
                await bot.send_message(5, "a < b <br>", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)can't find end tag"):
                await bot.send_message(5, "<b>open", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)message is too long"):
                await bot.send_message(5, "x" * 4097)
            await bot.send_message(5, "<i>" + "x" * 4096 + "</i>", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
                await bot.send_message(
                    5,
                    "k",
                    reply_markup=InlineKeyboardMarkup(
                        [[InlineKeyboardButton("b", callback_data="x" * 65)]]
                    ),
                )

    run(body)
    assert parse_html("&lt;3 &#128512; caf&eacute;") == ("<3 \U0001f600 caf&eacute;", [])
    _text, entities = parse_html("\U0001f600<pre><code class='language-py'>x</code></pre>")
    assert entities == [{"offset": 2, "length": 1, "type": "pre", "language": "py"}]


def test_callback_edit_and_answer(server: FakeBotAPI) -> None:
    app = build_app(server)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Why?", callback_data="why")]])

    async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Answer", reply_markup=keyboard)

    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await query.answer()
        await query.edit_message_text(f"Because ({query.data}) of {query.message.text}")

    app.add_handler(MessageHandler(filters.TEXT, on_text))
    app.add_handler(CallbackQueryHandler(on_press))

    async def body() -> None:
        async with polling(app):
            server.push_update(message_update("question", chat_id=77, user_id=77))
            await server.wait_for_async(lambda s: s.sent_messages(77))
            server.push_update(callback_update("why", chat_id=77, user_id=77))
            await server.wait_for_async(lambda s: s.calls("editMessageText"))

    run(body)
    assert server.calls("answerCallbackQuery")[0].ok
    (edited,) = server.bot_messages(77)
    assert edited["text"] == "Because (why) of Answer"
    assert "reply_markup" not in edited  # editing without a keyboard removes it


def test_member_table_and_bot_status(server: FakeBotAPI) -> None:
    statuses = {
        "creator": ChatMemberOwner,
        "administrator": ChatMemberAdministrator,
        "member": ChatMemberMember,
        "restricted": ChatMemberRestricted,
        "left": ChatMemberLeft,
        "kicked": ChatMemberBanned,
    }
    for user_id, status in enumerate(statuses, start=1):
        server.set_member_status(-100, user_id, status)

    async def body() -> None:
        async with _bot(server) as bot:
            for user_id, (status, cls) in enumerate(statuses.items(), start=1):
                member = await bot.get_chat_member(-100, user_id)
                assert isinstance(member, cls)
                assert member.status == status
            assert isinstance(await bot.get_chat_member(-100, 999), ChatMemberMember)
            chat = await bot.get_chat(-100)
            assert chat.type == "group"
            server.push_update(my_chat_member_update(-100, "group", "member", "kicked"))
            with pytest.raises(Forbidden, match="kicked"):
                await bot.send_message(-100, "still here?")
            server.push_update(migrate_update(-200, -1000200))
            with pytest.raises(ChatMigrated):
                await bot.send_message(-200, "hi")
            assert await bot.set_my_commands([("start", "Start"), ("help", "Help")])
            assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
            with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
                await bot.set_my_commands([("Bad-Command", "x")])

    run(body)


def test_builders_parse_as_ptb_updates(server: FakeBotAPI) -> None:
    bot = Bot(TOKEN, request=_request(), get_updates_request=_request())
    server.push_update(message_update("hi", chat_id=5, user_id=5))
    updates = [
        message_update("/start deep", chat_id=-1001, chat_type="supergroup", message_thread_id=3),
        message_update("anon", chat_id=-1002, chat_type="supergroup", sender_chat=-1002),
        message_update(
            "fwd",
            chat_id=-1003,
            chat_type="supergroup",
            sender_chat=-1004,
            is_automatic_forward=True,
        ),
        message_update("post", chat_type="channel"),
        message_update("reply", chat_id=5, user_id=5, reply_to=1),
        callback_update("data", chat_id=5, user_id=5, message_id=1),
        inline_update("putin", user_id=5),
        sticker_update(chat_id=5, user_id=5),
        photo_update(chat_id=5, user_id=5, caption="/start look"),
        edited_message_update("hi!", message_id=1, chat_id=5, user_id=5),
        my_chat_member_update(-1005, "supergroup", "left", "administrator"),
        chat_member_update(-1005, user_id=6, old_status="member", new_status="restricted"),
        migrate_update(-7, -1007),
        migrate_update(-7, -1007, direction="from"),
    ]
    for raw in updates:
        pushed = server.push_update(raw)
        update = Update.de_json(pushed, bot)
        assert update.update_id == pushed["update_id"]
        assert update.effective_user is not None or update.channel_post is not None
    first = Update.de_json(server.push_update(message_update("/help me")), bot)
    assert first.message is not None
    assert first.message.text is not None
    assert first.message.parse_entities() == {first.message.entities[0]: "/help"}
    reply = server.pending_updates()[5]["message"]["reply_to_message"]
    assert reply["text"] == "hi"


# ---------------------------------------------------------------------------- raw HTTP


def test_get_updates_offset_limit_and_long_poll(server: FakeBotAPI) -> None:
    with _client(server) as client:
        for text in ("a", "b", "c"):
            server.push_message(text)
        got = client.post("/getUpdates", data={"limit": "2"}).json()["result"]
        assert [u["message"]["text"] for u in got] == ["a", "b"]
        again = client.post("/getUpdates", data={}).json()["result"]
        assert [u["update_id"] for u in again] == [1, 2, 3]  # unconfirmed: delivered again
        rest = client.post("/GETUPDATES", data={"offset": "3"}).json()["result"]
        assert [u["update_id"] for u in rest] == [3]
        assert client.post("/getUpdates", data={"offset": "4"}).json()["result"] == []

        started = time.monotonic()
        assert client.post("/getUpdates", data={"offset": "4", "timeout": "0.3"}).json() == {
            "ok": True,
            "result": [],
        }
        waited = time.monotonic() - started
        assert 0.25 <= waited < 2.0

        timer = threading.Timer(0.2, server.push_message, args=("late",))
        timer.start()
        started = time.monotonic()
        late = client.post("/getUpdates", json={"offset": 4, "timeout": 5}).json()["result"]
        timer.join()
        assert [u["message"]["text"] for u in late] == ["late"]
        assert time.monotonic() - started < 2.0

        chat_member = server.push_update(chat_member_update(-1005))
        result = client.post("/getUpdates", data={"offset": "5"}).json()["result"]
        assert result == []  # chat_member is not in the default allowed_updates
        assert server.dropped_updates == [chat_member]


def test_error_payload_shapes(server: FakeBotAPI) -> None:
    server.fail_next("sendMessage", 429, retry_after=7)
    with _client(server) as client:
        response = client.post("/sendMessage", data={"chat_id": "1", "text": "x"})
        assert response.status_code == 429
        assert response.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        }
        unknown = client.post("/fooBar")
        assert unknown.status_code == 404
        assert unknown.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }
        wrong_token = httpx.post(f"{server.url}/botWRONG/getMe", trust_env=False)
        assert wrong_token.status_code == 401
        multipart = client.post(
            "/sendMessage",
            data={"chat_id": "1", "text": "multi"},
            files={"document": ("a.txt", b"\x00\xff", "text/plain")},
        )
        assert multipart.json()["result"]["text"] == "multi"
    call = server.calls("sendMessage")[-1]
    assert call.files["document"].data == b"\x00\xff"
    assert json.loads(json.dumps(call.params)) == {"chat_id": 1, "text": "multi"}


def test_wait_for_times_out_with_a_useful_message(server: FakeBotAPI) -> None:
    with _client(server) as client:
        client.post("/getMe")
    with pytest.raises(TimeoutError, match=r"(?s)a reply to 99.*getMe"):
        server.wait_for(lambda s: s.sent_messages(99), timeout=0.1, description="a reply to 99")


def test_wait_for_calls_from_another_thread(server: FakeBotAPI) -> None:
    def later() -> None:
        with _client(server) as client:
            for n in range(3):
                client.post("/sendMessage", data={"chat_id": "3", "text": str(n)})

    thread = threading.Thread(target=later)
    thread.start()
    calls = server.wait_for_calls("sendMessage", 3, timeout=5)
    thread.join()
    assert [c.params["text"] for c in calls] == ["0", "1", "2"]


def test_latency_and_throughput(server: FakeBotAPI) -> None:
    with _client(server) as client:
        started = time.monotonic()
        for n in range(300):
            assert client.post("/sendMessage", data={"chat_id": "9", "text": f"m{n}"}).is_success
        rate = 300 / (time.monotonic() - started)
        server.set_latency(0.2)
        started = time.monotonic()
        client.post("/sendMessage", data={"chat_id": "9", "text": "slow"})
        assert time.monotonic() - started >= 0.2
    # ~400/s here with httpx as the client (the server alone does >1000/s); a Nagle/delayed-ACK
    # stall would cap it near 25/s.  The bound is loose so slow CI machines do not flake.
    assert rate > 60, f"only {rate:.0f} requests/s"
    ids = [c.result["message_id"] for c in server.calls("sendMessage")]
    assert ids == list(range(1, 302))


def test_stop_is_prompt_with_open_connections_and_a_pending_long_poll() -> None:
    fake = FakeBotAPI().start()
    client = _client(fake)
    client.post("/getMe")  # leaves a keep-alive connection open
    answers: list[Any] = []
    poller = threading.Thread(
        target=lambda: answers.append(client.post("/getUpdates", data={"timeout": "30"}).json()),
        daemon=True,
    )
    poller.start()
    fake.wait_for(lambda s: s.waiting_polls() == 1)
    started = time.monotonic()
    fake.stop()
    assert time.monotonic() - started < 2.0
    poller.join(5)
    assert not poller.is_alive()
    assert answers == [{"ok": True, "result": []}]
    client.close()
    assert fake.errors == []


def test_go_down_refuses_connections_until_come_up_on_the_same_port(server: FakeBotAPI) -> None:
    url = server.url
    server.fail_next("sendMessage", 502, times=1)
    with _client(server) as client:
        assert client.post("/getMe").is_success  # a keep-alive connection is left open
        server.go_down()
        assert server.down and server.url == url
        with pytest.raises(httpx.TransportError):  # the open connection was cut too
            client.post("/getMe")
        with pytest.raises(httpx.ConnectError):
            client.post("/sendMessage", data={"chat_id": "5", "text": "lost"})
        server.come_up()
        assert not server.down and server.url == url
        answer = client.post("/sendMessage", data={"chat_id": "5", "text": "kept"})
    assert answer.status_code == 502  # faults, like calls and tables, outlive the outage
    assert [c.method for c in server.calls()] == ["getMe", "sendMessage"]
    server.go_down()
    server.stop()  # stopping while down releases the port
    with socket.create_server(("127.0.0.1", int(url.rsplit(":", 1)[1]))):
        pass


def test_go_down_ends_a_pending_long_poll() -> None:
    fake = FakeBotAPI().start()
    client = _client(fake)
    outcome: list[object] = []

    def poll() -> None:
        try:
            outcome.append(client.post("/getUpdates", data={"timeout": "30"}).json())
        except httpx.TransportError as error:
            outcome.append(error)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    fake.wait_for(lambda s: s.waiting_polls() == 1)
    started = time.monotonic()
    fake.go_down()
    assert time.monotonic() - started < 2.0
    poller.join(5)
    assert not poller.is_alive() and len(outcome) == 1
    fake.come_up()
    assert client.post("/getUpdates", data={"timeout": "0"}).json() == {"ok": True, "result": []}
    client.close()
    fake.stop()
    assert fake.errors == []


def test_go_down_lets_a_request_being_answered_finish(server: FakeBotAPI) -> None:
    server.set_latency(0.3)
    answers: list[httpx.Response] = []
    with _client(server) as client:

        def send() -> None:
            answers.append(client.post("/sendMessage", data={"chat_id": "5", "text": "x"}))

        sender = threading.Thread(target=send)
        sender.start()
        server.wait_for(lambda s: s._answering == 1, description="the request being answered")
        server.go_down()
        sender.join(5)
    assert [a.status_code for a in answers] == [200]
    assert server.sent_texts(5) == ["x"]
