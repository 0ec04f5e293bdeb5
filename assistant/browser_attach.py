"""A session in the shopper's own Chrome, attached over CDP (ASSISTANT_CDP_URL).

What is the shopper's stays theirs:
- the session: the profile's own cookies, signed in there by hand. Nothing is loaded from or
  saved to the data dir, and nothing signs in there: a signed-out Chrome is for the shopper
  to sign in again (exit 3), so no password is needed in the keyring;
- the tabs: we open one tab, and adopt what the shop opens from it (the returns tab); only
  those are closed after. The shopper's tabs, the context and the browser are left alone;
- what they look at: the shop's tab is the one we opened, so answers from the shopper's other
  tabs count for nothing (not as the shop's server errors either), and the evidence is a
  screenshot and the HTML of our tab, not a trace. Playwright records a trace per context,
  and the default context of a Chrome is every tab of the shopper's: their network traffic
  and screencast would be in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from assistant.browser import BrowserSession, guarded
from assistant.errors import BadInput, ConfigError, PersonNeeded
from assistant.evidence import Evidence
from assistant.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

START_CHROME = ("Start Chrome with a profile of its own (Chrome 136 and later ignore "
                "--remote-debugging-port for the everyday profile), sign in to the shop "
                "there, and keep it running: chrome --remote-debugging-port=9222 "
                "--remote-debugging-address=127.0.0.1 --user-data-dir=$HOME/.config/"
                "assistant-chrome (the README shows it per system); or unset "
                "ASSISTANT_CDP_URL to use a browser of the assistant's.")


def cdp_unreachable(address: str, why: str) -> ConfigError:
    return ConfigError(f"No Chrome answers at {address} (ASSISTANT_CDP_URL): {why}",
                       hint=START_CHROME)


def mobile_refused(settings: Settings) -> BadInput:
    return BadInput(
        f"The mobile surface cannot run in the Chrome at {settings.cdp_url} "
        "(ASSISTANT_CDP_URL): it needs a phone's browser context (user agent, screen, touch), "
        "and a context of that kind would not have that Chrome's signed-in session.",
        hint="Use --surface web (and ASSISTANT_SURFACE=web) with an attached Chrome, or unset "
        "ASSISTANT_CDP_URL to use the mobile surface in a browser of the assistant's.")


def signed_out(settings: Settings) -> PersonNeeded:
    return PersonNeeded(
        f"The Chrome at {settings.cdp_url} (ASSISTANT_CDP_URL) is not signed in to the shop.",
        hint=f"Sign in to {settings.base} in that Chrome by hand (the assistant never signs "
        "in there), then run the command again.")


@contextmanager
def attached_session(settings: Settings, browser: Browser, *, label: str,
                     keep_trace: bool = False) -> Iterator[BrowserSession]:
    """A tab of ours in the attached Chrome's own context; closed after, with the tabs the
    shop opened from it. Evidence: a screenshot and the HTML of our tab (no trace)."""
    if not browser.contexts:
        raise ConfigError(f"The Chrome at {settings.cdp_url} has no browser window to open a "
                          "tab in.", hint="Open a window in that Chrome, then run again.")
    context = browser.contexts[0]  # the profile's own: its cookies are the shopper's session
    page = context.new_page()
    own: list[Page] = [page]

    def adopt(new: Page) -> None:
        """A tab the shop opened from one of ours is ours too (the returns tab)."""
        try:
            opener = new.opener()
        except Exception:  # closed already
            return
        if opener is not None and opener in own:
            own.append(new)

    evidence = Evidence(context, settings.evidence_dir, label, settings.clock.now(),
                        trace=False)
    evidence.start()  # records nothing without a trace: the screenshots come on failure
    session = BrowserSession(settings, browser, context, page, evidence, headless=True,
                             own_pages=own)
    context.on("page", adopt)
    context.on("response", session._on_response)
    try:
        # Timeouts are kept by our side of the connection: the shopper's tabs are unaffected.
        timeout_ms = settings.page_timeout.total_seconds() * 1000
        context.set_default_timeout(timeout_ms)
        context.set_default_navigation_timeout(timeout_ms)
        with guarded(session, keep_trace=keep_trace):
            yield session
    finally:
        context.remove_listener("page", adopt)
        context.remove_listener("response", session._on_response)
        for tab in own:
            if not tab.is_closed():
                tab.close()
