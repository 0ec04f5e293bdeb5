"""`assistant evidence pack`: a failed run's evidence, scrubbed, for a bug report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.settings import load_settings


def pack(
    path: Annotated[Path, typer.Argument(help="The evidence folder (or file) an error named.")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="The archive to write (default: FOLDER-evidence.zip here).")] = None,
) -> None:
    """Scrub a run's evidence (traces, pages) of personal data into one archive; images are
    left out."""
    from assistant.usecases.evidence_pack import pack as run_pack  # Playwright: not at start-up

    for line in run_pack(load_settings(), path, out).lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    evidence = typer.Typer(help="A failed run's evidence, for a bug report.",
                           no_args_is_help=True)
    evidence.command("pack")(pack)
    app.add_typer(evidence, name="evidence")
