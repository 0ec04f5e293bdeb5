"""How `assistant status` prints the cases: a table, or one block per case on a narrow
terminal. Apart from the status command, so that rich (slow to import) stays out of the
commands that print no table, such as an idle `assistant tick`."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assistant.domain import Case, State, wording

_STYLE = {State.FAILED: "bold red", State.SELLER_CONTACT: "yellow", State.CANCELLED: "green",
          State.REFUNDED: "green", State.DROPPED: "dim"}
WIDE = 110  # narrower terminals get one block per case instead of the table


def print_cases(cases: list[Case], *, now: datetime) -> None:
    """The cases on stdout, as a table or blocks, by the terminal's width."""
    _table(cases, now=now, console=Console())


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
