"""A data dir written by the previous release keeps its meaning: its Maildir seen marks and its
IMAP cursor, as rows in mail_seen and mail_cursors, are honoured as they are."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.mail.imap import ImapReader
from assistant.mail.location import parse_location
from assistant.settings import Settings
from assistant.store import CaseStore
from fixture_shop.outbox import open_outbox, render
from tests.support.cli import run_assistant
from tests.support.dovecot import Dovecot, Mailbox

from .mail_support import open_case, shop_mail

NOW = datetime.now(UTC).isoformat()


def _rows(settings: Settings, sql: str, *values: object) -> None:
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute(sql, values)


def test_maildir_files_marked_read_by_the_previous_release_are_not_read_again(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a Maildir with a shop mail the previous release read (flags added since by a client)
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}")
    old = shop_mail("cancel_approved", "8190000000000031")
    (maildir / "cur" / "1764500000.M1P1.host:2,S").write_bytes(render(old).as_bytes())
    settings = use_mailbox(f"maildir:{maildir}")
    with CaseStore.open(settings.db_path) as store:
        open_case(store, "8190000000000031")
        open_case(store, "8190000000000032")
    # ... its mark as that release wrote it: source = the Maildir, key = the unique name
    _rows(settings, "INSERT INTO mail_seen VALUES (?, ?, ?)", f"maildir:{maildir.resolve()}",
          "1764500000.M1P1.host", NOW)
    # AND a new mail since
    open_outbox(f"maildir:{maildir}").send(shop_mail("cancel_received", "8190000000000032"))
    # WHEN this release polls
    result = run_assistant("poll", "--json")
    # THEN only the new mail is read and applied; the old one is left as read
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(c["order"], c["kind"]) for c in report["changes"]] == [
        ("8190000000000032", "cancel_received")]
    assert report["already_applied"] == 0 and report["ignored"] == {}


@pytest.mark.imap
def test_an_imap_cursor_of_the_previous_release_costs_no_search(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a folder with a shop mail, and the cursor the previous release left after reading it
    open_outbox(mailbox.outbox_url("imaps")).send(shop_mail("cancel_approved",
                                                            "8190000000000041"))
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    location = parse_location(mailbox.url("imaps"))
    with ImapReader(location, mailbox.password, ca_file=dovecot.ca_file) as reader:
        status = reader.examine()
    assert status.uidnext is not None
    with CaseStore.open(settings.db_path) as store:
        open_case(store, "8190000000000041")
    _rows(settings, "INSERT INTO mail_cursors VALUES (?, ?, ?, ?)", location.key,
          status.uidvalidity, status.uidnext - 1, NOW)
    # WHEN this release polls
    result = run_assistant("poll", "--json")
    # THEN it reads nothing: CAPABILITY, LOGIN, EXAMINE, LOGOUT, and the case did not move
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["changes"] == [] and report["imap_commands"] == 4
    with CaseStore.open(settings.db_path) as store:
        case = store.get("8190000000000041")
        assert case is not None and str(case.state) == "submitted"
