"""Reading an order off a page: its number, status, date, seller and items with their IDs.

The shop rewords and restyles its pages (a reworded "Order ID:" label has broken
scrapers before, while the number in the detail link's URL survived), so reading avoids CSS:
it takes the visible texts of a block (each smallest element's text, and the block's text lines) and
matches them against the locale's wordings; the order number comes from the detail link.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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
# The leaves, then the element's text lines.
TEXTS_JS = f"el => [...({LEAVES_JS})(el), ...el.innerText.split('\\n')]"
HREFS_JS = "links => links.map(a => a.getAttribute('href') || '')"
# What a link or button is, to tell a block's cancel controls from its item rows.
CONTROL = "a[href], button, [role=link], [role=button], input[type=button], input[type=submit]"
# An entry in one call: ``els`` is the block, then its item rows and cancel controls, in
# document order (the block first: it holds them all).
ENTRY_JS = f"""els => {{
  if (!els.length) return {{texts: [], rows: [], controls: 0}};
  const control = e => e.matches({json.dumps(CONTROL)});
  const [block, ...inner] = els;
  return {{texts: ({TEXTS_JS})(block), rows: inner.filter(e => !control(e)).map({LEAVES_JS}),
          controls: inner.filter(control).length}};
}}"""


@dataclass(frozen=True)
class Entry:
    """An order's block as read: its ``visible_texts``, each item row's smallest texts, and
    whether it has a cancel control."""

    lines: list[str]
    rows: list[list[str]]
    cancellable: bool


def read_entry(block: Locator, texts: Texts) -> Entry:
    """The block's texts, item rows and cancel control, in one look at the page."""
    block = block.first
    rows = block.get_by_role("listitem").filter(has_text=texts.anywhere("orders.item_id"))
    found = block.or_(rows).or_(cancel_control(block, texts)).evaluate_all(ENTRY_JS)
    return Entry([t.strip() for t in found["texts"] if t.strip()], found["rows"],
                 found["controls"] > 0)


def visible_texts(block: Locator) -> list[str]:
    """The block's smallest visible texts, then its text lines (both, for matching)."""
    found: list[str] = block.evaluate(TEXTS_JS)
    return [t.strip() for t in found if t.strip()]


def order_number_of(block: Locator, texts: Texts, lines: list[str] | None = None) -> str | None:
    """From the "Order details" link's ``orderId``, else the "Order ID:" text (``lines``:
    the block's ``visible_texts``, when the caller has read them already)."""
    links = block.get_by_role("link", name=texts.exact("orders.order_details"))
    hrefs: list[str] = links.evaluate_all(HREFS_JS)
    if hrefs:
        number = parse_qs(urlsplit(hrefs[0]).query).get("orderId", [""])[0]
        if number:
            return number
    lines = visible_texts(block) if lines is None else lines
    value = texts.label_value("orders.order_id", "\n".join(lines))
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
               entry: Entry | None = None) -> OrderSummary:
    """An order block of "Your Orders" or the detail page (``entry``: the block as
    ``read_entry`` read it, when the caller has read it already)."""
    entry = read_entry(block, texts) if entry is None else entry
    lines = entry.lines
    joined = "\n".join(lines)
    status = _status(texts.which("status", joined))
    items = tuple(i for i in (item_of(r, texts) for r in entry.rows) if i is not None)
    return OrderSummary(
        id=number,
        status=status or _status_line(lines),
        date=texts.label_value("orders.order_date", joined),
        seller=texts.label_value("orders.sold_by", joined),
        items=items,
        cancellable=entry.cancellable,
    )


def read_block(block: Locator, texts: Texts) -> OrderSummary:
    """An order block, its number read from it too."""
    entry = read_entry(block, texts)
    return read_order(block, texts, order_number_of(block, texts, entry.lines) or "", entry)


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
