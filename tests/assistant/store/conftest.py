"""A real SQLite store in a temporary data dir for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.store import CaseStore


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "assistant.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[CaseStore]:
    with CaseStore.open(db_path) as opened:
        yield opened
