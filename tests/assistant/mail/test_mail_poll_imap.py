"""Polling a real Dovecot on loopback: IMAPS with a self-signed certificate, and STARTTLS."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.errors import ConfigError, MailError, WrongPassword
from assistant.mail.cursor_store import SqliteMailState
from assistant.mail.poll import read_new_mail
from assistant.settings import Settings
from assistant.store import CaseStore
from fixture_shop.outbox import KINDS, open_outbox
from tests.support.cli import run_assistant
from tests.support.dovecot import Dovecot, Mailbox

from .mail_corpus import corpus
from .mail_support import open_case, shop_mail, signed

pytestmark = pytest.mark.imap


def _foreign(number: int) -> bytes:
    return (f"From: Newsletter <news{number % 7}@shop.example.test>\r\nTo: shopper@example.test"
            f"\r\nSubject: Offer {number}\r\nMessage-ID: <offer{number}@example.test>\r\n"
            f"Date: Wed, 25 Nov 2026 09:00:00 +0000\r\n\r\nDeals number {number}.\r\n").encode()


def _logins(server: Dovecot, user: str) -> list[str]:
    """The server's log lines of successful logins by ``user``."""
    return [line for line in server.log.read_text().splitlines()
            if "Login: " in line and f"user=<{user}>" in line]


def _state(tmp_path: Path) -> SqliteMailState:
    return SqliteMailState(tmp_path / "mailstate.sqlite3")


def test_imaps_reads_every_kind_and_leaves_it_unread(
    mailbox: Mailbox, dovecot: Dovecot, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN the fixture shop mailed one of each kind over IMAPS, among unrelated mail
    outbox = open_outbox(mailbox.outbox_url("imaps"))
    for number in range(20):
        mailbox.drop(_foreign(number))
    for number, kind in enumerate(KINDS):
        outbox.send(shop_mail(kind, None if kind == "verification_code"
                              else f"81900000000001{number:02d}"))
    unseen = mailbox.unseen_count()
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)

    # WHEN the mailbox is read over IMAPS (certificate checked against ASSISTANT_MAIL_CA_FILE)
    poll = read_new_mail(settings, _state(tmp_path))

    # THEN each kind about an order is there with its order number
    assert [(m.kind, m.order) for m in poll.mails] == [
        (kind, f"81900000000001{n:02d}") for n, kind in enumerate(KINDS)
        if kind != "verification_code"]
    # AND only the shop's mails were fetched (the newsletter never left the server)
    assert poll.ignored == {"sign_in_code": 1}
    # AND nothing was marked read
    assert mailbox.unseen_count() == unseen == 28


