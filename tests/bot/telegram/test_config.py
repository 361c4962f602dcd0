"""Settings come only from the given environment and .env file, and fail with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.telegram.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "123456:Tk-bOgUs-vAlUe"
TOKEN_SECRET_HALF = TOKEN.partition(":")[2]


@pytest.fixture(autouse=True)
def _empty_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in an empty directory, so a developer's own .env never leaks in."""
    monkeypatch.chdir(tmp_path)


def _config_error(environ: dict[str, str], env_file: Path | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ, env_file=env_file)
    return str(caught.value)


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
            "WARRANTWATCH_HEALTH_MAX_AGE": "45",
            "WARRANTWATCH_NOTICE_HORIZON_HOURS": "0.5",
            "WARRANTWATCH_LOG_LEVEL": "debug",
        }
    )
    assert settings.owner_ids == frozenset({1, 22, 333})
    assert settings.mode == "webhook" and settings.port == 8443 and settings.health_port == 8081
    assert settings.base_url == "http://127.0.0.1:9/bot" and settings.log_level == "DEBUG"
    assert settings.health_max_age == 45 and settings.notice_horizon_seconds == 1800
    assert "TOKENVALUE" not in repr(settings) and "s3cret" not in repr(settings)


def test_config_defaults() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": "123:abc"})
    assert settings.base_url == "https://api.telegram.org/bot"
    assert settings.mode == "polling" and settings.owner_ids == frozenset()
    assert settings.db_path.name == "warrantwatch.sqlite3"
    assert settings.notice_horizon_seconds == 24 * 3600 and settings.health_max_age == 120


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
    text = _config_error(environ)
    assert message in text and "\n" not in text


def test_config_reads_only_the_mapping_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARRANTWATCH_MODE", "push")
    monkeypatch.setenv("WARRANTWATCH_LOG_LEVEL", "ERROR")
    settings = load_settings({"TELEGRAM_BOT_TOKEN": "123:abc"}, env_file=None)
    assert settings.mode == "polling" and settings.log_level == "INFO"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[::1", "cannot be parsed"),
        ("http://[::1/bot", "cannot be parsed"),
        ("https://api.telegram.org:99999/bot", "cannot be parsed"),
        ("https://api.telegram.org:https/bot", "cannot be parsed"),
        ("ftp://api.telegram.org/bot", "http:// or https://"),
        ("api.telegram.org/bot", "http:// or https://"),
        ("", "http:// or https://"),
        ("https:///bot", "no host"),
        ("https://:443/bot", "no host"),
        ("https://user:pass@api.telegram.org/bot", "credentials"),
        ("https://@api.telegram.org/bot", "credentials"),
        ("https://api.telegram.org/bot?proxy=1", "query or a fragment"),
        ("https://api.telegram.org/bot?", "query or a fragment"),
        ("https://api.telegram.org/bot#x", "query or a fragment"),
        ("https://api.telegram.org/ bot", "spaces or control characters"),
        ("https://api.telegram.org/bot\n", "spaces or control characters"),
    ],
)
def test_config_rejects_an_unusable_base_url(url: str, problem: str) -> None:
    text = _config_error({"TELEGRAM_BOT_TOKEN": "1:x", "WARRANTWATCH_TELEGRAM_BASE_URL": url})
    assert text.startswith("invalid configuration (WARRANTWATCH_TELEGRAM_BASE_URL): ")
    assert problem in text and "\n" not in text


@pytest.mark.parametrize(
    "url",
    [
        "https://api.telegram.org/bot",
        "http://127.0.0.1:8081/bot",
        "http://[::1]:8081/bot",
        "http://localhost/telegram/bot",
    ],
)
def test_config_accepts_a_usable_base_url(url: str) -> None:
    environ = {"TELEGRAM_BOT_TOKEN": "1:x", "WARRANTWATCH_TELEGRAM_BASE_URL": url}
    assert load_settings(environ).base_url == url


@pytest.mark.parametrize("secret", ["a" * 257, "has space", "colon:s", "slash/", "ümlaut", "x\n"])
def test_config_rejects_a_webhook_secret_telegram_refuses(secret: str) -> None:
    text = _config_error({"TELEGRAM_BOT_TOKEN": "1:x", "WARRANTWATCH_WEBHOOK_SECRET": secret})
    assert text == (
        "invalid configuration (WARRANTWATCH_WEBHOOK_SECRET): "
        "must be 1-256 characters, only A-Z, a-z, 0-9, _ and -"
    )


