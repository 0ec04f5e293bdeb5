"""`assistant fixtures serve`, as a tester starts it from a shell."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START = [sys.executable, "-m", "assistant", "fixtures", "serve"]


@contextmanager
def serving(*args: str) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen([*START, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def state(url: str) -> dict[str, object]:
    with urllib.request.urlopen(f"{url}/__fixture__/state", timeout=10) as response:
        doc: dict[str, object] = json.load(response)
    return doc


def test_serve_prints_the_address_then_the_maildir_and_stops_on_sigterm() -> None:
    # WHEN the site is started on a free port without --mail
    with serving("--port", "0") as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        second = proc.stdout.readline().strip()
        # THEN the first line is its address, the second the temporary Maildir
        assert first.startswith("Serving fixture site at http://127.0.0.1:")
        url = first.removeprefix("Serving fixture site at ")
        assert all((Path(second) / sub).is_dir() for sub in ("cur", "new", "tmp"))
        doc = state(url)
        assert (doc["scenario"], doc["mail"]) == ("default", second)
        # WHEN it gets SIGTERM, THEN it stops cleanly
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


def test_serve_with_a_scenario_and_a_maildir(tmp_path: Path) -> None:
    # WHEN the captcha scenario is served, mailing to a given Maildir
    with serving("--scenario", "captcha", "--mail", f"maildir:{tmp_path / 'mail'}") as proc:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip().removeprefix("Serving fixture site at ")
        # THEN the site serves that scenario and mails there
        doc = state(url)
        assert (doc["scenario"], doc["mail"]) == ("captcha", str(tmp_path / "mail"))
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        # AND nothing else was printed (no Maildir line when --mail is given)
        assert proc.stdout.read() == ""


def test_an_unknown_scenario_exits_2_naming_the_known_ones() -> None:
    done = subprocess.run([*START, "--scenario", "nope"], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 2
    message = " ".join(done.stderr.split())  # the terminal may wrap it
    assert "unknown scenario 'nope'; choose one of: captcha, default, verification-code" \
        in message
