"""One redaction for every text that leaves the process: logs, crashes, stored error texts.

The bot token travels inside every Bot API URL (``…/bot<token>/sendMessage``), so any error
text that quotes a URL carries it: a traceback, an aiohttp error, a description Telegram or a
proxy echoes back (sometimes lower-cased or percent-encoded). The secret half of the token
(after the colon) is what must never be seen; it is replaced case-insensitively wherever it
appears, and so are the webhook secret and any other secret the settings name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "<redacted>"
_MIN_SECRET = 6
"""Shorter strings are not redacted: masking every 'abc' would make logs unreadable."""


def _variants(secret: str) -> set[str]:
    """The forms a secret takes in error texts: as is, and the token's secret half."""
    forms = {secret}
    _bot_id, colon, rest = secret.partition(":")
    if colon and rest:
        forms.add(rest)  # the bot id before the colon is public; what follows is the secret
    return {form for form in forms if len(form) >= _MIN_SECRET}


class Redactor:
    """Replaces each secret (any letter case) with ``<redacted>``."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms = set().union(*(_variants(s) for s in secrets if s))
        self._pattern = (
            re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)), re.I)
            if forms
            else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(MASK, text)


NO_SECRETS = Redactor(())


class RedactingFilter(logging.Filter):
    """A log filter that redacts the message, the traceback and the stack of every record."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self.redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_TRACEBACKS = logging.Formatter()
