"""MobileHomePage: the app's home, with the three-line "Menu" button at the bottom right."""

from __future__ import annotations

from flows.mobile.menu import MobileMenu
from flows.mobile.site import MobileSite


class MobileHomePage:
    def __init__(self, site: MobileSite) -> None:
        self.site = site
        self.menu_button = site.page.get_by_role("button", name=site.texts.exact("mobile.menu"))

    def open(self) -> MobileHomePage:
        """The shop's address: a phone is sent on to the mobile home."""
        self.site.goto(self.site.url("/"))
        self.site.arrive(self.menu_button, "the mobile home page")
        return self

    def menu(self) -> MobileMenu:
        self.site.press(self.menu_button)
        return MobileMenu(self.site).arrive()

    def signed_in(self) -> bool:
        """The menu offers no "Sign in" (it names the account instead)."""
        menu = self.menu()
        sign_in = menu.panel.get_by_role("link", name=self.site.texts.exact("home.sign_in"))
        return sign_in.count() == 0
