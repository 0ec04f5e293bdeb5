"""The recorder's read-only guard on the fixture site's real pages: the final click of a filled
cancel form and a page script's POST are stopped, and the shop receives no request."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from assistant.texts import load_texts
from assistant.usecases.record_guard import Blocked, ReadOnlyGuard
from fixture_shop.pytest_plugin import FixtureSite
from tests.fixtures.person import close_overlays_as_they_appear, sign_in
from tests.fixtures.test_aliexpress_walk import card, sign_in_from_my_orders

ORDER = "8190000000000001"
REASON = "No longer needed"
pytestmark = pytest.mark.browser


def guarded(page: Page) -> ReadOnlyGuard:
    guard = ReadOnlyGuard(load_texts("en"))
    guard.install(page.context)
    return guard


def posted(page: Page, path: str) -> str:
    """What a page script's POST to ``path`` comes to ("blocked" when the browser stops it)."""
    return str(page.evaluate("""path => fetch(path, {method: 'POST', body: 'x=1'})
        .then(r => 'answered ' + r.status).catch(() => 'blocked')""", path))


@pytest.mark.fixture_site(skin="seed")
def test_the_seed_cancel_forms_final_click_is_blocked(page: Page,
                                                      fixture_site: FixtureSite) -> None:
    # GIVEN a signed-in shopper on the order's filled "Cancel items" form, the guard installed
    close_overlays_as_they_appear(page)
    cancel_page = f"{fixture_site.url}/p/order/cancel.html?orderId={ORDER}"
    page.goto(cancel_page)
    sign_in(page, fixture_site)
    guard = guarded(page)
    page.goto(cancel_page)
    page.get_by_role("combobox", name=re.compile("reason", re.I)).click()
    page.get_by_role("option", name=REASON, exact=True).click()
    page.get_by_role("checkbox").first.check()
    # WHEN the recorder clicks "Cancel selected items", and a script posts the form
    page.get_by_role("button", name="Cancel selected items").click()
    page.wait_for_timeout(500)
    script = posted(page, f"/p/order/cancel.html?orderId={ORDER}")
    # THEN both are blocked and listed, the form is still there, the shop holds no request
    assert script == "blocked"
    assert guard.blocked[0] == Blocked("click", "cancel selected items")
    assert guard.blocked[1].what == "POST" and f"orderId={ORDER}" in guard.blocked[1].target
    expect(page.get_by_role("heading", name="Cancel items", level=1)).to_be_visible()
    assert fixture_site.state()["cancel_requests"] == []


@pytest.mark.fixture_site(skin="aliexpress")
def test_the_cancel_windows_submit_is_blocked(page: Page, fixture_site: FixtureSite) -> None:
    # GIVEN "My Orders" of the real shop's skin, the guard installed, the window filled
    sign_in_from_my_orders(page, fixture_site)
    guard = guarded(page)
    page.reload()
    card(page, ORDER).get_by_role("button", name="Cancel order").click()
    window = page.get_by_role("dialog", name="Cancel order")
    window.locator(".comet-v2-select").click()
    window.locator(".comet-v2-menu-item", has_text=REASON).click()
    # WHEN the recorder clicks "Submit"
    window.get_by_role("button", name="Submit").click()
    page.wait_for_timeout(500)
    # THEN the click is blocked, the window stays open, the shop holds no request; a read
    # (the list API, by GET) still passes
    assert guard.blocked == [Blocked("click", "submit")]
    expect(window).to_be_visible()
    assert fixture_site.state()["cancel_requests"] == []
    assert posted(page, "/h5/mtop.aliexpress.trade.buyer.order.cancel/1.0/") == "blocked"
    assert fixture_site.state()["cancel_requests"] == []
