"""WebCancelForm: an order's open "Cancel items" page as the journeys see a cancel form.

The website and the mobile pages share this form (the mobile pages show the website's form
in the app's layout), so both surfaces hand it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.model import Confirmation, Item, OrderSummary
from flows.web.cancel_items import CancelItemsPage
from flows.web.site import WebSite


@dataclass
class WebCancelForm:
    """The open "Cancel items" page of one order."""

    site: WebSite
    page: CancelItemsPage
    order: OrderSummary
    cancels_whole_order = False  # a checkbox per item

    def reasons(self) -> list[str]:
        return self.page.reasons()

    def items(self) -> list[Item]:
        return self.page.items()

    def fill(self, reason: str, items: Sequence[str]) -> None:
        self.page.fill(reason, items)

    def screenshot(self, name: str) -> Path:
        path = self.site.session.evidence.screenshot(self.site.page, name)
        self.site.session.evidence.kept_on_success.append(path)
        return path

    def submit(self) -> Confirmation:
        return self.page.submit().read()
