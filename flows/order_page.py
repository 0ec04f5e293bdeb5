"""Reading one order's page for the scheduler: status, seller, "Fulfilled by AliExpress",
the delivery day and each item's state, as a plain ``OrderReading``.

The same on both kinds of page the shop shows: "Your Orders" → the order's "Order details"
(the seed's screens), or "My Orders" → the card's "Order details" (the real shop's page of
plain divs, whose items come from the list's answer). Which one it is, the surface sees.
"""

from __future__ import annotations

from datetime import date, datetime

from assistant.domain.reading import OrderReading
from assistant.errors import PageChanged
from flows.web.reading import visible_texts
from flows.web_surface import WebSurface


def read_order_page(surface: WebSurface, order: str) -> OrderReading:
    """The order's page, opened the way a person does, read."""
    shown = surface.open_order_page(order)
    summary = shown.summary()
    texts = surface.site.texts
    lines = visible_texts(shown.content)
    delivered = texts.label_value("detail.delivered", "\n".join(lines))
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
