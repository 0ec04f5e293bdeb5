"""The website as a surface: the page objects put together the way a person clicks.

Returns & Orders → Your Orders → the order search (and "View orders") → "Cancel items" on
the order's block, or, when the block has none, its "Order details" to learn why.
On the real shop's pages: Account → My Orders → "View orders" until the order's card shows
→ its "Cancel order" window, or, when the card has none, the order's page to learn why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from assistant.domain.vocabulary import SurfaceName
from assistant.errors import BadInput
from flows.layout import MobileLayoutServed, is_mobile_layout
from flows.mobile_surface import MobileSurface
from flows.model import OrderSummary
from flows.surface import AlreadyRequested, CancelForm, Surface, refusal_names_items
from flows.web import overlays
from flows.web.cancel_form import WebCancelForm
from flows.web.cancel_window import open_cancel_window
from flows.web.home import HomePage, shown_order_list
from flows.web.list_api import ListAnswers
from flows.web.markup import MY_ORDERS_URL
from flows.web.my_orders import MyOrdersPage
from flows.web.order_detail import OrderDetailPage
from flows.web.order_page import OrderPage
from flows.web.reading import cancel_control
from flows.web.site import WebSite
from flows.web.your_orders import YourOrdersPage

log = logging.getLogger(__name__)


class WebSurface:
    """The shop's website in a desktop browser."""

    name = SurfaceName.WEB

    def __init__(self, site: WebSite, sign_in: Callable[[], None]) -> None:
        self.site = site
        self._sign_in = sign_in
        self._mobile: Surface | None = None
        overlays.install(site.page, site.texts)
        self._answers = ListAnswers(site.page)
        self._landed = False  # a sign-in just brought the tab back from the sign-in page
        self._list_url: str | None = None  # where the order list last loaded, to go back to

    def _on_mobile(self) -> Surface:
        """The shop serves its mobile pages to this desktop tab: go on with those, once."""
        if self._mobile is None:
            self._mobile = MobileSurface.carrying_on(self.site, self._sign_in)
        return self._mobile

    def sign_in(self) -> None:
        self._sign_in()
        self._landed = True

    def _orders(self) -> YourOrdersPage | MyOrdersPage:
        """The order list from the home page; or, right after a sign-in that brought the tab
        to the order list (the shop's way back from its sign-in), that list, as a person
        goes on from there; or, once the list has loaded in this session, back to where it
        was (a batch's next order, as a person goes back to the list). The way back is
        taken once per load: when it fails, the next try starts at the home page again.
        MobileLayoutServed if the shop answers with its mobile pages."""
        landed, self._landed = self._landed, False
        back, self._list_url = self._list_url, None
        page = self.site.page
        if landed and MY_ORDERS_URL.search(page.url) and not is_mobile_layout(
                page, self.site.texts):
            shown = shown_order_list(self.site, self._answers)
        elif back is not None:
            log.debug("Back to the order list: %s", back)
            self.site.goto(back)
            if is_mobile_layout(page, self.site.texts):
                raise MobileLayoutServed(page.url)
            shown = shown_order_list(self.site, self._answers)
        else:
            shown = HomePage(self.site).open().open_orders(self._answers)
        self._list_url = page.url
        return shown

    def open_cancel_form(self, order: str, asked: tuple[str, ...] = ()) -> CancelForm:
        """The order's cancel form. Raises AlreadyRequested, ShippedAlready, SellerRefuses,
        NotCancellable, PageChanged or BadInput (order not on the account)."""
        try:
            orders = self._orders()
        except MobileLayoutServed:
            return self._on_mobile().open_cancel_form(order, asked)
        if isinstance(orders, MyOrdersPage):
            return open_cancel_window(self.site, orders, order, asked)
        block = orders.find(order)
        summary = orders.summary(block, order)
        with refusal_names_items(summary):
            if summary.cancellable:  # its "Cancel items", as the block was read
                page = orders.open_cancel(block)
            else:
                detail = orders.open_details(block)
                if not cancel_control(self.site.page.get_by_role("main"),
                                      self.site.texts).count():
                    raise AlreadyRequested(detail.why_not_cancellable(asked))
                page = detail.open_cancel()
            page.check_form(summary)
        return WebCancelForm(self.site, page, summary)

    def open_order_page(self, order: str) -> OrderDetailPage | OrderPage:
        """The order's own page: "Order details" from its block on "Your Orders", or from
        its card on "My Orders". BadInput when the order is not on the account."""
        orders = self.order_list()
        if isinstance(orders, MyOrdersPage):
            card = orders.find(order)
            return orders.open_details(card, orders.summary(card, order))
        return orders.open_details(orders.find(order))

    def order_list(self) -> YourOrdersPage | MyOrdersPage:
        """The home page's way to the order list, whichever list the shop shows."""
        return self._orders()

    def list_orders(self) -> list[OrderSummary]:
        try:
            return self._orders().all_orders()
        except MobileLayoutServed:
            return self._on_mobile().list_orders()

    def find_orders(self, orders: Sequence[str]) -> dict[str, OrderSummary]:
        try:
            shown = self._orders()
        except MobileLayoutServed:
            return self._on_mobile().find_orders(orders)
        found = {}
        for order in orders:
            try:
                entry = shown.find(order)
            except BadInput:  # not on the account's list
                continue
            found[order] = shown.summary(entry, order)
        return found
