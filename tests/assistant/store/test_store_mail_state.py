"""The mail poller's memory: where each folder was read up to, and which mails were applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import State
from assistant.store import CaseStore, MailCursor, Seen, StaleCase
from tests.support.casebuilder import ORDER, at, case_in


def test_a_folder_cursor_is_remembered_and_moved(db_path: Path, store: CaseStore) -> None:
    # GIVEN a first contact: no cursor
    assert store.mail_cursor("imaps://shopper@mail.test/INBOX") is None
    # WHEN the poller read up to UID 42, then 57
    store.set_mail_cursor("imaps://shopper@mail.test/INBOX", 1700000000, 42, at(0))
    store.set_mail_cursor("imaps://shopper@mail.test/INBOX", 1700000000, 57, at(5))
    # THEN a later run (another process) starts after 57
    with CaseStore.open(db_path) as later:
        assert later.mail_cursor("imaps://shopper@mail.test/INBOX") == MailCursor(1700000000, 57)
        assert later.mail_cursor("imaps://shopper@mail.test/Archive") is None


def test_a_mail_is_applied_with_its_case_in_one_save(store: CaseStore) -> None:
    # GIVEN a submitted case and the request-received mail
    case = case_in(State.SUBMITTED)
    store.save(case)
    assert not store.is_seen("message-id", "<abc@notice.aliexpress.com>")
    # WHEN the poller applies it
    case.apply_mail("cancel_received", at(2))
    store.save(case, seen=[Seen("message-id", "<abc@notice.aliexpress.com>", at(2))])
    # THEN the case moved and the mail is known as applied
    read = store.get(ORDER)
    assert read is not None and read.state is State.ACKNOWLEDGED
    assert store.is_seen("message-id", "<abc@notice.aliexpress.com>")


def test_a_refused_save_does_not_mark_the_mail_seen(db_path: Path, store: CaseStore) -> None:
    store.save(case_in(State.SUBMITTED))
    mine = store.get(ORDER)
    assert mine is not None
    with CaseStore.open(db_path) as other:
        theirs = other.get(ORDER)
        assert theirs is not None
        theirs.cancel_approved(at(3))
        other.save(theirs)
    mine.cancel_received(at(2))
    with pytest.raises(StaleCase):
        store.save(mine, seen=[Seen("message-id", "<late@x>", at(2))])
    assert not store.is_seen("message-id", "<late@x>")


def test_mails_about_no_case_are_marked_seen_once(store: CaseStore) -> None:
    assert store.mark_seen("maildir:/home/s/Maildir", "1764000000.M1P2.host:2,S", at(0))
    assert not store.mark_seen("maildir:/home/s/Maildir", "1764000000.M1P2.host:2,S", at(1))
    assert store.is_seen("maildir:/home/s/Maildir", "1764000000.M1P2.host:2,S")
    assert not store.is_seen("message-id", "1764000000.M1P2.host:2,S")


def test_a_whole_maildir_is_marked_and_read_back_in_one_go(store: CaseStore) -> None:
    # GIVEN a first poll handled 1,000 Maildir files
    names = [f"1700000000.M{n}P1.host" for n in range(1000)]
    store.mark_seen_many("maildir:/m", names, at(0))
    # THEN the next poll learns them in one query, and other sources are apart
    assert store.seen_keys("maildir:/m") == set(names)
    assert store.seen_keys("maildir:/other") == set()
    assert store.is_seen("maildir:/m", names[-1])
