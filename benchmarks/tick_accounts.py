"""One `assistant tick` serving many accounts, each with due cases: where the time goes.

Each account has a fixture site of its own (one shopper per site) and a mailbox of its own
(the Maildir its site mails to), is added to one data dir (`assistant accounts add`,
`assistant secrets set site`) and is signed in once beforehand: a bare browser signs in as a
person would and leaves the session where `assistant login` leaves it, so the tick does no
sign-in (a tick does not pay for one: a session lasts about two weeks). Each account then
gets CASES kept requests that are due (as a `cancel --yes` leaves them while the shop is
down), and one `assistant tick` (the real command, as cron runs it) submits them all; the
shops must have recorded every one. The same tick runs twice in the same run, on fresh sites
and data dirs: with a local launch, and through `playwright run-server --unsafe`
(ASSISTANT_BROWSER_WS).

Printed, for each: total time, time per due case, page work per due case and the overhead
per due case = (total - page work of all cases) / due cases.
- Page work: the seconds each case's browser step (the submit: the home page, Returns &
  Orders, the order search, the order's block, Cancel items, the reasons, the items, the
  final click, the confirmation, with every check the flows make on the way) took, as the
  tick's own log gives them ("Order N: submit took S s in the browser").
- Overhead: everything else: starting Python and its imports, the browser and the
  connection, a context per account with its saved session and trace, the mail polls, the
  store, the leases, the evidence, the notifications.
With --bare, the same page steps as a bare Playwright script (one browser, a signed-in
context per account, no checks) on fresh sites, as the floor the flows' checks sit on.

Usage: .venv/bin/python benchmarks/tick_accounts.py [--accounts 20] [--cases 5] [--bare]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from assistant.accounts import every
from assistant.browser import LAUNCH_ARGS, VIEWPORT, user_agent
from assistant.chromium import find_chromium
from assistant.domain import Case
from assistant.files import write_private
from assistant.settings import root_settings
from assistant.store import CaseStore
from fixture_shop.server import FixtureServer, build_server

REASON = "No longer needed"
# Orders awaiting shipment in the default scenario whose cancellation the shop takes.
DUE = ("8190000000000001", "8190000000000002", "8190000000000003", "8190000000000005",
       "8190000000000011")
CLOSE = re.compile("^(Close|No thanks)$")
STEP = re.compile(r"Order \d+: submit took ([\d.]+) s in the browser")


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "assistant", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"assistant {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


@contextlib.contextmanager
def sites(accounts: int) -> Iterator[tuple[Path, list[FixtureServer]]]:
    """A temporary folder and one fixture site per account, its own shopper."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        yield Path(tmp), [stack.enter_context(build_server(
            mail=f"maildir:{tmp}/mail-{n}", account=(f"shopper{n}@example.test",
                                                       f"pw-{n}-benchmark")).start())
            for n in range(accounts)]


def context(browser: Browser, state: dict[str, Any] | None = None) -> Any:
    """A context that looks like the assistant's (same user agent, screen and locale)."""
    made = browser.new_context(user_agent=user_agent(browser.version), viewport=VIEWPORT,
                               locale="en-US", storage_state=state)  # type: ignore[arg-type]
    page = made.new_page()
    page.add_locator_handler(page.get_by_role("dialog").filter(has=page.get_by_role(
        "button", name=CLOSE)), lambda d: d.get_by_role("button", name=CLOSE).first.click(),
        no_wait_after=True)
    page.add_locator_handler(page.get_by_role("region", name="Cookie consent"),
                             lambda b: b.get_by_role("button", name="Accept").click(),
                             no_wait_after=True)
    return made


