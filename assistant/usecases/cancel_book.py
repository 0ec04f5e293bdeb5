"""The cancel use case's bookkeeping: what it tells the case record, and when.

Every write is one store transaction, made at the moment the fact is known: the request
before the final click, the confirmation after it, the refusal when the page shows it.
When the scheduler looks at the case next is the scheduler's plan (``follow_up``,
``retry_at``), so every path agrees on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from assistant.domain import Case, CaseError
from assistant.errors import (
    Blocked,
    PersonNeeded,
    SellerRefuses,
    ShippedAlready,
    SiteUnavailable,
)
from assistant.scheduler.plan import follow_up, retry_at
from assistant.scheduler.policy import SchedulePolicy
from assistant.store import CaseStore

log = logging.getLogger(__name__)

UNKNOWN_REASON = "unknown (found requested on the order page)"


class CaseBook:
    """Reads and writes one order's case."""

    def __init__(self, store: CaseStore, order: str, now: Callable[[], datetime],
                 schedule: SchedulePolicy) -> None:
        self.store = store
        self.order = order
        self.now = now
        self.schedule = schedule
        self._unclear = False  # a final click whose confirmation did not match was recorded

    def _save(self, case: Case) -> None:
        """Save ``case`` with the scheduler's next look at it after what just happened."""
        case.schedule(follow_up(case, self.now(), self.schedule))
        self.store.save(case)

    def get(self) -> Case | None:
        return self.store.get(self.order)

    def _case(self) -> Case:
        return self.get() or Case.open(self.order)

    def seen_requested(self, items: tuple[str, ...], *, surface: str) -> None:
        """The page shows ``items`` requested: record them as submitted, never submit them.

        Pending requests are confirmed only when the page shows all of their items: others
        are about to be submitted again (the click of a run that died never arrived).
        """
        case = self._case()
        changed = case.name_whole_order(items)
        unknown = case.new_items(items)
        if unknown:  # requested by an earlier run that died, or by hand on the website
            try:
                case.record_request(unknown, reason=UNKNOWN_REASON, surface=surface,
                                    at=self.now())
                changed = True
            except CaseError as exc:  # e.g. the case says shipped: keep what it knows
                log.warning("Not recording %s for order %s: %s", unknown, self.order, exc)
        pending = set(case.pending_items())
        if pending and pending <= set(items):
            changed = case.submit_confirmed(self.now()) or changed
        if changed:
            self._save(case)

    def record_request(self, items: tuple[str, ...], *, reason: str, surface: str,
                       seller: str | None) -> None:
        """Before the final click: the request, pending. Items pending already are kept."""
        case = self._case()
        case.describe(seller=seller)
        case.name_whole_order(items)
        new = case.new_items(items)
        if new:
            case.record_request(new, reason=reason, surface=surface, at=self.now())
        self.store.save(case)

    def submitted(self) -> Case:
        """The confirmation screen named this order and these items."""
        case = self._case()
        case.submit_confirmed(self.now())
        self._save(case)
        return case

    def confirmation_unclear(self, error: str) -> None:
        """After the final click the screen did not confirm: look at the page again soon."""
        case = self._case()
        if case.pending_items():
            case.submit_failed(self.now(), error=error, next_check=self.now())
            self.store.save(case)
            self._unclear = True

    def record_failure(self, exc: BaseException, *, plan: tuple[tuple[str, ...], str] | None,
                       asked: tuple[str, ...], surface: str,
                       evidence: Path | None) -> None:
        """What a failed run leaves in the case, so the scheduler or a person goes on."""
        try:
            self._record_failure(exc, plan, asked, surface, evidence)
        except CaseError as problem:  # never hide the run's own error behind this one
            log.warning("Could not record the failure on order %s: %s", self.order, problem)

    def _record_failure(self, exc: BaseException, plan: tuple[tuple[str, ...], str] | None,
                        asked: tuple[str, ...], surface: str, evidence: Path | None) -> None:
        at = self.now()
        if isinstance(exc, ShippedAlready):
            case = self._case()
            if case.shipped(at, items=asked or exc.items, evidence=evidence):
                self._save(case)  # checked daily for the delivery, then the return
        elif isinstance(exc, SellerRefuses):
            case = self._case()
            if case.seller_refuses(at, seller=exc.seller, items=asked or exc.items,
                                   evidence=evidence):
                self._save(case)
        elif isinstance(exc, SiteUnavailable) and not self._unclear:
            self._gave_up(exc, plan, surface, evidence)
        elif isinstance(exc, PersonNeeded) and not isinstance(exc, Blocked):
            # (the block page is the shop's, not the case's: the case waits as it is)
            known = self.get()
            if known is not None and known.pending_items():
                known.fail(at, reason=exc.message, todo=exc.hint or "Run `assistant login`.",
                           evidence=evidence)
                self.store.save(known)

    def _gave_up(self, exc: SiteUnavailable, plan: tuple[tuple[str, ...], str] | None,
                 surface: str, evidence: Path | None) -> None:
        """Retries ran out: leave the case `requested` with a next try for the scheduler."""
        case = self._case()
        at = self.now()
        if not case.pending_items():
            if plan is None:  # never reached the form, and not approved in advance
                exc.hint = ((exc.hint + " ") if exc.hint else "") + (
                    "Nothing was recorded: run the command again when the shop answers "
                    "(with --yes and a reason the request is kept for `assistant tick`).")
                return
            new = case.new_items(plan[0])
            if not new:
                return
            case.record_request(new, reason=plan[1], surface=surface, at=at)
        case.submit_failed(at, error=exc.message, next_check=None, evidence=evidence)
        case.schedule(retry_at(case, at, self.schedule))
        self.store.save(case)
        exc.hint = ((exc.hint + " ") if exc.hint else "") + (
            "The request stays recorded (case `requested`): `assistant tick` tries again "
            "later, and looks at the order page first, so nothing is sent twice.")
