"""Old import path of the command-line runner (now tests/support/cli.py); kept for branches
in flight."""

from tests.support.cli import ROOT, Ran, run_assistant  # noqa: F401

assistant = run_assistant  # the old name
