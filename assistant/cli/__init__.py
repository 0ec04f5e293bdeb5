"""The `assistant` command. Each area registers its commands from its own module.

Heavy imports (Playwright, Flask, imap-tools) happen inside the commands, so that an idle
`assistant tick` from cron starts fast and small.

``main`` is the one boundary where every error becomes what the person reads: an
AssistantError's message and exit code, and for anything unexpected a one-paragraph message
too. The traceback goes to the log file (when there is one), and to the terminal only with -v.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from assistant import __version__
from assistant.cli import (
    accounts,
    cases,
    demo,
    doctor,
    evidence,
    fixtures,
    mail,
    notify,
    record,
    schedule,
    secrets,
    shop,
)
from assistant.errors import AssistantError
from assistant.files import unusable, usable_dir
from assistant.logfile import attach
from assistant.settings import load_settings

app = typer.Typer(
    name="assistant",
    help="Cancels AliExpress orders before they ship, follows the shop's emails, "
    "and falls back to a return.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err_console = Console(stderr=True)
log = logging.getLogger("assistant.cli")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assistant {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="More logging.")] = False,
    account: Annotated[str | None, typer.Option(
        "--account", metavar="EMAIL", help="The account to serve (default: ASSISTANT_ACCOUNT; "
        "`assistant accounts list` shows them). `tick` serves every account without it.")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    if account is not None:  # every command's settings read it from there
        os.environ["ASSISTANT_ACCOUNT"] = account.strip()
    ctx.obj = {"account": account}
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    _log_file(ctx.invoked_subcommand, verbose)


def _log_file(command: str | None, verbose: bool) -> None:
    """The log file for cron runs, under the data dir. Invalid settings or an unusable data
    dir: no file, and the command itself reports them (as `assistant doctor` does). `demo`
    and `fixtures` keep away from the person's data dir."""

    if command in ("demo", "fixtures"):
        return
    try:
        settings = load_settings()
        usable_dir(settings.data_dir)  # a data dir that is a file: the command says so
    except AssistantError:
        return
    if settings.data_dir.exists() and not os.access(settings.data_dir, os.W_OK):
        return  # an unwritable data dir: likewise, no second message about the log file
    attach(settings.log_path, verbose=verbose)
    log.debug("assistant %s", command)


for module in (shop, accounts, secrets, cases, mail, schedule, notify, doctor, demo, fixtures,
               record, evidence):
    module.register(app)


def main() -> None:
    """Console-script entry point: maps the assistant's errors to their exit codes."""
    os.umask(0o077)  # whatever we write under the data dir is the shopper's alone
    try:
        app()
    except AssistantError as exc:
        _fail(exc, traced=exc.__cause__ is not None)
    except Exception as exc:  # the boundary: nothing unexpected leaves as a raw traceback
        _fail(_unexpected(exc), traced=True, raised=exc)


def _fail(error: AssistantError, *, traced: bool, raised: BaseException | None = None) -> None:
    """Say ``error`` on stderr and exit with its code. The traceback of one that came from
    another error is logged at INFO: the log file keeps it, the terminal shows it with -v."""
    trace = (raised or error) if traced else None
    log.info("exit %d: %s", error.exit_code, error.message, exc_info=trace)
    err_console.print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False)
    sys.exit(error.exit_code)


def _unexpected(exc: Exception) -> AssistantError:
    if isinstance(exc, OSError) and exc.filename:
        return unusable(exc, Path(exc.filename), "file")
    return AssistantError(
        f"Unexpected error ({type(exc).__name__}: {exc}); the command stopped there.",
        hint="Run it again with -v to see where; the log file under the data dir has the "
        "details too. If it goes on, please report it with that output.")
