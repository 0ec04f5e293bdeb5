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
from assistant.cli import cases, demo, doctor, fixtures, mail, schedule, shop
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


for module in (shop, cases, mail, schedule, doctor, demo, fixtures):
    module.register(app)


def main() -> None:
    """Console-script entry point: maps the assistant's errors to their exit codes."""
    os.umask(0o077)  # whatever we write under the data dir is the shopper's alone
    try:
        app()
    except AssistantError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)
