"""The `assistant` console script (and `python -m assistant`).

A cancellation races the warehouse. For `assistant cancel`, Playwright's driver (a Node.js
process that takes about 0.6 s to be ready) starts first, and the command line, its settings
and the use case load beside it, in a thread, instead of before it. The driver's temporary
folder is under the data dir, so the data dir is told here the way the settings will tell it
(``data_dir_hint``); the command takes that driver only when its settings name the same data
dir (``assistant.driver.driver_ahead``), and otherwise starts its own. On a first run the
data dir is made here (as any command with valid settings makes it, for its log) and removed
again when the command left it empty (invalid settings). Every other command starts as
before.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from assistant.argv import command_word
from assistant.files import data_dir_hint

# What a cancel imports before its browser opens: loaded while the driver starts.
CANCEL_MODULES = ("assistant.cli", "assistant.cli.shop", "assistant.usecases.cancel")


def main() -> None:
    os.umask(0o077)  # before the driver starts: what it writes is the shopper's alone too
    argv = sys.argv[1:]
    early, made = _driver_first() if command_word(argv) == "cancel" and \
        "--help" not in argv else (False, None)
    from assistant.cli import main as run

    try:
        run()
    finally:
        if early:  # one no run took (the command stopped before its browser: bad input, say)
            from assistant.driver import stop_ahead

            stop_ahead()
        if made is not None:  # made here, left empty: the command did not use it
            _remove_if_empty(made / "tmp", made)


def _driver_first() -> tuple[bool, Path | None]:
    """Start the driver now, for the data dir the settings will probably name. Returns
    whether it started, and the data dir when it was made here for the driver's temporary
    folder (a first run; any command with valid settings makes it too, for its log). Anything
    in the way (a `.env` that cannot be read, a data dir that is a file, a driver that does
    not start): nothing is started, and the command meets and reports it as it would have."""
    try:
        data_dir = data_dir_hint()
        if not data_dir.is_absolute():
            return False, None
        made = not data_dir.exists() and data_dir.parent.is_dir()
        if not (made or data_dir.is_dir()):
            return False, None
    except Exception:  # the command's own start meets it and reports it
        return False, None
    try:
        from assistant.driver import start_ahead

        start_ahead(data_dir, *CANCEL_MODULES)  # makes data_dir/tmp (and data_dir), 0700
    except Exception:
        return False, data_dir if made else None
    return True, data_dir if made else None


def _remove_if_empty(*folders: Path) -> None:
    for folder in folders:
        try:
            folder.rmdir()  # only an empty folder: never anything of the command's
        except OSError:
            return
