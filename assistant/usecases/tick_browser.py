"""The tick's steps that need the shop's pages, in ONE browser session for all due cases.

Imported only when some case needs the browser (an idle tick never loads Playwright).
Each step is a use case (``resubmit``, ``page_check``, ``returns``); a failed step keeps its
own evidence (a screenshot and the trace so far) and the session goes on with the next case.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.browser import BrowserSession
from assistant.browser_source import SharedConnections
from assistant.domain import Case
from assistant.scheduler.policy import SchedulePolicy
from assistant.settings import Settings
from assistant.store import CaseStore
from assistant.usecases.page_check import check_page
from assistant.usecases.resubmit import resubmit
from assistant.usecases.returns import return_delivered
from assistant.usecases.shop import open_website
from flows.person import Nobody
from flows.retry import RetryPolicy
from flows.web_surface import WebSurface

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
             label: str = "tick", shared: SharedConnections | None = None,
             ) -> Iterator[BrowserWork]:
        with open_website(settings, person=Nobody(), label=label,
                          shared=shared) as (surface, session):
            yield cls(settings, store, policy, session, surface)

    def now(self) -> datetime:
        return self.settings.clock.now()

    # -- the steps --------------------------------------------------------------------------
    def submit(self, case: Case) -> str:
        return resubmit(self.surface, self.store, case, now=self.now, policy=self.policy,
                        tries=ONE_TRY, evidence=self.session.evidence.folder)

    def check_page(self, case: Case) -> str:
        return check_page(self.surface, self.store, case, now=self.now(), policy=self.policy,
                          tries=ONE_TRY)

    def open_return(self, case: Case) -> str:
        return return_delivered(self.surface, self.store, case, settings=self.settings,
                                policy=self.policy, tries=ONE_TRY)

    def keep_evidence(self, name: str) -> list[Path]:
        """A screenshot and the trace so far (no trace, in an attached Chrome: the page's
        HTML), kept after the run; recording goes on."""
        evidence = self.session.evidence
        kept: list[Path] = []
        try:
            kept.append(evidence.screenshot(self.session.page, f"{name}.png"))
            if not evidence.trace:
                kept.append(evidence.snapshot(self.session.page, f"{name}.html"))
        except Exception as exc:  # the page may be gone; the trace still matters
            log.warning("No screenshot for %s: %s", name, exc)
        evidence.finish()
        kept.extend(p for p in evidence.files if p not in evidence.kept_on_success
                    and p.suffix == ".zip")
        evidence.kept_on_success.extend(kept)
        evidence.start()
        return kept