def test_a_poll_with_nothing_new_costs_the_same_at_100_and_1000_messages(
    dovecot: Dovecot, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    costs = {}
    for size in (100, 1000):
        # GIVEN a mailbox of SIZE unrelated messages and three of the shop's, read once
        box = dovecot.new_mailbox()
        for number in range(size):
            box.drop(_foreign(number))
        outbox = open_outbox(box.outbox_url("imaps"))
        for order in ("8190000000000201", "8190000000000202", "8190000000000203"):
            outbox.send(shop_mail("cancel_received", order))
        settings = use_mailbox(box.url("imaps"), password=box.password, ca_file=dovecot.ca_file)
        (tmp_path / str(size)).mkdir()
        state = _state(tmp_path / str(size))
        first = read_new_mail(settings, state)
        first.commit()
        assert len(first.mails) == 3
        # WHEN it is read again with nothing new
        again = read_new_mail(settings, state)
        again.commit()
        assert again.mails == []
        costs[size] = again.commands
    # THEN the second read sent the same few commands, and no SEARCH:
    # CAPABILITY (imaplib asks on connect), LOGIN, EXAMINE, LOGOUT
    assert costs == {100: 4, 1000: 4}


def test_new_mail_costs_one_search_and_one_fetch(
    mailbox: Mailbox, dovecot: Dovecot, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a mailbox read once
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    state = _state(tmp_path)
    read_new_mail(settings, state).commit()
    # WHEN two shop mails and some other mail arrive, and it is read again
    outbox = open_outbox(mailbox.outbox_url("imaps"))
    outbox.send(shop_mail("cancel_received", "8190000000000301"))
    mailbox.drop(_foreign(1))
    outbox.send(shop_mail("cancel_approved", "8190000000000301"))
    poll = read_new_mail(settings, state)
    # THEN it took CAPABILITY, LOGIN, EXAMINE, UID SEARCH, UID FETCH, LOGOUT, and found both
    assert poll.commands == 6
    assert [m.kind for m in poll.mails] == ["cancel_received", "cancel_approved"]


def test_starttls_on_the_plain_port(
    mailbox: Mailbox, dovecot: Dovecot, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a shop mail, and ASSISTANT_MAIL=imap:// on the port that offers STARTTLS
    open_outbox(mailbox.outbox_url("imap")).send(shop_mail("cancel_declined"))
    settings = use_mailbox(mailbox.url("imap"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    # WHEN it is read
    poll = read_new_mail(settings, _state(tmp_path))
    # THEN it was read over TLS (STARTTLS, then CAPABILITY again, before LOGIN) and classified
    assert [m.kind for m in poll.mails] == ["cancel_declined"]
    assert poll.commands == 8  # CAPABILITY STARTTLS CAPABILITY LOGIN EXAMINE SEARCH FETCH LOGOUT
    logins = _logins(dovecot, mailbox.user)
    assert logins and all(", TLS," in line for line in logins)


def test_plain_imap_only_on_loopback(
    plain_dovecot: Dovecot, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a server that offers no STARTTLS at all
    box = plain_dovecot.new_mailbox()
    open_outbox(box.outbox_url("imap")).send(shop_mail("cancel_received"))
    # WHEN it is reached on 127.0.0.1 THEN plain IMAP is allowed
    settings = use_mailbox(box.url("imap"), password=box.password)
    assert [m.kind for m in read_new_mail(settings, _state(tmp_path)).mails] == [
        "cancel_received"]
    # WHEN it is reached by an address that is not loopback (0.0.0.0 reaches this host too)
    settings = use_mailbox(box.url("imap").replace("127.0.0.1", "0.0.0.0"),
                           password=box.password)
    logins = len(_logins(plain_dovecot, box.user))
    # THEN the assistant refuses before sending the password
    with pytest.raises(ConfigError, match="offers no STARTTLS") as refused:
        read_new_mail(settings, _state(tmp_path))
    assert "imaps://" in str(refused.value)
    assert len(_logins(plain_dovecot, box.user)) == logins


def test_a_changed_uidvalidity_rescans_without_applying_twice(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a case whose acknowledgement was already applied by a poll
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    with CaseStore.open(settings.db_path) as store:
        open_case(store, "8190000000000401")
    open_outbox(mailbox.outbox_url("imaps")).send(shop_mail("cancel_received",
                                                            "8190000000000401"))
    assert run_assistant("poll").returncode == 0
    # WHEN the server renumbers the folder (new UIDVALIDITY) and the approval arrives
    mailbox.reset_uids()
    open_outbox(mailbox.outbox_url("imaps")).send(shop_mail("cancel_approved",
                                                            "8190000000000401"))
    result = run_assistant("poll", "--json")
    # THEN the rescan applies only the approval; the acknowledgement is not applied again
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(c["kind"], c["state"]) for c in report["changes"]] == [
        ("cancel_approved", "cancelled")]
    assert report["already_applied"] == 1
    with CaseStore.open(settings.db_path) as store:
        case = store.get("8190000000000401")
        assert case is not None
        assert [e.kind for e in case.events].count("cancel_received") == 1


def test_the_awkward_corpus_over_imap(
    mailbox: Mailbox, dovecot: Dovecot, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN every awkward mail in the folder, the 10 MB attachment included, signed as the
    # shop signs
    mails = corpus()
    for mail in mails:
        mailbox.drop(signed(mail.raw))
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    # WHEN it is polled
    poll = read_new_mail(settings, _state(tmp_path))
    # THEN the shop's mails have their kinds; the rest was not fetched or is counted as ignored
    assert sorted((m.kind, m.order) for m in poll.mails) == sorted(
        (m.kind, m.order) for m in mails if m.kind)
    assert mailbox.unseen_count() == len(mails)


# -- errors -----------------------------------------------------------------------------------
def test_a_self_signed_certificate_without_the_ca_setting_is_a_mail_error(
    mailbox: Mailbox, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN ASSISTANT_MAIL on the test server, but no ASSISTANT_MAIL_CA_FILE
    use_mailbox(mailbox.url("imaps"), password=mailbox.password)
    # WHEN `assistant poll` runs
    result = run_assistant("poll")
    # THEN it fails (exit 1), saying the certificate was not verified and what to set
    assert result.returncode == MailError.exit_code == 1
    assert "certificate that could not be verified" in result.stderr
    assert "ASSISTANT_MAIL_CA_FILE" in result.stderr
    assert mailbox.password not in result.stderr + result.stdout


def test_imaps_to_a_port_that_does_not_speak_tls(
    mailbox: Mailbox, dovecot: Dovecot, tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    wrong = mailbox.url("imaps").replace(str(dovecot.imaps_port), str(dovecot.imap_port))
    settings = use_mailbox(wrong, password=mailbox.password, ca_file=dovecot.ca_file)
    with pytest.raises(MailError, match="TLS with the mailbox server") as failed:
        read_new_mail(settings, _state(tmp_path))
    assert "port in ASSISTANT_MAIL" in str(failed.value)


def test_server_down_is_a_mail_error_naming_the_setting(
    use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN ASSISTANT_MAIL on a loopback port where nothing listens
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    use_mailbox(f"imaps://shopper@127.0.0.1:{port}/INBOX", password="not-used-here")
    # WHEN `assistant poll` runs THEN exit 1, and the message names the setting to check
    result = run_assistant("poll")
    assert result.returncode == 1
    assert f"Cannot reach the mailbox server at 127.0.0.1:{port}" in result.stderr
    assert "ASSISTANT_MAIL" in result.stderr


def test_a_wrong_password_is_exit_2(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN the keyring holds a wrong mailbox password
    use_mailbox(mailbox.url("imaps"), password="Wrong-Password-123", ca_file=dovecot.ca_file)
    # WHEN `assistant poll` runs
    result = run_assistant("poll")
    # THEN exit 2, saying so and how to fix it, and the password is nowhere in the output
    assert result.returncode == WrongPassword.exit_code == 2
    assert f"The mailbox server rejected the password of {mailbox.user}" in result.stderr
    assert "assistant secrets set mail" in result.stderr
    assert "Wrong-Password-123" not in result.stderr + result.stdout


def test_no_password_in_the_keyring_says_how_to_store_it(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings]
) -> None:
    use_mailbox(mailbox.url("imaps"), ca_file=dovecot.ca_file)
    result = run_assistant("poll")
    assert result.returncode == 2
    assert "assistant secrets set mail" in result.stderr


def test_the_applied_mail_shows_in_status(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a submitted case and the shop's "seller decides" mail about it
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    at = datetime.now(UTC) - timedelta(minutes=30)
    with CaseStore.open(settings.db_path) as store:
        open_case(store, "8190000000000501", at=at)
    open_outbox(mailbox.outbox_url("imaps")).send(
        shop_mail("seller_contact", "8190000000000501", seller="Gadget Corner Store",
                  at=at + timedelta(minutes=15)))
    # WHEN `assistant poll --json` runs
    result = run_assistant("poll", "--json")
    # THEN the case waits on the shopper to contact the named seller
    assert result.returncode == 0, result.stderr
    [change] = json.loads(result.stdout)["changes"]
    assert (change["state"], change["seller"]) == ("seller_contact", "Gadget Corner Store")
    status = json.loads(run_assistant("status", "--json").stdout)
    [case] = status["cases"]
    assert case["state"] == "seller_contact"
    assert case["events"][-1]["kind"] == "seller_contact"
