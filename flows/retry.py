"""Retrying a journey after a transient failure of the shop, within one run.

One frozen policy object says how often and how long to wait; only the declared temporary
errors are retried, each attempt is logged, and the last error is re-raised when it gives up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from assistant.errors import SiteUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    """How a run retries: ``attempts`` tries in all, waits growing by ``factor``."""

    attempts: int = 3
    first_wait: timedelta = timedelta(seconds=1)
    factor: float = 2.0
    max_wait: timedelta = timedelta(seconds=15)
    retry_on: tuple[type[BaseException], ...] = field(default=(SiteUnavailable,))

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts must be at least 1, got: {self.attempts}")
        if self.first_wait < timedelta(0) or self.max_wait < timedelta(0):
            raise ValueError(f"waits must not be negative, got: {self.first_wait}, "
                             f"{self.max_wait}")
        if self.factor < 1:
            raise ValueError(f"factor must be at least 1, got: {self.factor}")

    def waits(self) -> Iterator[float]:
        """Seconds to wait before the 2nd, 3rd, ... attempt."""
        wait = self.first_wait.total_seconds()
        for _ in range(self.attempts - 1):
            yield min(wait, self.max_wait.total_seconds())
            wait *= self.factor


def retrying(policy: RetryPolicy, attempt: Callable[[], T], *, what: str,
             sleep: Callable[[float], None] = time.sleep) -> T:
    """Run ``attempt`` until it succeeds, retrying ``policy.retry_on`` errors with backoff."""
    waits = policy.waits()
    number = 1
    while True:
        try:
            return attempt()
        except policy.retry_on as exc:
            wait = next(waits, None)
            if wait is None:
                log.warning("%s: attempt %d of %d failed, giving up: %s",
                            what, number, policy.attempts, exc)
                raise
            log.warning("%s: attempt %d of %d failed (%s); retrying in %.1f s",
                        what, number, policy.attempts, exc, wait)
            sleep(wait)
            number += 1
