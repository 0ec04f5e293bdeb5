"""The shop's clock releases its delayed mails and deliveries; the mails are real messages."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import APIRequestContext

from assistant.pytest_plugin import FixtureSite
from fixture_site.forms import form

MINUTE = 60
DAY = 24 * 60 * MINUTE


def cancel(shopper: APIRequestContext, order: str, *items: str) -> None:
    answer = shopper.post(f"/p/order/cancel.html?orderId={order}",
                          form=form(reason="No longer needed", items=list(items)),
                          max_redirects=0)
    assert answer.status == 303, answer.text()


def order_doc(state: dict[str, Any], order: str) -> dict[str, Any]:
    return next(o for o in state["orders"] if o["id"] == order)


def kinds(state: dict[str, Any], order: str) -> list[str]:
    return [m["kind"] for m in state["emails"] if m["order"] == order]


@pytest.mark.parametrize(
    ("order", "result_kind", "order_status"),
    [("8190000000000001", "cancel_approved", "cancelled"),
     ("8190000000000004", "cancel_declined", "shipped"),
     ("8190000000000005", "seller_contact", "awaiting_shipment")],
    ids=["approve", "decline_shipped", "seller_decides"],
)
def test_the_result_mail_comes_10_to_60_minutes_of_shop_time_after_the_request(
    fixture_site: FixtureSite, shopper: APIRequestContext,
    order: str, result_kind: str, order_status: str,
) -> None:
    # GIVEN a cancel request just made: the "received" mail came at once
    cancel(shopper, order, "1")
    assert kinds(fixture_site.state(), order) == ["cancel_received"]
    # WHEN nine and a half minutes of shop time pass
    fixture_site.advance(9.5 * MINUTE)
    # THEN no result yet
    assert kinds(fixture_site.state(), order) == ["cancel_received"]
    # WHEN the clock passes the hour
    fixture_site.advance(51 * MINUTE)
    # THEN the result mail is there, sent when it fell due, and the order changed
    state = fixture_site.state()
    assert kinds(state, order) == ["cancel_received", result_kind]
    request = state["cancel_requests"][0]
    sent = datetime.fromisoformat(state["emails"][1]["at"])
    made = datetime.fromisoformat(request["at"])
    assert timedelta(minutes=10) <= sent - made <= timedelta(minutes=60)
    assert order_doc(state, order)["status"] == order_status


def test_a_declined_order_ships_then_is_delivered_within_7_days(
    fixture_site: FixtureSite, shopper: APIRequestContext,
) -> None:
    # GIVEN the decline_shipped order, requested and declined
    cancel(shopper, "8190000000000004", "1")
    fixture_site.advance(61 * MINUTE)
    state = fixture_site.state()
    assert order_doc(state, "8190000000000004")["status"] == "shipped"
    assert order_doc(state, "8190000000000004")["items"][0]["status"] == "active"
    # WHEN seven days pass
    fixture_site.advance(7 * DAY)
    # THEN it was delivered, with the time of delivery
    delivered = order_doc(fixture_site.state(), "8190000000000004")
    assert delivered["status"] == "delivered"
    assert delivered["delivered_at"] is not None


def test_the_shipped_order_is_delivered_within_7_days(fixture_site: FixtureSite) -> None:
    # GIVEN the shipped order at the start
    assert order_doc(fixture_site.state(), "8190000000000007")["status"] == "shipped"
    # WHEN a day passes, THEN it is still on its way
    fixture_site.advance(DAY)
    assert order_doc(fixture_site.state(), "8190000000000007")["status"] == "shipped"
    # WHEN the week is over, THEN it is delivered
    fixture_site.advance(6 * DAY)
    assert order_doc(fixture_site.state(), "8190000000000007")["status"] == "delivered"


def test_approving_some_items_leaves_the_order_awaiting_shipment(
    fixture_site: FixtureSite, shopper: APIRequestContext,
) -> None:
    # GIVEN two of the three items of the multi-item order requested
    cancel(shopper, "8190000000000003", "1", "3")
    # WHEN the request is approved
    fixture_site.advance(61 * MINUTE)
    # THEN those two are cancelled and the third still ships
    state = order_doc(fixture_site.state(), "8190000000000003")
    assert [i["status"] for i in state["items"]] == ["cancelled", "active", "cancelled"]
    assert state["status"] == "awaiting_shipment"


def test_a_return_mails_at_once_and_refunds_within_3_days(
    fixture_site: FixtureSite, shopper: APIRequestContext,
) -> None:
    # GIVEN the delivered order
    order = "8190000000000008"
    # WHEN a return is submitted for its first item
    answer = shopper.post(f"/reverse-pages/apply.html?orderId={order}", max_redirects=0,
                          form=form(step="submit", items=["1"], reason="Poor quality"))
    assert answer.status == 303
    # THEN the "received" mail comes at once, the refund within three days
    assert kinds(fixture_site.state(), order) == ["return_received"]
    fixture_site.advance(3 * DAY)
    state = fixture_site.state()
    assert kinds(state, order) == ["return_received", "refund_issued"]
    assert [i["status"] for i in order_doc(state, order)["items"]] == ["refunded", "active"]
    assert state["return_requests"][0]["status"] == "refunded"


def test_the_mails_are_real_messages_in_the_maildir(
    fixture_site: FixtureSite, shopper: APIRequestContext,
) -> None:
    # GIVEN a cancel request approved by the clock
    cancel(shopper, "8190000000000002", "1")
    fixture_site.advance(61 * MINUTE)
    # WHEN the Maildir is read with the standard library
    mails = fixture_site.messages()
    # THEN both mails are multipart text+HTML from the shop, naming the order
    assert [m["Subject"] for m in mails] == [
        "We've received your cancellation request for order 8190000000000002",
        "Your order 8190000000000002 has been cancelled",
    ]
    for mail in mails:
        assert mail["From"].addresses[0].addr_spec == "transaction@notice.aliexpress.com"
        assert mail["To"] == fixture_site.account.email
        assert mail.get_content_type() == "multipart/alternative"
        text = mail.get_body(preferencelist=("plain",))
        html = mail.get_body(preferencelist=("html",))
        assert text is not None and html is not None
        assert "8190000000000002" in text.get_content()
    assert fixture_site.state()["emails"][1]["subject"] == mails[1]["Subject"]


def test_the_clock_runs_with_real_time_and_refuses_to_go_back(
    fixture_site: FixtureSite, shopper: APIRequestContext,
) -> None:
    # GIVEN the shop's time now
    first = datetime.fromisoformat(fixture_site.state()["now"])
    # WHEN it is advanced by an hour
    answer = fixture_site.advance(3600)
    # THEN it reads an hour later (plus the real seconds that passed)
    later = datetime.fromisoformat(answer["now"])
    assert timedelta(hours=1) <= later - first < timedelta(hours=1, seconds=30)
    # AND it cannot be moved back
    back = shopper.post("/__fixture__/clock", data={"advance_seconds": -5})
    assert back.status == 400
    assert "advance_seconds" in back.json()["error"]