@pytest.mark.parametrize("secret", ["a", "a" * 256, "AZaz09_-"])
def test_config_accepts_a_webhook_secret_telegram_takes(secret: str) -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": "1:x", "WARRANTWATCH_WEBHOOK_SECRET": secret})
    assert settings.webhook_secret is not None
    assert settings.webhook_secret.get_secret_value() == secret


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WARRANTWATCH_NOTICE_HORIZON_HOURS", "0"),
        ("WARRANTWATCH_NOTICE_HORIZON_HOURS", "-1"),
        ("WARRANTWATCH_NOTICE_HORIZON_HOURS", "inf"),
        ("WARRANTWATCH_NOTICE_HORIZON_HOURS", "nan"),
        ("WARRANTWATCH_NOTICE_HORIZON_HOURS", "a day"),
        ("WARRANTWATCH_HEALTH_MAX_AGE", "9.9"),
        ("WARRANTWATCH_HEALTH_MAX_AGE", "inf"),
        ("WARRANTWATCH_HEALTH_MAX_AGE", "2m"),
    ],
)
def test_config_rejects_bad_durations(name: str, value: str) -> None:
    text = _config_error({"TELEGRAM_BOT_TOKEN": "1:x", name: value})
    assert text.startswith(f"invalid configuration ({name}): ") and "\n" not in text


def test_config_takes_the_smallest_durations() -> None:
    environ = {
        "TELEGRAM_BOT_TOKEN": "1:x",
        "WARRANTWATCH_NOTICE_HORIZON_HOURS": "0.01",
        "WARRANTWATCH_HEALTH_MAX_AGE": "10",
    }
    settings = load_settings(environ)
    assert settings.notice_horizon_seconds == pytest.approx(36.0)
    assert settings.health_max_age == 10


def test_config_reads_the_working_directorys_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "# a comment\n"
        f"TELEGRAM_BOT_TOKEN={TOKEN}\n"
        "export WARRANTWATCH_LOG_LEVEL=warning\n"
        'WARRANTWATCH_OWNER_IDS="7, 8"\n'
        "WARRANTWATCH_DB=\n",
        encoding="utf-8",
    )
    settings = load_settings({})
    assert settings.token.get_secret_value() == TOKEN and settings.log_level == "WARNING"
    assert settings.owner_ids == frozenset({7, 8}) and settings.db is None


def test_config_environment_wins_over_the_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / "bot.env"
    env_file.write_text(
        "TELEGRAM_BOT_TOKEN=1:from-file\nWARRANTWATCH_PORT=1\nWARRANTWATCH_SEND_RATE=5\n",
        encoding="utf-8",
    )
    environ = {"TELEGRAM_BOT_TOKEN": "1:from-env", "WARRANTWATCH_PORT": "2"}
    settings = load_settings(environ, env_file=env_file)
    assert settings.token.get_secret_value() == "1:from-env"
    assert settings.port == 2 and settings.send_rate == 5


def test_config_env_file_counts_only_the_bots_names(tmp_path: Path) -> None:
    env_file = tmp_path / "bot.env"
    env_file.write_text(
        "TELEGRAM_BOT_TOKEN=1:x\nwarrantwatch_mode=push\nMODE=push\nPATH=/nowhere\n",
        encoding="utf-8",
    )
    assert load_settings({}, env_file=env_file).mode == "polling"


