"""Retrying a journey after a transient failure of the shop, within one run (tenacity).

One frozen policy object says how often and how long to wait; only the declared temporary
errors are retried, each attempt is logged, and the last error itself (not a wrapper) is
re-raised when it gives up, so its exit code and message reach the person.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

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

    def wait(self) -> wait_exponential:
        """first_wait × factor^(n-1) after the n-th failed attempt, at most max_wait."""
        return wait_exponential(multiplier=self.first_wait.total_seconds(), exp_base=self.factor,
                                max=self.max_wait.total_seconds())

    def waits(self) -> Iterator[float]:
        """Seconds to wait before the 2nd, 3rd, ... attempt."""
        for failed in range(1, self.attempts):
            yield min(self.first_wait.total_seconds() * self.factor ** (failed - 1),
                      self.max_wait.total_seconds())


def retrying(policy: RetryPolicy, attempt: Callable[[], T], *, what: str,
             sleep: Callable[[float], None] = time.sleep) -> T:
    """Run ``attempt`` until it succeeds, retrying ``policy.retry_on`` errors with backoff."""

    def retry_later(state: RetryCallState) -> None:
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("%s: attempt %d of %d failed (%s); retrying in %.1f s", what,
                    state.attempt_number, policy.attempts, _error(state), wait)

    def give_up(state: RetryCallState) -> T:
        error = _error(state)
        log.warning("%s: attempt %d of %d failed, giving up: %s", what, state.attempt_number,
                    policy.attempts, error)
        raise error

    retryer = Retrying(stop=stop_after_attempt(policy.attempts), wait=policy.wait(),
                       retry=retry_if_exception_type(policy.retry_on), sleep=sleep,
                       before_sleep=retry_later, retry_error_callback=give_up)
    return retryer(attempt)


def _error(state: RetryCallState) -> BaseException:
    error = state.outcome.exception() if state.outcome else None
    assert error is not None  # only called after a failed attempt
    return error
