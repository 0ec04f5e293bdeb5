"""One frozen retry policy: declared temporary errors only, backoff, the last error re-raised."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from assistant.errors import PageChanged, SiteUnavailable
from flows.retry import RetryPolicy, retrying


def test_the_policy_is_validated_with_the_bad_value_in_the_message() -> None:
    with pytest.raises(ValueError, match="attempts must be at least 1, got: 0"):
        RetryPolicy(attempts=0)


def test_waits_grow_by_the_factor_up_to_the_maximum() -> None:
    policy = RetryPolicy(attempts=5, first_wait=timedelta(seconds=1), factor=3,
                         max_wait=timedelta(seconds=5))
    assert list(policy.waits()) == [1, 3, 5, 5]


def test_a_transient_failure_is_retried_and_each_attempt_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    slept: list[float] = []
    answers: list[Exception | str] = [SiteUnavailable("HTTP 500"), SiteUnavailable("HTTP 502"),
                                      "done"]

    def attempt() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    with caplog.at_level(logging.WARNING):
        assert retrying(RetryPolicy(), attempt, what="cancel", sleep=slept.append) == "done"
    assert slept == [1.0, 2.0]
    assert ["attempt 1 of 3" in m or "attempt 2 of 3" in m for m in caplog.messages] == \
        [True, True]


def test_after_the_last_attempt_the_last_error_is_raised() -> None:
    errors = iter([SiteUnavailable("first"), SiteUnavailable("last")])

    def attempt() -> None:
        raise next(errors)

    with pytest.raises(SiteUnavailable, match="last"):
        retrying(RetryPolicy(attempts=2), attempt, what="cancel", sleep=lambda _: None)


def test_other_errors_are_not_retried() -> None:
    calls = []

    def attempt() -> None:
        calls.append(1)
        raise PageChanged("no button")

    with pytest.raises(PageChanged):
        retrying(RetryPolicy(), attempt, what="cancel", sleep=lambda _: None)
    assert calls == [1]
