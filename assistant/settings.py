"""Typed, validated settings: environment variables prefixed ASSISTANT_, also read from ./.env."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant import accounts
from assistant.clock import Clock
from assistant.domain.vocabulary import SurfaceName
from assistant.errors import ConfigError
from assistant.files import user_data_dir

SITE_KEYRING_SERVICE = "aliexpress-assistant"
MAIL_KEYRING_SERVICE = "aliexpress-assistant-mail"
NOTIFY_KEYRING_SERVICE = "aliexpress-assistant-notify"
_AUTHSERV_ID = re.compile(r"(?:\*\.)?[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,20}")


class ScheduleSettings(BaseModel):
    """The scheduler's settings (`tick`, `watch`): when it looks again, how it backs off, and
    the return window. ``assistant.scheduler.policy.SchedulePolicy`` adds what follows."""

    # Built only when used on its own: ``Settings`` below builds its own validator (with these
    # fields), so building this one too would cost every run for nothing.
    model_config = ConfigDict(frozen=True, defer_build=True)

    no_result_wait: timedelta = timedelta(hours=2)
    delivery_check_every: timedelta = timedelta(days=1)
    retry_wait: timedelta = timedelta(minutes=10)
    retry_max_wait: timedelta = timedelta(hours=2)  # below retry_wait: retry_wait counts
    retry_jitter: float = Field(default=0.2, ge=0, le=1)
    retry_limit: int = Field(default=5, ge=1, le=100)
    return_window: timedelta = timedelta(days=30)
    holiday_extension: timedelta = timedelta(days=15)
    holiday_season: str = "11-01/12-31"
    delivery_wait: timedelta = timedelta(days=60)
    window_warning: timedelta = timedelta(days=5)
    send_back_within: timedelta = timedelta(days=15)
    auto_return: bool = True

    @field_validator("no_result_wait", "delivery_check_every", "retry_wait", "retry_max_wait",
                     "delivery_wait", "send_back_within")
    @classmethod
    def _schedule_interval(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError(f"must be positive, got: {value}")
        return value

    @field_validator("return_window", "holiday_extension", "window_warning")
    @classmethod
    def _schedule_not_negative(cls, value: timedelta) -> timedelta:
        if value < timedelta(0):
            raise ValueError(f"must not be negative, got: {value}")
        return value

    @field_validator("holiday_season")
    @classmethod
    def _schedule_season(cls, value: str) -> str:
        """MM-DD/MM-DD, first and last day of delivery that earns the extension (may wrap)."""
        parts = value.strip().split("/")
        try:
            if len(parts) != 2:
                raise ValueError
            for part in parts:
                datetime.strptime(f"2000-{part.strip()}", "%Y-%m-%d")  # 2000: Feb 29 exists
        except ValueError:
            raise ValueError(f"must be MM-DD/MM-DD such as 11-01/12-31, got: {value!r}") from None
        return "/".join(p.strip() for p in parts)


class Settings(ScheduleSettings, BaseSettings):
    """Everything a user can set. See .env.example for the meaning of each. The scheduler's
    intervals and limits (`tick`, `watch`) are declared, with their checks, in
    ``ScheduleSettings`` above."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_file=".env", extra="ignore", frozen=True,
        defer_build=False,
    )

    base_url: AnyHttpUrl = AnyHttpUrl("https://www.aliexpress.com")
    account: str | None = None
    mail: str | None = None
    mail_ca_file: Path | None = None
    mail_lookback: timedelta = timedelta(days=30)
    mail_senders: str = ""
    # Which mail is the shop's for real (assistant/mail/authenticity.py): authenticated or any;
    # the authserv-ids whose Authentication-Results count ("" the big providers', "none");
    # a file of DKIM key TXT records used instead of DNS.
    mail_trust: Literal["authenticated", "any"] = "authenticated"
    mail_authserv_id: str = ""
    dkim_keys: Path | None = None
    data_dir: Path = Field(default_factory=lambda: user_data_dir())
    browser_path: Path | None = None
    # Where the browser comes from (assistant/browser_source.py): launched here (neither set),
    # a running Chrome attached over CDP, or a Playwright browser server.
    cdp_url: str | None = None
    browser_ws: str | None = None
    headless: bool = True
    locale: str = "en"
    surface: SurfaceName = SurfaceName.WEB
    default_reason: str | None = None
    return_reason: str | None = None
    now: datetime | None = None
    page_timeout: timedelta = timedelta(seconds=15)
    submit_attempts: int = Field(default=3, ge=1, le=10)
    evidence_keep: timedelta = timedelta(days=30)  # failure evidence; `tick` removes older
    # How the scheduler's passes run (their rules of time: ScheduleSettings).
    watch_every: timedelta = timedelta(minutes=15)
    tick_wait: timedelta = timedelta(seconds=5)
    lease_ttl: timedelta = timedelta(minutes=10)
    lease_wait: timedelta = timedelta(seconds=30)  # a `cancel` waits this long for a held case
    # Notifications: an apprise configuration file (0600), and when non-urgent ones wait.
    notify_config: Path | None = None
    quiet_hours: str | None = None

    @field_validator("mail")
    @classmethod
    def _mail_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        scheme = urlsplit(value).scheme
        if scheme not in {"imap", "imaps", "maildir"}:
            raise ValueError(
                f"must start with imaps://, imap:// or maildir:, got: {value.split('@')[-1]!r}"
            )
        return value

    @field_validator("cdp_url", "browser_ws")
    @classmethod
    def _browser_address(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        name = str(info.field_name)
        schemes = {"cdp_url": ("http", "https"), "browser_ws": ("ws", "wss")}[name]
        parts = urlsplit(value)
        try:
            port = parts.port
        except ValueError:
            port = None
        if parts.scheme not in schemes or not parts.hostname or port is None:
            example = {"cdp_url": "http://127.0.0.1:9222",
                       "browser_ws": "ws://127.0.0.1:3000/"}[name]
            shown = parts._replace(query="…" if parts.query else "").geturl()  # no token
            raise ValueError(f"must be {schemes[0]}://HOST:PORT such as {example}, "
                             f"got: {shown!r}")
        return value

    @model_validator(mode="after")
    def _one_browser_source(self) -> Settings:
        if self.cdp_url and self.browser_ws:
            raise ValueError("ASSISTANT_CDP_URL and ASSISTANT_BROWSER_WS are both set; set "
                             "only one (where the browser comes from)")
        return self

    @field_validator("mail_trust", mode="before")
    @classmethod
    def _trust(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("mail_authserv_id")
    @classmethod
    def _authserv_ids(cls, value: str) -> str:
        """Comma-separated host names, "*.domain" for any host below it; or "none"."""
        for part in value.split(","):
            name = part.strip().lower()
            if name and name != "none" and not _AUTHSERV_ID.fullmatch(name):
                raise ValueError(f"must be host names such as mx.google.com (comma-separated) "
                                 f"or none, got: {part.strip()!r}")
        return value

    @field_validator("evidence_keep")
    @classmethod
    def _keep(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError(f"must be positive (an ISO 8601 duration such as P30D), got: {value}")
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        """A locale the assistant has the shop's texts and mail patterns for."""
        # the folder, not the package: importing assistant.locales loads its TOML reader
        root = resources.files("assistant").joinpath("locales")
        known = sorted(p.name for p in root.iterdir()
                       if p.joinpath("site.toml").is_file() and p.joinpath("mail.toml").is_file())
        if value not in known:
            raise ValueError(f"must be one of {', '.join(known)} (the locales whose texts the "
                             f"assistant has), got: {value!r}")
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str | None) -> str | None:
        """HH:MM-HH:MM in the machine's local time (may wrap midnight)."""
        if value is None or not value.strip():
            return None
        parts = [p.strip() for p in value.split("-")]
        try:
            if len(parts) != 2 or parts[0] == parts[1]:
                raise ValueError
            for part in parts:
                datetime.strptime(part, "%H:%M")
        except ValueError:
            raise ValueError(f"must be HH:MM-HH:MM such as 22:00-07:00, got: {value!r}") from None
        return "-".join(parts)

    @field_validator("now")
    @classmethod
    def _now_has_offset(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError(f"needs a UTC offset such as +00:00, got: {value.isoformat()}")
        return value


    @field_validator("watch_every", "lease_ttl")
    @classmethod
    def _interval(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError(f"must be positive, got: {value}")
        return value

    @field_validator("mail_lookback", "page_timeout", "lease_wait", "tick_wait")
    @classmethod
    def _not_negative(cls, value: timedelta) -> timedelta:
        if value < timedelta(0):
            raise ValueError(f"must not be negative, got: {value}")
        return value

    @cached_property
    def clock(self) -> Clock:
        return Clock(self.now)

    @property
    def base(self) -> str:
        """The shop's address without a trailing slash."""
        return str(self.base_url).rstrip("/")

    @property
    def attached(self) -> bool:
        """Whether runs use a running Chrome of the shopper's, with its own signed-in session
        (ASSISTANT_CDP_URL), instead of a browser of ours with the saved session."""
        return self.cdp_url is not None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "assistant.sqlite3"

    @property
    def session_path(self) -> Path:
        return self.data_dir / "session" / "storage-state.json"

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "logs" / "assistant.log"


def load_settings() -> Settings:
    """The settings of the account this command serves (``accounts.chosen``)."""
    return accounts.chosen(root_settings())


def root_settings() -> Settings:
    """Build the settings, turning a validation failure into an actionable ConfigError."""
    env_file = Path(".env").absolute()
    try:
        return Settings()
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"The settings file {env_file} is not UTF-8 text ({exc.reason} at byte "
            f"{exc.start}).",
            hint="Save it again as UTF-8 (an editor's \"UTF-16\" or \"Unicode\" encoding "
            "will not do), or remove it and set the variables in the environment.") from None
    except OSError as exc:
        raise ConfigError(
            f"The settings file {env_file} cannot be read: {exc.strerror or exc}.",
            hint="Make it a readable text file, or remove it and set the variables in the "
            "environment.") from None
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = "ASSISTANT_" + "_".join(str(p) for p in err["loc"]).upper()
            # a check across settings (model_validator) has no field: its message names them
            problems.append(f"{field}: {err['msg']}" if err["loc"] else err["msg"])
        raise ConfigError(
            "Invalid settings: " + "; ".join(problems),
            hint="Fix the environment variable or the line in .env (see .env.example).",
        ) from None
