"""The real shop's mail kinds through `assistant tick`, with a Maildir and with Dovecot: no such
mail moves a case by itself; it has the order page looked at, and the page decides. And a
mailbox of hostile mails crashes nothing and changes no case."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.domain import Case, State
from fixture_shop import dkim
from fixture_shop.pytest_plugin import FixtureSite
from tests.assistant.mail.malformed_corpus import ORDER, malformed
from tests.assistant.mail.real_corpus import RELAY, SHOP, shaped
from tests.support.cli import REASON, Assistant, ready_assistant
from tests.support.dovecot import Dovecot, Mailbox

MAILBOXES = ["maildir", pytest.param("imap", marks=pytest.mark.imap)]
SHIPPED = {  # a refused cancellation, and its "order shipped" mail in the account's language
    "8190000000000021": "Order {n}: order shipped",
    "8190000000000022": "Bestellung {n} wurde versandt",
    "8190000000000023": "Commande {n} : commande expédiée",
    "8190000000000024": "Pedido {n}: pedido enviado",
}
CANCELLED, CLOSED = "8190000000000025", "8190000000000026"  # as their pages show them
Deliver = Callable[[str, bytes], None]


def _mailbox(kind: str, site: FixtureSite, run: Assistant, request: pytest.FixtureRequest,
             monkeypatch: pytest.MonkeyPatch) -> Deliver:
    """GIVEN the assistant reading a Maildir, or an IMAPS mailbox of the private Dovecot; how
    a mail is delivered to it."""
    if kind == "maildir":
        monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{site.maildir}")

        def into_maildir(name: str, raw: bytes) -> None:
            (site.maildir / "new" / name).write_bytes(raw)
        return into_maildir
    mailbox: Mailbox = request.getfixturevalue("mailbox")
    dovecot: Dovecot = request.getfixturevalue("dovecot")
    monkeypatch.setenv("ASSISTANT_MAIL", mailbox.url("imaps"))
    monkeypatch.setenv("ASSISTANT_MAIL_CA_FILE", str(dovecot.ca_file))
    stored = run("secrets", "set", "mail", stdin=mailbox.password + "\n")
    assert stored.returncode == 0, stored.stderr

    def into_dovecot(name: str, raw: bytes) -> None:
        mailbox.drop(raw, name=name)
    return into_dovecot


def _case(order: str, at: datetime, *, refused: bool = False) -> Case:
    """A case whose request was submitted (and, ``refused``, declined by the shop), with its
    next planned check a day away: only a mail can have its page looked at sooner."""
    case = Case.open(order)
    case.record_request(["1"], reason=REASON, surface="web", at=at)
    case.submit_confirmed(at)
    if refused:
        case.cancel_received(at)
        case.cancel_declined(at)
    case.schedule(at + timedelta(days=1))
    return case


@pytest.mark.browser
@pytest.mark.fixture_site(scenario="refused")
@pytest.mark.parametrize("kind", MAILBOXES)
def test_each_real_kind_has_the_order_page_decide(
    kind: str, fixture_site: FixtureSite, isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
) -> None:
    run = ready_assistant(fixture_site, isolated_home, monkeypatch, on_shop_clock=True)
    deliver = _mailbox(kind, fixture_site, run, request, monkeypatch)
    now = run.now()
    # GIVEN four refused cancellations, each with the shop's signed "order shipped" mail in
    # English, German, French or Spanish ...
    for order, subject in SHIPPED.items():
        run.save(_case(order, now, refused=True))
        deliver(f"shipped-{order}", dkim.sign(shaped(
            SHOP, subject.format(n=order), text="Your order is on its way.\n")))
    # ... and two submitted ones, each with an unsigned "is closed" mail: from the shop's
    # address, and from Apple's relay form of it
    for order, sender in ((CANCELLED, SHOP), (CLOSED, RELAY)):
        run.save(_case(order, now))
        deliver(f"closed-{order}", shaped(
            sender, f"Your order {order} is closed", text=f"Your order {order} has been "
            "closed. Check order detail page to know more details.\n"))
    # WHEN a tick runs
    ticked = run.tick()
    assert ticked.returncode == 0, ticked.stderr
    # THEN no mail moved a case: each had its order page looked at, and the page decided
    for order in SHIPPED:
        assert f"Order {order}: the order page shows Awaiting delivery (declined -> " \
               "awaiting_delivery)" in ticked.said, ticked.said
        assert run.case(order).state is State.AWAITING_DELIVERY
    for order in (CANCELLED, CLOSED):
        case = run.case(order)
        assert case.state is State.CANCELLED, (order, ticked.said)
        assert [e.kind for e in case.events][-2:] == ["order_closed", "page_cancelled"]
    # AND the shop holds no request of the assistant's (nothing was submitted)
    assert run.requests() == []


@pytest.mark.fixture_site(scenario="refused")
@pytest.mark.parametrize("kind", MAILBOXES)
def test_hostile_mails_crash_nothing_and_change_no_case(
    kind: str, fixture_site: FixtureSite, isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
) -> None:
    run = ready_assistant(fixture_site, isolated_home, monkeypatch, on_shop_clock=True)
    deliver = _mailbox(kind, fixture_site, run, request, monkeypatch)
    # GIVEN a submitted case, and over 200 malformed or forged mails about its order
    now = run.now()
    run.save(_case(ORDER, now))
    hostile = malformed()
    assert len(hostile) >= 200
    for number, raw in enumerate(hostile.values()):
        deliver(f"hostile-{number}", raw)
    # WHEN `assistant poll --json` runs
    polled = run("poll", "--json")
    # THEN it exits 0 with nothing on stderr, and the case keeps its state: at most its page
    # is due a look (once)
    assert polled.returncode == 0, polled.stderr
    assert polled.stderr == ""
    report = json.loads(polled.stdout)
    assert all(c["state"] == "submitted" and not c["authentic"] for c in report["changes"])
    assert report["unreadable"] >= 40 and report["inauthentic"] >= 1
    case = run.case(ORDER)
    assert case.state is State.SUBMITTED
    assert case.next_check is not None and case.next_check <= now + timedelta(minutes=1)
    # AND a second poll finds nothing new
    again = json.loads(run("poll", "--json").stdout)
    assert again["changes"] == [] and again["unreadable"] == 0
