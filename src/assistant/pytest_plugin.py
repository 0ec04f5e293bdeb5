"""pytest fixtures for the fixture site: a real shop on a free port, in this process.

    def test_cancel(page, fixture_site):
        page.goto(fixture_site.url)
        ...
        assert fixture_site.state()["cancel_requests"] == [...]

``@pytest.mark.fixture_site(scenario="captcha")`` picks the scenario of ``fixture_site``;
``fixture_site_factory(scenario=..., mail=...)`` starts more (each stops after the test).
"""

from __future__ import annotations

import json
import mailbox
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from assistant.fixture_site.server import FixtureServer, build_server


class Account(NamedTuple):
    email: str
    password: str


@dataclass
class FixtureSite:
    """A running fixture site, driven over HTTP as a tester drives it."""

    server: FixtureServer
    maildir: Path | None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def account(self) -> Account:
        scenario = self.server.shop.scenario
        return Account(scenario.email, scenario.password)

    def state(self) -> dict[str, Any]:
        """GET /__fixture__/state."""
        return self._call("GET", "/__fixture__/state")

    def advance(self, seconds: float) -> dict[str, Any]:
        """POST /__fixture__/clock: due mails are sent and parcels delivered before it returns."""
        return self._call("POST", "/__fixture__/clock", {"advance_seconds": seconds})

    def switch(self, **payload: Any) -> dict[str, Any]:
        """POST /__fixture__/switch with ``payload`` (no arguments: clear every switch)."""
        return self._call("POST", "/__fixture__/switch", payload)

    def messages(self) -> list[EmailMessage]:
        """The mails delivered to this site's Maildir, oldest first, parsed by the stdlib."""
        if self.maildir is None:
            raise RuntimeError("this site mails elsewhere (mail=...), not to a Maildir")
        box = mailbox.Maildir(self.maildir, create=False)
        parser = BytesParser(policy=policy.default)
        found = [parser.parsebytes(box.get_bytes(key)) for key in box.iterkeys()]
        parsed: list[EmailMessage] = [m for m in found if isinstance(m, EmailMessage)]
        return sorted(parsed, key=lambda m: m["Date"].datetime)

    def _call(self, method: str, path: str,
              body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as response:
            doc: dict[str, Any] = json.load(response)
            return doc


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "fixture_site(scenario='default', mail=None): how `fixture_site` is started"
    )


@pytest.fixture
def fixture_site_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., FixtureSite]]:
    """Starts fixture sites (port 0, mail to a fresh Maildir unless ``mail`` says otherwise)."""
    started: list[FixtureServer] = []

    def start(scenario: str = "default", mail: str | None = None,
              start: datetime | None = None) -> FixtureSite:
        maildir = None
        if mail is None:
            maildir = tmp_path_factory.mktemp("maildir")
            mail = f"maildir:{maildir}"
        server = build_server(scenario=scenario, mail=mail, start=start).start()
        started.append(server)
        return FixtureSite(server, maildir)

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def fixture_site(request: pytest.FixtureRequest,
                 fixture_site_factory: Callable[..., FixtureSite]) -> FixtureSite:
    """A fixture site for this test; ``@pytest.mark.fixture_site(...)`` sets its arguments."""
    marker = request.node.get_closest_marker("fixture_site")
    return fixture_site_factory(**(marker.kwargs if marker else {}))
