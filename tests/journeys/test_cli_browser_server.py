"""`assistant cancel` and `assistant tick` through a Playwright browser server
(ASSISTANT_BROWSER_WS): the server launches the browser we name, and its log shows our client."""

from __future__ import annotations

import re
import subprocess

import pytest

from assistant.chromium import find_chromium
from assistant.domain import State
from tests.support.browsers import BrowserServer, free_port
from tests.support.cli import REASON, Assistant
from tests.support.leaks import mentions

pytestmark = pytest.mark.browser

SINGLE = "8190000000000001"
DUE = "8190000000000002"
TOKEN = "browserless-token-5d1e"


def clients(server: BrowserServer) -> int:
    """How many clients the server has served a browser to (its DEBUG=pw:server log)."""
    return len(re.findall(r'pw:server \[\d+\] engaged launch mode for "chromium"', server.said()))


def test_cancel_and_tick_run_through_a_playwright_browser_server(
        cron: Assistant, browser_server: BrowserServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the assistant pointed at `playwright run-server` on loopback
    monkeypatch.setenv("ASSISTANT_BROWSER_WS", browser_server.url)
    assert clients(browser_server) == 0
    # WHEN the shopper cancels an order
    run = cron("cancel", SINGLE, "--reason", REASON, "--yes")
    # THEN the shop holds the one request, and the server served one client
    assert run.returncode == 0, run.stderr
    assert [(r["order"], r["items"]) for r in cron.requests()] == [(SINGLE, ["1"])]
    assert clients(browser_server) == 1
    # AND the browser it launched is the one we named (Playwright's own is not here)
    named = find_chromium()
    if named is not None:
        version = subprocess.run([str(named), "--version"], capture_output=True, text=True,
                                 check=True).stdout.split()[-1]
        logged = cron.data_dir.joinpath("logs", "assistant.log").read_text()
        assert f"Browser {version}: the browser server at {browser_server.url} " \
            f"(ASSISTANT_BROWSER_WS), launching {named}" in logged

    # GIVEN a request whose submit failed and is due again
    cron.request_due(DUE)
    # WHEN cron's tick runs
    ticked = cron.tick()
    # THEN it submitted through the server: a second client, the request at the shop
    assert ticked.returncode == 0, ticked.stderr
    assert [r["items"] for r in cron.requests(DUE)] == [["1"]]
    assert cron.case(DUE).state is State.SUBMITTED
    assert clients(browser_server) == 2
    # AND every client has been let go (the server closed the browsers it launched)
    cleanup = r"pw:server \[\d+\] finished cleanup"
    said = browser_server.said_at_least(cleanup, 2)
    assert len(re.findall(cleanup, said)) == 2, said


def test_no_server_at_the_address_is_exit_2_saying_what_to_start(
        cron: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN ASSISTANT_BROWSER_WS naming a port where nothing listens, with a service's token
    monkeypatch.setenv("ASSISTANT_BROWSER_WS",
                       f"ws://127.0.0.1:{free_port()}/chromium/playwright?token={TOKEN}")
    # WHEN the shopper cancels; THEN exit 2, naming the server to start; nothing submitted
    run = cron("cancel", SINGLE, "--reason", REASON, "--yes")
    assert run.returncode == 2, run.stderr
    assert "No browser from the browser server at ws://127.0.0.1:" in run.stderr
    assert "playwright run-server" in run.stderr
    assert cron.requests() == []
    # AND the token is in no message and no file of the data dir (the log included)
    assert TOKEN not in run.stdout + run.stderr
    assert mentions(cron.data_dir, TOKEN) == []
