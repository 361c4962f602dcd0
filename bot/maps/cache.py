"""An in-memory cache of rendered maps: one render per key, even when many ask at once.

A trip notice fanned out to thousands of chats, or a group asking the same /map, asks for the
same (knowledge base, person, date, language): the first caller renders, callers arriving
meanwhile (other threads) wait for it, later ones read the bytes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class RenderCache:
    """A bounded LRU of PNG bytes keyed by owner identity and a hashable key.

    The owner (a KnowledgeBase: immutable, not hashable) is kept with each entry and checked,
    as ``knowledge.rules`` memoises, so a reused ``id`` never returns another owner's map.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.renders = 0
        """How many times ``compute`` ran (for tests and the bench)."""
        self._entries: OrderedDict[tuple[int, Hashable], tuple[object, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[tuple[int, Hashable], threading.Lock] = {}

    def get(self, owner: object, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        full = (id(owner), key)
        with self._lock:
            found = self._hit(full, owner)
            if found is not None:
                return found
            pending = self._pending.setdefault(full, threading.Lock())
        with pending:
            with self._lock:
                found = self._hit(full, owner)
                if found is not None:
                    return found
            try:
                value = compute()
            finally:
                with self._lock:
                    self._pending.pop(full, None)
            with self._lock:
                self.renders += 1
                self._entries[full] = (owner, value)
                while len(self._entries) > self.limit:
                    self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _hit(self, full: tuple[int, Hashable], owner: object) -> bytes | None:
        hit = self._entries.get(full)
        if hit is None or hit[0] is not owner:
            return None
        self._entries.move_to_end(full)
        return hit[1]
