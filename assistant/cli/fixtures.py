"""`assistant fixtures serve`: the fixture site for testers, or a recording of pages."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
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
    recorded: Annotated[Path | None, typer.Option(
        help="Replay this recording (`assistant record --out DIR`) instead: its answers, "
             "404 (logged) for any request it does not hold.")] = None,
) -> None:
    """Serve the fixture shop until stopped (Ctrl-C or SIGTERM)."""
    if recorded is not None:
        _serve_recording(recorded, port)
        return
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

    stop = _stop_on_signal()
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


def _stop_on_signal() -> threading.Event:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def _serve_recording(folder: Path, port: int) -> None:
    from fixture_shop.replay import RecordingError, ReplayServer  # Flask: not at start-up

    try:
        server = ReplayServer(folder, port=port)
    except RecordingError as exc:
        raise BadInput(f"--recorded: {exc}",
                       hint="Give a folder made by `assistant record --out DIR`.") from exc
    except OSError as exc:
        raise BadInput(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
                       hint="Choose another --port, or 0 for a free one.") from exc
    stop = _stop_on_signal()
    server.start()
    typer.echo(f"Serving fixture site at {server.url}")
    typer.echo(f"Replaying the recording in {folder} (requests it lacks answer 404)")
    sys.stdout.flush()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        server.stop()
        for miss in server.misses:
            typer.echo(f"Not in the recording: {miss}", err=True)
