"""`assistant record`: the account's pages, recorded read-only and scrubbed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.domain.vocabulary import order_number
from assistant.settings import load_settings


def record(
    orders: Annotated[list[str] | None, typer.Argument(
        help="Order numbers whose pages to record (their page, cancel window, returns).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="A new folder for the recording.")] =
    Path("recording"),
    all_pages: Annotated[bool, typer.Option(
        "--all-pages", help="Every page of the order list (else those the orders need; "
        "all when no order is named).")] = False,
) -> None:
    """Record the shop's pages read-only with the saved session, scrubbed of personal data
    (a HAR file for `assistant fixtures serve --recorded`, a snapshot of each page)."""
    from assistant.usecases.record import record as run_record  # Playwright: not at start-up

    numbers = [order_number(o) for o in orders or ()]  # exit 2 before the browser starts
    done = run_record(load_settings(), numbers, out, all_pages=all_pages or not numbers)
    for line in done.lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(record)
