"""`assistant login`: sign in unless the saved session still works; and the captcha window
every command falls back to when the shop shows a slider and a person is at a screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from assistant.browser_attach import signed_out
from assistant.browser_source import open_browser
from assistant.errors import CaptchaRequired, PersonNeeded
from assistant.settings import Settings
from assistant.texts import load_texts
from assistant.usecases.shop import web_sign_in
from flows.driver import signed_in
from flows.person import Person
from flows.web import overlays
from flows.web.site import WebSite

T = TypeVar("T")


def login(settings: Settings, person: Person, *, headless: bool | None = None) -> str:
    """Sign in unless the saved session still works; returns what happened, in words."""
    with open_browser(settings, label="login", headless=headless) as session:
        site = WebSite(session, load_texts(settings.locale))
        overlays.install(session.page, site.texts)
        if signed_in(site):
            if settings.attached:
                return (f"The Chrome at {settings.cdp_url} is signed in to the shop; it keeps "
                        "its session itself.")
            return f"Already signed in as {settings.account}; the session is saved."
        if settings.attached:
            raise signed_out(settings)
        web_sign_in(settings, site, person, retry_refused=True)()
        if not signed_in(site):
            raise PersonNeeded("The shop still shows \"Sign in\" after signing in.",
                               hint="Run `assistant login` again where there is a screen "
                               "(ASSISTANT_HEADLESS=false) to see what it asks.")
        return f"Signed in as {settings.account}; the session is saved for the next runs."


def with_captcha_window(settings: Settings, person: Person, run: Callable[[], T]) -> T:
    """``run()``; if the shop shows a slider and a person with a screen is here, let them
    solve it in a visible browser (`assistant login`), then ``run()`` once more."""
    try:
        return run()
    except CaptchaRequired as exc:
        if settings.attached:  # the shopper's own Chrome: the slider is solved there
            raise CaptchaRequired(
                exc.message, evidence=exc.evidence,
                hint=f"Open {settings.base} in the Chrome at {settings.cdp_url}, solve the "
                "slider there by hand (in the shopper's own browser the shop trusts a solved "
                "slider), then run the command again.") from exc
        if not exc.can_open_window:
            raise
        person.tell("The shop shows a slider captcha: opening a browser window to solve it.")
        login(settings, person, headless=False)
        return run()


def run_login(settings: Settings, person: Person) -> str:
    """The `assistant login` command's work (a window opens if a captcha needs a person)."""
    return with_captcha_window(settings, person, lambda: login(settings, person))
