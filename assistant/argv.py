"""The command line's words, read before the command line is loaded."""

from __future__ import annotations

from collections.abc import Sequence


def command_word(argv: Sequence[str]) -> str | None:
    """The command word of ``argv``, past the root options (--account takes a value)."""
    args = iter(argv)
    for arg in args:
        if arg == "--account":
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif arg in ("--help", "--version"):
            return None
    return None
