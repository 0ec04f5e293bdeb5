"""`assistant secrets set site|mail`: passwords go to the keyring, from a terminal or a pipe."""

from __future__ import annotations

import keyring
import pytest

from tests.support.cli import Ran, run_assistant


def secrets_set(which: str, stdin: str) -> Ran:
    return run_assistant("secrets", "set", which, stdin=stdin, timeout=60)


def test_the_shop_password_is_read_from_a_pipe_into_the_keyring(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_ACCOUNT", "shopper@example.test")
    run = secrets_set("site", "s3cret pass word\nsecond line ignored\n")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "Stored the site password for shopper@example.test in the keyring.\n"
    assert keyring.get_password("aliexpress-assistant", "shopper@example.test") == \
        "s3cret pass word"
    assert "s3cret" not in run.stdout + run.stderr


def test_the_mailbox_password_is_stored_under_the_mailbox_user(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_MAIL", "imaps://shopper%40example.test@mail.example.test/INBOX")
    run = secrets_set("mail", "imap-pass\n")
    assert run.returncode == 0, run.stderr
    assert keyring.get_password("aliexpress-assistant-mail", "shopper@example.test") == \
        "imap-pass"


@pytest.mark.parametrize(("which", "env", "message"), [
    ("site", {}, "ASSISTANT_ACCOUNT is not set."),
    ("site", {"ASSISTANT_ACCOUNT": "shopper@example.test"}, "The password is empty"),
    ("mail", {"ASSISTANT_MAIL": "maildir:/tmp/mail"}, "A maildir: mailbox needs no password."),
], ids=["no-account", "empty", "maildir"])
def test_nothing_is_stored_when_it_cannot_be_right(
        monkeypatch: pytest.MonkeyPatch, which: str, env: dict[str, str], message: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    run = secrets_set(which, "\n")
    assert run.returncode == 2
    assert message in run.stderr
