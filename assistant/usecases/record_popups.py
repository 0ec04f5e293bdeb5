"""Before `assistant record` keeps a page: the popups over it closed, late ones included.

A shop's popups come at their own time: the coupon when the page loads, the "Limited-time
offer" seconds later. A snapshot taken whenever the walk happens to get there would hold one
or not, and the popup closed or not changes the next pages too (a closed one stays closed for
the session). So before each snapshot every popup the page holds, shown or still hidden, is
waited for (a few seconds at most) and closed by its own close button, as a shopper would:
the snapshot is the page's real DOM after its scripts ran, the same on every recording, and
the popup itself stays in the recorded answer, so replay still shows it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError

from assistant.texts import Texts
from flows.web.overlays import MAX_CLOSES, popups

if TYPE_CHECKING:
    from playwright.sync_api import Page

log = logging.getLogger(__name__)

LATE_POPUP_S = 8  # the longest a popup waits after its page loaded before it shows


def close_all(page: Page, texts: Texts) -> None:
    """Wait for each popup of ``page`` to show, then close it (the overlay handlers may
    close it first: either way it is gone before the snapshot)."""
    for dialog in popups(page, texts, include_hidden=True).element_handles():
        try:
            dialog.wait_for_element_state("visible", timeout=LATE_POPUP_S * 1000)
        except PlaywrightError:
            continue  # it never showed, or left the page: nothing covers the page
        shown = popups(page, texts, include_hidden=False)
        for _ in range(MAX_CLOSES):
            if not shown.count():
                break
            log.debug("Recording: closing a popup before the snapshot")
            try:
                shown.first.get_by_role("button", name=texts.exact("overlays.close")).first \
                    .click(timeout=2000)
            except PlaywrightError:
                continue  # closed meanwhile by the overlay handlers
        try:
            dialog.wait_for_element_state("hidden", timeout=LATE_POPUP_S * 1000)
        except PlaywrightError:
            log.warning("Recording: a popup stayed open; the snapshot shows it")
