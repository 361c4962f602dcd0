"""Test doubles for end-to-end tests (a fake Telegram Bot API server)."""
