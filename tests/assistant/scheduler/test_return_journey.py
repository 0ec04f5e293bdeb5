"""The return pages and journey, in a real browser against the fixture site's return pages."""

from __future__ import annotations

import pytest

from assistant.errors import BadInput, NotReturnable
from fixture_shop.pytest_plugin import FixtureSite
from flows.retry import RetryPolicy
from flows.returns import ReturnJourney, ReturnRequest
from flows.web.home import HomePage
from flows.web.returns import ReturnApplyPage, open_returns_tab
from flows.web_surface import WebSurface

pytestmark = pytest.mark.browser

DELIVERED = "8190000000000008"  # items 1 (Kitchen scale), 2 (Silicone spatula set)
SHIPPED = "8190000000000007"  # Awaiting delivery
ONCE = RetryPolicy(attempts=1)


def returns_made(site: FixtureSite) -> list[dict[str, object]]:
    return [{k: r[k] for k in ("order", "items", "reason")}
            for r in site.state()["return_requests"]]


def test_the_returns_button_opens_the_form_in_a_new_tab(shop: WebSurface,
                                                        fixture_site: FixtureSite) -> None:
    # GIVEN a signed-in shopper on "Your Orders" with a delivered order
    shop.sign_in()
    orders = HomePage(shop.site).open().go_to_orders()
    block = orders.find(DELIVERED)
    # WHEN they click "Returns/refunds" and answer "Yes" to "Have you received the item?"
    tab = open_returns_tab(shop.site, block)
    form = ReturnApplyPage(tab).arrive().answer_received()
    # THEN a second tab shows the order's items and the shop's return reasons
    assert len(shop.site.page.context.pages) == 2
    assert form.order_number() == DELIVERED
    assert [(i.id, i.title, i.open) for i in form.items()] == [
        ("1", "Kitchen scale", True), ("2", "Silicone spatula set", True)]
    assert form.reasons() == fixture_site.state()["return_reasons"]
    tab.close()


def test_a_return_is_requested_for_exactly_the_items_and_reason(
        shop: WebSurface, fixture_site: FixtureSite) -> None:
    # GIVEN a delivered order with two items
    request = ReturnRequest(DELIVERED, ("2",), reason="item arrived  DAMAGED",
                            description="The handle broke off.")
    # WHEN the return journey runs for item 2
    outcome = ReturnJourney(request, policy=ONCE).run(shop)
    # THEN the shop holds one return of item 2, with the reason as the shop spells it
    assert returns_made(fixture_site) == [
        {"order": DELIVERED, "items": ["2"], "reason": "Item arrived damaged"}]
    assert fixture_site.state()["return_requests"][0]["description"] == "The handle broke off."
    assert (outcome.items, outcome.reason, outcome.already) == (
        ("2",), "Item arrived damaged", ())
    assert outcome.seller == "AliExpress"
    # AND the returns tab is closed again
    assert len(shop.site.page.context.pages) == 1


def test_without_a_reason_the_first_reason_offered_is_used(
        shop: WebSurface, fixture_site: FixtureSite) -> None:
    outcome = ReturnJourney(ReturnRequest(DELIVERED), policy=ONCE).run(shop)
    first = fixture_site.state()["return_reasons"][0]
    assert returns_made(fixture_site) == [
        {"order": DELIVERED, "items": ["1", "2"], "reason": first}]
    assert outcome.items == ("1", "2")


def test_a_second_run_finds_the_return_and_submits_nothing(
        shop: WebSurface, fixture_site: FixtureSite) -> None:
    # GIVEN item 1 was returned already
    ReturnJourney(ReturnRequest(DELIVERED, ("1",)), policy=ONCE).run(shop)
    # WHEN a run asks for items 1 and 2
    outcome = ReturnJourney(ReturnRequest(DELIVERED), policy=ONCE).run(shop)
    # THEN only item 2 is requested now; item 1 is reported as returned already
    assert (outcome.items, outcome.already) == (("2",), ("1",))
    assert [r["items"] for r in returns_made(fixture_site)] == [["1"], ["2"]]
    # AND a third run submits nothing at all
    again = ReturnJourney(ReturnRequest(DELIVERED), policy=ONCE).run(shop)
    assert (again.items, again.already) == ((), ("1", "2"))
    assert len(returns_made(fixture_site)) == 2


def test_a_reason_the_shop_does_not_offer_is_refused_before_anything_is_sent(
        shop: WebSurface, fixture_site: FixtureSite) -> None:
    with pytest.raises(BadInput) as refused:
        ReturnJourney(ReturnRequest(DELIVERED, reason="Too expensive"), policy=ONCE).run(shop)
    assert refused.value.exit_code == 2
    assert 'does not offer the return reason "Too expensive" (--reason)' in refused.value.message
    assert '"Changed my mind"' in refused.value.message
    assert returns_made(fixture_site) == []


def test_an_item_not_in_the_order_is_refused(shop: WebSurface,
                                             fixture_site: FixtureSite) -> None:
    with pytest.raises(BadInput, match=r"has no item 9\. Its items: 1 \(Kitchen scale\)"):
        ReturnJourney(ReturnRequest(DELIVERED, ("9",)), policy=ONCE).run(shop)
    assert returns_made(fixture_site) == []


def test_an_order_not_delivered_offers_no_return(shop: WebSurface,
                                                 fixture_site: FixtureSite) -> None:
    with pytest.raises(NotReturnable) as refused:
        ReturnJourney(ReturnRequest(SHIPPED), policy=ONCE).run(shop)
    assert refused.value.exit_code == 5
    assert "Awaiting delivery" in refused.value.message
    assert returns_made(fixture_site) == []
