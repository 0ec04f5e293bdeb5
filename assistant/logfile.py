"""The log file under the data dir: what cron runs did, kept when nobody watched the terminal.

``<data dir>/logs/assistant.log``, rotated at 1 MB with 5 old files kept; the folder is 0700
and every file 0600, rotated ones included (the handler opens new files itself, so the umask
alone would not be enough). It gets INFO and above (DEBUG with -v); the terminal only
warnings. The file is opened on the first record, so `assistant --help` or a quiet
`assistant status` leave nothing behind. What is logged never holds a password or a code:
the code logs none, and the CLI adds only the command's name and its exit code.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from io import TextIOWrapper
from pathlib import Path

from assistant.files import private_file

MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 (in a 0700 folder), and that gives
    up quietly, once, when the file cannot be written: a log file must not stop a command."""

    def _open(self) -> TextIOWrapper:
        private_file(Path(self.baseFilename))
        return super()._open()

    def rotate(self, source: str, dest: str) -> None:
        super().rotate(source, dest)
        if os.path.exists(dest):
            os.chmod(dest, 0o600)

    broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.broken:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        self.broken = True
        error = sys.exc_info()[1]
        why = error.strerror if isinstance(error, OSError) else type(error).__name__
        sys.stderr.write(f"No log file: {self.baseFilename} cannot be written ({why}).\n")


def attach(path: Path, *, verbose: bool = False) -> logging.Handler:
    """Log to ``path`` from now on (through the root logger), keeping the terminal's level."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, PrivateRotatingFileHandler) and \
                handler.baseFilename == os.path.abspath(path):
            return handler  # already attached (a second call in one process)
    handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                         encoding="utf-8", delay=True)
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler.setFormatter(logging.Formatter(FORMAT))
    if handler.level < root.getEffectiveLevel():
        # the file wants more than the terminal shows: the terminal's handlers keep their level
        for other in root.handlers:
            if other.level == logging.NOTSET:
                other.setLevel(root.getEffectiveLevel())
        root.setLevel(handler.level)
    root.addHandler(handler)
    return handler
