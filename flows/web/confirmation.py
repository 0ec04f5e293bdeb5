"""CancellationConfirmationPage: "Cancellation request submitted", the order and its items."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from assistant.domain.vocabulary import ORDER_NUMBER_IN_TEXT
from flows.model import Confirmation
from flows.web.reading import visible_texts
from flows.web.site import WebSite


class CancellationConfirmationPage:
    def __init__(self, site: WebSite) -> None:
        self.site = site
        self.heading = site.page.get_by_role(
            "heading", name=site.texts.exact("confirmation.heading"))

    def arrive(self) -> CancellationConfirmationPage:
        self.site.arrive(self.heading, "the cancellation confirmation")
        return self

    def read(self) -> Confirmation:
        """The order, items and reason the screen names (None/empty where it names none)."""
        texts = self.site.texts
        lines = visible_texts(self.site.page.get_by_role("main"))
        joined = "\n".join(lines)
        label = texts.label_value("orders.order_id", joined) or ""
        found = ORDER_NUMBER_IN_TEXT.search(label)
        order = found.group(1) if found else None
        if order is None:  # the real shop's texts get reworded; its URLs less so
            order = parse_qs(urlsplit(self.site.page.url).query).get("orderId", [None])[0]
        items = []
        for line in lines:
            if texts.starts("orders.item_id").match(line):
                value = texts.label_value("orders.item_id", line)
                if value and value not in items:
                    items.append(value)
        return Confirmation(order=order, items=tuple(items),
                            reason=texts.label_value("confirmation.reason", joined),
                            texts=tuple(lines))
