"""What is due next for a case, and when to look again: the scheduler's decisions.

Plain Python over a case, a time and the policy: no browser, no store, no clock. The case's
``next_check`` (kept in the store) is the one source of truth for *when*; ``next_step`` says
*what* the tick does once it is due, and ``follow_up`` sets the next ``next_check`` after a
fact (a page read, a mail, a return opened).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from assistant.domain import Case, State, wording
from assistant.domain.model import SELLER_WINDOW
from assistant.domain.vocabulary import Fact
from assistant.scheduler.policy import SchedulePolicy

# Facts that tell when the assistant learned the order had shipped (the delivery wait's start).
_SHIPPED_EVENTS = (Fact.SHIPPED, Fact.CANCEL_DECLINED)
# How long after the seller's deadline the order page is looked at: the shop cancels the
# order of a silent seller when the deadline passes, and its own clock may run a little late.
AFTER_SELLER_DEADLINE = timedelta(minutes=10)
_CHECK_PAGE_STATES = frozenset({State.SUBMITTED, State.ACKNOWLEDGED, State.DECLINED,
                                State.SELLER_CONTACT})


class Action(StrEnum):
    SUBMIT = "submit"  # retry the pending cancellation request (browser)
    CHECK_PAGE = "check_page"  # read the order's page (browser)
    OPEN_RETURN = "open_return"  # open a return for the delivered items (browser)
    GIVE_UP = "give_up"  # the submit failed too often: a person is needed
    WAIT = "wait"  # nothing for the browser: only the next check or the to-do changes


BROWSER_ACTIONS = frozenset({Action.SUBMIT, Action.CHECK_PAGE, Action.OPEN_RETURN})


@dataclass(frozen=True)
class Step:
    action: Action
    why: str

    @property
    def needs_browser(self) -> bool:
        return self.action in BROWSER_ACTIONS


def next_step(case: Case, now: datetime, policy: SchedulePolicy) -> Step | None:
    """The work due for ``case`` at ``now``; None when nothing is due."""
    if case.next_check is None or case.next_check > now:
        return None
    state = case.state
    if state is State.REQUESTED:
        if not case.pending_items():
            return Step(Action.CHECK_PAGE, "requested, but no request waits for its submit")
        if case.failures_in_a_row >= policy.retry_limit:
            return Step(Action.GIVE_UP, f"{case.failures_in_a_row} failed submits in a row")
        return Step(Action.SUBMIT, f"retry after {case.failures_in_a_row} failed submit(s)"
                    if case.failures_in_a_row else "the request was recorded, not yet submitted")
    if state in _CHECK_PAGE_STATES:
        return Step(Action.CHECK_PAGE, _why_check(case, now))
    if state is State.AWAITING_DELIVERY:
        if case.delivered_at is None:
            end = delivery_deadline(case, now, policy)
            if now >= end:
                return Step(Action.WAIT, "no delivery within the delivery wait")
            return Step(Action.CHECK_PAGE, "awaiting delivery: the daily look at the order")
        if returnable_items(case) and policy.auto_return and case.return_by is not None \
                and now <= case.return_by:
            return Step(Action.OPEN_RETURN, "delivered: the return window is open")
        return Step(Action.WAIT, "delivered; the return is up to the shopper")
    return Step(Action.WAIT, f"nothing to do for a {state} case")


def _why_check(case: Case, now: datetime) -> str:
    last = case.last_event
    if last is not None and last.kind == Fact.ORDER_CLOSED:
        return "the shop's \"order closed\" mail says nothing clear"
    if case.state is State.DECLINED:
        return "declined by mail: is it shipped?"
    deadline = case.seller_deadline
    if deadline is not None and now >= deadline:
        return "the seller's 48 hours to answer are over"
    return "no result yet"


def follow_up(case: Case, at: datetime, policy: SchedulePolicy,
              rng: random.Random | None = None) -> datetime | None:
    """When the scheduler should look at ``case`` again, after a fact known at ``at``."""
    state = case.state
    if state is State.REQUESTED:
        return retry_at(case, at, policy, rng) if case.pending_items() \
            else at + policy.no_result_wait
    if state in (State.SUBMITTED, State.ACKNOWLEDGED):
        return while_the_seller_decides(case, at, policy)
    if state is State.DECLINED:  # a fresh decline mail asks for a look at once (the domain
        return at + policy.delivery_check_every  # sets that); after a look: daily
    if state is State.AWAITING_DELIVERY:
        if case.delivered_at is not None:
            due_return = (returnable_items(case) and policy.auto_return
                          and case.return_by is not None and at <= case.return_by)
            return at if due_return else None
        end = delivery_deadline(case, at, policy)
        return None if at >= end else min(at + policy.delivery_check_every, end)
    return None  # settled, waiting on the shop's mail, or on a person


def while_the_seller_decides(case: Case, at: datetime, policy: SchedulePolicy) -> datetime:
    """A submitted request: one look at the order page after the no-result wait (most
    requests are settled within the hour, and the shop's mail may be lost), then, once the
    page has shown the request still with the seller, a look just after the seller's
    deadline, when the shop cancels the order of a silent seller. Past the deadline and
    still unsettled: a look every no-result wait."""
    soon = at + policy.no_result_wait
    deadline = case.seller_deadline
    if deadline is None or at >= deadline:
        return soon
    after = deadline + AFTER_SELLER_DEADLINE
    looked = any(e.kind == Fact.PAGE_CHECKED and e.at >= deadline - SELLER_WINDOW
                 for e in case.events)
    return after if looked else min(soon, after)


def retry_at(case: Case, at: datetime, policy: SchedulePolicy,
             rng: random.Random | None = None) -> datetime:
    """The next submit try: exponential backoff on the failures in a row, with jitter."""
    wait = policy.backoff(max(1, case.failures_in_a_row))
    spread = (rng or random).uniform(-policy.retry_jitter, policy.retry_jitter)
    return at + wait * (1 + spread)


def shipped_since(case: Case) -> datetime | None:
    """When the assistant first learned the order had shipped (page or decline mail)."""
    return next((e.at for e in case.events if e.kind in _SHIPPED_EVENTS), None)


def delivery_deadline(case: Case, at: datetime, policy: SchedulePolicy) -> datetime:
    """Until when the assistant waits for the parcel of a shipped order."""
    return (shipped_since(case) or at) + policy.delivery_wait


def returnable_items(case: Case) -> tuple[str, ...]:
    """The case's items not returned yet."""
    returned = set(case.returned_items())
    return tuple(i for i in case.items if i not in returned)


def waiting_todo(case: Case, at: datetime, policy: SchedulePolicy) -> str | None:
    """What the shopper should know while the case waits, when a window is closing."""
    if case.state is not State.AWAITING_DELIVERY:
        return case.todo
    if case.delivered_at is None:
        end = delivery_deadline(case, at, policy)
        if at >= end:
            return (f"Order {case.order} has not been delivered {policy.delivery_wait.days} "
                    f"days after it shipped: ask AliExpress for a refund of the undelivered "
                    f"parcel on the order's page (the assistant has stopped checking it)")
        if at >= end - policy.window_warning:
            return (f"Order {case.order} is still not delivered: if it has not arrived by "
                    f"{wording.day(end)}, ask AliExpress for a refund of the undelivered "
                    "parcel on the order's page")
        return None
    left = returnable_items(case)
    if left and case.return_by is not None and at > case.return_by:
        return (f"The return window of order {case.order} ended on "
                f"{wording.day(case.return_by)}: ask AliExpress (Help Center) about a late "
                f"return of {wording.items(left)}")
    return case.todo


def after_mail(case: Case, at: datetime, policy: SchedulePolicy,
               rng: random.Random | None = None) -> bool:
    """Fill in what a mail left open: the next check, and the send-back date of a return.

    Returns True when it changed the case. A mail that set its own next check (a decline:
    look now; "order closed": look now) keeps it.
    """
    changed = False
    if case.next_check is None:
        due = follow_up(case, at, policy, rng)
        if due is not None:
            case.schedule(due)
            changed = True
    if case.state is State.RETURN_RECEIVED and case.todo is None:
        case.remind(wording.send_back(send_back_by(case, policy)))
        changed = True
    return changed


def send_back_by(case: Case, policy: SchedulePolicy) -> datetime:
    """The last day to send a return's parcel back, counted from the latest return request."""
    opened = max((r.at for r in case.returns), default=None)
    received = next((e.at for e in reversed(case.events) if e.kind == Fact.RETURN_RECEIVED), None)
    start = received or opened
    if start is None:
        raise ValueError(f"order {case.order}: no return to send back")
    return start + policy.send_back_within
