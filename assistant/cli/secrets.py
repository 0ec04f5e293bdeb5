"""`assistant secrets set`: passwords into the OS keyring."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from assistant.settings import load_settings

secrets_app = typer.Typer(help="Store passwords in the OS keyring.", no_args_is_help=True)


class Which(StrEnum):
    site = "site"
    mail = "mail"


@secrets_app.command("set")
def secrets_set(which: Annotated[Which, typer.Argument(help="site: the shop's password; "
                                                        "mail: the mailbox's.")]) -> None:
    """Store the shop's or the mailbox's password (asks on a terminal; else reads one line)."""
    from assistant.secrets import keyring_entry, store_password

    settings = load_settings()
    keyring_entry(settings, which.value)  # no account or mailbox set: say so before asking
    if sys.stdin.isatty():
        password = typer.prompt(f"{which.value} password", hide_input=True,
                                confirmation_prompt=True, err=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    user = store_password(settings, which.value, password)
    if which.value == "site":
        from assistant.usecases import refused_password

        refused_password.clear(settings)  # a new password may be tried again
    typer.echo(f"Stored the {which.value} password for {user} in the keyring.")


def register(app: typer.Typer) -> None:
    app.add_typer(secrets_app, name="secrets")
