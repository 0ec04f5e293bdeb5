"""`assistant return` on the real shop's return pages (aliexpress skin) in wording 1: the
question, the items, the reason, "Next step", the review, its "Submit" and "Confirm" and the
confirmation all worded as the assistant's texts do not list them verbatim."""

from __future__ import annotations

import pytest

from assistant.domain import State
from tests.support.cli import Assistant

DELIVERED = "8190000000000008"  # two items, delivered 5 days ago

pytestmark = [pytest.mark.browser, pytest.mark.fixture_site(skin="aliexpress", wording=1)]


def test_a_return_on_reworded_pages_is_one_request_and_the_case_follows_it(
        cron: Assistant) -> None:
    assert cron.site.state()["wording"] == 1
    # GIVEN a delivered order of two items (order line IDs)
    order = next(o for o in cron.site.state()["orders"] if o["id"] == DELIVERED)
    first = order["items"][0]["id"]
    # WHEN the shopper returns its first item
    run = cron("return", DELIVERED, "--item", first, "--reason", "Changed my mind")
    # THEN the shop holds exactly that one return, and the case waits for the shop's review
    assert run.returncode == 0, run.stdout + run.stderr
    assert cron.returns() == [{"order": DELIVERED, "items": [first],
                               "reason": "Changed my mind"}]
    case = cron.case(DELIVERED)
    assert case is not None and case.state is State.RETURN_REQUESTED
    assert case.returned_items() == (first,)
