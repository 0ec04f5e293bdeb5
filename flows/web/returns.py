"""The return pages of a delivered order, one page object each, in the shop's order:

"Returns/refunds" (a button that opens a NEW TAB) → the "Before you start" question
("Have you received the item?" → Yes) → the items, the "Return reason" drop-down and
"Describe the problem" → "Next step" → the review → "Submit" (on the real shop: then
"Confirm" in its modal window) → "We're reviewing your request".

Each control is found by its role and name first, then by its text or the real shop's markup
(flows/web/markup.py), so that the seed's pages and the real shop's plain divs both work.

The tab is a ``WebSite`` of its own (``ReturnsTab``), so every page object here waits for its
landmark and tells detours (sign-in, captcha, 5xx, a changed page) apart like the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.domain.vocabulary import ORDER_NUMBER_IN_TEXT
from assistant.errors import NotReturnable, PageChanged
from flows.web import markup, overlays
from flows.web.forms import CHECKBOXES_JS, dropdown_options, tick_exactly, ticked
from flows.web.reading import visible_texts
from flows.web.return_review import (
    ReturnItem,
    ReturnReviewPage,
    content,
    exactly,
    heading,
)
from flows.web.site import WebSite

__all__ = ["ReturnApplyPage", "ReturnItem", "ReturnsTab", "open_returns_tab", "returns_button"]

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page


@dataclass
class ReturnsTab(WebSite):
    """The tab the "Returns/refunds" button opened (the session's first tab stays as it was)."""

    tab: Page | None = field(default=None, kw_only=True)

    @property
    def page(self) -> Page:
        if self.tab is None:
            raise RuntimeError("the returns tab was not opened")
        return self.tab

    def close(self) -> None:
        if self.tab is not None and not self.tab.is_closed():
            self.tab.close()


def returns_button(scope: Locator, site: WebSite) -> Locator:
    """The "Returns/refunds" control inside ``scope`` (an order block or the order page)."""
    label = site.texts.exact("orders.returns")
    return scope.get_by_role("button", name=label).or_(scope.get_by_role("link", name=label))


def open_returns_tab(site: WebSite, scope: Locator) -> ReturnsTab:
    """Click "Returns/refunds" in ``scope`` and take the new tab it opens."""
    with site.page.context.expect_page(timeout=site.timeout_s * 1000) as opened:
        returns_button(scope, site).first.click()
    tab = opened.value
    tab.wait_for_load_state("domcontentloaded")
    overlays.install(tab, site.texts)
    return ReturnsTab(site.session, site.texts, tab=tab)


class ReturnApplyPage:
    """The first return page: the question, then items, reason and description."""

    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.heading = heading(site, "returns.heading")
        self.question = page.get_by_role("dialog", name=texts.exact("returns.before_you_start")
                                         ).or_(page.locator(markup.MODAL).filter(
                                             has_text=texts.anywhere("returns.question")))
        named = page.get_by_role("combobox", name=texts.exact("returns.reason"))
        self.reason = named.or_(page.locator(markup.DROPDOWN))
        self.options = page.get_by_role("listbox", name=texts.exact("returns.reason")
                                        ).get_by_role("option").or_(
                                            page.locator(markup.DROPDOWN_OPTION))
        self.description = page.get_by_role("textbox", name=texts.exact("returns.describe")
                                             ).or_(page.locator(markup.RETURN_DESCRIPTION))
        self.next_button = page.get_by_role("button", name=texts.exact("returns.next_step"))
        self.notices = page.get_by_role("note").or_(
            page.get_by_text(texts.starts("returns.refused"))).filter(visible=True)
        self.alert = page.get_by_role("alert").or_(
            page.locator(markup.RETURN_ERROR)).filter(visible=True)

    def arrive(self) -> ReturnApplyPage:
        self.site.arrive(self.heading, "Returns/refunds")
        return self

    def order_number(self) -> str | None:
        text = "\n".join(visible_texts(content(self.site.page)))
        label = self.site.texts.label_value("orders.order_id", text) or ""
        found = ORDER_NUMBER_IN_TEXT.search(label)
        return found.group(1) if found else None

    def answer_received(self) -> ReturnApplyPage:
        """"Have you received the item?" → Yes; then the form must show."""
        refused = self._refusal()
        if refused:
            raise NotReturnable(f"The shop offers no return: \"{refused}\" Nothing was "
                                "submitted.", hint="See the order page on the shop.")
        if self.question.count() and self.question.first.is_visible():
            self.question.first.get_by_role(
                "button", name=self.site.texts.exact("returns.received")).first.click()
        self.site.arrive(self.reason, "the return form")
        return self

    def _refusal(self) -> str | None:
        texts = [t.strip() for t in self.notices.all_inner_texts() if t.strip()]
        return next((t for t in texts if self.site.texts.starts("returns.refused").match(t)),
                    None)

    def items(self) -> list[ReturnItem]:
        found = []
        for box in self._section().evaluate(CHECKBOXES_JS):
            notes = [t for t in box["texts"]
                     if self.site.texts.exact("returns.item_returned").match(t)]
            found.append(ReturnItem(str(box["value"]), str(box["label"]),
                                    open=not box["disabled"] and not notes,
                                    note=notes[0] if notes else ""))
        return found

    def reasons(self) -> list[str]:
        return dropdown_options(self.reason.first, self.options)

    def fill(self, reason: str, items: Sequence[str], description: str = "") -> None:
        """Choose the reason, tick exactly ``items``, describe; check the form shows that."""
        self.reason.first.click()
        self.options.filter(has_text=exactly(reason)).first.click()
        shown = self.reason.first.inner_text().strip().splitlines()
        if not shown or shown[0].strip() != reason:
            raise PageChanged(f"The return reason drop-down does not show {reason!r} after "
                              "choosing it; nothing was submitted.",
                              hint="See the screenshot and trace.")
        tick_exactly(self._section(), items, ((i.id, i.open) for i in self.items()))
        shown = sorted(ticked(self._section())[0])
        if shown != sorted(items):
            raise PageChanged(f"The return form has items {shown} ticked instead of "
                              f"{sorted(items)}; nothing was submitted.",
                              hint="See the screenshot and trace.")
        if description:
            self.description.first.fill(description)

    def next_step(self) -> ReturnReviewPage:
        with self.site.page.expect_navigation(wait_until="domcontentloaded"):
            self.next_button.first.click()
        review = ReturnReviewPage(self.site)
        if self.heading.first.is_visible() and self.alert.count():  # the form again
            raise PageChanged(f"The shop did not accept the return form: "
                              f"{self.alert.first.inner_text().strip()} Nothing was submitted.",
                              hint="See the screenshot and trace.")
        return review.arrive()

    def _section(self) -> Locator:
        page = self.site.page
        section = page.get_by_role("region", name=self.site.texts.exact("returns.items_section")
                                   ).or_(page.locator(markup.RETURN_ITEMS))
        return section.first if section.count() else content(page)
