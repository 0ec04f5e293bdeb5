"""A person's walk through the mobile pages on a phone, for every scenario, checking the shop."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.person import close_overlays_as_they_appear
from mobile.phone import (
    choose_reason,
    open_home,
    open_order,
    requests_made,
    sign_in,
    tap,
    tap_menu,
)

MULTI = "8190000000000003"
OLDER = "8190000000000011"  # beyond the first 10 orders


@pytest.mark.browser
@pytest.mark.parametrize("scenario", ["default", "verification-code", "captcha"])
def test_a_person_cancels_one_item_on_the_phone(
    phone: Page, fixture_site_factory: Callable[..., FixtureSite], scenario: str
) -> None:
    # GIVEN the shop of the scenario, nobody signed in, nothing requested
    site = fixture_site_factory(scenario=scenario)
    assert site.state()["sessions"] == []

    # WHEN a person opens the shop on the phone
    open_home(phone, site)

    # THEN they get the mobile home, with the three-line "Menu" button at the bottom right
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_text("☰")
    box, view = menu.bounding_box(), phone.viewport_size
    assert box and view
    assert box["x"] > view["width"] / 2 and box["y"] > view["height"] * 3 / 4

    # WHEN they tap Menu → "Your Orders" and sign in as the scenario asks
    tap_menu(phone, "Your Orders")
    sign_in(phone, site)

    # THEN they see the mobile "Your Orders", signed in; only sign-in mails (if any) went out
    expect(phone.get_by_role("heading", name="Your Orders", level=1)).to_be_visible()
    expect(phone).to_have_url(re.compile(r"/m/orders$"))
    state = site.state()
    assert [s["email"] for s in state["sessions"]] == [site.account.email]
    expected_kinds = ["verification_code"] if scenario == "verification-code" else []
    assert [m["kind"] for m in state["emails"]] == expected_kinds

    # WHEN they tap the order's number
    open_order(phone, MULTI)

    # THEN the order shows its status, seller and items with their IDs, and "Cancel items"
    expect(phone.get_by_text("Awaiting shipment")).to_be_visible()
    expect(phone.get_by_text(f"Order ID: {MULTI}")).to_be_visible()
    expect(phone.get_by_text("Sold by: AliExpress")).to_be_visible()
    for n in ("1", "2", "3"):
        expect(phone.get_by_text(f"Item ID: {n}", exact=True)).to_be_visible()

    # WHEN they tap "Cancel items"
    tap(phone.get_by_role("link", name="Cancel items"))

    # THEN the cancel page warns, and lists every item unchecked; nothing is requested yet
    expect(phone.get_by_role("heading", name="Cancel items", level=1)).to_be_visible()
    expect(phone.get_by_text("Cancellation isn't guaranteed")).to_be_visible()
    for title in ("LED desk lamp", "Spare lamp bulb (2 pcs)", "Desk clamp"):
        expect(phone.get_by_role("checkbox", name=title)).not_to_be_checked()
    assert requests_made(site) == []

    # WHEN they pick a reason, tick the bulb and tap "Cancel checked items"
    choose_reason(phone, "No longer needed")
    phone.get_by_role("checkbox", name="Spare lamp bulb (2 pcs)").check()
    tap(phone.get_by_role("button", name="Cancel checked items"))

    # THEN the confirmation names the order and exactly that item
    expect(phone.get_by_role("heading", name="Cancellation request submitted")).to_be_visible()
    expect(phone).to_have_url(re.compile(r"/m/cancel-result\?"))
    expect(phone.get_by_text(f"Order ID: {MULTI}")).to_be_visible()
    expect(phone.get_by_text("Item ID: 2")).to_be_visible()
    expect(phone.get_by_text("Desk clamp")).to_have_count(0)

    # AND the shop holds exactly that request, made on the mobile surface, and mailed
    state = site.state()
    assert requests_made(site) == [
        {"order": MULTI, "items": ["2"], "reason": "No longer needed", "surface": "mobile"}
    ]
    order = next(o for o in state["orders"] if o["id"] == MULTI)
    assert [i["status"] for i in order["items"]] == ["active", "cancel_requested", "active"]
    assert [m["kind"] for m in state["emails"]] == [*expected_kinds, "cancel_received"]


@pytest.mark.browser
def test_view_orders_reaches_an_older_order_on_the_phone(
    phone: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN a person signed in on the phone's "Your Orders" (15 orders, 10 shown)
    open_home(phone, fixture_site)
    tap_menu(phone, "Your Orders")
    sign_in(phone, fixture_site)
    orders = phone.get_by_role("region", name=re.compile(r"^Order \d{16}$"))
    expect(orders).to_have_count(10)

    # WHEN they tap "View orders", then the older order's number, and cancel it
    open_order(phone, OLDER)
    expect(orders).to_have_count(1)  # the order's own page
    tap(phone.get_by_role("link", name="Cancel items"))
    choose_reason(phone, "Shipping takes too long")
    phone.get_by_role("checkbox", name="Pre-order: mechanical keyboard").check()
    tap(phone.get_by_role("button", name="Cancel checked items"))

    # THEN the shop records it as a mobile request
    expect(phone.get_by_role("heading", name="Cancellation request submitted")).to_be_visible()
    assert requests_made(fixture_site) == [
        {"order": OLDER, "items": ["1"], "reason": "Shipping takes too long", "surface": "mobile"}
    ]


@pytest.mark.browser
def test_a_desktop_browser_gets_the_mobile_pages_when_the_shop_serves_them(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN the shop serves its mobile pages to desktop browsers
    fixture_site.switch(serve_mobile_to_desktop=True)

    # WHEN a desktop browser opens "Returns & Orders" by its desktop address
    page.goto(f"{fixture_site.url}/p/order/index.html")

    # THEN it lands on the mobile sign-in; signed in, on the mobile "Your Orders"
    sign_in(page, fixture_site)
    expect(page).to_have_url(re.compile(r"/m/orders$"))

    # AND a cancellation made there is recorded as made on the mobile surface
    close_overlays_as_they_appear(page)
    open_order(page, "8190000000000001")
    page.get_by_role("link", name="Cancel items").click()
    choose_reason(page, "No longer needed")
    page.get_by_role("checkbox", name="USB-C cable 1 m").check()
    page.get_by_role("button", name="Cancel checked items").click()
    expect(page.get_by_role("heading", name="Cancellation request submitted")).to_be_visible()
    assert requests_made(fixture_site) == [
        {"order": "8190000000000001", "items": ["1"], "reason": "No longer needed",
         "surface": "mobile"}
    ]