def test_config_env_file_none_or_absent_reads_nothing(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("WARRANTWATCH_MODE=push\n", encoding="utf-8")
    environ = {"TELEGRAM_BOT_TOKEN": "1:x"}
    assert load_settings(environ, env_file=None).mode == "polling"
    assert load_settings(environ, env_file=tmp_path / "missing.env").mode == "polling"


def test_config_unreadable_env_file_is_one_line(tmp_path: Path) -> None:
    env_file = tmp_path / "bot.env"
    env_file.write_bytes(f"TELEGRAM_BOT_TOKEN={TOKEN}\xff\n".encode("latin-1"))
    text = _config_error({}, env_file=env_file)
    assert text == f"cannot read {env_file}: it is not UTF-8 text"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_config_env_file_without_permission_is_one_line(tmp_path: Path) -> None:
    env_file = tmp_path / "bot.env"
    env_file.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\n", encoding="utf-8")
    env_file.chmod(0)
    assert _config_error({}, env_file=env_file) == f"cannot read {env_file}: Permission denied"


def test_config_env_example_loads_as_the_defaults(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    with_token = example.replace("TELEGRAM_BOT_TOKEN=\n", f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    env_file.write_text(with_token, encoding="utf-8")
    assert with_token != example
    from_example = load_settings({}, env_file=env_file)
    defaults = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}, env_file=None)
    assert from_example.model_dump() == defaults.model_dump()


def test_config_env_example_names_every_setting() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    lines = [line for line in example.splitlines() if line and not line.startswith("#")]
    documented = {line.split("=", 1)[0] for line in lines}
    names = {field.validation_alias for field in Settings.model_fields.values()}
    assert documented == names


BAD_VALUES_WITH_THE_TOKEN = {
    "WARRANTWATCH_TELEGRAM_BASE_URL": f"ftp://api.telegram.org/bot{TOKEN}",
    "WARRANTWATCH_OWNER_IDS": TOKEN,
    "WARRANTWATCH_MODE": TOKEN,
    "WARRANTWATCH_WEBHOOK_SECRET": TOKEN,
    "WARRANTWATCH_PORT": TOKEN,
    "WARRANTWATCH_HEALTH_PORT": TOKEN,
    "WARRANTWATCH_HEALTH_MAX_AGE": TOKEN,
    "WARRANTWATCH_SEND_RATE": TOKEN,
    "WARRANTWATCH_TRIP_FEEDS": f"https://example.org/feed,ftp://{TOKEN}",
    "WARRANTWATCH_FEED_INTERVAL": TOKEN,
    "WARRANTWATCH_NOTICE_HORIZON_HOURS": TOKEN,
    "WARRANTWATCH_LOG_LEVEL": TOKEN,
}


@pytest.mark.parametrize("base_url", ["http://[::1", f"http://[::1/bot{TOKEN}"])
@pytest.mark.parametrize("name", sorted(BAD_VALUES_WITH_THE_TOKEN))
def test_config_errors_never_contain_the_token(name: str, base_url: str, tmp_path: Path) -> None:
    environ = {"TELEGRAM_BOT_TOKEN": TOKEN, name: BAD_VALUES_WITH_THE_TOKEN[name]}
    from_environment = _config_error(environ)
    assert name in from_environment and "\n" not in from_environment
    env_file = tmp_path / "bot.env"
    env_file.write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nWARRANTWATCH_TELEGRAM_BASE_URL={base_url}\n",
        encoding="utf-8",
    )
    from_file = _config_error({}, env_file=env_file)
    for text in (from_environment, from_file):
        assert TOKEN_SECRET_HALF not in text


def _run_bot(cwd: Path, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``warrantwatch run`` in ``cwd`` with only ``environ`` of the bot's own names."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WARRANTWATCH_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        capture_output=True,
        text=True,
        env={**inherited, "PYTHONPATH": str(ROOT), **environ},
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_config_missing_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = _run_bot(tmp_path, {})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "warrantwatch: TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather"
    )


def test_config_entry_point_reads_env_file_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nWARRANTWATCH_TELEGRAM_BASE_URL=http://[::1\n",
        encoding="utf-8",
    )
    result = _run_bot(tmp_path, {})
    assert result.returncode == 2
    assert result.stderr.strip().startswith(
        "warrantwatch: invalid configuration (WARRANTWATCH_TELEGRAM_BASE_URL): cannot be parsed"
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert TOKEN_SECRET_HALF not in result.stderr


def test_token_is_redacted_from_messages_and_tracebacks() -> None:
    import io
    import logging

    from bot.telegram.redact import MASK, RedactingFilter, Redactor

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter(Redactor([TOKEN])))
    logger = logging.getLogger("warrantwatch.test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise ValueError(f"bad URL https://api.telegram.org/bot{TOKEN}/sendMessage")
        except ValueError:
            logger.exception("send failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert TOKEN_SECRET_HALF not in text
    assert text.count(MASK) == 2 and "ValueError" in text
