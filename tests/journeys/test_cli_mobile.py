"""`assistant cancel --surface mobile`: the web flow's cancel cases, on the mobile pages.

Each run starts with a fresh data dir, so it signs in first, on the mobile sign-in. The
tests marked with ``skin`` run on both skins' phone pages: the seed's ("Menu" → "Your
Orders" → "Cancel items"), and the real shop's (hashed CSS-module class names, "Account" →
"My Orders" → the whole order's "Cancel order" sheet), the latter also in a second build
of the site, whose class names all carry other hashes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant, every_order_listed

pytestmark = pytest.mark.browser

SINGLE = "8190000000000001"
MULTI = "8190000000000003"  # items 1, 2, 3
SELLER_REFUSES = "8190000000000006"  # "Sunny Jewelry Factory"
SHIPPED = "8190000000000007"  # Awaiting delivery
ON_SECOND_PAGE = "8190000000000011"  # only shown after "View orders"
MOBILE = ("--surface", "mobile")
BOTH = [pytest.param(skin, marks=pytest.mark.fixture_site(skin=skin), id=skin)
        for skin in ("seed", "aliexpress")]
# the real shop's phone pages after a new build: every class name's hash differs
REBUILT = pytest.param("aliexpress", marks=pytest.mark.fixture_site(skin="aliexpress", build="2"),
                       id="aliexpress-build-2")
# the real shop's phone pages with labels the assistant's texts do not list verbatim
REWORDED = pytest.param("aliexpress", marks=pytest.mark.fixture_site(skin="aliexpress", wording=1),
                        id="aliexpress-wording-1")
on_both_skins = pytest.mark.parametrize("skin", BOTH)


def made(assistant: Assistant) -> list[tuple[object, ...]]:
    """The shop's cancel requests: order, items, reason, surface."""
    return [(r["order"], r["items"], r["reason"], r["surface"]) for r in assistant.requests()]


def items_of(assistant: Assistant, order: str) -> list[str]:
    """The order's item IDs in the shop's state ("1", or order line IDs on the real skin)."""
    found = next(o for o in assistant.site.state()["orders"] if o["id"] == order)
    return [i["id"] for i in found["items"]]


@pytest.mark.parametrize("skin", [*BOTH, REBUILT, REWORDED])
def test_a_cancellable_order_is_requested_on_the_mobile_pages(assistant: Assistant,
                                                              skin: str) -> None:
    # WHEN the shopper cancels a single-item order on the mobile surface (signing in first)
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes", *MOBILE)
    # THEN the shop got one request for it, made on its mobile pages
    assert run.returncode == 0, run.stderr
    items = items_of(assistant, SINGLE)
    assert made(assistant) == [(SINGLE, items, REASON, "mobile")]
    # AND the case records it as submitted, on the mobile surface
    case = assistant.case(SINGLE)
    assert case is not None and case.state is State.SUBMITTED and case.items == items
    assert [r.surface for r in case.requests] == ["mobile"]
    assert (f"Cancellation requested for order {SINGLE}: items {items[0]} (USB-C cable 1 m)"
            in run.stdout)


def test_only_the_named_item_of_a_multi_item_order_is_requested(assistant: Assistant) -> None:
    run = assistant("cancel", MULTI, "--item", "2", "--reason", REASON, "--yes", *MOBILE)
    assert run.returncode == 0, run.stderr
    assert made(assistant) == [(MULTI, ["2"], REASON, "mobile")]
    items = {i["id"]: i["status"] for o in assistant.site.state()["orders"]
             if o["id"] == MULTI for i in o["items"]}
    assert items == {"1": "active", "2": "cancel_requested", "3": "active"}


def test_an_order_beyond_the_first_page_is_reached_with_view_orders(
        assistant: Assistant) -> None:
    run = assistant("cancel", ON_SECOND_PAGE, "--reason", REASON, "--yes", *MOBILE)
    assert run.returncode == 0, run.stderr
    assert made(assistant) == [(ON_SECOND_PAGE, ["1"], REASON, "mobile")]


@on_both_skins
def test_a_shipped_order_exits_5_and_nothing_is_requested(assistant: Assistant,
                                                          skin: str) -> None:
    run = assistant("cancel", SHIPPED, "--reason", REASON, "--yes", *MOBILE)
    assert run.returncode == 5, run.stderr
    assert "has shipped (Awaiting delivery)" in run.stderr
    assert assistant.requests() == []
    case = assistant.case(SHIPPED)
    assert case is not None and case.state is State.AWAITING_DELIVERY


@on_both_skins
def test_a_seller_that_refuses_exits_5_and_the_case_says_whom_to_contact(
        assistant: Assistant, skin: str) -> None:
    run = assistant("cancel", SELLER_REFUSES, "--reason", REASON, "--yes", *MOBILE)
    assert run.returncode == 5, run.stderr
    assert "Contact the seller Sunny Jewelry Factory" in run.stderr
    assert assistant.requests() == []
    case = assistant.case(SELLER_REFUSES)
    assert case is not None and case.state is State.SELLER_CONTACT