def sign_in(browser: Browser, server: FixtureServer) -> dict[str, Any]:
    """Sign in as the shopper would by hand; the signed-in storage state."""
    made = context(browser)
    page = made.pages[0]
    page.goto(server.url + "/")
    page.get_by_role("link", name="Returns & Orders").click()
    page.get_by_label("Email or phone number").fill(server.shop.scenario.email)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(server.shop.scenario.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/p/order/index\.html"))
    state: dict[str, Any] = made.storage_state(indexed_db=True)  # type: ignore[assignment]
    made.close()
    return state


def browser_for(pw: Any) -> Browser:
    exe = find_chromium()
    return pw.chromium.launch(executable_path=str(exe) if exe else None, args=LAUNCH_ARGS)


def due_cases(db: Path, now: datetime, count: int) -> None:
    with CaseStore.open(db) as store:
        for order in DUE[:count]:
            case = Case.open(order)
            case.record_request(["*"], reason=REASON, surface="web", at=now)
            case.submit_failed(now, error="HTTP 503 from the shop", next_check=now)
            store.save(case)


def prepare(tmp: Path, servers: list[FixtureServer], cases: int) -> dict[str, str]:
    """The data dir: every account added, its password kept, signed in, its cases due."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_DATA_DIR=str(tmp / "data"), XDG_DATA_HOME=str(tmp / "xdg"),
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               ASSISTANT_BASE_URL=servers[0].url,
               ASSISTANT_ACCOUNT=servers[0].shop.scenario.email)
    if (exe := find_chromium()) is not None:
        env["ASSISTANT_BROWSER_PATH"] = str(exe)
    for server in servers:
        email = server.shop.scenario.email
        extra = ["--base-url", server.url] if server is not servers[0] else []
        mail = ["--mail", f"maildir:{tmp}/mail-{servers.index(server)}"]
        run(["accounts", "add", email, *mail, *extra], env)
        run(["--account", email, "secrets", "set", "site"], env,
            stdin=server.shop.scenario.password + "\n")
    with _environ(env):
        homes = every(root_settings())
    by_url = {s.url: s for s in servers}
    now = datetime.now(UTC)
    with sync_playwright() as pw:
        browser = browser_for(pw)
        for settings in homes:
            state = sign_in(browser, by_url[str(settings.base_url).rstrip("/")])
            write_private(settings.session_path, json.dumps(state).encode())
            due_cases(settings.db_path, now, cases)
        browser.close()
    return env


@contextlib.contextmanager
def _environ(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def tick(accounts: int, cases: int, extra: dict[str, str]) -> tuple[float, float]:
    """One `assistant tick` over fresh sites: (its seconds, the seconds of its page work).
    Every case must end submitted, as the shops saw it."""
    with sites(accounts) as (tmp, servers):
        env = prepare(tmp, servers, cases)
        start = time.monotonic()
        said = run(["tick"], {**env, **extra})
        took = time.monotonic() - start
        submitted = sum(len(s.shop.cancel_requests) for s in servers)
        steps = [float(s) for s in STEP.findall(
            (tmp / "data" / "logs" / "assistant.log").read_text())]
        if submitted != accounts * cases or len(steps) != submitted:
            raise SystemExit(f"the tick submitted {submitted} of {accounts * cases} "
                             f"({len(steps)} steps logged):\n{said}")
        return took, sum(steps)


def bare_case(page: Page, base: str, order: str) -> float:
    """The page checks of one submit, in a bare script; their seconds."""
    start = time.monotonic()
    page.goto(base + "/")
    page.get_by_role("link", name="Returns & Orders").click()
    page.get_by_role("heading", name="Your Orders").wait_for()
    search = page.get_by_role("searchbox", name="Search orders by order number")
    search.fill(order)
    search.press("Enter")
    block = page.get_by_role("region", name=f"Order {order}")
    block.inner_text()
    block.get_by_role("link", name="Cancel items").first.click()
    reasons = page.get_by_role("combobox", name="Cancellation reason")
    reasons.click()
    page.get_by_role("option").all_inner_texts()
    page.get_by_role("option", name=REASON, exact=True).click()
    page.locator("input[type=checkbox][value='1']").check()
    page.get_by_role("button", name="Cancel selected items").click()
    page.get_by_role("heading", name="Cancellation request submitted").wait_for()
    page.locator("main").inner_text()
    return time.monotonic() - start


def page_work(accounts: int, cases: int) -> list[float]:
    """Each case's page work, on fresh sites: one browser, a signed-in context per account."""
    with sites(accounts) as (_, servers), sync_playwright() as pw:
        browser = browser_for(pw)
        took = []
        for server in servers:
            made = context(browser, sign_in(browser, server))
            took += [bare_case(made.pages[0], server.url, order) for order in DUE[:cases]]
            made.close()
        browser.close()
        return took


@contextlib.contextmanager
def browser_server() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "playwright", "run-server", "--port",
                               str(port), "--host", "127.0.0.1", "--unsafe"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        for _ in range(300):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"ws://127.0.0.1:{port}/"
    finally:  # the whole group: `python -m playwright` leaves its node driver behind
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=20)
    parser.add_argument("--cases", type=int, default=5, choices=range(1, len(DUE) + 1))
    parser.add_argument("--bare", action="store_true",
                        help="also time the bare Playwright floor of the page steps")
    options = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    n, m = options.accounts, options.cases
    due, load = n * m, os.getloadavg()
    start = time.monotonic()
    local, local_page = tick(n, m, {})
    with browser_server() as url:
        served, served_page = tick(n, m, {"ASSISTANT_BROWSER_WS": url})
    bare = sum(page_work(n, m)) if options.bare else None
    print(f"{n} accounts x {m} due cases = {due} cases in one `assistant tick`; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} before, {os.getloadavg()[0]:.2f} after "
          f"({time.monotonic() - start:.0f} s in all)")
    print(f"{'':30}{'local launch':>14}{'run-server':>14}")
    rows = [("total, s", local, served), ("per due case, s", local / due, served / due),
            ("page work per due case, s", local_page / due, served_page / due),
            ("overhead per due case, s", (local - local_page) / due,
             (served - served_page) / due)]
    for name, one, other in rows:
        print(f"{name:30}{one:14.2f}{other:14.2f}" + ("  (goal: under 1)" if
                                                     name.startswith("overhead") else ""))
    if bare is not None:
        print(f"{'bare Playwright, per case, s':30}{bare / due:14.2f}  (the same page steps, "
              "no checks)")


if __name__ == "__main__":
    main()
