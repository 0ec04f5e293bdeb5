"""`assistant status [ORDER] [--json]`: each case, its state, and what the shopper must do;
`assistant drop ORDER`: stop following a case, keeping its history."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from assistant.domain import Case, State, wording
from assistant.errors import BadInput, Busy
from assistant.files import usable_dir
from assistant.notify import waiting_count
from assistant.settings import load_settings
from assistant.store import CaseStore

_STYLE = {State.FAILED: "bold red", State.SELLER_CONTACT: "yellow", State.CANCELLED: "green",
          State.REFUNDED: "green", State.DROPPED: "dim"}
DROP_LEASE = timedelta(minutes=1)  # the drop itself takes milliseconds
WIDE = 110  # narrower terminals get one block per case instead of the table


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command("status")(status)
    app.command("drop")(drop)


def status(
    order: Annotated[str | None, typer.Argument(help="Only this order's case.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Each case: order, items, state, attempts, last event, next check, and what to do
    (with until when the seller may answer a request: seller_deadline in --json)."""
    settings = load_settings()
    usable_dir(settings.data_dir)  # a file there is no empty data dir: say so
    cases = _cases(settings.db_path, order)
    if as_json:
        typer.echo(json.dumps({"account": settings.account, "cases": [
            {**c.to_dict(), "account": settings.account} for c in cases]}, indent=2,
            ensure_ascii=False))
        return
    if settings.account:
        typer.echo(f"Account: {settings.account}")
    _table(cases, now=settings.clock.now(), console=Console())
    waiting = waiting_count(settings)
    if waiting:
        typer.echo(f"{waiting} notification(s) wait to be sent (the next tick tries again; "
                   "`assistant notify --test` checks the target).")


def drop(
    order: Annotated[str, typer.Argument(help="The order whose case to stop following.")],
) -> None:
    """Stop following a case (an order settled by hand, or one a wrong mail moved): its
    history is kept, `status` shows it as dropped, and `tick` never touches it again."""
    settings = load_settings()
    usable_dir(settings.data_dir)
    order = order.strip()
    if not settings.db_path.exists():
        raise _no_case(order)
    with CaseStore.open(settings.db_path) as store, \
            store.case_lease(order, owner="drop", ttl=DROP_LEASE,
                             wait=settings.tick_wait) as lease:
        if not lease:
            raise Busy(f"Order {order} is being worked on by another run ({lease.holder}); "
                       "it was not dropped.", hint="Run `assistant drop` again in a moment.")
        case = store.get(order)
        if case is None:
            raise _no_case(order)
        if not case.drop(settings.clock.now(), detail="Dropped by the shopper: no longer "
                         "followed"):
            typer.echo(f"Order {order} was dropped already; nothing changed.")
            return
        store.save(case)
    typer.echo(f"Order {order} is no longer followed (dropped); its history is kept. "
               f"`assistant status {order}` shows it.")


def _no_case(order: str) -> BadInput:
    return BadInput(f"No case for order {order}.",
                    hint="`assistant status` lists the cases; "
                    "`assistant cancel ORDER` opens one.")


def _cases(path: Path, order: str | None) -> list[Case]:
    # Looking must not create the database: no file means no case yet.
    cases: list[Case] = []
    if path.exists():
        with CaseStore.open(path) as store:
            if order is None:
                cases = store.all()
            else:
                found = store.get(order.strip())
                cases = [] if found is None else [found]
    if order is not None and not cases:
        raise _no_case(order)
    return cases


def _table(cases: list[Case], *, now: datetime, console: Console) -> None:
    if not cases:
        console.print("No cases yet. `assistant cancel ORDER` opens one.")
        return
    if console.width < WIDE:
        _blocks(cases, now=now, console=console)
        return
    table = Table(title="Cancellation cases (times in UTC)", show_lines=True)
    # Identifiers and times must stay readable on one line; prose may wrap.
    for column, wrap in (("Order", False), ("Items", True), ("State", False),
                         ("Tries", False), ("Last event", True), ("Next check", False),
                         ("What to do", True)):
        table.add_column(column, no_wrap=not wrap, overflow="fold",
                         ratio=2 if column in ("Last event", "What to do") else None)
    for case in cases:
        last = case.last_event
        table.add_row(
            Text(case.order),
            Text(", ".join(case.items) or "-"),
            Text(str(case.state), style=_STYLE.get(case.state, "")),
            str(case.attempts),
            Text("-" if last is None else f"{_when(last.at)}\n{last.detail}"),
            _next(case.next_check, now),
            Text(_to_do(case)),
        )
    console.print(table)


def _to_do(case: Case) -> str:
    """What the shopper must do, and until when the seller may answer a request."""
    deadline = case.seller_deadline
    if deadline is None:
        return case.todo or "-"
    waits = f"the seller has until {wording.moment(deadline)} to answer"
    return f"{case.todo}\n({waits})" if case.todo else f"Wait: {waits}"


def _blocks(cases: list[Case], *, now: datetime, console: Console) -> None:
    """The same facts, one block per case, for terminals too narrow for the table."""
    for case in cases:
        last = case.last_event
        title = Text.assemble((case.order, "bold"), "  ",
                              (str(case.state), _STYLE.get(case.state, "")))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in (
            ("items", ", ".join(case.items) or "-"),
            ("attempts", str(case.attempts)),
            ("last event", "-" if last is None else f"{_when(last.at)} UTC  {last.detail}"),
            ("next check", _next(case.next_check, now) + ("" if case.next_check is None
                                                          else " UTC")),
            ("what to do", _to_do(case)),
        ):
            grid.add_row(label, Text(value))
        console.print(title)
        console.print(grid)
        console.print()


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def _next(at: datetime | None, now: datetime) -> str:
    if at is None:
        return "-"
    return f"{_when(at)} (due)" if at <= now else _when(at)
