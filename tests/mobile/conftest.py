"""A phone for the mobile pages' tests (a Pixel 7 context, touch on, in the session's
browser), and the `assistant` command for the mobile flow's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright

from assistant.chromium import find_chromium
from assistant.pytest_plugin import FixtureSite
from support.shop_cli import Assistant

PHONE = "Pixel 7"  # Chromium is the browser here, so an Android phone


@pytest.fixture
def phone(browser: Browser, playwright: Playwright) -> Iterator[Page]:
    """A fresh phone (its own cookies) on the session's browser."""
    device = {k: v for k, v in playwright.devices[PHONE].items() if k != "default_browser_type"}
    context = browser.new_context(**device)
    yield context.new_page()
    context.close()


@pytest.fixture
def assistant(fixture_site: FixtureSite, isolated_home: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Assistant]:
    """GIVEN the shop's address, the account and its password in the keyring (as tests/cli)."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", fixture_site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", fixture_site.account.email)
    chromium = find_chromium()
    if chromium is not None:
        monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(chromium))
    run = Assistant(fixture_site, isolated_home / "data")
    stored = run("secrets", "set", "site", stdin=fixture_site.account.password + "\n")
    assert stored.returncode == 0, stored.stderr
    yield run
