"""Cases in a given state, built the way the product gets there: through real transitions.

Shared by the domain and store tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from assistant.domain import Case, State

ORDER = "8190000000000001"
T0 = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
REASON = "No longer needed"
DAY = 60 * 24


def at(minutes: float) -> datetime:
    """``minutes`` after T0 (the case's clock in tests)."""
    return T0 + timedelta(minutes=minutes)


def _requested(c: Case) -> None:
    c.record_request(["1", "2"], reason=REASON, surface="web", at=at(0))


def _submitted(c: Case) -> None:
    _requested(c)
    c.submit_confirmed(at(1), next_check=at(120))


def _acknowledged(c: Case) -> None:
    _submitted(c)
    c.cancel_received(at(2))


def _cancelled(c: Case) -> None:
    _acknowledged(c)
    c.cancel_approved(at(40))


def _declined(c: Case) -> None:
    _acknowledged(c)
    c.cancel_declined(at(30))


def _awaiting(c: Case) -> None:
    _declined(c)
    c.shipped(at(31))


def _seller(c: Case) -> None:
    _acknowledged(c)
    c.seller_decides(at(40), seller="ACME Store")


def _failed(c: Case) -> None:
    _requested(c)
    c.fail(at(1), reason="Signed out during the submit", todo="Run `assistant login`")


def _return_requested(c: Case) -> None:
    _awaiting(c)
    c.delivered(at(5 * DAY), delivered_at=at(5 * DAY), return_by=at(35 * DAY),
                auto_return=True)
    c.return_requested(at(5 * DAY + 1), items=["1", "2"], reason="Changed my mind")


def _return_received(c: Case) -> None:
    _return_requested(c)
    c.return_received(at(6 * DAY))


def _refunded(c: Case) -> None:
    _return_received(c)
    c.refunded(at(7 * DAY))


STEPS: dict[State, Callable[[Case], None]] = {
    State.NEW: lambda c: None,
    State.REQUESTED: _requested,
    State.SUBMITTED: _submitted,
    State.ACKNOWLEDGED: _acknowledged,
    State.CANCELLED: _cancelled,
    State.DECLINED: _declined,
    State.AWAITING_DELIVERY: _awaiting,
    State.SELLER_CONTACT: _seller,
    State.FAILED: _failed,
    State.RETURN_REQUESTED: _return_requested,
    State.RETURN_RECEIVED: _return_received,
    State.REFUNDED: _refunded,
    State.DROPPED: lambda c: (_submitted(c), c.drop(at(3), detail="Dropped by the shopper")),
}


def case_in(state: State, order: str = ORDER) -> Case:
    """A new case of ``order`` driven into ``state``."""
    case = Case.open(order)
    STEPS[state](case)
    assert case.state is state, f"the builder reached {case.state}, not {state}"
    return case


# Every fact, applicable to any case, for property tests: (case, time, items) -> anything.
ITEMS = ["1", "2", "3", "4"]
Op = Callable[[Case, datetime, list[str]], object]

OPS: dict[str, Op] = {
    "ask": lambda c, t, i: c.record_request(c.new_items(i), reason="r", surface="web", at=t)
    if c.new_items(i) else None,
    "ask_raw": lambda c, t, i: c.record_request(i, reason="r", surface="web", at=t),
    "confirm": lambda c, t, i: c.submit_confirmed(t, next_check=t + timedelta(hours=1)),
    "fail_submit": lambda c, t, i: c.submit_failed(t, error="500", next_check=t),
    "shipped": lambda c, t, i: c.shipped(t, items=i),
    "seller_refuses": lambda c, t, i: c.seller_refuses(t, seller="S", items=i),
    "person": lambda c, t, i: c.fail(t, reason="captcha", todo="solve it"),
    "resume": lambda c, t, i: c.resume(t, next_check=t),
    "received": lambda c, t, i: c.cancel_received(t),
    "approved": lambda c, t, i: c.cancel_approved(t),
    "page_cancelled": lambda c, t, i: c.cancelled_on_page(t),
    "declined": lambda c, t, i: c.cancel_declined(t),
    "seller": lambda c, t, i: c.seller_decides(t, seller="S"),
    "closed": lambda c, t, i: c.order_closed(t),
    "delivered": lambda c, t, i: c.delivered(t, delivered_at=t, return_by=t + timedelta(30),
                                             auto_return=bool(len(i) % 2)),
    "return": lambda c, t, i: c.return_requested(t, items=i, reason="r"),
    "return_received": lambda c, t, i: c.return_received(t),
    "refund": lambda c, t, i: c.refunded(t),
}
