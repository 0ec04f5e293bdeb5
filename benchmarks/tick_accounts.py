"""One `assistant tick` serving many accounts, each with due cases: where the time goes.

Starts one fixture site per account (its own shopper), adds the accounts to one data dir,
signs each in once (`assistant --account A login`), then gives each account CASES kept
requests that are due (as a `cancel --yes` leaves them while the shop is down). Then one
`assistant tick` submits them all. Printed, from the same run:
- the tick's total time, and its time per due case;
- the page work per case, measured as a bare Playwright script's warm cancel
  (benchmarks/raw_cancel.py) on a fresh site;
- the overhead per due case: time per due case minus that page work;
- the same tick through `playwright run-server --unsafe` (ASSISTANT_BROWSER_WS) beside the
  local launch, on fresh sites and data dirs.

Usage: .venv/bin/python benchmarks/tick_accounts.py [--accounts 20] [--cases 5]
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from assistant.chromium import find_chromium
from assistant.domain import Case
from assistant.store import CaseStore
from fixture_shop.server import FixtureServer, build_server

REASON = "No longer needed"
# Orders awaiting shipment in the default scenario whose cancellation the shop takes.
DUE = ("8190000000000001", "8190000000000002", "8190000000000003", "8190000000000005",
       "8190000000000011")
RAW = Path(__file__).with_name("raw_cancel.py")


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "assistant", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"assistant {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return time.monotonic() - start


def base_env(tmp: Path, first: FixtureServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_DATA_DIR=str(tmp / "data"), XDG_DATA_HOME=str(tmp / "xdg"),
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               ASSISTANT_BASE_URL=first.url, ASSISTANT_ACCOUNT=first.shop.scenario.email)
    browser = find_chromium()
    if browser:
        env["ASSISTANT_BROWSER_PATH"] = str(browser)
    return env


def due_cases(db: Path, now: datetime, count: int) -> None:
    with CaseStore.open(db) as store:
        for order in DUE[:count]:
            case = Case.open(order)
            case.record_request(["*"], reason=REASON, surface="web", at=now)
            case.submit_failed(now, error="HTTP 503 from the shop", next_check=now)
            store.save(case)


@contextlib.contextmanager
def accounts_ready(accounts: int, cases: int) -> Iterator[tuple[dict[str, str], int]]:
    """Sites, a data dir with every account signed in and its cases due: (env, due cases)."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as sites:
        servers = [sites.enter_context(build_server(
            mail=f"maildir:{tmp}/mail-{n}", account=(f"shopper{n}@example.test",
                                                       f"pw-{n}-benchmark")).start())
            for n in range(accounts)]
        env = base_env(Path(tmp), servers[0])
        for server in servers:
            email = server.shop.scenario.email
            extra = ["--base-url", server.url] if server is not servers[0] else []
            run(["accounts", "add", email, *extra], env)
            run(["--account", email, "secrets", "set", "site"], env,
                stdin=server.shop.scenario.password + "\n")
            run(["--account", email, "login"], env)
        now = datetime.now(UTC)
        homes = sorted((Path(tmp) / "data" / "accounts").glob("*"))
        for home in [Path(tmp) / "data", *homes]:
            due_cases(home / "assistant.sqlite3", now, cases)
        yield env, accounts * cases


@contextlib.contextmanager
def browser_server() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "playwright", "run-server", "--port",
                               str(port), "--host", "127.0.0.1", "--unsafe"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"ws://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(10)


def raw_warm() -> float:
    """A bare Playwright script's warm cancel of one order: the page work of one case."""
    browser = find_chromium()
    with tempfile.TemporaryDirectory() as tmp, build_server(
            mail=f"maildir:{tmp}/mail").start() as server:
        rest = [REASON, str(Path(tmp) / "state.json")] + ([str(browser)] if browser else [])
        raw = [sys.executable, str(RAW), server.url, server.shop.scenario.email,
               server.shop.scenario.password]
        subprocess.run([*raw, DUE[1], *rest], check=True, capture_output=True)
        start = time.monotonic()
        subprocess.run([*raw, DUE[0], *rest], check=True, capture_output=True)
        return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=20)
    parser.add_argument("--cases", type=int, default=5, choices=range(1, len(DUE) + 1))
    options = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with accounts_ready(options.accounts, options.cases) as (env, due):
        local = run(["tick"], env)
    with accounts_ready(options.accounts, options.cases) as (env, due), \
            browser_server() as url:
        served = run(["tick"], {**env, "ASSISTANT_BROWSER_WS": url})
    page = raw_warm()
    print(f"{options.accounts} accounts x {options.cases} due cases = {due} cases, one tick")
    print(f"{'':28}{'local launch':>14}{'run-server':>14}")
    print(f"{'total, s':28}{local:14.2f}{served:14.2f}")
    print(f"{'per due case, s':28}{local / due:14.2f}{served / due:14.2f}")
    print(f"{'page work per case, s':28}{page:14.2f}{page:14.2f}  (raw Playwright, warm)")
    print(f"{'overhead per due case, s':28}{local / due - page:14.2f}"
          f"{served / due - page:14.2f}  (goal: under 1)")


if __name__ == "__main__":
    main()
