"""What each extra order of `assistant cancel A B C …` costs, beside raw Playwright for one.

On one fresh fixture site (seed skin), with a saved session (warm):
- `assistant cancel A --yes` (one order), then `assistant cancel B C D E --yes` (four);
  each timed from its start to the shop's record of its last request;
- benchmarks/raw_cancel.py for one order, warm (its session saved by a first run).
Per extra order = (time for four - time for one) / 3, printed beside the raw script's warm
time for one order, and their ratio (the goal: at most 1.1).

Usage: .venv/bin/python benchmarks/cancel_many.py [--runs 5]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.chromium import find_chromium
from fixture_shop.server import build_server

REASON = "No longer needed"
# Orders awaiting shipment in the default scenario; the shop records a request for each.
WARM_UP, ONE = "8190000000000002", "8190000000000001"
MANY = ("8190000000000002", "8190000000000003", "8190000000000005", "8190000000000011")
RAW = Path(__file__).with_name("raw_cancel.py")


def to_last_request(server: Any, command: list[str], env: dict[str, str]) -> float:
    """Seconds from the command's start to the shop's record of its last request."""
    shop, record, seen = server.shop, server.shop.request_cancel, []

    def record_and_time(*args: Any, **kwargs: Any) -> Any:
        made = record(*args, **kwargs)
        seen.append(time.monotonic())
        return made

    shop.request_cancel = record_and_time
    start = time.monotonic()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    finally:
        shop.request_cancel = record
    if not seen:
        raise SystemExit(f"{command[2:]} made no request ({done.returncode}):\n{done.stderr}")
    return seen[-1] - start


def assistant_env(server: Any, tmp: Path) -> dict[str, str]:
    browser = find_chromium()
    env = {**os.environ, "ASSISTANT_BASE_URL": server.url,
           "ASSISTANT_ACCOUNT": server.shop.scenario.email,
           "ASSISTANT_DATA_DIR": str(tmp / "data"),
           "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
           "XDG_DATA_HOME": str(tmp / "xdg")}
    if browser:
        env["ASSISTANT_BROWSER_PATH"] = str(browser)
    subprocess.run([sys.executable, "-m", "assistant", "secrets", "set", "site"], env=env,
                   input=server.shop.scenario.password + "\n", text=True, check=True,
                   capture_output=True)
    return env


def one_run() -> tuple[float, float, float]:
    """(assistant one order, assistant per extra order, raw one order warm) in seconds;
    each program on a fresh site of its own, so both do the same work."""
    cancel = [sys.executable, "-m", "assistant", "cancel"]
    with tempfile.TemporaryDirectory() as tmp, \
            build_server(scenario="default", mail=f"maildir:{tmp}/mail").start() as server:
        env = assistant_env(server, Path(tmp))
        login = subprocess.run([sys.executable, "-m", "assistant", "login"], env=env,
                               capture_output=True, text=True, timeout=300)
        if login.returncode != 0:
            raise SystemExit(f"login failed:\n{login.stderr}")
        one = to_last_request(server, [*cancel, ONE, "--yes", "--reason", REASON], env)
        many = to_last_request(server, [*cancel, *MANY, "--yes", "--reason", REASON], env)
    browser = find_chromium()
    with tempfile.TemporaryDirectory() as tmp, \
            build_server(scenario="default", mail=f"maildir:{tmp}/mail").start() as server:
        raw = [sys.executable, str(RAW), server.url, server.shop.scenario.email,
               server.shop.scenario.password]
        rest = [REASON, str(Path(tmp) / "raw-state.json")] + ([str(browser)] if browser else [])
        to_last_request(server, [*raw, WARM_UP, *rest], dict(os.environ))  # signs in, saves
        bare = to_last_request(server, [*raw, ONE, *rest], dict(os.environ))
    return one, (many - one) / (len(MANY) - 1), bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    figures = [one_run() for _ in range(runs)]
    one, extra, bare = (statistics.median(f[i] for f in figures) for i in range(3))
    print(f"medians of {runs} runs, seconds (warm session)")
    print(f"assistant cancel, one order          {one:8.2f}")
    print(f"assistant cancel, each extra order   {extra:8.2f}")
    print(f"raw Playwright, one order            {bare:8.2f}")
    print(f"ratio extra order / raw one order: {extra / bare:.2f} (goal: at most 1.10)")


if __name__ == "__main__":
    main()
