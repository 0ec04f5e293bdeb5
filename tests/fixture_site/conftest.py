"""A shopper's HTTP session against the fixture site, for checks that need no browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import APIRequestContext, Playwright

from assistant.pytest_plugin import FixtureSite


@pytest.fixture
def shopper(playwright: Playwright, fixture_site: FixtureSite) -> Iterator[APIRequestContext]:
    """Signed in to ``fixture_site`` (default scenario) over plain HTTP, with its cookies."""
    http = playwright.request.new_context(base_url=fixture_site.url)
    email, password = fixture_site.account
    http.post("/login", form={"step": "email", "account": email})
    signed = http.post("/login", form={"step": "password", "password": password},
                       max_redirects=0)
    assert signed.status == 303, signed.text()
    yield http
    http.dispose()

