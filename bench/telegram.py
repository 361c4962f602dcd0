"""Telegram throughput: 5,000 private questions from 500 users through the fake Bot API.

Usage: python bench/telegram.py [--users 500] [--per-user 10] [--rate 0] [--bare]
Runs the real Application polling the fake server on 127.0.0.1; the fake runs in a separate
process (a multiprocessing manager) so its threads do not compete for this process's GIL.
Prints answered updates/s, p50/p99 latency from injecting an update to the bot's sendMessage
arriving at the fake, and resident memory; with --bare, the same for a bare PTB echo bot
(the ceiling python-telegram-bot and httpx set on this machine). Figures only; not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# this file is named like the python-telegram-bot package: keep its folder off the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.parse import questions  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


from multiprocessing.managers import BaseManager  # noqa: E402

from tests.fakes.bot_api import FakeBotAPI  # noqa: E402


def cpu_line(label: str, count: int) -> str:
    """CPU per item of this process (start-up included) and of the fake's, once it has ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    fake = resource.getrusage(resource.RUSAGE_CHILDREN)
    per_item = 1000 / count
    return (
        f"{label:<22} bot {(own.ru_utime + own.ru_stime) * per_item:.2f} ms (start-up "
        f"included), fake API {(fake.ru_utime + fake.ru_stime) * per_item:.2f} ms"
    )


class PhaseCpu:
    """CPU seconds both processes spend between ``start`` and ``stop`` (start-up excluded)."""

    def __init__(self, remote: _RemoteFake) -> None:
        self.remote = remote
        self.bot = self.fake = 0.0

    def start(self) -> None:
        self.bot, self.fake = -time.process_time(), -float(self.remote.fake.cpu())

    def stop(self) -> None:
        self.bot += time.process_time()
        self.fake += float(self.remote.fake.cpu())

    def line(self, label: str, count: int) -> str:
        per_item = 1000 / count
        return (
            f"{label:<22} bot {self.bot * per_item:.2f} ms, fake API "
            f"{self.fake * per_item:.2f} ms (measured phase only)"
        )


class _Fake(FakeBotAPI):
    """The fake, with the few accessors the benchmark needs across processes."""

    def launch(self) -> str:
        self.start()
        return self.base_url

    def shut(self) -> None:
        self.stop()

    def cpu(self) -> float:
        """CPU seconds of the fake's process so far (all its threads)."""
        return time.process_time()

    def send_times(self) -> list[tuple[int, float]]:
        return [(int(c.params["chat_id"]), c.at) for c in self.calls("sendMessage")]

    def sent_chats(self) -> list[int]:
        return [int(c.params["chat_id"]) for c in self.calls("sendMessage") if c.ok]

    def send_count(self) -> int:
        return len(self.calls("sendMessage"))

    def push_schedule(self, updates: list[dict[str, Any]], rate: float) -> None:
        """Push ``updates`` from a thread of this (the fake's) process: all at once, or
        ``rate`` per second; the benchmarked bot spends no CPU on injecting them.
        """
        self._pushed: list[tuple[int, float]] = []

        def push() -> None:
            started = time.monotonic()
            for index, update in enumerate(updates):
                if rate:
                    delay = started + index / rate - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                chat_id = int(update["message"]["chat"]["id"])
                self._pushed.append((chat_id, time.monotonic()))
                self.push_update(update)

        threading.Thread(target=push, daemon=True).start()

    def push_times(self) -> list[tuple[int, float]]:
        return list(self._pushed)


class _Manager(BaseManager):
    pass


_Manager.register(
    "Fake",
    _Fake,
    exposed=(
        "launch",
        "shut",
        "push_update",
        "push_schedule",
        "push_times",
        "send_times",
        "send_count",
        "sent_chats",
        "fail_next",
        "cpu",
    ),
)


class _RemoteFake:
    """Runs the fake Bot API in another process, so its threads do not share our GIL."""

    def __init__(self) -> None:
        self.manager = _Manager()
        self.manager.start()
        self.fake = self.manager.Fake()  # type: ignore[attr-defined]
        self.base_url = self.fake.launch()

    def close(self) -> None:
        self.fake.shut()
        self.manager.shutdown()


