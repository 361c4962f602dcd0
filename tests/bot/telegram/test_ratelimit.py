"""ChatRateLimiter: one chat's flood wait holds only that chat; pacing, priorities, memory.

Two kinds of test. Unit tests drive ``process_request`` with a fake callback on an event loop
whose clock jumps to the next timer instead of sleeping, so pacing is checked to the
microsecond in no time. End-to-end tests send through an ``ExtBot`` with the project's
transport to the fake Bot API over HTTP, in real time with short flood waits; the ones that
show the fault also run with PTB's ``AIORateLimiter`` (the limiter the bot used before) and
are expected to fail there.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import selectors
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import pytest
from telegram import BotCommand
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot

from bot.telegram.http import AiohttpRequest
from bot.telegram.ratelimit import ChatRateLimiter, RateLimitArgs
from bot.telegram.send import retry_seconds, send_html
from tests.bot.telegram.harness import TOKEN
from tests.fakes.bot_api import FakeBotAPI, callback_update, inline_update

T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# Virtual time: the loop's clock jumps to the next timer whenever nothing is ready
# --------------------------------------------------------------------------------------------


class _SkipAheadSelector(selectors.DefaultSelector):
    """Never sleeps: a select that would wait ``timeout`` seconds moves the clock instead."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[Any]:
        events = super().select(0)
        if events:
            return events
        if timeout is None:  # nothing scheduled and nothing ready: the scenario is stuck
            raise RuntimeError("deadlock: the loop would wait forever")
        self.now += timeout
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        self._clock = _SkipAheadSelector()
        super().__init__(self._clock)

    def time(self) -> float:
        return self._clock.now


