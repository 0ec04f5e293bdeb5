"""`assistant cancel A B C`: several orders in one browser, with one sign-in and one gate.

The batch keeps every promise of a single cancel, and adds one: bad input stops the whole
batch. Every order number is looked up in the account's order list first; an unknown one is
exit 2 before anything is submitted for any order. Then the person confirms once, on a
listing of every order with its items and the reason; after that each order runs its own
journey (its own case and lease, the page read again before its final click). One order's
failure does not stop the others: each outcome is told as it happens, and the batch exits
with the first of 4, 3, 1, 5 that occurred (a layout change first: a person must update the
assistant; then a person needed; then what may pass; then what the shop refused).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, BadInput, NotConfirmed
from assistant.scheduler.policy import SchedulePolicy
from assistant.settings import Settings
from assistant.store import CaseStore
from assistant.usecases.cancel import CancelJourney, CancelRequest
from assistant.usecases.cancel_outcome import CancelOutcome
from assistant.usecases.leases import case_lease
from assistant.usecases.login import with_captcha_window
from assistant.usecases.shop import open_surface, retry_policy
from flows.attempts import run_attempts
from flows.model import Item, OrderSummary
from flows.person import Person
from flows.surface import Surface

log = logging.getLogger(__name__)

EXIT_PRIORITY = (4, 3, 1, 5)

Planned = tuple[str, Sequence[Item], str]
"""One order of the batch as the gate shows it: number, items, reason."""

BatchGate = Callable[[Sequence[Planned]], bool]
"""Asks the person to confirm the whole batch at once; True to go ahead."""


@dataclass(frozen=True)
class OrderResult:
    """What the batch did for one order: an outcome, or the error that stopped it."""

    order: str
    outcome: CancelOutcome | None = None
    error: AssistantError | None = None


class BatchFailed(AssistantError):
    """Some orders of the batch did not get their cancellation; each was told already."""

    def __init__(self, results: Sequence[OrderResult]) -> None:
        failed = [r for r in results if r.error is not None]
        super().__init__(
            f"{len(failed)} of {len(results)} orders were not cancelled: "
            + ", ".join(f"{r.order} (exit {r.error.exit_code})" for r in failed if r.error)
            + ".", hint="Each order's message above says what to do; `assistant status` "
            "shows every case.")
        self.exit_code = batch_exit_code(results)


def batch_exit_code(results: Sequence[OrderResult]) -> int:
    codes = [r.error.exit_code for r in results if r.error is not None]
    return next((c for c in EXIT_PRIORITY if c in codes), codes[0] if codes else 0)


def cancel_many(settings: Settings, requests: Sequence[CancelRequest], *, surface: str,
                person: Person, gate: BatchGate, told: Callable[[OrderResult], None],
                keep_trace: bool = False) -> list[OrderResult]:
    """Cancel each of ``requests`` (whole orders) in one browser session; ``told`` hears each
    order's result as it is known. Raises BadInput (nothing submitted) for an unknown order
    or a batch without a reason, BatchFailed when some order did not get its request."""
    if any(r.items for r in requests):
        raise BadInput("--item names items of one order; with several orders each is "
                       "cancelled whole. Nothing was submitted.",
                       hint="Run one `assistant cancel ORDER --item …` per order instead.")
    reason = requests[0].reason or requests[0].default_reason
    if reason is None:
        raise BadInput("No cancellation reason given for the batch. Nothing was submitted.",
                       hint='Pass --reason "…" (or set ASSISTANT_DEFAULT_REASON); '
                       "`assistant cancel ORDER --dry-run` shows the reasons the shop offers.")

    def run() -> list[OrderResult]:
        with CaseStore.open(settings.db_path) as store, \
                open_surface(settings, surface, person=person, label="batch",
                             keep_trace=keep_trace) as (shop, session):
            listed = _look_up(shop, settings, requests)
            approved = {} if requests[0].dry_run else _approve(requests, listed, reason, gate)
            results = []
            for request in requests:
                result = _one(settings, store, shop, request, approved,
                              evidence=session.evidence.folder)
                told(result)
                results.append(result)
            if any(r.error for r in results):
                session.save_session()  # the sign-in holds for the next run all the same
                raise BatchFailed(results)
            return results

    return with_captcha_window(settings, person, run)


def _look_up(shop: Surface, settings: Settings,
             requests: Sequence[CancelRequest]) -> dict[str, OrderSummary]:
    numbers = [r.order for r in requests]
    listed = run_attempts(retry_policy(settings), lambda: shop.find_orders(numbers),
                          what="find the orders on the order list", sign_in=shop.sign_in)
    unknown = [r.order for r in requests if r.order not in listed]
    if unknown:
        raise BadInput(
            f"Not on this account's order list: {', '.join(unknown)}. Nothing was submitted "
            "for any of the orders.",
            hint="Check the numbers with `assistant orders`, then run the batch again "
            "without the unknown ones.")
    return listed


def _approve(requests: Sequence[CancelRequest], listed: dict[str, OrderSummary],
             reason: str, gate: BatchGate) -> dict[str, frozenset[str]]:
    """The person's one answer for the batch: the item IDs approved per order."""
    plan = [(r.order, listed[r.order].items, reason) for r in requests]
    if not gate(plan):
        raise NotConfirmed("Not confirmed: nothing was submitted for any of the orders.",
                           hint="Run the command again and answer yes, or pass --yes.")
    return {order: frozenset(i.id for i in items) for order, items, _ in plan}


def _one(settings: Settings, store: CaseStore, shop: Surface, request: CancelRequest,
         approved: dict[str, frozenset[str]], *, evidence: Path) -> OrderResult:
    """One order's journey under its own lease; its error is kept, not raised."""
    wanted = " ".join((request.reason or request.default_reason or "").split()).casefold()

    def gate(order: str, chosen: Sequence[Item], why: str) -> bool:
        # Approved in the batch's listing: the same items (or fewer) and the same reason.
        return ({i.id for i in chosen} <= approved.get(order, frozenset())
                and " ".join(why.split()).casefold() == wanted)

    try:
        with case_lease(store, request.order, owner="cancel", settings=settings,
                        wait=settings.lease_wait):
            journey = CancelJourney(request, store=store, now=settings.clock.now,
                                    policy=retry_policy(settings), gate=gate,
                                    schedule=SchedulePolicy.from_settings(settings))
            return OrderResult(request.order, journey.run(shop, evidence=evidence))
    except AssistantError as error:
        log.info("Order %s of the batch: exit %d: %s", request.order, error.exit_code,
                 error.message)
        return OrderResult(request.order, error=error)
