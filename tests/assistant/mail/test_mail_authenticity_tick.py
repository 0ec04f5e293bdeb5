"""Through `assistant tick` against the fixture shop: a forged "cancelled" mail has the order
page looked at, and the page, not the mail, decides; the shop's own signed mail goes on to
settle the case as before."""

from __future__ import annotations

import json
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.domain import State
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import REASON, Assistant, ready_assistant

from .real_corpus import SHOP

pytestmark = pytest.mark.browser

DECLINE = "8190000000000004"  # the shop accepts the request, then declines it (it ships)
HOUR = 3600


def _forged(order: str, at: datetime) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"AliExpress <{SHOP}>"
    msg["To"] = "shopper@example.test"
    msg["Subject"] = f"Your order {order} has been cancelled"
    msg["Date"] = format_datetime(at)
    msg["Message-ID"] = "<forged-1@notice.aliexpress.com>"
    msg["Authentication-Results"] = "mx.forger.test; dkim=pass header.d=aliexpress.com"
    msg.set_content(f"Your order {order} has been cancelled. Your cancellation request has "
                    "been approved.\n")
    return msg.as_bytes()


def _tick(run: Assistant, site: FixtureSite) -> dict[str, Any]:
    done = run("tick", "--json", env={"ASSISTANT_NOW": site.state()["now"]}, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_a_forged_cancelled_mail_only_has_the_page_looked_at(
    fixture_site: FixtureSite, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a cancellation the shop received (its signed mail read by a tick)
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{fixture_site.maildir}")
    run = ready_assistant(fixture_site, isolated_home, monkeypatch)
    asked = run("cancel", DECLINE, "--reason", REASON, "--yes",
                env={"ASSISTANT_NOW": fixture_site.state()["now"]})
    assert asked.returncode == 0, asked.stdout + asked.stderr
    _tick(run, fixture_site)
    case = run.case(DECLINE)
    assert case is not None and case.state is State.ACKNOWLEDGED
    # WHEN a forged "cancelled" mail arrives (exact From, no signature, a forger's own
    # Authentication-Results) and a tick runs
    now = datetime.fromisoformat(fixture_site.state()["now"])
    (fixture_site.maildir / "new" / "forged").write_bytes(_forged(DECLINE, now))
    forged = _tick(run, fixture_site)
    # THEN the case is not cancelled: the mail only had the order page looked at
    assert forged["browser_started"]
    case = run.case(DECLINE)
    assert case is not None and case.state is not State.CANCELLED
    assert fixture_site.state()["cancel_requests"][0]["order"] == DECLINE
    # WHEN the shop's own (signed) decline mail comes
    fixture_site.advance(HOUR)
    declined = _tick(run, fixture_site)
    # THEN it moves the case as before: the order shipped, awaiting delivery
    assert "the order page shows Awaiting delivery" in "\n".join(declined["lines"])
    case = run.case(DECLINE)
    assert case is not None and case.state is State.AWAITING_DELIVERY
