"""Receiving updates safely: one update PTB cannot parse never stops the bot.

PTB's ``Bot.get_updates`` parses a whole batch at once; one update without a field the library
requires (the Bot API adds fields over time) makes the call raise, the offset never moves, and
the same batch comes back forever (logged each time with the users' texts). Here each update is
parsed on its own; one that fails becomes a bare ``Update(update_id)`` (so the offset moves on
and the handlers see nothing), is logged once without its content, and is counted.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from telegram import Update
from telegram.ext import BaseRateLimiter, Defaults, ExtBot
from telegram.request import BaseRequest

log = logging.getLogger(__name__)

DEFAULT_NONE: Any = BaseRequest.DEFAULT_NONE

MAX_REASON = 200


@dataclass
class Health:
    """What /healthz and /stats report about receiving updates."""

    max_age: float = 120.0
    """Seconds without a successful update check after which /healthz reports 503."""
    started: float = field(default_factory=time.monotonic)
    last_received: float | None = None
    """Monotonic time of the last successful getUpdates (or webhook check / delivery)."""
    skipped: int = 0
    """Updates that could not be parsed and were skipped."""
    duplicates: int = 0
    """Updates delivered again (same update_id) and not handled twice."""

    def received(self) -> None:
        self.last_received = time.monotonic()

    def stale(self) -> str | None:
        """Why receiving looks broken, or None."""
        age = self.receiving_age()
        return f"no successful update check for {age:.0f} s" if age > self.max_age else None

    def receiving_age(self) -> float:
        """Seconds since updates were last received fine (since start if never)."""
        return time.monotonic() - (self.last_received or self.started)


def _shape(item: object) -> str:
    """The update's kind and its fields' names: enough to debug, none of the content."""
    if not isinstance(item, dict):
        return type(item).__name__
    kinds = [k for k in item if k != "update_id"]
    inner = item.get(kinds[0]) if kinds else None
    names = sorted(inner)[:20] if isinstance(inner, dict) else []
    return f"{','.join(kinds) or 'empty'}({','.join(names)})"


def parse_update(item: object, bot: ExtBot[Any] | None, health: Health) -> Update | None:
    """The update, a bare ``Update(update_id)`` if it cannot be parsed, or None without an id."""
    update_id = item.get("update_id") if isinstance(item, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        health.skipped += 1
        log.warning("skipped an update without a valid update_id: %s", _shape(item))
        return None
    try:
        return Update.de_json(item, bot)  # type: ignore[arg-type]
    except Exception as error:
        health.skipped += 1
        reason = f"{type(error).__name__}: {error}"[:MAX_REASON]
        log.warning(
            "skipped update %s that the library cannot parse (%s): %s",
            update_id,
            _shape(item),
            reason,
        )
        return Update(update_id=update_id)


class ResilientBot(ExtBot[Any]):
    """An ``ExtBot`` whose ``get_updates`` parses update by update (see the module docstring).

    The call itself is the one PTB makes (same parameters and timeouts, on the updates
    transport, never held by the rate limiter); only the parsing differs.
    """

    def __init__(
        self,
        token: str,
        *,
        base_url: str,
        request: BaseRequest,
        get_updates_request: BaseRequest,
        defaults: Defaults,
        rate_limiter: BaseRateLimiter[Any],
        health: Health,
    ) -> None:
        super().__init__(
            token,
            base_url=base_url,
            request=request,
            get_updates_request=get_updates_request,
            defaults=defaults,
            rate_limiter=rate_limiter,
        )
        self._polling = get_updates_request
        self._health = health  # PTB freezes public attributes after __init__

    @property
    def health(self) -> Health:
        return self._health

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: int | dt.timedelta | None = None,
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: Any = DEFAULT_NONE,
        write_timeout: Any = DEFAULT_NONE,
        connect_timeout: Any = DEFAULT_NONE,
        pool_timeout: Any = DEFAULT_NONE,
        api_kwargs: dict[str, Any] | None = None,
    ) -> tuple[Update, ...]:
        seconds = timeout.total_seconds() if isinstance(timeout, dt.timedelta) else timeout
        query: dict[str, Any] = dict(api_kwargs or {})
        for name, value in (("offset", offset), ("limit", limit), ("timeout", seconds)):
            if value is not None:
                query[name] = value
        if allowed_updates is not None:
            query["allowed_updates"] = json.dumps(list(allowed_updates))
        base_read = self._polling.read_timeout if read_timeout is DEFAULT_NONE else read_timeout
        result = await self._polling.post(
            f"{self.base_url}/getUpdates?{urlencode(query)}",
            read_timeout=(base_read or 0) + (seconds or 0),
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        self.health.received()
        items = result if isinstance(result, list) else []
        updates = [u for u in (parse_update(i, self, self.health) for i in items) if u]
        for update in updates:
            self.insert_callback_data(update)
        return tuple(updates)


class SeenUpdates:
    """The last ``capacity`` update ids: a redelivered update is handled once."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._ids: OrderedDict[int, None] = OrderedDict()
        self.unsaved: list[int] = []

    def first_time(self, update_id: int) -> bool:
        """True the first time an id is seen (and remembers it); False for a redelivery."""
        if update_id in self._ids:
            return False
        self._ids[update_id] = None
        self.unsaved.append(update_id)
        if len(self._ids) > self.capacity:
            self._ids.popitem(last=False)
        return True

    def load(self, ids: Sequence[int]) -> None:
        """Ids seen before a restart (oldest first)."""
        for update_id in ids[-self.capacity :]:
            self._ids[update_id] = None

    def take_unsaved(self) -> list[int]:
        taken, self.unsaved = self.unsaved, []
        return taken

    def __len__(self) -> int:
        return len(self._ids)
