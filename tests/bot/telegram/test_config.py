"""Settings come only from the given environment and fail with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.telegram.config import ConfigError, load_settings


def test_config_reads_the_documented_names() -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": "123:TOKENVALUE",
            "WARRANTWATCH_TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot",
            "WARRANTWATCH_DB": "/tmp/x.sqlite3",
            "WARRANTWATCH_OWNER_IDS": "1, 22,333",
            "WARRANTWATCH_MODE": "webhook",
            "WARRANTWATCH_WEBHOOK_URL": "https://example.org/hook",
            "WARRANTWATCH_WEBHOOK_SECRET": "s3cret",
            "WARRANTWATCH_LISTEN": "127.0.0.1",
            "WARRANTWATCH_PORT": "8443",
            "WARRANTWATCH_HEALTH_PORT": "8081",
            "WARRANTWATCH_LOG_LEVEL": "debug",
        }
    )
    assert settings.owner_ids == frozenset({1, 22, 333})
    assert settings.mode == "webhook" and settings.port == 8443 and settings.health_port == 8081
    assert settings.base_url == "http://127.0.0.1:9/bot" and settings.log_level == "DEBUG"
    assert "TOKENVALUE" not in repr(settings) and "s3cret" not in repr(settings)


def test_config_defaults() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": "123:abc"})
    assert settings.base_url == "https://api.telegram.org/bot"
    assert settings.mode == "polling" and settings.owner_ids == frozenset()
    assert settings.db_path.name == "warrantwatch.sqlite3"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "  "}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "x", "WARRANTWATCH_MODE": "webhook"}, "WEBHOOK_URL"),
        ({"TELEGRAM_BOT_TOKEN": "x", "WARRANTWATCH_OWNER_IDS": "a,b"}, "OWNER_IDS"),
        ({"TELEGRAM_BOT_TOKEN": "x", "WARRANTWATCH_MODE": "push"}, "WARRANTWATCH_MODE"),
    ],
)
def test_config_errors_are_one_line(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_config_missing_token_exits_2_with_one_line() -> None:
    environ = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "warrantwatch: TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather"
    )


def test_token_is_redacted_from_messages_and_tracebacks() -> None:
    import io
    import logging

    from bot.telegram.app import RedactToken

    token = "123456:SECRET-token-value"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactToken(token))
    logger = logging.getLogger("warrantwatch.test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling https://api.telegram.org/bot%s/getMe", token)
        try:
            raise ValueError(f"bad URL https://api.telegram.org/bot{token}/sendMessage")
        except ValueError:
            logger.exception("send failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert token not in text
    assert text.count("<token>") == 2 and "ValueError" in text
