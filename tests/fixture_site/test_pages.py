"""What the order pages show: details, the seller's refusal, shipped orders, the drop-down."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.person import open_orders_and_sign_in

DETAIL = "/p/order/detail.html?orderId="
CANCEL = "/p/order/cancel.html?orderId="


@pytest.mark.browser
def test_order_pages_show_status_seller_and_the_refusals(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN a signed-in person
    open_orders_and_sign_in(page, fixture_site)
    url = fixture_site.url

    # WHEN they open a cancellable order's details, THEN status, seller, items, "Cancel items"
    page.goto(url + DETAIL + "8190000000000003")
    expect(page.get_by_text("Awaiting shipment", exact=True)).to_be_visible()
    expect(page.get_by_text("Sold by: AliExpress")).to_be_visible()
    expect(page.get_by_text("Item ID: 3")).to_be_visible()
    expect(page.get_by_role("link", name="Cancel items")).to_be_visible()

    # WHEN they open the seller_refuses order, THEN a notice to contact the seller, no control
    page.goto(url + DETAIL + "8190000000000006")
    notice = ("This seller does not accept cancellation requests. Please contact the seller "
              "(Sunny Jewelry Factory) about this order.")
    expect(page.get_by_role("note")).to_have_text(notice)
    expect(page.get_by_role("link", name="Cancel items")).to_have_count(0)
    page.goto(url + CANCEL + "8190000000000006")
    expect(page.get_by_role("note")).to_have_text(notice)
    expect(page.get_by_role("button", name="Cancel selected items")).to_have_count(0)

    # WHEN they open the shipped order, THEN "Awaiting delivery" and no form anywhere
    page.goto(url + DETAIL + "8190000000000007")
    expect(page.get_by_text("Awaiting delivery", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Cancel items")).to_have_count(0)
    page.goto(url + CANCEL + "8190000000000007")
    expect(page.get_by_role("note")).to_have_text(
        "This order can no longer be cancelled: it is Awaiting delivery.")
    expect(page.get_by_role("combobox", name="Cancellation reason")).to_have_count(0)

    # WHEN they open an order that does not exist, THEN "Order not found"
    response = page.goto(url + DETAIL + "8190000000000099")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Order not found")).to_be_visible()
    assert fixture_site.state()["cancel_requests"] == []


@pytest.mark.browser
def test_the_reason_drop_down_works_from_the_keyboard(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN the cancel page of a single-item order
    open_orders_and_sign_in(page, fixture_site)
    page.goto(fixture_site.url + CANCEL + "8190000000000002")
    box = page.get_by_role("combobox", name="Cancellation reason")
    expect(box).to_have_text("Select a reason")
    # WHEN the person tabs to it, opens it, moves down twice and presses Enter
    box.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("listbox", name="Cancellation reason")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    # THEN the third reason is chosen, the list is closed, and the form would post it
    reasons = fixture_site.state()["cancel_reasons"]
    expect(box).to_have_text(reasons[2])
    expect(page.get_by_role("listbox", name="Cancellation reason")).to_be_hidden()
    expect(page.locator("input[name=reason]")).to_have_value(reasons[2])
