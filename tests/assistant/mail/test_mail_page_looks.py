"""Through `assistant tick` against the fixture shop: mails that only ask for a look at the
order page (ambiguous, or not verified as the shop's) have it looked at at most once an hour
per case, however many come."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from assistant.domain import Case, State
from tests.support.cli import REASON, Assistant, Ran

from .real_corpus import SHOP

pytestmark = pytest.mark.browser

SHIPPED = "8190000000000007"  # the shop's page shows it Awaiting delivery
MINUTE = 60


def _unsigned_closed(order: str, at: datetime, number: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"AliExpress <{SHOP}>"
    msg["To"] = "shopper@example.test"
    msg["Subject"] = f"Your order {order} is closed"
    msg["Date"] = format_datetime(at)
    msg["Message-ID"] = f"<closed-{number}@notice.aliexpress.com>"
    msg.set_content(f"Your order {order} has been closed. Check order detail page to know more "
                    "details.\n")
    return msg.as_bytes()


def _mail_and_tick(cron: Assistant, number: int) -> Ran:
    now = cron.now()
    (cron.site.maildir / "new" / f"closed-{number}").write_bytes(
        _unsigned_closed(SHIPPED, now, number))
    ticked = cron.tick()
    assert ticked.returncode == 0, ticked.stderr
    return ticked


def _page_looks(ticked: Ran) -> int:
    return sum(1 for line in ticked.json()["lines"]
               if line.startswith(f"Order {SHIPPED}: the order page shows"))


def test_such_mails_have_the_page_looked_at_at_most_once_an_hour(cron: Assistant) -> None:
    # GIVEN a submitted case whose next planned check is a day away
    start = cron.now()
    case = Case.open(SHIPPED)
    case.record_request(["1"], reason=REASON, surface="web", at=start)
    case.submit_confirmed(start, next_check=start + timedelta(days=1))
    cron.save(case)
    # WHEN an unsigned "is closed" mail comes, and a tick runs
    first = _mail_and_tick(cron, 1)
    # THEN the order page is looked at, and decides
    assert _page_looks(first) == 1
    assert cron.case(SHIPPED).state is State.AWAITING_DELIVERY
    # WHEN a second one comes 20 minutes later
    cron.site.advance(20 * MINUTE)
    second = _mail_and_tick(cron, 2)
    # THEN no page is read: its look is due an hour after the first one
    assert _page_looks(second) == 0 and not second.json()["browser_started"]
    due = cron.case(SHIPPED).next_check
    assert due is not None and abs(due - (start + timedelta(hours=1))) < timedelta(seconds=2)
    # WHEN a third one comes after the hour
    cron.site.advance(45 * MINUTE)
    third = _mail_and_tick(cron, 3)
    # THEN the page is looked at once more (for the second and the third), and only then
    assert _page_looks(third) == 1
    assert cron.case(SHIPPED).state is State.AWAITING_DELIVERY
    assert [e.kind for e in cron.case(SHIPPED).events].count("order_closed") == 3
