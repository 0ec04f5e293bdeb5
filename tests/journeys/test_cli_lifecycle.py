"""A cancellation's whole life on both skins, driven by `assistant tick` from cron and the
shop's clock, with only the mails each skin sends.

The seed's shop mails "received", then the result. The real shop (the aliexpress skin) mails
no word about a cancellation request: the order page says it is with the seller, the seller
has 48 hours to answer, a silent seller's order is cancelled when they are over, and "Your
order … is closed" says only that something happened; the order page tells what.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant

APPROVE = "8190000000000001"
SELLER_DECIDES = "8190000000000005"  # "Leather Craft Store": decides by mail, or stays silent
SELLER_REFUSES = "8190000000000006"  # accepts no cancellation requests
HOUR = 3600
CANCEL_MAILS = {"cancel_received", "cancel_approved", "cancel_declined", "seller_contact"}

BOTH = [pytest.param(skin, marks=pytest.mark.fixture_site(skin=skin), id=skin)
        for skin in ("seed", "aliexpress")]
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("skin", BOTH)]


def cancel(cron: Assistant, order: str, expect: int = 0) -> None:
    run = cron("cancel", order, "--reason", REASON, "--yes")
    assert run.returncode == expect, run.stdout + run.stderr


def mail_kinds(cron: Assistant, order: str) -> list[str]:
    return [m["kind"] for m in cron.site.state()["emails"] if m["order"] == order]


def test_an_approved_cancellation_ends_cancelled(cron: Assistant, skin: str) -> None:
    # GIVEN the shopper asked to cancel an order the shop will approve
    cancel(cron, APPROVE)
    assert cron.case(APPROVE).state is State.SUBMITTED
    # WHEN a tick runs at once
    first = cron.tick()
    # THEN the seed's shop has acknowledged it by mail; the real shop sends no such mail,
    # and nothing waits for one: nothing is due yet, no browser
    assert first.returncode == 0, first.stderr
    assert not first.json()["browser_started"]
    if skin == "seed":
        assert cron.case(APPROVE).state is State.ACKNOWLEDGED
    else:
        assert first.said == "Nothing due."
        assert cron.case(APPROVE).state is State.SUBMITTED
    # WHEN an hour of shop time passes (the shop decides within it) and a tick runs
    cron.site.advance(HOUR)
    second = cron.tick()
    # THEN the case is cancelled: by the seed's approval mail, or on the real shop by its
    # order page, looked at because of the "Your order … is closed" mail
    assert second.returncode == 0, second.stderr
    case = cron.case(APPROVE)
    assert case.state is State.CANCELLED and case.next_check is None
    assert case.seller_deadline is None  # answered
    kinds = mail_kinds(cron, APPROVE)
    if skin == "aliexpress":
        assert not CANCEL_MAILS & set(kinds) and "order_closed" in kinds
        assert second.json()["browser_started"]
        assert "the order page shows Cancelled" in second.said
        assert [e.kind for e in case.events][-2:] == ["order_closed", "page_cancelled"]


def test_a_seller_who_decides_has_48_hours_and_a_silent_one_is_cancelled_after_them(
        cron: Assistant, skin: str) -> None:
    # GIVEN a third-party seller's order, whose seller must answer the cancellation request
    cancel(cron, SELLER_DECIDES)
    case = cron.case(SELLER_DECIDES)
    submitted = case.requests[-1].submitted_at
    assert case.state is State.SUBMITTED and submitted is not None
    # THEN the order list shows it still awaiting shipment ("Cancellation requested" on the
    # real shop's card), as the shop's state document has it
    listed = cron("orders", "--status", "awaiting_shipment", "--json")
    assert listed.returncode == 0, listed.stderr
    shop = next(o for o in cron.site.state()["orders"] if o["id"] == SELLER_DECIDES)
    assert (shop["status"], shop["cancel_requested"]) == ("awaiting_shipment", True)
    assert SELLER_DECIDES in [o["order"] for o in listed.json()["orders"]]
    # AND the case carries the seller's deadline, 48 hours after the request, and says it
    deadline = submitted + timedelta(hours=48)
    assert case.seller_deadline == deadline
    shown = cron("status", "--json")
    assert shown.returncode == 0, shown.stderr
    [doc] = shown.json()["cases"]
    assert doc["seller_deadline"] == deadline.isoformat()
    human = cron("status", SELLER_DECIDES)
    assert f"the seller has until {deadline:%Y-%m-%d %H:%M} UTC" in human.stdout
    # WHEN cron runs tick after tick as the shop's time goes by, each when the case is due
    looks: list[bool] = []
    first = cron.tick()
    assert first.returncode == 0, first.stderr
    while cron.case(SELLER_DECIDES).next_check is not None and len(looks) < 4:
        cron.advance_to(cron.case(SELLER_DECIDES).next_check)
        ran = cron.tick()
        assert ran.returncode == 0, ran.stderr
        looks.append(ran.json()["browser_started"])
    case = cron.case(SELLER_DECIDES)
    if skin == "seed":
        # THEN the seed's shop said by mail that the seller decides: the shopper writes to them
        assert case.state is State.SELLER_CONTACT
        assert case.todo is not None and "Leather Craft Store" in case.todo
        assert case.seller_deadline == deadline
        return
    # THEN on the real shop: one look after the no-result wait showed the request with the
    # seller, the next look came just after the 48 hours, and the order was cancelled then
    assert case.state is State.CANCELLED, [e.detail for e in case.events]
    assert looks == [True, True]
    checked = [e for e in case.events if e.kind == "page_checked"]
    assert len(checked) == 1 and checked[0].at < deadline
    assert checked[0].detail == ("The order page shows the cancellation requested; the "
                                 f"seller has until {deadline:%Y-%m-%d %H:%M} UTC to answer")
    settled = case.events[-1]
    assert settled.kind == "page_cancelled"
    assert deadline < settled.at < deadline + timedelta(hours=1)
    assert not CANCEL_MAILS & set(mail_kinds(cron, SELLER_DECIDES))
    assert case.seller_deadline is None


def test_a_seller_who_refuses_leaves_the_shopper_to_contact_them(
        cron: Assistant, skin: str) -> None:
    # GIVEN a seller who accepts no cancellation requests: cancel exits 5, nothing submitted
    cancel(cron, SELLER_REFUSES, expect=5)
    assert cron.requests() == []
    # THEN the case waits on the shopper, naming the seller; no seller deadline runs
    case = cron.case(SELLER_REFUSES)
    assert case.state is State.SELLER_CONTACT and case.next_check is None
    assert case.todo is not None and case.todo.startswith("Contact the seller ")
    assert case.seller is not None and case.seller in case.todo
    assert case.seller_deadline is None
    # AND the ticks have nothing to do for it, and that is no reason for exit 3
    cron.site.advance(HOUR)
    ticked = cron.tick()
    assert (ticked.returncode, ticked.said) == (0, "Nothing due."), ticked.stderr
    status = cron("status", SELLER_REFUSES)
    assert "seller_contact" in status.stdout and case.seller in status.stdout
