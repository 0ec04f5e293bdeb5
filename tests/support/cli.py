"""The one way tests run the `assistant` command: as a person runs it, in its own process.

``run_assistant(ARGS)`` runs `python -m assistant ARGS` with the test's environment (the isolated
home of tests/conftest.py) and gives back a ``Ran``: exit code, stdout, stderr and ``.json()``.
``start_assistant(ARGS)`` starts one without waiting (the tests that kill it mid-run).

The ``assistant`` fixture (this module is a pytest plugin, listed in tests/conftest.py) readies
the command against the fixture site: its address and account in the environment, the password
in the keyring, the browser this machine has. Each test gets its own data dir and keyring file,
so every run that needs the shop signs in first: sign-in is always part of what the tests see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.chromium import find_chromium
from assistant.domain import Case
from assistant.store import CaseStore
from fixture_shop.pytest_plugin import FixtureSite

ROOT = Path(__file__).resolve().parents[2]
REASON = "No longer needed"
COLUMNS = 400  # wide enough that rich does not wrap the messages the tests look for


@dataclass(frozen=True)
class Ran:
    """One finished `assistant` run."""

    returncode: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        try:
            doc: dict[str, Any] = json.loads(self.stdout)
        except ValueError:
            raise AssertionError(f"no JSON (exit {self.returncode}):\n{self.stdout}\n"
                                 f"{self.stderr}") from None
        return doc

    @property
    def said(self) -> str:
        """The lines of a `--json` report (tick's), as one text."""
        return "\n".join(self.json()["lines"])


def _environment(env: dict[str, str] | None, columns: int) -> dict[str, str]:
    return {**os.environ, "COLUMNS": str(columns), **(env or {})}


def run_assistant(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
                  timeout: float = 180, cwd: Path | None = None, columns: int = COLUMNS,
                  python: Sequence[str] = ()) -> Ran:
    """`assistant ARGS` in its own process with this test's environment, plus ``env``;
    ``python`` options go to the interpreter (``-X importtime``)."""
    done = subprocess.run([sys.executable, *python, "-m", "assistant", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=_environment(env, columns))
    return Ran(done.returncode, done.stdout, done.stderr)


def start_assistant(*args: str, env: dict[str, str] | None = None,
                    stderr: int = subprocess.PIPE) -> subprocess.Popen[str]:
    """`assistant ARGS` started and left running; the caller waits for it or kills it."""
    return subprocess.Popen([sys.executable, "-m", "assistant", *args],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr,
                            text=True, env=_environment(env, COLUMNS))


@dataclass
class Assistant:
    """The `assistant` command readied against the fixture site, and what a test reads back:
    the case the run left in the data dir, the requests the shop holds.

    With ``on_shop_clock`` every run sees the shop's time ("now" of its state document), as
    the scheduler's tests need when they move the shop's clock on.
    """

    site: FixtureSite
    data_dir: Path
    on_shop_clock: bool = False

    def _env(self, env: dict[str, str] | None) -> dict[str, str]:
        clock = {"ASSISTANT_NOW": self.now().isoformat()} if self.on_shop_clock else {}
        return {**clock, **(env or {})}

    def __call__(self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None,
                 timeout: float = 180) -> Ran:
        return run_assistant(*args, stdin=stdin, env=self._env(env), timeout=timeout)

    def popen(self, *args: str, env: dict[str, str] | None = None,
              stderr: int = subprocess.PIPE) -> subprocess.Popen[str]:
        return start_assistant(*args, env=self._env(env), stderr=stderr)

    def tick(self, **env: str) -> Ran:
        """`assistant tick --json`; its report must be JSON."""
        done = self("tick", "--json", env=env)
        done.json()
        return done

    def now(self) -> datetime:
        return datetime.fromisoformat(self.site.state()["now"])

    def advance_to(self, when: datetime | None) -> None:
        """Move the shop's clock just past ``when`` (a case's next check)."""
        assert when is not None, "the case has no next check"
        wait = (when - self.now()).total_seconds()
        self.site.advance(max(0.0, wait) + 60)

    @property
    def db(self) -> Path:
        return self.data_dir / "assistant.sqlite3"

    def case_or_none(self, order: str) -> Case | None:
        with CaseStore.open(self.db) as store:
            return store.get(order)

    def case(self, order: str) -> Case:
        found = self.case_or_none(order)
        assert found is not None, f"no case for {order}"
        return found

    def save(self, case: Case) -> None:
        with CaseStore.open(self.db) as store:
            store.save(case)

    def request_due(self, order: str, *, submitted: bool = False, failures: int = 1) -> datetime:
        """GIVEN a request for item 1 of ``order``, recorded at the shop's "now" and due at once:
        submitted (its page is due a look) or, by default, its submit failed ``failures``
        times (the submit is due). Gives the shop's "now"."""
        now = self.now()
        case = Case.open(order)
        case.record_request(["1"], reason=REASON, surface="web", at=now)
        if submitted:
            case.submit_confirmed(now, next_check=now)
        for _ in range(0 if submitted else failures):
            case.submit_failed(now, error="HTTP 500 from the shop", next_check=now)
        self.save(case)
        return now

    def requests(self, order: str | None = None) -> list[dict[str, Any]]:
        """The cancel requests the shop holds (the fixture's state document)."""
        made = self.site.state()["cancel_requests"]
        return [r for r in made if order is None or r["order"] == order]

    def returns(self) -> list[dict[str, Any]]:
        """The return requests the shop holds: order, items and reason."""
        return [{k: r[k] for k in ("order", "items", "reason")}
                for r in self.site.state()["return_requests"]]


def every_order_listed(listed: Ran, site: FixtureSite) -> dict[str, dict[str, Any]]:
    """THEN `assistant orders --json` exited 0 and listed every order the shop has (more than
    one page of them), each with the shop's status, seller and items; the orders by number."""
    assert listed.returncode == 0, listed.stderr
    shown = {o["order"]: o for o in listed.json()["orders"]}
    shop = {o["id"]: o for o in site.state()["orders"]}
    assert shown.keys() == shop.keys()  # all of them: more than one page ("View orders")
    for number, order in shop.items():
        assert shown[number]["status"] == order["status"]
        assert shown[number]["seller"] == order["seller"]
        assert [(i["id"], i["title"]) for i in shown[number]["items"]] == \
            [(i["id"], i["title"]) for i in order["items"]]
    return shown


def use_this_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """GIVEN the Chromium this machine has (Playwright's or Debian's)."""
    path = find_chromium()
    if path is not None:
        monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(path))


def ready_assistant(site: FixtureSite, home: Path, monkeypatch: pytest.MonkeyPatch, *,
                    on_shop_clock: bool = False) -> Assistant:
    """GIVEN the shop's address, the account and its password in the keyring, the browser."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", site.account.email)
    use_this_browser(monkeypatch)
    run = Assistant(site, home / "data", on_shop_clock=on_shop_clock)
    stored = run("secrets", "set", "site", stdin=site.account.password + "\n")
    assert stored.returncode == 0, stored.stderr
    return run


@pytest.fixture
def assistant(fixture_site: FixtureSite, isolated_home: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Assistant]:
    """GIVEN the `assistant` command ready against the fixture site."""
    yield ready_assistant(fixture_site, isolated_home, monkeypatch)


@pytest.fixture
def with_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """GIVEN the Chromium this machine has (Playwright's or Debian's)."""
    use_this_browser(monkeypatch)


@pytest.fixture
def cron(fixture_site: FixtureSite, isolated_home: Path,
         monkeypatch: pytest.MonkeyPatch) -> Assistant:
    """GIVEN the `assistant` command as the shopper's cron runs it: ready against the fixture
    site, reading the shop's Maildir, on the shop's clock."""
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{fixture_site.maildir}")
    return ready_assistant(fixture_site, isolated_home, monkeypatch, on_shop_clock=True)
