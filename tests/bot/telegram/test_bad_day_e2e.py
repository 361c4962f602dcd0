"""End to end, the bad day: poison updates, redeliveries, limit walk-arounds, failing health.

The real PTB Application against the fake Bot API on 127.0.0.1 (``harness.running_bot``).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.telegram.redact import RedactingFilter, Redactor
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.bot.telegram.harness import TOKEN, run, running_bot
from tests.fakes.bot_api import (
    FakeBotAPI,
    edited_message_update,
    inline_update,
    message_update,
)

USER = 1001
OWNER = 5005
GROUP = -1001000000001
SECRET_TEXT = "my-private-words-42"


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake


def raw_message(update_id: int, text: str, *, message_id: bool = True) -> dict[str, Any]:
    message: dict[str, Any] = {
        "date": 0,
        "chat": {"id": USER, "type": "private"},
        "from": {"id": USER, "is_bot": False, "first_name": "A"},
        "text": text,
    }
    if message_id:
        message["message_id"] = update_id
    return {"update_id": update_id, "message": message}


def test_e2e_an_update_the_library_cannot_parse_is_skipped_once(
    server: FakeBotAPI,
    tmp_path: Path,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A message without message_id and a poll without total_voter_count: logged once without
    their text, counted, the offset moves on, and the next question is answered.
    """
    poll = {
        "update_id": 2,
        "poll": {"id": "p1", "question": SECRET_TEXT, "options": [], "is_closed": False},
    }

    async def scenario() -> None:
        env = {"WARRANTWATCH_OWNER_IDS": str(OWNER)}
        async with running_bot(server, tmp_path, kb, pipeline, env=env) as bot:
            server.push_raw(raw_message(1, SECRET_TEXT, message_id=False))
            server.push_raw(poll)
            server.push_update(message_update("/start", chat_id=USER, user_id=USER))
            (reply,) = await bot.replies(USER, 1)
            assert "Hello" in reply["text"]
            await asyncio.sleep(0.3)  # a stuck offset would refetch the batch many times
            assert bot.core.health.skipped == 2
            assert not server.pending_updates()
            polls = len(server.calls("getUpdates"))
            assert polls < 40
            server.push_update(message_update("/stats", chat_id=OWNER, user_id=OWNER))
            (stats,) = await bot.replies(OWNER, 1)
            assert "Updates skipped (unparseable): 2" in stats["text"]

    with caplog.at_level(logging.WARNING):
        run(scenario())
    skipped = [r for r in caplog.records if "cannot parse" in r.getMessage()]
    assert len(skipped) == 2
    assert SECRET_TEXT not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]


