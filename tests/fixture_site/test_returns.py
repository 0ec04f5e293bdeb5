"""The return flow of a delivered order, in a new tab, as the real shop has it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.person import choose_reason, find_order, open_orders_and_sign_in

DELIVERED = "8190000000000008"


def open_returns_tab(page: Page, site: FixtureSite) -> Page:
    open_orders_and_sign_in(page, site)
    find_order(page, DELIVERED)
    with page.context.expect_page() as new_tab:
        page.get_by_role("region", name=f"Order {DELIVERED}") \
            .get_by_role("button", name="Returns/refunds").click()
    tab = new_tab.value
    assert "reverse-pages" in tab.url
    return tab


@pytest.mark.browser
def test_a_person_returns_one_item_of_a_delivered_order(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN the returns page opened from "Your Orders" in a new tab
    tab = open_returns_tab(page, fixture_site)
    # WHEN they answer that the item arrived
    question = tab.get_by_role("dialog", name="Before you start")
    expect(question.get_by_text("Have you received the item?")).to_be_visible()
    question.get_by_role("button", name="Yes").click()
    # AND choose the item, the reason, describe it, and go to the next step
    tab.get_by_role("checkbox", name="Kitchen scale").check()
    choose_reason(tab, "Return reason", "Poor quality")
    tab.get_by_label("Describe the problem").fill("The display flickers.")
    tab.get_by_role("button", name="Next step").click()
    # THEN the review shows the choice, and nothing is recorded yet
    expect(tab.get_by_role("heading", name="Review your request")).to_be_visible()
    expect(tab.get_by_text("Return reason: Poor quality")).to_be_visible()
    assert fixture_site.state()["return_requests"] == []
    # WHEN they submit
    tab.get_by_role("button", name="Submit").click()
    # THEN the shop is reviewing exactly that, and mailed the acknowledgement
    expect(tab.get_by_role("heading", name="We're reviewing your request")).to_be_visible()
    expect(tab.get_by_text(f"Order ID: {DELIVERED}")).to_be_visible()
    expect(tab.get_by_text("Kitchen scale")).to_be_visible()
    state = fixture_site.state()
    assert [(r["order"], r["items"], r["reason"], r["description"])
            for r in state["return_requests"]] == [
        (DELIVERED, ["1"], "Poor quality", "The display flickers.")
    ]
    assert [m["kind"] for m in state["emails"]] == ["return_received"]


@pytest.mark.browser
def test_answering_no_offers_no_return_form(page: Page, fixture_site: FixtureSite) -> None:
    # GIVEN the returns page's first question
    tab = open_returns_tab(page, fixture_site)
    # WHEN the person says the item has not arrived
    tab.get_by_role("dialog", name="Before you start").get_by_role("button", name="No").click()
    # THEN a note explains what to do instead, and there is no form
    expect(tab.get_by_role("note")).to_contain_text("If your item hasn't arrived")
    expect(tab.get_by_role("button", name="Next step")).to_be_hidden()
    assert fixture_site.state()["return_requests"] == []
