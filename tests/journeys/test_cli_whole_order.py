"""`assistant cancel` where the shop's form cancels whole orders only (the real shop's
"Cancel order" window): some items of a multi-item order are refused unless --whole-order."""

from __future__ import annotations

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant
from tests.support.wording import WORDINGS

MULTI = "8190000000000003"
LAMP, BULB, CLAMP = "8190000000020003", "8190000000040003", "8190000000060003"

pytestmark = [pytest.mark.browser, pytest.mark.fixture_site(skin="aliexpress")]


def test_one_item_of_a_multi_item_order_exits_2_naming_the_others(assistant: Assistant) -> None:
    run = assistant("cancel", MULTI, "--item", BULB, "--reason", REASON, "--yes")
    assert run.returncode == 2, run.stderr
    assert f"would cancel {LAMP} (LED desk lamp), {CLAMP} (Desk clamp) too" in run.stderr
    assert "--whole-order" in run.stderr and f"assistant return {MULTI}" in run.stderr
    assert assistant.requests() == []


@pytest.mark.parametrize("wording", WORDINGS)
def test_whole_order_makes_one_request_with_every_item(assistant: Assistant, wording: int) -> None:
    assert assistant.site.state()["wording"] == wording
    run = assistant("cancel", MULTI, "--item", BULB, "--whole-order", "--reason", REASON,
                    "--yes")
    assert run.returncode == 0, run.stderr
    assert [(r["order"], r["items"], r["reason"]) for r in assistant.requests()] == [
        (MULTI, [LAMP, BULB, CLAMP], REASON)]
    case = assistant.case(MULTI)
    assert case is not None and case.state is State.SUBMITTED
    assert sorted(case.items) == [LAMP, BULB, CLAMP]
    # a second run finds the request on the page ("Cancellation requested", or in wording 1
    # "Cancellation pending", read as words) and makes no other
    again = assistant("cancel", MULTI, "--reason", REASON, "--yes")
    assert again.returncode == 0, again.stderr
    assert len(assistant.requests()) == 1


def test_an_item_not_in_the_order_exits_2(assistant: Assistant) -> None:
    run = assistant("cancel", MULTI, "--item", "1", "--reason", REASON, "--yes")
    assert run.returncode == 2, run.stderr
    assert f"Order {MULTI} has no item 1" in run.stderr and LAMP in run.stderr
    assert assistant.requests() == []
