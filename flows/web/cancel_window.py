"""CancelWindow: the real shop's "Cancel order" window, for the WHOLE order.

A modal window over "My Orders" or the order's page: a custom reason drop-down ("Select
here", a list of plain divs), then "Submit". It offers no choice of items: every item of
the order is cancelled (``cancels_whole_order``). The window posts the request to the
shop's cancel API, whose answer names the order and its line IDs; then the order's page
says the request is with the seller. Both are read back as the confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import PageChanged
from flows.model import Confirmation, Item, ItemState, OrderSummary
from flows.surface import AlreadyRequested, refusal_names_items
from flows.web import markup
from flows.web.forms import choose_option, option_texts
from flows.web.order_page import OrderPage
from flows.web.reading import visible_texts
from flows.web.site import WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Route

    from flows.web.my_orders import MyOrdersPage

CHANGED = "The shop may have changed its pages: see the screenshot and trace."


class CancelWindow:
    """The open "Cancel order" window of one order (``order``: as "My Orders" listed it)."""

    cancels_whole_order = True

    def __init__(self, site: WebSite, order: OrderSummary) -> None:
        self.site = site
        self.order = order
        page, texts = site.page, site.texts
        named = page.get_by_role("dialog", name=texts.exact("cancel.heading"))
        self.window = named.or_(page.locator(markup.MODAL).filter(
            has_text=texts.anywhere("cancel.heading"))).filter(visible=True).first
        self.dropdown = self.window.get_by_role("combobox").or_(
            self.window.locator(markup.DROPDOWN)).first
        self.options = self.window.get_by_role("option").or_(
            self.window.locator(markup.DROPDOWN_OPTION))
        self.submit_button = self.window.get_by_role("button", name=texts.exact("cancel.submit"))
        self.error = self.window.locator(markup.MODAL_ERROR).filter(visible=True)
        self._reason: str | None = None
        self._left_open = False  # ``reasons`` has just left the drop-down open

    def arrive(self) -> CancelWindow:
        self.site.wait_for(self.window, "the Cancel order window")
        both = self.site.page.locator(":root").filter(has=self.dropdown).filter(
            has=self.submit_button)
        if both.count():
            return self  # both, in one look
        missing = [what for what, found in (
            (f"the reason drop-down (a combobox, or {markup.DROPDOWN})", self.dropdown),
            ("the Submit button (named "
             f"{self.site.texts.described('cancel.submit')})", self.submit_button))
            if not found.count()]
        if missing:
            raise PageChanged(f"The Cancel order window of order {self.order.id} has no "
                              f"{' and no '.join(missing)}; nothing was submitted.", hint=CHANGED)
        return self

    def reasons(self) -> list[str]:
        """The drop-down's reasons; it stays open for ``fill`` to choose one."""
        # looks, not the browser's wait: a wait lets the popup handlers click, and a click on
        # a popup's close button would close the drop-down again
        if not self.options.first.is_visible():
            self.dropdown.click()
        offered = self.site.wait_until(lambda: option_texts(self.options),
                                       "the reason drop-down")
        self._left_open = True
        return offered

    def close_dropdown(self) -> None:
        """Close the reason drop-down that ``reasons`` left open (nothing chosen)."""
        self._left_open = False
        if self.options.first.is_visible():
            self.dropdown.click()

    def items(self) -> list[Item]:
        """Every item of the order (the window lists none: it cancels them all)."""
        return list(self.order.items)

    def fill(self, reason: str, items: Sequence[str]) -> None:
        """Choose the reason; ``items`` must be every open item (the window cancels all)."""
        open_items = {i.id for i in self.order.items if i.state is ItemState.OPEN}
        if set(items) != open_items:
            raise PageChanged(f"The Cancel order window cancels the whole order "
                              f"({', '.join(sorted(open_items))}), not only {', '.join(items)}; "
                              "nothing was submitted.", hint="Pass --whole-order to cancel "
                              "every item, or let it ship and return the unwanted items.")
        left_open, self._left_open = self._left_open, False
        choose_option(self.site, self.dropdown, self.options,
                      self.options.filter(has_text=_exactly(reason)).first, left_open=left_open)
        shown = self.dropdown.inner_text().strip().splitlines()
        if not shown or shown[0].strip() != reason:
            raise PageChanged(f"The reason drop-down does not show {reason!r} after choosing "
                              "it; nothing was submitted.", hint="See the screenshot and trace.")
        self._reason = reason

    def screenshot(self, name: str) -> Path:
        path = self.site.session.evidence.screenshot(self.site.page, name)
        self.site.session.evidence.kept_on_success.append(path)
        return path

    def submit(self) -> Confirmation:
        """The final click; the shop's answer, then the order's page, read back."""
        answers: list[Any] = []

        def keep_answer(route: Route) -> None:
            # the window leaves for the order's page at once, taking the answer's body with
            # it: read it on its way to the page (the request and answer pass unchanged)
            response = route.fetch()
            try:
                answers.append(response.json())
            finally:
                route.fulfill(response=response)

        page = self.site.page
        page.route(markup.CANCEL_API, keep_answer)
        try:
            with page.expect_response(lambda r: bool(markup.CANCEL_API.search(r.url)),
                                      timeout=self.site.timeout_s * 1000):
                self.submit_button.first.click()
            return self._confirmation(answers[0] if answers else {})
        finally:
            # only now: ending the interception while the window's navigation to the
            # order's page is under way can stall that navigation and this call for good
            page.unroute(markup.CANCEL_API, keep_answer)

    def _confirmation(self, doc: Any) -> Confirmation:
        """The shop's answer ``doc`` checked, then the order's page read back."""
        ret = " ".join(doc.get("ret", [])) if isinstance(doc, dict) else ""
        if not ret.startswith("SUCCESS"):
            shown = [t.strip() for t in self.error.all_inner_texts() if t.strip()]
            said = shown[0] if shown else ret.split("::", 1)[-1]
            raise PageChanged(f"The shop did not accept the cancellation of order "
                              f"{self.order.id}: {said}. The request was not made.",
                              hint="See the screenshot and trace; `assistant status` shows "
                              "the case.")
        data = doc.get("data") or {}
        lines = tuple(str(i) for i in data.get("orderLineIds") or ())
        # the shop then shows the order's page, which says the seller has the request
        from_page = OrderPage(self.site, self.order).arrive().requested()
        return Confirmation(order=str(data.get("orderId") or "") or None,
                            items=lines if from_page else (), reason=self._reason,
                            texts=tuple(visible_texts(self.site.page.locator("body"))))


def open_cancel_window(site: WebSite, orders: MyOrdersPage, order: str,
                       asked: tuple[str, ...]) -> CancelWindow:
    """The "Cancel order" window of ``order``'s card on "My Orders" (the desktop's or the
    phone's), or, when the card has none, of its order page; raises AlreadyRequested or why
    the page offers none."""
    card = orders.find(order)
    summary = orders.summary(card, order)
    with refusal_names_items(summary):
        if summary.cancellable:  # its "Cancel order", as the card was read
            orders.press_cancel(card)
        else:
            page = orders.open_details(card, summary)
            if not page.cancel_button().count():
                raise AlreadyRequested(page.why_not_cancellable(asked))
            summary = page.summary()
            page.press_cancel()
        return CancelWindow(site, summary).arrive()


def _exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")
