"""The `assistant` command ready to run against the fixture site (a pytest plugin, listed in
tests/conftest.py): the shop's address and account set, the password in the keyring.

Running it is support/shop_cli.py's ``Assistant``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.chromium import find_chromium
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.shop_cli import Assistant


def ready_assistant(site: FixtureSite, home: Path, monkeypatch: pytest.MonkeyPatch) -> Assistant:
    """GIVEN the shop's address, the account and its password in the keyring."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", site.account.email)
    browser = find_chromium()
    if browser is not None:
        monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(browser))
    run = Assistant(site, home / "data")
    stored = run("secrets", "set", "site", stdin=site.account.password + "\n")
    assert stored.returncode == 0, stored.stderr
    return run


@pytest.fixture
def assistant(fixture_site: FixtureSite, isolated_home: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Assistant]:
    """GIVEN the shop's address, the account and its password in the keyring."""
    yield ready_assistant(fixture_site, isolated_home, monkeypatch)
