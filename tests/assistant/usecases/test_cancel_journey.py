"""The cancel use case on the web surface, in-process: the order list, the cancel form, the
gate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from assistant.errors import NotConfirmed
from assistant.store import CaseStore
from assistant.usecases.cancel import CancelJourney, CancelRequest
from assistant.usecases.cancel_outcome import Done
from fixture_shop.pytest_plugin import FixtureSite
from flows.model import Item, ItemState
from flows.retry import RetryPolicy
from flows.web_surface import WebSurface

pytestmark = pytest.mark.browser

REASON = "No longer needed"
MULTI = "8190000000000003"


def now() -> datetime:
    return datetime.now(UTC)


def test_the_order_list_is_read_across_pages_behind_the_popups(
        shop: WebSurface, fixture_site: FixtureSite) -> None:
    shop.sign_in()
    orders = shop.list_orders()
    expected = fixture_site.state()["orders"]
    assert len(orders) == len(expected) > 10
    multi = next(o for o in orders if o.id == MULTI)
    assert multi.status == "awaiting_shipment" and multi.seller == "AliExpress"
    assert [(i.id, i.title) for i in multi.items] == [
        ("1", "LED desk lamp"), ("2", "Spare lamp bulb (2 pcs)"), ("3", "Desk clamp")]


def test_the_cancel_form_offers_the_shops_reasons_and_lists_every_item(
        shop: WebSurface, fixture_site: FixtureSite) -> None:
    shop.sign_in()
    form = shop.open_cancel_form(MULTI)
    assert form.reasons() == fixture_site.state()["cancel_reasons"]
    assert form.items() == [Item("1", "LED desk lamp"), Item("2", "Spare lamp bulb (2 pcs)"),
                            Item("3", "Desk clamp")]
    # the late "Limited-time offer" comes 3 s after the page loads: still nothing blocks us
    shop.site.page.wait_for_timeout(3500)
    form.fill(REASON, ["2"])
    assert shop.site.page.get_by_role("dialog").count() == 0


def test_the_gate_shows_order_items_and_reason_and_a_no_submits_nothing(
        shop: WebSurface, store: CaseStore, fixture_site: FixtureSite) -> None:
    shown: list[tuple[str, list[str], str]] = []

    def gate(order: str, items: Sequence[Item], reason: str) -> bool:
        shown.append((order, [f"{i.id} {i.title}" for i in items], reason))
        return False

    journey = CancelJourney(CancelRequest(MULTI, ("1", "3"), REASON), store=store, now=now,
                            policy=RetryPolicy(), gate=gate)
    with pytest.raises(NotConfirmed) as caught:
        journey.run(shop)
    assert shown == [(MULTI, ["1 LED desk lamp", "3 Desk clamp"], REASON)]
    assert caught.value.exit_code == 2
    assert fixture_site.state()["cancel_requests"] == []
    assert store.get(MULTI) is None


def test_a_yes_at_the_gate_submits_and_a_second_journey_finds_it_requested(
        shop: WebSurface, store: CaseStore, fixture_site: FixtureSite) -> None:
    request = CancelRequest(MULTI, ("2",), REASON)
    first = CancelJourney(request, store=store, now=now, policy=RetryPolicy(),
                          gate=lambda *_: True).run(shop)
    assert first.done is Done.SUBMITTED and [i.id for i in first.items] == ["2"]
    # the database alone answers a rerun naming the item: no browser needed
    again = CancelJourney(request, store=store, now=now, policy=RetryPolicy(),
                          gate=lambda *_: True)
    early = again.before_browser()
    assert early is not None and early.done is Done.ALREADY
    # and the page agrees
    form = shop.open_cancel_form(MULTI)
    assert [i.state for i in form.items()] == [ItemState.OPEN, ItemState.REQUESTED,
                                               ItemState.OPEN]
    assert len(fixture_site.state()["cancel_requests"]) == 1
