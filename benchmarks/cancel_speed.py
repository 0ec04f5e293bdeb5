"""How long `assistant cancel` takes to get the request to the shop, beside raw Playwright.

Runs the fixture site in this process and times, from the start of each command to the
moment the shop records the cancel request:
- `assistant cancel ORDER --yes --reason …`, cold (no saved session: it signs in) and warm
  (the session saved by the cold run);
- benchmarks/raw_cancel.py, a minimal Playwright script doing the same clicks, cold and warm.
Each pair gets a fresh fixture site, so both pairs do the same work. Prints the times and
the ratio assistant / raw. Usage: .venv/bin/python benchmarks/cancel_speed.py
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.chromium import find_chromium
from fixture_shop.server import build_server

REASON = "No longer needed"
ORDERS = ("8190000000000001", "8190000000000002")  # single-item orders on the first page
RAW = Path(__file__).with_name("raw_cancel.py")


def timed(server: Any, command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the recorded request, seconds to the command's exit)."""
    shop = server.shop
    record = shop.request_cancel
    seen: list[float] = []

    def record_and_time(*args: Any, **kwargs: Any) -> Any:
        made = record(*args, **kwargs)
        seen.append(time.monotonic())
        return made

    shop.request_cancel = record_and_time
    start = time.monotonic()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    finally:
        shop.request_cancel = record
    end = time.monotonic()
    if done.returncode != 0 or not seen:
        raise SystemExit(f"{command[2:4]} failed ({done.returncode}):\n{done.stderr}")
    return seen[0] - start, end - start


def pair(make: Callable[[Any, str, Path], tuple[list[str], dict[str, str]]]) -> list[float]:
    """Cold then warm, on a fresh site: [to request cold, exit cold, to request warm, ...]."""
    with tempfile.TemporaryDirectory() as tmp, \
            build_server(scenario="default", mail=f"maildir:{tmp}/mail").start() as server:
        figures: list[float] = []
        for order in ORDERS:
            command, env = make(server, order, Path(tmp))
            figures.extend(timed(server, command, env))
        return figures


def assistant(server: Any, order: str, tmp: Path) -> tuple[list[str], dict[str, str]]:
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
    return [sys.executable, "-m", "assistant", "cancel", order, "--yes", "--reason", REASON], env


def raw(server: Any, order: str, tmp: Path) -> tuple[list[str], dict[str, str]]:
    browser = find_chromium()
    return ([sys.executable, str(RAW), server.url, server.shop.scenario.email,
             server.shop.scenario.password, order, REASON, str(tmp / "raw-state.json")]
            + ([str(browser)] if browser else []), dict(os.environ))


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the site's request log
    ours, theirs = pair(assistant), pair(raw)
    print("seconds from start          to request   to exit")
    for name, figures in (("assistant cancel", ours), ("raw Playwright", theirs)):
        print(f"{name:<18} cold        {figures[0]:10.2f} {figures[1]:9.2f}")
        print(f"{name:<18} warm        {figures[2]:10.2f} {figures[3]:9.2f}")
    print(f"ratio assistant/raw: cold {ours[0] / theirs[0]:.2f}, "
          f"warm {ours[2] / theirs[2]:.2f} (time to the request)")


if __name__ == "__main__":
    main()
