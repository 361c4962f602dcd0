"""An aiohttp transport for python-telegram-bot.

PTB's default transport (httpx) spends about 3.5 ms of CPU per Bot API call on this machine,
which caps one process at roughly 250 calls/s; aiohttp's C parser needs a fraction of that.
Same contract as ``telegram.request.HTTPXRequest``: the same parameters (as a JSON body, or
multipart when files are attached), timeouts as ``TimedOut``, transport failures as
``NetworkError``.
"""

from __future__ import annotations

import functools
import json
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.format import scrub
from bot.telegram.redact import Redactor

_DEFAULT = BaseRequest.DEFAULT_NONE


class AiohttpRequest(BaseRequest):
    """A pooled aiohttp session used for every Bot API call of one ``Bot``.

    Args:
        connection_pool_size: at most this many connections (and concurrent requests).
        read_timeout: seconds to wait for a response; None waits forever (long polling
            passes its own, longer value per call).
        connect_timeout: seconds to open a connection.
        write_timeout: kept for the BaseRequest contract (aiohttp has no separate one).
        pool_timeout: seconds to wait for a free connection.
        media_write_timeout: read timeout for uploads.

    """

    __slots__ = (
        "_connect_timeout",
        "_limit",
        "_media_write_timeout",
        "_pool_timeout",
        "_read_timeout",
        "_session",
        "_trust_env",
        "_write_timeout",
    )

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        *,
        trust_env: bool = True,
    ) -> None:
        self._limit = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._write_timeout = write_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._trust_env = trust_env
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit, ttl_dns_cache=300),
                trust_env=self._trust_env,
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = _DEFAULT,
        write_timeout: float | object | None = _DEFAULT,
        connect_timeout: float | object | None = _DEFAULT,
        pool_timeout: float | object | None = _DEFAULT,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data else None
        read = self._pick(read_timeout, self._read_timeout)
        if files:
            read = self._pick(write_timeout, self._media_write_timeout) or read
        connect = self._pick(connect_timeout, self._connect_timeout)
        pool = self._pick(pool_timeout, self._pool_timeout)
        timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=connect,
            sock_read=read,
            # aiohttp's "connect" covers waiting for a pooled connection and opening one
            connect=None if connect is None or pool is None else connect + pool,
        )
        data: aiohttp.FormData | bytes | None = None
        headers: dict[str, str] = {}
        if files:
            form = aiohttp.FormData()
            for name, value in (request_data.json_parameters if request_data else {}).items():
                form.add_field(name, scrub(value))
            for name, (filename, content, mime) in files.items():
                form.add_field(name, content, filename=filename, content_type=mime)
            data = form
        elif request_data is not None:
            # A JSON body: the Bot API accepts it, and form-encoding a long answer costs
            # urllib's per-character quoting (0.4 ms for a 2,000-character message).
            data = json_body(request_data.parameters)
            headers["Content-Type"] = "application/json"
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=timeout, allow_redirects=False
            ) as response:
                status, body = response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            reason = redactor_for(url)(f"aiohttp.{type(error).__name__}: {error}")
            raise NetworkError(reason) from None
        if not body.startswith(b"{"):  # not the Bot API: an error page, a proxy, a redirect
            return not_the_bot_api(status, body, url)
        if status >= 300:  # the description may echo the path, token and all
            body = redactor_for(url)(body.decode("utf-8", "replace")).encode("utf-8")
        return status, body

    @staticmethod
    def _pick(value: float | object | None, default: float | None) -> float | None:
        if isinstance(value, (int, float)) or value is None:
            return value
        return default


def not_the_bot_api(status: int, body: bytes, url: str) -> tuple[int, bytes]:
    """An answer that is not Bot API JSON, as the Bot API's own error form (PTB would log
    the raw page with a traceback), with the token redacted from the little it quotes.
    """
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown status"
    start = redactor_for(url)(" ".join(body[:120].decode("utf-8", "replace").split()))
    description = f"{phrase} ({status}), not a Bot API answer" + (f": {start}" if start else "")
    code = status if status >= 400 else HTTPStatus.BAD_GATEWAY
    answer = {"ok": False, "error_code": code, "description": description}
    return code, json.dumps(answer).encode("utf-8")


@functools.lru_cache(maxsize=8)
def _redactor(secret: str) -> Redactor:
    return Redactor((secret,))


def redactor_for(url: str) -> Redactor:
    """Redacts the token of a Bot API URL (``…/bot<token>/<method>``) from error texts.

    Telegram never redirects, so redirects are not followed: a redirect answers as the
    error it is (a redirect loop would otherwise end in an error quoting every URL).
    """
    path = urlsplit(url).path.rstrip("/")
    segments = path.split("/")
    secret = segments[-2] if len(segments) >= 2 else ""
    return _redactor(secret.removeprefix("bot"))


def json_body(parameters: dict[str, Any]) -> bytes:
    """``parameters`` as a UTF-8 JSON body; a lone surrogate in a text becomes U+FFFD."""
    text = json.dumps(parameters, ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # rare: scrub only then, the common case encodes once
        return scrub(text).encode("utf-8")
