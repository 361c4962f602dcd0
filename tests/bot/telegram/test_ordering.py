"""The update processor keeps one chat's updates in order and runs chats side by side."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.telegram.ordering import ChatOrderedProcessor, ordering_key

USER = User(id=7, first_name="A", is_bot=False)


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(id=chat_id, type=Chat.PRIVATE)
    message = Message(message_id=update_id, date=None, chat=chat, from_user=USER, text="hi")  # type: ignore[arg-type]
    return Update(update_id=update_id, message=message)


def test_ordering_key_uses_chat_then_user() -> None:
    assert ordering_key(_update(1, 42)) == ("chat", 42)
    assert ordering_key("not an update") is None


def test_same_chat_runs_in_order_other_chats_run_concurrently() -> None:
    async def scenario() -> tuple[list[str], int, int]:
        processor = ChatOrderedProcessor(max_running=8)
        log: list[str] = []
        running = 0
        peak = 0

        async def work(name: str, delay: float) -> None:
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            log.append(f"start {name}")
            await asyncio.sleep(delay)
            log.append(f"end {name}")
            running -= 1

        jobs = [
            processor.process_update(_update(1, 1), work("1a", 0.05)),
            processor.process_update(_update(2, 1), work("1b", 0.0)),
            processor.process_update(_update(3, 2), work("2a", 0.01)),
        ]
        await asyncio.gather(*jobs)
        return log, peak, processor.waiting_chats

    log, peak, waiting = asyncio.run(scenario())
    assert log.index("end 1a") < log.index("start 1b")  # a chat's second update waits
    assert log.index("start 2a") < log.index("end 1a")  # another chat does not
    assert peak == 2
    assert waiting == 0  # per-chat locks are released, memory stays bounded


def test_max_running_bounds_concurrency_across_chats() -> None:
    async def scenario() -> int:
        processor = ChatOrderedProcessor(max_running=3)
        running = 0
        peak = 0

        async def work() -> None:
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.01)
            running -= 1

        await asyncio.gather(
            *(processor.process_update(_update(n, n), work()) for n in range(1, 11))
        )
        return peak

    assert asyncio.run(scenario()) == 3
