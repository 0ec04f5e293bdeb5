"""The `assistant` console script (and `python -m assistant`).

A cancellation races the warehouse. For `assistant cancel`, Playwright's driver (a Node.js
process that takes about 0.6 s to be ready) starts first, and the command line, its settings
and the use case load beside it, in a thread, instead of before it. The driver's temporary
folder is under the data dir, so the data dir is told here the way the settings will tell it
(``data_dir_hint``); the command takes that driver only when its settings name the same data
dir (``assistant.driver.driver_ahead``), and otherwise starts its own. Every other command
starts as before.
"""

from __future__ import annotations

import os
import sys

from assistant.argv import command_word
from assistant.files import data_dir_hint

# What a cancel imports before its browser opens: loaded while the driver starts.
CANCEL_MODULES = ("assistant.cli", "assistant.cli.shop", "assistant.usecases.cancel")


def main() -> None:
    os.umask(0o077)  # before the driver starts: what it writes is the shopper's alone too
    argv = sys.argv[1:]
    early = command_word(argv) == "cancel" and "--help" not in argv and _driver_first()
    from assistant.cli import main as run

    try:
        run()
    finally:
        if early:  # one no run took (the command stopped before its browser: bad input, say)
            from assistant.driver import stop_ahead

            stop_ahead()


def _driver_first() -> bool:
    """Start the driver now, for the data dir the settings will probably name. Anything in
    the way (no data dir yet, a `.env` that cannot be read, a driver that does not start):
    nothing is started, and the command meets and reports it as it would have."""
    try:
        data_dir = data_dir_hint()
        if not (data_dir.is_absolute() and data_dir.is_dir()):  # a first run, say: the
            return False  # command creates the data dir (or says why it can't)
        from assistant.driver import start_ahead

        start_ahead(data_dir, *CANCEL_MODULES)
    except Exception:  # the command's own start meets it and reports it
        return False
    return True
