"""The real shop's overlays: they cover the page until a person closes them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error, Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.person import sign_in


@pytest.mark.browser
def test_the_coupon_blocks_clicks_until_closed_and_stays_closed(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN the home page, with its coupon dialog and the cookie banner
    page.goto(fixture_site.url)
    coupon = page.get_by_role("dialog", name="Welcome coupon")
    banner = page.get_by_role("region", name="Cookie consent")
    expect(coupon).to_be_visible()
    expect(banner).to_be_visible()
    # WHEN a click goes to the link under the dialog's mask, THEN it never lands
    with pytest.raises(Error, match="intercepts pointer events"):
        page.get_by_role("link", name="Returns & Orders").click(timeout=1500)
    # WHEN the person closes the dialog and accepts cookies
    coupon.get_by_role("button", name="Close").click()
    banner.get_by_role("button", name="Accept").click()
    # THEN both are gone, also on the next page of this browser session
    page.reload()
    expect(page.get_by_role("link", name="Returns & Orders")).to_be_visible()
    expect(coupon).to_have_count(0)
    expect(banner).to_have_count(0)


@pytest.mark.browser
def test_the_late_offer_appears_a_few_seconds_after_your_orders_loads(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN a signed-in person on "Your Orders", the coupon closed
    page.goto(fixture_site.url + "/p/order/index.html")
    sign_in(page, fixture_site)
    page.get_by_role("dialog", name="Welcome coupon").get_by_role("button", name="Close").click()
    offer = page.get_by_role("dialog", name="Limited-time offer")
    # WHEN they wait a moment, as people do
    expect(offer).to_be_hidden()
    # THEN the offer appears, and "No thanks" closes it for the session
    expect(offer).to_be_visible(timeout=6000)
    offer.get_by_role("button", name="No thanks").click()
    page.reload()
    expect(page.get_by_text("Order ID: 8190000000000001")).to_be_visible()
    expect(offer).to_have_count(0)  # not even in the page: the session remembers
