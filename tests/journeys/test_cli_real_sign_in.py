"""`assistant login` on the real shop's sign-in (aliexpress skin): "Continue" enabled only
once the field loses focus, "Sign in" a script button, the error under the field."""

from __future__ import annotations

import pytest

from tests.support.cli import Assistant
from tests.support.wording import WORDINGS

pytestmark = [pytest.mark.browser, pytest.mark.fixture_site(skin="aliexpress")]


@pytest.mark.parametrize("wording", WORDINGS)
def test_login_signs_in_on_the_real_sign_in(assistant: Assistant, wording: int) -> None:
    assert assistant.site.state()["wording"] == wording
    run = assistant("login")
    assert run.returncode == 0, run.stderr
    assert [s["email"] for s in assistant.site.state()["sessions"]] == [
        assistant.site.account.email]


def test_a_wrong_password_exits_2_with_the_shops_words(assistant: Assistant) -> None:
    assert assistant("secrets", "set", "site", stdin="not the password\n").returncode == 0
    run = assistant("login")
    assert run.returncode == 2, run.stderr
    assert "Your account name or password is incorrect" in run.stderr
    assert assistant.site.state()["sessions"] == []
