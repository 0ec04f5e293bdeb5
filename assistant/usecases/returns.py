"""Returns: `assistant return ORDER` (a return opened by hand), and the tick's return of a
delivered order. Both run the return journey and record its outcome in the case."""

from __future__ import annotations

from datetime import datetime

from assistant.domain import Case, State
from assistant.scheduler import facts
from assistant.scheduler.plan import returnable_items
from assistant.scheduler.policy import SchedulePolicy
from assistant.settings import Settings
from assistant.store import CaseStore
from assistant.usecases.leases import case_lease
from assistant.usecases.login import with_captcha_window
from assistant.usecases.shop import open_website, retry_policy
from flows.person import Person
from flows.retry import RetryPolicy
from flows.returns import ReturnJourney, ReturnOutcome, ReturnRequest
from flows.web_surface import WebSurface

FOUND_REASON = "unknown (found requested on the return page)"


def open_return(settings: Settings, order: str, items: tuple[str, ...], reason: str | None,
                description: str, *, person: Person) -> list[str]:
    """Run the return journey for ``order`` and record it; returns lines for the person."""
    policy = SchedulePolicy.from_settings(settings)
    request = ReturnRequest(order, items, reason, settings.return_reason, description)
    with CaseStore.open(settings.db_path) as store, \
            case_lease(store, order, owner="return", settings=settings):

        def run() -> ReturnOutcome:
            with open_website(settings, person=person, label=f"return-{order}") as (surface, _):
                return ReturnJourney(request, policy=retry_policy(settings)).run(surface)

        outcome = with_captcha_window(settings, person, run)
        case = store.get(order) or Case.open(order)
        said = record_outcome(case, outcome, settings.clock.now(), policy)
        if case.state is not State.NEW:
            store.save(case)
    lines = [f"Order {order}: {said}."]
    if outcome.items:
        lines[0] = (f"Return requested for order {order}: items {', '.join(outcome.items)} "
                    f"(reason: {outcome.reason}). The shop is reviewing it.")
    if outcome.already:
        lines.append(f"Items {', '.join(outcome.already)} had a return requested already; "
                     "nothing was submitted for them.")
    if case.todo:
        lines.append(f"Next: {case.todo}.")
    lines.append(f"Case: {case.state}. `assistant status {order}` shows it.")
    return lines


def return_delivered(surface: WebSurface, store: CaseStore, case: Case, *,
                     settings: Settings, policy: SchedulePolicy, tries: RetryPolicy) -> str:
    """The tick's step for a delivered case: return its items not returned yet."""
    request = ReturnRequest(case.order, returnable_items(case),
                            default_reason=settings.return_reason)
    outcome = ReturnJourney(request, policy=tries).run(surface)
    fresh = store.get(case.order) or case
    said = record_outcome(fresh, outcome, settings.clock.now(), policy)
    store.save(fresh)
    return said


def record_outcome(case: Case, outcome: ReturnOutcome, at: datetime,
                   policy: SchedulePolicy) -> str:
    """Record a return journey's outcome; items found requested already are recorded too."""
    case.describe(seller=outcome.seller)
    said = []
    known = set(case.returned_items())
    seen = tuple(i for i in outcome.already if i not in known)
    if seen:
        said.append(facts.record_return(case, seen, FOUND_REASON, at, policy))
    if outcome.items and outcome.reason:
        said.append(facts.record_return(case, outcome.items, outcome.reason, at, policy))
    return "; ".join(said) or "a return exists already for every item"
