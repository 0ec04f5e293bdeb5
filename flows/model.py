"""What the flows read off the shop's pages, as plain values (no browser objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ItemState(StrEnum):
    """An item as the cancel form shows it."""

    OPEN = "open"  # can be ticked
    REQUESTED = "requested"  # "Cancellation requested": a request is already with the shop
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    state: ItemState = ItemState.OPEN


@dataclass(frozen=True)
class OrderSummary:
    """One order as "Your Orders" shows it. ``status`` is the state document's name when the
    wording is known (e.g. "awaiting_shipment"), else the page's own words."""

    id: str
    status: str
    date: str | None
    seller: str | None
    items: tuple[Item, ...] = ()
    cancellable: bool = False  # a "Cancel items" control is offered

    def to_json(self) -> dict[str, object]:
        return {"order": self.id, "status": self.status, "date": self.date,
                "seller": self.seller, "cancellable": self.cancellable,
                "items": [{"id": i.id, "title": i.title} for i in self.items]}


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation screen says was requested."""

    order: str | None
    items: tuple[str, ...]
    reason: str | None = None
    texts: tuple[str, ...] = field(default=(), compare=False)