def virtual(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``scenario()`` on a fresh loop in virtual time (starting at 0)."""
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(scenario())


def now() -> float:
    return asyncio.get_running_loop().time()


class FakeTelegram:
    """The callback ``process_request`` calls: notes when each call went, and answers the
    calls ``flood`` names with RetryAfter."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, str, Any]] = []
        self._floods: dict[tuple[str, Any], list[float]] = {}

    def flood(self, chat: Any, *seconds: float, endpoint: str = "sendMessage") -> None:
        """The next calls of ``endpoint`` to ``chat`` get RetryAfter of these waits."""
        self._floods.setdefault((endpoint, chat), []).extend(seconds)

    def times(self, chat: Any = None, endpoint: str = "sendMessage") -> list[float]:
        return [at for at, name, c in self.calls if name == endpoint and c == chat]

    async def __call__(self, endpoint: str, data: dict[str, Any]) -> bool:
        chat = data.get("chat_id")
        self.calls.append((now(), endpoint, chat))
        await asyncio.sleep(0)  # a request is never answered within the same step
        waits = self._floods.get((endpoint, chat))
        if waits:
            raise RetryAfter(dt.timedelta(seconds=waits.pop(0)))
        return True


async def call(
    limiter: ChatRateLimiter,
    telegram: FakeTelegram,
    chat: Any = None,
    endpoint: str = "sendMessage",
    args: RateLimitArgs | None = None,
) -> Any:
    data = {} if chat is None else {"chat_id": chat}
    return await limiter.process_request(
        callback=telegram,
        args=(endpoint, data),
        kwargs={},
        endpoint=endpoint,
        data=data,
        rate_limit_args=args,
    )


def started(*coros: Awaitable[Any]) -> list[asyncio.Task[Any]]:
    """Tasks for ``coros``, started in this order."""
    return [asyncio.ensure_future(coro) for coro in coros]


# --------------------------------------------------------------------------------------------
# Pacing (virtual time)
# --------------------------------------------------------------------------------------------


def test_a_private_chat_gets_one_message_a_second() -> None:
    async def scenario() -> list[float]:
        limiter, telegram = ChatRateLimiter(), FakeTelegram()
        await asyncio.gather(*(call(limiter, telegram, 7) for _ in range(3)))
        return telegram.times(7)

    assert virtual(scenario) == pytest.approx([0.0, 1.0, 2.0])


def test_a_group_gets_twenty_then_one_every_three_seconds() -> None:
    async def scenario() -> list[float]:
        limiter, telegram = ChatRateLimiter(), FakeTelegram()
        await asyncio.gather(*(call(limiter, telegram, -100) for _ in range(22)))
        return telegram.times(-100)

    assert virtual(scenario) == pytest.approx([0.0] * 20 + [3.0, 6.0])


def test_the_overall_rate_spans_all_chats() -> None:
    async def scenario() -> list[float]:
        limiter, telegram = ChatRateLimiter(overall_max_rate=30), FakeTelegram()
        await asyncio.gather(*(call(limiter, telegram, chat) for chat in range(1, 34)))
        return sorted(at for at, _, _ in telegram.calls)

    assert virtual(scenario) == pytest.approx([0.0] * 30 + [1 / 30, 2 / 30, 3 / 30])


def test_high_priority_goes_first_when_both_wait_for_the_overall_rate() -> None:
    async def scenario() -> list[Any]:
        limiter, telegram = ChatRateLimiter(overall_max_rate=1), FakeTelegram()
        low: RateLimitArgs = {"priority": "low"}
        high: RateLimitArgs = {"priority": "high"}
        await asyncio.gather(
            *started(
                *(call(limiter, telegram, f"low{i}", args=low) for i in range(4)),
                call(limiter, telegram, "high0", args=high),
                call(limiter, telegram, "high1"),  # high is the default
            )
        )
        return [chat for _, _, chat in telegram.calls]

    # low0 takes the bucket's one unit; low1 was first in line for the next and keeps its turn
    assert virtual(scenario) == ["low0", "low1", "high0", "high1", "low2", "low3"]


def test_a_cancelled_waiter_does_not_block_the_line() -> None:
    async def scenario() -> list[Any]:
        limiter, telegram = ChatRateLimiter(overall_max_rate=1), FakeTelegram()
        first, head, doomed, last = started(
            *(call(limiter, telegram, chat) for chat in ("first", "head", "doomed", "last"))
        )
        await first
        doomed.cancel()
        await asyncio.gather(head, last)
        return [(at, chat) for at, _, chat in telegram.calls]

    assert virtual(scenario) == [(0.0, "first"), (1.0, "head"), (2.0, "last")]


def test_polling_setup_and_answers_skip_every_rate_and_flood_wait() -> None:
    unpaced = [
        "getUpdates",
        "getMe",
        "setWebhook",
        "deleteWebhook",
        "getWebhookInfo",
        "answerCallbackQuery",
        "answerInlineQuery",
        "setMyCommands",
    ]

    async def scenario() -> list[float]:
        limiter, telegram = ChatRateLimiter(overall_max_rate=1), FakeTelegram()
        telegram.flood(7, 30)
        with pytest.raises(RetryAfter):  # chat 7 is now held for 30 s, and the bucket is used
            await call(limiter, telegram, 7, args={"max_retries": 0})
        await asyncio.gather(*(call(limiter, telegram, None, name) for name in unpaced))
        await asyncio.gather(*(call(limiter, telegram, 7, name) for name in unpaced))
        return [at for at, name, _ in telegram.calls if name in unpaced]

    assert virtual(scenario) == [0.0] * 16


# --------------------------------------------------------------------------------------------
# Flood waits and retries (virtual time)
# --------------------------------------------------------------------------------------------


def test_a_flood_wait_delays_its_chat_and_nothing_else() -> None:
    async def scenario() -> tuple[list[float], list[float]]:
        limiter, telegram = ChatRateLimiter(), FakeTelegram()
        telegram.flood(-100, 5)
        first = asyncio.ensure_future(call(limiter, telegram, -100))
        await asyncio.sleep(1)  # the 429 came back at once: the group is held until t=5
        await asyncio.gather(first, call(limiter, telegram, -100), call(limiter, telegram, 8))
        return telegram.times(-100), telegram.times(8)

    group, other = virtual(scenario)
    assert group == pytest.approx([0.0, 5.0, 5.0])  # the retry and the second request, once
    assert other == pytest.approx([1.0])


def test_a_request_queued_when_its_chat_is_flooded_waits_too() -> None:
    async def scenario() -> list[float]:
        limiter, telegram = ChatRateLimiter(), FakeTelegram()
        telegram.flood(7, 5)
        # the second waits for the chat's next unit (t=1) when the first's 429 comes back
        await asyncio.gather(call(limiter, telegram, 7), call(limiter, telegram, 7))
        return telegram.times(7)

    # after the wait, one a second again: the unit taken at t=1 was for a send that never went
    assert virtual(scenario) == pytest.approx([0.0, 5.0, 6.0])


def test_a_429_without_a_chat_delays_only_its_endpoint() -> None:
    async def scenario() -> list[tuple[float, str]]:
        limiter, telegram = ChatRateLimiter(), FakeTelegram()
        telegram.flood(None, 3, endpoint="getFile")
        await asyncio.gather(
            *started(
                call(limiter, telegram, None, "getFile"),
                call(limiter, telegram, None, "getChatAdministrators"),
                call(limiter, telegram, 7),
                call(limiter, telegram, None, "getMe"),
            )
        )
        await call(limiter, telegram, None, "getFile")
        return [(at, name) for at, name, _ in telegram.calls]

    assert virtual(scenario) == [
        (0.0, "getFile"),
        (0.0, "getChatAdministrators"),
        (0.0, "sendMessage"),
        (0.0, "getMe"),
        (3.0, "getFile"),
        (3.0, "getFile"),
    ]


def test_retries_stop_after_max_retries() -> None:
    async def scenario() -> tuple[list[float], float]:
        limiter, telegram = ChatRateLimiter(max_retries=2), FakeTelegram()
        telegram.flood(-100, 1, 1, 1)
        with pytest.raises(RetryAfter) as caught:
            await call(limiter, telegram, -100)
        return telegram.times(-100), retry_seconds(caught.value)

    times, wait = virtual(scenario)
    assert times == pytest.approx([0.0, 1.0, 2.0]) and wait == 1.0


def test_a_wait_above_the_cap_is_raised_and_later_requests_are_told_without_a_call() -> None:
    async def scenario() -> tuple[list[float], float, list[float]]:
        limiter, telegram = ChatRateLimiter(max_retry_after=10), FakeTelegram()
        telegram.flood(7, 30)
        with pytest.raises(RetryAfter):
            await call(limiter, telegram, 7)
        await asyncio.sleep(4)
        with pytest.raises(RetryAfter) as caught:
            await call(limiter, telegram, 7)
        await call(limiter, telegram, 8)
        return telegram.times(7), retry_seconds(caught.value), telegram.times(8)

    times, told, other = virtual(scenario)
    assert times == [0.0] and told == pytest.approx(26.0) and other == [4.0]


def test_low_priority_gets_retry_after_back_and_high_waits_it_out() -> None:
    async def scenario() -> tuple[list[float], float]:
        limiter, telegram = ChatRateLimiter(), FakeTelegram()
        low: RateLimitArgs = {"priority": "low"}
        telegram.flood(-100, 2)
        with pytest.raises(RetryAfter):  # low priority retries nothing by default
            await call(limiter, telegram, -100, args=low)
        with pytest.raises(RetryAfter) as caught:  # nor tries a chat known to be held
            await call(limiter, telegram, -100, args=low)
        await call(limiter, telegram, -100)  # high waits the 2 s out, then goes once
        return telegram.times(-100), retry_seconds(caught.value)

    times, told = virtual(scenario)
    assert times == pytest.approx([0.0, 2.0]) and told == pytest.approx(2.0)


def test_low_priority_retries_are_configurable() -> None:
    async def scenario(limiter: ChatRateLimiter, args: RateLimitArgs) -> list[float]:
        telegram = FakeTelegram()
        telegram.flood(-100, 2)
        await call(limiter, telegram, -100, args=args)
        return telegram.times(-100)

    low: RateLimitArgs = {"priority": "low"}
    by_default = ChatRateLimiter(low_priority_max_retries=1)
    assert virtual(lambda: scenario(by_default, low)) == pytest.approx([0.0, 2.0])
    per_request: RateLimitArgs = {"priority": "low", "max_retries": 1}
    assert virtual(lambda: scenario(ChatRateLimiter(), per_request)) == pytest.approx([0.0, 2.0])


def test_an_unknown_priority_is_rejected() -> None:
    async def scenario() -> None:
        args: Any = {"priority": "urgent"}
        await call(ChatRateLimiter(), FakeTelegram(), 7, args=args)

    with pytest.raises(ValueError, match="urgent"):
        virtual(scenario)


def test_a_rate_below_one_spaces_single_messages() -> None:
    async def scenario() -> list[float]:
        limiter, telegram = ChatRateLimiter(overall_max_rate=0.5), FakeTelegram()
        await asyncio.gather(*(call(limiter, telegram, chat) for chat in (1, 2, 3)))
        return [at for at, _, _ in telegram.calls]

    assert virtual(scenario) == pytest.approx([0.0, 2.0, 4.0])


def test_settings_that_cannot_work_are_rejected() -> None:
    for bad in (
        {"group_max_rate": -1},
        {"max_retries": -1},
        {"max_retry_after": -1},
    ):
        with pytest.raises(ValueError):
            ChatRateLimiter(**bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Memory (virtual time)
# --------------------------------------------------------------------------------------------


def test_idle_chats_are_forgotten() -> None:
    async def answered(endpoint: str, data: dict[str, Any]) -> bool:
        return True

    async def send(limiter: ChatRateLimiter, chat: int) -> None:
        data = {"chat_id": chat}
        await limiter.process_request(
            answered, ("sendMessage", data), {}, "sendMessage", data, None
        )

    async def scenario() -> tuple[int, int, int]:
        limiter, telegram = ChatRateLimiter(overall_max_rate=0), FakeTelegram()
        telegram.flood(-5, 10**4)  # one chat stays held: it must be remembered
        with pytest.raises(RetryAfter):
            await call(limiter, telegram, -5, args={"max_retries": 0})
        most = 0
        for chat in range(1, 100_001):  # 100,000 chats, a thousand every two seconds
            await send(limiter, chat)
            most = max(most, limiter.tracked_chats)
            if chat % 1000 == 0:
                await asyncio.sleep(2)
        busy = limiter.tracked_chats
        await asyncio.sleep(60)
        await send(limiter, 10**9)  # a new chat after prune_interval: a sweep
        return most, busy, limiter.tracked_chats

    most, busy, after = virtual(scenario)
    assert most <= 2100  # never many more than the chats of the last two seconds
    assert busy <= 2100
    assert after == 2  # the held chat and the new one


def test_a_paced_or_held_chat_is_not_forgotten() -> None:
    async def scenario() -> tuple[list[float], list[float]]:
        limiter = ChatRateLimiter(overall_max_rate=0, prune_interval=0.0)  # sweep every time
        telegram = FakeTelegram()
        telegram.flood(8, 30)
        await call(limiter, telegram, 7)
        with pytest.raises(RetryAfter):
            await call(limiter, telegram, 8, args={"max_retries": 0})
        await asyncio.sleep(0.5)
        for chat in range(100, 200):  # new chats: a sweep each
            await call(limiter, telegram, chat)
        await asyncio.gather(call(limiter, telegram, 7), call(limiter, telegram, 8))
        return telegram.times(7), telegram.times(8)

    paced, held = virtual(scenario)
    assert paced == pytest.approx([0.0, 1.0])  # half its unit had not leaked yet
    assert held == pytest.approx([0.0, 30.0])


# --------------------------------------------------------------------------------------------
# End to end: ExtBot, the project's transport, the fake Bot API (real time)
# --------------------------------------------------------------------------------------------

FLOOD = 2
"""retry_after of the injected 429s, in seconds."""
PROMPT = 1.0
"""What "promptly" means here: well under FLOOD, however loaded the machine."""
GROUP = -1001000000001
PRIVATE_CHATS = [2001, 2002, 2003, 2004, 2005]

StallingLimiter = pytest.param(
    lambda: AIORateLimiter(overall_max_rate=30, max_retries=3),
    marks=pytest.mark.xfail(
        strict=True, reason="PTB's AIORateLimiter halts every request on any RetryAfter"
    ),
    id="AIORateLimiter",
)
Limiters = [pytest.param(ChatRateLimiter, id="ChatRateLimiter"), StallingLimiter]


class WatchedRequest(AiohttpRequest):
    """The project's transport, noting each answer's status (a test waits for its 429)."""

    def __init__(self) -> None:
        super().__init__(16, trust_env=False)
        self.statuses: list[int] = []
        self._answered = asyncio.Event()

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        status, body = await super().do_request(*args, **kwargs)
        self.statuses.append(status)
        self._answered.set()
        return status, body

    async def wait_for_status(self, status: int, timeout: float = 5.0) -> None:
        """Until an answer with ``status`` came back. Its caller (the limiter) has handled it
        by the time this returns: that happens in the same step, before this waiter runs."""
        async with asyncio.timeout(timeout):
            while status not in self.statuses:
                self._answered.clear()
                await self._answered.wait()


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake


@asynccontextmanager
async def ext_bot(
    server: FakeBotAPI, limiter: BaseRateLimiter[Any]
) -> AsyncIterator[tuple[ExtBot[Any], WatchedRequest]]:
    request = WatchedRequest()
    bot: ExtBot[Any] = ExtBot(
        TOKEN,
        base_url=server.base_url,
        request=request,
        get_updates_request=AiohttpRequest(1, trust_env=False),
        rate_limiter=limiter,
    )
    await bot.initialize()
    try:
        yield bot, request
    finally:
        await bot.shutdown()


async def flood_group(server: FakeBotAPI, bot: ExtBot[Any], request: WatchedRequest) -> Any:
    """Send to GROUP, which answers 429 retry_after=FLOOD; returns the send once the limiter
    has seen the 429."""
    server.fail_next("sendMessage", retry_after=FLOOD, chat_id=GROUP)
    flooded = asyncio.ensure_future(send_html(bot, GROUP, "for the group"))
    await request.wait_for_status(429)
    return flooded


def group_calls(server: FakeBotAPI) -> list[Any]:
    return [c for c in server.calls("sendMessage") if c.params.get("chat_id") == GROUP]


@pytest.mark.parametrize("make_limiter", Limiters)
def test_one_chats_flood_wait_does_not_stall_other_chats(
    server: FakeBotAPI, make_limiter: Callable[[], BaseRateLimiter[Any]]
) -> None:
    async def scenario() -> tuple[float, float]:
        async with ext_bot(server, make_limiter()) as (bot, request):
            flooded = await flood_group(server, bot, request)
            loop = asyncio.get_running_loop()
            start = loop.time()
            await asyncio.gather(*(send_html(bot, chat, "answer") for chat in PRIVATE_CHATS))
            others = loop.time() - start
            await flooded
            return others, loop.time() - start

    others, group = asyncio.run(scenario())
    assert others < PROMPT, f"five private answers took {others:.2f} s"
    first, retry = group_calls(server)
    assert first.error_code == 429 and retry.ok
    assert retry.at - first.at >= FLOOD - 0.01
    assert group < FLOOD + PROMPT


def test_requests_to_a_held_chat_wait_for_the_flood_wait_to_end(server: FakeBotAPI) -> None:
    async def scenario() -> None:
        async with ext_bot(server, ChatRateLimiter()) as (bot, request):
            flooded = await flood_group(server, bot, request)
            await asyncio.gather(flooded, send_html(bot, GROUP, "second"))

    asyncio.run(scenario())
    first, *later = group_calls(server)
    assert first.error_code == 429
    assert len(later) == 2 and all(c.ok for c in later)  # no second 429: it waited
    assert min(c.at for c in later) >= first.at + FLOOD - 0.01


def test_a_flood_wait_above_the_cap_is_raised_to_the_caller(server: FakeBotAPI) -> None:
    async def scenario() -> tuple[float, float, float]:
        limiter = ChatRateLimiter(max_retry_after=10)
        async with ext_bot(server, limiter) as (bot, _):
            server.fail_next("sendMessage", retry_after=30, chat_id=GROUP)
            loop = asyncio.get_running_loop()
            start = loop.time()
            with pytest.raises(RetryAfter) as raised:
                await send_html(bot, GROUP, "first")
            with pytest.raises(RetryAfter) as told:  # known to be held: no call at all
                await send_html(bot, GROUP, "second")
            await send_html(bot, PRIVATE_CHATS[0], "elsewhere")
            elapsed = loop.time() - start
        return retry_seconds(raised.value), retry_seconds(told.value), elapsed

    raised, told, elapsed = asyncio.run(scenario())
    assert raised == 30 and 28 < told <= 30 and elapsed < PROMPT
    assert len(group_calls(server)) == 1
    assert server.sent_messages(PRIVATE_CHATS[0])


def test_low_priority_sends_get_retry_after_back_at_once(server: FakeBotAPI) -> None:
    async def scenario() -> float:
        async with ext_bot(server, ChatRateLimiter()) as (bot, _):
            server.fail_next("sendMessage", retry_after=FLOOD, chat_id=GROUP)
            loop = asyncio.get_running_loop()
            start = loop.time()
            with pytest.raises(RetryAfter):
                await send_html(bot, GROUP, "trip notice", priority="low")
            return loop.time() - start

    assert asyncio.run(scenario()) < PROMPT
    assert len(group_calls(server)) == 1


def test_high_priority_is_sent_before_low_when_both_wait(server: FakeBotAPI) -> None:
    rate = 5  # a unit every 0.2 s once the first five are spent

    async def scenario() -> None:
        async with ext_bot(server, ChatRateLimiter(overall_max_rate=rate)) as (bot, _):
            lows = [send_html(bot, 3000 + i, "low", priority="low") for i in range(rate + 3)]
            highs = [send_html(bot, 4000 + i, "high") for i in range(2)]
            await asyncio.gather(*started(*lows, *highs))

    asyncio.run(scenario())
    arrived = sorted(server.calls("sendMessage"), key=lambda c: c.at)
    # the burst, then the low one already first in line, then the high ones, then the rest
    expected = ["low"] * (rate + 1) + ["high"] * 2 + ["low"] * 2
    assert [c.params["text"] for c in arrived] == expected


@pytest.mark.parametrize("make_limiter", Limiters)
def test_polling_setup_and_answers_are_not_held_by_a_chats_flood_wait(
    server: FakeBotAPI, make_limiter: Callable[[], BaseRateLimiter[Any]]
) -> None:
    server.push_update(callback_update("tap", chat_id=PRIVATE_CHATS[0], message_id=1))
    server.push_update(inline_update("putin mongolia"))

    async def scenario() -> float:
        async with ext_bot(server, make_limiter()) as (bot, request):
            flooded = await flood_group(server, bot, request)
            loop = asyncio.get_running_loop()
            start = loop.time()
            tap, query = await bot.get_updates(timeout=0)
            assert tap.callback_query is not None and query.inline_query is not None
            await bot.answer_callback_query(tap.callback_query.id)
            await bot.answer_inline_query(query.inline_query.id, [])
            await bot.get_me()
            await bot.get_webhook_info()
            await bot.delete_webhook()
            await bot.set_my_commands([BotCommand("start", "Start")])
            elapsed = loop.time() - start
            await flooded
            return elapsed

    elapsed = asyncio.run(scenario())
    assert elapsed < PROMPT, f"polling and set-up took {elapsed:.2f} s"


def test_other_limiters_get_no_priority_arguments(server: FakeBotAPI) -> None:
    async def scenario() -> None:
        async with ext_bot(server, AIORateLimiter()) as (bot, _):
            await send_html(bot, PRIVATE_CHATS[0], "notice", priority="low")

    asyncio.run(scenario())
    assert server.sent_texts(PRIVATE_CHATS[0]) == ["notice"]
