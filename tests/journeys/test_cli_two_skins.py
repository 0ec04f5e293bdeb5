"""The same commands on both skins of the fixture shop: the seed's screens ("Your Orders",
"Cancel items" per item) and the real shop's ("My Orders" cards from a JSON answer, the
"Cancel order" window for the whole order, order line IDs as item IDs)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant
from tests.support.leaks import mentions
from tests.support.wording import WORDINGS

SINGLE = "8190000000000001"
SELLER_REFUSES = "8190000000000006"
SHIPPED = "8190000000000007"  # Awaiting delivery
UNKNOWN = "8190000000009999"
PAGE_TIMEOUT_S = 60

BOTH = [pytest.param(skin, marks=pytest.mark.fixture_site(skin=skin), id=skin)
        for skin in ("seed", "aliexpress")]
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("skin", BOTH)]


def items_of(assistant: Assistant, order: str) -> list[str]:
    """The order's item IDs in the shop's state ("1", or order line IDs on the real skin)."""
    found = next(o for o in assistant.site.state()["orders"] if o["id"] == order)
    return [i["id"] for i in found["items"]]


def test_orders_lists_every_order_with_its_items(assistant: Assistant, skin: str) -> None:
    run = assistant("orders", "--json")
    assert run.returncode == 0, run.stderr
    shown = {o["order"]: o for o in json.loads(run.stdout)["orders"]}
    state = assistant.site.state()
    assert state["skin"] == skin
    shop = {o["id"]: o for o in state["orders"]}
    assert shown.keys() == shop.keys()  # every page of the list
    for number, order in shop.items():
        assert (shown[number]["status"], shown[number]["seller"]) == (
            order["status"], order["seller"])
        assert [(i["id"], i["title"]) for i in shown[number]["items"]] == [
            (i["id"], i["title"]) for i in order["items"]]


@pytest.mark.parametrize("wording", WORDINGS)
def test_a_cancel_is_one_request_for_the_order_and_the_case_agrees(
    assistant: Assistant, skin: str, wording: int
) -> None:
    # GIVEN the shop's labels in the chosen wording (the assistant is not told which)
    assert (assistant.site.state()["skin"], assistant.site.state()["wording"]) == (skin, wording)
    # WHEN a single-item order is cancelled (signing in first)
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    assert run.returncode == 0, run.stderr
    items = items_of(assistant, SINGLE)
    assert [(r["order"], r["items"], r["reason"]) for r in assistant.requests()] == [
        (SINGLE, items, REASON)]
    case = assistant.case(SINGLE)
    assert case is not None and case.state is State.SUBMITTED and case.items == items
    assert f"Cancellation requested for order {SINGLE}" in run.stdout


@pytest.mark.parametrize("order", [SHIPPED, SELLER_REFUSES])
def test_an_order_the_shop_will_not_cancel_exits_5(
    assistant: Assistant, skin: str, order: str
) -> None:
    run = assistant("cancel", order, "--reason", REASON, "--yes")
    assert run.returncode == 5, run.stderr
    assert assistant.requests() == []
    case = assistant.case(order)
    assert case is not None and case.items == items_of(assistant, order)


def test_an_unknown_order_exits_2_before_anything_is_submitted(
    assistant: Assistant, skin: str
) -> None:
    run = assistant("cancel", UNKNOWN, "--reason", REASON, "--yes")
    assert run.returncode == 2, run.stderr
    assert f"Order {UNKNOWN} is not on this account's order list" in run.stderr
    assert assistant.requests() == []


def test_a_page_without_its_cancel_control_exits_4_at_once(
    assistant: Assistant, skin: str
) -> None:
    # GIVEN the shop's pages lost their cancel controls, and a page timeout of 60 s (long
    # beside the run's own start-up, so that a run that waited for the control shows)
    assistant.site.switch(hide="cancel_button")
    assert assistant("orders").returncode == 0  # signed in: the timing below is the cancel's
    started = time.monotonic()
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes",
                    env={"ASSISTANT_PAGE_TIMEOUT": f"PT{PAGE_TIMEOUT_S}S"})
    # THEN exit 4 inside one page timeout (not waiting for it), nothing submitted, evidence
    assert run.returncode == 4, run.stderr
    assert time.monotonic() - started < PAGE_TIMEOUT_S + 5
    assert "nothing was submitted" in run.stderr
    assert assistant.requests() == []
    # AND the screenshot and the trace are kept where the message says
    kept = [Path(p.strip()) for p in run.stderr.split("Evidence: ")[1].split(",")]
    assert "failure.png" in [p.name for p in kept]
    assert any(p.name.startswith("trace-") and p.suffix == ".zip" for p in kept)
    assert all(p.is_file() and p.stat().st_size > 0 for p in kept)
    # AND the password is in no file under the data dir (every byte, inside the traces too)
    assert mentions(assistant.data_dir, assistant.site.account.password) == []
