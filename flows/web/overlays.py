"""Popups that cover the shop's pages (coupons, offers, the cookie banner), closed on sight.

Playwright's locator handlers run whenever one of these shows up in front of an action we
take, however late it appears (the shop's "Limited-time offer" comes seconds after the page
loads), so no journey step has to think about them. The slider captcha is a dialog too, and
is never touched here: only a person may answer it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assistant.texts import Texts
from flows.web.markup import COOKIE_BANNER
from flows.web.site import CAPTCHA_SELECTOR

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

log = logging.getLogger(__name__)
MAX_CLOSES = 5  # a popup that keeps coming back is left for the journey's own checks


def popups(page: Page, texts: Texts, *, include_hidden: bool = False) -> Locator:
    """The page's popups: dialogs with a close button, not a form we fill, not the captcha."""
    close = page.get_by_role("button", name=texts.exact("overlays.close"),
                             include_hidden=include_hidden)
    # a window with a form we fill (the real shop's "Cancel order") is not a popup
    form = page.get_by_role("button", name=texts.exact("cancel.submit"),
                            include_hidden=include_hidden)
    return (page.get_by_role("dialog", include_hidden=include_hidden)
            .filter(has=close).filter(has_not=form)
            .and_(page.locator(f":not({CAPTCHA_SELECTOR})")))


def install(page: Page, texts: Texts) -> None:
    """Close popups and accept the cookie banner wherever they appear on ``page``."""
    accept = page.get_by_role("button", name=texts.exact("overlays.accept"))
    banner = page.get_by_role("region", name=texts.exact("overlays.cookie_banner")).or_(
        page.locator(COOKIE_BANNER)).filter(has=accept)

    def close_popups(found: Locator) -> None:
        for _ in range(MAX_CLOSES):
            popup = found.first
            if not popup.is_visible():
                return
            log.debug("Closing a popup: %s", popup.get_attribute("aria-labelledby") or "dialog")
            popup.get_by_role("button", name=texts.exact("overlays.close")).first.click()

    def accept_cookies(found: Locator) -> None:
        found.get_by_role("button", name=texts.exact("overlays.accept")).first.click()

    # no_wait_after: the handler itself closes every popup it sees; waiting for the locator
    # to be hidden would stall when a second popup of the same kind is on screen.
    page.add_locator_handler(popups(page, texts), close_popups, no_wait_after=True)
    page.add_locator_handler(banner, accept_cookies, no_wait_after=True)
