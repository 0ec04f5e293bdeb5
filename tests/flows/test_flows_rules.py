"""The rules every surface shares: exactly the items asked for, a reason the shop offers."""

from __future__ import annotations

import pytest

from assistant.errors import BadInput
from flows.cancel_rules import choose_reason, select_items, whole_order_items
from flows.model import Item, ItemState

ORDER = "8190000000000003"
ITEMS = [Item("1", "LED desk lamp"), Item("2", "Spare lamp bulb", ItemState.REQUESTED),
         Item("3", "Desk clamp")]
OFFERED = ["No longer needed", "Other reasons"]


def test_no_item_named_means_every_item_not_requested_yet() -> None:
    chosen = select_items(ORDER, [], ITEMS, confirmed=[])
    assert chosen.asked == ("1", "2", "3")
    assert chosen.on_page == ("2",) and chosen.todo == ("1", "3")


def test_exactly_the_named_items_and_never_one_the_case_confirmed() -> None:
    chosen = select_items(ORDER, ["3", "1", "3"], ITEMS, confirmed=["1"])
    assert chosen.asked == ("3", "1") and chosen.confirmed == ("1",) and chosen.todo == ("3",)


def test_an_item_not_in_the_order_is_bad_input_listing_the_order_items() -> None:
    with pytest.raises(BadInput) as caught:
        select_items(ORDER, ["1", "9"], ITEMS, confirmed=[])
    assert caught.value.message == (
        f"Order {ORDER} has no item 9. Its items: 1 (LED desk lamp), 2 (Spare lamp bulb), "
        "3 (Desk clamp). Nothing was submitted.")
    assert caught.value.exit_code == 2


def test_a_reason_is_matched_whatever_its_case_and_spacing() -> None:
    assert choose_reason(ORDER, "  no LONGER needed ", OFFERED, from_setting=False) == \
        "No longer needed"


def test_a_reason_not_offered_lists_the_offered_ones_and_names_its_source() -> None:
    with pytest.raises(BadInput) as caught:
        choose_reason(ORDER, "Changed my mind", OFFERED, from_setting=True)
    assert '"Changed my mind" (ASSISTANT_DEFAULT_REASON)' in caught.value.message
    assert 'It offers: "No longer needed"; "Other reasons".' in caught.value.message


def test_no_reason_at_all_lists_the_offered_ones() -> None:
    with pytest.raises(BadInput, match=r'No cancellation reason given.*"Other reasons"'):
        choose_reason(ORDER, None, OFFERED, from_setting=True)


WHOLE = [Item("1", "LED desk lamp"), Item("2", "Spare lamp bulb"), Item("3", "Desk clamp")]


def test_some_items_on_a_whole_order_form_are_refused_naming_the_others() -> None:
    with pytest.raises(BadInput) as caught:
        whole_order_items(ORDER, ["2"], WHOLE, form_cancels_all=True, whole_order=False)
    assert caught.value.exit_code == 2
    assert "would cancel 1 (LED desk lamp), 3 (Desk clamp) too" in caught.value.message
    assert "--whole-order" in str(caught.value.hint)


def test_whole_order_or_every_item_named_goes_ahead_with_every_item() -> None:
    assert whole_order_items(ORDER, ["2"], WHOLE, form_cancels_all=True,
                             whole_order=True) == ("1", "2", "3")
    assert whole_order_items(ORDER, ["3", "1", "2"], WHOLE, form_cancels_all=True,
                             whole_order=False) == ("3", "1", "2")
    # a form with a checkbox per item takes exactly the named ones
    assert whole_order_items(ORDER, ["2"], WHOLE, form_cancels_all=False,
                             whole_order=False) == ("2",)
