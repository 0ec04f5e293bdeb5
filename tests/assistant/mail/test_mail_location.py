"""ASSISTANT_MAIL: the forms it takes, and clear messages for the ones it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.mail.location import MailLocation, parse_location


@pytest.mark.parametrize(("url", "expected"), [
    ("imaps://me%40fastmail.com@imap.fastmail.com/INBOX",
     MailLocation("imaps", "me@fastmail.com", "imap.fastmail.com", 993, "INBOX")),
    ("imaps://me@imap.gmail.com:1993", MailLocation("imaps", "me", "imap.gmail.com", 1993)),
    ("imap://me@127.0.0.1:1143/Shop%20mail",
     MailLocation("imap", "me", "127.0.0.1", 1143, "Shop mail")),
])
def test_imap_addresses(url: str, expected: MailLocation) -> None:
    assert parse_location(url) == expected


def test_a_maildir_path(tmp_path: Path) -> None:
    location = parse_location(f"maildir:{tmp_path}/Mail")
    assert (location.scheme, location.path) == ("maildir", tmp_path / "Mail")
    assert parse_location(f"maildir://{tmp_path}/Mail") == location


def test_the_key_never_holds_a_password() -> None:
    assert parse_location("imaps://me@host/INBOX").key == "imaps://me@host:993/INBOX"


@pytest.mark.parametrize(("url", "says"), [
    ("imaps://me:Hunter2pw@imap.example.test/INBOX", "must not contain the mailbox password"),
    ("imaps://imap.example.test/INBOX", "needs a user and a host"),
    ("pop3://me@pop.example.test", "must start with imaps://, imap:// or maildir:"),
    ("imaps://me@host:99999/INBOX", "bad port"),
    ("maildir:", "needs a path"),
])
def test_bad_addresses_say_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says) as caught:
        parse_location(url)
    assert "Hunter2pw" not in str(caught.value)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("imap.gmail.com", False),
    ("10.0.0.5", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert MailLocation("imap", "me", host, 143).is_loopback is loopback
