"""The values a case is made of: its states, events, requests and returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from assistant.errors import AssistantError

# How long the shop gives the seller to answer a cancellation request; a seller who stays
# silent that long has the order cancelled and the payment refunded.
SELLER_WINDOW = timedelta(hours=48)


class CaseError(AssistantError):
    """A move the case cannot make (a bug or a race in the caller, never a shop's answer)."""


class State(StrEnum):
    """Where a case stands. The values are the names `status --json` prints."""

    NEW = "new"  # built in memory, nothing happened yet; never saved
    REQUESTED = "requested"  # recorded, not yet confirmed by the shop's page
    SUBMITTED = "submitted"  # the confirmation screen was seen
    ACKNOWLEDGED = "acknowledged"  # the request-received mail came
    CANCELLED = "cancelled"
    DECLINED = "declined"  # refused by mail; not yet seen shipped on the page
    AWAITING_DELIVERY = "awaiting_delivery"
    RETURN_REQUESTED = "return_requested"
    RETURN_RECEIVED = "return_received"
    REFUNDED = "refunded"
    SELLER_CONTACT = "seller_contact"  # the shopper must write to the seller
    FAILED = "failed"  # a person is needed
    DROPPED = "dropped"  # the shopper stopped following it (`assistant drop`); nothing moves it


class RequestStatus(StrEnum):
    PENDING = "pending"  # recorded before the final click; the shop has not confirmed it
    SUBMITTED = "submitted"  # confirmed by the page or proven by a mail
    NOT_SUBMITTED = "not_submitted"  # the page offered no form: nothing was sent


def utc(at: datetime) -> datetime:
    """``at`` in UTC. Naive times are refused: a case's history must be unambiguous."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"needs a timezone-aware time, got: {at.isoformat()}")
    return at.astimezone(UTC)


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """The item IDs, stripped, without repeats, in their first order."""
    seen: dict[str, None] = {}
    for item in items:
        item = str(item).strip()
        if not item:
            raise ValueError("an item ID must not be empty")
        seen.setdefault(item, None)
    return tuple(seen)


def iso(at: datetime | None) -> str | None:
    return None if at is None else utc(at).isoformat()


@dataclass(frozen=True)
class Event:
    """Something that happened to the case: a page seen, a mail read, a check made."""

    at: datetime
    kind: str
    detail: str
    evidence: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"at": iso(self.at), "kind": self.kind, "detail": self.detail,
                "evidence": self.evidence}


@dataclass(frozen=True)
class Request:
    """One cancellation request: the items it asked for, why, and on which surface."""

    items: tuple[str, ...]
    reason: str
    surface: str
    at: datetime
    status: RequestStatus = RequestStatus.PENDING
    submitted_at: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        return {"items": list(self.items), "reason": self.reason, "surface": self.surface,
                "at": iso(self.at), "status": str(self.status),
                "submitted_at": iso(self.submitted_at)}


@dataclass(frozen=True)
class ReturnRequest:
    """One return request opened for delivered items."""

    items: tuple[str, ...]
    reason: str
    at: datetime

    def to_dict(self) -> dict[str, object]:
        return {"items": list(self.items), "reason": self.reason, "at": iso(self.at)}
