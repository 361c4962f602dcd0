"""The exit codes of ``warrantwatch run`` (documented in the README) and start-up failures."""

from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1
"""An unexpected error (or knowledge data that does not load): one line, then exit."""
EXIT_CONFIG = 2
"""Missing or invalid configuration, or a token Telegram rejects."""
EXIT_CONFLICT = 3
"""Another instance polls with the same token (409 Conflict)."""
EXIT_DATABASE = 4
"""The database cannot be opened, migrated or written (read-only, a directory, locked)."""
EXIT_BOT_API = 5
"""The Bot API is unreachable or answers errors at start-up."""


class StartupError(Exception):
    """Starting failed for a reason the operator can act on: one line and an exit code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
