"""Outbound rate limiting in which one chat's flood wait never holds another chat's requests.

PTB's ``AIORateLimiter`` halts every request on any RetryAfter. ``ChatRateLimiter`` delays
only the chat the RetryAfter was for (for a request without a chat: its endpoint), paces
messages per chat (groups 20 a minute, private chats about one a second) and overall (30 a
second), and lets replies to people ("high") go before trip notifications ("low") when both
wait for the overall rate. Polling, set-up and the answers to taps and inline queries are
never held by any of that.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import itertools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Final, Literal, TypedDict

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

Priority = Literal["high", "low"]
""""high": a reply to a person (the default); "low": a notification fan-out."""

ChatKey = int | str
"""A chat id as Telegram compares it: an integer, or a lower-cased ``@username``."""

Result = bool | dict[str, Any] | list[dict[str, Any]]
"""What a Bot API call returns to the limiter (PTB's ``JSONDict`` results)."""


class RateLimitArgs(TypedDict, total=False):
    """The ``rate_limit_args`` of one request; every key is optional."""

    priority: Priority
    max_retries: int
    """RetryAfter retries for this request instead of its priority's default."""


UNPACED_ENDPOINTS: Final = frozenset(
    {
        "getupdates",
        "getme",
        "setwebhook",
        "deletewebhook",
        "getwebhookinfo",
        "answercallbackquery",
        "answerinlinequery",
        "setmycommands",
    }
)
"""Lower-cased methods that no rate holds back and no chat's flood wait delays (only a 429 of
their own). Answers to a tap or an inline query are not messages, so Telegram's message limits
do not count them; they expire within seconds and come at most one per update, so they skip
the overall rate too rather than queue behind a notification fan-out."""

_SENDING_PREFIXES: Final = ("send", "forward", "copy", "edit", "stoppoll")
_RANKS: Final[dict[str, int]] = {"high": 0, "low": 1}
_MIN_PRUNE_AT: Final = 1024
_tickets = itertools.count()
"""Arrival order of waiters, shared by every lane (one counter, not one per chat)."""


def sends_message(endpoint: str) -> bool:
    """Whether a (lower-cased) method posts or changes a message: what the rates count."""
    return endpoint.startswith(_SENDING_PREFIXES) and endpoint != "sendchataction"


def chat_key(chat_id: object) -> ChatKey | None:
    """The chat a request's ``chat_id`` names (numeric text as the integer), or None."""
    if isinstance(chat_id, bool) or chat_id is None:
        return None
    if isinstance(chat_id, int):
        return chat_id
    if isinstance(chat_id, str) and chat_id:
        text = chat_id.strip()
        try:
            return int(text)
        except ValueError:
            return text.lower()
    return None


def is_group(chat: ChatKey) -> bool:
    """Groups, supergroups and channels: negative ids and ``@username``s."""
    return isinstance(chat, str) or chat < 0


def _retry_seconds(error: RetryAfter) -> float:
    """The wait a RetryAfter asks for, in seconds (as ``bot.telegram.send.retry_seconds``)."""
    value: Any = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class _Lane:
    """An aiolimiter bucket whose waiters are let through by priority, then by arrival.

    Only the one first in line waits on the bucket itself; the others wait in a heap for their
    turn, so a high request that arrives while low ones wait goes before all of them but the
    one already first in line.
    """

    __slots__ = ("_bucket", "_busy", "_line")

    def __init__(self, max_rate: float, time_period: float) -> None:
        self._bucket = AsyncLimiter(max_rate, time_period)
        self._busy = False
        self._line: list[tuple[int, int, asyncio.Future[None]]] = []

    async def acquire(self, rank: int) -> None:
        """Take one unit of the bucket; lower ``rank`` goes first."""
        if self._busy:
            await self._wait_turn(rank)
        else:
            self._busy = True
        try:
            await self._bucket.acquire()
        finally:
            self._pass_turn()

    async def _wait_turn(self, rank: int) -> None:
        turn = asyncio.get_running_loop().create_future()
        heapq.heappush(self._line, (rank, next(_tickets), turn))
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # given the turn, cancelled before use
                self._pass_turn()
            raise

    def _pass_turn(self) -> None:
        """The turn goes to the best waiter still waiting, or the lane is free."""
        while self._line:
            turn = heapq.heappop(self._line)[2]
            if not turn.done():
                turn.set_result(None)
                return
        self._busy = False

    def idle(self) -> bool:
        """Nobody waits and the bucket is empty: forgetting the lane changes nothing."""
        bucket = self._bucket
        return not self._busy and bucket.has_capacity(bucket.max_rate)


@dataclass(slots=True)
class _Chat:
    """What is remembered of one chat: its pacing and the end of its flood wait."""

    lane: _Lane | None = None
    delayed_until: float = 0.0

    def idle(self, now: float) -> bool:
        return self.delayed_until <= now and (self.lane is None or self.lane.idle())


@dataclass(frozen=True, slots=True)
class _Request:
    endpoint: str
    """Lower-cased method name."""
    chat: ChatKey | None
    """The chat whose pacing and flood wait apply; None: the endpoint's flood wait only."""
    sends: bool
    rank: int
    retries: int


def _rate(max_rate: float, time_period: float, name: str) -> tuple[float, float] | None:
    """A bucket's (rate, period), or None when either is 0 (that limit is off).

    A bucket must hold one whole message: 0.5 a second becomes one every 2 seconds.
    """
    if max_rate < 0 or time_period < 0:
        raise ValueError(f"{name}: rates and periods cannot be negative")
    if not max_rate or not time_period:
        return None
    if max_rate < 1:
        return 1.0, time_period / max_rate
    return max_rate, time_period


class ChatRateLimiter(BaseRateLimiter[RateLimitArgs]):
    """Paces messages per chat and overall; a RetryAfter delays only the chat it was for.

    * Messages (``send*`` but chat actions, ``forward*``, ``copy*``, ``edit*``, ``stopPoll``)
      take one unit of their chat's bucket (groups and channels: ``group_max_rate`` per
      ``group_time_period``; private chats: ``private_max_rate`` per
      ``private_time_period``), then one of the overall bucket. Buckets are aiolimiter's leaky
      buckets, so up to ``max_rate`` go at once after a quiet spell.
    * Waiters for a bucket are served "high" before "low" (``rate_limit_args``:
      ``{"priority": "low"}``), in arrival order within a priority.
    * A RetryAfter delays its chat (without a chat id: its endpoint) for ``retry_after``
      seconds. Requests to a delayed chat wait that out before they are sent; a request that
      would not retry (no retries left, or the wait is longer than ``max_retry_after``) gets a
      RetryAfter for the time left at once instead, without calling Telegram.
    * A request retries a RetryAfter up to ``max_retries`` times ("low":
      ``low_priority_max_retries``; ``rate_limit_args["max_retries"]`` overrides both) when
      its wait is at most ``max_retry_after``; otherwise the RetryAfter is raised.
    * :data:`UNPACED_ENDPOINTS` skip every bucket and every chat's flood wait.
    * Chats that are idle (bucket drained, nobody waiting, no flood wait) are forgotten: the
      table is swept when it has doubled since the last sweep, or ``prune_interval`` seconds
      after it, whichever comes first.

    A rate of 0 turns that limit off.
    """

    __slots__ = (
        "_chats",
        "_endpoints",
        "_group",
        "_max_retries",
        "_max_retry_after",
        "_next_prune",
        "_overall",
        "_overall_rate",
        "_private",
        "_prune_at",
        "_prune_interval",
    )

    def __init__(
        self,
        overall_max_rate: float = 30.0,
        *,
        overall_time_period: float = 1.0,
        group_max_rate: float = 20.0,
        group_time_period: float = 60.0,
        private_max_rate: float = 1.0,
        private_time_period: float = 1.0,
        max_retries: int = 2,
        low_priority_max_retries: int = 0,
        max_retry_after: float = 60.0,
        prune_interval: float = 60.0,
    ) -> None:
        if min(max_retries, low_priority_max_retries) < 0 or max_retry_after < 0:
            raise ValueError("retries and max_retry_after cannot be negative")
        self._overall_rate = _rate(overall_max_rate, overall_time_period, "overall")
        self._group = _rate(group_max_rate, group_time_period, "group")
        self._private = _rate(private_max_rate, private_time_period, "private")
        self._max_retries = {"high": max_retries, "low": low_priority_max_retries}
        self._max_retry_after = max_retry_after
        self._prune_interval = prune_interval
        self._reset()

    def _reset(self) -> None:
        self._overall = _Lane(*self._overall_rate) if self._overall_rate else None
        self._chats: dict[ChatKey, _Chat] = {}
        self._endpoints: dict[str, float] = {}
        self._prune_at = _MIN_PRUNE_AT
        self._next_prune = 0.0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Forget all state (the limiter can then serve another event loop)."""
        self._reset()

    @property
    def tracked_chats(self) -> int:
        """How many chats have state now (pacing or a flood wait)."""
        return len(self._chats)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: RateLimitArgs | None,
    ) -> Result:
        """Send when the request's chat and the overall rate allow; retry RetryAfter."""
        request = self._request(endpoint, data, rate_limit_args)
        attempt = 0
        while True:
            await self._admit(request)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = _retry_seconds(error)
                self._delay(request, wait)
                if attempt >= request.retries or wait > self._max_retry_after:
                    raise
                attempt += 1
                where = "" if request.chat is None else f" to chat {request.chat}"
                log.info(
                    "%s%s: flood wait of %.1f s, retry %d of %d",
                    endpoint,
                    where,
                    wait,
                    attempt,
                    request.retries,
                )

    def _request(
        self, endpoint: str, data: dict[str, Any], rate_limit_args: RateLimitArgs | None
    ) -> _Request:
        options = rate_limit_args or {}
        priority = options.get("priority", "high")
        rank = _RANKS.get(priority)
        if rank is None:
            raise ValueError(f"unknown priority {priority!r}: 'high' or 'low'")
        retries = options.get("max_retries", self._max_retries[priority])
        name = endpoint.lower()
        if name in UNPACED_ENDPOINTS:
            return _Request(name, None, False, rank, retries)
        chat = chat_key(data.get("chat_id"))
        return _Request(name, chat, sends_message(name), rank, retries)

    async def _admit(self, request: _Request) -> None:
        """Wait until the request may go: flood wait, its chat's bucket, the overall one."""
        await self._wait_out(request)
        if not request.sends:
            return
        while True:
            lane = self._lane(request.chat) if request.chat is not None else None
            if lane is not None:
                await lane.acquire(request.rank)
            if self._overall is not None:
                await self._overall.acquire(request.rank)
            if self._delayed_until(request) <= asyncio.get_running_loop().time():
                return
            # a flood wait began while it queued: wait it out, then queue again
            await self._wait_out(request)

    async def _wait_out(self, request: _Request) -> None:
        """Sleep through the flood wait of the request's chat or endpoint, however often it is
        extended; a request that would not retry after it is told at once instead.
        """
        loop = asyncio.get_running_loop()
        while (remaining := self._delayed_until(request) - loop.time()) > 0:
            if request.retries == 0 or remaining > self._max_retry_after:
                raise RetryAfter(dt.timedelta(seconds=remaining))
            await asyncio.sleep(remaining)

    def _delayed_until(self, request: _Request) -> float:
        if request.chat is None:
            return self._endpoints.get(request.endpoint, 0.0)
        chat = self._chats.get(request.chat)
        return 0.0 if chat is None else chat.delayed_until

    def _delay(self, request: _Request, seconds: float) -> None:
        """Hold the request's chat (or endpoint) for ``seconds`` from now."""
        until = asyncio.get_running_loop().time() + seconds
        if request.chat is None:
            self._endpoints[request.endpoint] = max(
                until, self._endpoints.get(request.endpoint, 0.0)
            )
        else:
            chat = self._chat(request.chat)
            chat.delayed_until = max(until, chat.delayed_until)

    def _lane(self, key: ChatKey) -> _Lane | None:
        """The chat's bucket (made on first use), or None when its kind of chat is unpaced."""
        chat = self._chat(key)
        if chat.lane is None:
            rate = self._group if is_group(key) else self._private
            if rate is None:
                return None
            chat.lane = _Lane(*rate)
        return chat.lane

    def _chat(self, key: ChatKey) -> _Chat:
        chat = self._chats.get(key)
        if chat is None:
            self._prune(asyncio.get_running_loop().time())
            chat = self._chats[key] = _Chat()
        return chat

    def _prune(self, now: float) -> None:
        """Forget idle chats when the table has doubled or ``prune_interval`` has passed.

        The table is rebuilt, not deleted from: a dict never gives back the room of deleted
        keys.
        """
        if len(self._chats) < self._prune_at and now < self._next_prune:
            return
        self._chats = {key: chat for key, chat in self._chats.items() if not chat.idle(now)}
        self._prune_at = max(_MIN_PRUNE_AT, 2 * len(self._chats))
        self._next_prune = now + self._prune_interval
