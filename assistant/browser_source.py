"""Where the browser comes from, and one connection to it that serves a run's sessions.

- Launched here (neither setting): Chromium starts for the run and closes after it; each
  session is a context of ours with the saved session (``browser.browser_session``).
- ``ASSISTANT_CDP_URL=http://HOST:PORT``: a running Chrome/Chromium of the shopper's, started
  with ``--remote-debugging-port`` and a profile of its own, signed in to the shop by hand.
  We attach over CDP and use ITS session: a tab of our own in its default context, closed
  after; the shopper's tabs and the browser itself are never closed (``browser_attach``).
- ``ASSISTANT_BROWSER_WS=ws://HOST:PORT/…``: a Playwright browser server (``playwright
  run-server``, Browserless). The server launches a browser for this connection and closes it
  when we disconnect; each session is a context of ours, as when launched here. A
  ``playwright run-server`` takes a client's launch arguments and ``executablePath`` only with
  ``--unsafe`` (without it they are dropped, silently); we send the browser that
  ASSISTANT_BROWSER_PATH names, or, for a server on this machine (loopback), the one
  auto-detection finds here.

``BrowserConnection.session(settings, ...)`` may be called many times on one connection, each
time with the settings of the account it serves: a launched or served browser gives each
session a context of its own; an attached Chrome holds one shopper's session, so another
account needs a connection to its own endpoint.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from assistant.browser import (
    LAUNCH_ARGS,
    BrowserSession,
    Device,
    browser_session,
    saved_session,
)
from assistant.browser_attach import attached_session, cdp_unreachable, mobile_refused
from assistant.chromium import find_chromium
from assistant.driver import started_playwright
from assistant.errors import ConfigError
from assistant.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

log = logging.getLogger(__name__)

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class SourceKind(StrEnum):
    LAUNCH = "launch"
    CDP = "cdp"
    SERVER = "server"


@dataclass(frozen=True)
class BrowserSource:
    kind: SourceKind
    address: str | None = None  # the CDP or browser server endpoint
    executable: Path | None = None  # what we launch, or ask the server to launch

    @classmethod
    def of(cls, settings: Settings) -> BrowserSource:
        if settings.cdp_url:
            return cls(SourceKind.CDP, settings.cdp_url)
        if settings.browser_ws:
            return cls(SourceKind.SERVER, settings.browser_ws, _served(settings))
        return cls(SourceKind.LAUNCH, None, find_chromium(settings.browser_path))

    @property
    def attached(self) -> bool:
        return self.kind is SourceKind.CDP

    def describe(self) -> str:
        where = str(self.executable) if self.executable else None
        if self.kind is SourceKind.CDP:
            return f"the Chrome at {self.address} (ASSISTANT_CDP_URL)"
        if self.kind is SourceKind.SERVER:
            return (f"the browser server at {_safe(self.address)} (ASSISTANT_BROWSER_WS)"
                    + (f", launching {where}" if where else ""))
        return where or "Playwright's Chromium"

    def start(self, pw: Playwright, *, headless: bool, timeout_s: float) -> Browser:
        """The browser: launched, attached or served; a ConfigError if it cannot be had."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            if self.kind is SourceKind.CDP:
                assert self.address is not None
                return pw.chromium.connect_over_cdp(self.address, timeout=timeout_s * 1000)
            if self.kind is SourceKind.SERVER:
                assert self.address is not None
                options = {"headless": headless, "args": LAUNCH_ARGS}
                if self.executable is not None:
                    options["executablePath"] = str(self.executable)
                return pw.chromium.connect(
                    self.address, timeout=timeout_s * 1000,
                    headers={"x-playwright-launch-options": json.dumps(options)})
            # Chromium itself keeps the usual TMPDIR: its singleton socket goes there, and a
            # socket's path must stay under 108 bytes, which a data dir's may not.
            exe = str(self.executable) if self.executable else None
            return pw.chromium.launch(executable_path=exe, headless=headless,
                                      args=LAUNCH_ARGS, env=dict(os.environ))
        except PlaywrightError as exc:
            raise not_started(self, exc) from exc


def _served(settings: Settings) -> Path | None:
    """The browser a server is asked to launch: ASSISTANT_BROWSER_PATH (a path on the server's
    machine, not checked here); else, for a server on loopback, the one found here."""
    if settings.browser_path is not None:
        return settings.browser_path
    if urlsplit(settings.browser_ws or "").hostname not in LOOPBACK:
        return None
    try:
        return find_chromium()
    except ConfigError:  # none here: the server's own
        return None


