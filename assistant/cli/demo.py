"""`assistant demo [--headed] [--skin seed|aliexpress]`: the whole lifecycle against the
embedded fixture site."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import BadInput

SKINS = ("seed", "aliexpress")  # the fixture shop's two sets of pages


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(demo)


def demo(
    headed: Annotated[bool, typer.Option(
        "--headed", help="Show the browser windows, to watch the assistant work.")] = False,
    folder: Annotated[Path | None, typer.Option(
        "--dir", help="Keep the demo's files here (default: a new temporary folder).",
        file_okay=False)] = None,
    skin: Annotated[str, typer.Option(
        help="The fixture shop's pages: seed (its own screens) or aliexpress (the real "
             "shop's: \"My Orders\", the \"Cancel order\" window).")] = "seed",
) -> None:
    """Three cancellations against a local fixture shop, followed to their end; no account,
    no password of yours, nothing written outside a temporary folder.

    Weeks of the shop's time pass in about a minute: its clock and the assistant's jump ahead
    together between two `assistant tick` runs.
    """
    if skin not in SKINS:
        raise BadInput(f"--skin: unknown skin {skin!r}; choose one of: {', '.join(SKINS)}")
    from assistant.demo.story import run_demo  # loads Flask and the fixture shop: not at start-up

    run_demo(headed=headed, browser_path=_chosen_browser(), root=folder, skin=skin)


def _chosen_browser() -> Path | None:
    """The person's ASSISTANT_BROWSER_PATH, if any: the only setting of theirs the demo uses
    (read without validating the rest, which the demo does not need)."""
    chosen = os.environ.get("ASSISTANT_BROWSER_PATH")
    return Path(chosen) if chosen else None
