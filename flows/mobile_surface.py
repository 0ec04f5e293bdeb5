"""The mobile pages as a surface: the page objects put together the way a thumb taps.

Home → "Menu" (three lines, bottom right) → "Your Orders" → the order's number → "Cancel
items" → the form; on the real shop's phone pages, Home → the "Account" tab → "My Orders" →
the order's card → its "Cancel order" sheet (for the whole order), as on the desktop's "My
Orders" (the same page objects: the site knowledge in ``flows.web.markup`` lists the phone
pages' class-name prefixes too). The rules of a cancellation are the cancel use case's
(``assistant.usecases.cancel``); this only finds the form. ``flows.driver`` builds it for
a run whose browser emulates a phone (``flows.mobile.device.phone_context``);
``MobileSurface.carrying_on`` drives the same pages in a desktop tab when the shop serves
them there (``flows.layout``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from assistant.domain.vocabulary import SurfaceName
from flows.mobile.home import MobileHomePage
from flows.mobile.orders import MobileOrdersPage
from flows.mobile.site import MobileSite
from flows.model import OrderSummary
from flows.surface import AlreadyRequested, CancelForm, refusal_names_items
from flows.web import overlays
from flows.web.cancel_form import WebCancelForm
from flows.web.cancel_window import open_cancel_window
from flows.web.list_api import ListAnswers
from flows.web.my_orders import MyOrdersPage
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
        self._answers = ListAnswers(site.page)

    @classmethod
    def carrying_on(cls, site: WebSite, sign_in: Callable[[], None]) -> MobileSurface:
        """The mobile pages the shop serves to ``site``'s desktop tab (its popups handled
        already by the web surface)."""
        log.warning("The shop serves its mobile pages to this desktop browser (%s); "
                    "going on with them", site.page.url)
        return cls(MobileSite.carrying_on(site), sign_in, install_overlays=False)

    def sign_in(self) -> None:
        self._sign_in()

    def _orders(self) -> MobileOrdersPage | MyOrdersPage:
        return MobileHomePage(self.site).open().menu().go_to_orders(self._answers)

    def open_cancel_form(self, order: str, asked: tuple[str, ...] = ()) -> CancelForm:
        """The order's cancel form (the website's form in the app's layout), or its "Cancel
        order" sheet. Raises AlreadyRequested, ShippedAlready, SellerRefuses, NotCancellable,
        PageChanged or BadInput (order not on the account), as the web surface does."""
        orders = self._orders()
        if isinstance(orders, MyOrdersPage):
            return open_cancel_window(self.site, orders, order, asked)
        detail = orders.open_order(order)
        summary = detail.summary()
        with refusal_names_items(summary):
            if not detail.offers_cancel():
                raise AlreadyRequested(detail.why_not_cancellable(asked))
            page = detail.open_cancel()
            page.check_form(summary)
        return WebCancelForm(self.site, page, summary)

    def list_orders(self) -> list[OrderSummary]:
        return self._orders().all_orders()

    def find_orders(self, orders: Sequence[str]) -> dict[str, OrderSummary]:
        """From the whole list: the phone's pages find an order by opening its page."""
        return {o.id: o for o in self.list_orders() if o.id in orders}

