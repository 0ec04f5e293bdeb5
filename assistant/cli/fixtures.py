"""`assistant fixtures serve`: the recorded fixture site for testers."""

from __future__ import annotations

import signal
import sys
import threading
from typing import Annotated

import typer

from assistant.errors import BadInput


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    fixtures = typer.Typer(help="The local fixture shop, for testers and tests.",
                           no_args_is_help=True)
    fixtures.command("serve")(serve)
    app.add_typer(fixtures, name="fixtures")


def serve(
    scenario: Annotated[str, typer.Option(help="default, verification-code or captcha.")] =
    "default",
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1; 0 picks a free one.")] = 0,
    skin: Annotated[str, typer.Option(
        help="seed (the seed's screens) or aliexpress (the real shop's: \"My Orders\", "
             "whole-order cancellation, the seller's 48 hours).")] = "seed",
    wording: Annotated[int, typer.Option(
        min=0, help="Which wording of the labels the pages show: 0 the usual one, 1 another "
                    "(\"Search by order number\", \"Request cancellation\", …), to show that "
                    "the assistant survives a rewording.")] = 0,
    mail: Annotated[str | None, typer.Option(
        help="Where the shop's mail goes: maildir:/path, imap://user:pw@host:port/INBOX, "
             "imaps://…  (default: a new temporary Maildir, printed on the second line). "
             "The mail is signed with DKIM; a line \"DKIM keys: FILE\" names the key's TXT "
             "record file, for ASSISTANT_DKIM_KEYS."
    )] = None,
) -> None:
    """Serve the fixture shop until stopped (Ctrl-C or SIGTERM)."""
    from fixture_shop.server import ScenarioError, SkinError, build_server  # Flask: not at start-up

    try:
        server = build_server(scenario=scenario, mail=mail, port=port, skin=skin,
                              wording=wording)
    except SkinError as exc:
        raise BadInput(f"--skin: {exc}") from exc
    except ScenarioError as exc:
        raise BadInput(str(exc)) from exc
    except ValueError as exc:
        raise BadInput(f"--mail: {exc}") from exc
    except OSError as exc:
        raise BadInput(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
                       hint="Choose another --port, or 0 for a free one.") from exc

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server.start()
    # Test harnesses read the first line to learn the port: it must not wait in a buffer.
    typer.echo(f"Serving fixture site at {server.url}")
    if mail is None:
        typer.echo(server.shop.outbox.description)
    # the assistant's ASSISTANT_DKIM_KEYS: the shop signs its mail with this key
    typer.echo(f"DKIM keys: {server.dkim_keys}")
    sys.stdout.flush()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        server.stop()
