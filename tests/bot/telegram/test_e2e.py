"""End to end: the real PTB Application polling the fake Bot API over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.bot.telegram.harness import TOKEN, run, running_bot
from tests.fakes.bot_api import (
    BOT_ID,
    FakeBotAPI,
    callback_update,
    inline_update,
    message_update,
    sticker_update,
)

USER = 1001


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake


def html_of(message: dict[str, Any]) -> str:
    return str(message["text"])


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [
        (b["text"], b.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


def test_e2e_start_and_commands_registered(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(message_update("/start", chat_id=USER, user_id=USER))
            (reply,) = await bot.replies(USER, 1)
            assert "Hello" in html_of(reply)
            commands = {c["command"] for c in server.commands()}
            assert {
                "ask",
                "status",
                "warrant",
                "warrants",
                "help",
                "about",
                "privacy",
                "sources",
            } <= commands

    run(scenario())


def test_e2e_seed_question_answered_in_html_with_sources(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(
                message_update(
                    "Will Vladimir Putin be arrested in Kyrgyzstan?", chat_id=USER, user_id=USER
                )
            )
            (reply,) = await bot.replies(USER, 1)
            text = html_of(reply)
            assert reply["parse_mode"] == "HTML"
            assert text.startswith("<b>Kyrgyzstan is not obliged to arrest Vladimir Putin")
            assert '<a href="https://' in text
            assert "Facts as of 28 November 2026" in text
            labels = [label for label, _ in buttons(reply)]
            assert labels[0].startswith("Sources") and "Ask about another country" in labels

    run(scenario())


def test_e2e_html_characters_are_escaped(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            question = "Will <b>John</b> Smith & <i>co</i> be arrested in Mongolia >?"
            server.push_update(message_update(question, chat_id=USER, user_id=USER))
            (reply,) = await bot.replies(USER, 1)
            assert "<b>John</b>" not in html_of(reply)  # the fake rejects invalid HTML outright
            assert not server.errors

    run(scenario())


def test_e2e_follow_up_uses_the_previous_question(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(
                message_update("Will Putin be arrested in Kyrgyzstan?", chat_id=USER, user_id=USER)
            )
            await bot.replies(USER, 1)
            server.push_update(message_update("and Mongolia?", chat_id=USER, user_id=USER))
            replies = await bot.replies(USER, 2)
            assert html_of(replies[1]).startswith(
                "<b>Mongolia is obliged to arrest Vladimir Putin"
            )

    run(scenario())


def test_e2e_follow_up_sent_at_once_is_answered_in_order(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    """Updates of one chat run one after another even though chats run concurrently."""
    chats = [USER + n for n in range(1, 6)]

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            for chat in chats:
                question = "Will Putin be arrested in Kyrgyzstan?"
                server.push_update(message_update(question, chat_id=chat, user_id=chat))
                server.push_update(message_update("and Mongolia?", chat_id=chat, user_id=chat))
            for chat in chats:
                first, second = await bot.replies(chat, 2)
                assert html_of(first).startswith("<b>Kyrgyzstan is not obliged")
                assert html_of(second).startswith("<b>Mongolia is obliged to arrest")

    run(scenario())


def test_e2e_inline_query(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            asked = inline_update("putin mongolia", user_id=USER)
            blank = inline_update("", user_id=USER)
            server.push_update(asked)
            server.push_update(blank)
            await bot.wait(lambda s: len(s.calls("answerInlineQuery")) >= 2)
            calls = server.calls("answerInlineQuery")
            by_id = {c.params["inline_query_id"]: c.params for c in calls}
            first = by_id[asked["inline_query"]["id"]]
            empty = by_id[blank["inline_query"]["id"]]
            results = first["results"]
            assert 1 <= len(results) <= 5
            assert results[0]["title"].startswith("Must arrest")
            content = results[0]["input_message_content"]
            assert content["parse_mode"] == "HTML"
            assert content["message_text"].startswith("<b>Mongolia is obliged")
            assert first["cache_time"] == 300
            assert len(empty["results"]) == 5  # example questions

    run(scenario())


def test_e2e_sources_button_expands_the_list(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(
                message_update("Will Putin be arrested in Mongolia?", chat_id=USER, user_id=USER)
            )
            (reply,) = await bot.replies(USER, 1)
            data = buttons(reply)[0][1]
            assert data.startswith("src:")
            server.push_update(callback_update(data, chat_id=USER, user_id=USER))
            replies = await bot.replies(USER, 2)
            assert html_of(replies[1]).startswith("<b>Sources</b>")
            await bot.wait(lambda s: s.calls("answerCallbackQuery"))

    run(scenario())


def test_e2e_another_country_button(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(
                message_update("does netanyahu have an icc warrant", chat_id=USER, user_id=USER)
            )
            (reply,) = await bot.replies(USER, 1)
            data = dict((label, d) for label, d in buttons(reply))["Ask about another country"]
            server.push_update(callback_update(data, chat_id=USER, user_id=USER))
            await bot.replies(USER, 2)
            server.push_update(message_update("France", chat_id=USER, user_id=USER))
            replies = await bot.replies(USER, 3)
            assert "France is legally obliged to arrest Benjamin Netanyahu" in html_of(replies[2])

    run(scenario())


def test_e2e_429_then_success_loses_nothing(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.fail_next("sendMessage", 429, retry_after=1, times=2)
            server.push_update(
                message_update("Is Mongolia in the ICC?", chat_id=USER, user_id=USER)
            )
            (reply,) = await bot.replies(USER, 1)
            assert "Mongolia is a State Party" in html_of(reply)
            failed = [c for c in server.calls("sendMessage") if not c.ok]
            assert [c.error_code for c in failed] == [429, 429]

    run(scenario())


def test_e2e_network_errors_are_retried(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.fail_next("sendMessage", 502, description="Bad Gateway", times=2)
            server.push_update(message_update("hello", chat_id=USER, user_id=USER))
            (reply,) = await bot.replies(USER, 1)
            assert "Hello" in html_of(reply)

    run(scenario())


def test_e2e_failed_send_is_recorded(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.fail_next("sendMessage", 502, description="Bad Gateway", times=None)
            server.push_update(message_update("hello", chat_id=USER, user_id=USER))
            await bot.wait(lambda s: len(s.calls("sendMessage")) >= 4)
            assert bot.core.chats is not None
            await bot.wait(lambda s: True)
            for _ in range(50):
                if await bot.core.chats.failures():
                    break
                await asyncio.sleep(0.05)
            ((chat_id, method, error),) = await bot.core.chats.failures()
            assert (chat_id, method) == (USER, "sendMessage") and "Bad Gateway" in error

    run(scenario())


def test_e2e_blocked_user_marks_chat_inactive(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.fail_next(
                "sendMessage", 403, description="Forbidden: bot was blocked by the user"
            )
            server.push_update(message_update("hello", chat_id=USER, user_id=USER))
            await bot.wait(lambda s: s.calls("sendMessage"))
            assert bot.core.chats is not None
            for _ in range(50):
                if await bot.core.chats.is_active(USER) is False:
                    break
                await asyncio.sleep(0.05)
            assert await bot.core.chats.is_active(USER) is False
            server.push_update(message_update("/start", chat_id=USER, user_id=USER))
            await bot.replies(USER, 1)
            assert await bot.core.chats.is_active(USER) is True  # writing again reactivates

    run(scenario())


def test_e2e_long_message_is_answered_and_flagged(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            text = "Will Putin be arrested in Mongolia? " + "blah " * 2000
            assert len(text) >= 10_000
            server.push_update(message_update(text, chat_id=USER, user_id=USER))
            (reply,) = await bot.replies(USER, 1)
            assert "Mongolia is obliged" in html_of(reply)
            assert "very long" in html_of(reply)

    run(scenario())


def test_e2e_sticker_photo_and_edits_are_handled(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(sticker_update(chat_id=USER, user_id=USER))
            (reply,) = await bot.replies(USER, 1)
            assert "I can only read text" in html_of(reply)
            assert not server.errors

    run(scenario())


def test_e2e_flood_is_answered_once_with_a_slow_down(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            bot.core.limiter.limit = 3  # replies to one chat are paced: keep the test short
            for i in range(8):
                server.push_update(
                    message_update(f"is mongolia in the icc {i}", chat_id=USER, user_id=USER)
                )
            await bot.replies(USER, 4)
            await asyncio.sleep(0.5)
            texts = [html_of(m) for m in server.sent_messages(chat_id=USER)]
            assert len(texts) == 4
            assert sum("faster than I can answer" in t for t in texts) == 1

    run(scenario())


def test_e2e_conflict_stops_with_non_zero_exit(
    server: FakeBotAPI,
    tmp_path: Path,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def scenario() -> int:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.fail_next(
                "getUpdates",
                409,
                description="Conflict: terminated by other getUpdates request",
                times=None,
            )
            await asyncio.wait_for(bot.runner.stop.wait(), timeout=20)
            return bot.runner.exit_code

    with caplog.at_level(logging.CRITICAL):
        assert run(scenario()) == 3
    assert "another instance" in caplog.text


def test_e2e_restart_keeps_chats(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def first() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(message_update("hello", chat_id=USER, user_id=USER))
            await bot.replies(USER, 1)

    async def second() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(
                message_update("Is Armenia in the ICC?", chat_id=USER, user_id=USER)
            )
            replies = await bot.replies(USER, 2)
            assert "Armenia is a State Party" in html_of(replies[1])

    run(first())
    run(second())
    with sqlite3.connect(tmp_path / "warrantwatch.sqlite3") as db:
        assert db.execute("SELECT chat_id, active FROM chats").fetchall() == [(USER, 1)]


def test_e2e_webhook_checks_the_secret_and_serves_health(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    env = {
        "WARRANTWATCH_MODE": "webhook",
        "WARRANTWATCH_WEBHOOK_URL": "https://bot.example.org/hook",
        "WARRANTWATCH_WEBHOOK_SECRET": "right-secret",
        "WARRANTWATCH_PORT": "0",
    }

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env) as bot:
            port = bot.runner.bound_ports["webhook"]
            base = f"http://127.0.0.1:{port}"
            update = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": USER, "type": "private"},
                    "from": {"id": USER, "is_bot": False, "first_name": "A"},
                    "text": "hello",
                },
            }
            async with httpx.AsyncClient(trust_env=False) as client:
                wrong = await client.post(
                    f"{base}/hook",
                    json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": "nope"},
                )
                missing = await client.post(f"{base}/hook", json=update)
                right = await client.post(
                    f"{base}/hook",
                    json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": "right-secret"},
                )
                health = await client.get(f"{base}/healthz")
            assert (wrong.status_code, missing.status_code, right.status_code) == (403, 403, 200)
            (reply,) = await bot.replies(USER, 1)
            assert "Hello" in html_of(reply)
            assert health.status_code == 200
            info = health.json()
            assert info["status"] == "ok" and info["data_as_of"] == kb.as_of.isoformat()
            (hook,) = server.calls("setWebhook")
            assert hook.params["url"] == "https://bot.example.org/hook"
            assert hook.params["secret_token"] == "right-secret"

    run(scenario())


def test_e2e_polling_health_endpoint(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        env = {"WARRANTWATCH_HEALTH_PORT": "0"}
        async with running_bot(server, tmp_path, kb, pipeline, env=env) as bot:
            port = bot.runner.bound_ports["health"]
            async with httpx.AsyncClient(trust_env=False) as client:
                response = await client.get(f"http://127.0.0.1:{port}/healthz")
            assert response.status_code == 200
            assert json.loads(response.text)["version"] == "test"

    run(scenario())


def test_e2e_token_never_logged(
    server: FakeBotAPI,
    tmp_path: Path,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.telegram.redact import MASK, RedactingFilter, Redactor

    handler_filter = RedactingFilter(Redactor([TOKEN]))
    logging.getLogger().addFilter(handler_filter)
    caplog.handler.addFilter(handler_filter)

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            logging.getLogger("httpx").warning("POST %s/bot%s/getMe", server.url, TOKEN)
            server.push_update(message_update("hello", chat_id=USER, user_id=USER))
            await bot.replies(USER, 1)

    try:
        with caplog.at_level(logging.DEBUG):
            run(scenario())
    finally:
        logging.getLogger().removeFilter(handler_filter)
    assert TOKEN.partition(":")[2] not in caplog.text
    assert MASK in caplog.text
    assert BOT_ID


def test_e2e_rejected_token_fails_start_and_closes_connections(
    tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    """A token Telegram rejects stops the start; the HTTP sessions are closed, not leaked."""
    import gc

    from telegram.error import InvalidToken

    async def scenario(server: FakeBotAPI) -> None:
        async with running_bot(server, tmp_path, kb, pipeline):
            raise AssertionError("the bot started with a rejected token")

    with FakeBotAPI(token="999:another-bot") as server, pytest.raises(InvalidToken):
        run(scenario(server))
    gc.collect()  # an unclosed aiohttp session would warn here, and warnings are errors
