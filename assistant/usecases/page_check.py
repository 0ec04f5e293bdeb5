"""The tick's look at an order's page: read it, and let the facts move the case."""

from __future__ import annotations

from datetime import datetime

from assistant.domain import Case
from assistant.scheduler import facts
from assistant.scheduler.policy import SchedulePolicy
from assistant.store import CaseStore
from flows.attempts import run_attempts
from flows.order_page import read_order_page
from flows.retry import RetryPolicy
from flows.web_surface import WebSurface


def check_page(surface: WebSurface, store: CaseStore, case: Case, *, now: datetime,
               policy: SchedulePolicy, tries: RetryPolicy) -> str:
    """Read the order page and record what it shows; returns a sentence for the report."""
    reading = run_attempts(tries, lambda: read_order_page(surface, case.order),
                           what=f"check order {case.order}", sign_in=surface.sign_in)
    fresh = store.get(case.order) or case
    said = facts.apply_reading(fresh, reading, now, policy)
    store.save(fresh)
    return said
