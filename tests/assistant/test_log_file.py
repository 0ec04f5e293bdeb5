"""The log file for cron runs: under the data dir, private, and free of secrets."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.support.cli import run_assistant

PASSWORD = "c0rrect-Horse-battery"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def log_file(isolated_home: Path) -> Path:
    return isolated_home / "data" / "logs" / "assistant.log"


def test_a_cron_run_leaves_its_report_in_a_private_log_file(
        log_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN an account whose password is in the keyring
    monkeypatch.setenv("ASSISTANT_ACCOUNT", "shopper@example.test")
    assert run_assistant("secrets", "set", "site", stdin=PASSWORD + "\n").returncode == 0
    # WHEN cron runs a tick with nothing to do, and a command fails on bad input
    assert run_assistant("tick").returncode == 0
    failed = run_assistant("cancel", "12", "--yes")
    assert failed.returncode == 2
    # THEN the log file holds both, readable by the owner only, and no password
    logged = log_file.read_text()
    assert "Nothing due." in logged
    assert "exit 2: '12' is not an order number." in logged
    assert mode(log_file) == 0o600 and mode(log_file.parent) == 0o700
    assert PASSWORD not in logged


def test_help_and_quiet_commands_leave_no_log_file(log_file: Path) -> None:
    # WHEN a person only asks for help, or looks at the (empty) status
    assert run_assistant("--help").returncode == 0
    assert run_assistant("cancel", "--help").returncode == 0
    assert run_assistant("status").returncode == 0
    # THEN nothing was written to the data dir
    assert not log_file.exists()


def test_invalid_settings_are_reported_by_the_command_not_by_the_log_set_up(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a setting with a bad value
    monkeypatch.setenv("ASSISTANT_RETRY_LIMIT", "0")
    # WHEN a command runs
    ran = run_assistant("status")
    # THEN the command says what is wrong (exit 2), as it would without a log file
    assert ran.returncode == 2
    assert "Invalid settings: ASSISTANT_RETRY_LIMIT:" in ran.stderr
