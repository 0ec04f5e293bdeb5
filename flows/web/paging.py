"""What both order lists ("Your Orders", "My Orders") do alike: page on with "View orders"
until an order shows up or the list ends, and say so when it never does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.errors import BadInput

if TYPE_CHECKING:
    from playwright.sync_api import Locator

MAX_PAGES = 100  # "View orders" clicks; an account with more than 1000 orders is not ours


class PagedList:
    """A list that loads more entries with "View orders"; ``more`` clicks it, if it is there."""

    def more(self) -> bool:
        raise NotImplementedError

    def load_all(self) -> None:
        pages = 0
        while pages < MAX_PAGES and self.more():
            pages += 1

    def page_until(self, find: Callable[[], Locator | None]) -> Locator | None:
        found, pages = find(), 0
        while found is None and pages < MAX_PAGES and self.more():
            found, pages = find(), pages + 1
        return found


def not_on_list(order: str, page: str) -> BadInput:
    return BadInput(f"Order {order} is not on this account's order list.",
                    hint=f"Check the number (16 digits, as on \"{page}\"); `assistant orders` "
                    "lists the account's orders. Nothing was submitted.")
