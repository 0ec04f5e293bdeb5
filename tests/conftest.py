"""Shared test set-up: the real Chromium for pytest-playwright, and an isolated home per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.chromium import find_chromium

# The fixture site's plugin (fixture_shop.pytest_plugin) comes with the installed package, through
# its pytest11 entry point: naming it here too would register it twice, which pytest refuses.
pytest_plugins = [
    "pytester",  # testing the plugin from outside
    "tests.support.dovecot",  # the private IMAP server
    "tests.support.cli", "tests.support.journeys", "tests.support.notify_receiver",
    "tests.support.browsers",  # the shopper's Chrome (CDP), a Playwright browser server
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright has no setting for the browser binary: point it at ours."""
    path = find_chromium()
    return {**browser_type_launch_args, **({"executable_path": str(path)} if path else {})}


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reads the developer's .env, keyring or data dir."""
    home = tmp_path / "home"
    home.mkdir()
    for key in list(__import__("os").environ):
        if key.startswith("ASSISTANT_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.chdir(home)
    yield home
