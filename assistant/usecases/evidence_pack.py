"""`assistant evidence pack PATH`: a failed run's evidence, scrubbed, in one archive.

The run's folder (or one file of it) goes through the scrub rules of `assistant record`:
its Playwright traces member by member (the actions, the network log, the DOM snapshots, the
bodies of what the pages fetched) and its other text files. Images are left out: a
screenshot or a trace's screencast frame shows the page as it was, name and address
included, and no rule can read text off a picture, so none is known to be free of it.
Then every byte is searched for the shopper's values, as for a recording; only when none
is found is the archive written (with its ``scrub-report.json``).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, BadInput
from assistant.settings import Settings
from assistant.usecases.record import shopper_secrets
from assistant.usecases.scrub_rules import Scrubber, leaks

REPORT = "scrub-report.json"


@dataclass(frozen=True)
class Packed:
    archive: Path
    kept: int
    left_out: int

    def lines(self) -> list[str]:
        return [f"Wrote {self.archive}: {self.kept} files scrubbed, {self.left_out} images "
                "left out (see its scrub-report.json). Attach it to the bug report."]


def pack(settings: Settings, path: Path, out: Path | None = None) -> Packed:
    if not path.exists():
        raise BadInput(f"{path} does not exist; nothing was packed.",
                       hint="Give the evidence folder or file an error message named.")
    sources = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    archive = out or Path.cwd() / f"{path.name}-evidence.zip"
    scrub = Scrubber(secrets=shopper_secrets(settings, None), origin=settings.base)
    files: dict[str, bytes] = {}
    left_out: list[str] = []
    for source in sources:
        name = source.relative_to(path).as_posix() if path.is_dir() else source.name
        data = source.read_bytes()
        if zipfile.is_zipfile(io.BytesIO(data)):
            files[name] = _scrubbed_zip(data, scrub, left_out, name)
        else:
            kept = _scrubbed(data, scrub)
            if kept is None:
                left_out.append(name)
            else:
                files[name] = kept
    scrub.counts["images left out"] = len(left_out)
    report = {"rules": dict(sorted(scrub.counts.items())), "files": sorted(files),
              "left_out": sorted(left_out), "searched_for": sorted(scrub.secrets), "leaks": 0}
    files[REPORT] = (json.dumps(report, indent=1) + "\n").encode()
    found = leaks(_every_member(files), scrub.secrets)
    if found:
        raise AssistantError(f"The scrubbed evidence still holds {', '.join(sorted(found))}; "
                             "nothing was written.", hint="Please report this without the "
                             "files: a scrub rule is missing for these pages.")
    _write(archive, _zip(files))
    return Packed(archive, len(files) - 1, len(left_out))


def _write(archive: Path, data: bytes) -> None:
    """The archive, readable by the owner only (its folder is left as it is)."""
    fd = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _scrubbed(data: bytes, scrub: Scrubber) -> bytes | None:
    """A text file scrubbed; None for anything else (images, screencast frames)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return scrub.text(text).encode()


def _scrubbed_zip(data: bytes, scrub: Scrubber, left_out: list[str], name: str) -> bytes:
    kept: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as trace:
        for member in trace.namelist():
            scrubbed = _scrubbed(trace.read(member), scrub)
            if scrubbed is None:
                left_out.append(f"{name}!{member}")
            else:
                kept[member] = scrubbed
    return _zip(kept)


def _every_member(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files, and each member of the zips among them, for the leak search."""
    every = dict(files)
    for name, data in files.items():
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                every.update({f"{name}!{m}": inner.read(m) for m in inner.namelist()})
    return every


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
