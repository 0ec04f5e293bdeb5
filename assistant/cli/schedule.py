"""`assistant tick`, `assistant watch` and `assistant return`: the scheduler's commands.

`tick` imports neither Playwright nor the flows unless a due case needs the shop's pages,
so that an idle run from cron starts fast and small.
"""

from __future__ import annotations

import json
from datetime import UTC
from typing import Annotated

import typer

from assistant import accounts
from assistant.domain.vocabulary import order_number
from assistant.scheduler.report import TickReport
from assistant.settings import load_settings, root_settings
from assistant.usecases.tick import run_tick, run_ticks


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(tick)
    app.command()(watch)
    app.command("return")(return_order)


def tick(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """One scheduler pass for cron: poll mail, run due retries, checks and returns, then exit.

    Serves every account (`assistant accounts`) unless --account names one. Exits 3 (after
    all other work) when a person is needed: sign-in blocked, the shop's block page
    ("unusual traffic"; its cases wait, not failed), or a case failed.
    """
    root = (ctx.obj or {}).get("root") or root_settings()  # validated once for this run
    if (ctx.obj or {}).get("account"):
        report = run_tick(accounts.chosen(root))
    else:
        report = run_ticks(accounts.every(root))
    _show(report, as_json=as_json)
    raise typer.Exit(report.exit_code)


def watch() -> None:
    """The same passes, continuously (every ASSISTANT_WATCH_EVERY, and when mail arrives),
    until stopped with Ctrl-C or SIGTERM."""

    # Imported here: `tick` starts without the watcher (and its mail-arrival modules).
    from assistant.usecases.watch import Watch

    settings = load_settings()
    typer.echo(f"Watching: a pass every {settings.watch_every}"
               + (", and when mail arrives" if settings.mail else "")
               + ". Stop with Ctrl-C.")

    def show(report: TickReport) -> None:
        typer.echo(f"-- pass at {settings.clock.now().astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC")
        _show(report, as_json=False)

    Watch(settings, show).run()
    typer.echo("Stopped.")


def _show(report: TickReport, *, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"lines": report.lines, "person_needed": report.person_needed,
                               "problems": report.problems, "busy": report.busy,
                               "browser_started": report.browser_started,
                               "exit_code": report.exit_code}, indent=2, ensure_ascii=False))
        return
    for line in report.lines:
        typer.echo(line)
    for line in report.problems:
        typer.echo(f"Problem: {line}", err=True)
    for line in report.person_needed:
        typer.echo(f"A person is needed: {line}", err=True)


def return_order(
    order: Annotated[str, typer.Argument(help="The delivered order's number (16 digits).")],
    item: Annotated[list[str] | None, typer.Option(
        "--item", help="An item ID to return (repeat for more); all items when none.")] = None,
    reason: Annotated[str | None, typer.Option(
        help="A return reason the shop offers (else ASSISTANT_RETURN_REASON, else the "
        "first the form offers).")] = None,
    description: Annotated[str, typer.Option(
        help="What is wrong, for \"Describe the problem\" (optional).")] = "",
) -> None:
    """Open a return request for a delivered order."""
    order = order_number(order)  # exit 2 before anything starts
    # Imported here: an idle `assistant tick` must not import the flows (nor Playwright).
    from assistant.cli.shop import Terminal
    from assistant.usecases.returns import open_return

    lines = open_return(load_settings(), order, tuple(item or ()), reason, description,
                        person=Terminal())
    for line in lines:
        typer.echo(line)