def test_e2e_an_update_id_delivered_twice_is_answered_once_even_after_a_restart(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            for update_id, command in ((7, "/help"), (7, "/help"), (8, "/about")):
                server.push_raw(raw_message(update_id, command))  # one batch, 7 twice in it
            await bot.replies(USER, 2)
            await bot.wait(lambda s: not s.pending_updates())
            assert bot.core.health.duplicates == 1
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_raw(raw_message(8, "/about"))  # refetched after a crash, say
            server.push_raw(raw_message(9, "/privacy"))
            await bot.replies(USER, 3)
            await asyncio.sleep(0.2)
            assert len(server.sent_messages(chat_id=USER)) == 3

    run(scenario())


WEBHOOK_ENV = {
    "WARRANTWATCH_MODE": "webhook",
    "WARRANTWATCH_WEBHOOK_URL": "https://bot.example.org/hook",
    "WARRANTWATCH_WEBHOOK_SECRET": "right-secret",
    "WARRANTWATCH_PORT": "0",
}


def test_e2e_webhook_rejects_junk_and_answers_a_redelivery_once(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=WEBHOOK_ENV) as bot:
            url = f"http://127.0.0.1:{bot.runner.bound_ports['webhook']}/hook"
            headers = {"X-Telegram-Bot-Api-Secret-Token": "right-secret"}
            async with httpx.AsyncClient(trust_env=False) as client:

                async def post(body: Any) -> int:
                    sent = await client.post(url, json=body, headers=headers)
                    return sent.status_code

                junk = [await post(b) for b in ([1, 2], "text", 3, None, {"no": "id"})]
                not_json = await client.post(url, content=b"{oops", headers=headers)
                poison = await post(raw_message(40, SECRET_TEXT, message_id=False))
                first = await post(raw_message(41, "/help"))
                again = await post(raw_message(41, "/help"))
            assert junk == [400] * 5 and not_json.status_code == 400
            assert (poison, first, again) == (200, 200, 200)
            await bot.replies(USER, 1)
            await asyncio.sleep(0.3)
            assert len(server.sent_messages(chat_id=USER)) == 1
            assert bot.core.health.skipped == 1 and bot.core.health.duplicates == 1

    run(scenario())


def test_e2e_edits_are_limited_and_never_run_a_command_again(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    """60 edits of one /report: the owner gets one copy; the edits count against the limit."""
    env = {"WARRANTWATCH_OWNER_IDS": str(OWNER)}

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env) as bot:
            sent = server.push_update(
                message_update("/report Kyrgyzstan is wrong", chat_id=USER, user_id=USER)
            )
            message_id = sent["message"]["message_id"]
            await bot.replies(OWNER, 1)
            for n in range(60):
                server.push_update(
                    edited_message_update(
                        f"/report Kyrgyzstan is wrong {n}", message_id, chat_id=USER
                    )
                )
            await bot.wait(lambda s: not s.pending_updates())
            server.push_update(message_update("/help", chat_id=USER, user_id=USER))
            await asyncio.sleep(0.5)
            assert len(server.sent_messages(chat_id=OWNER)) == 1
            assert bot.core.limiter.check(USER) == "drop"  # the edits used up the window

    run(scenario())


def test_e2e_inline_queries_are_limited(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            limit = bot.core.inline_limiter.limit
            for n in range(limit + 20):
                server.push_update(inline_update(f"putin mongolia {n}", user_id=USER))
            await bot.wait(lambda s: not s.pending_updates())
            await bot.wait(lambda s: len(s.calls("answerInlineQuery")) >= limit)
            await asyncio.sleep(0.3)
            assert len(server.calls("answerInlineQuery")) == limit
            server.push_update(inline_update("putin mongolia", user_id=USER + 1))
            await bot.wait(lambda s: len(s.calls("answerInlineQuery")) == limit + 1)

    run(scenario())


def test_e2e_group_chatter_the_bot_ignores_does_not_use_up_the_limit(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            assert bot.core.settings is not None
            await bot.core.settings.set_mode(GROUP, "auto", None)
            limit = bot.core.limiter.limit
            for n in range(limit + 5):
                server.push_update(
                    message_update(
                        f"lol that match last night was wild {n}",
                        chat_id=GROUP,
                        user_id=USER,
                        chat_type="supergroup",
                    )
                )
            server.push_update(
                message_update(
                    "Will Mongolia arrest Putin?",
                    chat_id=GROUP,
                    user_id=USER,
                    chat_type="supergroup",
                )
            )
            (reply,) = await bot.replies(GROUP, 1)
            assert "Mongolia" in reply["text"]

    run(scenario())


def test_e2e_health_is_503_while_polling_fails_or_the_database_cannot_be_written(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    env = {"WARRANTWATCH_HEALTH_PORT": "0", "WARRANTWATCH_HEALTH_MAX_AGE": "10"}

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline, env=env) as bot:
            url = f"http://127.0.0.1:{bot.runner.bound_ports['health']}/healthz"
            async with httpx.AsyncClient(trust_env=False) as client:
                healthy = await client.get(url)
                assert healthy.status_code == 200, healthy.text
                bot.core.health.max_age = 0.5
                server.fail_next("getUpdates", error_code=500, times=None)
                await asyncio.sleep(1.0)
                failing = await client.get(url)
                assert failing.status_code == 503
                assert "update check" in failing.json()["problems"][0]
                server.clear_faults()
                server.push_update(message_update("/help", chat_id=USER, user_id=USER))
                await bot.replies(USER, 1)  # polling works again
                assert (await client.get(url)).status_code == 200
                db = tmp_path / "warrantwatch.sqlite3"
                with sqlite3.connect(db, timeout=0.1) as locker:
                    locker.execute("BEGIN EXCLUSIVE")
                    locked = await client.get(url)
                    locker.execute("ROLLBACK")
                assert locked.status_code == 503
                assert "database" in locked.json()["problems"][0]

    run(scenario())


def test_e2e_token_in_an_echoed_lower_cased_description_is_redacted(
    server: FakeBotAPI,
    tmp_path: Path,
    kb: KnowledgeBase,
    pipeline: Pipeline,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A 400 whose description echoes the request path in lower case: neither the log nor
    the stored failure carries the token, in any letter case.
    """
    echo = f"Bad Request: /bot{TOKEN.lower()}/sendmessage rejected"
    caplog.handler.addFilter(RedactingFilter(Redactor([TOKEN])))  # as configure_logging does

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.fail_next("sendMessage", error_code=400, description=echo, times=None)
            server.push_update(message_update("/help", chat_id=USER, user_id=USER))
            await bot.wait(lambda s: s.calls("sendMessage"))
            await asyncio.sleep(0.3)

    with caplog.at_level(logging.DEBUG):
        run(scenario())
    secret = TOKEN.partition(":")[2].lower()
    assert secret not in caplog.text.lower()
    with sqlite3.connect(tmp_path / "warrantwatch.sqlite3") as db:
        stored = " ".join(r[0] for r in db.execute("SELECT error FROM failed_sends"))
    assert stored and secret not in stored.lower()


def test_e2e_one_groups_429_does_not_hold_other_chats_answers(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    """A retry_after on one group's reply: five people's private answers still come at once,
    and the group's answer arrives after the wait (nothing lost).
    """
    wait = 3

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.fail_next("sendMessage", retry_after=wait, chat_id=GROUP)
            started = asyncio.get_running_loop().time()
            server.push_update(
                message_update(
                    "/ask Will Mongolia arrest Putin?",
                    chat_id=GROUP,
                    user_id=USER,
                    chat_type="supergroup",
                )
            )
            await bot.wait(lambda s: any(not c.ok for c in s.calls("sendMessage")))
            people = [2001 + n for n in range(5)]
            for person in people:
                server.push_update(message_update("/help", chat_id=person, user_id=person))
            for person in people:
                await bot.replies(person, 1, timeout=wait - 1)
            answered = asyncio.get_running_loop().time() - started
            assert answered < wait - 0.5
            (group_reply,) = await bot.replies(GROUP, 1, timeout=wait + 5)
            assert "Mongolia" in group_reply["text"]
            assert asyncio.get_running_loop().time() - started >= wait - 0.1

    run(scenario())
