"""A case's whole life, driven by `assistant tick` from cron, against the fixture shop.

The shop's clock is moved with ``advance``; every command runs with the assistant's clock
(ASSISTANT_NOW) set to the shop's "now", as a shopper's machine and the shop share a clock.
"""

from __future__ import annotations

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant

pytestmark = pytest.mark.browser

APPROVE = "8190000000000001"
APPROVE_TOO = "8190000000000002"
MULTI = "8190000000000003"  # approve, three items
DECLINE = "8190000000000004"  # declined by mail: it ships, delivered 3 days later
SELLER_DECIDES = "8190000000000005"  # "Leather Craft Store"
SHIPPED = "8190000000000007"  # Awaiting delivery, delivered 3 days after the shop starts
HOUR, DAY = 3600, 86400


def cancel(cron: Assistant, order: str, expect: int = 0) -> None:
    run = cron("cancel", order, "--reason", REASON, "--yes")
    assert run.returncode == expect, run.stdout + run.stderr


def test_an_approved_cancellation_is_settled_by_mail_with_no_browser_after(
        cron: Assistant) -> None:
    # GIVEN the shopper asked to cancel an order the shop will approve
    cancel(cron, APPROVE)
    # WHEN a tick runs
    first = cron.tick()
    # THEN the request-received mail is applied, and no browser was needed
    assert first.returncode == 0, first.stderr
    assert cron.case(APPROVE).state is State.ACKNOWLEDGED
    assert f"Order {APPROVE}:" in first.said and "submitted -> acknowledged" in first.said
    assert not first.json()["browser_started"]
    # WHEN an hour of shop time passes (the result mail comes 10 to 60 minutes later)
    cron.site.advance(HOUR)
    second = cron.tick()
    # THEN the approval mail settles the case: cancelled, nothing left to check
    assert second.returncode == 0, second.stderr
    case = cron.case(APPROVE)
    assert case.state is State.CANCELLED and case.next_check is None
    assert not second.json()["browser_started"]
    # AND later ticks have no browser work for it
    cron.site.advance(3 * HOUR)
    third = cron.tick()
    assert (third.returncode, third.said, third.json()["browser_started"]) == \
        (0, "Nothing due.", False)


def test_declined_by_mail_the_order_is_followed_to_its_return_and_refund(
        cron: Assistant) -> None:
    # GIVEN a cancellation the shop accepts, then declines because the order shipped
    cancel(cron, DECLINE)
    assert cron.tick().returncode == 0
    cron.site.advance(HOUR)
    # WHEN the decline mail is read
    declined = cron.tick()
    # THEN the order page is checked at once: it shows "Awaiting delivery"
    assert declined.returncode == 0, declined.stderr
    assert declined.json()["browser_started"]
    assert "the order page shows Awaiting delivery" in declined.said
    case = cron.case(DECLINE)
    assert case.state is State.AWAITING_DELIVERY
    assert case.next_check is not None  # looked at daily
    # WHEN the parcel is delivered (3 days) and the next tick runs
    cron.advance_to(case.next_check)
    cron.site.advance(3 * DAY)
    delivered = cron.tick()
    # THEN it opens the return for the item, with the first reason the form offers
    assert delivered.returncode == 0, delivered.stderr
    first_reason = cron.site.state()["return_reasons"][0]
    assert cron.returns() == [{"order": DECLINE, "items": ["1"], "reason": first_reason}]
    case = cron.case(DECLINE)
    assert case.state is State.RETURN_REQUESTED
    assert case.todo is not None and "send the parcel with item 1 back by" in case.todo
    assert case.return_by is not None and case.delivered_at is not None
    # WHEN the shop's return mail is read
    received = cron.tick()
    # THEN the case says by when to send the parcel back
    assert received.returncode == 0 and not received.json()["browser_started"]
    case = cron.case(DECLINE)
    assert case.state is State.RETURN_RECEIVED
    assert case.todo is not None and case.todo.startswith("Send the parcel back by ")
    # WHEN the refund mail comes (within 3 days)
    cron.site.advance(3 * DAY)
    refunded = cron.tick()
    assert refunded.returncode == 0
    assert cron.case(DECLINE).state is State.REFUNDED
    assert len(cron.returns()) == 1  # never a second return


