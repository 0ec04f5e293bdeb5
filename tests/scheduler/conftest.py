"""The scheduler's tests: journeys in this process on the session's browser, and the
`assistant` command as a subprocess (tests/support/shop_cli.py), against the fixture site."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import keyring
import pytest

from assistant.chromium import find_chromium
from assistant.domain import Case
from assistant.pytest_plugin import FixtureSite
from assistant.settings import Settings
from assistant.store import CaseStore
from support.shop_cli import Assistant


@pytest.fixture
def settings(fixture_site: FixtureSite, isolated_home: Path) -> Settings:
    """GIVEN the shop's address and account; the password in the (file) keyring."""
    settings = Settings(base_url=fixture_site.url, account=fixture_site.account.email,
                        data_dir=isolated_home / "data")
    keyring.set_password("aliexpress-assistant", fixture_site.account.email,
                         fixture_site.account.password)
    return settings


@pytest.fixture
def store(settings: Settings) -> Iterator[CaseStore]:
    with CaseStore.open(settings.db_path) as opened:
        yield opened


@dataclass
class Ticked:
    """One `assistant tick --json` run: its exit code, report and stderr."""

    code: int
    report: dict[str, Any]
    stderr: str

    @property
    def said(self) -> str:
        return "\n".join(self.report["lines"])


@dataclass
class Shopper:
    """Runs `assistant` as a shopper's cron would, with the assistant's clock set to the
    fixture shop's ("now" of its state document) on every run."""

    run: Assistant
    site: FixtureSite

    def __call__(self, *args: str, env: dict[str, str] | None = None,
                 timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return self.run(*args, env={"ASSISTANT_NOW": self.now().isoformat(), **(env or {})},
                        timeout=timeout)

    def now(self) -> datetime:
        return datetime.fromisoformat(self.site.state()["now"])

    def tick(self, **env: str) -> Ticked:
        done = self("tick", "--json", env=env)
        try:
            report = json.loads(done.stdout)
        except ValueError:
            raise AssertionError(f"tick printed no JSON (exit {done.returncode}):\n"
                                 f"{done.stdout}\n{done.stderr}") from None
        return Ticked(done.returncode, report, done.stderr)

    def advance_to(self, when: datetime | None) -> None:
        """Move the shop's clock just past ``when`` (a case's next check)."""
        assert when is not None, "the case has no next check"
        wait = (when - self.now()).total_seconds()
        self.site.advance(max(0.0, wait) + 60)

    def case(self, order: str) -> Case:
        found = self.run.case(order)
        assert found is not None, f"no case for {order}"
        return found

    def save(self, case: Case) -> None:
        with CaseStore.open(self.run.data_dir / "assistant.sqlite3") as store:
            store.save(case)

    def returns(self) -> list[dict[str, Any]]:
        return [{k: r[k] for k in ("order", "items", "reason")}
                for r in self.site.state()["return_requests"]]


@pytest.fixture
def shopper(fixture_site: FixtureSite, isolated_home: Path,
            monkeypatch: pytest.MonkeyPatch) -> Shopper:
    """GIVEN the shop's address, the account and its password, and the shop's Maildir."""
    monkeypatch.setenv("ASSISTANT_BASE_URL", fixture_site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", fixture_site.account.email)
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{fixture_site.maildir}")
    browser = find_chromium()
    if browser is not None:
        monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(browser))
    run = Assistant(fixture_site, isolated_home / "data")
    stored = run("secrets", "set", "site", stdin=fixture_site.account.password + "\n")
    assert stored.returncode == 0, stored.stderr
    return Shopper(run, fixture_site)
