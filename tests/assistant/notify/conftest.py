"""The notification tests: the `assistant` command that tells the receiver on loopback (the
``receiver`` fixture of tests/support/notify_receiver.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import Assistant, ready_assistant
from tests.support.notify_receiver import Receiver


@pytest.fixture
def notifying(fixture_site: FixtureSite, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
              receiver: Receiver) -> Assistant:
    """GIVEN the `assistant` command ready against the fixture site, on the shop's clock, and
    the receiver's URL stored by `secrets set notify`."""
    run = ready_assistant(fixture_site, isolated_home, monkeypatch, on_shop_clock=True)
    stored = run("secrets", "set", "notify", stdin=receiver.url + "\n")
    assert stored.returncode == 0, stored.stderr
    return run
