"""Running one journey attempt after another: sign in again when signed out, retry hiccups.

An attempt starts from the shop's home page (or, right after a sign-in, from the order list
the shop brought the tab back to), so starting over is safe: the cancel journey re-reads the
order's list entry and form before any submit (see ``assistant.usecases.cancel``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from assistant.errors import SignedOut, SiteUnavailable
from flows.retry import RetryPolicy, retrying

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_SIGN_INS = 2  # per run: a shop that signs us out again and again needs a person


def run_attempts(policy: RetryPolicy, attempt: Callable[[], T], *, what: str,
                 sign_in: Callable[[], None]) -> T:
    """``attempt()`` with retries of transient failures and re-sign-in when signed out."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sign_ins = 0

    def once() -> T:
        nonlocal sign_ins
        while True:
            try:
                return attempt()
            except SignedOut:
                sign_ins += 1
                if sign_ins > MAX_SIGN_INS:
                    raise
                log.info("The shop signed us out; signing in again (%d)", sign_ins)
                sign_in()

    def once_timed() -> T:
        try:
            return once()
        except PlaywrightTimeout as exc:
            first_line = str(exc).splitlines()[0]
            raise SiteUnavailable(
                f"The shop did not answer in time ({first_line}).",
                hint="Try again later; if it keeps failing, raise ASSISTANT_PAGE_TIMEOUT.",
            ) from exc

    return retrying(policy, once_timed, what=what)
