"""What the flows read off the shop's pages, as plain values (no browser objects)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.domain.vocabulary import ItemState, OrderStatus

__all__ = ["Confirmation", "Item", "ItemState", "OrderSummary"]


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    state: ItemState = ItemState.OPEN


@dataclass(frozen=True)
class OrderSummary:
    """One order as "Your Orders" shows it. ``status`` is an OrderStatus when the page's
    wording is known, else the page's own words."""

    id: str
    status: OrderStatus | str
    date: str | None
    seller: str | None
    items: tuple[Item, ...] = ()
    cancellable: bool = False  # a "Cancel items" control is offered

    def to_json(self) -> dict[str, object]:
        return {"order": self.id, "status": str(self.status), "date": self.date,
                "seller": self.seller, "cancellable": self.cancellable,
                "items": [{"id": i.id, "title": i.title} for i in self.items]}


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation screen says was requested."""

    order: str | None
    items: tuple[str, ...]
    reason: str | None = None
    texts: tuple[str, ...] = field(default=(), compare=False)
