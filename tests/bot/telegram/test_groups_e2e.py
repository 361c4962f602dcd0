"""Groups and channels end to end: admin-only settings, threaded answers, no spam."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.store.settings import SettingsStore
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.bot.telegram.harness import Bot, run, running_bot
from tests.conftest import read_jsonl
from tests.fakes.bot_api import (
    BOT_ID,
    BOT_USERNAME,
    FakeBotAPI,
    chat_dict,
    message_update,
    migrate_update,
    my_chat_member_update,
)

GROUP = -1001000000001  # a supergroup
ADMIN, MEMBER = 501, 502
ANONYMOUS_ADMIN_BOT = 1087968824


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        fake.set_member_status(GROUP, ADMIN, "administrator")
        fake.set_member_status(GROUP, MEMBER, "member")
        yield fake


def say(server: FakeBotAPI, text: str, user: int = MEMBER, **kwargs: Any) -> dict[str, Any]:
    return server.push_update(
        message_update(text, chat_id=GROUP, user_id=user, chat_type="supergroup", **kwargs)
    )


def group_replies(server: FakeBotAPI) -> list[dict[str, Any]]:
    return server.sent_messages(chat_id=GROUP)


async def settle(bot: Bot) -> None:
    """Wait until every pushed update was fetched and the bot had time to act on it."""
    await bot.wait(lambda s: not s.pending_updates(), timeout=30)
    await asyncio.sleep(0.5)


async def set_mode(bot: Bot, mode: str) -> None:
    before = len(group_replies(bot.server))
    say(bot.server, f"/autoanswer {mode}", user=ADMIN)
    await bot.wait(lambda s: len(group_replies(s)) > before)


def test_groups_admin_toggles_and_non_admin_is_refused_once(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")
            assert "Auto-answer: auto" in group_replies(server)[-1]["text"]
            say(server, "/autoanswer off", user=MEMBER)
            say(server, "/autoanswer off", user=MEMBER)
            await settle(bot)
            refusals = [m for m in group_replies(server) if "Only the chat's admins" in m["text"]]
            assert len(refusals) == 1
            assert bot.core.settings is not None
            assert await bot.core.settings.mode(GROUP) == "auto"

    run(scenario())


def test_groups_anonymous_admin_may_change_settings(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            say(
                server,
                "/autoanswer off",
                user=ANONYMOUS_ADMIN_BOT,
                sender_chat=chat_dict(GROUP, "supergroup"),
            )
            await bot.wait(lambda s: group_replies(s))
            assert bot.core.settings is not None
            assert await bot.core.settings.mode(GROUP) == "off"

    run(scenario())


def test_groups_question_answered_in_its_thread(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")
            question = say(server, "will putin be arrested in mongolia?", message_thread_id=7)
            await bot.wait(lambda s: len(group_replies(s)) >= 2)
            reply = group_replies(server)[-1]
            assert reply["text"].startswith("<b>Mongolia is obliged to arrest Vladimir Putin")
            assert reply["reply_parameters"]["message_id"] == question["message"]["message_id"]
            assert reply["message_thread_id"] == 7

    run(scenario())


def test_groups_mentions_mode_answers_only_when_addressed(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            say(server, "will putin be arrested in mongolia?")
            await settle(bot)
            assert group_replies(server) == []
            say(server, f"@{BOT_USERNAME} will putin be arrested in mongolia?")
            await bot.wait(lambda s: group_replies(s))
            assert "Mongolia is obliged" in group_replies(server)[0]["text"]

    run(scenario())


def test_groups_chatter_gets_no_replies_in_auto_mode(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    lines = [row["text"] for row in read_jsonl("chatter.jsonl")]
    assert len(lines) >= 150

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")
            for index, line in enumerate(lines):
                say(server, line, user=10_000 + index)
            await settle(bot)
            answers = group_replies(server)[1:]
            assert answers == [], [a["text"][:80] for a in answers]

    run(scenario())


def test_groups_fifty_questions_in_ten_seconds_stay_within_the_cap(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    questions = [
        row["text"] for row in read_jsonl("questions.jsonl") if row["intent"] == "arrest_risk"
    ][:50]

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")
            started = asyncio.get_running_loop().time()
            for index, question in enumerate(questions):
                say(server, f"@{BOT_USERNAME} {question}", user=20_000 + index)
                await asyncio.sleep(0.2)
            await settle(bot)
            assert asyncio.get_running_loop().time() - started < 30
            answers = group_replies(server)[1:]
            cap = bot.core.group_gate.limits.per_minute
            assert 1 <= len(answers) <= cap

    run(scenario())


def test_groups_repeat_question_links_to_the_earlier_answer(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            say(server, f"@{BOT_USERNAME} will putin be arrested in mongolia?", user=MEMBER)
            await bot.wait(lambda s: len(group_replies(s)) >= 1)
            first_id = server.calls("sendMessage")[-1].result["message_id"]
            say(server, f"@{BOT_USERNAME} Would Mongolia arrest Putin?", user=ADMIN)
            await bot.wait(lambda s: len(group_replies(s)) >= 2)
            second = group_replies(server)[1]["text"]
            assert "answered this a few minutes ago" in second
            assert f"https://t.me/c/{str(GROUP)[4:]}/{first_id}" in second

    run(scenario())


def test_groups_never_answer_bots(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")
            update = message_update(
                "will putin be arrested in mongolia?",
                chat_id=GROUP,
                user_id=999,
                chat_type="supergroup",
            )
            update["message"]["from"]["is_bot"] = True
            server.push_update(update)
            await settle(bot)
            assert len(group_replies(server)) == 1

    run(scenario())


def test_groups_supergroup_migration_keeps_settings(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    old, new = -4000000001, -1009000000001
    server.set_member_status(old, ADMIN, "administrator")

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(
                message_update("/autoanswer on", chat_id=old, user_id=ADMIN, chat_type="group")
            )
            await bot.wait(lambda s: s.sent_messages(chat_id=old))
            server.push_update(migrate_update(old, new, by_user_id=ADMIN))
            await settle(bot)
            assert bot.core.settings is not None
            assert await bot.core.settings.mode(new) == "auto"

    run(scenario())


def test_groups_channel_post_in_discussion_group(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    channel = chat_dict(-1002000000001, "channel")

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")
            post = say(
                server,
                "Putin to visit Mongolia next week for talks",
                user=777000,
                sender_chat=channel,
                is_automatic_forward=True,
            )
            await bot.wait(lambda s: len(group_replies(s)) >= 2)
            reply = group_replies(server)[-1]
            assert "Mongolia is obliged to arrest Vladimir Putin" in reply["text"]
            assert reply["reply_parameters"]["message_id"] == post["message"]["message_id"]
            say(
                server,
                "Putin criticises Mongolia over gas prices",
                user=777000,
                sender_chat=channel,
                is_automatic_forward=True,
            )
            await settle(bot)
            assert len(group_replies(server)) == 2  # not a trip: no reply

    run(scenario())


def test_groups_restart_keeps_settings(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def first() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")

    async def second() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            say(server, "will putin be arrested in mongolia?")
            await bot.wait(lambda s: len(group_replies(s)) >= 2)
            assert "Mongolia is obliged" in group_replies(server)[-1]["text"]

    run(first())
    run(second())


def test_groups_added_introduces_itself_removed_marks_inactive(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    chat = -1003000000001

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(my_chat_member_update(chat, "supergroup", "left", "member"))
            await bot.wait(lambda s: s.sent_messages(chat_id=chat))
            assert "/autoanswer" in server.sent_messages(chat_id=chat)[0]["text"]
            server.push_update(my_chat_member_update(chat, "supergroup", "member", "kicked"))
            await settle(bot)
            assert bot.core.chats is not None
            assert await bot.core.chats.is_active(chat) is False
            await SettingsStore(bot.core.chats.db).mode(chat)  # settings rows are kept

    run(scenario())
    assert BOT_ID
