"""A phone for the mobile pages' tests (a Pixel 7 context, touch on, in the session's
browser). The mobile flow's tests run the `assistant` command of tests/support/assistant_cli.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright

PHONE = "Pixel 7"  # Chromium is the browser here, so an Android phone


@pytest.fixture
def phone(browser: Browser, playwright: Playwright) -> Iterator[Page]:
    """A fresh phone (its own cookies) on the session's browser."""
    device = {k: v for k, v in playwright.devices[PHONE].items() if k != "default_browser_type"}
    context = browser.new_context(**device)
    yield context.new_page()
    context.close()
