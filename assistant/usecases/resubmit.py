"""The tick's submit of a pending cancellation request: the cancel use case's journey again,
approved already (the shopper approved it when asking), and tried once per tick."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from assistant.domain import WHOLE_ORDER, Case
from assistant.scheduler.policy import SchedulePolicy
from assistant.store import CaseStore
from assistant.usecases.cancel import CancelJourney, CancelRequest
from flows.retry import RetryPolicy
from flows.surface import Surface


def resubmit(surface: Surface, store: CaseStore, case: Case, *, now: Callable[[], datetime],
             policy: SchedulePolicy, tries: RetryPolicy, evidence: Path) -> str:
    """Submit the pending request again (the journey reads the order page first)."""
    pending = case.pending_items()
    reason = next((r.reason for r in reversed(case.requests) if set(r.items) & set(pending)),
                  None)
    asked = () if pending == (WHOLE_ORDER,) else pending  # kept before the items were known
    journey = CancelJourney(CancelRequest(case.order, asked, reason), store=store, now=now,
                            policy=tries, gate=lambda *_: True, schedule=policy)
    outcome = journey.run(surface, evidence=evidence)
    if outcome.items:
        return (f"cancellation request for items {', '.join(i.id for i in outcome.items)} "
                "submitted; the shop confirmed it")
    return (f"the page shows items {', '.join(outcome.already)} requested already; "
            "nothing was submitted again")
