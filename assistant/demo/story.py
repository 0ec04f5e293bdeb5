"""The demo's script: three cancellations, followed by `assistant tick` until each is settled.

1. store the fixture account's password (in the demo's keyring) and sign in once;
2. `assistant cancel ORDER --yes` for three orders of the fixture shop, chosen by what the
   shop will do with them: approve; decline because it shipped (then it is delivered, and
   the assistant returns it and sees the refund); leave to a third-party seller (on the
   real shop's pages, a seller who stays silent: cancelled after 48 hours);
3. `assistant tick`, as cron would run it; between two ticks the shop's clock jumps to the
   next moment something is due (a case's next check, or the shop's next mail or delivery),
   and the assistant's clock with it, so that weeks of the shop's time pass in a minute.
Every step is the real command; the demo only moves the clock and tells what happened.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from assistant.browser import has_display
from assistant.demo.picks import DemoFailed, Pick, pick_orders
from assistant.demo.sandbox import Ran, Sandbox
from assistant.demo.view import DemoView
from assistant.domain import Case
from assistant.errors import BadInput

MAX_TICKS = 30
MARGIN = timedelta(minutes=1)  # a tick runs just after the moment it waits for


def run_demo(view: DemoView | None = None, *, headed: bool = False,
             browser_path: Path | None = None, root: Path | None = None,
             skin: str = "seed") -> Sandbox:
    """Run the whole demo (shown on the terminal unless ``view`` says otherwise); returns its
    sandbox (folder kept). Raises DemoFailed; BadInput for --headed without a display."""
    if headed and not has_display():
        raise BadInput("--headed needs a display, and there is none here (no DISPLAY).",
                       hint="Run it on a desktop, or under xvfb-run; or without --headed.")
    view = view or DemoView()
    with Sandbox(headed=headed, browser_path=browser_path, root=root, skin=skin) as box:
        state = box.state()
        picks = pick_orders(state)
        view.intro(box, picks, state)
        started = box.now()
        _must(view, box, ("secrets", "set", "site"), "Storing the shop's password",
              stdin=state["account"]["password"] + "\n")
        _must(view, box, ("login",), "Signing in to the shop (the session is saved)")
        _cancel_side_by_side(view, box, picks, reason=state["cancel_reasons"][0])
        _follow(view, box, picks, started)
        view.settled(box, picks)
        box.run("status", inherit=True)
        view.evidence(box)
    return box


def _follow(view: DemoView, box: Sandbox, picks: list[Pick], started: datetime) -> None:
    """Tick, move the clock to the next due moment, tick again… until every case settled."""
    for _ in range(MAX_TICKS):
        mails = len(box.state()["emails"])
        at = _elapsed(box.now(), started)
        ran = _must(view, box, ("tick",), f"assistant tick ({at})", quiet=True)
        view.ticked(ran, at)
        after = box.cases()
        if all(_settled(after.get(p.order), p) for p in picks):
            return
        if len(box.state()["emails"]) > mails:
            continue  # the shop answered at once (a return received): read it now
        when = _next_due(box.state(), after, picks)
        if when is None:
            raise DemoFailed("Nothing more is due, yet not every case is settled.",
                             hint=f"See `assistant status` with ASSISTANT_DATA_DIR="
                                  f"{box.data_dir}, and the log {box.paths.log_path}.")
        was = box.now()
        moved = box.advance_to(when + MARGIN)
        view.clock(moved - was, _elapsed(moved, started))
    raise DemoFailed(f"The cases were not settled after {MAX_TICKS} ticks.",
                     hint=f"See the log {box.paths.log_path}.")


def _cancel_side_by_side(view: DemoView, box: Sandbox, picks: list[Pick], *,
                         reason: str) -> None:
    """`assistant cancel` for each order at once, as separate runs may (each holds its own
    case's lease; they share the saved session)."""
    with view.working(f"Cancelling {len(picks)} orders side by side"), \
            ThreadPoolExecutor(len(picks)) as pool:
        runs = list(pool.map(lambda p: box.run("cancel", p.order, "--reason", reason, "--yes",
                                               "--keep-trace"), picks))
    for pick, ran in zip(picks, runs, strict=True):
        _check(view, box, ran, f"Asked to cancel order {pick.order} ({pick.story})")


def _must(view: DemoView, box: Sandbox, args: tuple[str, ...], doing: str, *,
          stdin: str | None = None, quiet: bool = False) -> Ran:
    with view.working(doing):
        ran = box.run(*args, stdin=stdin)
    return _check(view, box, ran, doing, quiet=quiet)


def _check(view: DemoView, box: Sandbox, ran: Ran, doing: str, *, quiet: bool = False) -> Ran:
    if ran.code != 0:
        view.failed(ran)
        raise DemoFailed(f"`{ran.command}` exited {ran.code}.",
                         hint=f"Its output is above; the demo's files are in {box.root}.")
    if not quiet:
        view.done(doing, ran)
    return ran


def _settled(case: Case | None, pick: Pick) -> bool:
    return case is not None and case.state is pick.ends_in and case.next_check is None


def _next_due(state: dict[str, Any], cases: dict[str, Case], picks: list[Pick],
              ) -> datetime | None:
    """The next moment something happens to the demo's open cases: a case's next check, or
    the shop's next mail. (A delivery sends no mail: the assistant sees it at its next check.)"""
    orders = {p.order for p in picks if not _settled(cases.get(p.order), p)}
    checks = [c.next_check for o, c in cases.items() if o in orders and c.next_check]
    shop = [(e["action"], datetime.fromisoformat(e["due"])) for e in state["scheduled"]
            if e["order"] in orders]
    mails = [due for action, due in shop if action != "deliver"]
    times = (checks + mails) or [due for _, due in shop]
    return min(times) if times else None


def _elapsed(now: datetime, started: datetime) -> str:
    """The shop's time: days since the demo began, and the clock ("day 3, 14:05 UTC")."""
    return f"day {(now - started).days}, {now:%H:%M} UTC"
