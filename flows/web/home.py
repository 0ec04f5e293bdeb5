"""HomePage: the shop's front page: "Returns & Orders" at the top right, or (as on the real
shop) "Account", whose menu holds "My Orders"."""

from __future__ import annotations

import json

from flows.layout import MobileLayoutServed, is_mobile_address, is_mobile_layout, mobile_menu
from flows.web import markup
from flows.web.list_api import ListAnswers
from flows.web.my_orders import MyOrdersPage
from flows.web.site import WebSite
from flows.web.your_orders import YourOrdersPage

# For each of "Your Orders"'s heading and "My Orders"'s list: "cards" for the list, "list"
# for a heading that shows (My Orders is shown by its list, as ``MyOrdersPage.shown``).
KINDS_JS = (f"els => els.map(e => e.matches({json.dumps(markup.ORDER_LIST)}) ? 'cards' : "
            "e.checkVisibility() ? 'list' : null)")


class HomePage:
    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.returns_and_orders = page.get_by_role(
            "link", name=texts.exact("home.returns_and_orders"))
        self.account = page.get_by_role("button", name=texts.exact("home.account_menu")).or_(
            page.get_by_text(texts.exact("home.account_menu")))
        # whether "Returns & Orders" showed as the page arrived (``open``); None: not looked
        self._link_shown: bool | None = None

    def open(self) -> HomePage:
        """The front page; MobileLayoutServed if the shop answers with its mobile pages."""
        self.site.goto(self.site.url("/"))
        page, texts = self.site.page, self.site.texts
        if is_mobile_address(page.url):
            raise MobileLayoutServed(page.url)
        # the landmark, or the mobile layout's menu; then "Returns & Orders" looked for
        # once: it says the layout is the desktop's, and that no menu needs opening
        self.site.arrive(self.returns_and_orders.or_(self.account).or_(mobile_menu(page, texts)),
                         "the home page")
        self._link_shown = self.returns_and_orders.filter(visible=True).count() > 0
        if not self._link_shown and is_mobile_layout(page, texts):
            raise MobileLayoutServed(page.url)
        return self

    def signed_in(self) -> bool:
        """The header shows the account menu, not "Sign in" (which may sit in the menu,
        hidden until it opens)."""
        sign_in = self.site.page.get_by_role("link", name=self.site.texts.exact("home.sign_in"),
                                             include_hidden=True)
        return self.account.count() > 0 and sign_in.count() == 0

    def _click_orders(self) -> None:
        """"Returns & Orders", or "My Orders" in the "Account" menu (opened first)."""
        link = self.returns_and_orders.filter(visible=True)
        shown, self._link_shown = self._link_shown, None
        if shown is None:
            shown = link.count() > 0
        if not shown:  # in the "Account" menu
            def menu_open() -> bool:
                # (again) when a popup's close button took the mouse away from the menu
                self.account.first.hover()
                return self.site.reached(link)

            self.site.wait_until(menu_open, "the Account menu", poll_s=0)
        link.first.click()

    def go_to_orders(self) -> YourOrdersPage:
        """Returns & Orders → Your Orders (the shop may ask to sign in on the way)."""
        self._click_orders()
        return YourOrdersPage(self.site).arrive()

    def open_orders(self, answers: ListAnswers) -> YourOrdersPage | MyOrdersPage:
        """The order list, whichever the shop shows: "Your Orders" (a heading, regions per
        order) or "My Orders" (cards built from the list's answer, ``answers``)."""
        self._click_orders()
        return shown_order_list(self.site, answers)


def shown_order_list(site: WebSite, answers: ListAnswers) -> YourOrdersPage | MyOrdersPage:
    """The order list the tab shows, once it has loaded: "Your Orders" (a heading, regions
    per order) or "My Orders" (cards built from the list's answer, ``answers``)."""
    seed = YourOrdersPage(site)
    either = seed.heading.or_(site.page.locator(markup.ORDER_LIST))

    def shown() -> str | None:
        if not site.reached(either, "attached"):
            return None
        kinds = either.evaluate_all(KINDS_JS)  # what each one is, in one look
        if "list" in kinds:
            return "list"
        return "cards" if "cards" in kinds and markup.MY_ORDERS_URL.search(site.page.url) \
            else None

    kind = site.wait_until(shown, "the order list", poll_s=0)
    return seed.loaded() if kind == "list" else MyOrdersPage(site, answers).loaded()
