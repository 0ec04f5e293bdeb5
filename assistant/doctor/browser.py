"""The browser checks: Chromium launches; the saved session is still signed in to the shop.

The session check opens the shop's home page with the saved session, as every run does,
and looks for the account menu. It never signs in: that is `assistant login`'s job.
"""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError

from assistant.browser import has_display, launch, not_started, open_browser, started_playwright
from assistant.chromium import find_chromium
from assistant.doctor.model import Check
from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.texts import load_texts
from flows.driver import signed_in as shows_signed_in
from flows.web import overlays
from flows.web.site import WebSite


def browser(settings: Settings) -> Check:
    try:
        executable = find_chromium(settings.browser_path)
    except AssistantError as exc:
        return Check.failed("browser", exc)
    where = str(executable) if executable else "Playwright's Chromium"
    try:
        with started_playwright(settings) as pw:
            launched = launch(pw, executable, headless=True)
            version = launched.version
            launched.close()
    except AssistantError as exc:  # the same message as every run's
        return Check.failed("browser", exc)
    except PlaywrightError as exc:
        return Check.failed("browser", not_started(executable, exc))
    found = f"Chromium {version} ({where})"
    if not settings.headless and not has_display():
        return Check.warn("browser", found + "; ASSISTANT_HEADLESS=false but no display",
                          "Set ASSISTANT_HEADLESS=true here, or run where there is a screen.")
    return Check.ok("browser", found)


def session(settings: Settings) -> Check:
    login = "Run `assistant login` (it saves the session; a captcha opens a window)."
    if not settings.session_path.exists():
        return Check.warn("session", "No saved session yet.",
                          login + " Or let the first run sign in with the stored password.")
    try:
        with open_browser(settings, label="doctor", headless=True) as opened:
            site = WebSite(opened, load_texts(settings.locale))
            overlays.install(opened.page, site.texts)
            signed_in = shows_signed_in(site)  # desktop or mobile home, as served
    except AssistantError as exc:
        return Check.failed("session", exc)
    if not signed_in:
        return Check.warn("session", f"The saved session ({settings.session_path}) is signed "
                          f"out at {settings.base}.", login)
    return Check.ok("session", f"signed in at {settings.base} ({settings.session_path})")
