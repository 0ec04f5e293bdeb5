"""The cron's intent survives a slow shop: `cancel --yes` that cannot reach the form keeps
the request for `tick`, which checks order, items and reason on the page before it submits."""

from __future__ import annotations

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant

pytestmark = pytest.mark.browser

MULTI = "8190000000000003"  # three items, cancellable
SLOW = {"ASSISTANT_PAGE_TIMEOUT": "PT4S", "ASSISTANT_SUBMIT_ATTEMPTS": "2"}


def test_a_confirmed_cancel_is_kept_while_the_shop_is_slow_and_tick_makes_one_request(
        cron: Assistant) -> None:
    # GIVEN the shop answers every page 20 s late
    cron.site.switch(delay_ms=20_000)
    # WHEN the cron cancels the whole order, confirmed in advance
    run = cron("cancel", MULTI, "--reason", REASON, "--yes", env=SLOW)
    # THEN it fails (exit 1), saying the request is kept and `tick` retries it
    assert run.returncode == 1, run.stdout + run.stderr
    assert "did not answer in time" in run.stderr and "assistant tick" in run.stderr
    case = cron.case(MULTI)
    assert case.state is State.REQUESTED and case.next_check is not None
    assert cron.requests(MULTI) == []  # nothing reached the shop
    # WHEN the shop answers again and the retry is due
    cron.site.switch()
    cron.advance_to(case.next_check)
    ticked = cron.tick()
    # THEN exactly one request, for every item of the order, with the reason asked for
    assert ticked.returncode == 0, ticked.said + ticked.stderr
    made = cron.requests(MULTI)
    assert [(r["items"], r["reason"]) for r in made] == [(["1", "2", "3"], REASON)]
    assert cron.case(MULTI).state is State.SUBMITTED
    assert cron.case(MULTI).items == ["1", "2", "3"]
    # AND later ticks submit nothing again
    cron.tick()
    assert len(cron.requests(MULTI)) == 1


def test_a_kept_request_whose_reason_the_form_lacks_fails_and_submits_nothing(
        cron: Assistant) -> None:
    # GIVEN a slow shop, and a reason the shop's drop-down does not offer (unknown offline)
    cron.site.switch(delay_ms=20_000)
    run = cron("cancel", MULTI, "--item", "2", "--reason", "Found it cheaper on the moon",
                  "--yes", env=SLOW)
    assert run.returncode == 1, run.stdout + run.stderr
    case = cron.case(MULTI)
    assert case.state is State.REQUESTED
    # WHEN the tick reaches the form
    cron.site.switch()
    cron.advance_to(case.next_check)
    ticked = cron.tick()
    # THEN the case needs a person, says why, and nothing was submitted
    assert ticked.returncode == 3, ticked.said + ticked.stderr
    failed = cron.case(MULTI)
    assert failed.state is State.FAILED
    assert "Found it cheaper on the moon" in (failed.last_event.detail if failed.last_event
                                              else "")
    assert cron.requests() == []


def test_a_dry_run_against_a_slow_shop_keeps_nothing(cron: Assistant) -> None:
    cron.site.switch(delay_ms=20_000)
    run = cron("cancel", MULTI, "--reason", REASON, "--dry-run", env=SLOW)
    assert run.returncode == 1
    assert "Nothing was recorded" in run.stderr
    assert cron.case_or_none(MULTI) is None
