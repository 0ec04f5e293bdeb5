"""Polling a Maildir: what is new is read once, nothing is touched, cases move on."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assistant.errors import MailError
from assistant.mail.cursor_store import SqliteMailState
from assistant.mail.poll import read_new_mail
from assistant.settings import Settings
from assistant.store import CaseStore
from fixture_shop.outbox import KINDS, open_outbox
from tests.support.cli import run_assistant

from .mail_corpus import corpus
from .mail_support import open_case, shop_mail, signed


def _files(maildir: Path) -> set[str]:
    return {f"{sub}/{p.name}" for sub in ("new", "cur") for p in (maildir / sub).iterdir()}


def test_every_kind_is_read_once_and_nothing_is_touched(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN the fixture shop mailed one of each kind into a Maildir
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")
    for number, kind in enumerate(KINDS):
        outbox.send(shop_mail(kind, None if kind == "verification_code"
                              else f"81900000000000{number:02d}"))
    before = _files(maildir)
    settings = use_mailbox(f"maildir:{maildir}")
    state = SqliteMailState(tmp_path / "state.sqlite3")

    # WHEN the mailbox is read, the read committed, and read again
    first = read_new_mail(settings, state)
    first.commit()
    second = read_new_mail(settings, state)

    # THEN the first read found every kind about an order, with its order number
    assert {(m.kind, m.order) for m in first.mails} == {
        (kind, f"81900000000000{n:02d}") for n, kind in enumerate(KINDS)
        if kind != "verification_code"}
    assert first.ignored == {"sign_in_code": 1}
    # AND the second found nothing; no file was moved, renamed or removed
    assert second.mails == [] and sum(second.ignored.values()) == 0
    assert _files(maildir) == before


def test_an_uncommitted_read_is_read_again(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a mail read but not committed (say, the process died before applying it)
    outbox = open_outbox(f"maildir:{tmp_path / 'Mail'}")
    outbox.send(shop_mail("cancel_received"))
    settings = use_mailbox(f"maildir:{tmp_path / 'Mail'}")
    state = SqliteMailState(tmp_path / "state.sqlite3")
    read_new_mail(settings, state)
    # WHEN the mailbox is read again THEN the mail is there again
    again = read_new_mail(settings, state)
    assert [m.kind for m in again.mails] == ["cancel_received"]
    # AND a mail kept for later (its case was busy) comes back after a commit too
    again.commit(again=again.mails)
    assert [m.kind for m in read_new_mail(settings, state).mails] == ["cancel_received"]


def test_mail_older_than_the_lookback_is_left_alone(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a shop mail delivered 40 days ago and one delivered now
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")
    outbox.send(shop_mail("cancel_approved", "8190000000000001"))
    [old] = list((maildir / "new").iterdir())
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old, (forty_days_ago, forty_days_ago))
    outbox.send(shop_mail("cancel_approved", "8190000000000002"))
    # WHEN the mailbox is first read (30 days look-back by default)
    poll = read_new_mail(use_mailbox(f"maildir:{maildir}"),
                         SqliteMailState(tmp_path / "s.sqlite3"))
    # THEN only the recent mail counts
    assert [m.order for m in poll.mails] == ["8190000000000002"]


def test_the_awkward_corpus_never_breaks_the_poller(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN every awkward mail of the corpus in a Maildir, signed as the shop signs
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")  # creates cur/new/tmp
    assert outbox.description == str(maildir)
    mails = corpus()
    for number, mail in enumerate(mails):
        (maildir / "new" / f"{number}.corpus").write_bytes(signed(mail.raw))
    # WHEN the poller reads it
    poll = read_new_mail(use_mailbox(f"maildir:{maildir}"),
                         SqliteMailState(tmp_path / "s.sqlite3"))
    # THEN each mail has its kind and order, or is counted as ignored, or (a look-alike
    # sender) as not authentic
    assert sorted((m.kind, m.order) for m in poll.mails) == sorted(
        (m.kind, m.order) for m in mails if m.kind)
    ignored = [m.ignored for m in mails if m.kind is None]
    # (and a shop mail whose signature fails: unsigned, or cut off at the read limit)
    assert poll.inauthentic == ignored.count("look_alike") + sum(
        1 for m in poll.mails if not m.authentic)
    assert ignored.count("look_alike") == 3
    assert sum(poll.ignored.values()) == len(ignored) - ignored.count("look_alike")
    assert poll.ignored["foreign"] == ignored.count("foreign")


def test_a_copied_mail_is_applied_once(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a case, and its approval mail twice in the Maildir (a copy with the same Message-ID)
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}").send(shop_mail("cancel_approved", "8190000000000007"))
    [original] = list((maildir / "new").iterdir())
    settings = use_mailbox(f"maildir:{maildir}")
    with CaseStore.open(settings.db_path) as store:
        open_case(store, "8190000000000007")
    # WHEN it is polled, the copy appears, and it is polled again
    first = run_assistant("poll", "--json")
    shutil.copy(original, maildir / "cur" / "copy-of-it:2,S")
    second = run_assistant("poll", "--json")
    # THEN the case was cancelled by the first poll, and the second changed nothing
    assert first.returncode == 0, first.stderr
    changes = json.loads(first.stdout)["changes"]
    assert [(c["order"], c["state_before"], c["state"]) for c in changes] == [
        ("8190000000000007", "submitted", "cancelled")]
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["changes"] == []
    assert json.loads(second.stdout)["already_applied"] == 1


def test_poll_moves_the_cases_and_says_so(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN two submitted cases, and the shop's mails about them and about an unknown order
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")
    settings = use_mailbox(f"maildir:{maildir}")
    start = datetime.now(UTC) - timedelta(minutes=50)
    with CaseStore.open(settings.db_path) as store:
        open_case(store, "8190000000000011", at=start)
        open_case(store, "8190000000000012", at=start)
    outbox.send(shop_mail("cancel_received", "8190000000000011", at=start + timedelta(minutes=1)))
    outbox.send(shop_mail("cancel_approved", "8190000000000011", at=start + timedelta(minutes=20)))
    outbox.send(shop_mail("order_closed", "8190000000000012", at=start + timedelta(minutes=30)))
    outbox.send(shop_mail("cancel_received", "8190000000009999", at=start + timedelta(minutes=2)))

    # WHEN `assistant poll` runs
    result = run_assistant("poll")

    # THEN it says what changed, order by order
    assert result.returncode == 0, result.stderr
    assert "Order 8190000000000011: The shop received the cancellation request " \
           "(submitted -> acknowledged)." in result.stdout
    assert "Order 8190000000000011: The shop approved the cancellation " \
           "(acknowledged -> cancelled)." in result.stdout
    assert "Order 8190000000009999: The shop received the cancellation request — no case" \
        in result.stdout
    # AND the closed order is not guessed at: its state stays, its page is due for a check now
    with CaseStore.open(settings.db_path) as store:
        closed = store.get("8190000000000012")
        assert closed is not None
        assert str(closed.state) == "submitted"
        assert closed.next_check is not None
        assert closed.next_check <= datetime.now(UTC)
        assert str(store.get("8190000000000011").state) == "cancelled"  # type: ignore[union-attr]


def test_a_missing_maildir_names_the_setting(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN ASSISTANT_MAIL names a folder that is no Maildir
    use_mailbox(f"maildir:{tmp_path / 'nowhere'}")
    # WHEN `assistant poll` runs THEN it fails with exit 1, naming the setting
    result = run_assistant("poll")
    assert result.returncode == MailError.exit_code == 1
    assert f"There is no Maildir at {tmp_path / 'nowhere'}" in result.stderr
    assert "ASSISTANT_MAIL" in result.stderr


def test_without_a_mailbox_poll_says_how_to_set_one() -> None:
    result = run_assistant("poll")
    assert result.returncode == 2
    assert "ASSISTANT_MAIL is not set" in result.stderr


def test_an_acknowledged_case_gets_its_next_check(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a submitted case and the shop's request-received mail
    maildir = tmp_path / "Mail"
    settings = use_mailbox(f"maildir:{maildir}")
    with CaseStore.open(settings.db_path) as store:
        open_case(store, "8190000000000021")
    open_outbox(f"maildir:{maildir}").send(shop_mail("cancel_received", "8190000000000021"))
    # WHEN `assistant poll` applies it
    assert run_assistant("poll").returncode == 0
    # THEN the case is acknowledged and has a time to look at the page if no result comes
    with CaseStore.open(settings.db_path) as store:
        case = store.get("8190000000000021")
        assert case is not None
        assert str(case.state) == "acknowledged"
        assert case.next_check is not None and case.next_check > datetime.now(UTC)
