"""Reading one order's page for the scheduler: status, seller, "Fulfilled by AliExpress",
the delivery day and each item's state, as a plain ``OrderReading``."""

from __future__ import annotations

from datetime import date, datetime

from assistant.domain.reading import OrderReading
from assistant.errors import PageChanged
from flows.web.my_orders import MyOrdersPage
from flows.web.reading import visible_texts
from flows.web_surface import WebSurface


def read_order_page(surface: WebSurface, order: str) -> OrderReading:
    """Your Orders → the order's "Order details" (or My Orders → the order's page), read."""
    site, orders = surface.site, surface.order_list()
    block = orders.find(order)
    if isinstance(orders, MyOrdersPage):
        page = orders.open_details(block, orders.summary(block))
        summary, shown = page.summary(), page.content
    else:
        summary, shown = orders.open_details(block).summary(), site.page.get_by_role("main")
    texts = site.texts
    lines = visible_texts(shown)
    joined = "\n".join(lines)
    delivered = texts.label_value("detail.delivered", joined)
    return OrderReading(
        order=order, status=summary.status, seller=summary.seller,
        fulfilled_by_aliexpress=any(texts.exact("detail.fulfilled").match(t) for t in lines),
        delivered_on=None if delivered is None else _day(delivered, texts.variants(
            "detail.date_format")),
        items={i.id: i.state for i in summary.items})


def _day(text: str, formats: tuple[str, ...]) -> date:
    for form in formats:
        try:
            return datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    raise PageChanged(f"The order page's delivery date {text!r} is in no known format.",
                      hint="Add its format to detail.date_format in the locale's site.toml.")
