"""OrderPage: the real shop's page of one order (plain divs): its status line and the
notices under it, its "Cancel order" button; says why no cancel is offered.

The page shows no item IDs: the order (with its line IDs) comes from "My Orders", and this
page adds what it says now (its status, a pending request, a refusal).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.domain.vocabulary import ItemState, OrderStatus
from assistant.errors import NotCancellable, PageChanged
from flows.model import OrderSummary
from flows.web import markup
from flows.web.reading import cancel_control, status_of
from flows.web.refusals import raise_for_refusal
from flows.web.site import WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Locator


class OrderPage:
    def __init__(self, site: WebSite, order: OrderSummary) -> None:
        self.site = site
        self.known = order
        page = site.page
        self.content = page.locator(markup.ORDER_PAGE)
        self.status_line = page.locator(markup.ORDER_PAGE_STATUS)
        self.notices = page.locator(markup.ORDER_PAGE_NOTICE)

    def arrive(self) -> OrderPage:
        def shown() -> bool:  # the browser's own wait for the status line, then the address
            found = markup.ORDER_PAGE_URL.search(self.site.page.url)
            return self.site.reached(self.status_line) and bool(
                found and found.group(1) == self.known.id)

        self.site.wait_until(shown, f"the page of order {self.known.id}", poll_s=0)
        return self

    def _notices(self) -> list[str]:
        return [t.strip() for t in self.notices.all_inner_texts() if t.strip()]

    def requested(self) -> bool:
        """The page says a cancellation of the order is requested (the seller decides)."""
        texts = self.site.texts
        status = self.status_line.first.inner_text().strip()
        return bool(texts.exact("cancel.item_requested").match(status)) or any(
            texts.starts("detail.requested").match(n) for n in self._notices())

    def summary(self) -> OrderSummary:
        """The order as this page shows it now (items from the list, their state from here)."""
        texts = self.site.texts
        status_text = self.status_line.first.inner_text().strip()
        key = texts.which("status", status_text)
        requested = self.requested()
        status = status_of(key, status_text, requested=requested)
        state = ItemState.REQUESTED if requested else ItemState.OPEN
        if key == OrderStatus.CANCELLED:
            state = ItemState.CANCELLED
        return replace(self.known, status=status,
                       items=tuple(replace(i, state=state) for i in self.known.items),
                       cancellable=self.cancel_button().count() > 0)

    def cancel_button(self) -> Locator:
        return cancel_control(self.content, self.site.texts)

    def press_cancel(self) -> None:
        """Open the "Cancel order" window (``CancelWindow`` reads it)."""
        self.cancel_button().first.click()

    def why_not_cancellable(self, asked: tuple[str, ...]) -> OrderSummary:
        """No "Cancel order" here: raise why, or return the order when the page shows the
        asked items requested or cancelled already (a rerun reports the earlier request)."""
        order = self.summary()
        raise_for_refusal(self.site, order, self._notices())
        wanted = [i for i in order.items if not asked or i.id in asked]
        if wanted and all(i.state is not ItemState.OPEN for i in wanted):
            return order
        if order.status == OrderStatus.AWAITING_SHIPMENT:
            raise PageChanged(
                f"Order {order.id} is awaiting shipment, but its page offers no \"Cancel "
                f"order\" (looked for a button or link named like "
                f"{', '.join(self.site.texts.variants('orders.cancel_items'))} in "
                f"{markup.ORDER_PAGE}); nothing was submitted.",
                hint="The shop may have changed its pages: see the screenshot and trace.")
        raise NotCancellable(
            f"Order {order.id} cannot be cancelled now: the shop shows it as {order.status}. "
            "Nothing was submitted.", items=tuple(i.id for i in order.items),
            hint="See the order page on the shop; `assistant status` shows the case.")
