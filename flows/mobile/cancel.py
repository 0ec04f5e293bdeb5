"""MobileCancelPage: the reason drop-down, a checkbox per item, "Cancel checked items".

The form is the website's (the same drop-down, checkboxes named by the item titles with the
item IDs as values), so reading, filling and checking it are inherited; only the submit
button's name and the confirmation page differ.
"""

from __future__ import annotations

from flows.mobile.confirmation import MobileConfirmationPage
from flows.mobile.site import MobileSite
from flows.web.cancel_items import CancelItemsPage


class MobileCancelPage(CancelItemsPage):
    site: MobileSite

    def __init__(self, site: MobileSite) -> None:
        super().__init__(site)
        self.site = site
        self.submit_button = site.page.get_by_role(
            "button", name=site.texts.exact("mobile.submit"))

    def arrive(self) -> MobileCancelPage:
        super().arrive()
        return self

    def submit(self) -> MobileConfirmationPage:
        """The final tap; the shop answers with the confirmation (else this raises)."""
        super().submit()
        return MobileConfirmationPage(self.site)
