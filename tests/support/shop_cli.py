"""Running `assistant` as a shopper runs it: a subprocess, against the fixture site.

Each test gets its own data dir and keyring file (tests/conftest.py), so every run that
needs the shop signs in first: sign-in is always part of what the tests see and trace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from assistant.domain import Case
from assistant.store import CaseStore
from fixture_shop.pytest_plugin import FixtureSite

REASON = "No longer needed"


@dataclass
class Assistant:
    """Runs `python -m assistant ...` with the test's environment."""

    site: FixtureSite
    data_dir: Path

    def __call__(self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin,
                              capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "COLUMNS": "200", **(env or {})})

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "assistant", *args],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "COLUMNS": "200"})

    def case(self, order: str) -> Case | None:
        with CaseStore.open(self.data_dir / "assistant.sqlite3") as store:
            return store.get(order)

    def requests(self, order: str | None = None) -> list[dict[str, object]]:
        """The cancel requests the shop holds (the fixture's state document)."""
        made = self.site.state()["cancel_requests"]
        return [r for r in made if order is None or r["order"] == order]


def files_under(root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file's bytes under ``root``, and every member of every zip (traces) too."""
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield str(path), data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{path}!{member}", archive.read(member)


def mentions(root: Path, secret: str) -> list[str]:
    """The files (and zip members) under ``root`` that contain ``secret`` in any form."""
    forms = {secret.encode(), secret.encode("utf-16-le"), quote(secret, safe="").encode(),
             json.dumps(secret)[1:-1].encode()}
    return [name for name, data in files_under(root) if any(f in data for f in forms)]
