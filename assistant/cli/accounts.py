"""`assistant accounts add|list|remove`: the shop accounts this data dir serves."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from assistant import accounts
from assistant.settings import root_settings

app = typer.Typer(help="The shop accounts this data dir serves (each with its own session, "
                  "password, mailbox and cases); `assistant tick` serves them all.",
                  no_args_is_help=True)


@app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="The email the account signs in with.")],
    mail: Annotated[str | None, typer.Option(
        help="Its mailbox, as ASSISTANT_MAIL (default: ASSISTANT_MAIL).")] = None,
    base_url: Annotated[str | None, typer.Option(
        help="Its shop's address (default: ASSISTANT_BASE_URL).")] = None,
    cdp_url: Annotated[str | None, typer.Option(
        help="A running Chrome to attach to for it (http://HOST:PORT).")] = None,
) -> None:
    """Add an account; then `assistant --account EMAIL secrets set site` and `login`."""
    root = root_settings()
    added = accounts.add(root, accounts.Account(email.strip(), mail, base_url, cdp_url))
    home = root.data_dir / added.home if added.home else root.data_dir
    typer.echo(f"Added {added.email}; its data: {home}.")
    typer.echo(f"Next: `assistant --account {added.email} secrets set site`, then "
               f"`assistant --account {added.email} login`.")


@app.command("list")
def list_accounts(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """The accounts, with their homes and own settings."""
    root = root_settings()
    found = accounts.registry(root.data_dir)
    if as_json:
        typer.echo(json.dumps({"accounts": [a.to_json() for a in found]}, indent=2))
        return
    if not found:
        typer.echo(f"No accounts added: the data dir {root.data_dir} serves "
                   f"{root.account or 'ASSISTANT_ACCOUNT'} alone.")
        return
    for a in found:
        own = ", ".join(f"{k} {v}" for k, v in (("mail", a.mail), ("shop", a.base_url),
                                                 ("attach", a.cdp_url)) if v)
        typer.echo(f"{a.email}  {root.data_dir / a.home if a.home else root.data_dir}"
                   + (f"  ({own})" if own else ""))


@app.command("remove")
def remove(email: Annotated[str, typer.Argument(help="The account's email.")]) -> None:
    """Forget an account (its data stays on disk; the keyring entry too)."""
    root = root_settings()
    gone = accounts.remove(root, email.strip())
    home = root.data_dir / gone.home if gone.home else root.data_dir
    typer.echo(f"Removed {gone.email}. Its data stays in {home}, its shop password in the "
               "keyring under its email.")


def register(main: typer.Typer) -> None:
    main.add_typer(app, name="accounts")
