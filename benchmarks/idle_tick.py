"""How much an idle `assistant tick` costs: time and peak memory, beside `python -c pass` and
`python -c "import pydantic_settings"` (the floor of a run that validates its settings).

An idle tick is what cron runs most of the time: nothing is due and no new mail came. It must
start no browser and must not even import Playwright. This script measures the commands
interleaved in the same run (so the numbers share one machine state), prints the ratio
tick / import pydantic_settings, and checks the imports with `python -X importtime` and the
tick's own report (`--json`: browser_started).

    .venv/bin/python benchmarks/idle_tick.py [--runs 15] [--mail]

Set-up (in a temporary folder): a state database with a few cases whose next check lies in
the future; with --mail, an empty Maildir as ASSISTANT_MAIL too, already polled once.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assistant.domain import Case
from assistant.store import CaseStore


def seed(data_dir: Path, maildir: Path | None) -> dict[str, str]:
    """A data dir with waiting cases (and an empty mailbox); the environment for the tick."""
    for sub in ("cur", "new", "tmp") if maildir else ():
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    with CaseStore.open(data_dir / "assistant.sqlite3") as store:
        for n in range(1, 6):
            case = Case.open(f"81900000000001{n:02d}")
            case.record_request(["1"], reason="No longer needed", surface="web", at=now)
            case.submit_confirmed(now, next_check=now + timedelta(hours=2))
            store.save(case)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_DATA_DIR=str(data_dir))
    if maildir:
        env.update(ASSISTANT_MAIL=f"maildir:{maildir}")
    return env


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB, exit code) of one run, from the kernel's accounting."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, child.returncode


def imported(argv: list[str], env: dict[str, str], *prefixes: str) -> list[str]:
    """Modules under one of ``prefixes`` that a run imports (python -X importtime)."""
    run = subprocess.run([sys.executable, "-X", "importtime", *argv[1:]], env=env,
                         capture_output=True, text=True, check=False)
    names = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
             if line.startswith("import time:")]
    return [n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)]


def summary(label: str, runs: list[tuple[float, int, int]]) -> str:
    times = [t for t, _, _ in runs]
    peak = max(m for _, m, _ in runs)
    codes = sorted({c for _, _, c in runs})
    return (f"{label:<24} median {statistics.median(times) * 1000:7.1f} ms   "
            f"min {min(times) * 1000:7.1f} ms   peak RSS {peak / 1024:6.1f} MiB   "
            f"exit {','.join(map(str, codes))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--mail", action="store_true", help="with an (empty) mailbox set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="idle-tick-") as tmp:
        env = seed(Path(tmp) / "data", Path(tmp) / "mail" if args.mail else None)
        tick = [sys.executable, "-m", "assistant", "tick"]
        commands = {"python -c pass": [sys.executable, "-c", "pass"],
                    "import pydantic_settings": [sys.executable, "-c",
                                                 "import pydantic_settings"],
                    "assistant tick (idle)": tick}
        subprocess.run(tick, env=env, capture_output=True, check=False)  # first poll, warm cache
        pairs: dict[str, list[tuple[float, int, int]]] = {label: [] for label in commands}
        for _ in range(args.runs):  # interleaved: all see the same machine load
            for label, argv in commands.items():
                pairs[label].append(measure(argv, env))
        report = json.loads(subprocess.run([*tick, "--json"], env=env, capture_output=True,
                                           text=True, check=False).stdout)
        playwright = imported(tick, env, "playwright")
        heavy = imported(tick, env, "keyring", "secretstorage", "jeepney", "rich", "apprise",
                         "assistant.mail.apply", "assistant.mail.message")
    mail = "an empty mailbox" if args.mail else "no mailbox set"
    print(f"Idle tick benchmark ({mail}): {args.runs} runs each, interleaved, {sys.executable}")
    for label, runs in pairs.items():
        print(summary(label, runs))
    ratio = (statistics.median(t for t, _, _ in pairs["assistant tick (idle)"])
             / statistics.median(t for t, _, _ in pairs["import pydantic_settings"]))
    peak = max(m for _, m, _ in pairs["assistant tick (idle)"]) / 1024
    print(f"ratio tick / import pydantic_settings (medians): {ratio:.2f}   "
          f"tick peak RSS {peak:.1f} MiB")
    print(f"The idle tick said: {' '.join(report['lines'])} (exit {report['exit_code']})")
    print(f"Browser started by the idle tick: {'yes' if report['browser_started'] else 'no'}")
    print("Playwright imported by the idle tick (python -X importtime): "
          + (", ".join(playwright[:5]) if playwright else "no"))
    print("Keyring, rich, apprise or mail parsing imported: "
          + (", ".join(heavy[:8]) if heavy else "no"))
    return 1 if playwright or report["browser_started"] or report["exit_code"] else 0


if __name__ == "__main__":
    sys.exit(main())
