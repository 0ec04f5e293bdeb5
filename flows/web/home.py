"""HomePage: the shop's front page, with "Returns & Orders" at the top right."""

from __future__ import annotations

from flows.layout import MobileLayoutServed, is_mobile_layout
from flows.web.site import WebSite
from flows.web.your_orders import YourOrdersPage


class HomePage:
    def __init__(self, site: WebSite) -> None:
        self.site = site
        self.returns_and_orders = site.page.get_by_role(
            "link", name=site.texts.exact("home.returns_and_orders"))

    def open(self) -> HomePage:
        """The front page; MobileLayoutServed if the shop answers with its mobile pages."""
        self.site.goto(self.site.url("/"))
        if is_mobile_layout(self.site.page, self.site.texts):
            raise MobileLayoutServed(self.site.page.url)
        self.site.arrive(self.returns_and_orders, "the home page")
        return self

    def signed_in(self) -> bool:
        """The header shows the account menu, not "Sign in"."""
        texts = self.site.texts
        account = self.site.page.get_by_role("button", name=texts.exact("home.account_menu"))
        sign_in = self.site.page.get_by_role("link", name=texts.exact("home.sign_in"))
        return account.count() > 0 and sign_in.count() == 0

    def go_to_orders(self) -> YourOrdersPage:
        """Returns & Orders → Your Orders (the shop may ask to sign in on the way)."""
        self.returns_and_orders.first.click()
        return YourOrdersPage(self.site).arrive()
