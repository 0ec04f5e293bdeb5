"""Notifications along the cases' whole lives, driven by `assistant cancel` and `assistant tick`
against the fixture shop, as in the scheduler's lifecycle tests: one message per case and
event, each naming the order and the next step, and none twice however many ticks follow."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from assistant.domain import State
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import REASON, Assistant
from tests.support.notify_receiver import Receiver

pytestmark = pytest.mark.browser

APPROVE = "8190000000000001"
DECLINE = "8190000000000004"  # declined by mail: it ships, delivered 3 days later
SELLER_DECIDES = "8190000000000005"  # "Leather Craft Store"
HOUR, DAY = 3600, 86400


@pytest.fixture(autouse=True)
def mail_from_the_shop(fixture_site: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> None:
    """GIVEN the shop's Maildir as the mailbox."""
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{fixture_site.maildir}")


def titles(receiver: Receiver) -> list[str]:
    return sorted(t.split("\n")[0] for t in receiver.texts())


def test_the_cases_lives_are_told_once_per_event(notifying: Assistant, receiver: Receiver) -> None:
    # GIVEN three cancellations: approved, decided by the seller, declined (it ships)
    for order in (APPROVE, SELLER_DECIDES, DECLINE):
        done = notifying("cancel", order, "--reason", REASON, "--yes")
        assert done.returncode == 0, done.stdout + done.stderr
    # WHEN ticks run while the mails come, the parcel is delivered and returned
    assert notifying.tick().returncode == 0
    notifying.site.advance(HOUR)
    assert notifying.tick().returncode == 0  # results: approved, seller decides, declined
    assert notifying.case(DECLINE).state is State.AWAITING_DELIVERY
    notifying.advance_to(notifying.case(DECLINE).next_check)
    notifying.site.advance(3 * DAY)
    assert notifying.tick().returncode == 0  # delivered: the return is opened
    assert notifying.tick().returncode == 0  # the return mail: the parcel goes back by a date
    assert notifying.case(DECLINE).state is State.RETURN_RECEIVED
    notifying.site.advance(3 * DAY)
    assert notifying.tick().returncode == 0  # refunded
    assert notifying.case(DECLINE).state is State.REFUNDED
    assert notifying.tick().returncode == 0
    # THEN each event was told once, naming the order
    assert titles(receiver) == sorted([
        f"Order {APPROVE}: cancelled", f"Order {SELLER_DECIDES}: contact the seller",
        f"Order {DECLINE}: send the parcel back", f"Order {DECLINE}: refunded"])
    texts = {t.split("\n")[0]: t for t in receiver.texts()}
    # AND each says the next step
    assert "To do: nothing" in texts[f"Order {APPROVE}: cancelled"]
    seller = texts[f"Order {SELLER_DECIDES}: contact the seller"]
    assert "To do: Contact the seller Leather Craft Store via AliExpress Messages about order " \
        f"{SELLER_DECIDES}: ask them to cancel item 1." in seller and "By: " in seller
    parcel = texts[f"Order {DECLINE}: send the parcel back"]
    received = next(e for e in notifying.case(DECLINE).events if e.kind == "return_received")
    by = (received.at + timedelta(days=15)).date().isoformat()  # ASSISTANT_SEND_BACK_WITHIN
    assert f"To do: Send the parcel back by {by}." in parcel
    # AND `status` has nothing waiting
    assert "wait to be sent" not in notifying("status").stdout


def test_a_page_that_changed_is_told_once_with_its_evidence(notifying: Assistant,
                                                            receiver: Receiver) -> None:
    # GIVEN a request recorded whose submit is due, and a shop whose cancel button is gone
    notifying.request_due(APPROVE)
    notifying.site.switch(hide="cancel_button")
    # WHEN a tick runs, and another once the retry is due
    notifying.tick()
    notifying.advance_to(notifying.case(APPROVE).next_check)
    notifying.tick()
    # THEN one message says a person should look, with the evidence, and nothing was submitted
    assert titles(receiver) == [f"Order {APPROVE}: the shop's page changed"]
    [text] = receiver.texts()
    assert "nothing was submitted" in text
    evidence = Path(text.split("Evidence: ")[1].strip())
    assert evidence.exists()
    assert notifying.site.state()["cancel_requests"] == []
