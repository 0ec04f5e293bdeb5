"""Serving a fixture site: werkzeug's threaded server, in a thread or in the foreground."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from types import TracebackType

from werkzeug.serving import make_server

from assistant.fixture_site.app import create_app
from assistant.fixture_site.outbox import open_outbox
from assistant.fixture_site.scenario import load_scenario
from assistant.fixture_site.shop import Shop

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0  # how often mail and deliveries that fell due in real time go out


class FixtureServer:
    """A fixture site on ``host:port`` (port 0: a free one). Use as a context manager."""

    def __init__(self, shop: Shop, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.shop = shop
        self.app = create_app(shop)
        self._server = make_server(host, port, self.app, threaded=True)
        self.port: int = self._server.server_port
        self.url = f"http://{host}:{self.port}"
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> FixtureServer:
        """Serve in background threads (the CLI's main thread waits for a signal)."""
        # A short poll interval: stop() (once per test) waits up to one interval.
        self._spawn(lambda: self._server.serve_forever(poll_interval=0.05), "fixture-site")
        self._spawn(self._tick, "fixture-clock")
        return self

    def stop(self) -> None:
        """Stop serving and close the port; safe to call twice."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._threads:
            self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _tick(self) -> None:
        while not self._stopped.wait(TICK_SECONDS):
            try:
                self.shop.run_due()
            except Exception:  # a mailbox hiccup must not stop the shop's clock
                log.exception("the fixture shop's scheduled work failed")

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def build_server(*, scenario: str = "default", mail: str | None = None, port: int = 0,
                 start: datetime | None = None) -> FixtureServer:
    """A ready (not yet started) server for ``scenario``, mailing to ``mail`` (None: temp)."""
    shop = Shop(load_scenario(scenario), open_outbox(mail), start=start)
    return FixtureServer(shop, port=port)