async def main_async(users: int, per_user: int, send_rate: float, rate: float) -> None:
    from knowledge.store import load_default
    from nlp.parse import default_pipeline
    from tests.bot.telegram.harness import running_bot
    from tests.fakes.bot_api import message_update

    kb, pipeline = load_default(), default_pipeline()
    texts = [t for t in questions() if t.strip()]
    total = users * per_user
    remote = _RemoteFake()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async with running_bot(
                remote,
                Path(tmp),
                kb,
                pipeline,  # type: ignore[arg-type]
                send_rate=send_rate,
            ) as bot:
                bot.core.limiter.limit = max(bot.core.limiter.limit, per_user + 1)
                feed = itertools.cycle(texts)
                updates = [
                    message_update(next(feed)[:4000], chat_id=10_000 + user, user_id=10_000 + user)
                    for _ in range(per_user)
                    for user in range(users)
                ]
                phase = PhaseCpu(remote)
                phase.start()
                started = time.monotonic()
                remote.fake.push_schedule(updates, rate)
                deadline = time.monotonic() + 600
                while remote.fake.send_count() < total and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
                elapsed = time.monotonic() - started
                phase.stop()
                sends = remote.fake.send_times()
                pushed: dict[int, list[float]] = {}
                for chat_id, at in remote.fake.push_times():
                    pushed.setdefault(chat_id, []).append(at)
    finally:
        remote.close()
    replies: dict[int, list[float]] = {}
    for chat_id, at in sends:
        replies.setdefault(chat_id, []).append(at)
    latencies = sorted(
        answered - sent
        for chat_id, times in pushed.items()
        for sent, answered in zip(times, replies.get(chat_id, []), strict=False)
    )
    print(f"updates answered       {len(sends)} of {total}")
    print(f"elapsed                {elapsed:.1f} s")
    print(f"throughput             {len(sends) / elapsed:.0f} updates/s")
    print(f"latency p50            {statistics.median(latencies) * 1000:.0f} ms")
    print(f"latency p99            {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms")
    print(f"resident memory        {rss_mb():.0f} MB (the bot; the fake runs in another process)")
    print(phase.line("CPU per update", total))
    print(cpu_line("CPU per update", total))


async def bare_async(total: int) -> None:
    """A bare PTB echo bot on the same fake: the framework's own ceiling here."""
    from telegram.ext import ApplicationBuilder, MessageHandler, filters

    from bot.telegram.http import AiohttpRequest
    from tests.fakes.bot_api import message_update

    remote = _RemoteFake()
    try:
        application = (
            ApplicationBuilder()
            .token("1:bench")
            .base_url(remote.base_url)
            .request(AiohttpRequest(16, trust_env=False))
            .get_updates_request(AiohttpRequest(1, trust_env=False))
            .concurrent_updates(16)
            .build()
        )

        async def echo(update: object, context: object) -> None:
            await context.bot.send_message(update.effective_chat.id, "ok")  # type: ignore[attr-defined]

        application.add_handler(MessageHandler(filters.TEXT, echo))
        await application.initialize()
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=10)
        started = time.monotonic()
        for i in range(total):
            chat_id = 1000 + i % 500
            remote.fake.push_update(message_update("hi", chat_id=chat_id, user_id=chat_id))
        while remote.fake.send_count() < total:
            await asyncio.sleep(0.05)
        print(f"bare PTB echo          {total / (time.monotonic() - started):.0f} updates/s")
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
    finally:
        remote.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bare", action="store_true", help="also measure a bare PTB echo bot")
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--per-user", type=int, default=10)
    parser.add_argument("--send-rate", type=float, default=1000.0)
    parser.add_argument(
        "--rate", type=float, default=0.0, help="inject updates at this rate (0 = all at once)"
    )
    args = parser.parse_args()
    asyncio.run(main_async(args.users, args.per_user, args.send_rate, args.rate))
    if args.bare:
        asyncio.run(bare_async(args.users * args.per_user))
    return 0


if __name__ == "__main__":
    sys.exit(main())
