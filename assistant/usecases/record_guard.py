"""Read-only by construction: while `assistant record` walks the account, nothing is sent.

Two locks, both from the site knowledge (``flows.web.markup``):
- every POST, PUT, PATCH or DELETE request of the browser context is aborted unless it goes
  to one of the shop's read endpoints (``READ_ENDPOINTS``);
- a click on a control the site knowledge marks as submitting (``SUBMITTING_CONTROLS``, by
  its texts) is stopped in the page before the page's own scripts see it: a control whose
  script would send a request by GET is stopped too.

Whatever was stopped is listed (``blocked``), and the recording's manifest says so.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.texts import Texts
from flows.web import markup

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Route

log = logging.getLogger(__name__)

CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
BINDING = "__assistantRecordBlocked"

# Runs in every page and frame before its own scripts: a click (capture phase, on the
# window, so it comes first) on a submitting control is stopped and reported.
CLICK_GUARD_JS = """(names) => {
  const submitting = names.map(n => n.trim().toLowerCase());
  const stop = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const control = target && target.closest(
      'button, [role=button], input[type=submit], input[type=button], a');
    if (!control) { return; }
    const name = (control.getAttribute('aria-label') || control.innerText ||
                  control.value || '').trim().toLowerCase();
    if (!submitting.includes(name)) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    window.BINDING(name);
  };
  window.addEventListener('click', stop, true);
  window.addEventListener('submit', (event) => {
    const form = event.target;
    if (!form || (form.method || 'get').toLowerCase() !== 'post') { return; }  // reads only
    event.preventDefault();
    event.stopImmediatePropagation();
    window.BINDING('form ' + (form.action || ''));
  }, true);
}""".replace("BINDING", BINDING)


@dataclass(frozen=True)
class Blocked:
    """One thing the guard stopped: a request (``what`` is its method) or a click."""

    what: str
    target: str

    def to_json(self) -> dict[str, str]:
        return {"what": self.what, "target": self.target}


@dataclass
class ReadOnlyGuard:
    """The two locks on one browser context, and what they stopped."""

    texts: Texts
    blocked: list[Blocked] = field(default_factory=list)

    def submitting_names(self) -> list[str]:
        names: list[str] = []
        for key in markup.SUBMITTING_CONTROLS:
            try:
                names.extend(self.texts.variants(key))
            except LookupError:
                continue  # a locale without that page
        return names

    def install(self, context: BrowserContext) -> None:
        context.expose_binding(BINDING, self._clicked)
        names = json.dumps(self.submitting_names())
        context.add_init_script(f"({CLICK_GUARD_JS})({names});")
        context.route(re.compile(r".*"), self._request)

    def _clicked(self, source: Any, name: str) -> None:
        log.warning("Recording: a click on %r was blocked", name)
        self.blocked.append(Blocked("click", str(name)))

    def _request(self, route: Route) -> None:
        request = route.request
        if request.method in CHANGING_METHODS and not any(
                pattern.search(request.url) for pattern in markup.READ_ENDPOINTS):
            log.warning("Recording: %s %s was blocked", request.method, request.url)
            self.blocked.append(Blocked(request.method, request.url))
            route.abort("blockedbyclient")
            return
        route.fallback()
