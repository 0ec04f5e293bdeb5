"""MobileMenu: what the three-line button opens; "Your Orders" is one of its entries."""

from __future__ import annotations

from flows.mobile.orders import MobileOrdersPage
from flows.mobile.site import MobileSite


class MobileMenu:
    def __init__(self, site: MobileSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        name = texts.exact("mobile.menu")
        # A panel of links (navigation) on the fixture site; an ARIA menu on others.
        self.panel = page.get_by_role("navigation", name=name).or_(
            page.get_by_role("menu", name=name))
        orders = texts.exact("mobile.your_orders")
        self.your_orders = self.panel.get_by_role("link", name=orders).or_(
            self.panel.get_by_role("menuitem", name=orders))

    def arrive(self) -> MobileMenu:
        self.site.arrive(self.your_orders, "the mobile menu")
        return self

    def go_to_orders(self) -> MobileOrdersPage:
        """"Your Orders" (the shop may ask to sign in on the way)."""
        self.site.press(self.your_orders)
        return MobileOrdersPage(self.site).arrive()