def _safe(address: str | None) -> str:
    """The endpoint without its query (a Browserless token goes there)."""
    parts = urlsplit(address or "")
    return parts._replace(query="").geturl() + ("?…" if parts.query else "")


def not_started(source: BrowserSource, exc: Exception) -> ConfigError:
    text = getattr(exc, "message", "") or str(exc)
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    if source.address:  # a token in the endpoint's query stays out of the message
        first = first.replace(source.address, _safe(source.address))
        query = urlsplit(source.address).query
        first = first.replace(query, "…") if query else first
    if source.kind is SourceKind.CDP:
        return cdp_unreachable(str(source.address), first)
    if source.kind is SourceKind.SERVER:
        return ConfigError(
            f"No browser from {source.describe()}: {first}",
            hint="Start one, e.g. `playwright run-server --port 3000 --host 127.0.0.1 "
            "--unsafe` (or a Browserless container), and point ASSISTANT_BROWSER_WS at it; "
            "or unset ASSISTANT_BROWSER_WS to launch Chromium here.")
    return ConfigError(
        f"The browser {source.describe()} did not start as a Chromium: {first}",
        hint="Point ASSISTANT_BROWSER_PATH at a Chromium binary (Debian: "
        "/usr/lib/chromium/chromium, from apt-get install chromium), or unset it and run "
        "`playwright install chromium`.")


@dataclass
class BrowserConnection:
    """One browser for a run, from its source; any number of sessions on it."""

    source: BrowserSource
    browser: Browser
    headless: bool

    @contextmanager
    def session(self, settings: Settings, *, label: str, keep_trace: bool = False,
                device: Device | None = None,
                context_options: Mapping[str, Any] | None = None) -> Iterator[BrowserSession]:
        """A session for ``settings``' account: a tab of ours in the attached Chrome, else a
        context of ours with the account's saved session."""
        if self.source.attached:
            if device is not None:
                raise mobile_refused(settings)
            with attached_session(settings, self.browser, label=label,
                                  keep_trace=keep_trace) as session:
                yield session
            return
        with browser_session(settings, self.browser, label=label, keep_trace=keep_trace,
                             headless=self.headless, device=device,
                             context_options=context_options) as session:
            yield session


@contextmanager
def open_connection(settings: Settings, *,
                    headless: bool | None = None) -> Iterator[BrowserConnection]:
    """The browser of ``settings``' source, for the block; then closed (launched), left to
    its server (served) or left running as it was (attached)."""
    source = BrowserSource.of(settings)
    if not source.attached:
        saved_session(settings)  # an unusable session file stops the run before any browser
    headless = settings.headless if headless is None else headless
    with started_playwright(settings) as pw:
        browser = source.start(pw, headless=headless,
                               timeout_s=max(settings.page_timeout.total_seconds(), 30))
        log.info("Browser %s: %s", browser.version, source.describe())
        try:
            yield BrowserConnection(source, browser, headless)
        finally:
            if not source.attached:  # the shopper's Chrome is theirs: we only disconnect
                browser.close()


class SharedConnections:
    """Connections opened on first need and shared by every session of a run: a tick over
    several accounts has one browser (a context per account), or one per attached Chrome.
    Used as a context manager: leaving it closes what it opened."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._open: dict[BrowserSource, BrowserConnection] = {}

    def get(self, settings: Settings) -> BrowserConnection:
        source = BrowserSource.of(settings)
        if source not in self._open:
            self._open[source] = self._stack.enter_context(open_connection(settings))
        return self._open[source]

    def __enter__(self) -> SharedConnections:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


@contextmanager
def open_browser(settings: Settings, *, label: str, keep_trace: bool = False,
                 headless: bool | None = None, device: Device | None = None,
                 shared: SharedConnections | None = None,
                 context_options: Mapping[str, Any] | None = None) -> Iterator[BrowserSession]:
    """One session on a connection of its own (what a command with one account needs), or
    on the ``shared`` one of the run; ``context_options`` go to a context of ours (a HAR)."""
    with ExitStack() as stack:
        connection = shared.get(settings) if shared is not None else stack.enter_context(
            open_connection(settings, headless=headless))
        with connection.session(settings, label=label, keep_trace=keep_trace,
                                device=device, context_options=context_options) as session:
            yield session

