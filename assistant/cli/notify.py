"""`assistant notify [--test]`: where notifications go, how many wait; `--test` sends one.

Exit 0 when the test message went out; 1 when a notification service refused it; 2 when no
target is set up or its configuration is wrong.
"""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.errors import AssistantError, ConfigError
from assistant.notify import waiting_count
from assistant.notify.deliver import Sender
from assistant.notify.targets import configured
from assistant.settings import load_settings

NO_TARGET_HINT = ("Store apprise URLs with `assistant secrets set notify` (one a line), or "
                  "set ASSISTANT_NOTIFY_CONFIG to an apprise configuration file (mode 0600).")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(notify)


def notify(
    test: Annotated[bool, typer.Option("--test", help="Send a test message now.")] = False,
) -> None:
    """Where notifications go and how many wait; `--test` sends a test message."""
    settings = load_settings()
    targets = configured(settings)
    if not targets:
        raise ConfigError("No notification target is set up.", hint=NO_TARGET_HINT)
    if not test:
        typer.echo(f"Notifications go to {targets.describe()}; "
                   f"{waiting_count(settings)} wait to be sent.")
        return
    error = Sender(targets).send(
        "AliExpress assistant: test message",
        "This is a test message from the AliExpress assistant: notifications reach you here.\n"
        "To do: nothing.", urgent=False)
    if error is not None:
        raise AssistantError(f"The test message was not sent: {error}.",
                             hint="Check the URLs (`assistant doctor`) and the service; "
                             "`assistant -v notify --test` logs more.")
    typer.echo(f"Sent a test message to {targets.describe()}.")
