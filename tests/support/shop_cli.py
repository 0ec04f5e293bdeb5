"""Old import path of the command-line runner (now tests/support/cli.py); kept for branches
in flight."""

from tests.support.cli import REASON, Assistant  # noqa: F401
from tests.support.leaks import files_under, mentions  # noqa: F401