@pytest.mark.parametrize(("args", "message"), [
    (["8190000000000099", "--reason", REASON], "Order 8190000000000099 is not on this account"),
    ([SINGLE, "--item", "7", "--reason", REASON],
     f"Order {SINGLE} has no item 7. Its items: 1 (USB-C cable 1 m)"),
    ([SINGLE, "--reason", "Because"],
     'The shop does not offer the reason "Because" (--reason) for order'),
], ids=["unknown-order", "unknown-item", "unknown-reason"])
def test_bad_input_exits_2_and_nothing_is_submitted(assistant: Assistant, args: list[str],
                                                    message: str) -> None:
    run = assistant("cancel", *args, "--yes", *MOBILE)
    assert run.returncode == 2, run.stderr
    assert message in run.stderr and "Nothing was submitted" in run.stderr
    assert assistant.requests() == []


@on_both_skins
def test_an_unknown_order_exits_2_before_anything_is_submitted(assistant: Assistant,
                                                               skin: str) -> None:
    # WHEN the shopper names an order the account does not have
    run = assistant("cancel", "8190000000000099", "--reason", REASON, "--yes", *MOBILE)
    # THEN exit 2 after the whole list was paged through, and the shop got no request
    assert run.returncode == 2, run.stderr
    assert "Order 8190000000000099 is not on this account" in run.stderr
    assert "Nothing was submitted" in run.stderr
    assert assistant.requests() == []


@on_both_skins
def test_a_rerun_makes_no_second_request(assistant: Assistant, tmp_path: Path,
                                         skin: str) -> None:
    # GIVEN the order was cancelled on the mobile pages
    assert assistant("cancel", SINGLE, "--reason", REASON, "--yes", *MOBILE).returncode == 0
    # WHEN the same command runs again; and again with no memory of it (a new data dir),
    # so that only the order's page can tell
    again = assistant("cancel", SINGLE, "--reason", REASON, "--yes", *MOBILE)
    forgotten = assistant("cancel", SINGLE, "--reason", REASON, "--yes", *MOBILE,
                          env={"ASSISTANT_DATA_DIR": str(tmp_path / "fresh")})
    # THEN both report the existing request, and the shop still has one
    for run in (again, forgotten):
        assert run.returncode == 0, run.stderr
        assert (f"Order {SINGLE}: items {items_of(assistant, SINGLE)[0]} were requested "
                "already") in run.stdout
    assert len(assistant.requests()) == 1


@on_both_skins
def test_a_missing_cancel_button_exits_4_and_nothing_is_submitted(
        assistant: Assistant, skin: str) -> None:
    assistant.site.switch(hide="cancel_button")
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes", *MOBILE)
    assert run.returncode == 4, run.stderr
    assert assistant.requests() == []
    assert "Evidence: " in run.stderr


@on_both_skins
def test_a_desktop_run_served_the_mobile_pages_carries_on_and_cancels_once(
        assistant: Assistant, skin: str) -> None:
    # GIVEN the shop serves its mobile pages to desktop browsers
    assistant.site.switch(serve_mobile_to_desktop=True)
    # WHEN the shopper cancels on the (default) web surface
    run = assistant("-v", "cancel", SINGLE, "--reason", REASON, "--yes")
    # THEN the run noticed, went on with the mobile pages, and the shop got one request
    assert run.returncode == 0, run.stderr
    assert "serves its mobile pages to this desktop browser" in run.stderr
    assert made(assistant) == [(SINGLE, items_of(assistant, SINGLE), REASON, "mobile")]
    case = assistant.case(SINGLE)
    assert case is not None and case.state is State.SUBMITTED
    # AND a rerun there makes no second request
    again = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    assert again.returncode == 0, again.stderr
    assert len(assistant.requests()) == 1


@on_both_skins
def test_the_order_list_is_read_off_the_mobile_pages_when_the_shop_serves_them(
        assistant: Assistant, skin: str) -> None:
    # GIVEN the shop serves its mobile pages to desktop browsers
    assistant.site.switch(serve_mobile_to_desktop=True)
    # WHEN the shopper lists the orders
    run = assistant("orders", "--json")
    # THEN every order is read off the mobile list, with its status, date, seller and items
    shown = every_order_listed(run, assistant.site)
    assert all(order["date"] for order in shown.values())


def test_server_errors_are_retried_on_the_mobile_pages(assistant: Assistant) -> None:
    assistant.site.switch(http_500=2)
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes", *MOBILE)
    assert run.returncode == 0, run.stderr
    assert made(assistant) == [(SINGLE, ["1"], REASON, "mobile")]


def test_signed_out_mid_run_signs_in_again_on_the_mobile_pages(assistant: Assistant) -> None:
    # GIVEN a saved session, and a shop that ends it after three more pages
    assert assistant("login").returncode == 0
    assistant.site.switch(sign_out_after=3)
    # WHEN the shopper cancels on the mobile surface
    run = assistant("-v", "cancel", SINGLE, "--reason", REASON, "--yes", *MOBILE)
    # THEN the run signed in again on the way, and the shop got one request
    assert run.returncode == 0, run.stderr
    assert "signing in again" in run.stderr
    assert made(assistant) == [(SINGLE, ["1"], REASON, "mobile")]


@on_both_skins
def test_login_works_when_the_shop_serves_the_mobile_pages(assistant: Assistant,
                                                           skin: str) -> None:
    # GIVEN the shop serves its mobile pages to desktop browsers
    assistant.site.switch(serve_mobile_to_desktop=True)
    # WHEN the shopper signs in, and again
    first = assistant("login")
    second = assistant("login")
    # THEN the first signs in on the mobile sign-in, the second finds the session working
    assert first.returncode == 0, first.stderr
    assert "Signed in as shopper@example.test" in first.stdout
    assert second.returncode == 0, second.stderr
    assert "Already signed in as shopper@example.test" in second.stdout
