"""Telling the mobile layout apart: the shop may serve it to a desktop browser too.

The real shop sends phones to m.aliexpress.com; the fixture site to paths under /m/. Both
carry the app's three-line "Menu" button and no "Returns & Orders" link in a header.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from assistant.texts import Texts

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

MOBILE_HOST = re.compile(r"^m\.")
MOBILE_PATH = re.compile(r"^/m(?:/|$)")


class MobileLayoutServed(Exception):
    """A signal, not an error: a desktop page object found the mobile layout instead."""

    def __init__(self, url: str) -> None:
        super().__init__(f"the shop served its mobile pages ({url})")
        self.url = url


def is_mobile_address(url: str) -> bool:
    parts = urlsplit(url)
    return bool(MOBILE_HOST.match(parts.hostname or "") or MOBILE_PATH.match(parts.path))


def mobile_menu(page: Page, texts: Texts) -> Locator:
    return page.get_by_role("button", name=texts.exact("mobile.menu"))


def is_mobile_layout(page: Page, texts: Texts) -> bool:
    """Whether ``page`` shows the shop's mobile layout (by its address, else its menu)."""
    if is_mobile_address(page.url):
        return True
    desktop = page.get_by_role("link", name=texts.exact("home.returns_and_orders"))
    return mobile_menu(page, texts).count() > 0 and desktop.count() == 0
