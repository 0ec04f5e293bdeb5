"""How long `assistant cancel` takes to get the request to the shop, beside raw Playwright.

Runs the fixture site in this process and times, from the start of each command to the
moment the shop records the cancel request:
- `assistant cancel ORDER --yes --reason …`, cold (no saved session: it signs in) and warm
  (the session saved by the cold run);
- benchmarks/raw_cancel.py, a minimal Playwright script doing the same clicks, cold and warm.
Each pair gets a fresh fixture site, so both pairs do the same work. Both skins (the seed's
pages with raw_cancel.py, the aliexpress skin with raw_cancel_aliexpress.py), each
``--runs`` times (default 5), interleaved; prints the medians and the ratios assistant / raw,
cold and warm, per skin. Usage: .venv/bin/python benchmarks/cancel_speed.py [--runs N]
[--skin seed|aliexpress]; ``-v`` keeps the assistant's debug log of the last run under
benchmarks/last-cancel-<skin>-<cold|warm>-<assistant|raw>.log: stderr with each line stamped
(stamped.py) and Playwright's calls (DEBUG=pw:api); `cancel_steps.py` splits it into steps.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
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
RAW = {"seed": Path(__file__).with_name("raw_cancel.py"),
       "aliexpress": Path(__file__).with_name("raw_cancel_aliexpress.py")}
KEEP_LOG = False
LAST_STDERR: list[str] = []
PYTHON = [sys.executable]  # with -v: through stamped.py, each stderr line timed


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
        if KEEP_LOG:  # the driver's own timestamped log of each call (DEBUG=pw:api)
            LAST_STDERR[:] = [f"{start:.3f} start (monotonic)", done.stderr,
                              f"{seen[0] if seen else 0:.3f} request recorded (monotonic)"]
    finally:
        shop.request_cancel = record
    end = time.monotonic()
    if done.returncode != 0 or not seen:
        raise SystemExit(f"{command[2:4]} failed ({done.returncode}):\n{done.stderr}")
    return seen[0] - start, end - start


Make = Callable[[Any, str, Path, str], tuple[list[str], dict[str, str]]]


def pair(make: Make, skin: str) -> list[float]:
    """Cold then warm, on a fresh site: [to request cold, exit cold, to request warm, ...]."""
    with tempfile.TemporaryDirectory() as tmp, \
            build_server(scenario="default", mail=f"maildir:{tmp}/mail",
                         skin=skin).start() as server:
        figures: list[float] = []
        for order, kind in zip(ORDERS, ("cold", "warm"), strict=True):
            command, env = make(server, order, Path(tmp), skin)
            figures.extend(timed(server, command, env))
            log = Path(tmp) / "data" / "logs" / "assistant.log"
            if KEEP_LOG:
                kept = Path(__file__).with_name(f"last-cancel-{skin}-{kind}-{make.__name__}.log")
                if log.exists():
                    shutil.copy(log, kept)
                    log.unlink()
                with kept.open("a") as out:
                    out.write("\n".join(LAST_STDERR))
        return figures


def assistant(server: Any, order: str, tmp: Path, skin: str) -> tuple[list[str], dict[str, str]]:
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
    verbose = ["-v"] if KEEP_LOG else []
    if KEEP_LOG:
        env["DEBUG"] = "pw:api"
    return [*PYTHON, "-m", "assistant", *verbose, "cancel", order, "--yes", "--reason",
            REASON], env


def raw(server: Any, order: str, tmp: Path, skin: str) -> tuple[list[str], dict[str, str]]:
    browser = find_chromium()
    env = {**os.environ, **({"DEBUG": "pw:api"} if KEEP_LOG else {})}
    return ([*PYTHON, str(RAW[skin]), server.url, server.shop.scenario.email,
             server.shop.scenario.password, order, REASON, str(tmp / "raw-state.json")]
            + ([str(browser)] if browser else []), env)


def main() -> None:
    global KEEP_LOG
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skin", choices=sorted(RAW), action="append")
    parser.add_argument("-v", "--keep-log", action="store_true")
    args = parser.parse_args()
    KEEP_LOG = args.keep_log
    if KEEP_LOG:
        PYTHON.append(str(Path(__file__).with_name("stamped.py")))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the site's request log
    for skin in args.skin or ("seed", "aliexpress"):
        runs: dict[str, list[list[float]]] = {"assistant cancel": [], "raw Playwright": []}
        for _ in range(args.runs):  # interleaved: both see the same machine load
            runs["assistant cancel"].append(pair(assistant, skin))
            runs["raw Playwright"].append(pair(raw, skin))
        med = {name: [statistics.median(f[i] for f in found) for i in range(4)]
               for name, found in runs.items()}
        print(f"skin {skin}: medians of {args.runs} runs, seconds from start  "
              "to request   to exit")
        for name, figures in med.items():
            print(f"  {name:<18} cold        {figures[0]:10.2f} {figures[1]:9.2f}")
            print(f"  {name:<18} warm        {figures[2]:10.2f} {figures[3]:9.2f}")
        ours, theirs = med["assistant cancel"], med["raw Playwright"]
        print(f"  ratio assistant/raw ({skin}): cold {ours[0] / theirs[0]:.2f}, "
              f"warm {ours[2] / theirs[2]:.2f} (time to the request)", flush=True)


if __name__ == "__main__":
    main()
