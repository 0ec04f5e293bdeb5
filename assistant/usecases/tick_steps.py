"""One browser step of a pass (submit, page check, return), and what a setback does to the
case: a transient failure is retried later, used-up retries or a blocked sign-in need a
person (the shop's block page too, though its case is not failed: it only waits). Every
setback keeps its evidence (screenshot and trace so far)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from assistant.domain import Case, State
from assistant.errors import (
    AssistantError,
    BadInput,
    Blocked,
    ConfigError,
    NotCancellable,
    PageChanged,
    PersonNeeded,
    SiteUnavailable,
    WrongPassword,
)
from assistant.scheduler import facts
from assistant.scheduler.plan import Action, Step, follow_up, retry_at
from assistant.scheduler.policy import SchedulePolicy
from assistant.scheduler.report import TickReport
from assistant.store import CaseStore
from assistant.usecases.tick_browser import BrowserWork

# Signing in cannot go on without a person: the pass stops its browser work.
SIGN_IN_BLOCKED = (PersonNeeded, WrongPassword, ConfigError)


@dataclass
class BrowserSteps:
    work: BrowserWork
    store: CaseStore
    policy: SchedulePolicy
    report: TickReport
    rng: random.Random
    now: Callable[[], datetime]
    sign_in_blocked: bool = False

    def run(self, case: Case, step: Step) -> str:
        """Do ``step`` for ``case`` (as read before it); returns what happened, in words."""
        try:
            if step.action is Action.SUBMIT:
                said = self.work.submit(case)
            elif step.action is Action.CHECK_PAGE:
                said = self.work.check_page(case)
            else:
                said = self.work.open_return(case)
        except SIGN_IN_BLOCKED as exc:
            return self._sign_in_blocked(case.order, step, exc)
        except NotCancellable as exc:  # recorded by the cancel journey: shipped, or seller
            said = exc.message
        except (AssistantError, PlaywrightError) as exc:
            return self._failed(case, step, exc)
        self._next_check(case.order, step)
        return said

    def _next_check(self, order: str, step: Step) -> None:
        """The next check from the plan, with the settings' intervals (not the flow's own)."""
        case = self.store.get(order)
        if case is None or case.state is State.FAILED:
            return
        due = follow_up(case, self.now(), self.policy, self.rng)
        replan = step.action is Action.SUBMIT or case.next_check is None or due is None
        if replan and due != case.next_check:
            case.schedule(due)
            self.store.save(case)

    def _sign_in_blocked(self, order: str, step: Step, exc: Exception) -> str:
        self.sign_in_blocked = True
        kept = self.work.keep_evidence(f"{order}-sign-in")
        message, hint = _message(exc), getattr(exc, "hint", None) or "Run `assistant login`."
        case = self.store.get(order)
        if isinstance(exc, Blocked):  # nothing is wrong with the case: it waits for the shop
            self.report.person_needed.append(f"The shop blocked the assistant: {message} "
                                             f"{hint}{_where(kept)}")
            self.report.sign_in_blocked = f"{message} {hint}"
            return f"{step.action} stopped: the shop's block page needs a person"
        if case is not None and case.pending_items() and case.state is not State.FAILED:
            case.fail(self.now(), reason=message, todo=hint, evidence=_first(kept))
            self.store.save(case)
        self.report.person_needed.append(
            f"Signing in to the shop needs a person: {message} {hint}{_where(kept)}")
        self.report.sign_in_blocked = f"{message} {hint}"
        return f"{step.action} stopped: signing in needs a person"

    def _failed(self, before: Case, step: Step, exc: Exception) -> str:
        order, now = before.order, self.now()
        kept = self.work.keep_evidence(f"{order}-{step.action}")
        message = _message(exc)
        if isinstance(exc, PageChanged):
            self.report.layout_changed.append((order, message, _first(kept)))
        if step.action is Action.SUBMIT and isinstance(exc, BadInput):
            return self._submit_refused(order, exc, kept, now) + _where(kept)
        if step.action is Action.SUBMIT:
            return self._submit_failed(before, message, kept, now) + _where(kept)
        case = self.store.get(order)
        assert case is not None
        if step.action is Action.OPEN_RETURN and isinstance(exc, BadInput):
            # e.g. ASSISTANT_RETURN_REASON names a reason the form does not offer
            case.fail(now, reason=message, evidence=_first(kept),
                      todo=f"{exc.hint or 'Fix the setting.'} Then run "
                      f"`assistant return {order}`.")
            self.store.save(case)
            return f"the return needs a person: {message}{_where(kept)}"
        transient = isinstance(exc, SiteUnavailable)
        wait = self.policy.retry_wait if transient else self.policy.delivery_check_every
        case.schedule(now + wait)
        self.store.save(case)
        if not transient:
            self.report.problems.append(
                f"Order {order}: {step.action} failed: {message}{_where(kept)}")
        return f"{step.action} failed ({message}); tried again after {wait}{_where(kept)}"

    def _submit_refused(self, order: str, exc: BadInput, kept: list[Path],
                        now: datetime) -> str:
        """The page does not offer what the kept request names (an item not in the order, a
        reason not in the drop-down): nothing was submitted, and a person decides."""
        case = self.store.get(order)
        assert case is not None
        case.fail(now, reason=f"Nothing was submitted: {exc.message}", evidence=_first(kept),
                  todo=f"{exc.hint or 'Check the order on the shop.'} Then run "
                  f"`assistant cancel {order}` again.")
        self.store.save(case)
        self.report.problems.append(f"Order {order}: the kept request was not submitted: "
                                    f"{exc.message}")
        return f"submit refused: {exc.message}"

    def _submit_failed(self, before: Case, message: str, kept: list[Path],
                       now: datetime) -> str:
        """Count the failure (unless the cancel journey did), then retry later or give up."""
        case = self.store.get(before.order) or before
        if case.state is not State.REQUESTED or not case.pending_items():
            return f"submit failed ({message}); the case is {case.state}"
        if case.failures_in_a_row <= before.failures_in_a_row:
            case.submit_failed(now, error=message, next_check=now, evidence=_first(kept))
        if case.failures_in_a_row >= self.policy.retry_limit:
            reason = facts.give_up(case, now, self.policy)
            self.store.save(case)
            return f"gave up: {reason}"
        case.schedule(retry_at(case, now, self.policy, self.rng))
        self.store.save(case)
        return (f"submit failed ({message}); try {case.failures_in_a_row + 1} of "
                f"{self.policy.retry_limit} at {case.next_check:%Y-%m-%d %H:%M} UTC")


def _message(exc: Exception) -> str:
    if isinstance(exc, AssistantError):
        return exc.message
    return f"The browser failed: {str(exc).splitlines()[0]}"


def _first(kept: list[Path]) -> str | None:
    return str(kept[0]) if kept else None


def _where(kept: list[Path]) -> str:
    return f" Evidence: {', '.join(map(str, kept))}" if kept else ""
