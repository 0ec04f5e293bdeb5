"""The site's texts as data: every wording the real shop uses, and loud failures on typos."""

from __future__ import annotations

import pytest

from assistant.domain.vocabulary import OrderStatus
from assistant.errors import ConfigError
from assistant.texts import UnknownText, load_texts
from flows.web.reading import status_of


def test_a_text_has_every_wording_the_real_shop_uses() -> None:
    texts = load_texts("en")
    assert texts.variants("orders.cancel_items") == (
        "Cancel items", "Cancel order", "Request order cancellation")
    pattern = texts.exact("sign_in.wrong_credentials")
    assert pattern.match(" Incorrect password ")
    assert not pattern.match("Incorrect password now")


@pytest.mark.parametrize(("key", "speaks", "other"), [
    ("orders.search", ["Search by order number", "Find an order"], ["Search products"]),
    ("orders.cancel_items", ["Request cancellation", "Cancel this order"],
     ["Cancelled", "Track order"]),
    ("cancel.heading", ["Request a cancellation"], ["Cancellation request submitted"]),
    ("cancel.item_requested", ["Cancellation pending", "Cancellation requested"],
     ["You have requested to cancel this order. The seller has until Dec 3", "Cancelled"]),
    ("home.account_menu", ["Your account", "ACCOUNT"], ["Switch account"]),
    ("orders.view_more", ["Show more orders", "Load more"], ["View all", "Order details"]),
    ("orders.heading", ["All your orders"], ["Order details"]),
    ("cancel.submit", ["Send request", "Request cancellation of selected items"],
     ["Request cancellation", "Search"]),
])
def test_a_reworded_label_is_found_by_the_words_that_matter(
        key: str, speaks: list[str], other: list[str]) -> None:
    pattern = load_texts("en").exact(key)
    assert [t for t in speaks if not pattern.match(t)] == []
    assert [t for t in other if pattern.match(t)] == []


def test_an_unknown_key_raises_and_names_the_key() -> None:
    with pytest.raises(UnknownText, match=r"no text 'cancel\.sumbit' in locale 'en'"):
        load_texts("en").variants("cancel.sumbit")


def test_an_unknown_locale_is_a_configuration_error_listing_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="No site texts for locale 'xx'") as caught:
        load_texts("xx")
    assert caught.value.hint is not None and "en" in caught.value.hint


def test_labelled_values_are_read_on_their_own_line_or_between_separators() -> None:
    texts = load_texts("en")
    line = "Order ID: 8190000000000006 · Order date: Nov 24, 2026 · Sold by: Sunny Jewelry"
    assert texts.label_value("orders.sold_by", line) == "Sunny Jewelry"
    assert texts.label_value("orders.order_date", line) == "Nov 24, 2026"
    assert texts.label_value("orders.item_id", "Desk clamp\nItem ID: 3\nUS $5.75") == "3"
    assert texts.label_value("orders.item_id", "no label here") is None


def test_a_status_wording_maps_to_the_state_document_name() -> None:
    texts = load_texts("en")
    assert texts.which("status", "Order date: Nov 1\nAwaiting delivery") == "shipped"
    assert texts.which("status", "Something new") is None


def test_a_cancellation_requested_status_line_reads_as_awaiting_shipment() -> None:
    # the real shop shows "Cancellation requested" instead of a status while the seller
    # decides: the order still awaits shipment
    texts = load_texts("en")
    line = "Cancellation requested"
    assert status_of(texts.which("status", line), line, requested=True) == \
        OrderStatus.AWAITING_SHIPMENT
    assert status_of(texts.which("status", "Cancelled"), "Cancelled", requested=False) == \
        OrderStatus.CANCELLED
    assert status_of(None, "Pending review", requested=False) == "Pending review"


def test_a_message_names_the_wordings_and_the_words_that_were_tried() -> None:
    texts = load_texts("en")
    assert texts.described("orders.search") == (
        '"Search orders by order number", "Order number", or any name speaking /\\border/')
    assert texts.described("orders.item_id") == '"Item ID:"'
