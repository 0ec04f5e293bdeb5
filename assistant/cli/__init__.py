"""The `assistant` command. Each area registers its commands from its own module.

Heavy imports (Playwright, Flask, imap-tools, rich, keyring) happen inside the commands, and
a run imports only the area of the command it names (``build``), so that an idle
`assistant tick` from cron starts fast and small.

``main`` is the one boundary where every error becomes what the person reads: an
AssistantError's message and exit code, and for anything unexpected a one-paragraph message
too. The traceback goes to the log file (when there is one), and to the terminal only with -v.
"""

from __future__ import annotations

import gc

# No cycle collector while the modules load (see ``_started``); on again at the module's end,
# with what they made frozen (``gc.freeze``: else the first pass would go over all of it).
_COLLECTING = gc.isenabled()
gc.disable()

import importlib  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated  # noqa: E402

import typer  # noqa: E402

from assistant import __version__  # noqa: E402
from assistant.accounts import chosen as chosen_account  # noqa: E402
from assistant.argv import command_word  # noqa: E402
from assistant.errors import AssistantError  # noqa: E402
from assistant.files import unusable, usable_dir  # noqa: E402
from assistant.logfile import attach  # noqa: E402
from assistant.settings import Settings, root_settings  # noqa: E402

app = typer.Typer(
    name="assistant",
    help="Cancels AliExpress orders before they ship, follows the shop's emails, "
    "and falls back to a return.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
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
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # "root": the settings as validated for the log file, for a command to reuse (`tick`)
    ctx.obj = {"account": account, "root": _log_file(ctx.invoked_subcommand, verbose)}


def _log_file(command: str | None, verbose: bool) -> Settings | None:
    """The log file for cron runs, under the data dir. Invalid settings or an unusable data
    dir: no file, and the command itself reports them (as `assistant doctor` does). `demo`
    and `fixtures` keep away from the person's data dir. Returns the root settings read."""

    if command in ("demo", "fixtures"):
        return None
    try:
        root = root_settings()
        settings = chosen_account(root)
        usable_dir(settings.data_dir)  # a data dir that is a file: the command says so
    except AssistantError:
        return None
    if settings.data_dir.exists() and not os.access(settings.data_dir, os.W_OK):
        return root  # an unwritable data dir: likewise, no second message about the log file
    attach(settings.log_path, verbose=verbose)
    log.debug("assistant %s", command)
    return root


# The areas in the order `assistant --help` lists their commands, and each command's area.
AREAS = ("shop", "accounts", "secrets", "cases", "mail", "schedule", "notify", "doctor", "demo",
         "fixtures", "record", "evidence")
COMMANDS = {"login": "shop", "orders": "shop", "cancel": "shop", "accounts": "accounts",
            "secrets": "secrets", "status": "cases", "drop": "cases", "poll": "mail",
            "tick": "schedule", "watch": "schedule", "return": "schedule", "notify": "notify",
            "doctor": "doctor", "demo": "demo", "fixtures": "fixtures",
            "record": "record", "evidence": "evidence"}
_registered: set[str] = set()


def build(argv: Sequence[str] | None = None) -> typer.Typer:
    """The app with its commands: only the named command's area when ``argv`` names a known
    command, else every area (for --help, and for the message about an unknown command)."""
    named = command_word(argv or ())
    for area in (COMMANDS[named],) if named in COMMANDS else AREAS:
        if area not in _registered:
            _registered.add(area)
            # Imported here: the idle `assistant tick` starts without the other areas' modules.
            importlib.import_module(f"assistant.cli.{area}").register(app)
    return app


def _started(argv: Sequence[str]) -> typer.Typer:
    """``build(argv)``, with the cycle collector off while the modules load (this module's
    imports too): start-up makes many objects and frees few, and the collector's passes over
    them cost a short run (an idle `assistant tick`) a sixth of its time. Then the start-up's
    objects are set aside (``gc.freeze``: later passes skip them) and the collector runs as
    usual for the command itself."""
    gc.disable()
    try:
        return build(argv)
    finally:
        gc.freeze()
        gc.enable()


def main() -> None:
    """The command line (run by the console script, `assistant.entry`): maps the assistant's
    errors to their exit codes."""
    os.umask(0o077)  # whatever we write under the data dir is the shopper's alone
    try:
        command = _started(sys.argv[1:])
        command()
    except AssistantError as exc:
        _fail(exc, traced=exc.__cause__ is not None)
    except Exception as exc:  # the boundary: nothing unexpected leaves as a raw traceback
        _fail(_unexpected(exc), traced=True, raised=exc)


def _fail(error: AssistantError, *, traced: bool, raised: BaseException | None = None) -> None:
    """Say ``error`` on stderr and exit with its code. The traceback of one that came from
    another error is logged at INFO: the log file keeps it, the terminal shows it with -v."""
    trace = (raised or error) if traced else None
    log.info("exit %d: %s", error.exit_code, error.message, exc_info=trace)
    from rich.console import Console  # rich is slow to import: only when there is an error
    from rich.markup import escape

    Console(stderr=True).print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False)
    sys.exit(error.exit_code)


def _unexpected(exc: Exception) -> AssistantError:
    if isinstance(exc, OSError) and exc.filename:
        return unusable(exc, Path(exc.filename), "file")
    return AssistantError(
        f"Unexpected error ({type(exc).__name__}: {exc}); the command stopped there.",
        hint="Run it again with -v to see where; the log file under the data dir has the "
        "details too. If it goes on, please report it with that output.")


if _COLLECTING:  # on again for an importer (a test); what loaded so far lives on anyway
    gc.freeze()
    gc.enable()
