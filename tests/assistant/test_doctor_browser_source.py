"""`assistant doctor` with a browser that is not launched here: the shopper's Chrome
(ASSISTANT_CDP_URL) or a browser server (ASSISTANT_BROWSER_WS), reachable or not."""

from __future__ import annotations

import pytest
from playwright.sync_api import Playwright

from fixture_shop.pytest_plugin import FixtureSite
from tests.assistant.test_doctor import closed_port, doctor
from tests.fixtures.person import open_orders_and_sign_in
from tests.support.browsers import BrowserServer, ShoppersChrome


@pytest.fixture
def shop(fixture_site: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> FixtureSite:
    """GIVEN the shop's address and account; no password stored."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", fixture_site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", fixture_site.account.email)
    return fixture_site


def test_no_chrome_at_the_cdp_url_says_how_to_start_one(
        shop: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN ASSISTANT_CDP_URL naming a port where nothing listens
    url = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("ASSISTANT_CDP_URL", url)
    # WHEN the doctor runs
    code, checks = doctor()
    # THEN the browser check fails (configuration), saying what to start; the session waits
    assert code == 2, checks
    assert checks["browser"]["status"] == "fail"
    assert checks["browser"]["found"].startswith(f"No Chrome answers at {url} "
                                                 "(ASSISTANT_CDP_URL): ")
    fix = checks["browser"]["fix"]
    assert "--remote-debugging-port=9222" in fix and "--user-data-dir=" in fix
    assert "Chrome 136" in fix
    assert checks["session"]["status"] == "skipped"
    # AND no shop password is needed: the Chrome keeps its own session
    assert checks["shop password"]["status"] == "ok"
    assert "none needed" in checks["shop password"]["found"]


@pytest.mark.browser
def test_the_shoppers_chrome_is_checked_signed_out_then_signed_in(
        shop: FixtureSite, shoppers_chrome: ShoppersChrome, playwright: Playwright,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the shopper's Chrome on its debugging port, not signed in to the shop yet
    monkeypatch.setenv("ASSISTANT_CDP_URL", shoppers_chrome.url)
    # WHEN the doctor runs
    _, checks = doctor()
    # THEN it found the Chrome, and says to sign in there by hand
    assert checks["browser"]["status"] == "ok", checks["browser"]
    assert checks["browser"]["found"].startswith("Chrome/")
    assert f"at {shoppers_chrome.url} (ASSISTANT_CDP_URL)" in checks["browser"]["found"]
    assert checks["session"]["status"] == "warn"
    assert checks["session"]["found"] == (f"The Chrome at {shoppers_chrome.url} is signed out "
                                          f"at {shop.url}.")
    assert "by hand" in checks["session"]["fix"]
    # WHEN the shopper signs in there, and the doctor runs again
    chrome = playwright.chromium.connect_over_cdp(shoppers_chrome.url)
    open_orders_and_sign_in(chrome.contexts[0].new_page(), shop)
    _, checks = doctor()
    # THEN the session is fine, and the doctor left the shopper's tabs as they were
    assert checks["session"]["status"] == "ok", checks["session"]
    assert len(shoppers_chrome.tabs()) == 2  # the first blank tab and the shopper's
    chrome.close()


def test_no_browser_server_says_what_to_start(shop: FixtureSite,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN ASSISTANT_BROWSER_WS naming a port where nothing listens
    url = f"ws://127.0.0.1:{closed_port()}/"
    monkeypatch.setenv("ASSISTANT_BROWSER_WS", url)
    # WHEN the doctor runs; THEN the browser check fails, naming the server to start
    code, checks = doctor()
    assert code == 2, checks
    assert checks["browser"]["found"].startswith(f"No browser from the browser server at {url}")
    assert "playwright run-server --port 3000 --host 127.0.0.1 --unsafe" in \
        checks["browser"]["fix"]


@pytest.mark.browser
def test_a_browser_server_is_found(shop: FixtureSite, browser_server: BrowserServer,
                                   monkeypatch: pytest.MonkeyPatch, with_browser: None) -> None:
    monkeypatch.setenv("ASSISTANT_BROWSER_WS", browser_server.url)
    _, checks = doctor()
    assert checks["browser"]["status"] == "ok", checks["browser"]
    assert f"the browser server at {browser_server.url}" in checks["browser"]["found"]
