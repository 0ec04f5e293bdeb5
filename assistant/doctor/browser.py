"""The browser checks: the browser can be had from its source (launched, attached, served);
the session is still signed in to the shop.

The session check opens the shop's home page as every run does (with the saved session, or
in the attached Chrome with its own) and looks for the account menu. It never signs in: that
is `assistant login`'s job, or in an attached Chrome the shopper's.
"""

from __future__ import annotations

import json
import urllib.request

from playwright.sync_api import Error as PlaywrightError

from assistant.browser import has_display
from assistant.browser_attach import START_CHROME
from assistant.browser_source import BrowserSource, SourceKind, not_started, open_browser
from assistant.doctor.model import Check
from assistant.driver import started_playwright
from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.texts import load_texts
from flows.driver import signed_in as shows_signed_in
from flows.web import overlays
from flows.web.site import WebSite

CDP_PROBE_S = 5


def browser(settings: Settings) -> Check:
    try:
        source = BrowserSource.of(settings)
    except AssistantError as exc:
        return Check.failed("browser", exc)
    if source.kind is SourceKind.CDP:
        return _endpoint(settings, source)
    try:
        with started_playwright(settings) as pw:
            started = source.start(pw, headless=True, timeout_s=30)
            version = started.version
            started.close()
    except AssistantError as exc:  # the same message as every run's
        return Check.failed("browser", exc)
    except PlaywrightError as exc:
        return Check.failed("browser", not_started(source, exc))
    found = f"Chromium {version} ({source.describe()})"
    if not settings.headless and not has_display() and source.kind is SourceKind.LAUNCH:
        return Check.warn("browser", found + "; ASSISTANT_HEADLESS=false but no display",
                          "Set ASSISTANT_HEADLESS=true here, or run where there is a screen.")
    return Check.ok("browser", found)


def _endpoint(settings: Settings, source: BrowserSource) -> Check:
    """The attached Chrome answers on its debugging port (its /json/version document)."""
    url = f"{str(source.address).rstrip('/')}/json/version"
    try:
        with urllib.request.urlopen(url, timeout=CDP_PROBE_S) as answer:
            version = json.load(answer).get("Browser", "a Chrome")
    except (OSError, ValueError) as exc:
        why = getattr(exc, "reason", None) or exc
        return Check.failed("browser", f"No Chrome answers at {source.address} "
                            f"(ASSISTANT_CDP_URL): {why}", START_CHROME, config=True)
    return Check.ok("browser", f"{version} at {source.address} (ASSISTANT_CDP_URL): its own "
                    "signed-in session is used")


def session(settings: Settings) -> Check:
    login = "Run `assistant login` (it saves the session; a captcha opens a window)."
    if settings.attached:
        login = f"Sign in to {settings.base} by hand in the Chrome at {settings.cdp_url}."
    elif not settings.session_path.exists():
        return Check.warn("session", "No saved session yet.",
                          login + " Or let the first run sign in with the stored password.")
    try:
        with open_browser(settings, label="doctor", headless=True) as opened:
            site = WebSite(opened, load_texts(settings.locale))
            overlays.install(opened.page, site.texts)
            signed_in = shows_signed_in(site)  # desktop or mobile home, as served
    except AssistantError as exc:
        return Check.failed("session", exc)
    where = f"the Chrome at {settings.cdp_url}" if settings.attached else \
        f"the saved session ({settings.session_path})"
    if not signed_in:
        return Check.warn("session", f"{where[0].upper()}{where[1:]} is signed out at "
                          f"{settings.base}.", login)
    shown = where if settings.attached else str(settings.session_path)
    return Check.ok("session", f"signed in at {settings.base} ({shown})")
