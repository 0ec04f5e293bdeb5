"""What the order page showed, as plain values: the scheduler's facts are made of these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assistant.domain.vocabulary import ItemState, OrderStatus, status_words


@dataclass(frozen=True)
class OrderReading:
    """One order as its page shows it. ``status`` is an OrderStatus when the page's wording
    is known, else the page's own words."""

    order: str
    status: OrderStatus | str
    seller: str | None = None
    fulfilled_by_aliexpress: bool | None = None
    delivered_on: date | None = None
    items: dict[str, ItemState] = field(default_factory=dict)

    @property
    def status_words(self) -> str:
        return status_words(self.status)
