"""`assistant doctor --repair`: a damaged state database is moved aside and a new one started.

The old file is never deleted: it is renamed ``assistant.sqlite3.damaged-<UTC time>`` (with
its -wal and -shm files, which belong to it) next to the new one, so whatever can still be
read from it is not lost. A database that is fine, or not there yet, is left alone.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import DamagedDatabase
from assistant.settings import Settings
from assistant.store import CaseStore


def repair(settings: Settings) -> str | None:
    """Move a damaged database aside and start a new one; what was done, or None."""
    path = settings.db_path
    if not path.exists():
        return None
    try:
        with CaseStore.open(path) as store:
            store.check()
        return None
    except DamagedDatabase as exc:
        why = exc.message
    aside = _aside(path, datetime.now(UTC))
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            os.replace(part, aside.with_name(aside.name + suffix))
    with CaseStore.open(path):
        pass  # the new, empty database, made as every run makes it
    return (f"{why.rstrip('.')}. It was moved aside to {aside} (kept), and a new, empty one "
            f"was started at {path}.")


def _aside(path: Path, at: datetime) -> Path:
    base = path.with_name(f"{path.name}.damaged-{at.strftime('%Y%m%dT%H%M%SZ')}")
    aside, n = base, 1
    while aside.exists():  # two repairs in one second
        n += 1
        aside = base.with_name(f"{base.name}-{n}")
    return aside
