"""The `assistant` command. Each area registers its commands from its own module.

Heavy imports (Playwright, Flask, imap-tools) happen inside the commands, so that an idle
`assistant tick` from cron starts fast and small.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated

import typer
from rich.console import Console

from assistant import __version__
from assistant.cli import cases, demo, doctor, fixtures, mail, notify, schedule, secrets, shop
from assistant.errors import AssistantError

app = typer.Typer(
    name="assistant",
    help="Cancels AliExpress orders before they ship, follows the shop's emails, "
    "and falls back to a return.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err_console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assistant {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="More logging.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    _log_file(ctx.invoked_subcommand, verbose)


def _log_file(command: str | None, verbose: bool) -> None:
    """The log file for cron runs, under the data dir. Invalid settings: no file, and the
    command itself reports them (as `assistant doctor` does). `demo` and `fixtures` keep
    away from the person's data dir."""
    from assistant.logfile import attach
    from assistant.settings import load_settings

    if command in ("demo", "fixtures"):
        return
    try:
        path = load_settings().log_path
    except AssistantError:
        return
    attach(path, verbose=verbose)
    logging.getLogger("assistant.cli").debug("assistant %s", command)


for module in (shop, secrets, cases, mail, schedule, notify, doctor, demo, fixtures):
    module.register(app)


def main() -> None:
    """Console-script entry point: maps the assistant's errors to their exit codes."""
    os.umask(0o077)  # whatever we write under the data dir is the shopper's alone
    try:
        app()
    except AssistantError as exc:
        logging.getLogger("assistant.cli").info("exit %d: %s", exc.exit_code, exc.message)
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)
