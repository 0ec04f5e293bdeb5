"""The return pages after the form: the review with "Submit" (on the real shop, then
"Confirm" in its modal window) and the confirmation; and what all return pages share: the
items as the form lists them, the page's title, its content, and reading a request back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.domain.vocabulary import ORDER_NUMBER_IN_TEXT
from flows.model import Confirmation
from flows.web import markup
from flows.web.reading import visible_texts
from flows.web.site import WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page


@dataclass(frozen=True)
class ReturnItem:
    """An item as the return form lists it; ``open`` False when it cannot be ticked."""

    id: str
    title: str
    open: bool = True
    note: str = ""  # e.g. "Return requested"


class ReturnReviewPage:
    """"Review your request": the items and reason, and "Submit" (the final click)."""

    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.heading = heading(site, "returns.review_heading")
        self.submit_button = page.get_by_role("button", name=texts.exact("returns.submit")).or_(
            page.locator(markup.RETURN_SUBMIT))
        self.confirm = page.get_by_role("dialog").or_(page.locator(markup.MODAL)).filter(
            visible=True).get_by_role("button", name=texts.exact("returns.confirm"))

    def arrive(self) -> ReturnReviewPage:
        self.site.arrive(self.heading, "the return review")
        return self

    def read(self, known: Sequence[ReturnItem] = ()) -> Confirmation:
        return _read_request(self.site, known)

    def submit(self) -> ReturnConfirmationPage:
        """The final click: "Submit", and "Confirm" where the shop asks for it; each once."""
        done = ReturnConfirmationPage(self.site)
        self.submit_button.first.click()
        step = self.site.wait_until(
            lambda: "done" if done.heading.first.is_visible() else
            "confirm" if self.confirm.first.is_visible() else None, "the return confirmation")
        if step == "confirm":
            self.confirm.first.click()
        return done.arrive()


class ReturnConfirmationPage:
    """"We're reviewing your request", naming the order and the items."""

    def __init__(self, site: WebSite) -> None:
        self.site = site
        self.heading = heading(site, "returns.confirmation")

    def arrive(self) -> ReturnConfirmationPage:
        self.site.arrive(self.heading, "the return confirmation")
        return self

    def read(self, known: Sequence[ReturnItem] = ()) -> Confirmation:
        return _read_request(self.site, known)


def heading(site: WebSite, key: str) -> Locator:
    """A page's title: a heading so named, or (plain markup) an element with that text."""
    name = site.texts.exact(key)
    return site.page.get_by_role("heading", name=name).or_(site.page.get_by_text(name))


def content(page: Page) -> Locator:
    """The page's main content, or its body where the page marks none."""
    main = page.get_by_role("main")
    return main.first if main.count() else page.locator("body")


def exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def _read_request(site: WebSite, known: Sequence[ReturnItem]) -> Confirmation:
    """The order, items and return reason a review or confirmation page names; items by
    their "Item ID:", or where the page shows no IDs, by the titles of the ``known`` items
    (as the return form listed them)."""
    texts = site.texts
    lines = visible_texts(content(site.page))
    joined = "\n".join(lines)
    found = ORDER_NUMBER_IN_TEXT.search(texts.label_value("orders.order_id", joined) or "")
    items: list[str] = []
    for line in lines:
        if texts.starts("orders.item_id").match(line):
            value = texts.label_value("orders.item_id", line)
            if value and value not in items:
                items.append(value)
    if not items:
        shown = set(lines)
        items = [i.id for i in known if i.title in shown]
    return Confirmation(order=found.group(1) if found else None, items=tuple(items),
                        reason=texts.label_value("returns.reason_label", joined),
                        texts=tuple(lines))
