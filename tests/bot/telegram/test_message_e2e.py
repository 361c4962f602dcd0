"""End to end: a message with several questions gets one reply, in private chats and groups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.bot.telegram.harness import run, running_bot
from tests.bot.telegram.test_groups_e2e import (
    ADMIN,
    GROUP,
    MEMBER,
    group_replies,
    say,
    set_mode,
    settle,
)
from tests.fakes.bot_api import BOT_USERNAME, FakeBotAPI, callback_update, message_update

USER = 1002
TWO = "is hungary in the icc? and does it have to arrest putin?"


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        fake.set_member_status(GROUP, ADMIN, "administrator")
        fake.set_member_status(GROUP, MEMBER, "member")
        yield fake


def _leads(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("<b>") and "“" in line]


def _links(messages: list[dict[str, Any]]) -> int:
    return sum(str(m["text"]).count("<a href=") for m in messages)


def _buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


def test_private_chat_answers_every_question_in_one_reply(
    server: FakeBotAPI, tmp_path: Any, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(message_update(TWO, chat_id=USER, user_id=USER))
            (reply,) = await bot.replies(USER, 1)
            text = reply["text"]
            assert _leads(text) == [
                "<b>1. “is hungary in the icc?”</b>",
                "<b>2. “and does it have to arrest putin?”</b>",
            ]
            assert "Hungary is obliged to arrest Vladimir Putin" in text
            assert text.count("Facts as of") == 1 and text.count("<b>Sources</b>") == 1
            label, data = _buttons(reply)[0]
            assert label.startswith("Sources (")
            count = int(label.split("(")[1].rstrip(")"))
            server.push_update(callback_update(data, chat_id=USER, user_id=USER))
            await bot.wait(lambda s: _links(s.sent_messages(chat_id=USER)[1:]) == count)
            # the next message follows up on the last question: Hungary
            sent = len(server.sent_messages(chat_id=USER))
            server.push_update(message_update("and netanyahu?", chat_id=USER, user_id=USER))
            replies = await bot.replies(USER, sent + 1)
            assert "Hungary is obliged to arrest Benjamin Netanyahu" in replies[-1]["text"]

    run(scenario())


def test_group_answers_every_question_in_one_reply_counted_once(
    server: FakeBotAPI, tmp_path: Any, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    places = ["mongolia", "kyrgyzstan", "kazakhstan", "armenia", "tajikistan", "hungary", "chile"]

    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            cap = bot.core.group_gate.limits.per_minute
            assert cap < len(places)
            for index, place in enumerate(places[: cap + 1]):
                say(
                    server,
                    f"@{BOT_USERNAME} is {place} in the icc? and must it arrest putin?",
                    user=30_000 + index,
                )
            await settle(bot)
            answers = group_replies(server)
            assert len(answers) == cap  # one message each, within the chat's cap
            assert all(len(_leads(a["text"])) == 2 for a in answers)
            assert all(a["text"].count("Facts as of") == 1 for a in answers)

    run(scenario())


def test_group_auto_mode_and_ask_command_answer_several_questions(
    server: FakeBotAPI, tmp_path: Any, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            await set_mode(bot, "on")
            question = say(server, TWO, user=MEMBER)
            await bot.wait(lambda s: len(group_replies(s)) >= 2)
            reply = group_replies(server)[-1]
            assert len(_leads(reply["text"])) == 2
            assert reply["reply_parameters"]["message_id"] == question["message"]["message_id"]
            say(server, "/ask is poland in the icc? and is chile?", user=MEMBER)
            await bot.wait(lambda s: len(group_replies(s)) >= 3)
            assert _leads(group_replies(server)[-1]["text"]) == [
                "<b>1. “is poland in the icc?”</b>",
                "<b>2. “and is chile?”</b>",
            ]
            # the same questions again get a link to the reply above
            say(server, f"@{BOT_USERNAME} {TWO}", user=ADMIN)
            await bot.wait(lambda s: len(group_replies(s)) >= 4)
            assert "answered this a few minutes ago" in group_replies(server)[-1]["text"]

    run(scenario())
