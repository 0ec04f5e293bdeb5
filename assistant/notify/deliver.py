"""Handing a message to apprise, which speaks e-mail, ntfy, Telegram, Matrix and ~100 more.

apprise is imported inside these functions: it takes about a second to import, and an idle
`assistant tick` with no notification target must not pay for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from assistant.errors import ConfigError
from assistant.notify.targets import Targets

if TYPE_CHECKING:
    import apprise

log = logging.getLogger(__name__)


class Sender:
    """One apprise instance for all the targets; built on the first message."""

    def __init__(self, targets: Targets) -> None:
        self.targets = targets
        self._apprise: apprise.Apprise | None = None

    def _build(self) -> apprise.Apprise:
        import apprise  # slow to import: only when a message is about to go

        # apprise logs the URLs it posts to at DEBUG; they hold tokens: keep them out of logs
        logging.getLogger("apprise").setLevel(logging.INFO)
        sender = apprise.Apprise()
        for url in self.targets.urls:
            with _quiet_apprise():
                added = sender.add(url)
            if not added:
                raise ConfigError(f"A stored notification URL ({scheme_of(url)}://…) is not "
                                  "one apprise knows.",
                                  hint="Store them again: `assistant secrets set notify`.")
        if self.targets.config is not None:
            config = apprise.AppriseConfig()
            with _quiet_apprise():
                usable = config.add(str(self.targets.config)) and sender.add(config) \
                    and bool(config.services())
            if not usable:
                raise ConfigError(f"The apprise configuration {self.targets.config} names no "
                                  "URL apprise knows.",
                                  hint="Fix the file (see apprise's configuration format).")
        return sender

    def send(self, title: str, body: str, *, urgent: bool) -> str | None:
        """Send one message to every target; None when all took it, else what went wrong."""
        import apprise  # slow to import: only when a message is about to go

        if self._apprise is None:
            self._apprise = self._build()
        kind = apprise.NotifyType.WARNING if urgent else apprise.NotifyType.INFO
        try:
            sent = bool(self._apprise.notify(body=body, title=title, notify_type=kind))
        except Exception as exc:  # a plugin's own failure must not end the run
            log.warning("Sending a notification failed: %s", type(exc).__name__)
            return f"apprise failed ({type(exc).__name__})"
        if not sent:
            return "a notification service did not take it (the log says which)"
        return None


def scheme_of(url: str) -> str:
    return url.split("://", 1)[0] if "://" in url else "?"


def check_urls(urls: tuple[str, ...]) -> list[str]:
    """The URLs apprise cannot parse, shown by their scheme only (a URL may hold a token)."""
    import apprise  # slow to import: only when URLs are checked

    with _quiet_apprise():
        return [f"{scheme_of(u)}://…" for u in urls if apprise.Apprise.instantiate(u) is None]


@contextmanager
def _quiet_apprise() -> Iterator[None]:
    """apprise logs a URL it cannot parse in full, token and all: not while parsing ours."""
    logger = logging.getLogger("apprise")
    before = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(before)


def check_config(targets: Targets) -> int:
    """How many URLs the configuration file names that apprise can use."""
    import apprise  # slow to import: only when the file is checked

    if targets.config is None:
        return 0
    config = apprise.AppriseConfig()
    with _quiet_apprise():
        return len(config.services()) if config.add(str(targets.config)) else 0
