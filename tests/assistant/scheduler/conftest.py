"""The scheduler's tests: journeys in this process on the session's browser
(tests/support/journeys.py), and the `assistant` command as a subprocess
(tests/support/shop_cli.py), against the fixture site."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.domain import Case
from assistant.store import CaseStore
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.assistant_cli import ready_assistant
from tests.support.shop_cli import Assistant


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
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{fixture_site.maildir}")
    return Shopper(ready_assistant(fixture_site, isolated_home, monkeypatch), fixture_site)
