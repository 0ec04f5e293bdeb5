"""A case's record and the web flow's moves (the mail and scheduler moves are in case.py).

A case: one order, the items asked for, the requests made, and everything that happened.

Plain Python: no browser, no mailbox, no clock. Callers pass the time (``at``) of each fact.
The state machine is the table in ``rules.py``; this class keeps the record consistent:
- an item is requested at most once per order (``new_items`` says which asked items are new);
- a request is recorded *before* the final click (status pending) and becomes submitted when
  the confirmation page is seen or a shop mail proves it arrived;
- every move, and every late or contradicting fact, leaves an event.

Transitions return True when they changed the case, False for an idempotent repeat (nothing
recorded) or a stale fact (an event recorded, the state kept); impossible moves raise CaseError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Self

from assistant.domain import wording
from assistant.domain.model import (
    CaseError,
    Event,
    Request,
    RequestStatus,
    ReturnRequest,
    State,
    unique,
    utc,
)
from assistant.domain.rules import RULES
from assistant.domain.vocabulary import WHOLE_ORDER, Fact, SurfaceName

SURFACES = tuple(SurfaceName)
# The only states in which a request may wait for its submit (a dropped case keeps what it
# knew: whether a pending request went through stays unknown).
_MAY_PEND = frozenset({State.REQUESTED, State.FAILED, State.DROPPED})


class Outcome(Enum):
    MOVE = "move"
    REPEAT = "repeat"
    STALE = "stale"


@dataclass(eq=False)
class CaseRecord:
    """What a case holds, its queries, and the moves of the web flow."""

    order: str
    state: State = State.NEW
    items: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    returns: list[ReturnRequest] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    attempts: int = 0  # submit attempts made, successful or not
    failures_in_a_row: int = 0  # failed submit attempts since the last confirmation
    next_check: datetime | None = None  # when the scheduler should look at this case again
    todo: str | None = None  # what the shopper must do, if anything
    seller: str | None = None
    fulfilled_by_aliexpress: bool | None = None
    delivered_at: datetime | None = None
    return_by: datetime | None = None
    failed_from: State | None = None  # the state to resume once a person has helped
    revision: int = 0  # the store's bookkeeping: how many times this case was saved

    @classmethod
    def open(cls, order: str) -> Self:
        order = order.strip()
        if not order:
            raise ValueError("an order number must not be empty")
        return cls(order=order)

    # -- queries ----------------------------------------------------------------------------
    def new_items(self, asked: Iterable[str]) -> tuple[str, ...]:
        """The asked items this case has never asked for, in the asked order."""
        return tuple(i for i in unique(asked) if i not in self.items)

    def name_whole_order(self, items: Iterable[str]) -> bool:
        """A pending request kept for the whole order (``WHOLE_ORDER``) names the items the
        order page shows that were never requested; with none left it is dropped."""
        for n, request in enumerate(self.requests):
            if request.status is RequestStatus.PENDING and request.items == (WHOLE_ORDER,):
                self.items.remove(WHOLE_ORDER)
                named = self.new_items(items)
                if named:
                    self.requests[n] = replace(request, items=named)
                    self.items.extend(named)
                else:
                    del self.requests[n]
                return True
        return False

    def pending_items(self) -> tuple[str, ...]:
        """Items recorded for a submit the shop has not confirmed yet (retry or resume these)."""
        return unique(i for r in self.requests if r.status is RequestStatus.PENDING
                      for i in r.items)

    def returned_items(self) -> tuple[str, ...]:
        return unique(i for r in self.returns for i in r.items)

    @property
    def last_event(self) -> Event | None:
        return self.events[-1] if self.events else None

    def describe(self, *, seller: str | None = None,
                 fulfilled_by_aliexpress: bool | None = None) -> None:
        """Remember what the order page says about who sells and ships the order."""
        if seller:
            self.seller = seller
        if fulfilled_by_aliexpress is not None:
            self.fulfilled_by_aliexpress = fulfilled_by_aliexpress

    # -- the web flow -----------------------------------------------------------------------
    def record_request(self, items: Iterable[str], *, reason: str, surface: str,
                       at: datetime) -> Request:
        """Record a request before its final click; raises if an item was requested before."""
        ids = unique(items)
        if not ids:
            raise CaseError(f"Order {self.order}: a request needs at least one item.")
        if surface not in SURFACES:
            raise ValueError(f"surface must be one of {', '.join(SURFACES)}, got: {surface!r}")
        again = [i for i in ids if i in self.items]
        if again:
            raise CaseError(f"Order {self.order}: {wording.items(again)} already requested; "
                            "an item is never requested twice.")
        request = Request(items=ids, reason=reason, surface=surface, at=utc(at))
        detail = wording.DETAILS[Fact.REQUESTED].format(items=wording.items(ids), reason=reason,
                                                     surface=surface)
        self._move(Fact.REQUESTED, at, detail)
        self.items.extend(ids)
        self.requests.append(request)
        self._settle(todo=None, next_check=None)
        return request

    def submit_confirmed(self, at: datetime, *, next_check: datetime | None = None,
                         detail: str | None = None,
                         evidence: Path | str | None = None) -> bool:
        """The confirmation page was seen (or the order page shows the items requested):
        pending requests are submitted. ``next_check``: when to look if no mail comes."""
        pending = self.pending_items()
        if not pending:
            return False  # confirmed already (a rerun that found nothing left to do)
        text = detail or wording.DETAILS[Fact.SUBMITTED].format(items=wording.items(pending))
        self._move(Fact.SUBMITTED, at, text, evidence, pending=RequestStatus.SUBMITTED)
        self.attempts += 1
        self.failures_in_a_row = 0
        self._settle(todo=None, next_check=next_check)
        return True

    def submit_failed(self, at: datetime, *, error: str, next_check: datetime | None,
                      evidence: Path | str | None = None) -> bool:
        """A submit attempt failed before the shop confirmed it; the caller sets the backoff."""
        pending = self.pending_items()
        if not pending:
            raise CaseError(f"Order {self.order}: no pending request to have failed.")
        detail = wording.DETAILS[Fact.SUBMIT_FAILED].format(items=wording.items(pending),
                                                         error=error)
        self._move(Fact.SUBMIT_FAILED, at, detail, evidence)
        self.attempts += 1
        self.failures_in_a_row += 1
        self._settle(todo=None, next_check=next_check)
        return True

    def shipped(self, at: datetime, *, items: Iterable[str] = (), detail: str | None = None,
                evidence: Path | str | None = None) -> bool:
        """The page offers no cancel form because the order shipped (Awaiting delivery)."""
        if self._outcome(Fact.SHIPPED) is not Outcome.STALE:
            self._remember(items)
        if not self._move(Fact.SHIPPED, at, detail or wording.DETAILS[Fact.SHIPPED], evidence):
            return False
        self._settle(todo=None, next_check=None)
        return True

    def seller_refuses(self, at: datetime, *, seller: str | None, items: Iterable[str] = (),
                       evidence: Path | str | None = None) -> bool:
        """The page says this third-party seller accepts no cancellation requests."""
        if self._outcome(Fact.SELLER_REFUSES) is not Outcome.STALE:
            self._remember(items)
        self.describe(seller=seller, fulfilled_by_aliexpress=False)
        detail = wording.DETAILS[Fact.SELLER_REFUSES].format(seller=self.seller or "")
        if not self._move(Fact.SELLER_REFUSES, at, detail, evidence):
            return False
        todo = wording.contact_seller_to_cancel(self.seller, self.order, self.items)
        self._settle(todo=todo, next_check=None)
        return True

    def fail(self, at: datetime, *, reason: str, todo: str,
             evidence: Path | str | None = None) -> bool:
        """A person is needed. ``todo`` says what they must do; ``resume`` picks up after."""
        before = self.state
        self._move(Fact.FAILED, at, reason, evidence)
        if before is not State.FAILED:
            self.failed_from = before
        self._settle(todo=todo, next_check=None)
        return True

    def resume(self, at: datetime, *, next_check: datetime | None = None) -> bool:
        """After a person helped (e.g. signed in again): back to the state before the failure."""
        if self.state is not State.FAILED:
            return False
        back = self.failed_from or State.REQUESTED
        self._event(at, Fact.RESUMED, f"Resumed as {back} after a person helped")
        self.state, self.failed_from = back, None
        self._settle(todo=None, next_check=next_check)
        return True

    # -- helpers shared with case.py -------------------------------------------------
    def _outcome(self, fact: str) -> Outcome:
        rule = RULES[fact]
        if self.state in rule.repeats:
            return Outcome.REPEAT
        if self.state in rule.stale:
            return Outcome.STALE
        if self.state in rule.moves:
            return Outcome.MOVE
        raise CaseError(f"Order {self.order}: cannot record '{fact}' while the case is "
                        f"{self.state}.")

    def _move(self, fact: str, at: datetime, detail: str, evidence: Path | str | None = None,
              *, pending: RequestStatus = RequestStatus.NOT_SUBMITTED) -> bool:
        """Apply ``fact`` per the rules: True if it moved the case (the event is recorded).

        A case that moves on while a request is pending settles that request as ``pending``
        says: not submitted (the shop moved on without it), or submitted (a mail proves it).
        """
        outcome = self._outcome(fact)
        if outcome is Outcome.REPEAT:
            return False
        if outcome is Outcome.STALE:
            self._event(at, fact, wording.stale(detail, self.state), evidence)
            return False
        self._event(at, fact, detail, evidence)
        to = RULES[fact].to
        if to is not None:
            self.state = to
            if to is not State.FAILED:
                self.failed_from = None
            if to not in _MAY_PEND:
                self._mark_pending(pending, at)
        return True

    def _event(self, at: datetime, kind: str, detail: str,
               evidence: Path | str | None = None) -> None:
        self.events.append(Event(utc(at), kind, detail, None if evidence is None
                                 else str(evidence)))

    def _settle(self, *, todo: str | None, next_check: datetime | None) -> None:
        self.todo = todo
        self.next_check = None if next_check is None else utc(next_check)

    def _remember(self, items: Iterable[str]) -> None:
        self.items.extend(self.new_items(items))

    def _mark_pending(self, status: RequestStatus, at: datetime) -> None:
        when = utc(at) if status is RequestStatus.SUBMITTED else None
        self.requests = [
            replace(r, status=status, submitted_at=when)
            if r.status is RequestStatus.PENDING else r
            for r in self.requests
        ]
