"""Per-user inbound limit: answered once with a slow-down, then quiet until the window clears."""

from __future__ import annotations

from bot.telegram.policy import InboundLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_policy_limit_warns_once_then_drops_then_recovers() -> None:
    clock = Clock()
    limiter = InboundLimiter(limit=3, window=60.0, clock=clock)
    assert [limiter.check(1) for _ in range(3)] == ["ok", "ok", "ok"]
    assert limiter.check(1) == "warn"
    assert limiter.check(1) == "drop"
    assert limiter.check(2) == "ok"  # other users are not affected
    clock.now = 61.0
    assert limiter.check(1) == "ok"


def test_policy_idle_users_are_forgotten_as_others_arrive() -> None:
    clock = Clock()
    limiter = InboundLimiter(limit=3, window=10.0, clock=clock)
    limiter.check(1)
    limiter.check(2)
    clock.now = 100.0
    limiter.check(3)
    assert len(limiter) == 1


def test_policy_a_million_distinct_users_keep_memory_bounded() -> None:
    """One message each from a million users over ~17 minutes: only the last window's stay."""
    clock = Clock()
    limiter = InboundLimiter(limit=20, window=60.0, clock=clock, max_users=100_000)
    largest = 0
    for user_id in range(1_000_000):
        clock.now = user_id / 1000.0  # 1,000 new users a second
        assert limiter.check(user_id) == "ok"
        largest = max(largest, len(limiter))
    assert largest <= 60_002  # a window's worth (60 s at 1,000/s), never more
    clock.now += 61.0
    limiter.check(-1)
    assert len(limiter) == 1  # after a quiet minute, everyone else is forgotten


def test_policy_max_users_caps_a_burst_within_one_window() -> None:
    clock = Clock()
    limiter = InboundLimiter(limit=20, window=60.0, clock=clock, max_users=1_000)
    for user_id in range(50_000):
        limiter.check(user_id)
    assert len(limiter) <= 1_000
    assert limiter.check(49_999) == "ok"  # the newest users are the ones kept
