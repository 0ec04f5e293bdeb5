"""Old import path of the command-line runner (now tests/support/cli.py); kept for branches
in flight."""

from tests.support.cli import ready_assistant  # noqa: F401
