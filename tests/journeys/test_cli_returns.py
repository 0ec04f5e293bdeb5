"""`assistant return` and `assistant cancel --dry-run` on both skins of the fixture shop, and
a refused order followed by `tick` to its return and refund: the seed's "Returns/refunds"
pages, and the real shop's (from the order's page, plain divs, "Submit" then "Confirm")."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant

DELIVERED = "8190000000000008"  # two items, delivered 5 days ago
RETURN_ENDED = "8190000000000015"  # delivered 50 days ago: the 30-day return period ended
SHIPPED = "8190000000000007"  # Awaiting delivery, delivered 3 days after the shop starts
SINGLE = "8190000000000001"  # awaiting shipment, one item
HOUR, DAY = 3600, 86400

BOTH = [pytest.param(skin, marks=pytest.mark.fixture_site(skin=skin), id=skin)
        for skin in ("seed", "aliexpress")]
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("skin", BOTH)]


def items_of(assistant: Assistant, order: str) -> list[str]:
    """The order's item IDs in the shop's state ("1", or order line IDs on the real skin)."""
    found = next(o for o in assistant.site.state()["orders"] if o["id"] == order)
    return [i["id"] for i in found["items"]]


def test_a_return_of_a_delivered_order_is_one_request_and_the_case_follows_it(
        cron: Assistant, skin: str) -> None:
    # GIVEN a delivered order of two items
    first, _ = items_of(cron, DELIVERED)
    # WHEN the shopper returns its first item
    run = cron("return", DELIVERED, "--item", first, "--reason", "Changed my mind")
    # THEN the shop holds exactly that one return, and the case waits for the shop's review
    assert run.returncode == 0, run.stdout + run.stderr
    assert cron.returns() == [{"order": DELIVERED, "items": [first],
                               "reason": "Changed my mind"}]
    assert run.stdout.startswith(f"Return requested for order {DELIVERED}: items {first} "
                                 "(reason: Changed my mind).")
    case = cron.case(DELIVERED)
    assert case.state is State.RETURN_REQUESTED and case.returned_items() == (first,)
    # AND a second run asks only for the other item
    again = cron("return", DELIVERED)
    assert again.returncode == 0, again.stdout + again.stderr
    assert [r["items"] for r in cron.returns()] == [[first], [items_of(cron, DELIVERED)[1]]]


def test_after_the_return_period_the_shop_refuses_and_nothing_is_sent(
        cron: Assistant, skin: str) -> None:
    run = cron("return", RETURN_ENDED)
    assert run.returncode == 5, run.stdout + run.stderr
    assert "This order can't be returned: its return period ended on" in run.stderr
    assert "Nothing was submitted" in run.stderr
    assert cron.returns() == []


def test_an_order_not_delivered_offers_no_return(cron: Assistant, skin: str) -> None:
    run = cron("return", SHIPPED)
    assert run.returncode == 5, run.stdout + run.stderr
    assert "offers no \"Returns/refunds\" (the shop shows it as Awaiting delivery)" in run.stderr
    assert cron.returns() == []


def test_a_dry_run_fills_the_cancel_form_and_submits_and_records_nothing(
        assistant: Assistant, skin: str) -> None:
    run = assistant("cancel", SINGLE, "--reason", REASON, "--dry-run")
    assert run.returncode == 0, run.stdout + run.stderr
    item = items_of(assistant, SINGLE)[0]
    assert f"Dry run: would cancel order {SINGLE}: items {item} (USB-C cable 1 m)" in run.stdout
    shot = Path(run.stdout.split("The filled form: ")[1].strip())
    assert shot.name == "dry-run.png" and shot.stat().st_size > 0
    state = assistant.site.state()
    assert state["cancel_requests"] == []
    order = next(o for o in state["orders"] if o["id"] == SINGLE)
    assert order["status"] == "awaiting_shipment" and not order.get("cancel_requested")
    assert [i["status"] for i in order["items"]] == ["active"]
    assert assistant.case_or_none(SINGLE) is None


def test_a_shipped_order_is_returned_once_delivered_and_refunded_by_tick(
        cron: Assistant, skin: str) -> None:
    # GIVEN an order that already shipped: cancel exits 5 and the case waits for delivery
    run = cron("cancel", SHIPPED, "--reason", REASON, "--yes")
    assert run.returncode == 5, run.stdout + run.stderr
    assert cron.case(SHIPPED).state is State.AWAITING_DELIVERY
    assert cron.tick().returncode == 0
    # WHEN the shop's clock passes the delivery and the daily check runs
    cron.site.advance(3 * DAY + HOUR)
    cron.advance_to(cron.case(SHIPPED).next_check)
    delivered = cron.tick()
    # THEN the return is opened for its item, with the first reason the form offers
    assert delivered.returncode == 0, delivered.stdout + delivered.stderr
    first_reason = cron.site.state()["return_reasons"][0]
    assert cron.returns() == [{"order": SHIPPED, "items": items_of(cron, SHIPPED),
                               "reason": first_reason}]
    assert cron.case(SHIPPED).state is State.RETURN_REQUESTED
    # AND the shop's return mails take it to refunded, with no second return
    assert cron.tick().returncode == 0
    cron.site.advance(3 * DAY)
    refunded = cron.tick()
    assert refunded.returncode == 0, refunded.stdout + refunded.stderr
    assert cron.case(SHIPPED).state is State.REFUNDED
    assert len(cron.returns()) == 1
