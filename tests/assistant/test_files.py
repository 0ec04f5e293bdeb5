"""Private files: 0600 in 0700 folders, and saves from runs side by side never collide."""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.files import write_private


def test_a_saved_file_is_the_owners_alone(tmp_path: Path) -> None:
    path = write_private(tmp_path / "data" / "session" / "state.json", b"{}")
    assert path.read_bytes() == b"{}"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_runs_saving_the_same_file_at_once_all_succeed(tmp_path: Path) -> None:
    # GIVEN eight runs that save the session at the same moment (the demo's parallel cancels)
    target = tmp_path / "session" / "state.json"
    errors: list[BaseException] = []

    def save(n: int) -> None:
        try:
            for _ in range(50):
                write_private(target, f'{{"run": {n}}}'.encode())
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN none failed, one whole save won, and no temporary file is left behind
    assert errors == []
    assert target.read_text().startswith('{"run": ')
    assert [p.name for p in target.parent.iterdir()] == ["state.json"]
