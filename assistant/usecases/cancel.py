"""`assistant cancel`, the same on every surface: the rules, the gate, at most once, the case.

At most once, whatever crashes or reruns happen:
1. before the browser opens, the case store is asked: items with a confirmed request are
   reported, not requested again (``before_browser``);
2. on the form, items the page shows as "Cancellation requested" are recorded as submitted
   and left alone;
3. the request is recorded (state ``requested``) BEFORE the final click, so a run that dies
   right after the click leaves a pending request that the next run resolves by step 2.
Retries inside a run start over from the home page (after a sign-in, from the order list
it lands on), and so pass through step 2 again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.domain import WHOLE_ORDER, Case, RequestStatus
from assistant.errors import NotConfirmed, PageChanged
from assistant.scheduler.policy import SchedulePolicy
from assistant.settings import Settings
from assistant.store import CaseStore
from assistant.usecases.cancel_book import CaseBook
from assistant.usecases.cancel_outcome import CancelOutcome
from assistant.usecases.leases import case_lease
from assistant.usecases.login import with_captcha_window
from assistant.usecases.shop import open_surface, retry_policy
from flows.attempts import run_attempts
from flows.cancel_rules import Selection, choose_reason, select_items, whole_order_items
from flows.model import Item
from flows.person import Person
from flows.retry import RetryPolicy
from flows.surface import AlreadyRequested, CancelForm, Surface

log = logging.getLogger(__name__)

Gate = Callable[[str, Sequence[Item], str], bool]
"""Asks the person to confirm order, items and reason; True to go ahead."""


@dataclass(frozen=True)
class CancelRequest:
    """What the person asked for on the command line."""

    order: str
    items: tuple[str, ...] = ()  # empty: every item of the order
    reason: str | None = None
    default_reason: str | None = None  # ASSISTANT_DEFAULT_REASON
    dry_run: bool = False
    confirmed: bool = False  # --yes: approved in advance, so kept when the shop is unreachable
    whole_order: bool = False  # --whole-order: where the form cancels all items, go ahead


def cancel(settings: Settings, request: CancelRequest, *, surface: str, person: Person,
           gate: Gate, keep_trace: bool = False) -> CancelOutcome:
    """One `assistant cancel`: under the case's lease, the case store first (no browser when
    it shows every named item requested), then the journey on ``surface``."""
    with CaseStore.open(settings.db_path) as store, \
            case_lease(store, request.order, owner="cancel", settings=settings,
                       wait=settings.lease_wait):
        journey = CancelJourney(request, store=store, now=settings.clock.now,
                                policy=retry_policy(settings), gate=gate,
                                schedule=SchedulePolicy.from_settings(settings))
        done = journey.before_browser()
        if done is not None:
            return done

        def run() -> CancelOutcome:
            with open_surface(settings, surface, person=person, label=request.order,
                              keep_trace=keep_trace) as (shop, session):
                outcome = journey.run(shop, evidence=session.evidence.folder)
            if keep_trace:
                person.tell(f"Trace kept in {session.evidence.folder}")
            return outcome

        return with_captcha_window(settings, person, run)


def confirmed_items(case: Case | None) -> tuple[str, ...]:
    if case is None:
        return ()
    return tuple(i for r in case.requests if r.status is RequestStatus.SUBMITTED
                 for i in r.items)


class CancelJourney:
    """One `assistant cancel` run (or a scheduled retry of one)."""

    def __init__(self, request: CancelRequest, *, store: CaseStore, now: Callable[[], datetime],
                 policy: RetryPolicy, gate: Gate,
                 schedule: SchedulePolicy | None = None) -> None:
        self.request = request
        self.book = CaseBook(store, request.order, now, schedule or SchedulePolicy())
        self.now = now
        self.policy = policy
        self.gate = gate
        self._approved: tuple[frozenset[str], str] | None = None
        self._plan: tuple[tuple[str, ...], str] | None = None  # validated items and reason

    def before_browser(self) -> CancelOutcome | None:
        """The outcome, if the case alone shows every named item requested already."""
        case = self.book.get()
        named = self.request.items
        if named and case is not None and set(named) <= set(confirmed_items(case)):
            return CancelOutcome.found_requested(case.order, case, named)
        return None

    def run(self, surface: Surface, *, evidence: Path | None = None) -> CancelOutcome:
        """Attempts with retries; records the case for refusals and for giving up."""
        try:
            return run_attempts(self.policy, lambda: self._attempt(surface),
                                what=f"cancel order {self.request.order}",
                                sign_in=surface.sign_in)
        except Exception as exc:
            self.book.record_failure(exc, plan=self._plan or self._intent(),
                                     asked=self.request.items, surface=surface.name,
                                     evidence=evidence)
            raise

    def _intent(self) -> tuple[tuple[str, ...], str] | None:
        """What to keep when the form was never reached: the request as asked, only when it
        was approved in advance (--yes) and names its reason. The tick checks order, items
        and reason on the page before it submits."""
        request = self.request
        reason = request.reason or request.default_reason
        if not request.confirmed or request.dry_run or reason is None:
            return None
        whole = request.whole_order or not request.items
        return (WHOLE_ORDER,) if whole else request.items, reason

    def _attempt(self, surface: Surface) -> CancelOutcome:
        order, asked = self.request.order, self.request.items
        try:
            form = surface.open_cancel_form(order, asked)
        except AlreadyRequested as shown:
            ids = tuple(i.id for i in shown.order.items if not asked or i.id in asked)
            self.book.seen_requested(ids, surface=surface.name)
            return CancelOutcome.found_requested(order, self.book.get(), ids)
        items = form.items()
        asked = whole_order_items(order, asked, items, form_cancels_all=form.cancels_whole_order,
                                  whole_order=self.request.whole_order)
        selection = select_items(order, asked, items, confirmed_items(self.book.get()))
        if selection.on_page:
            self.book.seen_requested(selection.on_page, surface=surface.name)
        if not selection.todo:
            return CancelOutcome.found_requested(order, self.book.get(), selection.asked)
        reason = choose_reason(order, self.request.reason or self.request.default_reason,
                               form.reasons(), from_setting=not self.request.reason)
        self._plan = (selection.todo, reason)
        form.fill(reason, selection.todo)
        by_id = {i.id: i for i in items}
        chosen = [by_id[i] for i in selection.todo]
        if self.request.dry_run:
            return CancelOutcome.dry_run(order, chosen, reason, form.screenshot("dry-run.png"))
        self._pass_gate(chosen, reason)
        self.book.record_request(selection.todo, reason=reason, surface=surface.name,
                                 seller=form.order.seller)
        return self._submit(form, selection, chosen, reason)

    def _pass_gate(self, chosen: list[Item], reason: str) -> None:
        ids = frozenset(i.id for i in chosen)
        if self._approved and ids <= self._approved[0] and reason == self._approved[1]:
            return  # approved in an earlier attempt of this run
        if not self.gate(self.request.order, chosen, reason):
            raise NotConfirmed("Not confirmed: nothing was submitted.",
                               hint="Run the command again and answer yes, or pass --yes.")
        self._approved = (ids, reason)

    def _submit(self, form: CancelForm, selection: Selection, chosen: list[Item],
                reason: str) -> CancelOutcome:
        order = self.request.order
        confirmation = form.submit()  # the final click
        if confirmation.order != order or set(confirmation.items) != set(selection.todo):
            shown = f"order {confirmation.order}, items {', '.join(confirmation.items) or '-'}"
            error = PageChanged(
                f"After the final click the shop's confirmation did not name order {order} "
                f"with items {', '.join(selection.todo)} (it shows {shown}). The request MAY "
                "have been made: the case stays `requested`.",
                hint="Check the order on the shop. The next run looks at the order page "
                "before it submits anything again, so rerunning is safe.")
            self.book.confirmation_unclear(str(error.message))
            raise error
        case = self.book.submitted()
        return CancelOutcome.submitted(case, chosen, reason,
                                       already=selection.on_page + selection.confirmed)

