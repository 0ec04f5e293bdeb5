"""The mobile pages as a surface: the page objects put together the way a thumb taps.

Home → "Menu" (three lines, bottom right) → "Your Orders" → the order's number → "Cancel
items" → the form. The rules of a cancellation are the cancel use case's
(``assistant.usecases.cancel``); this only finds the form. ``flows.driver`` builds it for
a run whose browser emulates a phone (``flows.mobile.device.phone_context``);
``MobileSurface.carrying_on`` drives the same pages in a desktop tab when the shop serves
them there (``flows.layout``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from assistant.domain.vocabulary import SurfaceName
from flows.mobile.home import MobileHomePage
from flows.mobile.site import MobileSite
from flows.model import OrderSummary
from flows.surface import AlreadyRequested, refusal_names_items
from flows.web import overlays
from flows.web.cancel_form import WebCancelForm
from flows.web.site import WebSite

log = logging.getLogger(__name__)


class MobileSurface:
    """The shop's mobile pages, tapped through in a phone (or, carrying on, a desktop tab)."""

    name = SurfaceName.MOBILE

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

