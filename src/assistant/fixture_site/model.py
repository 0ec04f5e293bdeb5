"""The shop's live records: orders and their items, requests, sent mails. Plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from assistant.fixture_site.scenario import OrderSpec


def iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat(timespec="seconds")


def money(amount: Decimal) -> str:
    return f"US ${amount:.2f}"


@dataclass(kw_only=True)
class Item:
    id: str
    title: str
    price: Decimal
    # active | cancel_requested | cancelled | return_requested | refunded
    status: str = "active"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "status": self.status,
                "price": money(self.price)}


@dataclass(kw_only=True)
class Order:
    id: str
    status: str
    placed_at: datetime
    seller: str
    fulfilled_by_aliexpress: bool
    cancel_outcome: str
    items: list[Item]
    delivery_after: timedelta
    delivered_at: datetime | None = None
    delivery_due: datetime | None = None

    @classmethod
    def from_spec(cls, spec: OrderSpec, start: datetime) -> Order:
        delivered = spec.delivered_days_ago
        return cls(
            id=spec.id, status=spec.status, placed_at=start - timedelta(hours=spec.age_hours),
            seller=spec.seller, fulfilled_by_aliexpress=spec.fulfilled_by_aliexpress,
            cancel_outcome=spec.cancel_outcome,
            items=[Item(id=i.id, title=i.title, price=i.price) for i in spec.items],
            delivery_after=timedelta(days=spec.delivery_after_days),
            delivered_at=None if delivered is None else start - timedelta(days=delivered),
        )

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def cancellable(self) -> bool:
        """The shop offers the cancel form: awaiting shipment and a seller that takes requests."""
        return self.status == "awaiting_shipment" and self.cancel_outcome != "seller_refuses"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "placed_at": iso(self.placed_at),
            "seller": self.seller, "fulfilled_by_aliexpress": self.fulfilled_by_aliexpress,
            "cancel_outcome": self.cancel_outcome, "items": [i.to_dict() for i in self.items],
            "delivered_at": iso(self.delivered_at), "delivery_due": iso(self.delivery_due),
        }


@dataclass(kw_only=True)
class CancelRequest:
    number: int
    order: str
    items: list[str]
    reason: str
    surface: str
    at: datetime
    result_due: datetime
    # pending | approved | declined | seller_contact
    outcome: str = "pending"

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "order": self.order, "items": list(self.items),
                "reason": self.reason, "surface": self.surface, "at": iso(self.at),
                "outcome": self.outcome, "result_due": iso(self.result_due)}


@dataclass(kw_only=True)
class ReturnRequest:
    number: int
    order: str
    items: list[str]
    reason: str
    description: str
    at: datetime
    refund_due: datetime
    # received | refunded
    status: str = "received"

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "order": self.order, "items": list(self.items),
                "reason": self.reason, "description": self.description, "at": iso(self.at),
                "status": self.status, "refund_due": iso(self.refund_due)}


@dataclass(kw_only=True)
class SentMail:
    to: str
    subject: str
    kind: str
    order: str | None
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"to": self.to, "subject": self.subject, "kind": self.kind,
                "order": self.order, "at": iso(self.at)}


@dataclass(order=True, kw_only=True)
class Event:
    """Something the shop does by itself when its clock passes ``due``."""

    due: datetime
    seq: int
    action: str = field(compare=False)   # cancel_result | deliver | refund
    order: str = field(compare=False)
    ref: int = field(default=0, compare=False)  # the request's number, if any

    def to_dict(self) -> dict[str, Any]:
        return {"due": iso(self.due), "action": self.action, "order": self.order}
