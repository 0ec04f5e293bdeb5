"""Mail as the real shop sends it: its senders, its kinds in four languages, parcel mails that
name several orders in links; and no such mail moves a case by itself (it has the order page
looked at, which decides)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.mail.classify import Ignored, ShopMail, classify, verification_code
from assistant.mail.message import parse
from assistant.mail.rules import load_rules, rules_for
from assistant.settings import Settings
from assistant.store import CaseStore
from fixture_shop.outbox import open_outbox, render
from tests.support.cli import run_assistant
from tests.support.dovecot import Dovecot, Mailbox

from .mail_support import open_case, shop_mail, signed
from .real_corpus import N1, N2, RELAY, RealMail, real_corpus, shaped

RECEIVED = datetime(2026, 11, 25, 9, tzinfo=UTC)
CORPUS = real_corpus()


def test_the_corpus_is_real_sized() -> None:
    assert len(CORPUS) >= 60
    assert len({m.name for m in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("mail", CORPUS, ids=lambda m: m.name)
def test_each_real_shaped_mail_has_its_kind_and_orders(mail: RealMail) -> None:
    msg = parse(mail.raw)
    verdict = classify(msg, load_rules(), RECEIVED)
    if isinstance(mail.expect, Ignored):
        assert verdict is mail.expect
        return
    assert isinstance(verdict, ShopMail)
    kind, orders = mail.expect
    assert (verdict.kind, verdict.orders) == (kind, orders)
    assert verdict.order == (orders[0] if orders else None)
    # every kind but the code and the shop's own results only asks for a look at the page
    assert verdict.ambiguous is (kind not in ("verification_code", "return_received",
                                              "refund_issued"))
    if mail.code is not None:
        assert verification_code(msg, load_rules()) == mail.code


def test_assistant_mail_senders_adds_a_forwarding_address(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = shaped("forwarder@example.test", f"Order {N1}: order shipped", text="On its way.\n")
    assert classify(parse(raw), load_rules(), RECEIVED) is Ignored.LOOK_ALIKE  # names the shop
    monkeypatch.setenv("ASSISTANT_MAIL_SENDERS", "Forwarder@Example.test, other@example.test")
    rules = rules_for(Settings())
    verdict = classify(parse(raw), rules, RECEIVED)
    assert isinstance(verdict, ShopMail) and verdict.kind == "order_shipped"
    assert "forwarder@example.test" in rules.search_terms


def test_a_bad_assistant_mail_senders_is_exit_2_naming_it(
    tmp_path: Path, use_mailbox: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    open_outbox(f"maildir:{tmp_path / 'Mail'}")
    use_mailbox(f"maildir:{tmp_path / 'Mail'}")
    monkeypatch.setenv("ASSISTANT_MAIL_SENDERS", "not an address")
    result = run_assistant("poll")
    assert result.returncode == 2
    assert "ASSISTANT_MAIL_SENDERS" in result.stderr and "Traceback" not in result.stderr


def _refused_case(store: CaseStore, order: str) -> None:
    case = open_case(store, order, at=datetime.now(UTC) - timedelta(hours=2))
    case.apply_mail("cancel_declined", datetime.now(UTC) - timedelta(hours=1))
    case.next_check = datetime.now(UTC) + timedelta(days=1)
    store.save(case)


@pytest.mark.parametrize("subject", [f"Order {N1}: order shipped",
                                     f"Bestellung {N1} wurde versandt",
                                     f"Commande {N1} : commande expédiée",
                                     f"Pedido {N1}: pedido enviado"])
def test_an_ambiguous_mail_only_asks_for_a_page_check(
    subject: str, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a case whose request the shop refused, and a submitted one, with their next page
    # checks a day away; the shop mails "shipped" for the first and "is closed" (by Apple's
    # relay) for the second
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}")
    settings = use_mailbox(f"maildir:{maildir}")
    with CaseStore.open(settings.db_path) as store:
        _refused_case(store, N1)
        submitted = open_case(store, N2)
        submitted.next_check = datetime.now(UTC) + timedelta(days=1)
        store.save(submitted)
    (maildir / "new" / "shipped").write_bytes(shaped(
        "transaction@notice.aliexpress.com", subject, text="Your order is on its way.\n"))
    (maildir / "new" / "closed").write_bytes(shaped(
        RELAY, f"Your order {N2} is closed",
        text=f"Your order {N2} has been closed. Check order detail page to know more details."))
    # WHEN `assistant poll` runs
    result = run_assistant("poll", "--json")
    # THEN both mails are reported, and neither case changed its state ...
    assert result.returncode == 0, result.stderr
    changes = {c["order"]: c for c in json.loads(result.stdout)["changes"]}
    assert {o: (c["kind"], c["state_before"], c["state"], c["ambiguous"])
            for o, c in changes.items()} == {
        N1: ("order_shipped", "declined", "declined", True),
        N2: ("order_closed", "submitted", "submitted", True)}
    # ... but each has its order page due for a look now (the page decides)
    with CaseStore.open(settings.db_path) as store:
        for order in (N1, N2):
            case = store.get(order)
            assert case is not None and case.next_check is not None
            assert case.next_check <= datetime.now(UTC) + timedelta(minutes=1), order


@pytest.mark.imap
def test_the_relay_senders_mail_is_found_over_imap(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a submitted case, and its "is closed" mail from Apple's relay among the shop's mail
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    with CaseStore.open(settings.db_path) as store:
        open_case(store, N2)
    mailbox.drop(render(shop_mail("cancel_received", "8190000000000999")).as_bytes())
    mailbox.drop(shaped(RELAY, f"Your order {N2} is closed", text="Closed.\n"))
    # WHEN it is polled THEN the server's search found the relay's mail too, in one SEARCH
    result = run_assistant("poll", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(c["order"], c["kind"]) for c in report["changes"]] == [(N2, "order_closed")]
    assert report["imap_commands"] == 6  # CAPABILITY LOGIN EXAMINE SEARCH FETCH LOGOUT


NOT_FOR_CASES = [m for m in CORPUS if isinstance(m.expect, Ignored)]


def _counted_as_the_table_says(report: dict[str, Any]) -> None:
    """THEN every look-alike sender is counted as not authentic, only mail that has nothing
    to do with the shop as foreign, and the shop's own other mail as unknown."""
    expect = Counter(str(m.expect) for m in NOT_FOR_CASES)
    assert expect["look_alike"] >= 9 and expect["foreign"] >= 2
    assert report["inauthentic"] == expect.pop("look_alike")
    assert report["ignored"] == dict(expect)
    assert report["changes"] == [] and report["not_tracked"] == []


