"""Browsers the assistant does not launch itself, started as their users start them, on
loopback and free ports, and stopped in the fixture's teardown:

- ``shoppers_chrome``: Debian's Chromium with ``--remote-debugging-port`` and a profile of its
  own (what ASSISTANT_CDP_URL attaches to);
- ``browser_server``: ``playwright run-server --unsafe`` (the pip package's driver) with
  ``DEBUG=pw:server``, its log in a file (what ASSISTANT_BROWSER_WS connects to).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.chromium import DEBIAN_CHROMIUM

START_WAIT_S = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@dataclass
class ShoppersChrome:
    process: subprocess.Popen[bytes]
    url: str  # http://127.0.0.1:PORT: ASSISTANT_CDP_URL

    def tabs(self) -> list[dict[str, str]]:
        """The browser's open tabs (url, title), from its own /json/list."""
        with urllib.request.urlopen(f"{self.url}/json/list", timeout=10) as answer:
            targets = json.load(answer)
        return [{"url": t["url"], "title": t["title"]} for t in targets if t["type"] == "page"]


@pytest.fixture
def shoppers_chrome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ShoppersChrome]:
    """GIVEN the shopper's Chromium, headless, with its debugging port on loopback."""
    if not os.access(DEBIAN_CHROMIUM, os.X_OK):
        pytest.fail(f"{DEBIAN_CHROMIUM} is needed (apt-get install chromium)")
    port = free_port()
    args = [str(DEBIAN_CHROMIUM), "--headless=new", f"--remote-debugging-port={port}",
            "--remote-debugging-address=127.0.0.1",
            f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}",
            "--no-first-run", "--no-default-browser-check", "about:blank"]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    chrome = ShoppersChrome(process, f"http://127.0.0.1:{port}")
    try:
        _wait_for(lambda: bool(chrome.tabs()), process, "Chromium's debugging port")
        yield chrome
    finally:
        _stop(process)


@dataclass
class BrowserServer:
    process: subprocess.Popen[bytes]
    url: str  # ws://127.0.0.1:PORT/: ASSISTANT_BROWSER_WS
    log: Path

    def said(self) -> str:
        return self.log.read_text(errors="replace")

    def said_at_least(self, pattern: str, count: int, within: float = 10.0) -> str:
        """The log once `pattern` is in it `count` times, or as it is after `within` seconds.

        The server logs a client's cleanup after the client has gone, so a line about the
        last client may come a moment after our process has exited."""
        deadline = time.monotonic() + within
        while len(re.findall(pattern, said := self.said())) < count \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        return said


@pytest.fixture
def browser_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserServer]:
    """GIVEN `playwright run-server --unsafe` on loopback, logging its clients."""
    port = free_port()
    log = tmp_path_factory.mktemp("run-server") / "pw-server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "playwright", "run-server", "--port", str(port),
             "--host", "127.0.0.1", "--unsafe"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "DEBUG": "pw:server"},
            start_new_session=True)  # stopped as a group: its node driver goes too
    server = BrowserServer(process, f"ws://127.0.0.1:{port}/", log)
    try:
        _wait_for(lambda: _listens(port), process, "playwright run-server")
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        _stop(process)


def _listens(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_for(ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{what} did not come up within {START_WAIT_S} s")
