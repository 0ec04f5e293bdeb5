"""Putting a surface together on an open browser session: the website or the mobile pages.

The caller opens the session and says how to sign in on a tab (``SignInFor``); nothing here
reads the settings, the keyring or the mailbox. ``SURFACES`` names every surface there is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.browser import BrowserSession, Device
from assistant.domain.vocabulary import SurfaceName
from assistant.texts import Texts
from flows.layout import MobileLayoutServed
from flows.mobile.device import phone_context
from flows.mobile.home import MobileHomePage
from flows.mobile.sign_in import MobileSignInPage
from flows.mobile.site import MobileSite
from flows.mobile_surface import MobileSurface
from flows.surface import Surface
from flows.web.home import HomePage
from flows.web.site import WebSite
from flows.web_surface import WebSurface

SignInFor = Callable[[WebSite], Callable[[], None]]
"""Given the tab, the sign-in journey to run on it when the shop asks to sign in."""


def web_surface(session: BrowserSession, texts: Texts, sign_in_for: SignInFor) -> WebSurface:
    site = WebSite(session, texts)
    return WebSurface(site, sign_in_for(site))


def mobile_surface(session: BrowserSession, texts: Texts,
                   sign_in_for: SignInFor) -> MobileSurface:
    """The mobile surface of a session whose browser emulates a phone; signing in is the
    same journey on the mobile sign-in page."""
    site = MobileSite(session, texts)
    journey = sign_in_for(site)

    def sign_in() -> None:
        if not site.on_sign_in_page():
            MobileSignInPage(site).open()
        journey()

    return MobileSurface(site, sign_in)


@dataclass(frozen=True)
class SurfaceKind:
    """How to open one surface: build it on a session of this device (None: a desktop)."""

    build: Callable[[BrowserSession, Texts, SignInFor], Surface]
    device: Device | None = None


SURFACES: dict[SurfaceName, SurfaceKind] = {
    SurfaceName.WEB: SurfaceKind(web_surface),
    SurfaceName.MOBILE: SurfaceKind(mobile_surface, device=phone_context),
}


def signed_in(site: WebSite) -> bool:
    """Whether the shop's home page shows the account signed in (desktop or mobile home)."""
    try:
        return HomePage(site).open().signed_in()
    except MobileLayoutServed:
        return MobileHomePage(MobileSite.carrying_on(site)).open().signed_in()
