"""`assistant return ORDER [--item ID ...] [--reason TEXT]` as a shopper runs it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.cli import Assistant

pytestmark = pytest.mark.browser

DELIVERED = "8190000000000008"  # items 1 (Kitchen scale), 2 (Silicone spatula set)
SHIPPED = "8190000000000007"


def test_a_return_is_opened_and_the_case_says_what_to_do_next(cron: Assistant) -> None:
    # WHEN the shopper returns one item of a delivered order
    run = cron("return", DELIVERED, "--item", "1", "--reason", "Changed my mind")
    # THEN the shop holds that return, and the command says what comes next
    assert run.returncode == 0, run.stderr
    assert cron.returns() == [{"order": DELIVERED, "items": ["1"],
                                  "reason": "Changed my mind"}]
    by = (cron.now() + timedelta(days=15)).date().isoformat()
    assert run.stdout.splitlines() == [
        f"Return requested for order {DELIVERED}: items 1 (reason: Changed my mind). "
        "The shop is reviewing it.",
        f"Next: Wait for the shop's review, then send the parcel with item 1 back by {by}.",
        f"Case: return_requested. `assistant status {DELIVERED}` shows it.",
    ]
    case = cron.case(DELIVERED)
    assert case.state is State.RETURN_REQUESTED and case.returned_items() == ("1",)
    assert by in cron("status", DELIVERED).stdout


def test_a_second_return_asks_only_for_the_items_not_returned_yet(cron: Assistant) -> None:
    assert cron("return", DELIVERED, "--item", "1").returncode == 0
    run = cron("return", DELIVERED)
    assert run.returncode == 0, run.stderr
    assert [r["items"] for r in cron.returns()] == [["1"], ["2"]]
    assert "Items 1 had a return requested already; nothing was submitted for them." \
        in run.stdout


def test_an_order_not_delivered_exits_5_and_nothing_is_sent(cron: Assistant) -> None:
    run = cron("return", SHIPPED)
    assert run.returncode == 5, run.stdout + run.stderr
    assert "offers no \"Returns/refunds\" (the shop shows it as Awaiting delivery)" in run.stderr
    assert cron.returns() == []


def test_a_reason_the_shop_does_not_offer_exits_2_and_lists_the_offered_ones(
        cron: Assistant) -> None:
    run = cron("return", DELIVERED, "--reason", "Too expensive")
    assert run.returncode == 2
    assert 'does not offer the return reason "Too expensive"' in run.stderr
    assert '"Item arrived damaged"' in run.stderr
    assert cron.returns() == []


def test_a_case_another_run_works_on_is_not_touched(cron: Assistant) -> None:
    # GIVEN a tick working on the order's case
    with CaseStore.open(cron.db) as store, \
            store.case_lease(DELIVERED, owner="tick", ttl=timedelta(minutes=1)):
        run = cron("return", DELIVERED)
    # THEN the return command leaves it, says why, and sends nothing
    assert f"Order {DELIVERED} is being worked on by another run (tick (pid " in run.stderr
    assert cron.returns() == []
