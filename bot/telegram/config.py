"""Settings from the environment and a .env file, read in the entry point, never at import."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
# Relative on purpose: it names the working directory's .env when settings load, not at import.
DEFAULT_ENV_FILE = Path(".env")
NAME_PREFIXES = ("TELEGRAM_", "WARRANTWATCH_")
TOKEN_NAME = "TELEGRAM_BOT_TOKEN"
TOKEN_MISSING = f"{TOKEN_NAME} is not set: get a token from @BotFather"
# What setWebhook accepts as secret_token.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
SECONDS_PER_HOUR = 3600.0


class ConfigError(Exception):
    """Configuration is missing or wrong: one clear line for the operator."""


def default_db_path() -> Path:
    """The SQLite file in the user's data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("warrantwatch")) / "warrantwatch.sqlite3"


def base_url_problem(url: str) -> str | None:
    """What makes ``url`` unusable as the Bot API base URL, or None; never repeats the URL."""
    if any(char.isspace() or not char.isprintable() for char in url):
        return "contains spaces or control characters"
    try:
        parts = urlsplit(url)
        _port = parts.port  # a port that is not a number in 0-65535 raises here
    except ValueError:
        return "cannot be parsed as a URL"
    if parts.scheme not in ("http", "https"):
        return "must start with http:// or https://"
    if not parts.hostname:
        return "has no host"
    if "@" in parts.netloc:
        return "must not contain credentials"
    if "?" in url or "#" in url:
        return "must not have a query or a fragment"
    return None


class Settings(BaseSettings):
    """Everything ``warrantwatch run`` reads from the environment or .env (names are fixed)."""

    # case_sensitive: only the exact upper-case names count, in .env as in the environment
    model_config = SettingsConfigDict(extra="ignore", case_sensitive=True, frozen=True)

    token: SecretStr = Field(validation_alias=TOKEN_NAME)
    base_url: str = Field(DEFAULT_BASE_URL, validation_alias="WARRANTWATCH_TELEGRAM_BASE_URL")
    db: Path | None = Field(None, validation_alias="WARRANTWATCH_DB")
    owner_ids: Annotated[frozenset[int], NoDecode] = Field(
        frozenset(), validation_alias="WARRANTWATCH_OWNER_IDS"
    )
    mode: Literal["polling", "webhook"] = Field("polling", validation_alias="WARRANTWATCH_MODE")
    webhook_url: str | None = Field(None, validation_alias="WARRANTWATCH_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(None, validation_alias="WARRANTWATCH_WEBHOOK_SECRET")
    listen: str = Field("0.0.0.0", validation_alias="WARRANTWATCH_LISTEN")
    port: int = Field(8080, ge=0, le=65535, validation_alias="WARRANTWATCH_PORT")
    health_port: int | None = Field(
        None, ge=0, le=65535, validation_alias="WARRANTWATCH_HEALTH_PORT"
    )
    health_max_age: float = Field(
        120.0, ge=10, allow_inf_nan=False, validation_alias="WARRANTWATCH_HEALTH_MAX_AGE"
    )
    send_rate: float = Field(25.0, gt=0, le=1000, validation_alias="WARRANTWATCH_SEND_RATE")
    trip_feeds: Annotated[tuple[str, ...], NoDecode] = Field(
        (), validation_alias="WARRANTWATCH_TRIP_FEEDS"
    )
    feed_interval: float = Field(900.0, ge=10, validation_alias="WARRANTWATCH_FEED_INTERVAL")
    notice_horizon_hours: float = Field(
        24.0, gt=0, allow_inf_nan=False, validation_alias="WARRANTWATCH_NOTICE_HORIZON_HOURS"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        "INFO", validation_alias="WARRANTWATCH_LOG_LEVEL"
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The mapping load_settings passes, then the .env file; os.environ only through it."""
        return init_settings, dotenv_settings

    @field_validator("token", mode="before")
    @classmethod
    def _blank_token(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("is blank")  # reported as TOKEN_MISSING, like a missing token
        return value

    @field_validator("base_url")
    @classmethod
    def _usable_base_url(cls, value: str) -> str:
        problem = base_url_problem(value)
        if problem:
            raise ValueError(f"{problem}; the default is {DEFAULT_BASE_URL}")
        return value

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("must be comma-separated numeric Telegram user ids")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("trip_feeds", mode="before")
    @classmethod
    def _split_urls(cls, value: object) -> object:
        if isinstance(value, str):
            urls = tuple(u.strip() for u in value.split(",") if u.strip())
            bad = [n for n, u in enumerate(urls, 1) if not u.startswith(("https://", "http://"))]
            if bad:
                raise ValueError(f"feed URLs must be http(s); number {bad[0]} is not")
            return urls
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("webhook_url", "webhook_secret", "db", "health_port", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_accepts_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters, only A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_url_and_secret(self) -> Settings:
        if self.mode == "webhook":
            if not self.webhook_url or not self.webhook_url.startswith("https://"):
                raise ValueError(
                    "WARRANTWATCH_WEBHOOK_URL must be an https:// URL in webhook mode"
                )
            if self.webhook_secret is None:
                raise ValueError("WARRANTWATCH_WEBHOOK_SECRET is required in webhook mode")
        return self

    @property
    def db_path(self) -> Path:
        return self.db or default_db_path()

    @property
    def notice_horizon_seconds(self) -> float:
        """How long a trip notification is retried through outages before it is given up."""
        return self.notice_horizon_hours * SECONDS_PER_HOUR


def _one_line(error: ValidationError) -> str:
    """The first validation error as one line naming the variable; never the value given."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "settings"
    if where == TOKEN_NAME:
        return TOKEN_MISSING
    message = " ".join(first["msg"].removeprefix("Value error, ").split())
    return f"invalid configuration ({where}): {message}"


def load_settings(
    environ: Mapping[str, str], env_file: Path | None = DEFAULT_ENV_FILE
) -> Settings:
    """Settings from ``environ`` over ``env_file`` (skipped when absent or None).

    Only TELEGRAM_* and WARRANTWATCH_* names count. Raises ConfigError with one readable line.
    """
    # Any: mypy would check these aliases against BaseSettings's own _env_file-style keywords
    relevant: dict[str, Any] = {k: v for k, v in environ.items() if k.startswith(NAME_PREFIXES)}
    try:
        return Settings(_env_file=env_file, **relevant)
    except ValidationError as error:
        raise ConfigError(_one_line(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        raise ConfigError(f"cannot read {env_file}: {reason}") from None
