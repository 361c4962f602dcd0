"""Short-lived conversation memory: the last question per chat and recent answers (bounded)."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from typing import Generic, TypeVar

from bot.answers import Answer
from nlp.query import Query

V = TypeVar("V")


class LruStore(Generic[V]):
    """A bounded mapping with expiry: the oldest entries go first."""

    def __init__(self, capacity: int, ttl_seconds: float) -> None:
        self.capacity = capacity
        self.ttl = ttl_seconds
        self._items: OrderedDict[object, tuple[float, V]] = OrderedDict()

    def put(self, key: object, value: V) -> None:
        self._items[key] = (time.monotonic(), value)
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def get(self, key: object) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        stamp, value = item
        if time.monotonic() - stamp > self.ttl:
            del self._items[key]
            return None
        return value

    def pop(self, key: object) -> V | None:
        value = self.get(key)
        self._items.pop(key, None)
        return value

    def __len__(self) -> int:
        return len(self._items)


class ConversationMemory:
    """What the bot remembers between messages: kept in memory only, never on disk."""

    CONTEXT_TTL = 30 * 60.0
    ANSWER_TTL = 24 * 3600.0

    def __init__(self, capacity: int = 20_000) -> None:
        self.contexts: LruStore[Query] = LruStore(capacity, self.CONTEXT_TTL)
        self.answers: LruStore[Answer] = LruStore(capacity, self.ANSWER_TTL)

    def remember_answer(self, answer: Answer) -> str:
        """Keep an answer for its buttons; returns a short key for callback data."""
        key = secrets.token_urlsafe(6)
        self.answers.put(key, answer)
        return key
