"""`assistant doctor [--json]`: checks settings, keyring, passwords, mailbox, browser and
session, and says what to fix. Exit 0 when nothing failed, 2 for configuration, else 1."""

from __future__ import annotations

import json
from typing import Annotated

import typer

_MARK = {"ok": "[green]✓ ok[/]", "warn": "[yellow]! warn[/]", "fail": "[bold red]✗ fail[/]",
         "skipped": "[dim]- skipped[/]"}


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(doctor)


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Check that everything is in place, and say what to fix."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from assistant.doctor import exit_code
    from assistant.doctor.checks import run_checks

    checks = run_checks()
    code = exit_code(checks)
    if as_json:
        typer.echo(json.dumps({"checks": [c.to_dict() for c in checks], "exit_code": code},
                              indent=2, ensure_ascii=False))
        raise typer.Exit(code)
    table = Table("Check", "Status", "Found", "What to do", title="assistant doctor")
    for check in checks:
        table.add_row(check.name, _MARK[str(check.status)], escape(check.found),
                      escape(check.fix))
    console = Console()
    console.print(table)
    console.print("All good." if code == 0 else
                  f"Fix the first ✗ above, then run `assistant doctor` again (exit {code}).")
    raise typer.Exit(code)
