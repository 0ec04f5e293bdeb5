"""The demo's world: a fixture shop in this process, a Maildir, a data dir and a keyring file,
all in one new temporary folder, and the real `assistant` command run against them.

Every command runs as a subprocess, as a shopper's cron would run it, with
- the assistant's clock set to the shop's "now" (ASSISTANT_NOW), so that the shop's clock and
  the assistant's move together when the demo moves the shop's ahead;
- no setting of the person's own (their ASSISTANT_* variables are dropped, and the command
  runs in the demo folder, where no .env is), except the browser they may have chosen;
- the demo's keyring (keyring_file.DemoKeyring), never the person's keyring.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from assistant.demo import keyring_file
from assistant.domain import Case
from assistant.errors import BadInput
from assistant.files import private_dir, write_private
from assistant.settings import Settings
from assistant.store import CaseStore
from fixture_shop.server import FixtureServer, build_server

COMMAND_TIMEOUT = 300  # seconds; a headed browser on a slow machine still fits
KEYRING_BACKEND = "assistant.demo.keyring_file.DemoKeyring"


@dataclass(frozen=True)
class Ran:
    """One finished `assistant` command."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    @property
    def command(self) -> str:
        return "assistant " + " ".join(self.args)


class Sandbox:
    """Use as a context manager: the shop runs inside the ``with``; the folder stays after."""

    def __init__(self, *, headed: bool = False, browser_path: Path | None = None,
                 root: Path | None = None, skin: str = "seed") -> None:
        if root is not None and root.exists() and any(root.iterdir()):
            raise BadInput(f"{root} is not empty: the demo starts from an empty folder.",
                           hint="Name a new or empty folder, or leave --dir out.")
        self.root = private_dir(root) if root else Path(
            tempfile.mkdtemp(prefix="assistant-demo-"))
        self.data_dir = private_dir(self.root / "data")
        self.maildir = self.root / "Maildir"
        # where the commands keep their files (no validation: only the paths are wanted)
        self.paths = Settings.model_construct(data_dir=self.data_dir)
        self.headed = headed
        self.skin = skin  # the fixture shop's pages: the seed's, or the real shop's
        self.browser_path = browser_path
        self._server: FixtureServer | None = None

    # --- the shop ------------------------------------------------------------------------
    def __enter__(self) -> Sandbox:
        keyring_file.create(self.data_dir)
        # the shop's request log would drown the story (werkzeug logs each request at INFO)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = build_server(scenario="default", mail=f"maildir:{self.maildir}",
                                    skin=self.skin).start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._server is not None:
            write_private(self.root / "shop-state.json",
                          json.dumps(self.state(), indent=2).encode())
            self._server.stop()

    @property
    def server(self) -> FixtureServer:
        if self._server is None:
            raise RuntimeError("use the Sandbox as a context manager")
        return self._server

    def state(self) -> dict[str, Any]:
        """The shop's state document (what GET /__fixture__/state answers)."""
        return self.server.shop.state()

    def now(self) -> datetime:
        return self.server.shop.now()

    def advance_to(self, when: datetime) -> datetime:
        """Move the shop's clock to ``when`` (if it is ahead); due mails and parcels go out."""
        ahead = (when - self.now()).total_seconds()
        return self.server.shop.advance(ahead) if ahead > 0 else self.now()

    # --- the assistant -------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("ASSISTANT_") and k != "PYTHON_KEYRING_BACKEND"}
        account = self.server.shop.scenario.email
        env.update({
            "ASSISTANT_BASE_URL": self.server.url,
            "ASSISTANT_ACCOUNT": account,
            "ASSISTANT_MAIL": f"maildir:{self.maildir}",
            # the shop signs its mail with DKIM: its key, instead of DNS (the real check)
            "ASSISTANT_DKIM_KEYS": str(self.server.dkim_keys),
            "ASSISTANT_DATA_DIR": str(self.data_dir),
            "ASSISTANT_HEADLESS": "false" if self.headed else "true",
            "ASSISTANT_NOW": self.now().isoformat(),
            "PYTHON_KEYRING_BACKEND": KEYRING_BACKEND,
        })
        if self.browser_path is not None:
            env["ASSISTANT_BROWSER_PATH"] = str(self.browser_path)
        return env

    def run(self, *args: str, stdin: str | None = None, inherit: bool = False) -> Ran:
        """`assistant ARGS` at the shop's current time; ``inherit``: print to our terminal."""
        command = [sys.executable, "-m", "assistant", *args]
        try:
            done = subprocess.run(command, input=stdin, text=True, env=self.env(), cwd=self.root,
                                  capture_output=not inherit, timeout=COMMAND_TIMEOUT,
                                  check=False)
        except subprocess.TimeoutExpired:
            return Ran(args, 124, "", f"timed out after {COMMAND_TIMEOUT} s")
        return Ran(args, done.returncode, done.stdout or "", done.stderr or "")

    def cases(self) -> dict[str, Case]:
        """The assistant's cases, by order (read from its database, as `status` does)."""
        if not self.paths.db_path.exists():
            return {}
        with CaseStore.open(self.paths.db_path) as store:
            return {case.order: case for case in store.all()}
