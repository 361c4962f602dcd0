"""Inbound flood control: a per-user sliding window, answered once with a polite slow-down."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Literal

Verdict = Literal["ok", "warn", "drop"]


class _User:
    __slots__ = ("hits", "warned")

    def __init__(self) -> None:
        self.hits: list[float] = []  # at most ``limit`` times, oldest first
        self.warned = False


class InboundLimiter:
    """At most ``limit`` messages per ``window`` seconds per user, in bounded memory.

    Users are kept in order of their last message; those idle for a whole window are
    forgotten as new ones arrive (their window is empty, so nothing is lost), and at most
    ``max_users`` are kept at all (the longest-idle go first).
    """

    def __init__(
        self,
        limit: int = 20,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_users: int = 100_000,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_users = max_users
        self._users: OrderedDict[int, _User] = OrderedDict()

    def check(self, user_id: int) -> Verdict:
        """'ok' to answer; 'warn' once when the limit is passed; then 'drop' until it clears."""
        now = self.clock()
        user = self._users.get(user_id)
        if user is None:
            user = self._users[user_id] = _User()
        else:
            self._users.move_to_end(user_id)
        hits = user.hits
        expired = 0
        while expired < len(hits) and now - hits[expired] > self.window:
            expired += 1
        if expired:
            del hits[:expired]
        self._forget_idle(now)
        if len(hits) < self.limit:
            hits.append(now)
            user.warned = False
            return "ok"
        if user.warned:
            return "drop"
        user.warned = True
        return "warn"

    def _forget_idle(self, now: float) -> None:
        """Drop the longest-idle users: those past the window, and any over ``max_users``."""
        users = self._users
        while users:
            oldest_id, oldest = next(iter(users.items()))
            idle = not oldest.hits or now - oldest.hits[-1] > self.window
            if not idle and len(users) <= self.max_users:
                return
            if oldest_id == next(reversed(users)):
                return  # the user being checked right now
            users.popitem(last=False)

    def __len__(self) -> int:
        return len(self._users)
