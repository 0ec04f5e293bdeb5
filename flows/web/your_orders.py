"""YourOrdersPage: the order list, its order-number search and "View orders" for more.

The list is not in the page's HTML: it arrives by fetch a moment after the page loads (as
on the real shop), and again after a search or "View orders". Every look at the list waits
for that load to finish first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.domain.vocabulary import ORDER_NUMBER
from assistant.errors import SiteUnavailable
from flows.model import OrderSummary
from flows.web.cancel_items import CancelItemsPage
from flows.web.order_detail import OrderDetailPage
from flows.web.paging import PagedList, not_on_list
from flows.web.reading import cancel_control, read_block, read_order
from flows.web.site import WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Locator


class YourOrdersPage(PagedList):
    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.heading = page.get_by_role("heading", name=texts.exact("orders.heading"), level=1)
        self.search_box = page.get_by_role("searchbox", name=texts.exact("orders.search"))
        self.view_more = page.get_by_role("button", name=texts.exact("orders.view_more"))
        self.loading = page.get_by_text(texts.exact("orders.loading"))
        self.busy = page.locator("[aria-busy=true]")
        self.failed = page.get_by_role("alert").filter(visible=True)
        self.blocks = page.get_by_role("region", name=self._block_name(ORDER_NUMBER.pattern))

    def _block_name(self, number: str) -> re.Pattern[str]:
        words = "|".join(re.escape(w) for w in self.site.texts.variants("orders.block"))
        return re.compile(rf"^\s*(?:{words})\s+{number}\s*$")

    def arrive(self) -> YourOrdersPage:
        self.site.arrive(self.heading, "Your Orders")
        self._wait_for_list()
        return self

    def loaded(self) -> YourOrdersPage:
        """The page, its heading seen already (as ``arrive``), once its list has loaded."""
        self.site.session.take_server_errors()  # as ``arrive`` does when the heading shows
        self._wait_for_list()
        return self

    def _wait_for_list(self) -> None:
        under_way = self.busy.or_(self.loading.filter(visible=True))
        self.site.wait_for(under_way, "the order list", state="detached",
                           late=SiteUnavailable("The order list did not load in time.",
                                                hint="Try again in a few minutes."))
        if self.site.shows(self.failed, "the order list"):
            message = self.failed.first.inner_text().strip()
            raise SiteUnavailable(f"The order list failed to load: {message}",
                                  hint="Try again in a few minutes.")

    def block(self, order: str) -> Locator | None:
        found = self.site.page.get_by_role("region", name=self._block_name(re.escape(order)))
        return found.first if found.count() else None

    def search(self, order: str) -> None:
        """Type the order number into the order search and press Enter."""
        self.search_box.fill(order)
        self.search_box.press("Enter")
        self._wait_for_list()

    def more(self) -> bool:
        """Click "View orders" if it is offered; False when every order is shown."""
        if not self.view_more.first.is_visible():
            return False
        self.view_more.first.click()
        self._wait_for_list()
        return True

    def find(self, order: str) -> Locator:
        """The order's block: on the list as it loaded (recent orders come first, as a person
        sees them), else by the order search, else by paging through the whole list."""
        found = self.block(order)
        if found is None:
            self.search(order)
            found = self.block(order)
        if found is None:  # the search may only look at recent orders: page through them all
            self.search("")
            found = self.page_until(lambda: self.block(order))
        if found is None:
            raise not_on_list(order, "Your Orders")
        return found

    def all_orders(self) -> list[OrderSummary]:
        """Every order, loading all pages with "View orders"."""
        self.load_all()
        return [self.summary(b) for b in self.blocks.all()]

    def summary(self, block: Locator, number: str | None = None) -> OrderSummary:
        """The block as read; ``number`` when it was found by it (``find``: its name says
        "Order N", exactly), else read from the block."""
        if number is None:
            return read_block(block, self.site.texts)
        return read_order(block, self.site.texts, number)

    def open_cancel(self, block: Locator) -> CancelItemsPage:
        cancel_control(block, self.site.texts).first.click()
        return CancelItemsPage(self.site).arrive()

    def open_details(self, block: Locator) -> OrderDetailPage:
        block.get_by_role("link", name=self.site.texts.exact("orders.order_details")).first.click()
        return OrderDetailPage(self.site).arrive()
