"""The mobile pages as a surface: the page objects put together the way a thumb taps.

Home → "Menu" (three lines, bottom right) → "Your Orders" → the order's number → "Cancel
items" → the form. The rules of a cancellation are the journey's (flows.cancel); this only
finds the form. ``mobile_surface`` builds it for a run whose browser emulates a phone
(``flows.mobile.device.phone_context``); ``MobileSurface.carrying_on`` drives the same pages
in a desktop tab when the shop serves them there (``flows.mobile.layout``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from flows.mobile.home import MobileHomePage
from flows.mobile.sign_in import MobileSignInPage
from flows.mobile.site import MobileSite
from flows.model import OrderSummary
from flows.surface import AlreadyRequested, refusal_names_items
from flows.web import overlays
from flows.web.site import WebSite

if TYPE_CHECKING:
    from assistant.browser import BrowserSession
    from assistant.settings import Settings
    from flows.person import Person
    from flows.web.surface import WebCancelForm

log = logging.getLogger(__name__)


class MobileSurface:
    """The shop's mobile pages, tapped through in a phone (or, carrying on, a desktop tab)."""

    name = "mobile"

    def __init__(self, site: MobileSite, sign_in: Callable[[], None], *,
                 install_overlays: bool = True) -> None:
        self.site = site
        self._sign_in = sign_in
        if install_overlays:
            overlays.install(site.page, site.texts)

    @classmethod
    def carrying_on(cls, site: WebSite, sign_in: Callable[[], None]) -> MobileSurface:
        """The mobile pages the shop serves to ``site``'s desktop tab (its popups handled
        already by the web surface)."""
        log.warning("The shop serves its mobile pages to this desktop browser (%s); "
                    "going on with them", site.page.url)
        return cls(MobileSite.carrying_on(site), sign_in, install_overlays=False)

    def sign_in(self) -> None:
        self._sign_in()

    def open_cancel_form(self, order: str, asked: tuple[str, ...] = ()) -> WebCancelForm:
        """The order's cancel form (the website's form in the app's layout). Raises
        AlreadyRequested, ShippedAlready, SellerRefuses, NotCancellable, PageChanged or
        BadInput (order not on the account), as the web surface does."""
        # Imported here: the web surface imports this module to carry on with it.
        from flows.web.surface import WebCancelForm

        orders = MobileHomePage(self.site).open().menu().go_to_orders()
        detail = orders.open_order(order)
        summary = detail.summary()
        with refusal_names_items(summary):
            if not detail.offers_cancel():
                raise AlreadyRequested(detail.why_not_cancellable(asked))
            page = detail.open_cancel()
            page.check_form(summary)
        return WebCancelForm(self.site, page, summary)

    def list_orders(self) -> list[OrderSummary]:
        return MobileHomePage(self.site).open().menu().go_to_orders().all_orders()


def mobile_surface(settings: Settings, session: BrowserSession, person: Person) -> MobileSurface:
    """The mobile surface of a run whose browser session emulates a phone.

    Signing in is the shared journey (flows.sign_in) on the mobile sign-in page.
    """
    from assistant.texts import load_texts
    from flows.driver import web_sign_in

    site = MobileSite(session, load_texts(settings.locale))
    journey = web_sign_in(settings, site, person)

    def sign_in() -> None:
        if not site.on_sign_in_page():
            MobileSignInPage(site).open()
        journey()

    return MobileSurface(site, sign_in)
