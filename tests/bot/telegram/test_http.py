"""The aiohttp transport keeps PTB's contract: parameters, uploads, timeouts and errors."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

import pytest
from telegram import Bot
from telegram.error import NetworkError, TelegramError, TimedOut

from bot.telegram.http import AiohttpRequest
from tests.bot.telegram.harness import TOKEN
from tests.fakes.bot_api import FakeBotAPI


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake


def _bot(base_url: str, **kwargs: float) -> Bot:
    return Bot(TOKEN, base_url=base_url, request=AiohttpRequest(4, trust_env=False, **kwargs))


def test_send_message_parameters_arrive_as_telegram_expects(server: FakeBotAPI) -> None:
    async def scenario() -> int:
        async with _bot(server.base_url) as bot:
            message = await bot.send_message(42, "a <b>&amp;</b> b", parse_mode="HTML")
            return message.message_id

    message_id = asyncio.run(scenario())
    (call,) = server.calls("sendMessage")
    assert call.params["chat_id"] == 42 and call.params["text"] == "a <b>&amp;</b> b"
    assert call.result["message_id"] == message_id


def test_uploads_go_as_multipart(server: FakeBotAPI) -> None:
    async def scenario() -> None:
        async with _bot(server.base_url) as bot:
            with contextlib.suppress(TelegramError):  # the fake may not implement the method
                await bot.send_document(42, document=b"hello file", filename="a.txt")

    asyncio.run(scenario())
    (call,) = server.calls("sendDocument")
    (upload,) = call.files.values()
    assert upload.data == b"hello file" and upload.filename == "a.txt"
    assert str(call.params["chat_id"]) == "42"


async def _post_once(url: str, **kwargs: float) -> None:
    """One request through a fresh transport, always shut down (a Bot whose initialize()
    fails would leave its transport open)."""
    request = AiohttpRequest(1, trust_env=False, **kwargs)
    await request.initialize()
    try:
        await request.post(url)
    finally:
        await request.shutdown()


def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: nothing listens

    with pytest.raises(NetworkError) as caught:
        asyncio.run(_post_once(f"http://127.0.0.1:{port}/botX/getMe"))
    assert not isinstance(caught.value, TimedOut)


def test_a_silent_server_is_a_timeout() -> None:
    async def scenario() -> None:
        release = asyncio.Event()

        async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                await reader.read(65536)
                await release.wait()
            finally:
                writer.close()

        server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            await _post_once(f"http://127.0.0.1:{port}/botX/getMe", read_timeout=0.2)
        finally:
            release.set()
            await asyncio.sleep(0.05)  # lets the handler close its side
            server.close()
            await server.wait_closed()

    with pytest.raises(TimedOut):
        asyncio.run(scenario())


def test_using_it_before_initialize_is_an_error() -> None:
    async def scenario() -> None:
        await AiohttpRequest().post("http://127.0.0.1:1/botX/getMe")

    with pytest.raises(NetworkError, match="not initialized"):  # PTB wraps it
        asyncio.run(scenario())
