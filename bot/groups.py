"""Anti-spam for group chats (pure): cooldown, a per-chat cap, and links instead of repeats."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from nlp.query import Query

Action = Literal["answer", "link", "skip"]
QuestionKey = tuple[str, tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True)
class GroupLimits:
    """Defaults stay well under Telegram's ~20 messages a minute per group."""

    cooldown_seconds: float = 20.0
    """Minimum gap between two unprompted (auto-mode) answers in one chat."""
    per_minute: int = 6
    """At most this many bot messages per chat per minute, prompted or not."""
    repeat_window_seconds: float = 600.0
    """The same question within this window gets a link to the earlier answer."""


@dataclass(frozen=True)
class GateDecision:
    action: Action
    earlier_message_id: int | None = None


def question_key(query: Query) -> QuestionKey:
    """What makes two questions 'the same': intent, people, countries and topic."""
    return (query.intent, tuple(query.person_ids), tuple(query.country_codes), query.topic or "")


@dataclass
class _ChatState:
    sent: deque[float] = field(default_factory=deque)
    last_unprompted: float = float("-inf")
    answered: dict[QuestionKey, tuple[float, int]] = field(default_factory=dict)


class GroupGate:
    """Decides, per chat, whether to answer, link to an earlier answer, or stay quiet."""

    def __init__(
        self, limits: GroupLimits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or GroupLimits()
        self.clock = clock
        self._chats: dict[int, _ChatState] = {}

    def _state(self, chat_id: int) -> _ChatState:
        state = self._chats.setdefault(chat_id, _ChatState())
        now = self.clock()
        while state.sent and now - state.sent[0] > 60.0:
            state.sent.popleft()
        window = self.limits.repeat_window_seconds
        for key in [k for k, (at, _) in state.answered.items() if now - at > window]:
            del state.answered[key]
        return state

    def decide(self, chat_id: int, key: QuestionKey, *, prompted: bool) -> GateDecision:
        state = self._state(chat_id)
        now = self.clock()
        if len(state.sent) >= self.limits.per_minute:
            return GateDecision("skip")
        earlier = state.answered.get(key)
        if earlier is not None:
            return GateDecision("link", earlier[1]) if prompted else GateDecision("skip")
        if not prompted and now - state.last_unprompted < self.limits.cooldown_seconds:
            return GateDecision("skip")
        return GateDecision("answer")

    def record(
        self, chat_id: int, key: QuestionKey | None, message_id: int | None, *, prompted: bool
    ) -> None:
        """Count a message the bot sent in the chat (and remember the answer, if any)."""
        state = self._state(chat_id)
        now = self.clock()
        state.sent.append(now)
        if not prompted:
            state.last_unprompted = now
        if key is not None and message_id is not None:
            state.answered[key] = (now, message_id)

    def move(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: keep its counters under the new id."""
        if old_id in self._chats:
            self._chats[new_id] = self._chats.pop(old_id)


def message_link(chat_id: int, message_id: int, username: str | None) -> str | None:
    """A t.me link to a message: public groups by username, supergroups by internal id."""
    if username:
        return f"https://t.me/{username}/{message_id}"
    text = str(chat_id)
    if text.startswith("-100"):
        return f"https://t.me/c/{text[4:]}/{message_id}"
    return None  # basic groups have no message links
