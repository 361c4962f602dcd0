"""Concurrent update processing that keeps each chat's updates in arrival order.

PTB's ``concurrent_updates(n)`` runs any ``n`` updates at once, so a follow-up ("and Mongolia?")
can be handled before the question it follows, and two replies in one chat can swap places.
This processor runs different chats concurrently and one chat's updates one after another.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def ordering_key(update: object) -> Hashable | None:
    """The conversation an update belongs to: its chat, else its sender; None for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    return None


class _KeyLock:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class ChatOrderedProcessor(BaseUpdateProcessor):
    """At most ``max_running`` updates run at once, and never two of the same chat.

    PTB's own semaphore (``max_waiting``) bounds how many updates may be waiting here; it is
    larger than ``max_running`` so that a burst in one chat does not hold every slot while the
    other chats wait.
    """

    __slots__ = ("_locks", "_running")

    def __init__(self, max_running: int = 16, max_waiting: int = 1024) -> None:
        super().__init__(max(max_waiting, max_running))
        self._running = asyncio.Semaphore(max_running)
        self._locks: dict[Hashable, _KeyLock] = {}

    @property
    def waiting_chats(self) -> int:
        """How many conversations have an update running or queued (for tests and stats)."""
        return len(self._locks)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            async with self._running:
                await coroutine
            return
        entry = self._locks.get(key)
        if entry is None:
            entry = self._locks[key] = _KeyLock()
        entry.users += 1
        try:
            async with entry.lock, self._running:
                await coroutine
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""
