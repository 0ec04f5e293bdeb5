"""`assistant secrets set` and `assistant login`: the keyring, sign-in steps, captcha, codes."""

from __future__ import annotations

import re

import pytest

from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import REASON, Assistant
from tests.support.leaks import mentions
from tests.support.wording import WORDINGS

pytestmark = pytest.mark.browser

ORDER = "8190000000000001"


@pytest.mark.parametrize("wording", WORDINGS)
def test_login_saves_a_private_session_that_the_next_run_reuses(
        assistant: Assistant, wording: int) -> None:
    assert assistant.site.state()["wording"] == wording
    run = assistant("login")
    assert run.returncode == 0, run.stderr
    assert "Signed in as shopper@example.test" in run.stdout
    session = assistant.data_dir / "session" / "storage-state.json"
    assert session.stat().st_mode & 0o777 == 0o600
    assert session.parent.stat().st_mode & 0o777 == 0o700
    again = assistant("login")
    assert again.returncode == 0, again.stderr
    assert "Already signed in as shopper@example.test" in again.stdout
    assert mentions(assistant.data_dir, assistant.site.account.password) == []


def test_a_wrong_password_exits_2_at_once(assistant: Assistant) -> None:
    # GIVEN a wrong password in the keyring (stored from a pipe, one line)
    stored = assistant("secrets", "set", "site", stdin="not-the-password\n")
    assert stored.returncode == 0 and "for shopper@example.test" in stored.stdout
    # WHEN a command needs to sign in
    run = assistant("cancel", ORDER, "--reason", REASON, "--yes")
    # THEN it stops with exit 2 and says what to fix; nothing was requested
    assert run.returncode == 2, run.stderr
    assert "The shop rejected the sign-in: Your account name or password is incorrect" \
        in run.stderr
    assert "assistant secrets set site" in run.stderr and "does not retry" in run.stderr
    assert assistant.requests() == []
    # AND the evidence it kept holds no password, not even the wrong one
    assert "Evidence: " in run.stderr
    assert mentions(assistant.data_dir, "not-the-password") == []


def test_a_refused_password_is_not_tried_again_until_a_person_acts(
        assistant: Assistant) -> None:
    # GIVEN the shop refused the stored password once
    assistant("secrets", "set", "site", stdin="not-the-password\n")
    assert assistant("cancel", ORDER, "--reason", REASON, "--yes").returncode == 2
    assert assistant.site.state()["refused_passwords"] == 1
    # WHEN cron runs again with the same password
    again = assistant("cancel", ORDER, "--reason", REASON, "--yes")
    # THEN it does not offer the shop that password again (no account lock-out), and says why
    assert again.returncode == 2, again.stderr
    assert "does not try it again" in again.stderr and "assistant secrets set site" in again.stderr
    assert assistant.site.state()["refused_passwords"] == 1
    # WHEN the shopper stores the right password THEN the next run signs in and cancels, once
    assistant("secrets", "set", "site", stdin=assistant.site.account.password + "\n")
    fixed = assistant("cancel", ORDER, "--reason", REASON, "--yes")
    assert fixed.returncode == 0, fixed.stderr
    assert len(assistant.requests(ORDER)) == 1
    assert mentions(assistant.data_dir, "not-the-password") == []


def test_no_password_in_the_keyring_exits_2_saying_how_to_store_it(
        assistant: Assistant) -> None:
    run = assistant("login", env={"ASSISTANT_ACCOUNT": "someone.else@example.test"})
    assert run.returncode == 2
    assert "No site password is stored for someone.else@example.test" in run.stderr
    assert "assistant secrets set site" in run.stderr


@pytest.mark.fixture_site(scenario="captcha")
@pytest.mark.parametrize("wording", WORDINGS)
def test_a_captcha_without_a_screen_exits_3_and_says_where_to_sign_in(
        assistant: Assistant, wording: int) -> None:
    assert assistant.site.state()["wording"] == wording
    run = assistant("cancel", ORDER, "--reason", REASON, "--yes")
    assert run.returncode == 3, run.stderr
    assert "slider captcha" in run.stderr
    assert "Run `assistant login` on a machine with a screen" in run.stderr
    assert assistant.requests() == []


@pytest.mark.fixture_site(scenario="verification-code")
def test_a_verification_code_without_mailbox_or_terminal_exits_3(assistant: Assistant) -> None:
    run = assistant("login")
    assert run.returncode == 3, run.stderr
    assert "verification code" in run.stderr and "ASSISTANT_MAIL" in run.stderr


@pytest.mark.fixture_site(scenario="verification-code")
@pytest.mark.parametrize("wording", WORDINGS)
def test_the_verification_code_is_read_from_the_mailbox_and_kept_nowhere(
        assistant: Assistant, fixture_site: FixtureSite, wording: int) -> None:
    assert fixture_site.state()["wording"] == wording
    # GIVEN the mailbox the shop writes to
    mail = {"ASSISTANT_MAIL": f"maildir:{fixture_site.maildir}"}
    # WHEN a cancel needs to sign in, keeping its trace
    run = assistant("cancel", ORDER, "--reason", REASON, "--yes", "--keep-trace", env=mail)
    # THEN it signed in with the mailed code and the request was made
    assert run.returncode == 0, run.stderr
    assert len(assistant.requests()) == 1
    # AND neither the code nor the password is in any file under the data dir
    body = next(m for m in fixture_site.messages()
                if "verification code" in str(m["Subject"])).get_body(("plain",))
    assert body is not None
    found = re.search(r"\b(\d{6})\b", body.get_content())
    assert found is not None
    assert mentions(assistant.data_dir, found.group(1)) == []
    assert mentions(assistant.data_dir, fixture_site.account.password) == []
