"""MobileOrdersPage: the orders, newest first, each opened by tapping its number.

The list shows a page of orders; "View orders" adds the next page below (the fixture site
reloads the page for it, the real app fetches): either way, we wait for more orders.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.domain.vocabulary import ORDER_NUMBER
from assistant.errors import SiteUnavailable
from flows.mobile.order import MobileOrderPage
from flows.mobile.site import MobileSite
from flows.model import OrderSummary
from flows.web.paging import PagedList, not_on_list
from flows.web.reading import read_order

if TYPE_CHECKING:
    from playwright.sync_api import Locator

NUMBER_LINK = re.compile(rf"^\s*{ORDER_NUMBER.pattern}\s*$")


class MobileOrdersPage(PagedList):
    def __init__(self, site: MobileSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.heading = page.get_by_role("heading", name=texts.exact("orders.heading"), level=1)
        words = "|".join(re.escape(w) for w in texts.variants("orders.block"))
        self.blocks = page.get_by_role("region", name=re.compile(rf"^\s*(?:{words})\s+\d+\s*$"))
        more = texts.exact("orders.view_more")
        self.view_more = page.get_by_role("link", name=more).or_(
            page.get_by_role("button", name=more))

    def arrive(self) -> MobileOrdersPage:
        self.site.arrive(self.heading, "Your Orders")
        return self

    def number_link(self, order: str) -> Locator:
        return self.site.page.get_by_role("main").get_by_role("link", name=order, exact=True)

    def more(self) -> bool:
        """Tap "View orders" if it is offered and wait for the next orders; False at the end."""
        if not self.view_more.first.is_visible():
            return False
        before = self.blocks.count()
        self.site.press(self.view_more)
        self.site.wait_until(
            lambda: self.blocks.count() > before, "the next orders",
            late=SiteUnavailable("The next orders did not load in time.",
                                 hint="Try again in a few minutes."))
        return True

    def open_order(self, order: str) -> MobileOrderPage:
        """Tap the order's number, paging with "View orders" until it shows."""
        link = self.number_link(order)
        if self.page_until(lambda: link if link.count() else None) is None:
            raise not_on_list(order, "Your Orders")
        self.site.press(link)
        return MobileOrderPage(self.site).arrive()

    def all_orders(self) -> list[OrderSummary]:
        """Every order, showing all pages with "View orders"."""
        self.load_all()
        return [self.summary(block) for block in self.blocks.all()]

    def summary(self, block: Locator) -> OrderSummary:
        number = block.get_by_role("link", name=NUMBER_LINK).first.inner_text().strip()
        return read_order(block, self.site.texts, number)
