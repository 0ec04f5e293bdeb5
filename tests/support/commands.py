"""What a newcomer touches first: the README, `assistant doctor`, `assistant demo`, the log
file and the pytest plugin. Commands run as a person runs them: subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.chromium import find_chromium

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        try:
            doc: dict[str, Any] = json.loads(self.stdout)
        except ValueError:
            raise AssertionError(f"no JSON (exit {self.code}):\n{self.stdout}\n{self.stderr}"
                                 ) from None
        return doc


def assistant(*args: str, stdin: str | None = None, timeout: float = 180,
              env: dict[str, str] | None = None, cwd: Path | None = None) -> Ran:
    """`assistant ARGS` in a subprocess with this test's environment (see tests/conftest.py)."""
    done = subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, "COLUMNS": "200", **(env or {})})
    return Ran(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def with_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """GIVEN the Chromium this machine has (Playwright's or Debian's)."""
    path = find_chromium()
    if path is not None:
        monkeypatch.setenv("ASSISTANT_BROWSER_PATH", str(path))
