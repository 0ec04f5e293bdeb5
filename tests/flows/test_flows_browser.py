"""The browser as the shop sees it: a person's Chrome, never "HeadlessChrome"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from assistant.browser import user_agent


def test_the_user_agent_is_chromes_own_for_the_version() -> None:
    assert user_agent("156.0.8078.108", "linux") == (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/156.0.0.0 Safari/537.36")


@pytest.mark.browser
def test_the_running_browser_does_not_announce_headless(browser: Browser) -> None:
    context = browser.new_context(user_agent=user_agent(browser.version))
    try:
        agent = context.new_page().evaluate("navigator.userAgent")
    finally:
        context.close()
    assert "HeadlessChrome" not in agent and f"Chrome/{browser.version.split('.')[0]}." in agent
