"""`assistant cancel A B C`: several orders in one browser, one sign-in, one confirmation;
every number checked against the order list before anything is submitted."""

from __future__ import annotations

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant

FIRST, SECOND, MULTI = "8190000000000001", "8190000000000002", "8190000000000003"
SELLER_REFUSES = "8190000000000006"
UNKNOWN = "8190000000009999"

BOTH = [pytest.param(skin, marks=pytest.mark.fixture_site(skin=skin), id=skin)
        for skin in ("seed", "aliexpress")]
pytestmark = pytest.mark.browser


def items_of(assistant: Assistant, order: str) -> list[str]:
    found = next(o for o in assistant.site.state()["orders"] if o["id"] == order)
    return [i["id"] for i in found["items"]]


@pytest.mark.parametrize("skin", BOTH)
def test_three_orders_one_sign_in_three_requests_three_cases(
    assistant: Assistant, skin: str
) -> None:
    run = assistant("cancel", FIRST, SECOND, MULTI, "--reason", REASON, "--yes", timeout=400)
    assert run.returncode == 0, run.stderr
    # THEN the shop saw one sign-in and one request per order, each for all its items
    assert len(assistant.site.state()["sessions"]) == 1
    assert [(r["order"], r["items"]) for r in assistant.requests()] == [
        (o, items_of(assistant, o)) for o in (FIRST, SECOND, MULTI)]
    for order in (FIRST, SECOND, MULTI):
        case = assistant.case(order)
        assert case.state is State.SUBMITTED and case.items == items_of(assistant, order)
        assert f"Cancellation requested for order {order}" in run.stdout


@pytest.mark.parametrize("skin", BOTH)
def test_one_unknown_order_stops_the_batch_before_anything_is_submitted(
    assistant: Assistant, skin: str
) -> None:
    run = assistant("cancel", FIRST, UNKNOWN, SECOND, "--reason", REASON, "--yes")
    assert run.returncode == 2, run.stderr
    assert UNKNOWN in run.stderr and "Nothing was submitted for any of the orders" in run.stderr
    assert assistant.requests() == []
    assert assistant.case_or_none(FIRST) is None and assistant.case_or_none(SECOND) is None


def test_a_refusal_in_the_batch_leaves_the_others_done_and_exits_5(
    assistant: Assistant
) -> None:
    run = assistant("cancel", FIRST, SELLER_REFUSES, SECOND, "--reason", REASON, "--yes")
    assert run.returncode == 5, run.stderr
    assert [r["order"] for r in assistant.requests()] == [FIRST, SECOND]
    assert assistant.case(SELLER_REFUSES).state is State.SELLER_CONTACT
    assert f"Order {SELLER_REFUSES}:" in run.stderr
    assert "1 of 3 orders were not cancelled" in run.stderr


def test_answering_no_at_the_one_confirmation_submits_nothing(assistant: Assistant) -> None:
    # A terminal is needed to be asked: --dry-run/--yes absent and no tty means exit 2 at once;
    # the batch's listing is what a person confirms, so here it is refused before the browser.
    run = assistant("cancel", FIRST, SECOND, "--reason", REASON)
    assert run.returncode == 2 and "No terminal to confirm" in run.stderr
    assert assistant.requests() == []


@pytest.mark.parametrize("args, said", [
    (("--item", "1"), "with several orders each is cancelled whole"),
    (("12345",), "16 digits"),
])
def test_bad_batch_input_is_exit_2_before_the_browser(
    assistant: Assistant, args: tuple[str, ...], said: str
) -> None:
    run = assistant("cancel", FIRST, SECOND, *args, "--reason", REASON, "--yes")
    assert run.returncode == 2, run.stderr
    assert said in run.stderr
    assert assistant.requests() == [] and assistant.site.state()["sessions"] == []


def test_a_dry_run_batch_fills_each_form_and_records_nothing(assistant: Assistant) -> None:
    run = assistant("cancel", FIRST, SECOND, "--reason", REASON, "--dry-run")
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("Dry run: would cancel order") == 2
    assert assistant.requests() == [] and assistant.case_or_none(FIRST) is None


@pytest.mark.parametrize("skin", BOTH)
def test_a_sign_out_on_the_way_back_to_the_list_signs_in_again_and_goes_on(
    assistant: Assistant, skin: str
) -> None:
    # GIVEN a saved session, and a shop that ends it after three more pages: the batch's way
    # back to the order list (from the look-up, for its first order) meets the sign-in page
    assert assistant("login").returncode == 0
    assistant.site.switch(sign_out_after=3)
    run = assistant("-v", "cancel", FIRST, SECOND, MULTI, "--reason", REASON, "--yes",
                    timeout=400)
    # THEN it signed in again there and went on: one request and one case per order
    assert run.returncode == 0, run.stderr
    said = run.stderr
    assert -1 < said.find("Back to the order list") < said.find("signing in again")
    assert [r["order"] for r in assistant.requests()] == [FIRST, SECOND, MULTI]
    assert all(assistant.case(o).state is State.SUBMITTED for o in (FIRST, SECOND, MULTI))
