"""Why an order offers no cancel form, as its page says: the seller refuses, it shipped, or
the shop's own "cannot be cancelled" notice. Shared by the order page and the cancel form."""

from __future__ import annotations

from assistant.domain.vocabulary import OrderStatus
from assistant.errors import NotCancellable, SellerRefuses, ShippedAlready
from flows.model import OrderSummary
from flows.web.site import WebSite


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
    if order.status == OrderStatus.SHIPPED:
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
