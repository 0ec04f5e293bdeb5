"""`assistant status [ORDER] [--json]`: each case, its state, and what the shopper must do;
`assistant drop ORDER`: stop following a case, keeping its history."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from assistant.domain import Case
from assistant.errors import BadInput, Busy
from assistant.files import usable_dir
from assistant.notify import waiting_count
from assistant.settings import load_settings
from assistant.store import CaseStore

DROP_LEASE = timedelta(minutes=1)  # the drop itself takes milliseconds


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
    # Imported here: rich (slow to import) only when a table is printed, not in an idle tick.
    from assistant.cli.cases_view import print_cases

    print_cases(cases, now=settings.clock.now())
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
