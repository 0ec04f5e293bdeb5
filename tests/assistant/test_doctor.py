"""`assistant doctor`: each missing piece is named, with what to do, and the exit code says
whether it is configuration (2) or something else (1)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import run_assistant
from tests.support.dovecot import Dovecot, Mailbox

DOCTOR_CHECKS = ["settings", "data dir", "database", "keyring", "shop password",
                 "mailbox password", "mailbox", "browser", "session", "notifications"]


def doctor(env: dict[str, str] | None = None) -> tuple[int, dict[str, dict[str, Any]]]:
    ran = run_assistant("doctor", "--json", env=env)
    doc = ran.json()
    assert doc["exit_code"] == ran.returncode
    checks = {c["check"]: c for c in doc["checks"]}
    assert list(checks) == DOCTOR_CHECKS
    return ran.returncode, checks


def statuses(checks: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {name: c["status"] for name, c in checks.items()}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens once the socket is closed


@pytest.fixture
def shop_account(fixture_site: FixtureSite, monkeypatch: pytest.MonkeyPatch,
                 with_browser: None) -> FixtureSite:
    """GIVEN the fixture shop's address and account, and its Maildir as the mailbox."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", fixture_site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", fixture_site.account.email)
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{fixture_site.maildir}")
    return fixture_site


@pytest.fixture
def signed_in(shop_account: FixtureSite) -> FixtureSite:
    """GIVEN the shop's password in the keyring and a saved, signed-in session."""
    stored = run_assistant("secrets", "set", "site", stdin=shop_account.account.password + "\n")
    assert stored.returncode == 0, stored.stderr
    login = run_assistant("login")
    assert login.returncode == 0, login.stderr
    return shop_account


@pytest.mark.browser
def test_all_good_exits_0_and_counts_the_shops_mails(signed_in: FixtureSite) -> None:
    # GIVEN the shop has sent one mail, and another sender one more
    signed_in.switch(send="order_closed", order="8190000000000001")
    foreign = b"From: friend@example.test\r\nTo: shopper@example.test\r\nSubject: hi\r\n\r\nhi\r\n"
    assert signed_in.maildir is not None
    (signed_in.maildir / "new" / "1.friend").write_bytes(foreign)
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN everything is fine, and it says what it found
    assert code == 0, checks
    assert set(statuses(checks).values()) == {"ok"}
    assert checks["shop password"]["found"] == "stored for shopper@example.test"
    assert checks["mailbox password"]["found"] == "none needed (a local Maildir)"
    assert checks["mailbox"]["found"] == (
        f"maildir:{signed_in.maildir}: 1 mail(s) from the shop in the last 30 days "
        "(2 mail(s) in all in that time)")
    assert checks["browser"]["found"].startswith("Chromium ")
    assert checks["session"]["found"].startswith(f"signed in at {signed_in.url}")


@pytest.mark.browser
def test_a_signed_out_session_is_a_warning_that_says_to_log_in(signed_in: FixtureSite) -> None:
    # GIVEN the shop ended every session
    signed_in.switch(sign_out_after=0)
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN it warns (the next run signs in with the stored password) and names the fix
    assert code == 0
    assert checks["session"]["status"] == "warn"
    assert "is signed out" in checks["session"]["found"]
    assert "assistant login" in checks["session"]["fix"]


