"""`assistant doctor [--repair] [--json]`: checks settings, data dir, database, keyring,
passwords, mailbox, browser and session, and says what to fix. Exit 0 when nothing failed,
2 for configuration, else 1. `--repair` first moves a damaged database aside (kept)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from assistant.doctor.repair import repair as repair_database
from assistant.errors import AssistantError
from assistant.settings import load_settings

_MARK = {"ok": "[green]✓ ok[/]", "warn": "[yellow]! warn[/]", "fail": "[bold red]✗ fail[/]",
         "skipped": "[dim]- skipped[/]"}


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(doctor)


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    repair: Annotated[bool, typer.Option(
        "--repair", help="First move a damaged state database aside (the old file is kept, "
        "renamed with the time) and start a new, empty one.")] = False,
) -> None:
    """Check that everything is in place, and say what to fix."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from assistant.doctor import exit_code
    from assistant.doctor.checks import run_checks

    repaired = _repair() if repair else None
    checks = run_checks()
    code = exit_code(checks)
    if as_json:
        doc: dict[str, object] = {"checks": [c.to_dict() for c in checks], "exit_code": code}
        if repair:
            doc["repaired"] = repaired
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        raise typer.Exit(code)
    table = Table("Check", "Status", "Found", "What to do", title="assistant doctor")
    for check in checks:
        table.add_row(check.name, _MARK[str(check.status)], escape(check.found),
                      escape(check.fix))
    console = Console()
    if repair:
        console.print(escape(repaired or "Nothing to repair: the state database is whole."))
    console.print(table)
    console.print("All good." if code == 0 else
                  f"Fix the first ✗ above, then run `assistant doctor` again (exit {code}).")
    raise typer.Exit(code)


def _repair() -> str | None:
    """What --repair did, or None when the database is whole (or not there yet)."""
    try:
        return repair_database(load_settings())
    except AssistantError as exc:  # not damaged, but unusable: the checks below say more
        return f"Nothing was repaired: {exc.message}"
