"""Settings from the environment, read once in the entry point (never at import time)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


class ConfigError(Exception):
    """Configuration is missing or wrong: one clear line for the operator."""


def default_db_path() -> Path:
    """The SQLite file in the user's data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("warrantwatch")) / "warrantwatch.sqlite3"


class Settings(BaseSettings):
    """Everything ``warrantwatch run`` reads from the environment (names are fixed)."""

    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False, frozen=True)

    token: SecretStr = Field(validation_alias="TELEGRAM_BOT_TOKEN")
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
    send_rate: float = Field(25.0, gt=0, le=1000, validation_alias="WARRANTWATCH_SEND_RATE")
    trip_feeds: Annotated[tuple[str, ...], NoDecode] = Field(
        (), validation_alias="WARRANTWATCH_TRIP_FEEDS"
    )
    feed_interval: float = Field(900.0, ge=10, validation_alias="WARRANTWATCH_FEED_INTERVAL")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        "INFO", validation_alias="WARRANTWATCH_LOG_LEVEL"
    )

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
            bad = [u for u in urls if not u.startswith(("https://", "http://"))]
            if bad:
                raise ValueError(f"feed URLs must be http(s): {bad[0]}")
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


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Settings from ``environ``; raises ConfigError with one readable line."""
    if not environ.get("TELEGRAM_BOT_TOKEN", "").strip():
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather")
    relevant = {k: v for k, v in environ.items() if k.startswith(("TELEGRAM_", "WARRANTWATCH_"))}
    try:
        return Settings.model_validate(relevant)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise ConfigError(f"invalid configuration ({where}): {first['msg']}") from None
