"""Requests a shop refuses: the page says why, and nothing in the shop changes."""

from __future__ import annotations

import pytest
from playwright.sync_api import APIRequestContext, Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.forms import form, without_clock
from fixture_site.person import open_orders_and_sign_in

CANCEL = "/p/order/cancel.html?orderId="
REASON = "No longer needed"


@pytest.mark.parametrize(
    ("order", "fields", "status", "message"),
    [
        ("8190000000000099", {"reason": REASON, "items": ["1"]}, 404, "Order not found"),
        ("8190000000000003", {"reason": REASON, "items": ["9"]}, 400,
         "Item 9 is not part of this order."),
        ("8190000000000003", {"reason": "", "items": ["1"]}, 400,
         "Please select a cancellation reason."),
        ("8190000000000003", {"items": ["1"]}, 400, "Please select a cancellation reason."),
        ("8190000000000003", {"reason": "Found it cheaper", "items": ["1"]}, 400,
         "Please select a valid cancellation reason."),
        ("8190000000000003", {"reason": REASON}, 400,
         "Please select at least one item to cancel."),
        ("8190000000000006", {"reason": REASON, "items": ["1"]}, 409,
         "This seller does not accept cancellation requests. Please contact the seller "
         "(Sunny Jewelry Factory) about this order."),
        ("8190000000000007", {"reason": REASON, "items": ["1"]}, 409,
         "This order can no longer be cancelled: it is Awaiting delivery."),
        ("8190000000000010", {"reason": REASON, "items": ["1"]}, 409,
         "This order can no longer be cancelled: it is Cancelled."),
    ],
    ids=["unknown-order", "item-not-in-order", "empty-reason", "no-reason",
         "reason-not-offered", "no-items", "seller-refuses", "shipped", "already-cancelled"],
)
def test_a_refused_cancel_request_changes_nothing(
    fixture_site: FixtureSite, shopper: APIRequestContext,
    order: str, fields: dict[str, object], status: int, message: str,
) -> None:
    # GIVEN the shop's state before the request
    before = without_clock(fixture_site.state())
    # WHEN a tampered cancel form is posted
    answer = shopper.post(CANCEL + order, form=form(**fields), max_redirects=0)
    # THEN the shop answers with the error a shopper would see, and its state is as before
    assert answer.status == status
    assert message in answer.text()
    assert without_clock(fixture_site.state()) == before


def test_an_item_is_never_requested_twice(fixture_site: FixtureSite,
                                          shopper: APIRequestContext) -> None:
    # GIVEN a request already made for the bulb of the multi-item order
    first = shopper.post(CANCEL + "8190000000000003",
                         form=form(reason=REASON, items=["2"]), max_redirects=0)
    assert first.status == 303
    before = without_clock(fixture_site.state())
    # WHEN the same item is posted again, with another one
    again = shopper.post(CANCEL + "8190000000000003",
                         form=form(reason=REASON, items=["1", "2"]), max_redirects=0)
    # THEN the shop refuses the whole form and records nothing more
    assert again.status == 400
    assert "A cancellation has already been requested for Spare lamp bulb (2 pcs)" in again.text()
    assert without_clock(fixture_site.state()) == before


def test_a_post_without_a_session_goes_to_sign_in(fixture_site: FixtureSite,
                                                  shopper: APIRequestContext) -> None:
    # GIVEN a request context that never signed in
    before = without_clock(fixture_site.state())
    stranger = shopper.post("/logout", max_redirects=0)
    assert stranger.status == 303
    # WHEN it posts a valid cancel form
    answer = shopper.post(CANCEL + "8190000000000001", form=form(reason=REASON, items=["1"]),
                          max_redirects=0)
    # THEN it is sent to sign in, and nothing changed (the logout only ended a session)
    assert answer.status == 302
    assert answer.headers["location"].startswith("/login?return_url=")
    after = without_clock(fixture_site.state())
    assert after["cancel_requests"] == before["cancel_requests"] == []
    assert after["sessions"] == []


@pytest.mark.browser
def test_a_reason_edited_into_the_page_is_refused(page: Page, fixture_site: FixtureSite) -> None:
    # GIVEN a signed-in person on the cancel page of a single-item order
    open_orders_and_sign_in(page, fixture_site)
    page.goto(f"{fixture_site.url}{CANCEL}8190000000000001")
    page.get_by_role("checkbox", name="USB-C cable 1 m").check()
    before = without_clock(fixture_site.state())
    # WHEN the hidden reason field is edited to a reason the drop-down does not offer
    page.locator("input[name=reason]").evaluate("el => { el.value = 'Found it cheaper'; }")
    page.get_by_role("button", name="Cancel selected items").click()
    # THEN the page says so, and the shop is unchanged
    expect(page.get_by_role("alert")).to_have_text("Please select a valid cancellation reason.")
    assert without_clock(fixture_site.state()) == before
