"""What the tick's findings do to a case: a page read, a return opened, retries given up.

Plain Python: the browser side hands over plain values (``OrderReading``); these functions
move the case through the domain's transitions and set its next check from the plan.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from assistant.domain import Case, State, wording
from assistant.domain.reading import OrderReading
from assistant.domain.vocabulary import Fact, ItemState, OrderStatus
from assistant.scheduler.plan import follow_up, send_back_by, waiting_todo
from assistant.scheduler.policy import SchedulePolicy


def apply_reading(case: Case, reading: OrderReading, now: datetime, policy: SchedulePolicy,
                  *, evidence: str | None = None, rng: random.Random | None = None) -> str:
    """Record what the order page shows; returns a sentence for the tick's report."""
    case.describe(seller=reading.seller, fulfilled_by_aliexpress=reading.fulfilled_by_aliexpress)
    before = case.state
    shown = f"the order page shows {reading.status_words}"
    if reading.status in (OrderStatus.CANCELLED, OrderStatus.CLOSED) \
            or _items_in(case, reading, ItemState.CANCELLED):
        case.cancelled_on_page(now, detail=f"The order page shows the order "
                               f"{reading.status_words}", evidence=evidence)
    elif reading.status == OrderStatus.SHIPPED:
        case.shipped(now, evidence=evidence)
    elif reading.status == OrderStatus.DELIVERED:
        delivered_at = _delivery_time(reading.delivered_on, now)
        case.delivered(now, delivered_at=delivered_at, return_by=policy.return_by(delivered_at),
                       auto_return=policy.auto_return, evidence=evidence)
    elif _items_in(case, reading, ItemState.REQUESTED):
        shown = "the order page shows the cancellation requested"
        case.checked(now, detail=_with_the_seller(case), next_check=None, evidence=evidence)
    else:
        case.checked(now, detail=f"The order page still shows {reading.status_words}",
                     next_check=None, evidence=evidence)
    case.schedule(follow_up(case, now, policy, rng))
    _remind(case, now, policy)
    moved = f"{before} -> {case.state}" if case.state is not before else f"still {case.state}"
    return f"{shown} ({moved})"


def _items_in(case: Case, reading: OrderReading, state: ItemState) -> bool:
    """Every item of the case shows ``state`` (e.g. Cancelled: a partial cancel of a bigger
    order)."""
    return bool(case.items) and all(reading.items.get(i) == state for i in case.items)


def _with_the_seller(case: Case) -> str:
    deadline = case.seller_deadline
    return "The order page shows the cancellation requested" + (
        "" if deadline is None else f"; the seller has until {wording.moment(deadline)} to "
        "answer")


def _delivery_time(day: date | None, now: datetime) -> datetime:
    """The page gives a day: its start in UTC counts (the earlier, safer end of the window)."""
    if day is None:
        return now
    return min(datetime.combine(day, time(0), tzinfo=UTC), now)


def record_return(case: Case, items: Iterable[str], reason: str, at: datetime,
                  policy: SchedulePolicy, *, evidence: str | None = None) -> str:
    """A return request the shop confirmed (or showed as made): the case says what comes next."""
    if case.state in (State.REQUESTED, State.SUBMITTED, State.ACKNOWLEDGED):
        # the page offers a return, so the order was delivered: the cancellation is moot
        case.shipped(at, detail="The order page offers a return: the order was delivered")
    request = case.return_requested(at, items=items, reason=reason, evidence=evidence)
    by = send_back_by(case, policy)
    # The domain clears the to-do on this move; the shopper's next job is the parcel.
    case.remind(f"Wait for the shop's review, then send the parcel with "
                f"{wording.items(request.items)} back by {wording.day(by)}")
    return (f"return of {wording.items(request.items)} opened (reason: {reason}); "
            f"send the parcel back by {wording.day(by)}")


def give_up(case: Case, at: datetime, policy: SchedulePolicy) -> str:
    """Too many failed submits in a row: the case waits for a person, with the evidence."""
    last = next((e for e in reversed(case.events) if e.kind == Fact.SUBMIT_FAILED), None)
    reason = (f"The cancellation request for {wording.items(case.pending_items())} could not "
              f"be submitted after {case.failures_in_a_row} tries"
              + (f" (last: {last.detail})" if last else ""))
    case.fail(at, reason=reason, evidence=None if last is None else last.evidence,
              todo=f"Check order {case.order} on the shop; when it works again, run "
              f"`assistant cancel {case.order}` (it never submits an item twice)")
    return reason


def wait(case: Case, at: datetime, policy: SchedulePolicy) -> str:
    """Nothing for the browser: only the next check and the to-do move."""
    case.schedule(follow_up(case, at, policy))
    _remind(case, at, policy)
    return case.todo or "nothing to do"


def _remind(case: Case, at: datetime, policy: SchedulePolicy) -> None:
    todo = waiting_todo(case, at, policy)
    if todo != case.todo:
        case.remind(todo)
