"""A data dir written by release 0.1.0 (tests/data/datadir-0.1.0, made by that release's own
`assistant cancel` and `assistant poll` against the fixture shop) keeps working: its cases, its
saved session and its marks of the mail already read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.cli import Assistant

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = {"8190000000000001": "acknowledged", "8190000000000003": "acknowledged",
         "8190000000000007": "awaiting_delivery"}


@pytest.fixture
def old_data_dir(assistant: Assistant, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """GIVEN the 0.1.0 data dir, and the mailbox it had already read."""
    shutil.rmtree(assistant.data_dir, ignore_errors=True)
    shutil.copytree(DATA / "datadir-0.1.0", assistant.data_dir)
    mail = tmp_path / "mail"
    shutil.copytree(DATA / "mail-0.1.0", mail)
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{mail}")
    # 0.1.0's fixture shop did not sign its mail (the real shop does): trust it as 0.1.0 did,
    # so that what is checked here is the marks of mail already read
    monkeypatch.setenv("ASSISTANT_MAIL_TRUST", "any")
    return assistant.data_dir


def test_the_old_cases_are_shown_as_they_were(assistant: Assistant, old_data_dir: Path) -> None:
    run = assistant("status", "--json")
    assert run.returncode == 0, run.stderr
    shown = {c["order"]: c["state"] for c in json.loads(run.stdout)["cases"]}
    assert shown == CASES


def test_mail_the_old_release_read_is_not_applied_again(assistant: Assistant,
                                                        old_data_dir: Path) -> None:
    run = assistant("poll", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["changes"] == []
    states = {c["order"]: c["state"] for c in json.loads(assistant("status", "--json").stdout)
              ["cases"]}
    assert states == CASES


def test_mail_the_old_release_applied_is_known_though_it_is_not_signed(
        assistant: Assistant, old_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the real DKIM check on: 0.1.0's unsigned mail is not authentic today
    monkeypatch.delenv("ASSISTANT_MAIL_TRUST")
    checks = {order: assistant.case(order).next_check for order in CASES}
    # WHEN the mailbox is polled
    run = assistant("poll", "--json")
    # THEN the mail 0.1.0 applied (its Message-IDs) is known: skipped before its signature is
    # checked, so it asks for no page check and moves no next check
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert (report["changes"], report["already_applied"], report["inauthentic"]) == ([], 2, 0)
    assert {order: assistant.case(order).next_check for order in CASES} == checks


@pytest.mark.browser
def test_the_old_saved_session_is_taken_and_the_shop_reached(assistant: Assistant,
                                                             old_data_dir: Path) -> None:
    # The old session belongs to another run of the fixture shop: it is read, found signed out,
    # and the assistant signs in again with the password in the keyring.
    run = assistant("orders", "--json")
    assert run.returncode == 0, run.stderr
    assert "8190000000000001" in {o["order"] for o in json.loads(run.stdout)["orders"]}
    assert (old_data_dir / "session" / "storage-state.json").stat().st_mode & 0o777 == 0o600
