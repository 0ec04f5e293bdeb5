"""A notification service on loopback: an HTTP server in a thread that keeps what apprise's
``json://`` posts to it, and can be taken down and brought back on the same port."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class Receiver:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.on_message: Callable[[dict[str, Any]], None] | None = None  # after it is kept
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.port = 0
        self.up()

    @property
    def url(self) -> str:
        """The apprise URL that posts here."""
        return f"json://127.0.0.1:{self.port}/notify"

    def up(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                doc = json.loads(self.rfile.read(length) or b"{}")
                with receiver._lock:
                    receiver.messages.append(doc)
                if receiver.on_message is not None:
                    receiver.on_message(doc)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def down(self) -> None:
        """Nothing listens on the port any more: a send is refused at once."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def texts(self) -> list[str]:
        """Each message as "title\\nbody"."""
        with self._lock:
            return [f"{m.get('title', '')}\n{m.get('message', '')}" for m in self.messages]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """GIVEN a notification service listening on loopback."""
    found = Receiver()
    yield found
    found.down()
