"""Trip notification fan-out: N subscribers on the fake Bot API at WARRANTWATCH_SEND_RATE.

Usage: python bench/fanout.py [--subscribers 10000] [--rate 1000] [--failures 0.01]
Prints the achieved send rate (against the configured one), and with --failures a share of
sendMessage calls answered 502 (transient): delivered share and duplicates. Figures only.
The fake Bot API runs in a separate process (see bench/telegram.py).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.telegram import PhaseCpu, _RemoteFake, cpu_line  # noqa: E402


async def main_async(subscribers: int, rate: float, failures: float) -> None:
    from knowledge.store import load_default
    from nlp.parse import default_pipeline
    from tests.bot.telegram.harness import running_bot

    kb, pipeline = load_default(), default_pipeline()
    remote = _RemoteFake()
    try:
        if failures:
            count = int(subscribers * failures)
            chats = random.Random(7).sample(range(subscribers), count)
            for index in chats:
                remote.fake.fail_next(
                    "sendMessage", 502, "Bad Gateway", None, None, 1, 100_000 + index
                )
        with tempfile.TemporaryDirectory() as tmp:
            env = {"WARRANTWATCH_SEND_RATE": str(rate)}
            async with running_bot(
                remote,
                Path(tmp),
                kb,
                pipeline,  # type: ignore[arg-type]
                env=env,
                send_rate=rate,
            ) as bot:
                assert bot.core.subscriptions is not None and bot.core.trips is not None
                assert bot.core.notifier is not None and bot.core.outbox is not None
                bot.core.notifier.rate = rate
                for index in range(subscribers):
                    await bot.core.subscriptions.subscribe(100_000 + index, "all")
                recorded = await bot.core.trips.record(
                    "vladimir-putin", "MN", "announced", origin="owner", seen=dt.date(2026, 11, 28)
                )
                phase = PhaseCpu(remote)
                phase.start()
                started = time.monotonic()
                await bot.core.notifier.publish(recorded.event_id)
                while True:
                    counts = await bot.core.outbox.counts()
                    if counts.get("sent", 0) + counts.get("failed", 0) >= subscribers:
                        break
                    await asyncio.sleep(0.2)
                elapsed = time.monotonic() - started
                phase.stop()
                calls = remote.fake.send_count()
                sent = remote.fake.sent_chats()
    finally:
        remote.close()
    delivered = collections.Counter(sent)
    duplicates = sum(count - 1 for count in delivered.values() if count > 1)
    print(f"subscribers            {subscribers}")
    print(f"configured rate        {rate:.0f}/s")
    print(
        f"achieved rate          {subscribers / elapsed:.0f}/s "
        f"({subscribers / elapsed / rate:.0%} of configured)"
    )
    print(f"outbox                 {counts}")
    print(f"sendMessage calls      {calls} (including failed attempts)")
    print(
        f"chats reached          {len(delivered)} of {subscribers} "
        f"({len(delivered) / subscribers:.1%}), duplicates {duplicates}"
    )
    print(phase.line("CPU per subscriber", subscribers))
    print(cpu_line("CPU per subscriber", subscribers))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=1000.0)
    parser.add_argument("--failures", type=float, default=0.0)
    args = parser.parse_args()
    asyncio.run(main_async(args.subscribers, args.rate, args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
