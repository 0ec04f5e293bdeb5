"""Screenshots mask the secret fields: on the real shop's code page, every digit's box."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from assistant.evidence import SECRET_FIELDS
from fixture_shop.pytest_plugin import FixtureSite

pytestmark = [pytest.mark.browser,
              pytest.mark.fixture_site(skin="aliexpress", scenario="verification-code")]


def test_every_box_of_the_code_page_is_masked(page: Page, fixture_site: FixtureSite) -> None:
    # GIVEN the real shop's "Email verification code" page, its boxes filled
    page.goto(f"{fixture_site.url}/login")
    page.locator("#fm-login-id").fill(fixture_site.account.email)
    page.locator("#fm-login-id").blur()
    page.get_by_role("button", name="Continue").click()
    page.locator("#fm-login-password").fill(fixture_site.account.password)
    page.get_by_role("button", name="Sign in").click()
    boxes = page.locator("input[data-id]")
    expect(boxes).to_have_count(6)
    for n in range(6):
        boxes.nth(n).fill(str(n))
    # THEN the screenshots' mask covers each of them
    masked = page.locator(SECRET_FIELDS).filter(visible=True)
    assert masked.evaluate_all("(found) => found.map(e => e.dataset.id)") == [
        str(n) for n in range(6)]
