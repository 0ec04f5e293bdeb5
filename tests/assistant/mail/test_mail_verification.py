"""The sign-in code comes from the mailbox: the newest code mail after the request, in time."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from assistant.mail.verification import wait_for_verification_code
from assistant.settings import Settings, load_settings
from fixture_shop.outbox import open_outbox, render
from tests.support.dovecot import Dovecot, Mailbox

from .mail_support import shop_mail


def _later(seconds: float, action: Callable[[], object]) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(seconds), action()), daemon=True)
    thread.start()
    return thread


def test_the_code_mailed_after_the_request_is_returned(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN an old code mail from an earlier sign-in, and a request made now
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")
    requested = datetime.now(UTC)
    outbox.send(shop_mail("verification_code", None, code="111111",
                          at=requested - timedelta(hours=1)))
    for old in (maildir / "new").iterdir():
        os.utime(old, (time.time() - 3600, time.time() - 3600))
    settings = use_mailbox(f"maildir:{maildir}")
    # WHEN the shop mails the new code a second after the assistant starts waiting
    sent = _later(1.0, lambda: outbox.send(shop_mail("verification_code", None, code="222222")))
    code = wait_for_verification_code(settings, requested, timedelta(seconds=20))
    sent.join()
    # THEN the new code is returned, not the old one
    assert code == "222222"


def test_the_newest_of_two_codes_wins(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")
    requested = datetime.now(UTC) - timedelta(seconds=30)
    outbox.send(shop_mail("verification_code", None, code="333333",
                          at=requested + timedelta(seconds=5)))
    outbox.send(shop_mail("verification_code", None, code="444444",
                          at=requested + timedelta(seconds=20)))
    settings = use_mailbox(f"maildir:{maildir}")
    assert wait_for_verification_code(settings, requested, timedelta(seconds=5)) == "444444"


def test_no_code_in_time_is_none(tmp_path: Path, use_mailbox: Callable[..., Settings]) -> None:
    # GIVEN only a cancellation mail arrives
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}").send(shop_mail("cancel_received"))
    settings = use_mailbox(f"maildir:{maildir}")
    # WHEN the assistant waits two seconds for a code THEN there is none
    started = time.monotonic()
    assert wait_for_verification_code(settings, datetime.now(UTC) - timedelta(minutes=5),
                                      timedelta(seconds=2)) is None
    assert 1.5 < time.monotonic() - started < 10


def test_without_a_mailbox_there_is_no_code_to_wait_for() -> None:
    assert wait_for_verification_code(load_settings(), datetime.now(UTC),
                                      timedelta(seconds=30)) is None


@pytest.mark.imap
def test_the_code_arrives_over_imaps(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN an IMAPS mailbox and an assistant whose clock (ASSISTANT_NOW) is a day ahead
    monkeypatch.setenv("ASSISTANT_NOW", (datetime.now(UTC) + timedelta(days=1)).isoformat())
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    requested = settings.clock.now()
    outbox = open_outbox(mailbox.outbox_url("imaps"))
    # WHEN the shop (dating mail by the real clock) mails the code while the assistant waits
    sent = _later(1.0, lambda: outbox.send(shop_mail("verification_code", None, code="555555")))
    code = wait_for_verification_code(settings, requested, timedelta(seconds=20))
    sent.join()
    # THEN the code is found (its arrival after the request counts), and it stays unread
    assert code == "555555"
    assert mailbox.unseen_count() == 1


def _forged_code(code: str, at: datetime) -> bytes:
    """A code mail as a forger writes it: the shop's exact code address, the code in the
    subject, no signature, and an Authentication-Results of the forger's own server."""
    return (f"Authentication-Results: mx.forger.test; dkim=pass header.d=aliexpress.com\r\n"
            f"From: AliExpress <account@notice.aliexpress.com>\r\n"
            f"To: shopper@example.test\r\nSubject: {code} is your AliExpress verification code"
            f"\r\nDate: {format_datetime(at)}\r\nMessage-ID: <forged-{code}@notice."
            f"aliexpress.com>\r\nContent-Type: text/plain\r\n\r\nYour verification code is "
            f"{code}.\r\n").encode()


@pytest.mark.imap
def test_a_forged_code_mail_is_never_used_to_sign_in(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings],
) -> None:
    # GIVEN an IMAPS mailbox with the shop's own (signed) code mail, and a newer forged one
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    requested = datetime.now(UTC) - timedelta(seconds=30)
    mailbox.append(render(shop_mail("verification_code", None, code="555555",
                                    at=requested + timedelta(seconds=5))).as_bytes())
    mailbox.append(_forged_code("999999", requested + timedelta(seconds=20)))
    # WHEN the assistant waits for the code THEN it takes the shop's, not the newer forgery
    assert wait_for_verification_code(settings, requested, timedelta(seconds=5)) == "555555"


@pytest.mark.imap
def test_with_only_a_forged_code_mail_there_is_no_code(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings],
) -> None:
    # GIVEN only a forged code mail, over IMAPS
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    requested = datetime.now(UTC) - timedelta(seconds=30)
    mailbox.append(_forged_code("999999", requested + timedelta(seconds=5)))
    # WHEN the assistant waits for a code THEN there is none, and the log says why without
    # naming the code
    assert wait_for_verification_code(settings, requested, timedelta(seconds=2)) is None
    log = settings.log_path.read_text(encoding="utf-8") if settings.log_path.exists() else ""
    assert "999999" not in log


def test_a_forged_code_mail_in_a_maildir_is_not_used(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")
    requested = datetime.now(UTC) - timedelta(seconds=30)
    outbox.send(shop_mail("verification_code", None, code="333333",
                          at=requested + timedelta(seconds=5)))
    (maildir / "new" / "forged").write_bytes(_forged_code("999999",
                                                          requested + timedelta(seconds=20)))
    settings = use_mailbox(f"maildir:{maildir}")
    assert wait_for_verification_code(settings, requested, timedelta(seconds=3)) == "333333"
