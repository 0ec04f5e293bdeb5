"""A timeline of one kept cancel (from `cancel_speed.py -v`): each Playwright call that moves
the page or the browser, and each line of the assistant's own log, at its second from the
command's start, and the moment the shop recorded the request.

Usage: .venv/bin/python benchmarks/cancel_steps.py benchmarks/last-cancel-seed-cold-assistant.log
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

STEPS = re.compile(r"pw:api => (BrowserType\.launch|Browser\.new_context|Tracing\.\w+|"
                   r"BrowserContext\.(new_page|storage_state)|Page\.(goto|wait_for_url|"
                   r"screenshot)|Locator\.(click|fill|press|check|wait_for|hover)|Browser\.close)"
                   r" started")
DONE = re.compile(r"pw:api <= (BrowserType\.launch|Browser\.close|Tracing\.stop) succeeded")
STAMP = re.compile(r"^(\d+\.\d{3}) (.*)$")


def main() -> None:
    text = Path(sys.argv[1]).read_text()
    start = float(re.search(r"^(\d+\.\d+) start \(monotonic\)$", text, re.M)[1])  # type: ignore[index]
    recorded = float(re.search(r"^(\d+\.\d+) request recorded", text, re.M)[1])  # type: ignore[index]
    for line in text.splitlines():
        found = STAMP.match(line)
        if not found:
            continue
        at, said = float(found[1]) - start, found[2]
        ours = (" DEBUG " in said or " INFO " in said) and "pw:" not in said
        if STEPS.search(said) or DONE.search(said) or ours:
            print(f"{at:7.2f}  {said[:110]}")
    print(f"{recorded - start:7.2f}  the shop recorded the request")


if __name__ == "__main__":
    main()
