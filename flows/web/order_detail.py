"""OrderDetailPage: one order's status, items and notices; says why no cancel is offered."""

from __future__ import annotations

from assistant.domain.vocabulary import ItemState, OrderStatus
from assistant.errors import NotCancellable, PageChanged
from flows.model import OrderSummary
from flows.web.cancel_items import CancelItemsPage
from flows.web.reading import cancel_control, read_block
from flows.web.refusals import raise_for_refusal
from flows.web.site import WebSite


class OrderDetailPage:
    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.heading = page.get_by_role("heading", name=texts.exact("detail.heading"), level=1)
        self.notices = page.get_by_role("note").or_(page.get_by_role("status"))
        self.content = page.get_by_role("main")

    def arrive(self) -> OrderDetailPage:
        self.site.arrive(self.heading, "Order details")
        return self

    def _block(self) -> OrderSummary:
        return read_block(self.content, self.site.texts)

    def summary(self) -> OrderSummary:
        return self._block()

    def open_cancel(self) -> CancelItemsPage:
        cancel_control(self.site.page.get_by_role("main"), self.site.texts).first.click()
        return CancelItemsPage(self.site).arrive()

    def why_not_cancellable(self, asked: tuple[str, ...]) -> OrderSummary:
        """No "Cancel items" here: raise why, or return the order if the asked items are
        already requested or cancelled (a rerun: the caller reports the existing request)."""
        order = self._block()
        notices = [t.strip() for t in self.notices.all_inner_texts() if t.strip()]
        raise_for_refusal(self.site, order, notices)
        wanted = [i for i in order.items if not asked or i.id in asked]
        if wanted and all(i.state is not ItemState.OPEN for i in wanted):
            return order
        if order.status == OrderStatus.AWAITING_SHIPMENT:
            raise PageChanged(
                f"Order {order.id} is awaiting shipment, but the page offers no "
                "\"Cancel items\"; nothing was submitted.",
                hint="The shop may have changed its pages: see the screenshot and trace.")
        raise NotCancellable(
            f"Order {order.id} cannot be cancelled now: the shop shows it as {order.status}. "
            "Nothing was submitted.",
            hint="See the order page on the shop; `assistant status` shows the case.")
