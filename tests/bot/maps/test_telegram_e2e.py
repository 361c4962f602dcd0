"""/map on the real PTB Application, polling the fake Bot API over HTTP on 127.0.0.1.

``build_application`` registers /map (``maps.register``) before the private-chat handlers.
The fake Bot API has no sendPhoto of its own: ``photos`` adds one that checks the upload and
the caption's HTML as Telegram would.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.bot.maps.helpers import class_at
from tests.bot.telegram.harness import Bot, run, running_bot
from tests.conftest import TODAY
from tests.fakes.bot_api import (
    BOT_SENDER,
    BotAPIError,
    FakeBotAPI,
    UploadedFile,
    callback_update,
    chat_dict,
    format_text,
    message_update,
)

USER = 1001
GROUP = -4000000123


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        fake.register_method("sendPhoto", photos())
        yield fake


def photos() -> Any:
    ids = itertools.count(1)
    uploads: dict[str, bytes] = {}

    def send_photo(params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        upload = files.get("photo")
        if upload is not None:
            file_id = f"AgACphoto{len(uploads) + 1}"
            uploads[file_id] = upload.data
        elif params.get("photo") in uploads:
            file_id = params["photo"]
        else:
            raise BotAPIError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption, entities = format_text(params.get("caption"), params.get("parse_mode"))
        chat_id = int(params["chat_id"])
        kind = "private" if chat_id > 0 else "group"
        return {
            "message_id": next(ids),
            "from": dict(BOT_SENDER),
            "chat": chat_dict(chat_id, kind),
            "date": 1_700_000_000,
            "photo": [
                {
                    "file_id": file_id,
                    "file_unique_id": f"u{file_id}",
                    "width": 1280,
                    "height": 1000,
                }
            ],
            "caption": caption,
            "caption_entities": entities,
        }

    return send_photo


async def photo_calls(bot: Bot, count: int) -> list[Any]:
    await bot.wait(lambda s: len([c for c in s.calls("sendPhoto") if c.ok]) >= count)
    return [c for c in bot.server.calls("sendPhoto") if c.ok]


def test_e2e_map_command_sends_a_photo(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(message_update("/map putin", chat_id=USER, user_id=USER))
            (call,) = await photo_calls(bot, 1)
            png = call.files["photo"].data
            assert png.startswith(b"\x89PNG")
            assert class_at(png, 30.0, 14.0) == "no_duty"  # Sudan, for Putin
            assert class_at(png, 93.5, 48.0) == "must"  # Mongolia
            assert str(call.params["chat_id"]) == str(USER)
            caption = call.params["caption"]
            assert caption.startswith("<b>Who must arrest Vladimir Putin?</b>")
            day = f"{TODAY.day} {TODAY:%B %Y}"
            assert f"As of {day}, 125 of 198 states must arrest him" in caption
            assert "Mongolia (2024) and Tajikistan (2025)" in caption
            assert not server.sent_messages(chat_id=USER)  # no help text, no second reply

    run(scenario())


def test_e2e_map_in_a_group_replies_and_reuses_the_upload(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(message_update("/map putin", chat_id=USER, user_id=USER))
            await photo_calls(bot, 1)
            command = message_update(
                "/map@warrantwatch_bot Vladimir Putin", chat_id=GROUP, chat_type="group"
            )
            pushed = server.push_update(command)
            first, second = await photo_calls(bot, 2)
            assert "photo" in first.files
            assert second.files == {}  # the same picture: Telegram's file_id, not the bytes
            assert second.params["photo"] == first.result["photo"][-1]["file_id"]
            assert (
                second.params["reply_parameters"]["message_id"]
                == (pushed["message"]["message_id"])
            )

    run(scenario())


def test_e2e_map_usage_and_unknown_names(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(message_update("/map", chat_id=USER, user_id=USER))
            server.push_update(message_update("/map zzyzx qwerty", chat_id=USER, user_id=USER))
            usage, unknown = await bot.replies(USER, 2)
            assert "/map Putin" in usage["text"]
            assert "zzyzx qwerty" in unknown["text"]
            assert not server.calls("sendPhoto")

    run(scenario())


def test_e2e_map_button(
    server: FakeBotAPI, tmp_path: Path, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    async def scenario() -> None:
        async with running_bot(server, tmp_path, kb, pipeline) as bot:
            server.push_update(
                message_update("Is Mongolia in the ICC?", chat_id=USER, user_id=USER)
            )
            await bot.replies(USER, 1)
            server.push_update(callback_update("map:omar-al-bashir", chat_id=USER, user_id=USER))
            (call,) = await photo_calls(bot, 1)
            assert class_at(call.files["photo"].data, 30.0, 14.0) == "must"  # Sudan
            assert "Omar al-Bashir" in call.params["caption"]
            assert server.calls("answerCallbackQuery")

    run(scenario())
