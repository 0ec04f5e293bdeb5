"""The mobile pages' notices, validation and switches, as the desktop pages have them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.forms import form, without_clock
from fixture_site.person import close_overlays_as_they_appear, jump_slider
from mobile.phone import choose_reason, requests_made, sign_in_over_http, tap

CABLE = "8190000000000001"
SELLER_REFUSES = "8190000000000006"
SHIPPED = "8190000000000007"
SELLER_NOTICE = ("This seller does not accept cancellation requests. Please contact the seller "
                 "(Sunny Jewelry Factory) about this order.")
SHIPPED_NOTICE = "This order can no longer be cancelled: it is Awaiting delivery."


@pytest.fixture
def signed_in_phone(phone: Page, fixture_site: FixtureSite) -> Page:
    """The phone, signed in to the default shop, closing popups as a person does."""
    sign_in_over_http(phone, fixture_site)
    close_overlays_as_they_appear(phone)
    return phone


@pytest.mark.browser
def test_the_shipped_order_says_awaiting_delivery_and_offers_no_cancel(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    phone = signed_in_phone
    # WHEN the person opens the shipped order's page
    phone.goto(f"{fixture_site.url}/m/order?orderId={SHIPPED}")
    # THEN it says "Awaiting delivery" and offers no "Cancel items"
    expect(phone.get_by_text("Awaiting delivery", exact=True)).to_be_visible()
    expect(phone.get_by_role("link", name="Cancel items")).to_have_count(0)
    # WHEN they open its cancel page by address
    phone.goto(f"{fixture_site.url}/m/cancel?orderId={SHIPPED}")
    # THEN the page says why, and has no form
    expect(phone.get_by_role("note")).to_have_text(SHIPPED_NOTICE)
    expect(phone.get_by_role("button", name="Cancel checked items")).to_have_count(0)
    expect(phone.get_by_role("combobox", name="Cancellation reason")).to_have_count(0)


@pytest.mark.browser
def test_the_seller_who_refuses_is_named_and_no_cancel_is_offered(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    phone = signed_in_phone
    phone.goto(f"{fixture_site.url}/m/order?orderId={SELLER_REFUSES}")
    expect(phone.get_by_role("note")).to_have_text(SELLER_NOTICE)
    expect(phone.get_by_text("Awaiting shipment", exact=True)).to_be_visible()
    expect(phone.get_by_role("link", name="Cancel items")).to_have_count(0)
    phone.goto(f"{fixture_site.url}/m/cancel?orderId={SELLER_REFUSES}")
    expect(phone.get_by_role("note")).to_have_text(SELLER_NOTICE)
    expect(phone.get_by_role("button", name="Cancel checked items")).to_have_count(0)


@pytest.mark.browser
@pytest.mark.parametrize("order", [SHIPPED, SELLER_REFUSES])
def test_a_cancel_posted_for_an_order_without_a_form_changes_nothing(
    signed_in_phone: Page, fixture_site: FixtureSite, order: str
) -> None:
    # GIVEN the shop's state
    before = without_clock(fixture_site.state())
    # WHEN a cancel request for the order is posted to the mobile cancel page anyway
    answer = signed_in_phone.context.request.post(
        f"{fixture_site.url}/m/cancel?orderId={order}",
        form=form(reason="No longer needed", items=["1"]))
    # THEN the shop refuses with its notice, and nothing changed
    assert answer.status == 409
    assert (SHIPPED_NOTICE if order == SHIPPED else SELLER_NOTICE) in answer.text()
    assert without_clock(fixture_site.state()) == before


@pytest.mark.browser
@pytest.mark.parametrize(("fields", "status", "message"), [
    ({"items": ["1"]}, 400, "Please select a cancellation reason."),
    ({"reason": "Because", "items": ["1"]}, 400, "Please select a valid cancellation reason."),
    ({"reason": "No longer needed"}, 400, "Please select at least one item to cancel."),
    ({"reason": "No longer needed", "items": ["9"]}, 400, "Item 9 is not part of this order."),
])
def test_the_mobile_cancel_form_is_validated_by_the_shop(
    signed_in_phone: Page, fixture_site: FixtureSite, fields: dict[str, object], status: int,
    message: str
) -> None:
    before = without_clock(fixture_site.state())
    answer = signed_in_phone.context.request.post(
        f"{fixture_site.url}/m/cancel?orderId={CABLE}", form=form(**fields))
    assert answer.status == status
    assert message in answer.text()
    assert without_clock(fixture_site.state()) == before


@pytest.mark.browser
def test_a_form_sent_without_a_reason_shows_the_alert_on_the_page(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    phone = signed_in_phone
    # WHEN the person ticks the item but forgets the reason
    phone.goto(f"{fixture_site.url}/m/cancel?orderId={CABLE}")
    phone.get_by_role("checkbox", name="USB-C cable 1 m").check()
    tap(phone.get_by_role("button", name="Cancel checked items"))
    # THEN the page asks for it, keeps the tick, and nothing is requested
    expect(phone.get_by_role("alert")).to_have_text("Please select a cancellation reason.")
    expect(phone.get_by_role("checkbox", name="USB-C cable 1 m")).to_be_checked()
    assert requests_made(fixture_site) == []
    # WHEN they choose one and send again
    choose_reason(phone, "I placed a duplicate order")
    tap(phone.get_by_role("button", name="Cancel checked items"))
    # THEN it goes through
    expect(phone.get_by_role("heading", name="Cancellation request submitted")).to_be_visible()
    assert requests_made(fixture_site) == [{"order": CABLE, "items": ["1"],
                                            "reason": "I placed a duplicate order",
                                            "surface": "mobile"}]


@pytest.mark.browser
def test_an_unknown_order_is_not_found(signed_in_phone: Page, fixture_site: FixtureSite) -> None:
    answer = signed_in_phone.goto(f"{fixture_site.url}/m/order?orderId=8190999999999999")
    assert answer is not None and answer.status == 404
    expect(signed_in_phone.get_by_role("heading", name="Order not found")).to_be_visible()


@pytest.mark.browser
def test_hiding_the_cancel_button_removes_it_from_the_mobile_pages(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    phone = signed_in_phone
    # GIVEN the switch that hides the cancel control
    fixture_site.switch(hide="cancel_button")
    # THEN neither the order page nor the cancel page offers it
    phone.goto(f"{fixture_site.url}/m/order?orderId={CABLE}")
    expect(phone.get_by_text(f"Order ID: {CABLE}")).to_be_visible()
    expect(phone.get_by_role("link", name="Cancel items")).to_have_count(0)
    phone.goto(f"{fixture_site.url}/m/cancel?orderId={CABLE}")
    expect(phone.get_by_role("checkbox", name="USB-C cable 1 m")).to_be_visible()
    expect(phone.get_by_role("button", name="Cancel checked items")).to_have_count(0)


@pytest.mark.browser
def test_http_500_answers_the_next_mobile_pages_with_an_error(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    fixture_site.switch(http_500=1)
    first = signed_in_phone.goto(f"{fixture_site.url}/m/orders")
    assert first is not None and first.status == 500
    expect(signed_in_phone.get_by_role(
        "heading", name="Sorry, something went wrong")).to_be_visible()
    second = signed_in_phone.goto(f"{fixture_site.url}/m/orders")
    assert second is not None and second.status == 200
    expect(signed_in_phone.get_by_role("heading", name="Your Orders")).to_be_visible()


@pytest.mark.browser
def test_sign_out_after_sends_the_phone_to_the_mobile_sign_in(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    phone = signed_in_phone
    # GIVEN the session ends after one more page
    fixture_site.switch(sign_out_after=1)
    phone.goto(f"{fixture_site.url}/m/orders")
    expect(phone.get_by_role("heading", name="Your Orders")).to_be_visible()
    # WHEN the person opens an order
    phone.goto(f"{fixture_site.url}/m/order?orderId={CABLE}")
    # THEN the shop asks them to sign in again, on its mobile sign-in, coming back after
    expect(phone).to_have_url(re.compile(r"/m/login\?return_url=/m/order"))
    expect(phone.get_by_label("Email or phone number")).to_be_visible()
    assert fixture_site.state()["sessions"] == []


@pytest.mark.browser
def test_the_menu_opens_and_closes_and_knows_who_is_signed_in(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    phone = signed_in_phone
    phone.goto(f"{fixture_site.url}/m/")
    menu_button = phone.get_by_role("button", name="Menu")
    menu = phone.get_by_role("navigation", name="Menu")
    expect(menu).to_be_hidden()
    tap(menu_button)
    expect(menu).to_be_visible()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_text(fixture_site.account.email)).to_be_visible()
    expect(menu.get_by_role("button", name="Sign out")).to_be_visible()
    tap(menu_button)
    expect(menu).to_be_hidden()


@pytest.mark.browser
def test_every_desktop_page_sends_a_phone_to_its_mobile_twin(
    signed_in_phone: Page, fixture_site: FixtureSite
) -> None:
    for desktop, mobile in [
        ("/", "/m/"),
        ("/p/order/index.html", "/m/orders"),
        (f"/p/order/detail.html?orderId={CABLE}", f"/m/order?orderId={CABLE}"),
        (f"/p/order/cancel.html?orderId={CABLE}", f"/m/cancel?orderId={CABLE}"),
    ]:
        signed_in_phone.goto(fixture_site.url + desktop)
        assert signed_in_phone.url == fixture_site.url + mobile


@pytest.mark.browser
@pytest.mark.fixture_site(scenario="captcha")
def test_a_jumped_slider_fails_and_refresh_brings_a_fresh_one_on_the_mobile_sign_in(
    phone: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN the phone at the slider of the mobile sign-in
    phone.goto(f"{fixture_site.url}/p/order/index.html")
    phone.get_by_label("Email or phone number").fill(fixture_site.account.email)
    tap(phone.get_by_role("button", name="Continue"))
    slider = phone.get_by_role("dialog", name="Security verification")
    expect(slider).to_be_visible()
    phone.wait_for_load_state()  # the slider's script is ready
    # WHEN the knob jumps to the end
    jump_slider(phone)
    # THEN it fails; "refresh" gives a fresh slider, still on the mobile sign-in
    expect(slider.get_by_text("Verification failed, please refresh and try again")).to_be_visible()
    tap(slider.get_by_role("link", name="refresh"))
    expect(phone).to_have_url(re.compile(r"/m/login\?return_url=/m/orders$"))
    expect(slider.get_by_text("Please slide to verify")).to_be_visible()
    expect(slider.get_by_text("Verification failed")).to_be_hidden()
    assert fixture_site.state()["sessions"] == []
