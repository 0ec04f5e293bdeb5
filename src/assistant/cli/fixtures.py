"""`assistant fixtures serve`: the recorded fixture site for testers."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
