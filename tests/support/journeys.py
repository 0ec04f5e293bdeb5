"""Journeys run in this process, on the test session's browser, against the fixture site (a
pytest plugin, listed in tests/conftest.py): the settings of the shop's account with its
password in the (file) keyring, a browser session, the website surface, the case store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from playwright.sync_api import Browser

from assistant.browser import BrowserSession, browser_session
from assistant.settings import Settings
from assistant.store import CaseStore
from assistant.texts import load_texts
from assistant.usecases.shop import web_sign_in
from fixture_shop.pytest_plugin import FixtureSite
from flows.person import Nobody
from flows.web.site import WebSite
from flows.web_surface import WebSurface


@pytest.fixture
def settings(fixture_site: FixtureSite, isolated_home: Path) -> Settings:
    """GIVEN the shop's address and account; the password in the (file) keyring."""
    settings = Settings(base_url=fixture_site.url, account=fixture_site.account.email,
                        data_dir=isolated_home / "data")
    keyring.set_password("aliexpress-assistant", fixture_site.account.email,
                         fixture_site.account.password)
    return settings


@pytest.fixture
def session(browser: Browser, settings: Settings) -> Iterator[BrowserSession]:
    with browser_session(settings, browser, label="test") as opened:
        yield opened


@pytest.fixture
def shop(session: BrowserSession, settings: Settings) -> WebSurface:
    """The website surface, signing in with the keyring's password when asked."""
    site = WebSite(session, load_texts("en"))
    return WebSurface(site, web_sign_in(settings, site, Nobody()))


@pytest.fixture
def store(settings: Settings) -> Iterator[CaseStore]:
    with CaseStore.open(settings.db_path) as opened:
        yield opened
