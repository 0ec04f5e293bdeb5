"""MobileMenu: what the three-line button opens (or the "Account" tab's page, on the real
shop's phone pages); "Your Orders" (or "My Orders") is one of its entries."""

from __future__ import annotations

from flows.mobile.orders import MobileOrdersPage
from flows.mobile.site import MobileSite
from flows.web import markup
from flows.web.list_api import ListAnswers
from flows.web.my_orders import MyOrdersPage


class MobileMenu:
    def __init__(self, site: MobileSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        name = texts.exact("mobile.menu")
        # A panel of links (navigation) on the seed's pages; an ARIA menu on others; the
        # account page (plain divs) on the real shop's phone pages.
        self.panel = page.get_by_role("navigation", name=name).or_(
            page.get_by_role("menu", name=name)).or_(page.locator(markup.ACCOUNT_PAGE))
        orders = texts.exact("mobile.your_orders")
        self.your_orders = self.panel.get_by_role("link", name=orders).or_(
            self.panel.get_by_role("menuitem", name=orders))

    def arrive(self) -> MobileMenu:
        self.site.arrive(self.your_orders, "the mobile menu")
        return self

    def go_to_orders(self, answers: ListAnswers) -> MobileOrdersPage | MyOrdersPage:
        """The order list, whichever the shop shows (the shop may ask to sign in on the
        way): "Your Orders" (a heading, regions per order) or "My Orders" (cards built from
        the list's answer, ``answers``)."""
        self.site.press(self.your_orders)
        seed = MobileOrdersPage(self.site)
        kind = self.site.wait_until(
            lambda: "list" if seed.heading.first.is_visible() else
            "cards" if MyOrdersPage.shown(self.site) else None, "the order list")
        return seed.arrive() if kind == "list" else MyOrdersPage(self.site, answers).arrive()
