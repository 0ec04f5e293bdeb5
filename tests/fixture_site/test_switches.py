"""Each switch of POST /__fixture__/switch does what SPEC.md says, until changed."""

from __future__ import annotations

import pytest
from playwright.sync_api import APIRequestContext, Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.forms import form
from fixture_site.person import find_order, open_orders_and_sign_in

ORDERS = "/p/order/index.html"
CANCEL = "/p/order/cancel.html?orderId=8190000000000001"
PHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
         "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")


@pytest.mark.browser
def test_hide_cancel_button_removes_every_cancel_control(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN a signed-in person, and the switch set
    open_orders_and_sign_in(page, fixture_site)
    fixture_site.switch(hide="cancel_button")
    # WHEN they look for the single-item order
    page.reload()
    find_order(page, "8190000000000001")
    # THEN no "Cancel items" beside its item, on its details, or a submit on the cancel page
    expect(page.get_by_role("link", name="Cancel items")).to_have_count(0)
    page.get_by_role("link", name="Order details").click()
    expect(page.get_by_text("Order ID: 8190000000000001")).to_be_visible()
    expect(page.get_by_role("link", name="Cancel items")).to_have_count(0)
    page.goto(fixture_site.url + CANCEL)
    expect(page.get_by_role("heading", name="Cancel items")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel selected items")).to_have_count(0)
    # WHEN the switch is cleared, THEN the control is back
    fixture_site.switch(hide=None)
    page.reload()
    expect(page.get_by_role("button", name="Cancel selected items")).to_be_visible()


def test_http_500_answers_the_next_n_pages_with_an_error(
    fixture_site: FixtureSite, shopper: APIRequestContext
) -> None:
    # GIVEN the switch for two errors
    fixture_site.switch(http_500=2)
    # WHEN pages are requested (the tester's state and static files do not count)
    first = shopper.get(ORDERS)
    fixture_site.state()
    assert shopper.get("/static/site.css").ok
    second = shopper.get("/")
    third = shopper.get(ORDERS)
    # THEN the first two are the shop's error page, then it works again
    assert (first.status, second.status, third.status) == (500, 500, 200)
    assert "Sorry, something went wrong" in first.text()
    assert fixture_site.state()["switches"]["http_500"] == 0


def test_sign_out_after_n_pages_sends_the_next_one_to_sign_in(
    fixture_site: FixtureSite, shopper: APIRequestContext
) -> None:
    # GIVEN a signed-in shopper and the switch for two more pages
    fixture_site.switch(sign_out_after=2)
    # WHEN three pages are requested
    served = [shopper.get(ORDERS, max_redirects=0).status for _ in range(2)]
    third = shopper.get(ORDERS, max_redirects=0)
    # THEN two are served, the third goes to sign-in, and no session is left
    assert served == [200, 200]
    assert third.status == 302
    assert third.headers["location"] == "/login?return_url=/p/order/index.html"
    assert fixture_site.state()["sessions"] == []


@pytest.mark.parametrize(
    ("path", "twin"),
    [("/", "/m/"), (ORDERS, "/m/orders"), (CANCEL, "/m/cancel?orderId=8190000000000001"),
     ("/p/order/detail.html?orderId=8190000000000001", "/m/order?orderId=8190000000000001")],
)
def test_serve_mobile_to_desktop_sends_desktops_to_the_mobile_pages(
    fixture_site: FixtureSite, shopper: APIRequestContext, path: str, twin: str
) -> None:
    # GIVEN a desktop browser gets the desktop page
    assert shopper.get(path, max_redirects=0).status == 200
    # WHEN the switch is on
    fixture_site.switch(serve_mobile_to_desktop=True)
    # THEN the same request goes to the page's mobile twin, as a phone's does without it
    assert shopper.get(path, max_redirects=0).headers.get("location") == twin
    fixture_site.switch(serve_mobile_to_desktop=False)
    assert shopper.get(path, max_redirects=0).status == 200
    phone = shopper.get(path, max_redirects=0, headers={"User-Agent": PHONE})
    assert phone.headers.get("location") == twin


def test_withhold_mail_keeps_mail_until_released(
    fixture_site: FixtureSite, shopper: APIRequestContext
) -> None:
    # GIVEN mail withheld
    fixture_site.switch(withhold_mail=True)
    # WHEN a cancel request is made and its result falls due
    shopper.post(CANCEL, form=form(reason="No longer needed", items=["1"]))
    fixture_site.advance(3600)
    # THEN nothing was sent, though the shop did its work
    state = fixture_site.state()
    assert state["emails"] == []
    assert [m["kind"] for m in state["withheld_emails"]] == ["cancel_received",
                                                             "cancel_approved"]
    assert fixture_site.messages() == []
    # WHEN the switch is turned off, THEN both go out, in order
    fixture_site.switch(withhold_mail=False)
    assert [m["kind"] for m in fixture_site.state()["emails"]] == ["cancel_received",
                                                                   "cancel_approved"]
    assert len(fixture_site.messages()) == 2


def test_send_order_closed_mails_the_ambiguous_notice_now(fixture_site: FixtureSite) -> None:
    # WHEN the tester asks for the "closed" mail of an order
    fixture_site.switch(send="order_closed", order="8190000000000001")
    # THEN it is sent at once, in English, and the order itself is unchanged
    state = fixture_site.state()
    assert [(m["kind"], m["subject"]) for m in state["emails"]] == [
        ("order_closed", "Your order 8190000000000001 is closed")
    ]
    order = next(o for o in state["orders"] if o["id"] == "8190000000000001")
    assert order["status"] == "awaiting_shipment"


def test_an_empty_switch_clears_them_all(fixture_site: FixtureSite) -> None:
    # GIVEN every switch set
    fixture_site.switch(hide="cancel_button", http_500=3, sign_out_after=5,
                        serve_mobile_to_desktop=True, withhold_mail=True)
    # WHEN {} is posted
    answer = fixture_site.switch()
    # THEN none is left
    assert answer["switches"] == {"hide": None, "http_500": 0, "sign_out_after": None,
                                  "serve_mobile_to_desktop": False, "withhold_mail": False}


@pytest.mark.parametrize(
    ("payload", "message"),
    [({"hide": "everything"}, "hide must be one of"),
     ({"http_500": -1}, "http_500 must be a whole number"),
     ({"teleport": True}, "unknown switch 'teleport'"),
     ({"send": "order_closed", "order": "1"}, "unknown order '1'")],
)
def test_a_switch_the_site_does_not_know_is_refused(
    fixture_site: FixtureSite, shopper: APIRequestContext, payload: dict[str, object],
    message: str,
) -> None:
    # WHEN a bad switch is posted
    answer = shopper.post("/__fixture__/switch", data=payload)
    # THEN it is refused with a message, and nothing changed
    assert answer.status == 400
    assert message in answer.json()["error"]
    assert fixture_site.state()["switches"]["http_500"] == 0