def test_refused_on_the_page_the_order_is_returned_once_delivered(cron: Assistant) -> None:
    # GIVEN an order that already shows "Awaiting delivery": cancel exits 5
    cancel(cron, SHIPPED, expect=5)
    assert cron.case(SHIPPED).state is State.AWAITING_DELIVERY
    # WHEN ticks run until the parcel is delivered
    assert cron.tick().returncode == 0
    cron.site.advance(3 * DAY + HOUR)
    cron.advance_to(cron.case(SHIPPED).next_check)
    delivered = cron.tick()
    # THEN the return is opened for it
    assert delivered.returncode == 0, delivered.stderr
    assert [r["order"] for r in cron.returns()] == [SHIPPED]
    assert cron.case(SHIPPED).state is State.RETURN_REQUESTED
    # AND the return's mails take it to refunded
    cron.tick()
    cron.site.advance(3 * DAY)
    assert cron.tick().returncode == 0
    assert cron.case(SHIPPED).state is State.REFUNDED


def test_a_seller_who_decides_ends_in_seller_contact_naming_the_seller(
        cron: Assistant) -> None:
    # GIVEN a third-party seller's order whose cancellation the seller must decide
    cancel(cron, SELLER_DECIDES)
    cron.tick()
    cron.site.advance(HOUR)
    # WHEN the result mail is read
    ticked = cron.tick()
    # THEN the case waits on the cron, naming the seller, the order and what to ask;
    # that is no reason for exit 3
    assert ticked.returncode == 0, ticked.stderr
    case = cron.case(SELLER_DECIDES)
    assert case.state is State.SELLER_CONTACT and case.next_check is None
    assert case.todo == (f"Contact the seller Leather Craft Store via AliExpress Messages "
                         f"about order {SELLER_DECIDES}: ask them to cancel item 1")
    status = cron("status", SELLER_DECIDES)
    assert "Leather Craft Store" in status.stdout and "seller_contact" in status.stdout


def test_when_no_mail_ever_comes_the_page_check_settles_the_case(cron: Assistant) -> None:
    # GIVEN the shop sends no mail at all
    cron.site.switch(withhold_mail=True)
    cancel(cron, APPROVE_TOO)
    quiet = cron.tick()
    assert (quiet.returncode, quiet.said) == (0, "Nothing due.")
    # WHEN the no-result wait (2 h) has passed
    cron.advance_to(cron.case(APPROVE_TOO).next_check)
    checked = cron.tick()
    # THEN the order page is read, and it shows the order cancelled
    assert checked.returncode == 0, checked.stderr
    assert "the order page shows Cancelled" in checked.said
    case = cron.case(APPROVE_TOO)
    assert case.state is State.CANCELLED and case.next_check is None
    assert case.last_event is not None and case.last_event.kind == "page_cancelled"


def test_an_ambiguous_order_closed_mail_is_settled_by_the_page(cron: Assistant) -> None:
    # GIVEN a request the shop acknowledged, whose result mail is lost
    cancel(cron, MULTI)
    cron.tick()
    cron.site.switch(withhold_mail=True)
    cron.site.advance(HOUR)  # the shop approves it now, but its mail is held back ...
    cron.site.server.shop.withheld.clear()  # ... and lost
    cron.site.switch(withhold_mail=False)
    # WHEN only the shop's "Your order … is closed" mail comes
    cron.site.switch(send="order_closed", order=MULTI)
    ticked = cron.tick()
    # THEN the tick reads the order page at once and the case is cancelled
    assert ticked.returncode == 0, ticked.stderr
    assert ticked.json()["browser_started"]
    case = cron.case(MULTI)
    assert case.state is State.CANCELLED
    assert [e.kind for e in case.events][-2:] == ["order_closed", "page_cancelled"]


def test_with_auto_return_off_the_shopper_is_told_and_returns_by_hand(
        cron: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN automatic returns are off, and an order the shop refuses on the page (shipped)
    monkeypatch.setenv("ASSISTANT_AUTO_RETURN", "false")
    cancel(cron, SHIPPED, expect=5)
    assert cron.tick().returncode == 0
    # WHEN the parcel is delivered and the daily check sees it
    cron.site.advance(3 * DAY + HOUR)
    cron.advance_to(cron.case(SHIPPED).next_check)
    delivered = cron.tick()
    # THEN no return is opened, and the case says what to run, by when (no person "needed")
    assert delivered.returncode == 0, delivered.stderr
    assert cron.returns() == []
    case = cron.case(SHIPPED)
    assert case.state is State.AWAITING_DELIVERY and case.return_by is not None
    assert case.todo is not None and f"assistant return {SHIPPED}" in case.todo
    # WHEN the shopper runs it
    opened = cron("return", SHIPPED)
    # THEN exactly that return is made with the first reason the form offers
    assert opened.returncode == 0, opened.stdout + opened.stderr
    first_reason = cron.site.state()["return_reasons"][0]
    assert cron.returns() == [{"order": SHIPPED, "items": ["1"], "reason": first_reason}]
    assert cron.case(SHIPPED).state is State.RETURN_REQUESTED
