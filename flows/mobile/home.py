"""MobileHomePage: the app's home, with the three-line "Menu" button at the bottom right, or
(on the real shop's phone pages) a tab bar whose "Account" tab holds "My Orders"."""

from __future__ import annotations

from flows.mobile.menu import MobileMenu
from flows.mobile.site import MobileSite


class MobileHomePage:
    def __init__(self, site: MobileSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.menu_button = page.get_by_role("button", name=texts.exact("mobile.menu")).or_(
            page.get_by_role("link", name=texts.exact("home.account_menu")))

    def open(self) -> MobileHomePage:
        """The shop's address: a phone is sent on to the mobile home."""
        self.site.goto(self.site.url("/"))
        self.site.arrive(self.menu_button, "the mobile home page")
        return self

    def menu(self) -> MobileMenu:
        """The menu, or the "Account" tab's page."""
        self.site.press(self.menu_button)
        return MobileMenu(self.site).arrive()

    def signed_in(self) -> bool:
        """The menu offers no "Sign in" (it names the account instead)."""
        menu = self.menu()
        sign_in = menu.panel.get_by_role("link", name=self.site.texts.exact("home.sign_in"))
        return sign_in.count() == 0
