"""`assistant return ORDER`: a return opened by hand, under the case's lease, recorded in it."""

from __future__ import annotations

from assistant.domain import Case, State
from assistant.errors import Busy
from assistant.scheduler.policy import SchedulePolicy
from assistant.settings import Settings
from assistant.store import CaseStore
from flows.person import Person


def open_return(settings: Settings, order: str, items: tuple[str, ...], reason: str | None,
                description: str, *, person: Person) -> list[str]:
    """Run the return journey for ``order`` and record it; returns lines for the person."""
    from assistant.scheduler.browser_work import record_outcome
    from flows.driver import open_surface, retry_policy, with_captcha_window
    from flows.returns import ReturnJourney, ReturnOutcome, ReturnRequest
    from flows.web.surface import WebSurface

    policy = SchedulePolicy.from_settings(settings)
    request = ReturnRequest(order, items, reason, settings.return_reason, description)
    with CaseStore.open(settings.db_path) as store, \
            store.case_lease(order, owner="return", ttl=settings.lease_ttl) as lease:
        if not lease:
            raise Busy(f"Order {order} is being worked on by another run ({lease.holder}).",
                       hint="Wait for it to finish; `assistant status` shows the case.")

        def run() -> ReturnOutcome:
            with open_surface(settings, "web", person=person,
                              label=f"return-{order}") as (surface, _):
                assert isinstance(surface, WebSurface)
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
