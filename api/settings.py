"""Service settings, read from environment variables and an optional `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL URL. Unset: the project starts its own embedded PostgreSQL.",
    )
    data_dir: Path = Field(default=PROJECT_ROOT / ".data", description="Embedded database home.")
    database_name: str = "timeline"
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = Field(
        default=None,
        description="Base of the absolute links the API writes (`next`, `Link`), e.g. "
        "https://timeline.example.org. Unset: http://HOST:PORT. The request's Host header is "
        "never used, so a client cannot make the service (or its cache) link elsewhere.",
    )
    workers: int = 1
    # uvicorn's default is 5 s. A client (or a proxy) that reuses an idle connection just as
    # the server closes it gets a reset instead of a response; a keep-alive longer than the
    # idle timeout of common proxies (60 s) leaves the closing to them.
    keep_alive: int = Field(
        default=75, ge=1, description="Seconds an idle HTTP connection is kept open."
    )
    log_level: str = "info"
    log_json: bool = False
    cors_origins: list[str] = ["*"]
    cache_max_age: int = 60
    response_cache: bool = Field(
        default=True, description="Per-process cache of GET responses, cleared on data change."
    )
    response_cache_size: int = 2048
    response_cache_ttl: float = Field(
        default=30.0, description="Seconds; a safety net should a change notification be missed."
    )
    db_pool_size: int = 10
    # A hung database (not down: frozen, or a network that drops packets) must give a 503 within
    # 2 s. Reads get it from `read_deadline`; the connect and pool waits are short for every
    # request; a statement may take longer, as writes (ingestion, its advisory lock) need.
    db_connect_timeout: float = Field(
        default=1.0, description="Seconds to open a connection, and to wait for a pooled one."
    )
    db_command_timeout: float = Field(
        default=10.0, description="Seconds one SQL statement may take before the request is a 503."
    )
    read_deadline: float | None = Field(
        default=1.5,
        description="Seconds a GET may wait for the database before it is a 503 (until the "
        "response starts; a streamed export then runs to its end).",
    )
    max_body_bytes: int = 2 * 1024 * 1024
    # Processes that read submitted articles (0: read them in a thread of the API process).
    extract_workers: int = Field(default=1, ge=0)
    # How long a POST waits for another ingestion of the same corpus before a 503 (seconds).
    ingest_lock_wait: float = Field(default=120.0, gt=0)

    @property
    def public_base(self) -> str:
        """Scheme, host and port of every absolute link, without a trailing slash."""
        if self.public_url:
            return self.public_url.rstrip("/")
        # A wildcard bind address is no address to send a client to.
        host = "localhost" if self.host in ("0.0.0.0", "::", "") else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str | None) -> str | None:
        return async_url(value) if value else None


def async_url(url: str) -> str:
    """Accept the URL forms users paste (postgres://, postgresql://) and pick the asyncpg driver."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


@lru_cache
def get_settings() -> Settings:
    return Settings()
