"""`assistant cancel` in the shopper's own Chrome, attached over CDP (ASSISTANT_CDP_URL): it uses
that browser's session, signed in by hand, opens and closes only a tab of its own, and keeps
nothing of the shopper's other tabs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Playwright

from fixture_shop.pytest_plugin import FixtureSite
from tests.fixtures.person import open_orders_and_sign_in
from tests.support.browsers import ShoppersChrome
from tests.support.cli import REASON, Assistant
from tests.support.leaks import mentions

pytestmark = pytest.mark.browser

SINGLE = "8190000000000001"
PRIVATE_TITLE = "Shopper's bank statement"
PRIVATE_TEXT = "balance-7f3c9a-private"
# The private tab fetches this every 100 ms: a trace of the whole context would record it.
PRIVATE_PAGE = f"""<!doctype html><title>{PRIVATE_TITLE}</title><p>{PRIVATE_TEXT}</p>
<script>setInterval(() => fetch('/ping?{PRIVATE_TEXT}'), 100)</script>"""


class _PrivatePage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PRIVATE_PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def private_site() -> Iterator[str]:
    """A page of another site the shopper has open (their bank, say)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PrivatePage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/statement"
    server.shutdown()
    server.server_close()


@pytest.fixture
def no_password(fixture_site: FixtureSite, isolated_home: Path,
                monkeypatch: pytest.MonkeyPatch, shoppers_chrome: ShoppersChrome) -> Assistant:
    """GIVEN the assistant pointed at the shop and at the shopper's Chrome; NO password stored."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", fixture_site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", fixture_site.account.email)
    monkeypatch.setenv("ASSISTANT_CDP_URL", shoppers_chrome.url)
    return Assistant(fixture_site, isolated_home / "data")


def test_cancel_in_the_shoppers_chrome_uses_its_session_and_leaves_its_tabs(
        no_password: Assistant, shoppers_chrome: ShoppersChrome, playwright: Playwright,
        private_site: str, fixture_site: FixtureSite, isolated_home: Path) -> None:
    # GIVEN the shopper signed in by hand in their Chrome, and another tab of theirs open
    chrome = playwright.chromium.connect_over_cdp(shoppers_chrome.url)
    shoppers = chrome.contexts[0]
    open_orders_and_sign_in(shoppers.new_page(), fixture_site)
    private = shoppers.new_page()
    private.goto(private_site)
    sessions = fixture_site.state()["sessions"]
    assert len(sessions) == 1
    tabs_before = shoppers_chrome.tabs()

    # WHEN the assistant cancels an order in that Chrome (its evidence kept: --keep-trace)
    run = no_password("cancel", SINGLE, "--reason", REASON, "--yes", "--keep-trace")

    # THEN exactly one request reached the shop, with no new sign-in
    assert run.returncode == 0, run.stderr
    assert [(r["order"], r["items"]) for r in no_password.requests()] == [(SINGLE, ["1"])]
    assert fixture_site.state()["sessions"] == sessions
    # AND no password is anywhere in the assistant's files or keyring
    assert mentions(isolated_home, fixture_site.account.password) == []
    # AND the shopper's Chrome still runs with the same tabs; the private one still works
    assert shoppers_chrome.process.poll() is None
    assert shoppers_chrome.tabs() == tabs_before
    assert not private.is_closed() and private.title() == PRIVATE_TITLE
    # AND the evidence is our tab's (the order's page), with nothing of the private tab
    evidence = no_password.data_dir / "evidence"
    kept = [p for p in evidence.rglob("*") if p.is_file()]
    assert sorted(p.name for p in kept) == ["end.html", "end.png"], kept
    assert mentions(evidence, SINGLE)  # what the evidence shows: the order we cancelled
    for leak in (PRIVATE_TEXT, PRIVATE_TITLE, private_site):
        assert mentions(evidence, leak) == [], leak
    chrome.close()


def test_the_mobile_surface_in_the_shoppers_chrome_exits_2(no_password: Assistant) -> None:
    # WHEN the shopper asks for the mobile surface in their attached Chrome
    run = no_password("cancel", SINGLE, "--reason", REASON, "--yes", "--surface", "mobile")
    # THEN it exits 2 saying why and what to do, and nothing reached the shop
    assert run.returncode == 2, run.stderr
    assert "The mobile surface cannot run in the Chrome at" in run.stderr
    assert "--surface web" in run.stderr
    assert no_password.requests() == []


def test_a_signed_out_chrome_is_for_the_shopper_to_sign_in(no_password: Assistant) -> None:
    # GIVEN the shopper's Chrome was never signed in to the shop, and no password is stored
    # WHEN the assistant is asked to cancel there
    run = no_password("cancel", SINGLE, "--reason", REASON, "--yes")
    # THEN it exits 3 asking the shopper to sign in in that Chrome; nothing was requested
    assert run.returncode == 3, run.stderr
    assert "is not signed in to the shop" in run.stderr and "by hand" in run.stderr
    assert no_password.requests() == []
    assert no_password.site.state()["sessions"] == []


def test_login_in_a_signed_out_chrome_asks_the_shopper_and_saves_nothing(
        no_password: Assistant) -> None:
    # WHEN `assistant login` runs against the shopper's Chrome, never signed in to the shop
    run = no_password("login")
    # THEN it exits 3 saying to sign in there by hand, and keeps no session of its own
    assert run.returncode == 3, run.stderr
    assert "is not signed in to the shop" in run.stderr
    assert not (no_password.data_dir / "session" / "storage-state.json").exists()
    assert no_password.site.state()["sessions"] == []


def test_a_cdp_url_and_a_browser_server_together_are_exit_2(
        no_password: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN both sources set
    monkeypatch.setenv("ASSISTANT_BROWSER_WS", "ws://127.0.0.1:3000/")
    # WHEN a command runs; THEN exit 2 naming both, before anything is opened
    run = no_password("cancel", SINGLE, "--reason", REASON, "--yes")
    assert run.returncode == 2, run.stderr
    assert "ASSISTANT_CDP_URL and ASSISTANT_BROWSER_WS are both set" in run.stderr
    assert no_password.requests() == []