@pytest.mark.browser
def test_an_empty_keyring_names_the_missing_passwords(shop_account: FixtureSite,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN an IMAP mailbox, and no password stored for the shop or the mailbox
    monkeypatch.setenv("ASSISTANT_MAIL", f"imaps://shopper@127.0.0.1:{closed_port()}/INBOX")
    # WHEN the doctor runs, on a terminal-wide table
    ran = run_assistant("doctor")
    # THEN it exits 2 (configuration) and says which password is missing and how to store it
    assert ran.returncode == 2, ran.stdout + ran.stderr
    out = " ".join(ran.stdout.split())
    assert "No site password is stored for shopper@example.test." in out
    assert "Run `assistant secrets set site`" in out
    assert "No mail password is stored for shopper." in out
    assert "Run `assistant secrets set mail`" in out
    assert "Fix the first ✗ above, then run `assistant doctor` again (exit 2)." in out
    # AND the mailbox is not tried without its password
    _, checks = doctor()
    assert checks["mailbox"] == {"check": "mailbox", "status": "skipped",
                                 "found": "needs the mailbox password", "fix": ""}


@pytest.mark.browser
def test_an_unreachable_mailbox_is_named_with_its_address(shop_account: FixtureSite,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a mailbox address where no server listens, and both passwords stored
    port = closed_port()
    monkeypatch.setenv("ASSISTANT_MAIL", f"imaps://shopper@127.0.0.1:{port}/INBOX")
    for which, password in (("site", shop_account.account.password),
                            ("mail", "app-password-1234")):
        stored = run_assistant("secrets", "set", which, stdin=password + "\n")
        assert stored.returncode == 0, stored.stderr
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN the mailbox check fails, naming the server and what to check; exit 1
    assert code == 1
    mailbox = checks["mailbox"]
    assert mailbox["status"] == "fail"
    assert mailbox["found"].startswith(f"Cannot reach the mailbox server at 127.0.0.1:{port} (")
    assert mailbox["fix"] == ("Check the host and port in ASSISTANT_MAIL, and that the server "
                              "is up.")
    assert checks["mailbox password"]["status"] == "ok"


def test_no_browser_at_the_configured_path_is_named(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a browser path that holds no browser
    missing = tmp_path / "no-chromium-here"
    monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(missing))
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN it names the setting and the path, says what to do, and skips the session check
    assert code == 2
    assert checks["browser"]["status"] == "fail"
    assert checks["browser"]["found"] == (
        f"ASSISTANT_BROWSER_PATH points to {missing}, which is not an executable.")
    assert checks["browser"]["fix"] == "Point it at a Chromium binary, or unset it to auto-detect."
    assert checks["session"]["status"] == "skipped"


def test_a_browser_that_does_not_start_is_named(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN an account and its password; and a "browser" that is an executable, but exits
    monkeypatch.setenv("ASSISTANT_ACCOUNT", "shopper@example.test")
    assert run_assistant("secrets", "set", "site", stdin="a-long-password\n").returncode == 0
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(fake))
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN it says that this browser did not start, and how to get one; exit 2 (a setting)
    assert code == 2
    assert checks["browser"]["found"].startswith(f"The browser {fake} did not start as a "
                                                 "Chromium: ")
    assert "ASSISTANT_BROWSER_PATH" in checks["browser"]["fix"]
    assert "playwright install chromium" in checks["browser"]["fix"]


def test_no_keyring_backend_says_how_to_choose_one(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    # GIVEN no usable keyring (keyring's own "fail" backend), and no browser to launch
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("ASSISTANT_ACCOUNT", "shopper@example.test")
    monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(tmp_path / "none"))
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN the keyring check names the variable to set; the passwords are not looked up
    assert code == 2
    assert checks["keyring"]["status"] == "fail"
    assert checks["keyring"]["found"] == "No usable keyring backend was found."
    assert "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring" in checks["keyring"]["fix"]
    assert statuses(checks)["shop password"] == "skipped"


def test_invalid_settings_are_named_and_the_rest_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a setting with a bad value
    monkeypatch.setenv("ASSISTANT_RETRY_JITTER", "7")
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN the settings check names it; what needs settings is skipped; exit 2
    assert code == 2
    assert checks["settings"]["found"].startswith("Invalid settings: ASSISTANT_RETRY_JITTER: ")
    assert "see .env.example" in checks["settings"]["fix"]
    assert statuses(checks) == {
        "settings": "fail", "data dir": "skipped", "database": "skipped", "keyring": "ok",
        "shop password": "skipped",
        "mailbox password": "skipped", "mailbox": "skipped", "browser": "skipped",
        "session": "skipped", "notifications": "skipped"}


@pytest.mark.imap
@pytest.mark.browser
def test_an_imap_mailbox_is_read_only_and_its_shop_mails_counted(
        fixture_site_factory: Any, dovecot: Dovecot, mailbox: Mailbox,
        monkeypatch: pytest.MonkeyPatch, with_browser: None) -> None:
    # GIVEN a Dovecot mailbox with one mail from the shop and one from someone else
    site: FixtureSite = fixture_site_factory(mail=mailbox.outbox_url())
    site.switch(send="order_closed", order="8190000000000002")
    mailbox.append(b"From: friend@example.test\r\nSubject: hi\r\n\r\nhi\r\n")
    monkeypatch.setenv("ASSISTANT_MAIL", mailbox.url("imaps"))
    monkeypatch.setenv("ASSISTANT_MAIL_CA_FILE", str(dovecot.ca_file))
    assert run_assistant("secrets", "set", "mail", stdin=mailbox.password + "\n").returncode == 0
    unseen = mailbox.unseen_count()
    # WHEN the doctor runs
    _, checks = doctor()
    # THEN it connected, counted the shop's mail, and left every mail unread
    assert checks["mailbox"]["status"] == "ok", checks["mailbox"]
    assert checks["mailbox"]["found"].endswith(
        ": 1 mail(s) from the shop in the last 30 days (2 in the folder)")
    assert mailbox.unseen_count() == unseen == 2
