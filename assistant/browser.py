"""A browser session of ours: its context, the saved session, the trace, the evidence.

Where the browser itself comes from (launched here, attached over CDP, a browser server) is
``assistant.browser_source``; a session on the shopper's own Chrome, ``browser_attach``.

The session is kept as Playwright *storage state* (cookies, localStorage and IndexedDB in
one JSON file, 0600, folder 0700), not as a persistent Chromium profile, because:
- what the shop's device checks look at is the same in both: its device cookies and the
  tokens its scripts keep in localStorage/IndexedDB, seen together with a steady user agent,
  locale and screen size. We keep all of these identical from run to run, so each run looks
  like the same browser coming back, which is what keeps the slider and the harder checks
  away (the shop escalates to harder checks for devices that keep changing);
- a profile also keeps what we must not keep: Chromium's autofill database remembers typed
  form values (a verification code would end up on disk), and its lock file lets only one
  run use it at a time, while `tick` and `cancel` may run side by side on different cases;
- one small file is written atomically, is easy to inspect, and is easy to delete
  (`assistant login` starts over when it is gone).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError, ConfigError
from assistant.evidence import Evidence
from assistant.files import write_private
from assistant.settings import Settings
from assistant.texts import load_texts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Response

log = logging.getLogger(__name__)

Device = Callable[[str], Mapping[str, Any]]
"""Context options for another device (user agent, viewport, touch), by browser version."""

VIEWPORT = {"width": 1366, "height": 768}  # the most common laptop screen; kept steady
# Without this flag Chromium sets navigator.webdriver, which the shop's device checks read
# as "not a person's browser" and answer with a slider on every sign-in.
LAUNCH_ARGS = ["--disable-blink-features=AutomationControlled"]


def user_agent(browser_version: str, platform: str = sys.platform) -> str:
    """The user agent a person's Chrome of this version sends (never "HeadlessChrome").

    Like Chrome itself since its user-agent reduction, only the major version is given.
    """
    major = browser_version.split(".", 1)[0]
    system = {
        "darwin": "Macintosh; Intel Mac OS X 10_15_7",
        "win32": "Windows NT 10.0; Win64; x64",
    }.get(platform, "X11; Linux x86_64")
    agent = (f"Mozilla/5.0 ({system}) AppleWebKit/537.36 (KHTML, like Gecko) "
             f"Chrome/{major}.0.0.0 Safari/537.36")
    return agent.replace("HeadlessChrome", "Chrome")


def has_display() -> bool:
    """Whether a headed browser window could be shown to a person here."""
    return sys.platform in {"darwin", "win32"} or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@dataclass
class BrowserSession:
    """One open browser: its context and first page, the run's evidence, the server errors.

    ``own_pages`` is set on a browser that is not ours (the shopper's Chrome, attached): the
    tabs we opened, the only ones whose answers count and the only ones we close.
    """

    settings: Settings
    browser: Browser
    context: BrowserContext
    page: Page
    evidence: Evidence
    headless: bool
    server_errors: list[str] = field(default_factory=list)
    own_pages: list[Page] | None = None

    @property
    def attached(self) -> bool:
        """Whether the browser and its session are the shopper's own (nothing is saved)."""
        return self.own_pages is not None

    def save_session(self) -> None:
        """Write the signed-in session (cookies, localStorage, IndexedDB) for the next run;
        an attached browser keeps its session itself."""
        if self.attached:
            return
        state = self.context.storage_state(indexed_db=True)
        write_private(self.settings.session_path, json.dumps(state).encode())
        log.debug("Session saved to %s", self.settings.session_path)

    def take_server_errors(self) -> list[str]:
        """The 5xx answers seen since the last call (pages and the data they fetch)."""
        seen, self.server_errors[:] = list(self.server_errors), []
        return seen

    def _on_response(self, response: Response) -> None:
        if self.own_pages is not None and not _from(response, self.own_pages):
            return  # another tab of the shopper's
        kind = response.request.resource_type
        if response.status >= 500 and kind in {"document", "fetch", "xhr"}:
            self.server_errors.append(f"HTTP {response.status} from {response.url}")


def _from(response: Response, pages: list[Page]) -> bool:
    try:
        return response.frame.page in pages
    except Exception:  # a service worker's fetch belongs to no page
        return False


def saved_session(settings: Settings) -> dict[str, Any] | None:
    """The saved storage state, or None before the first sign-in.

    A file that is there but unusable is a ConfigError, checked before the browser starts:
    handing it to Playwright would fail half-way through a run.
    """
    path = settings.session_path
    if not path.exists():
        return None
    try:
        state = json.loads(path.read_bytes())
    except OSError as exc:
        raise _bad_session(path, f"it cannot be read ({exc.strerror or exc})") from None
    except ValueError:
        raise _bad_session(path, "it is not JSON") from None
    if not isinstance(state, dict):
        raise _bad_session(path, "it is not a JSON object")
    for key in ("cookies", "origins"):
        value = state.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _bad_session(path, f"its {key!r} is not a list of objects")
    return state


def _bad_session(path: Path, why: str) -> ConfigError:
    return ConfigError(f"The saved session {path} cannot be used: {why}.",
                       hint="Delete that file and run `assistant login` to sign in again "
                       "(nothing else is lost).")


@contextmanager
def browser_session(settings: Settings, browser: Browser, *, label: str,
                    keep_trace: bool = False, headless: bool = True,
                    device: Device | None = None,
                    context_options: Mapping[str, Any] | None = None,
                    ) -> Iterator[BrowserSession]:
    """A context with the saved session and a trace on ``browser``; evidence on failure.

    An AssistantError leaving the block gets the evidence paths attached (its message names
    them); a browser error becomes an AssistantError naming them; any other error is logged
    with them. On success the trace is dropped unless ``keep_trace``, and the session is
    saved for the next run. A ``device`` (the mobile surface's phone) replaces the desktop's
    user agent and screen; it is given the browser's version for its user agent.
    ``context_options`` go to the context as well (`assistant record`: its HAR file).
    """

    texts = load_texts(settings.locale)
    looks = device(browser.version) if device is not None else {
        "user_agent": user_agent(browser.version), "viewport": VIEWPORT}
    options: dict[str, Any] = {**looks, "locale": texts.first("browser.locale"),
                               "storage_state": saved_session(settings),
                               **(context_options or {})}
    context = browser.new_context(**options)
    try:
        timeout_ms = settings.page_timeout.total_seconds() * 1000
        context.set_default_timeout(timeout_ms)
        context.set_default_navigation_timeout(timeout_ms)
        evidence = Evidence(context, settings.evidence_dir, label, settings.clock.now(),
                            snapshots=keep_trace)  # each action's page, for a person
        evidence.start()
        session = BrowserSession(settings, browser, context, context.new_page(), evidence,
                                 headless)
        context.on("response", session._on_response)
        with guarded(session, keep_trace=keep_trace):
            yield session
    finally:
        context.close()


@contextmanager
def guarded(session: BrowserSession, *, keep_trace: bool) -> Iterator[None]:
    """The block of a session: its evidence kept on failure, else dropped (or kept with
    ``keep_trace``) and the session saved. An AssistantError leaving the block gets the
    evidence paths attached; a browser error becomes an AssistantError naming them."""
    from playwright.sync_api import Error as PlaywrightError

    evidence = session.evidence
    try:
        yield
    except AssistantError as exc:
        exc.evidence.extend(evidence.keep(session.page))
        raise
    except PlaywrightError as exc:
        kept = evidence.keep(session.page)
        shows = ("the trace shows where (open it with `playwright show-trace`)"
                 if evidence.trace else "the screenshot and the page's HTML show where")
        raise AssistantError(f"The browser failed: {exc.message.splitlines()[0]}",
                             hint=f"Run the command again; if it fails the same way, {shows}.",
                             evidence=kept) from exc
    except BaseException:
        log.error("Unexpected failure; evidence kept: %s", evidence.keep(session.page))
        raise
    else:
        session.save_session()
        if keep_trace:
            evidence.keep_end(session.page)
            log.info("Evidence kept in %s", evidence.folder)
        else:
            evidence.discard()
