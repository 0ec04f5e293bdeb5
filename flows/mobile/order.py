"""MobileOrderPage: one order's page in the app; the website's "Order details" in one column.

Reading it, and saying why it offers no "Cancel items", is the web page object's work; only
the way to the cancel page (a tap, to the mobile cancel page) differs.
"""

from __future__ import annotations

from flows.mobile.cancel import MobileCancelPage
from flows.mobile.site import MobileSite
from flows.web.order_detail import OrderDetailPage
from flows.web.reading import cancel_control


class MobileOrderPage(OrderDetailPage):
    site: MobileSite

    def __init__(self, site: MobileSite) -> None:
        super().__init__(site)
        self.site = site

    def arrive(self) -> MobileOrderPage:
        super().arrive()
        return self

    def offers_cancel(self) -> bool:
        return cancel_control(self.site.page.get_by_role("main"), self.site.texts).count() > 0

    def open_cancel(self) -> MobileCancelPage:
        self.site.press(cancel_control(self.site.page.get_by_role("main"), self.site.texts))
        return MobileCancelPage(self.site).arrive()