def test_poll_counts_look_alike_senders_as_inauthentic_in_a_maildir(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN the corpus's mails that are about no case, each signed as the shop signs
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}")
    use_mailbox(f"maildir:{maildir}")
    for number, mail in enumerate(NOT_FOR_CASES):
        (maildir / "new" / f"{number}.mail").write_bytes(signed(mail.raw))
    # WHEN `assistant poll --json` runs
    result = run_assistant("poll", "--json")
    assert result.returncode == 0, result.stderr
    _counted_as_the_table_says(json.loads(result.stdout))


@pytest.mark.imap
def test_poll_counts_look_alike_senders_as_inauthentic_over_imap(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN the same mails in an IMAPS mailbox: the server's search finds the look-alikes too
    use_mailbox(mailbox.url("imaps"), password=mailbox.password, ca_file=dovecot.ca_file)
    for mail in NOT_FOR_CASES:
        mailbox.drop(signed(mail.raw))
    result = run_assistant("poll", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # (the server's search skips mail whose From does not name the shop: none is foreign)
    report["ignored"]["foreign"] = report["ignored"].get("foreign", 0) + 2
    _counted_as_the_table_says(report)
    assert report["imap_commands"] == 6  # CAPABILITY LOGIN EXAMINE SEARCH FETCH LOGOUT
