"""Run a Python program with each line it writes to stderr stamped with time.monotonic()
(system-wide on Linux, so comparable with the caller's clock): with DEBUG=pw:api and `-v`,
the stderr of a cancel is a timeline of its steps (for cancel_speed.py -v).

Usage: stamped.py -m MODULE ARGS... | stamped.py SCRIPT ARGS...
"""

from __future__ import annotations

import runpy
import sys
import time
from typing import Any, TextIO


class Stamped:
    def __init__(self, inner: TextIO) -> None:
        self.inner = inner
        self.at_line_start = True

    def write(self, text: str) -> int:
        out = []
        for part in text.splitlines(keepends=True):
            if self.at_line_start:
                out.append(f"{time.monotonic():.3f} ")
            out.append(part)
            self.at_line_start = part.endswith("\n")
        return self.inner.write("".join(out))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def main() -> None:
    sys.stderr = Stamped(sys.stderr)  # type: ignore[assignment]
    if sys.argv[1] == "-m":
        sys.argv = [sys.argv[2], *sys.argv[3:]]
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
