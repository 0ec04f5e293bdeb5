"""Several shop accounts in one data dir: each its own home (cases, session), keyring entry
and shop; `assistant tick` serves them all, every other command the one it is given."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.domain import State
from assistant.secrets import SITE_KEYRING_SERVICE
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import REASON, Assistant, ready_assistant

ORDER = "8190000000000001"
SECOND = ("second@example.test", "Qw8-second-Zx5!pass")

pytestmark = pytest.mark.browser


def keyring_holds(service: str, user: str) -> str | None:
    """What the test's keyring (a file under the isolated home) holds, read as any program
    reads it."""
    done = subprocess.run([sys.executable, "-c", "import keyring,sys; print(keyring."
                           "get_password(sys.argv[1], sys.argv[2]) or '')", service, user],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip() or None


@pytest.fixture
def two(fixture_site: FixtureSite, fixture_site_factory: Callable[..., FixtureSite],
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Assistant, Assistant]:
    """GIVEN the first account (ASSISTANT_ACCOUNT, its cases in the data dir) and a second
    one on a shop of its own, both added, each with its password in the keyring."""
    first = ready_assistant(fixture_site, isolated_home, monkeypatch)
    other = fixture_site_factory(account=SECOND)
    assert first("accounts", "add", fixture_site.account.email).returncode == 0
    added = first("accounts", "add", SECOND[0], "--base-url", other.url)
    assert added.returncode == 0, added.stderr
    stored = first("--account", SECOND[0], "secrets", "set", "site", stdin=SECOND[1] + "\n")
    assert stored.returncode == 0, stored.stderr
    homes = {a["email"]: a["home"] for a in json.loads(
        first("accounts", "list", "--json").stdout)["accounts"]}
    assert homes[fixture_site.account.email] == ""  # it keeps the data dir and its cases
    second = Assistant(other, first.data_dir / homes[SECOND[0]])
    return first, second


def test_one_tick_serves_both_accounts_and_nothing_mixes(
    two: tuple[Assistant, Assistant]
) -> None:
    first, second = two
    # GIVEN a kept request due for the same order number on each account's shop
    first.request_due(ORDER)
    second.request_due(ORDER)
    ran = first.tick()
    assert ran.returncode == 0, ran.stderr
    # THEN each shop got exactly one request, from its own account's sign-in
    for run in (first, second):
        assert [r["order"] for r in run.requests()] == [ORDER]
        assert [s["email"] for s in run.site.state()["sessions"]] == [run.site.account.email]
        assert run.case(ORDER).state is State.SUBMITTED
    # AND each account has its own session file and keyring entry
    sessions = [run.data_dir / "session" / "storage-state.json" for run in (first, second)]
    assert all(p.exists() for p in sessions) and sessions[0].read_bytes() != \
        sessions[1].read_bytes()
    assert keyring_holds(SITE_KEYRING_SERVICE, first.site.account.email) == \
        first.site.account.password
    assert keyring_holds(SITE_KEYRING_SERVICE, SECOND[0]) == SECOND[1]
    assert f"[{SECOND[0]}]" in ran.stdout
    # AND it was one browser, with a context per account
    log = (first.data_dir / "logs" / "assistant.log").read_text()
    assert len(re.findall(r"Browser [0-9.]+: ", log)) == 1, log


def test_status_names_the_account_and_shows_only_its_cases(
    two: tuple[Assistant, Assistant]
) -> None:
    first, second = two
    second.request_due(ORDER)
    mine = first("status", "--json").json()
    theirs = first("--account", SECOND[0], "status", "--json").json()
    assert (mine["account"], mine["cases"]) == (first.site.account.email, [])
    assert theirs["account"] == SECOND[0]
    assert [(c["order"], c["account"]) for c in theirs["cases"]] == [(ORDER, SECOND[0])]


def test_an_account_not_added_is_exit_2_and_remove_forgets_one(
    two: tuple[Assistant, Assistant]
) -> None:
    first, _ = two
    unknown = first("--account", "third@example.test", "status")
    assert unknown.returncode == 2 and "accounts add third@example.test" in unknown.stderr
    assert first("accounts", "remove", SECOND[0]).returncode == 0
    listed = first("accounts", "list", "--json").json()["accounts"]
    assert [a["email"] for a in listed] == [first.site.account.email]


def test_a_cancel_for_an_account_with_a_home_of_its_own_runs_there_and_leaves_no_folders(
    two: tuple[Assistant, Assistant]
) -> None:
    # GIVEN the second account, whose cases and browser folder are under its own home (not
    # the data dir the console script starts the browser's driver for ahead of the settings)
    first, second = two
    # WHEN the shopper cancels one of its orders
    run = first("--account", SECOND[0], "cancel", ORDER, "--reason", REASON, "--yes")
    # THEN its shop holds the request and its own data dir the case; the first's shop nothing
    assert run.returncode == 0, run.stderr
    assert [r["order"] for r in second.requests()] == [ORDER]
    assert second.case(ORDER).state is State.SUBMITTED
    assert first.requests() == [] and first.case_or_none(ORDER) is None
    # AND no browser folder is left behind, in either data dir
    left = [p for d in (first.data_dir, second.data_dir) if (d / "tmp").exists()
            for p in (d / "tmp").iterdir()]
    assert left == []
