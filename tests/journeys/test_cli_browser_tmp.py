"""The browser's temporary folders (Playwright's profile, traces in the making, downloads) live
under the data dir, not in /tmp; a run killed before it cleaned up leaves its folder there,
and the next start removes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import run_assistant

KILLED_RUN = """
import time
from assistant.browser_source import open_browser
from assistant.settings import load_settings
with open_browser(load_settings(), label="killed"):
    print("open", flush=True)
    time.sleep(300)
"""


@pytest.mark.browser
def test_a_killed_runs_browser_folder_is_removed_at_the_next_start(
        isolated_home: Path, with_browser: None) -> None:
    tmp = isolated_home / "data" / "tmp"
    # GIVEN a run that opened the browser, and was killed with its whole process group
    run = subprocess.Popen([sys.executable, "-c", KILLED_RUN], stdout=subprocess.PIPE,
                           text=True, start_new_session=True)
    try:
        assert run.stdout is not None and run.stdout.readline().strip() == "open"
        [left] = list(tmp.iterdir())
        # (the browser's profile was under the data dir, not in /tmp)
        assert any(p.name.startswith("playwright") for p in left.iterdir()), list(left.iterdir())
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    assert left.exists()  # nobody cleaned up
    # WHEN the next run starts a browser (the doctor launches one)
    ran = run_assistant("doctor", "--json", timeout=120)
    # THEN the killed run's folder is gone, and the new run left none behind
    browser = {c["check"]: c for c in ran.json()["checks"]}["browser"]
    assert browser["status"] == "ok", browser
    assert not left.exists()
    assert list(tmp.iterdir()) == []


@pytest.mark.parametrize("first_run", [False, True], ids=["data-dir", "first-run"])
def test_a_cancel_refused_for_bad_input_leaves_no_browser_folder(
        isolated_home: Path, first_run: bool) -> None:
    # GIVEN a data dir, or none yet: either way the console script starts the browser's
    # driver ahead for a cancel (its temporary folder under the data dir)
    data = isolated_home / "data"
    if not first_run:
        data.mkdir(mode=0o700)
    # WHEN the shopper names an order number that is not one
    ran = run_assistant("cancel", "8190-oops", "--yes", timeout=120)
    # THEN exit 2 saying so, and the driver started ahead left nothing under the data dir
    assert ran.returncode == 2, ran.stderr
    assert "8190-oops" in ran.stderr
    assert not (data / "tmp").exists() or list((data / "tmp").iterdir()) == []
    assert data.stat().st_mode & 0o777 == 0o700  # made by the command (its log) as ever


def test_a_first_cancel_with_invalid_settings_leaves_no_data_dir(isolated_home: Path) -> None:
    # GIVEN no data dir yet, and a setting that is not valid
    data = isolated_home / "data"
    ran = run_assistant("cancel", "8190000000000001", "--yes", timeout=120,
                        env={"ASSISTANT_PAGE_TIMEOUT": "soon"})
    # THEN exit 2 naming it, and no data dir: the one made for the driver ahead is removed
    assert ran.returncode == 2, ran.stderr
    assert "ASSISTANT_PAGE_TIMEOUT" in ran.stderr
    assert not data.exists()
