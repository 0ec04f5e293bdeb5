"""The fixture shop's state and behaviour: orders, requests, the clock, switches and mail.

One lock guards everything: the web server is threaded, and a clock advance must send every
mail that fell due and deliver every parcel before the tester's POST answers.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import zlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from assistant.fixture_site.auth import SignIn
from assistant.fixture_site.clock import ShopClock
from assistant.fixture_site.model import (
    CancelRequest,
    Event,
    Item,
    Order,
    ReturnRequest,
    SentMail,
    iso,
    money,
)
from assistant.fixture_site.outbox import Outbox, OutgoingMail
from assistant.fixture_site.rules import (
    ShopRefusal as ShopRefusal,  # re-exported: views import it from here
)
from assistant.fixture_site.rules import (
    check_cancellable,
    check_reason,
    check_returnable,
    chosen_items,
    known,
)
from assistant.fixture_site.scenario import Scenario
from assistant.fixture_site.switches import SwitchError, Switches

log = logging.getLogger(__name__)

PAGE_SIZE = 10
REFUND_AFTER = timedelta(days=2)
TABS = {  # the "Your Orders" tabs and the statuses each shows
    "all": None,
    "to_pay": ("awaiting_payment",),
    "shipped": ("shipped",),
    "processed": ("delivered", "cancelled", "closed"),
}


class Shop:
    """The whole state of one fixture site; every public method is thread-safe."""

    def __init__(self, scenario: Scenario, outbox: Outbox, *, start: datetime | None = None):
        self.scenario = scenario
        self.outbox = outbox
        self.lock = threading.RLock()
        self.clock = ShopClock(start)
        now = self.clock.now()
        self.orders: dict[str, Order] = {s.id: Order.from_spec(s, now) for s in scenario.orders}
        self.cancel_requests: list[CancelRequest] = []
        self.return_requests: list[ReturnRequest] = []
        self.emails: list[SentMail] = []
        self.withheld: list[OutgoingMail] = []
        self.switches = Switches()
        self._events: list[Event] = []
        self._seq = itertools.count()
        self.sign_in = SignIn(self)
        for order in self.orders.values():
            if order.status == "shipped":
                self._ship(order, now)

    # --- time -------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock.now()

    def advance(self, seconds: float) -> datetime:
        """Move the clock ahead, then do everything that fell due (mails, deliveries)."""
        with self.lock:
            now = self.clock.advance(seconds)
            self.run_due()
            return now

    def run_due(self) -> None:
        with self.lock:
            now = self.now()
            while self._events and self._events[0].due <= now:
                self._apply(heapq.heappop(self._events))

    def _schedule(self, due: datetime, action: str, order: str, ref: int = 0) -> None:
        heapq.heappush(self._events, Event(due=due, seq=next(self._seq), action=action,
                                           order=order, ref=ref))

    def _apply(self, event: Event) -> None:
        order = self.orders[event.order]
        if event.action == "cancel_result":
            self._cancel_result(order, self.cancel_requests[event.ref - 1], event.due)
        elif event.action == "deliver":
            order.status, order.delivered_at, order.delivery_due = "delivered", event.due, None
        elif event.action == "refund":
            request = self.return_requests[event.ref - 1]
            request.status = "refunded"
            items = self._items(order, request.items)
            for item in items:
                item.status = "refunded"
            self.mail("refund_issued", order, event.due, items=items,
                      amount=_total(items))

    # --- orders -------------------------------------------------------------------------
    def order(self, order_id: str) -> Order | None:
        with self.lock:
            return self.orders.get(order_id)

    def list_orders(self, *, tab: str = "all", query: str = "") -> list[Order]:
        """Newest first, as "Your Orders" shows them; ``query`` matches order numbers."""
        statuses = TABS.get(tab)
        query = "".join(query.split())
        with self.lock:
            found = [o for o in self.orders.values()
                     if (statuses is None or o.status in statuses) and query in o.id]
        return sorted(found, key=lambda o: o.placed_at, reverse=True)

    def request_cancel(self, order_id: str, item_ids: Iterable[str], reason: str,
                       surface: str) -> CancelRequest:
        """Validate, then record the request and send the "received" mail; or change nothing."""
        with self.lock:
            order = self._cancellable(order_id)
            check_reason(reason, self.scenario.cancel_reasons, "cancel")
            items = chosen_items(order, item_ids, "cancel")
            now = self.now()
            for item in items:
                item.status = "cancel_requested"
            number = len(self.cancel_requests) + 1
            request = CancelRequest(number=number, order=order.id, items=[i.id for i in items],
                                    reason=reason, surface=surface, at=now,
                                    result_due=now + _result_delay(order.id, number))
            self.cancel_requests.append(request)
            self.mail("cancel_received", order, now, items=items, reason=reason)
            self._schedule(request.result_due, "cancel_result", order.id, number)
            log.info("cancel request %d for order %s items %s", number, order.id, request.items)
            return request

    def request_return(self, order_id: str, item_ids: Iterable[str], reason: str,
                       description: str = "") -> ReturnRequest:
        with self.lock:
            order = known(self.orders, order_id)
            check_returnable(order)
            items = chosen_items(order, item_ids, "return")
            check_reason(reason, self.scenario.return_reasons, "return")
            now = self.now()
            for item in items:
                item.status = "return_requested"
            number = len(self.return_requests) + 1
            request = ReturnRequest(number=number, order=order.id, items=[i.id for i in items],
                                    reason=reason, description=description.strip(), at=now,
                                    refund_due=now + REFUND_AFTER)
            self.return_requests.append(request)
            self.mail("return_received", order, now, items=items, reason=reason)
            self._schedule(request.refund_due, "refund", order.id, number)
            return request

    def validate_return(self, order_id: str, item_ids: Iterable[str], reason: str) -> None:
        """The checks of request_return without its effects (the review step)."""
        with self.lock:
            order = known(self.orders, order_id)
            check_returnable(order)
            chosen_items(order, item_ids, "return")
            check_reason(reason, self.scenario.return_reasons, "return")

    def cancel_refusal(self, order_id: str) -> ShopRefusal | None:
        """Why the shop offers no cancel form for this order now (None: it offers one)."""
        with self.lock:
            try:
                self._cancellable(order_id)
            except ShopRefusal as refusal:
                return refusal
            return None

    def _cancellable(self, order_id: str) -> Order:
        order = known(self.orders, order_id)
        check_cancellable(order)
        return order

    @staticmethod
    def _items(order: Order, ids: list[str]) -> list[Item]:
        return [i for i in order.items if i.id in ids]

    def _cancel_result(self, order: Order, request: CancelRequest, at: datetime) -> None:
        items = self._items(order, request.items)
        if order.cancel_outcome == "approve":
            request.outcome = "approved"
            for item in items:
                item.status = "cancelled"
            if all(i.status == "cancelled" for i in order.items):
                order.status = "cancelled"
            self.mail("cancel_approved", order, at, items=items, reason=request.reason,
                      amount=_total(items))
        elif order.cancel_outcome == "decline_shipped":
            request.outcome = "declined"
            for item in items:
                item.status = "active"
            if order.status == "awaiting_shipment":
                self._ship(order, at)
            self.mail("cancel_declined", order, at, items=items, reason=request.reason)
        else:  # seller_decides: the third-party seller must be asked; nothing changes here
            request.outcome = "seller_contact"
            self.mail("seller_contact", order, at, items=items, reason=request.reason)

    def _ship(self, order: Order, at: datetime) -> None:
        order.status = "shipped"
        order.delivery_due = at + order.delivery_after
        self._schedule(order.delivery_due, "deliver", order.id)

    # --- mail ---------------------------------------------------------------------------
    def mail(self, kind: str, order: Order | None, at: datetime, *, items: Iterable[Any] = (),
             **context: str) -> None:
        """Send (or, while withheld, keep) one of the shop's mails."""
        full: dict[str, Any] = dict(context)
        if order is not None:
            full.update(order=order.id, seller=order.seller,
                        delivered_at=iso(order.delivered_at) or "")
        full["items"] = [{"id": i.id, "title": i.title} for i in items]
        mail = OutgoingMail(kind=kind, to=self.scenario.email, at=at,
                            order=None if order is None else order.id, context=full)
        with self.lock:
            if self.switches.withhold_mail:
                self.withheld.append(mail)
            else:
                self._deliver(mail)

    def _deliver(self, mail: OutgoingMail) -> None:
        subject = self.outbox.send(mail)
        self.emails.append(SentMail(to=mail.to, subject=subject, kind=mail.kind,
                                    order=mail.order, at=mail.at))

    # --- switches -----------------------------------------------------------------------
    def switch(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Apply a switch request; ``send`` is a one-off action, the rest persist."""
        with self.lock:
            payload = dict(payload)
            send, order_id = payload.pop("send", None), payload.pop("order", None)
            if send is not None and send != "order_closed":
                raise SwitchError(f"send must be 'order_closed', got: {send!r}")
            if send and not isinstance(order_id, str | int):
                raise SwitchError("send needs the order: {\"send\": \"order_closed\", "
                                  "\"order\": \"8190…\"}")
            if order_id is not None and not send:
                raise SwitchError("order goes with send")
            order = self.orders.get(str(order_id)) if send else None
            if send and order is None:
                raise SwitchError(f"unknown order {order_id!r}")
            if payload or not send:
                self.switches.update(payload)
            if order is not None:
                self.mail("order_closed", order, self.now())
            if not self.switches.withhold_mail:
                while self.withheld:
                    self._deliver(self.withheld.pop(0))
            return self.switches.to_dict()

    def page_request(self) -> bool:
        """Count one page request against the switches; True when it must answer 500."""
        with self.lock:
            self.run_due()
            if self.switches.http_500 > 0:
                self.switches.http_500 -= 1
                return True
            if self.switches.sign_out_after is not None:
                if self.switches.sign_out_after == 0:
                    self.sign_in.sign_out_everyone()
                    self.switches.sign_out_after = None
                else:
                    self.switches.sign_out_after -= 1
            return False

    # --- the state document -------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        with self.lock:
            self.run_due()
            sc = self.scenario
            return {
                "now": iso(self.now()),
                "clock_offset_seconds": self.clock.offset.total_seconds(),
                "scenario": sc.name,
                "account": {"email": sc.email, "password": sc.password},
                "cancel_reasons": list(sc.cancel_reasons),
                "return_reasons": list(sc.return_reasons),
                "orders": [o.to_dict() for o in self.orders.values()],
                "cancel_requests": [r.to_dict() for r in self.cancel_requests],
                "return_requests": [r.to_dict() for r in self.return_requests],
                "emails": [m.to_dict() for m in self.emails],
                "withheld_emails": [{"kind": m.kind, "order": m.order, "at": iso(m.at)}
                                    for m in self.withheld],
                "scheduled": [e.to_dict() for e in sorted(self._events)],
                "switches": self.switches.to_dict(),
                "sessions": self.sign_in.sessions_doc(),
                "refused_passwords": self.sign_in.refused_passwords,
                "mail": self.outbox.description,
            }


def _result_delay(order_id: str, number: int) -> timedelta:
    """10 to 60 minutes, the same for the same order and request number on every run."""
    return timedelta(minutes=10 + zlib.crc32(f"{order_id}:{number}".encode()) % 51)


def _total(items: Iterable[Item]) -> str:
    return money(sum((i.price for i in items), Decimal(0)))
