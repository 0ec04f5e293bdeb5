"""What the demo shows on the terminal, with rich: each step as it runs, what changed, the end."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assistant.demo.picks import Pick
from assistant.demo.sandbox import Ran, Sandbox


class DemoView:
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console()

    def intro(self, box: Sandbox, picks: Sequence[Pick], state: dict[str, Any]) -> None:
        out = self.console
        out.rule("[bold]AliExpress cancellation assistant: demo")
        out.print(f"A fixture shop runs at {box.server.url} (account "
                  f"{escape(state['account']['email'])}); its mail goes to {box.maildir}.")
        out.print(f"The assistant keeps its data in {box.data_dir} and its password in the "
                  "demo's own keyring file there, never in yours.")
        table = Table("Order", "Item", "Seller", "What the shop will do", title="Three orders")
        orders = {o["id"]: o for o in state["orders"]}
        for pick in picks:
            order = orders[pick.order]
            table.add_row(pick.order, escape(order["items"][0]["title"]),
                          escape(order["seller"]), pick.story)
        out.print(table)

    @contextmanager
    def working(self, doing: str) -> Iterator[None]:
        with self.console.status(escape(doing) + " …"):
            yield

    def done(self, doing: str, ran: Ran) -> None:
        self.console.print(f"[green]✓[/] {escape(doing)}")
        self.console.print(f"  [dim]$ {escape(ran.command)}[/]")
        for line in ran.stdout.strip().splitlines():
            self.console.print(f"    {escape(line)}")

    def ticked(self, ran: Ran, at: str) -> None:
        """What `assistant tick` said, as cron would have mailed it."""
        self.console.print(f"[green]✓[/] [bold]assistant tick[/]  [dim]{at}[/]")
        for line in ran.stdout.strip().splitlines():
            self.console.print(f"    {escape(line)}")

    def clock(self, moved: timedelta, at: str) -> None:
        self.console.print(f"[cyan]⏩[/] the shop's clock and the assistant's move "
                           f"{_duration(moved)} ahead, to {at}")

    def failed(self, ran: Ran) -> None:
        self.console.print(f"[bold red]✗ {escape(ran.command)} exited {ran.code}[/]")
        for text in (ran.stdout, ran.stderr):
            if text.strip():
                self.console.print(escape(text.rstrip()))

    def settled(self, box: Sandbox, picks: Sequence[Pick]) -> None:
        """Each case's end; `assistant status` prints its table after this."""
        out = self.console
        cases = box.cases()
        out.rule("[bold]Settled")
        for pick in picks:
            case = cases.get(pick.order)
            state = str(case.state) if case else "no case"
            out.print(f"[green]✓[/] {pick.order}: [bold]{state}[/] ({pick.story})")
        out.print("\n[bold]assistant status[/] says:")

    def evidence(self, box: Sandbox) -> None:
        out = self.console
        traces = sorted(box.paths.evidence_dir.glob("*/trace-*.zip"))
        out.print(f"\nEverything is kept in {box.root}:")
        out.print(f"  state database   {box.paths.db_path}")
        out.print(f"  log file         {box.paths.log_path}")
        out.print(f"  shop's mail      {box.maildir}")
        out.print(f"  shop's state     {box.root / 'shop-state.json'}")
        out.print(f"  evidence         {box.paths.evidence_dir} ({len(traces)} traces)")
        if traces:
            out.print("Watch a cancellation step by step:")
            out.print(f"  {_tool('playwright')} show-trace {traces[0]}", soft_wrap=True)
        out.print("Look at the cases again:")
        out.print(f"  ASSISTANT_DATA_DIR={box.data_dir} {_tool('assistant')} status",
                  soft_wrap=True)
        out.print(f"Delete it all with: rm -rf {box.root}")


def _tool(name: str) -> str:
    """How to call ``name`` from here: its path in this virtual environment (relative when
    below the current folder, as after `make demo`), else the bare name."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        return name
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "",
             f"{minutes} min" if minutes else ""]
    return " ".join(p for p in parts if p) or "less than a minute"
