"""`assistant secrets set`: passwords (and the notification URLs) into the OS keyring."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Literal

import typer

from assistant.errors import BadInput
from assistant.notify.deliver import check_urls
from assistant.notify.targets import split_urls
from assistant.settings import Settings, load_settings
from assistant.usecases import refused_password

secrets_app = typer.Typer(help="Store passwords in the OS keyring.", no_args_is_help=True)


class Which(StrEnum):
    site = "site"
    mail = "mail"
    notify = "notify"


@secrets_app.command("set")
def secrets_set(which: Annotated[Which, typer.Argument(
        help="site: the shop's password; mail: the mailbox's; notify: apprise URLs, one a "
        "line.")]) -> None:
    """Store the shop's or the mailbox's password (asks on a terminal; else reads one line),
    or the notification URLs (on a terminal: separated by spaces; piped: one a line)."""
    from assistant.secrets import keyring_entry, store_password

    settings = load_settings()
    if which is Which.notify:
        _set_notify(settings)
        return
    kind: Literal["site", "mail"] = "site" if which is Which.site else "mail"
    keyring_entry(settings, kind)  # no account or mailbox set: say so before asking
    if sys.stdin.isatty():
        password = typer.prompt(f"{which.value} password", hide_input=True,
                                confirmation_prompt=True, err=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    user = store_password(settings, kind, password)
    if which.value == "site":

        refused_password.clear(settings)  # a new password may be tried again
    typer.echo(f"Stored the {which.value} password for {user} in the keyring.")


def _set_notify(settings: Settings) -> None:
    """Check every URL with apprise before storing any (a URL is shown by its scheme only)."""
    from assistant.secrets import store_password

    if sys.stdin.isatty():
        urls = tuple(typer.prompt("apprise URLs (separate several with spaces)",
                                  hide_input=True, err=True).split())
    else:
        urls = split_urls(sys.stdin.read())
    if not urls:
        raise BadInput("No notification URL given; nothing was stored.",
                       hint="Pipe them in, one a line: `assistant secrets set notify < urls`.")
    wrong = check_urls(urls)
    if wrong:
        raise BadInput(f"apprise does not know {len(wrong)} of the URLs ({', '.join(wrong)}); "
                       "nothing was stored.",
                       hint="See apprise's list of services for the form of each URL.")
    store_password(settings, "notify", "\n".join(urls))
    typer.echo(f"Stored {len(urls)} notification URL(s) in the keyring. "
               "`assistant notify --test` sends a test message.")


def register(app: typer.Typer) -> None:
    app.add_typer(secrets_app, name="secrets")
