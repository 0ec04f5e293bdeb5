"""A case: one order, the items asked for, the requests made, and everything that happened.

The web flow's moves and the record itself are in ``record.py``; this module adds what the
shop's mail and the scheduler's page checks tell. The allowed moves are the table in
``rules.py``.

Declined is a state of its own, not an end: a decline mail means "refused, the order
shipped", but the assistant has not yet seen the order page say so. ``cancel_declined``
therefore schedules a page check (``next_check``, at once by default); the check moves the
case to ``awaiting_delivery`` (``shipped``) or straight on to ``delivered``. Both wait for the
parcel, then the return (orders sold and fulfilled by AliExpress) or seller contact.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.domain import wording
from assistant.domain.model import (
    SELLER_WINDOW,
    CaseError,
    RequestStatus,
    ReturnRequest,
    State,
    iso,
    unique,
    utc,
)
from assistant.domain.record import CaseRecord, Outcome
from assistant.domain.rules import MAIL_KINDS
from assistant.domain.vocabulary import Fact

Evidence = Path | str | None
# The states in which a submitted request waits for the seller's answer.
_SELLER_ANSWERS = frozenset({State.SUBMITTED, State.ACKNOWLEDGED, State.SELLER_CONTACT})


class Case(CaseRecord):
    """One order's cancellation case. Build it with ``Case.open(order)`` or from the store."""

    # -- the shop's mail (and the page check that stands for a lost one) ----------------
    def cancel_received(self, at: datetime, *, next_check: datetime | None = None,
                        detail: str | None = None, evidence: Evidence = None) -> bool:
        """The request-received mail. ``next_check``: when to look at the page if no result."""
        return self._mail(Fact.CANCEL_RECEIVED, at, detail, evidence, next_check=next_check)

    def cancel_approved(self, at: datetime, *, detail: str | None = None,
                        evidence: Evidence = None) -> bool:
        return self._mail(Fact.CANCEL_APPROVED, at, detail, evidence)

    def cancel_declined(self, at: datetime, *, next_check: datetime | None = None,
                        detail: str | None = None, evidence: Evidence = None) -> bool:
        """Refused because it shipped; the page is checked at ``next_check`` (default: ``at``)."""
        return self._mail(Fact.CANCEL_DECLINED, at, detail, evidence,
                          next_check=at if next_check is None else next_check)

    def seller_decides(self, at: datetime, *, seller: str | None = None,
                       detail: str | None = None, evidence: Evidence = None) -> bool:
        """The mail says the third-party seller decides: the shopper must contact them."""
        self.describe(seller=seller, fulfilled_by_aliexpress=False)
        text = detail or wording.DETAILS[Fact.SELLER_CONTACT].format(seller=self.seller or "")
        return self._mail(Fact.SELLER_CONTACT, at, text, evidence,
                          todo=wording.contact_seller_to_cancel(self.seller, self.order,
                                                                self.items))

    def order_closed(self, at: datetime, *, detail: str | None = None,
                     evidence: Evidence = None) -> bool:
        """The ambiguous "order … is closed" mail: no guess; the page is checked at once
        (for a failed case: once a person has helped and it resumes)."""
        if not self._move(Fact.ORDER_CLOSED, at, detail or wording.DETAILS[Fact.ORDER_CLOSED],
                          evidence):
            return False
        if self.state is not State.FAILED:
            self.next_check = utc(at)
        return True

    def return_received(self, at: datetime, *, send_back_by: datetime | None = None,
                        detail: str | None = None, evidence: Evidence = None) -> bool:
        todo = None if send_back_by is None else wording.send_back(utc(send_back_by))
        return self._mail(Fact.RETURN_RECEIVED, at, detail, evidence, todo=todo)

    def refunded(self, at: datetime, *, detail: str | None = None,
                 evidence: Evidence = None) -> bool:
        return self._mail(Fact.REFUND_ISSUED, at, detail, evidence)

    def cancelled_on_page(self, at: datetime, *, detail: str | None = None,
                          evidence: Evidence = None) -> bool:
        """A page check shows the order (or the requested items) Cancelled."""
        return self._mail(Fact.PAGE_CANCELLED, at, detail, evidence)

    def apply_mail(self, kind: str, at: datetime, *, seller: str | None = None,
                   next_check: datetime | None = None, detail: str | None = None,
                   evidence: Evidence = None) -> bool:
        """Apply a shop mail by its kind (the mail rules' names); other kinds raise
        ValueError."""
        if kind not in MAIL_KINDS:
            raise ValueError(f"not a mail about a case: {kind!r}")
        if kind == Fact.SELLER_CONTACT:
            return self.seller_decides(at, seller=seller, detail=detail, evidence=evidence)
        if kind in ("cancel_received", "cancel_declined"):
            move = self.cancel_received if kind == Fact.CANCEL_RECEIVED else self.cancel_declined
            return move(at, next_check=next_check, detail=detail, evidence=evidence)
        simple = {"cancel_approved": self.cancel_approved, "order_closed": self.order_closed,
                  "return_received": self.return_received, "refund_issued": self.refunded}
        return simple[kind](at, detail=detail, evidence=evidence)

    # -- the scheduler's page checks and the return flow ------------------------------------
    def delivered(self, at: datetime, *, delivered_at: datetime, return_by: datetime,
                  auto_return: bool, evidence: Evidence = None) -> bool:
        """The page shows the order delivered: the return window runs until ``return_by``.

        Orders sold and fulfilled by AliExpress wait in ``awaiting_delivery`` with the return
        due now (``auto_return``) or a to-do for the shopper; a third-party seller's order
        ends in ``seller_contact``, saying to ask the seller for a return.
        """
        if self.delivered_at is not None and self._outcome(Fact.DELIVERED) is Outcome.MOVE:
            return False  # seen delivered before
        detail = wording.DETAILS[Fact.DELIVERED].format(delivered=wording.day(utc(delivered_at)),
                                                     return_by=wording.day(utc(return_by)))
        third_party = self.fulfilled_by_aliexpress is False or self.state is State.SELLER_CONTACT
        if not self._move(Fact.DELIVERED, at, detail, evidence):
            return False
        self.delivered_at, self.return_by = utc(delivered_at), utc(return_by)
        left = [i for i in self.items if i not in self.returned_items()]
        if third_party:
            self.state = State.SELLER_CONTACT
            self._settle(todo=wording.contact_seller_to_return(self.seller, self.order, left),
                         next_check=None)
        elif auto_return:
            self._settle(todo=None, next_check=at)
        else:
            self._settle(todo=wording.request_return(self.order, left, self.return_by),
                         next_check=None)
        return True

    def return_requested(self, at: datetime, *, items: Iterable[str], reason: str,
                         next_check: datetime | None = None,
                         evidence: Evidence = None) -> ReturnRequest:
        """A return request was submitted; an item is returned at most once."""
        ids = unique(items)
        again = [i for i in ids if i in self.returned_items()]
        if not ids or again:
            raise CaseError(f"Order {self.order}: a return needs items not returned before "
                            f"(asked: {', '.join(ids) or 'none'}).")
        detail = wording.DETAILS[Fact.RETURN_REQUESTED].format(items=wording.items(ids),
                                                            reason=reason)
        self._move(Fact.RETURN_REQUESTED, at, detail, evidence)
        request = ReturnRequest(items=ids, reason=reason, at=utc(at))
        self.returns.append(request)
        self._settle(todo=None, next_check=next_check)
        return request

    def checked(self, at: datetime, *, detail: str, next_check: datetime | None,
                evidence: Evidence = None) -> bool:
        """A page check that changed nothing (e.g. still "Awaiting shipment")."""
        self._move(Fact.PAGE_CHECKED, at, detail, evidence)
        self.schedule(next_check)
        return True

    def schedule(self, next_check: datetime | None) -> None:
        """Only move the next check (no event): e.g. a retry's backoff."""
        self.next_check = None if next_check is None else utc(next_check)

    def remind(self, todo: str | None) -> None:
        """Only change what the shopper must do (no event): e.g. a return window closing."""
        self.todo = todo

    def drop(self, at: datetime, *, detail: str) -> bool:
        """The shopper stops following the case: its history stays, nothing is due again."""
        if not self._move(Fact.DROPPED, at, detail):
            return False
        self._settle(todo=None, next_check=None)
        return True

    # -- views ------------------------------------------------------------------------------
    @property
    def seller_deadline(self) -> datetime | None:
        """Until when the seller may answer the latest submitted request (``SELLER_WINDOW``
        after the shop confirmed it), while the case waits for that answer; else None."""
        waiting = self.failed_from if self.state is State.FAILED else self.state
        if waiting not in _SELLER_ANSWERS:
            return None
        submitted = [r.submitted_at for r in self.requests if r.submitted_at is not None]
        return max(submitted) + SELLER_WINDOW if submitted else None

    def to_dict(self) -> dict[str, Any]:
        """The case as `assistant status --json` shows it (JSON-ready values)."""
        return {
            "order": self.order, "items": list(self.items), "state": str(self.state),
            "attempts": self.attempts, "events": [e.to_dict() for e in self.events],
            "next_check": iso(self.next_check), "todo": self.todo,
            "seller_deadline": iso(self.seller_deadline),
            "requests": [r.to_dict() for r in self.requests],
            "returns": [r.to_dict() for r in self.returns],
            "seller": self.seller, "fulfilled_by_aliexpress": self.fulfilled_by_aliexpress,
            "delivered_at": iso(self.delivered_at), "return_by": iso(self.return_by),
            "pending_items": list(self.pending_items()),
        }

    # -- helpers ----------------------------------------------------------------------------
    def _mail(self, kind: str, at: datetime, detail: str | None, evidence: Evidence, *,
              todo: str | None = None, next_check: datetime | None = None) -> bool:
        """Apply a mail. A cancellation result proves a pending request reached the shop."""
        proof = kind in ("cancel_received", "cancel_approved", "cancel_declined",
                         "seller_contact", "page_cancelled")
        clicked = proof and bool(self.pending_items())
        if not self._move(kind, at, detail or wording.DETAILS[kind], evidence,
                          pending=RequestStatus.SUBMITTED if proof
                          else RequestStatus.NOT_SUBMITTED):
            return False
        if clicked:
            self.attempts += 1  # the click went through, though its page was not seen
            self.failures_in_a_row = 0
        self._settle(todo=todo, next_check=next_check)
        return True
