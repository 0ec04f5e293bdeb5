"""Where a secret could leak: every file under a folder, and every member of its zips."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote


def files_under(root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file's bytes under ``root``, and every member of every zip (traces) too."""
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield str(path), data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{path}!{member}", archive.read(member)


def mentions(root: Path, secret: str) -> list[str]:
    """The files (and zip members) under ``root`` that contain ``secret`` in any form."""
    forms = {secret.encode(), secret.encode("utf-16-le"), quote(secret, safe="").encode(),
             json.dumps(secret)[1:-1].encode()}
    return [name for name, data in files_under(root) if any(f in data for f in forms)]
