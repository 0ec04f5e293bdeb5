"""An idle tick (nothing due, no new mail) starts no browser and does not import Playwright;
bad scheduler settings stop it at start-up, naming the setting and the value."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from assistant.domain import Case
from assistant.store import CaseStore
from tests.support.cli import run_assistant


@pytest.fixture
def idle_env(isolated_home: Path) -> dict[str, str]:
    """GIVEN a case that is not due yet and an empty mailbox."""
    maildir = isolated_home / "mail"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    now = datetime.now(UTC)
    with CaseStore.open(isolated_home / "data" / "assistant.sqlite3") as store:
        case = Case.open("8190000000000001")
        case.record_request(["1"], reason="No longer needed", surface="web", at=now)
        case.submit_confirmed(now, next_check=now + timedelta(hours=2))
        store.save(case)
    return {"ASSISTANT_MAIL": f"maildir:{maildir}"}


def test_an_idle_tick_says_so_and_imports_no_playwright(idle_env: dict[str, str]) -> None:
    # WHEN a tick runs with nothing due
    done = run_assistant("tick", env=idle_env, python=("-X", "importtime"), timeout=60)
    # THEN it says so, exits 0, and neither the browser nor the flows were loaded
    assert (done.returncode, done.stdout) == (0, "Nothing due.\n"), done.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")]
    assert "assistant.usecases.tick" in imported
    assert not [m for m in imported if m.split(".")[0] in ("playwright", "flows", "flask")]


def _imported(stderr: str) -> list[str]:
    return [line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines()
            if line.startswith("import time:")]


# What an idle tick with no mailbox set must not load: the browser, the keyring and its
# backends (the notification URLs are read only when there is something to tell), the mail
# parsing modules, and rich (it prints no table); nor what only a due step or a message to
# send needs (what a step does to a case, the sender, the quiet hours), the locales' TOML
# reader (the locale check looks at the folders), or platformdirs (the data dir is set).
NOT_IDLE = ("playwright", "flows", "flask", "keyring", "keyrings", "secretstorage", "jeepney",
            "apprise", "imap_tools", "rich", "assistant.mail.message", "assistant.mail.classify",
            "assistant.mail.rules", "assistant.mail.apply", "assistant.mail.poll", "email.parser",
            "assistant.scheduler.facts", "assistant.notify.deliver", "assistant.notify.quiet",
            "assistant.locales", "tomllib", "platformdirs")


def test_an_idle_tick_without_mail_loads_no_keyring_and_no_mail_parsing(
        idle_env: dict[str, str]) -> None:
    # GIVEN no mailbox set (a case waits, nothing due), WHEN a tick runs
    done = run_assistant("tick", env={"ASSISTANT_MAIL": ""}, python=("-X", "importtime"),
                         timeout=60)
    # THEN it says so, and none of those modules was imported
    assert (done.returncode, done.stdout) == (0, "Nothing due.\n"), done.stderr
    imported = _imported(done.stderr)
    assert "assistant.usecases.tick" in imported
    loaded = [m for m in imported
              if any(m == name or m.startswith(name + ".") for name in NOT_IDLE)]
    assert loaded == []


def test_the_cycle_collector_is_on_for_the_command_once_it_is_built() -> None:
    # The CLI loads its modules with the collector off (start-up frees little); an importer
    # keeps its collector, and a command runs with it
    import gc

    from assistant.cli import _started

    assert gc.isenabled()
    assert _started(["tick"]) is not None
    assert gc.isenabled()


def test_the_schedule_policy_is_the_settings_own_values() -> None:
    # The tick's policy copies the validated settings (it does not validate them again)
    from assistant.scheduler.policy import SchedulePolicy
    from assistant.settings import Settings

    settings = Settings(retry_limit=7, holiday_season=" 12-01 / 01-15 ",
                        retry_wait=timedelta(minutes=3))
    policy = SchedulePolicy.from_settings(settings)
    assert (policy.retry_limit, policy.holiday_season, policy.retry_wait) == (
        7, "12-01/01-15", timedelta(minutes=3))
    assert date(2027, 1, 10) in policy.season
    with pytest.raises(ValueError, match="retry_limit"):  # built from raw values: validated
        SchedulePolicy(retry_limit=0)


def test_every_command_is_found_in_its_area() -> None:
    # A run imports only the named command's area: each command must be registered there
    import importlib

    import typer

    from assistant.cli import AREAS, COMMANDS, build

    assert sorted(typer.main.get_command(build()).commands) == sorted(COMMANDS)  # type: ignore[attr-defined]
    for area in AREAS:
        alone = typer.Typer()
        alone.callback()(lambda: None)
        importlib.import_module(f"assistant.cli.{area}").register(alone)
        names = typer.main.get_command(alone).commands  # type: ignore[attr-defined]
        assert sorted(names) == sorted(n for n, a in COMMANDS.items() if a == area), area


def test_bad_scheduler_settings_name_the_setting_and_value(idle_env: dict[str, str]) -> None:
    env = {**idle_env, "ASSISTANT_RETRY_WAIT": "PT0S", "ASSISTANT_HOLIDAY_SEASON": "13-01/12-31"}
    done = run_assistant("tick", env=env, timeout=60)
    said = " ".join(done.stderr.split())  # the terminal may wrap it
    assert done.returncode == 2
    assert "ASSISTANT_RETRY_WAIT: Value error, must be positive, got: 0:00:00" in said
    assert ("ASSISTANT_HOLIDAY_SEASON: Value error, must be MM-DD/MM-DD such as 11-01/12-31, "
            "got: '13-01/12-31'") in said
