"""Inbound flood control: a per-user sliding window, answered once with a polite slow-down."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Literal

Verdict = Literal["ok", "warn", "drop"]


class InboundLimiter:
    """At most ``limit`` messages per ``window`` seconds per user."""

    def __init__(
        self, limit: int = 20, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, user_id: int) -> Verdict:
        """'ok' to answer; 'warn' once when the limit is passed; then 'drop' until it clears."""
        now = self.clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] > self.window:
            hits.popleft()
        if len(hits) < self.limit:
            hits.append(now)
            self._warned.discard(user_id)
            return "ok"
        if user_id in self._warned:
            return "drop"
        self._warned.add(user_id)
        return "warn"

    def forget_idle(self) -> None:
        """Drop users with no recent messages (keeps memory bounded)."""
        now = self.clock()
        for user_id in [u for u, h in self._hits.items() if not h or now - h[-1] > self.window]:
            del self._hits[user_id]
            self._warned.discard(user_id)
