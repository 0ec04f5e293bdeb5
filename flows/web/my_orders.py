"""MyOrdersPage: the real shop's "My Orders", cards of plain divs built from a JSON answer.

The cards come a moment after the page, under a loading mask, from the list API; "View
orders" appends the next ones. A card shows the order number, date, status, store and item
titles, but no item IDs: those (order line IDs) are read from the list's answer
(``ListAnswers``). The page has no order search: an order is found by paging through.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.domain.vocabulary import ItemState
from assistant.errors import PageChanged, SiteUnavailable
from flows.model import OrderSummary
from flows.web import markup
from flows.web.list_api import ListAnswers
from flows.web.order_page import OrderPage
from flows.web.paging import PagedList, not_on_list
from flows.web.reading import (
    cancel_control,
    order_number_of,
    read_entry,
    read_order,
    status_of,
)
from flows.web.site import WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Locator


class MyOrdersPage(PagedList):
    def __init__(self, site: WebSite, answers: ListAnswers) -> None:
        self.site = site
        self.answers = answers
        page, texts = site.page, site.texts
        self.list = page.locator(markup.ORDER_LIST)
        self.cards = page.locator(markup.ORDER_CARD)
        self.mask = page.locator(markup.LOADING_MASK).filter(visible=True)
        self.view_more = page.get_by_role("button", name=texts.exact("orders.view_more"))
        self.no_orders = page.get_by_text(texts.starts("orders.no_orders"))

    @staticmethod
    def shown(site: WebSite) -> bool:
        """Whether the tab shows "My Orders" (its address and its list)."""
        return bool(markup.MY_ORDERS_URL.search(site.page.url)) and \
            site.page.locator(markup.ORDER_LIST).count() > 0

    def arrive(self) -> MyOrdersPage:
        """The page (its address and list), then its cards: no mask, no answer under way."""
        self.site.wait_until(lambda: self.site.reached(self.list, "attached") and
                             self.shown(self.site), "My Orders", poll_s=0)
        return self.loaded()

    def loaded(self) -> MyOrdersPage:
        """The page, seen (``shown``), once its cards have loaded."""
        self._wait_for_list()
        return self

    def _loaded(self) -> bool:
        return not (self.mask.count() or self.answers.pending())

    def _wait_for_list(self) -> None:
        """Until the cards (or the no-orders note) show, with no mask and no answer under
        way; a list that finished loading without either is a changed page."""
        shown = self.cards.or_(self.no_orders.filter(visible=True))

        def ready() -> bool:  # the browser's own waits first: no timer between looks
            # then no mask again and no captcha, in one look (``shows``: the detours)
            return (self.site.reached(self.mask, "detached")
                    and self.site.reached(shown, "attached") and not self.answers.pending()
                    and not self.site.shows(self.mask, "the order list"))

        late = SiteUnavailable("The order list did not load in time.",
                               hint="Try again in a few minutes.")
        try:
            self.site.wait_until(ready, "the order list", poll_s=0, late=late)
        except SiteUnavailable as exc:
            if exc is not late or not self._loaded():  # a 5xx answer seen: that, as it is
                raise
            raise PageChanged(
                "My Orders finished loading but shows neither order cards "
                f"({markup.ORDER_CARD}) nor a no-orders note (like "
                f"{', '.join(self.site.texts.variants('orders.no_orders'))}); nothing was "
                "submitted.", hint="The shop may have changed its pages: see the screenshot "
                "and trace.") from None

    def card(self, order: str) -> Locator | None:
        label = "|".join(re.escape(v) for v in self.site.texts.variants("orders.order_id"))
        found = self.cards.filter(has_text=re.compile(rf"(?:{label})\s*{re.escape(order)}(?!\d)"))
        return found.first if found.count() else None

    def more(self) -> bool:
        """Click "View orders" if it is offered; False when every order is shown."""
        if not self.view_more.first.is_visible():
            return False
        self.view_more.first.click()
        self._wait_for_list()
        return True

    def find(self, order: str) -> Locator:
        """The order's card, paging through the list with "View orders"."""
        found = self.page_until(lambda: self.card(order))
        if found is None:
            raise not_on_list(order, "My Orders")
        return found

    def all_orders(self) -> list[OrderSummary]:
        self.load_all()
        return [self.summary(c) for c in self.cards.all()]

    def summary(self, card: Locator, number: str | None = None) -> OrderSummary:
        """The card as a person reads it; the items (with their IDs) and the store from the
        list's answer for that order. ``number`` when the card was found by it (``find``:
        its "Order ID" says so), else read from the card."""
        texts = self.site.texts
        entry = read_entry(card, texts)
        number = number or order_number_of(card, texts, entry.lines)
        if number is None:
            raise PageChanged("An order card on My Orders names no order number; nothing was "
                              "submitted.", hint="See the screenshot and trace.")
        lines = entry.lines
        shown = read_order(card, texts, number, entry)
        fields = self.answers.order(number)
        items = self.answers.items(number)
        if fields is None or items is None:
            raise PageChanged(f"My Orders shows order {number}, but the list's answer "
                              f"({markup.LIST_API.pattern}) does not name it; nothing was "
                              "submitted.", hint="See the screenshot and trace.")
        # "Cancellation requested" (or a rewording of it) anywhere on the card, by its words:
        # the status line's class names are the shop's to change. The order still awaits
        # shipment then, while the seller decides.
        words = texts.exact("cancel.item_requested")
        said = next((t for t in lines if words.match(t)), None)
        state = ItemState.REQUESTED if said else ItemState.OPEN
        status = status_of(texts.which("status", said), said,
                           requested=True) if said else shown.status
        return replace(shown, seller=str(fields.get("storeName") or shown.seller or "") or None,
                       status=status, items=tuple(replace(i, state=state) for i in items))

    def press_cancel(self, card: Locator) -> None:
        """Open the card's "Cancel order" window (``CancelWindow`` reads it)."""
        cancel_control(card, self.site.texts).first.click()

    def open_details(self, card: Locator, order: OrderSummary) -> OrderPage:
        card.get_by_role("link", name=self.site.texts.exact("orders.order_details")).first.click()
        return OrderPage(self.site, order).arrive()
