"""`make record-fixtures`: the project's own recordings of both skins of the fixture shop.

For each skin: a fixture shop in this process with its clock started at a fixed time, a
throwaway data dir and keyring, `assistant login`, then `assistant record` of the orders
below into fixtures/recorded/<skin>/ (replaced). The fake numbers come from the fixed salt,
so re-recording unchanged pages gives the same files; recordings are re-made by this
script, never edited.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from assistant.chromium import find_chromium
from fixture_shop.server import build_server

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fixtures" / "recorded"
START = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
# awaiting shipment (its cancel window), shipped, delivered (its returns form)
ORDERS = ("8190000000000001", "8190000000000007", "8190000000000008")
SKINS = ("seed", "aliexpress")


def assistant(env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, text=True,
                          env=env, capture_output=True, timeout=600)
    if done.returncode:
        sys.exit(f"assistant {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    print(done.stdout.strip())


def record(skin: str) -> None:
    with tempfile.TemporaryDirectory(prefix="record-fixtures-") as home, \
            build_server(skin=skin, start=START, mail=f"maildir:{home}/mail") as server:
        browser = find_chromium()
        env = {key: value for key, value in os.environ.items()
               if not key.startswith("ASSISTANT_")}
        env.update({"ASSISTANT_DATA_DIR": f"{home}/data", "ASSISTANT_BASE_URL": server.url,
                    "ASSISTANT_ACCOUNT": server.shop.scenario.email,
                    "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                    "XDG_DATA_HOME": f"{home}/xdg-data", "XDG_CONFIG_HOME": f"{home}/xdg"})
        if browser is not None:
            env["ASSISTANT_BROWSER_PATH"] = str(browser)
        assistant(env, "secrets", "set", "site", stdin=server.shop.scenario.password + "\n")
        assistant(env, "login")
        target = OUT / skin
        shutil.rmtree(target, ignore_errors=True)
        assistant(env, "record", *ORDERS, "--all-pages", "--out", str(target))
        for path in [target, *target.rglob("*")]:  # the project's files: readable by all
            path.chmod(0o755 if path.is_dir() else 0o644)


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not every request of the walk
    OUT.mkdir(parents=True, exist_ok=True)
    for skin in sys.argv[1:] or SKINS:
        record(skin)


if __name__ == "__main__":
    main()
