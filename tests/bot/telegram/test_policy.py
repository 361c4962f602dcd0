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


def test_policy_forget_idle_users() -> None:
    clock = Clock()
    limiter = InboundLimiter(limit=3, window=10.0, clock=clock)
    limiter.check(1)
    clock.now = 100.0
    limiter.forget_idle()
    assert limiter._hits == {}
