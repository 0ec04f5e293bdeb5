"""The browser checks: Chromium launches; the saved session is still signed in to the shop.

The session check opens the shop's home page with the saved session, as every run does,
and looks for the account menu. It never signs in: that is `assistant login`'s job.
"""

from __future__ import annotations

from assistant.doctor.model import Check
from assistant.errors import AssistantError
from assistant.settings import Settings


def browser(settings: Settings) -> Check:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from assistant.browser import LAUNCH_ARGS, has_display
    from assistant.chromium import find_chromium

    try:
        executable = find_chromium(settings.browser_path)
    except AssistantError as exc:
        return Check.failed("browser", exc)
    where = str(executable) if executable else "Playwright's Chromium"
    try:
        with sync_playwright() as pw:
            launched = pw.chromium.launch(
                executable_path=str(executable) if executable else None, headless=True,
                args=LAUNCH_ARGS)
            version = launched.version
            launched.close()
    except PlaywrightError as exc:
        first = exc.message.strip().splitlines()[0] if exc.message.strip() else str(exc)
        return Check.failed(
            "browser", f"{where} did not start: {first}",
            "Point ASSISTANT_BROWSER_PATH at a working Chromium, or run "
            "`playwright install chromium` (Debian: apt-get install chromium).")
    found = f"Chromium {version} ({where})"
    if not settings.headless and not has_display():
        return Check.warn("browser", found + "; ASSISTANT_HEADLESS=false but no display",
                          "Set ASSISTANT_HEADLESS=true here, or run where there is a screen.")
    return Check.ok("browser", found)


def session(settings: Settings) -> Check:
    from assistant.browser import open_browser
    from assistant.texts import load_texts
    from flows.driver import signed_in as shows_signed_in
    from flows.web import overlays
    from flows.web.site import WebSite

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
