"""A person's walk through the desktop pages, for every scenario, checking the shop's state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.person import choose_reason, find_order, open_orders_and_sign_in

MULTI = "8190000000000003"


@pytest.mark.browser
@pytest.mark.parametrize("scenario", ["default", "verification-code", "captcha"])
def test_a_person_cancels_one_item_of_the_multi_item_order(
    page: Page, fixture_site_factory: Callable[..., FixtureSite], scenario: str
) -> None:
    # GIVEN the shop of the scenario, nobody signed in, nothing requested
    site = fixture_site_factory(scenario=scenario)
    assert site.state()["sessions"] == []

    # WHEN a person goes to "Returns & Orders" and signs in as the scenario asks
    open_orders_and_sign_in(page, site)

    # THEN they are signed in, and only the sign-in mails (if any) went out
    state = site.state()
    assert [s["email"] for s in state["sessions"]] == [site.account.email]
    expected_kinds = ["verification_code"] if scenario == "verification-code" else []
    assert [m["kind"] for m in state["emails"]] == expected_kinds

    # WHEN they search the order by its number and click "Cancel items" beside the bulb
    find_order(page, MULTI)
    order = page.get_by_role("region", name=f"Order {MULTI}")
    expect(order.get_by_text(f"Order ID: {MULTI}")).to_be_visible()
    order.get_by_role("listitem").filter(has_text="Spare lamp bulb (2 pcs)") \
        .get_by_role("link", name="Cancel items").click()

    # THEN the cancel page warns, and offers every item unchecked
    expect(page.get_by_role("heading", name="Cancel items", level=1)).to_be_visible()
    expect(page.get_by_text("Cancellation isn't guaranteed")).to_be_visible()
    for title in ("LED desk lamp", "Spare lamp bulb (2 pcs)", "Desk clamp"):
        expect(page.get_by_role("checkbox", name=title)).not_to_be_checked()
    assert site.state()["cancel_requests"] == []

    # WHEN they pick a reason, tick the bulb and click "Cancel selected items"
    choose_reason(page, "Cancellation reason", "No longer needed")
    page.get_by_role("checkbox", name="Spare lamp bulb (2 pcs)").check()
    page.get_by_role("button", name="Cancel selected items").click()

    # THEN the confirmation names the order and exactly that item
    expect(page.get_by_role("heading", name="Cancellation request submitted")).to_be_visible()
    expect(page.get_by_text(f"Order ID: {MULTI}")).to_be_visible()
    requested = page.locator(".requested-items")
    expect(requested).to_contain_text("Spare lamp bulb (2 pcs)")
    expect(requested).to_contain_text("Item ID: 2")
    expect(requested).not_to_contain_text("Desk clamp")

    # AND the shop holds exactly that request, and sent the "received" mail
    state = site.state()
    assert [{k: r[k] for k in ("order", "items", "reason", "surface")}
            for r in state["cancel_requests"]] == [
        {"order": MULTI, "items": ["2"], "reason": "No longer needed", "surface": "web"}
    ]
    order_doc = next(o for o in state["orders"] if o["id"] == MULTI)
    assert [i["status"] for i in order_doc["items"]] == ["active", "cancel_requested", "active"]
    assert [m["kind"] for m in state["emails"]] == [*expected_kinds, "cancel_received"]


@pytest.mark.browser
def test_view_orders_loads_the_next_page_where_an_older_order_is_cancelled(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN a signed-in person on "Your Orders" (15 orders, 10 to a page)
    open_orders_and_sign_in(page, fixture_site)
    orders = page.get_by_role("region", name="Order 8190", exact=False)
    expect(orders).to_have_count(10)
    expect(page.get_by_role("region", name="Order 8190000000000011")).to_have_count(0)

    # WHEN they click "View orders"
    page.get_by_role("button", name="View orders").click()

    # THEN the older orders appear below, and no more are left to load
    expect(orders).to_have_count(15)
    expect(page.get_by_role("button", name="View orders")).to_be_hidden()

    # WHEN they cancel the pre-order found there
    older = page.get_by_role("region", name="Order 8190000000000011")
    older.get_by_role("link", name="Cancel items").click()
    choose_reason(page, "Cancellation reason", "Shipping takes too long")
    page.get_by_role("checkbox", name="Pre-order: mechanical keyboard").check()
    page.get_by_role("button", name="Cancel selected items").click()

    # THEN the shop records it
    expect(page.get_by_role("heading", name="Cancellation request submitted")).to_be_visible()
    requests = fixture_site.state()["cancel_requests"]
    assert [(r["order"], r["items"], r["reason"]) for r in requests] == [
        ("8190000000000011", ["1"], "Shipping takes too long")
    ]


@pytest.mark.browser
def test_the_order_list_arrives_after_the_page(page: Page, fixture_site: FixtureSite) -> None:
    # GIVEN a signed-in person
    open_orders_and_sign_in(page, fixture_site)
    # WHEN the page's own HTML is fetched again
    html = page.request.get(f"{fixture_site.url}/p/order/index.html").text()
    # THEN it holds the placeholder, not the orders (they come by fetch)
    assert "Loading orders…" in html
    assert "Order ID:" not in html
    # AND the page shows them a moment later
    expect(page.get_by_text("Order ID: 8190000000000001")).to_be_visible()
