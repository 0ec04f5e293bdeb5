"""MobileSite: the website's tab helper (detours, texts, timeouts), plus the finger.

On a phone a person taps; where the shop serves its mobile pages to a desktop browser
(no touch screen), the same controls are clicked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.web.site import WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Locator


@dataclass
class MobileSite(WebSite):
    touch: bool = True

    def press(self, control: Locator) -> None:
        """Tap (or click, without touch) the first match of ``control``."""
        if self.touch:
            control.first.tap()
        else:
            control.first.click()

    @classmethod
    def carrying_on(cls, site: WebSite) -> MobileSite:
        """The mobile pages in ``site``'s desktop tab (the shop served them to a desktop)."""
        return cls(site.session, site.texts, touch=False)
