"""A sign-in that needs a person (the shop's slider captcha) is told once, however many ticks
follow, until a run has signed in again; the next such problem is told again."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from assistant.domain import State
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import Assistant
from tests.support.notify_receiver import Receiver

pytestmark = pytest.mark.browser

ORDER = "8190000000000001"
PERSON = "AliExpress assistant: a person is needed to sign in"


@pytest.mark.fixture_site(scenario="captcha")
def test_a_captcha_at_sign_in_is_told_once_until_signed_in_again(
        fixture_site: FixtureSite, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        receiver: Receiver, notifying: Assistant) -> None:
    # GIVEN a request whose page is due a look, a shop that shows a slider captcha at sign-in,
    # and the receiver's URL stored with `assistant secrets set notify`
    notifying.request_due(ORDER, submitted=True)
    # WHEN three ticks run from cron
    codes = [notifying.tick().returncode for _ in range(3)]
    # THEN each exits 3, and one message says a person is needed, with what to do
    assert codes == [3, 3, 3]
    assert [t.split("\n")[0] for t in receiver.texts()] == [PERSON]
    [text] = receiver.texts()
    assert "The shop asks to solve a slider captcha" in text
    assert "To do: run `assistant login`" in text
    assert fixture_site.account.password not in text
    # WHEN the shopper has solved it (the shop asks no more; the half-done sign-in that the
    # saved session holds is gone) and a tick signs in again
    shop = fixture_site.server.shop
    _captcha(shop, monkeypatch, on=False)
    session = isolated_home / "data" / "session" / "storage-state.json"
    session.unlink()
    signed_in = notifying.tick()
    assert signed_in.returncode == 0, signed_in.stderr
    assert notifying.case(ORDER).state is State.SUBMITTED
    assert len(receiver.messages) == 1
    # AND later the shop asks again
    _captcha(shop, monkeypatch, on=True)
    session.unlink()  # signed out
    case = notifying.case(ORDER)
    case.schedule(notifying.now())
    notifying.save(case)
    again = notifying.tick()
    # THEN that is told again, once
    assert again.returncode == 3
    assert [t.split("\n")[0] for t in receiver.texts()] == [PERSON, PERSON]


@pytest.mark.fixture_site(scenario="captcha")
def test_a_case_failed_by_the_captcha_is_told_by_the_one_sign_in_message(
        fixture_site: FixtureSite, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        receiver: Receiver, notifying: Assistant) -> None:
    # GIVEN a request whose submit is due, and a shop that shows a slider captcha at sign-in
    notifying.request_due(ORDER)
    # WHEN two ticks run
    codes = [notifying.tick().returncode, notifying.tick().returncode]
    # THEN the case waits for a person, and one message says so, not one more for the case
    assert codes == [3, 3]
    assert notifying.case(ORDER).state is State.FAILED
    assert [t.split("\n")[0] for t in receiver.texts()] == [PERSON]
    assert "wait to be sent" not in notifying("status").stdout


def _captcha(shop: Any, monkeypatch: pytest.MonkeyPatch, *, on: bool) -> None:
    """The in-process shop shows the slider at sign-in, or stops showing it."""
    changed = dataclasses.replace(shop.scenario, captcha=on)
    monkeypatch.setattr(shop, "scenario", changed)
    monkeypatch.setattr(shop.sign_in, "_scenario", changed)
