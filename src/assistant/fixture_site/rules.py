"""The shop's rules for requests: what it refuses, and the message code it refuses with.

Every check runs before anything changes, so a refused request leaves the shop as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.fixture_site.model import Item, Order


class ShopRefusal(Exception):
    """The shop refuses a request, as its page would say; ``code`` names the message
    (fixtures/texts/en.toml, table ``refusal``) and ``params`` fill it in."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


def known(orders: Mapping[str, Order], order_id: str) -> Order:
    order = orders.get(order_id)
    if order is None:
        raise ShopRefusal("order_not_found", order=order_id)
    return order


def check_cancellable(order: Order) -> None:
    """The shop offers a cancel form only for this; otherwise it says why not."""
    if order.status == "awaiting_shipment" and order.cancel_outcome == "seller_refuses":
        raise ShopRefusal("seller_refuses", seller=order.seller)
    if not order.cancellable:
        raise ShopRefusal("not_cancellable", status=order.status)


def check_returnable(order: Order) -> None:
    if order.status != "delivered":
        raise ShopRefusal("not_returnable", status=order.status)


def check_reason(reason: str, offered: tuple[str, ...], what: str) -> None:
    """``what`` is "cancel" or "return": the drop-down the reason must come from."""
    if not reason.strip():
        raise ShopRefusal(f"no_{what}_reason")
    if reason not in offered:
        raise ShopRefusal(f"bad_{what}_reason", reason=reason)


def chosen_items(order: Order, item_ids: Iterable[str], what: str) -> list[Item]:
    """The items ticked, each of this order and not yet requested; duplicates count once."""
    wanted = list(dict.fromkeys(i.strip() for i in item_ids if i.strip()))
    if not wanted:
        raise ShopRefusal(f"no_{what}_items")
    items = []
    for item_id in wanted:
        item = order.item(item_id)
        if item is None:
            raise ShopRefusal("item_not_in_order", item=item_id, order=order.id)
        if item.status != "active":
            raise ShopRefusal(f"item_not_{what}able", item=item_id, title=item.title)
        items.append(item)
    return items
