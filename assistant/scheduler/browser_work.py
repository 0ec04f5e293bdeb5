"""The tick's steps that need the shop's pages, in ONE browser session for all due cases.

Imported only when some case needs the browser (an idle tick never loads Playwright).
Each step hands plain values to ``facts`` and saves the case; a failed step keeps its own
evidence (a screenshot and the trace so far) and the session goes on with the next case.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from assistant.browser import BrowserSession
from assistant.domain import Case
from assistant.errors import PageChanged
from assistant.scheduler import facts
from assistant.scheduler.plan import returnable_items
from assistant.scheduler.policy import SchedulePolicy
from assistant.settings import Settings
from assistant.store import CaseStore
from flows.attempts import run_attempts
from flows.cancel import CancelJourney, CancelRequest
from flows.driver import open_surface
from flows.person import Nobody
from flows.retry import RetryPolicy
from flows.returns import ReturnJourney, ReturnOutcome, ReturnRequest
from flows.web.home import HomePage
from flows.web.reading import visible_texts
from flows.web.site import WebSite
from flows.web.surface import WebSurface

log = logging.getLogger(__name__)

# The scheduler's own backoff spaces the tries out over hours; inside one tick a step is
# tried once (plus a sign-in when the shop signed us out).
ONE_TRY = RetryPolicy(attempts=1)


@dataclass
class BrowserWork:
    settings: Settings
    store: CaseStore
    policy: SchedulePolicy
    session: BrowserSession
    surface: WebSurface

    @classmethod
    @contextmanager
    def open(cls, settings: Settings, store: CaseStore, policy: SchedulePolicy, *,
             label: str = "tick") -> Iterator[BrowserWork]:
        with open_surface(settings, "web", person=Nobody(), label=label) as (surface, session):
            if not isinstance(surface, WebSurface):
                raise TypeError(f"the web surface is a {type(surface).__name__}")
            yield cls(settings, store, policy, session, surface)

    @property
    def site(self) -> WebSite:
        return self.surface.site

    def now(self) -> datetime:
        return self.settings.clock.now()

    # -- the steps --------------------------------------------------------------------------
    def submit(self, case: Case) -> str:
        """Submit the pending request again (the cancel journey checks the page first)."""
        pending = case.pending_items()
        reason = next((r.reason for r in reversed(case.requests) if set(r.items) & set(pending)),
                      None)
        journey = CancelJourney(CancelRequest(case.order, pending, reason),
                                store=self.store, now=self.now, policy=ONE_TRY,
                                gate=lambda *_: True,  # the shopper approved it when asking
                                schedule=self.policy)
        outcome = journey.run(self.surface, evidence=self.session.evidence.folder)
        if outcome.items:
            return (f"cancellation request for items {', '.join(i.id for i in outcome.items)} "
                    "submitted; the shop confirmed it")
        return (f"the page shows items {', '.join(outcome.already)} requested already; "
                "nothing was submitted again")

    def check_page(self, case: Case) -> str:
        reading = run_attempts(ONE_TRY, lambda: read_order_page(self.site, case.order),
                               what=f"check order {case.order}", sign_in=self.surface.sign_in)
        fresh = self._reload(case)
        said = facts.apply_reading(fresh, reading, self.now(), self.policy)
        self.store.save(fresh)
        return said

    def open_return(self, case: Case) -> str:
        request = ReturnRequest(case.order, returnable_items(case),
                                default_reason=self.settings.return_reason)
        outcome = ReturnJourney(request, policy=ONE_TRY).run(self.surface)
        fresh = self._reload(case)
        said = record_outcome(fresh, outcome, self.now(), self.policy)
        self.store.save(fresh)
        return said

    def keep_evidence(self, name: str) -> list[Path]:
        """A screenshot and the trace so far, kept after the run; recording goes on."""
        evidence = self.session.evidence
        kept: list[Path] = []
        try:
            kept.append(evidence.screenshot(self.session.page, f"{name}.png"))
        except Exception as exc:  # the page may be gone; the trace still matters
            log.warning("No screenshot for %s: %s", name, exc)
        evidence.finish()
        kept.extend(p for p in evidence.files if p not in evidence.kept_on_success
                    and p.suffix == ".zip")
        evidence.kept_on_success.extend(kept)
        evidence.start()
        return kept

    def _reload(self, case: Case) -> Case:
        return self.store.get(case.order) or case


def record_outcome(case: Case, outcome: ReturnOutcome, at: datetime,
                   policy: SchedulePolicy) -> str:
    """Record a return journey's outcome; items found requested already are recorded too."""
    case.describe(seller=outcome.seller)
    said = []
    known = set(case.returned_items())
    seen = tuple(i for i in outcome.already if i not in known)
    if seen:
        said.append(facts.record_return(case, seen, "unknown (found requested on the return "
                                        "page)", at, policy))
    if outcome.items and outcome.reason:
        said.append(facts.record_return(case, outcome.items, outcome.reason, at, policy))
    return "; ".join(said) or "a return exists already for every item"


def read_order_page(site: WebSite, order: str) -> facts.PageReading:
    """The order's page: status, seller, "Fulfilled by AliExpress", delivery day, items."""
    orders = HomePage(site).open().go_to_orders()
    detail = orders.open_details(orders.find(order))
    summary = detail.summary()
    texts = site.texts
    lines = visible_texts(site.page.get_by_role("main"))
    joined = "\n".join(lines)
    delivered = texts.label_value("detail.delivered", joined)
    return facts.PageReading(
        order=order, status=summary.status, seller=summary.seller,
        fulfilled_by_aliexpress=any(texts.exact("detail.fulfilled").match(t) for t in lines),
        delivered_on=None if delivered is None else _day(delivered, texts.variants(
            "detail.date_format")),
        items={i.id: str(i.state) for i in summary.items})


def _day(text: str, formats: tuple[str, ...]) -> date:
    for form in formats:
        try:
            return datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    raise PageChanged(f"The order page's delivery date {text!r} is in no known format.",
                      hint="Add its format to detail.date_format in the locale's site.toml.")
