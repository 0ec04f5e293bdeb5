"""Reading an order off a page: its number, status, date, seller and items with their IDs.

The shop rewords and restyles its pages (a reworded "Order ID:" label has broken
scrapers before, while the number in the detail link's URL survived), so reading avoids CSS:
it takes the visible texts of a block (each smallest element's text, and the block's text lines) and
matches them against the locale's wordings; the order number comes from the detail link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from assistant.domain.vocabulary import ORDER_NUMBER_IN_TEXT, ItemState, OrderStatus
from assistant.texts import Texts
from flows.model import Item, OrderSummary

if TYPE_CHECKING:
    from playwright.sync_api import Locator

# The visible text of every element that has no child elements, in document order.
LEAVES_JS = """el => Array.from(el.querySelectorAll('*'))
  .filter(e => e.children.length === 0 && e.checkVisibility())
  .map(e => e.innerText.trim()).filter(t => t.length > 0)"""
# The same for each of several elements, in one call.
ROWS_LEAVES_JS = f"rows => rows.map({LEAVES_JS})"
# The leaves, then the element's text lines.
TEXTS_JS = f"el => [...({LEAVES_JS})(el), ...el.innerText.split('\\n')]"
HREFS_JS = "links => links.map(a => a.getAttribute('href') || '')"


def visible_texts(block: Locator) -> list[str]:
    """The block's smallest visible texts, then its text lines (both, for matching)."""
    found: list[str] = block.evaluate(TEXTS_JS)
    return [t.strip() for t in found if t.strip()]


def order_number_of(block: Locator, texts: Texts) -> str | None:
    """From the "Order details" link's ``orderId``, else the "Order ID:" text."""
    links = block.get_by_role("link", name=texts.exact("orders.order_details"))
    hrefs: list[str] = links.evaluate_all(HREFS_JS)
    if hrefs:
        number = parse_qs(urlsplit(hrefs[0]).query).get("orderId", [""])[0]
        if number:
            return number
    value = texts.label_value("orders.order_id", "\n".join(visible_texts(block)))
    found = ORDER_NUMBER_IN_TEXT.search(value or "")
    return found.group(1) if found else None


def item_state(lines: list[str], texts: Texts) -> ItemState:
    if any(texts.exact("cancel.item_requested").match(t) for t in lines):
        return ItemState.REQUESTED
    if any(texts.exact("cancel.item_cancelled").match(t) for t in lines):
        return ItemState.CANCELLED
    return ItemState.OPEN


def item_of(leaves: list[str], texts: Texts) -> Item | None:
    """The item an item row names, from its smallest visible texts (``leaves``): the title
    is the text just before its "Item ID:"."""
    label = texts.starts("orders.item_id")
    for n, text in enumerate(leaves):
        if label.match(text):
            item_id = texts.label_value("orders.item_id", text)
            if not item_id:
                continue
            title = leaves[n - 1] if n > 0 else ""
            return Item(item_id, title, item_state(leaves, texts))
    return None


def read_order(block: Locator, texts: Texts, number: str,
               lines: list[str] | None = None) -> OrderSummary:
    """An order block of "Your Orders" or the detail page (``lines``: its ``visible_texts``,
    when the caller has read them already)."""
    lines = visible_texts(block) if lines is None else lines
    joined = "\n".join(lines)
    status = _status(texts.which("status", joined))
    rows = block.get_by_role("listitem").filter(has_text=texts.anywhere("orders.item_id"))
    leaves: list[list[str]] = rows.evaluate_all(ROWS_LEAVES_JS)
    items = tuple(i for i in (item_of(r, texts) for r in leaves) if i is not None)
    cancel = cancel_control(block, texts)
    return OrderSummary(
        id=number,
        status=status or _status_line(lines),
        date=texts.label_value("orders.order_date", joined),
        seller=texts.label_value("orders.sold_by", joined),
        items=items,
        cancellable=cancel.count() > 0,
    )


def cancel_control(block: Locator, texts: Texts) -> Locator:
    """The "Cancel items" link or button inside ``block`` (any of the shop's wordings)."""
    name = texts.exact("orders.cancel_items")
    return block.get_by_role("link", name=name).or_(block.get_by_role("button", name=name))


def status_of(key: str | None, words: str, *, requested: bool) -> OrderStatus | str:
    """The status a status line names (``key``: its name in the locale's site.toml). While
    the seller decides on a cancellation request the real shop shows that instead of a
    status ("Cancellation requested"): the order still awaits shipment, with its items
    requested. Words the locale does not know stay as they are."""
    status = _status(key)
    if status is not None:
        return status
    return OrderStatus.AWAITING_SHIPMENT if requested else words


def _status(name: str | None) -> OrderStatus | None:
    """The status the page's wording names (its key in the locale's site.toml)."""
    try:
        return None if name is None else OrderStatus(name)
    except ValueError:
        return None  # a wording the locale knows under a name that is no status


def _status_line(lines: list[str]) -> str:
    return lines[0] if lines else "unknown"
