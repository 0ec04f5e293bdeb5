"""One scheduler pass (`assistant tick`, and each run of `assistant watch`).

1. Take the global "tick" lease (a second tick waits briefly, then gives way: exit 0); it and
   the lease of the case at hand are renewed from a thread while the pass works.
2. Poll the mailbox, when ASSISTANT_MAIL is set, and fill in what the mails left open.
3. For each due case (``store.due``), under the case's lease, do its next step from the plan.
   Steps that need no browser run first; ONE browser session then serves every case that
   needs the shop's pages, and none is started (nor Playwright imported) when none does.
4. Notify the shopper of what the cases call for (``assistant.notify``; never fails the pass).
5. Report; exit 3 when a person is needed (sign-in blocked, or a case failed), after all the
   other work is done.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING

from assistant import notify
from assistant.domain import State
from assistant.domain.vocabulary import Fact
from assistant.errors import AssistantError
from assistant.evidence import remove_expired
from assistant.scheduler.plan import Action, Step, after_mail, follow_up, next_step
from assistant.scheduler.policy import SchedulePolicy
from assistant.scheduler.report import TickReport
from assistant.settings import Settings
from assistant.store import CaseStore, Lease, StaleCase
from assistant.usecases.leases import LeaseKeeper

if TYPE_CHECKING:  # only for the annotations: the browser steps import Playwright
    from assistant.browser_source import SharedConnections
    from assistant.usecases.tick_steps import BrowserSteps

log = logging.getLogger(__name__)

MAX_STEPS = 3  # per case and tick: e.g. the page shows it delivered → open the return at once


def run_tick(settings: Settings, *, owner: str = "tick", stop: threading.Event | None = None,
             rng: random.Random | None = None,
             shared: SharedConnections | None = None) -> TickReport:
    """One pass. ``stop`` (set by `watch` on SIGTERM) ends it between two cases; ``shared``
    is the browser of a tick over several accounts."""
    report = TickReport()
    with CaseStore.open(settings.db_path) as store, \
            store.lease("tick", owner=owner, ttl=settings.lease_ttl,
                        wait=settings.tick_wait) as lease:
        if not lease:
            report.busy = lease.holder
            report.say(f"Another tick is running ({lease.holder}); this one leaves the work "
                       "to it.")
            return report
        with LeaseKeeper(settings.db_path, settings.lease_ttl) as keeper, \
                keeper.keeping(lease):
            Tick(settings, store, lease, report, owner=owner, stop=stop, rng=rng,
                 keeper=keeper, shared=shared).run()
    return report


class Tick:
    def __init__(self, settings: Settings, store: CaseStore, lease: Lease, report: TickReport,
                 *, owner: str, stop: threading.Event | None,
                 rng: random.Random | None, keeper: LeaseKeeper,
                 shared: SharedConnections | None = None) -> None:
        self.settings = settings
        self.store = store
        self.lease = lease
        self.report = report
        self.owner = owner
        self.stop = stop or threading.Event()
        self.rng = rng or random.Random()
        self.policy = SchedulePolicy.from_settings(settings)
        self.keeper = keeper
        self.shared = shared

    def now(self) -> datetime:
        return self.settings.clock.now()

    def run(self) -> None:
        remove_expired(self.settings.evidence_dir, self.now() - self.settings.evidence_keep)
        self._poll()
        self._adopt()
        due = self.store.due(self.now())
        needs_browser = []
        for case in due:
            step = next_step(case, self.now(), self.policy)
            if step is None or self.stop.is_set():
                continue
            if step.needs_browser:
                needs_browser.append(case.order)
            else:
                self._work(case.order, None)
        if needs_browser and not self.stop.is_set():
            self._browser_pass(needs_browser)
        if not self.report.lines:
            self.report.say("Nothing due.")
        for case in self.store.failed():
            last = next((e for e in reversed(case.events) if e.kind == Fact.FAILED), None)
            self.report.person_needed.append(
                f"Order {case.order} needs a person: {last.detail if last else 'failed'}."
                f" To do: {case.todo or 'see `assistant status`'}"
                + (f" Evidence: {last.evidence}" if last and last.evidence else ""))
        notify.send_due(self.settings, self.store, self.now(), self.report)

    # -- mail -----------------------------------------------------------------------------
    def _poll(self) -> None:
        if not self.settings.mail:
            return
        # Imported here: an idle tick with no mailbox set must start without the mail modules.
        from assistant.mail.apply import poll_and_apply

        try:  # the plan fills in what each mail left open, in the mail's own transaction
            polled = poll_and_apply(self.settings, self.store,
                                    after=lambda case, at: after_mail(case, at, self.policy,
                                                                      self.rng))
        except AssistantError as exc:
            self.report.problems.append(f"The mailbox could not be read: {exc}")
            return
        for change in polled.changes:
            moved = (f"{change.before} -> {change.after}" if change.before != change.after
                     else f"still {change.after}")
            self.report.say(f"Order {change.mail.order}: {change.mail.detail} ({moved}).")
        for mail in polled.busy:
            self.report.say(f"Order {mail.order}: busy; its mail is applied on the next pass.")

    def _adopt(self) -> None:
        """A case a run left without a next check, though its state waits for one (e.g. a
        `cancel` that died before its final click, or saw the order shipped), gets one from
        the plan, counted from its last event."""
        for case in self.store.all():
            if case.next_check is not None or case.state in (State.NEW, State.FAILED):
                continue
            at = case.last_event.at if case.last_event else self.now()
            if follow_up(case, at, self.policy, self.rng) is None:
                continue
            with self.store.case_lease(case.order, owner=self.owner,
                                       ttl=self.settings.lease_ttl) as lease:
                fresh = self.store.get(case.order) if lease else None  # busy: a run is on it
                if fresh is not None and fresh.next_check is None:
                    fresh.schedule(follow_up(fresh, at, self.policy, self.rng))
                    self.store.save(fresh)
                    log.info("Order %s: next check set to %s", fresh.order, fresh.next_check)

    # -- cases ----------------------------------------------------------------------------
    def _browser_pass(self, orders: list[str]) -> None:
        """ONE browser for every case that needs the shop's pages (Playwright loads here)."""
        # Imported here: an idle tick must not import Playwright (nor the flows).
        from assistant.usecases.tick_browser import BrowserWork
        from assistant.usecases.tick_steps import BrowserSteps

        self.report.browser_started = True
        try:
            with BrowserWork.open(self.settings, self.store, self.policy,
                                  label=self.owner, shared=self.shared) as work:
                steps = BrowserSteps(work, self.store, self.policy, self.report, self.rng,
                                     self.now)
                for order in orders:
                    if self.stop.is_set() or steps.sign_in_blocked:
                        break
                    self._work(order, steps)
        except AssistantError as exc:  # the browser itself failed (launch, a crash)
            self.report.problems.append(f"The browser work stopped: {exc}")

    def _work(self, order: str, steps: BrowserSteps | None) -> None:
        """The case's due steps, under its lease; browser steps only with ``steps``."""
        with self.store.case_lease(order, owner=self.owner, ttl=self.settings.lease_ttl) as lease:
            if not lease:
                self.report.say(f"Order {order}: {lease.holder} is working on it; left for "
                                "the next pass.")
                return
            with self.keeper.keeping(lease):
                self._steps(order, lease, steps)

    def _steps(self, order: str, lease: Lease, steps: BrowserSteps | None) -> None:
        for _ in range(MAX_STEPS):
            case = self.store.get(order)
            step = None if case is None else next_step(case, self.now(), self.policy)
            if step is None or (step.needs_browser and steps is None):
                return
            started = time.monotonic()
            try:
                said = self._step(order, step, steps)
            except StaleCase as exc:
                self.report.say(f"Order {order}: {exc.message}")
                return
            if step.needs_browser:  # the page work of the case, for benchmarks/tick_accounts
                log.info("Order %s: %s took %.2f s in the browser", order, step.action,
                         time.monotonic() - started)
            self.report.say(f"Order {order}: {said}.")
            lease.renew()
            self.lease.renew()
            if steps is not None and steps.sign_in_blocked:
                return

    def _step(self, order: str, step: Step, steps: BrowserSteps | None) -> str:
        # Imported here: an idle tick (nothing due) starts without what a step does to a case.
        from assistant.scheduler import facts

        case = self.store.get(order)
        assert case is not None
        if step.action is Action.GIVE_UP:
            said = "gave up: " + facts.give_up(case, self.now(), self.policy)
            self.store.save(case)
            return said
        if step.action is Action.WAIT:
            said = facts.wait(case, self.now(), self.policy)
            self.store.save(case)
            return said
        assert steps is not None
        return steps.run(case, step)


def run_ticks(every: list[Settings]) -> TickReport:
    """One pass for each account of ``every``, with one browser for all of them (opened
    only when some account's case needs the shop's pages); the lines name the account."""
    if len(every) == 1:
        return run_tick(every[0])
    # Imported here: an idle tick must not import the browser code (nor Playwright).
    from assistant.browser_source import SharedConnections

    report = TickReport()
    with SharedConnections() as shared:
        for settings in every:
            report.join(run_tick(settings, shared=shared), settings.account or "")
    return report
