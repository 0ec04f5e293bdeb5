"""The `assistant` command against the fixture site (helpers: tests/support/shop_cli.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.chromium import find_chromium
from assistant.pytest_plugin import FixtureSite
from support.shop_cli import Assistant


@pytest.fixture
def assistant(fixture_site: FixtureSite, isolated_home: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Assistant]:
    """GIVEN the shop's address, the account and its password in the keyring."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", fixture_site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", fixture_site.account.email)
    browser = find_chromium()
    if browser is not None:
        monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(browser))
    run = Assistant(fixture_site, isolated_home / "data")
    stored = run("secrets", "set", "site", stdin=fixture_site.account.password + "\n")
    assert stored.returncode == 0, stored.stderr
    yield run
