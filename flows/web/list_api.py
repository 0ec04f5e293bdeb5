"""The JSON answers the shop's "My Orders" page fetches to build its cards.

The cards show no item IDs (the real shop's order line IDs are only in these answers), so
the page object reads them here: every answer of the list API the tab receives is kept, and
read when a card's order is needed. A request still under way means the list is not there
yet (the page has not arrived).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from assistant.errors import SiteUnavailable
from flows.model import Item
from flows.web import markup

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request, Response

log = logging.getLogger(__name__)


class ListAnswers:
    """The list API's answers on one tab, by order number."""

    def __init__(self, page: Page) -> None:
        self._pending: set[Request] = set()
        self._unread: list[Response] = []
        self._orders: dict[str, dict[str, Any]] = {}
        page.on("request", self._sent)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._done)
        page.on("response", self._answered)

    def _sent(self, request: Request) -> None:
        if markup.LIST_API.search(request.url):
            self._pending.add(request)

    def _done(self, request: Request) -> None:
        self._pending.discard(request)

    def _answered(self, response: Response) -> None:
        if markup.LIST_API.search(response.url):
            self._unread.append(response)  # read later: no calls inside an event handler

    def pending(self) -> bool:
        return bool(self._pending)

    def order(self, number: str) -> dict[str, Any] | None:
        """The fields the shop sent for order ``number`` (None if no answer named it)."""
        self._read()
        return self._orders.get(number)

    def items(self, number: str) -> tuple[Item, ...] | None:
        fields = self.order(number)
        if fields is None:
            return None
        return tuple(Item(str(line["orderLineId"]), str(line.get("itemTitle", "")))
                     for line in fields.get("orderLines", ()) if line.get("orderLineId"))

    def _read(self) -> None:
        while self._unread:
            response = self._unread.pop(0)
            if response.status >= 500:
                raise SiteUnavailable(f"The shop's order list answered HTTP {response.status}.",
                                      hint="Try again in a few minutes.")
            try:
                doc = response.json()
            except Exception as exc:  # a body gone with a later navigation, or not JSON
                log.debug("An order list answer could not be read: %s", exc)
                continue
            # an answer that failed (an expired session) names no orders; the page itself
            # then goes to the sign-in, which the page object's wait tells apart
            blocks = ((doc.get("data") or {}).get("data") or {}) if isinstance(doc, dict) else {}
            for block in blocks.values():
                if isinstance(block, dict) and block.get("tag") == markup.LIST_ORDER_TAG:
                    fields = block.get("fields") or {}
                    if fields.get("orderId"):
                        self._orders[str(fields["orderId"])] = fields
