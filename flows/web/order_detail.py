"""OrderDetailPage: one order's status, items and notices; says why no cancel is offered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.errors import NotCancellable, PageChanged, SellerRefuses, ShippedAlready
from flows.model import ItemState, OrderSummary
from flows.web.reading import cancel_control, order_number_of, read_order
from flows.web.site import WebSite

if TYPE_CHECKING:
    from flows.web.cancel_items import CancelItemsPage


class OrderDetailPage:
    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.heading = page.get_by_role("heading", name=texts.exact("detail.heading"), level=1)
        self.notices = page.get_by_role("note").or_(page.get_by_role("status"))

    def arrive(self) -> OrderDetailPage:
        self.site.arrive(self.heading, "Order details")
        return self

    def _block(self) -> OrderSummary:
        main = self.site.page.get_by_role("main")
        number = order_number_of(main, self.site.texts) or ""
        return read_order(main, self.site.texts, number)

    def summary(self) -> OrderSummary:
        return self._block()

    def open_cancel(self) -> CancelItemsPage:
        from flows.web.cancel_items import CancelItemsPage

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
        if order.status == "awaiting_shipment":
            raise PageChanged(
                f"Order {order.id} is awaiting shipment, but the page offers no "
                "\"Cancel items\"; nothing was submitted.",
                hint="The shop may have changed its pages: see the screenshot and trace.")
        raise NotCancellable(
            f"Order {order.id} cannot be cancelled now: the shop shows it as {order.status}. "
            "Nothing was submitted.",
            hint="See the order page on the shop; `assistant status` shows the case.")


def raise_for_refusal(site: WebSite, order: OrderSummary, notices: list[str]) -> None:
    """Raise SellerRefuses / ShippedAlready when the page's notices or status say so."""
    texts = site.texts
    if any(texts.starts("detail.seller_refuses").match(n) for n in notices):
        raise SellerRefuses(
            f"The seller {order.seller or ''} of order {order.id} accepts no cancellation "
            "requests; nothing was submitted.",
            seller=order.seller, items=tuple(i.id for i in order.items),
            hint=f"Contact the seller {order.seller or ''} via AliExpress Messages and ask "
            "them to cancel the order.")
    if order.status == "shipped":
        raise ShippedAlready(
            f"Order {order.id} has shipped (Awaiting delivery): it can no longer be "
            "cancelled; nothing was submitted.",
            items=tuple(i.id for i in order.items),
            hint="Wait for the delivery and return it: the assistant follows the case "
            "(`assistant status`), and opens the return when it is delivered.")
    refusal = next((n for n in notices if texts.starts("detail.not_cancellable").match(n)), None)
    if refusal:
        raise NotCancellable(f"Order {order.id}: the shop says \"{refusal}\" Nothing was "
                             "submitted.", hint="See the order page on the shop.")
