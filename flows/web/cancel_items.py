"""CancelItemsPage: the reason drop-down, a checkbox per item, "Cancel selected items".

The reason drop-down is a custom component (a combobox button that opens a listbox), as on
the real shop: ``select_option`` would not work, so we click it open and click the option.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.domain.vocabulary import ItemState
from assistant.errors import PageChanged
from flows.model import Item, OrderSummary
from flows.web.confirmation import CancellationConfirmationPage
from flows.web.forms import (
    CHECKBOXES_JS,
    choose_option,
    dropdown_options,
    tick_exactly,
    ticked,
)
from flows.web.reading import item_state, read_block
from flows.web.refusals import raise_for_refusal
from flows.web.site import WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Locator


class CancelItemsPage:
    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.heading = page.get_by_role("heading", name=texts.exact("cancel.heading"), level=1)
        self.reason = page.get_by_role("combobox", name=texts.exact("cancel.reason"))
        self.options = page.get_by_role("listbox", name=texts.exact("cancel.reason")).get_by_role(
            "option")
        self.submit_button = page.get_by_role("button", name=texts.exact("cancel.submit"))
        self.notices = page.get_by_role("note").or_(page.get_by_role("status")).or_(
            page.get_by_role("alert"))
        self.form_alert = page.get_by_role("alert").filter(visible=True)
        self._items: list[Item] = []  # as ``items`` last read them
        self._left_open = False  # ``reasons`` has just left the drop-down open

    def arrive(self) -> CancelItemsPage:
        self.site.arrive(self.heading, "Cancel items")
        return self

    def order(self) -> OrderSummary:
        return read_block(self.site.page.get_by_role("main"), self.site.texts)

    def check_form(self, known: OrderSummary | None = None) -> None:
        """Raise why there is no form (shipped, seller refuses) or PageChanged if it is odd.

        ``known`` is the order as the list showed it (its seller and items); the status is
        taken from this page, which is newer.
        """
        page = self.site.page
        if page.locator(":root").filter(has=self.reason).filter(has=self.submit_button).count():
            return  # both, in one look
        notices = [t.strip() for t in self.notices.all_inner_texts() if t.strip()]
        shown = self.order()
        order = replace(known, status=shown.status) if known else shown
        raise_for_refusal(self.site, order, notices)
        missing = "the reason drop-down" if not self.reason.count() else \
            "the \"Cancel selected items\" button"
        raise PageChanged(f"The Cancel items page has no {missing}; nothing was submitted.",
                          hint="The shop may have changed its pages: see the screenshot "
                          "and trace.")

    def reasons(self) -> list[str]:
        """The drop-down's reasons; it stays open for ``fill`` to choose one."""
        offered = dropdown_options(self.reason, self.options, close=False)
        self._left_open = True
        return offered

    def items(self) -> list[Item]:
        boxes = self._section().evaluate(CHECKBOXES_JS)
        found = []
        for box in boxes:
            state = item_state(box["texts"], self.site.texts)
            if box["disabled"] and state is ItemState.OPEN:
                state = ItemState.REQUESTED  # greyed out without a word: not ours to tick
            found.append(Item(str(box["value"]), str(box["label"]), state))
        self._items = found
        return found

    def fill(self, reason: str, items: Sequence[str]) -> None:
        """Choose the reason, tick exactly ``items``, and check that the form shows that."""
        option = self.options.and_(self.site.page.get_by_role("option", name=reason,
                                                              exact=True)).first
        left_open, self._left_open = self._left_open, False
        choose_option(self.site, self.reason, self.options, option, left_open=left_open)
        tick_exactly(self._section(), items, ((i.id, i.state is ItemState.OPEN)
                                              for i in self._items or self.items()))
        # then both read back in one look: the boxes ticked, and the reason chosen
        picked = self.site.page.get_by_role("option", name=reason, exact=True, selected=True,
                                            include_hidden=True)
        shown, chosen = ticked(self._section(), picked)
        if not chosen and self._shown_reason() != reason:
            raise PageChanged(f"The reason drop-down does not show {reason!r} after choosing "
                              "it; nothing was submitted.", hint="See the screenshot and trace.")
        if sorted(shown) != sorted(items):
            raise PageChanged(f"The form has items {shown} ticked instead of {list(items)}; "
                              "nothing was submitted.", hint="See the screenshot and trace.")

    def _shown_reason(self) -> str:
        shown = self.reason.inner_text().strip().splitlines()
        return shown[0].strip() if shown else ""

    def submit(self) -> CancellationConfirmationPage:
        """The final click. The shop answers with the confirmation (or the form and an error)."""
        with self.site.page.expect_navigation(wait_until="domcontentloaded"):
            self.submit_button.first.click()
        if self.heading.first.is_visible():  # the shop answered with the cancel page again
            self.check_form()  # no form now: it shipped, or the seller refuses
            alert = self.form_alert.all_inner_texts()
            raise PageChanged(
                "The shop did not accept the form" + (f": {alert[0].strip()}" if alert else "")
                + ". The request was not made.", hint="See the screenshot and trace.")
        return CancellationConfirmationPage(self.site).arrive()

    def _section(self) -> Locator:
        """The part of the form listing the items (headed "Cancel Item" on the shop), else
        the page's main part (one locator: the main part only when the page has no such
        region, so that nothing is counted to choose)."""
        page = self.site.page
        section = page.get_by_role("region", name=self.site.texts.exact("cancel.items_section"))
        none = page.locator(":root").filter(has_not=section)
        return section.or_(none.get_by_role("main")).first
