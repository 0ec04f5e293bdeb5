"""Putting a command's browser together: the session, a surface, sign-in, the code, captcha.

Surfaces are looked up by name in ``SURFACES``; the mobile surface registers itself there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from assistant.browser import BrowserSession, Device, open_browser
from assistant.errors import BadInput, CaptchaRequired, PersonNeeded, WrongPassword
from assistant.secrets import account_of, password_for
from assistant.settings import Settings
from assistant.texts import load_texts
from flows import refused_password
from flows.mobile.device import phone_context  # plain data, no Playwright import
from flows.person import Person
from flows.retry import RetryPolicy
from flows.sign_in import CodeProvider, Credentials, sign_in
from flows.surface import Surface
from flows.web.site import WebSite

log = logging.getLogger(__name__)
T = TypeVar("T")

CODE_MAIL_WAIT = timedelta(minutes=3)


def retry_policy(settings: Settings) -> RetryPolicy:
    """The one retry policy of a run (transient failures of the shop)."""
    return RetryPolicy(attempts=settings.submit_attempts, first_wait=timedelta(seconds=1),
                       factor=2.0, max_wait=timedelta(seconds=15))


def code_provider(settings: Settings, person: Person) -> CodeProvider:
    """The verification code: from the mailbox when one is set, else asked on the terminal."""

    def provide(since: datetime) -> str:
        if settings.mail:
            from assistant.mail.verification import wait_for_verification_code

            code = wait_for_verification_code(settings, since, CODE_MAIL_WAIT)
            if code:
                return code
            log.warning("No verification code arrived in the mailbox")
        if person.present:
            code = person.ask_secret("The shop sent a verification code by email. Code")
            if code.strip():
                return code.strip()
        raise PersonNeeded(
            "The shop asks for the verification code it sent by email, and none could be read.",
            hint="Run `assistant login` on a terminal and type the code, or set ASSISTANT_MAIL "
            "so the assistant reads it from the mailbox.")

    return provide


def web_sign_in(settings: Settings, site: WebSite, person: Person, *,
                retry_refused: bool = False) -> Callable[[], None]:
    """Sign-in on ``site``; a password the shop refused once is not tried again unless
    ``retry_refused`` (`assistant login`: a person asks on purpose)."""
    credentials = Credentials(account_of(settings), lambda: password_for(settings, "site"))

    def run() -> None:
        if not retry_refused:
            refused_password.check(settings)
        try:
            sign_in(site, credentials, codes=code_provider(settings, person), person=person,
                    now=settings.clock.now)
        except WrongPassword:
            refused_password.mark_refused(settings, settings.clock.now())
            raise
        refused_password.clear(settings)

    return run


@dataclass(frozen=True)
class SurfaceKind:
    """How to open one surface: build it on a session of this device (None: a desktop)."""

    build: Callable[[Settings, BrowserSession, Person], Surface]
    device: Device | None = None


def _web(settings: Settings, session: BrowserSession, person: Person) -> Surface:
    from flows.web.surface import WebSurface

    site = WebSite(session, load_texts(settings.locale))
    return WebSurface(site, web_sign_in(settings, site, person))


def _mobile(settings: Settings, session: BrowserSession, person: Person) -> Surface:
    from flows.mobile.surface import mobile_surface

    return mobile_surface(settings, session, person)


SURFACES: dict[str, SurfaceKind] = {
    "web": SurfaceKind(_web),
    "mobile": SurfaceKind(_mobile, device=phone_context),
}


@contextmanager
def open_surface(settings: Settings, name: str, *, person: Person, label: str,
                 keep_trace: bool = False,
                 headless: bool | None = None) -> Iterator[tuple[Surface, BrowserSession]]:
    """The named surface in a fresh browser session (evidence kept if the block fails)."""
    if name not in SURFACES:
        raise BadInput(f"The {name!r} surface is not available.",
                       hint=f"Use --surface {' or '.join(sorted(SURFACES))}.")
    kind = SURFACES[name]
    with open_browser(settings, label=label, keep_trace=keep_trace, headless=headless,
                      device=kind.device) as session:
        yield kind.build(settings, session, person), session


def with_captcha_window(settings: Settings, person: Person, run: Callable[[], T]) -> T:
    """``run()``; if the shop shows a slider and a person with a screen is here, let them
    solve it in a visible browser (`assistant login`), then ``run()`` once more."""
    try:
        return run()
    except CaptchaRequired as exc:
        if not exc.can_open_window:
            raise
        person.tell("The shop shows a slider captcha: opening a browser window to solve it.")
        login(settings, person, headless=False)
        return run()


def signed_in(site: WebSite) -> bool:
    """Whether the shop's home page shows the account signed in (desktop or mobile home)."""
    from flows.mobile.home import MobileHomePage
    from flows.mobile.layout import MobileLayoutServed
    from flows.mobile.site import MobileSite
    from flows.web.home import HomePage

    try:
        return HomePage(site).open().signed_in()
    except MobileLayoutServed:
        return MobileHomePage(MobileSite.carrying_on(site)).open().signed_in()


def login(settings: Settings, person: Person, *, headless: bool | None = None) -> str:
    """Sign in unless the saved session still works; returns what happened, in words."""
    with open_browser(settings, label="login", headless=headless) as session:
        site = WebSite(session, load_texts(settings.locale))
        from flows.web import overlays

        overlays.install(session.page, site.texts)
        if signed_in(site):
            return f"Already signed in as {settings.account}; the session is saved."
        web_sign_in(settings, site, person, retry_refused=True)()
        if not signed_in(site):
            raise PersonNeeded("The shop still shows \"Sign in\" after signing in.",
                               hint="Run `assistant login` again where there is a screen "
                               "(ASSISTANT_HEADLESS=false) to see what it asks.")
        return f"Signed in as {settings.account}; the session is saved for the next runs."
