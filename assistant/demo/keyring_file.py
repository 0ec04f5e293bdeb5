"""The demo's keyring: a JSON file inside the demo's own temporary data dir.

The demo runs the real `assistant` commands, which read the shop's password from the keyring.
It must never write to the person's real keyring, nor to a file keyring in their home (the
file backend of keyrings.alt keeps one file per user, wherever the platform says). So its
commands select this backend with keyring's own PYTHON_KEYRING_BACKEND, and it keeps its
passwords in ``$ASSISTANT_DATA_DIR/demo-keyring.json`` (0600).

It works only in a data dir the demo made (the file exists): anywhere else it declares itself
unusable, so keyring never picks it by itself and it never writes outside a demo.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from assistant.files import write_private

FILE_NAME = "demo-keyring.json"


def keyring_path() -> Path | None:
    """The demo's keyring file, when the data dir in the environment is a demo's."""
    data_dir = os.environ.get("ASSISTANT_DATA_DIR")
    if not data_dir:
        return None
    path = Path(data_dir) / FILE_NAME
    return path if path.is_file() else None


def create(data_dir: Path) -> Path:
    """Make ``data_dir`` a demo data dir with an empty keyring; returns the file."""
    return write_private(data_dir / FILE_NAME, b"{}")


class DemoKeyring(KeyringBackend):
    """Passwords in ``$ASSISTANT_DATA_DIR/demo-keyring.json``; usable only inside a demo."""

    @properties.classproperty
    def priority(cls) -> float:
        if keyring_path() is None:
            raise RuntimeError("only for `assistant demo`: its data dir has no " + FILE_NAME)
        return 0.1

    def _load(self) -> tuple[Path, dict[str, str]]:
        path = keyring_path()
        if path is None:
            raise RuntimeError("the demo's keyring file is gone")
        stored = json.loads(path.read_text() or "{}")
        return path, stored if isinstance(stored, dict) else {}

    def get_password(self, service: str, username: str) -> str | None:
        _, stored = self._load()
        return stored.get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        path, stored = self._load()
        stored[f"{service}\n{username}"] = password
        write_private(path, json.dumps(stored).encode())

    def delete_password(self, service: str, username: str) -> None:
        path, stored = self._load()
        if stored.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(f"no password for {username} in {service}")
        write_private(path, json.dumps(stored).encode())
