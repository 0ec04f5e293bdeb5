"""`assistant record`: the account's pages, recorded read-only and scrubbed, for replay.

The browser records the network as a HAR file with its bodies (Playwright's own recording:
what `assistant fixtures serve --recorded` serves) into a private folder of the data dir,
while the read-only guard stops anything that could change the account. The walk
(``record_walk``) keeps a DOM snapshot of each page. Then every file goes through the scrub
rules, and the output is searched for what must not survive; only when nothing is found is
the recording written to ``out`` (else nothing is kept).

Recorded: ``network.har``, the snapshots (``orders/list-page-1.html``, …), ``manifest.json``
(pages, orders with their fake numbers, skin, wording, what was blocked) and
``scrub-report.json`` (each rule's count, what was searched for).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.browser_source import open_browser
from assistant.errors import AssistantError, BadInput, ConfigError, SignedOut
from assistant.files import private_dir, scratch_dir
from assistant.secrets import password_for
from assistant.settings import Settings
from assistant.texts import Texts, load_texts
from assistant.usecases.record_guard import ReadOnlyGuard
from assistant.usecases.record_walk import RecordWalk, WalkResult
from assistant.usecases.scrub_har import scrub_har
from assistant.usecases.scrub_rules import RECORDED_ORIGIN, Scrubber, leaks
from flows.driver import web_surface
from flows.web.site import WebSite

log = logging.getLogger(__name__)

HAR_NAME = "network.har"
MIN_SECRET = 3  # shorter values (an initial) are everywhere in a page; they name nobody
MIN_TOKEN = 12  # a cookie's shorter values ("1", "true", "en_US") are flags, not tokens
WORDING_KEYS = ("home.account_menu", "orders.view_more", "orders.order_details",
                "orders.cancel_items", "cancel.heading", "cancel.submit")


@dataclass(frozen=True)
class Recorded:
    out: Path
    pages: int
    orders: int
    blocked: int
    skin: str

    def lines(self) -> list[str]:
        return [f"Recorded {self.pages} pages and {self.orders} orders of the {self.skin} "
                f"pages into {self.out} (scrubbed; see scrub-report.json).",
                f"Blocked while recording: {self.blocked} (see manifest.json)."]


def record(settings: Settings, orders: Sequence[str], out: Path, *,
           all_pages: bool = False) -> Recorded:
    """Walk the account read-only with the saved session and keep the scrubbed recording."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BadInput(f"{out} exists already and is not an empty folder; nothing was "
                       "recorded.", hint="Choose a new --out folder (it is created).")
    texts = load_texts(settings.locale)
    guard = ReadOnlyGuard(texts)
    scratch = scratch_dir(settings.data_dir / "tmp")
    try:
        har = scratch / HAR_NAME
        options = {"record_har_path": str(har), "record_har_content": "embed"}
        with open_browser(settings, label="record", context_options=options) as session:
            guard.install(session.context)
            surface = web_surface(session, texts, _no_sign_in)
            walked = RecordWalk(surface).run(list(orders), all_pages=all_pages)
        raw_har = json.loads(har.read_bytes())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    scrub = Scrubber(secrets=shopper_secrets(settings, walked.shopper_name), origin=settings.base)
    files = _scrubbed_files(raw_har, walked, guard, scrub, texts)
    found = leaks(files, scrub.secrets)
    if found:
        raise AssistantError(
            f"The scrubbed recording still holds {', '.join(sorted(set(found)))}; nothing "
            "was kept.", hint="Please report this (without the files): a scrub rule is "
            "missing for these pages.")
    _write(out, files)
    return Recorded(out, len(walked.snapshots), len(walked.orders), len(guard.blocked),
                    walked.skin)


def _no_sign_in(site: WebSite) -> Callable[[], None]:
    def refuse() -> None:
        raise SignedOut("The shop asked to sign in; `assistant record` uses the saved "
                        "session only (signing in would send the password).",
                        hint="Run `assistant login`, then `assistant record` again.")

    return refuse


def shopper_secrets(settings: Settings, shopper_name: str | None) -> dict[str, str]:
    """Every value that must not survive: the account, the keyring's secrets, the cookies."""
    found = {"account e-mail": settings.account or "", "shopper's name": shopper_name or ""}
    for which in ("site", "mail", "notify"):
        try:
            secret = password_for(settings, which)
        except ConfigError:
            continue
        for n, line in enumerate(secret.splitlines()):
            found[f"{which} password" if n == 0 else f"{which} secret {n + 1}"] = line.strip()
    if settings.session_path.exists():
        state = json.loads(settings.session_path.read_bytes())
        for cookie in state.get("cookies", []):
            value = str(cookie.get("value", ""))
            if len(value) >= MIN_TOKEN:
                found[f"cookie {cookie.get('name')}"] = value
    return {what: v for what, v in found.items() if len(v) >= MIN_SECRET}


def _scrubbed_files(raw_har: dict[str, Any], walked: WalkResult, guard: ReadOnlyGuard,
                    scrub: Scrubber, texts: Texts) -> dict[str, bytes]:
    files = {f"{s.name}.html": scrub.text(s.html).encode() for s in walked.snapshots}
    files[HAR_NAME] = _json(scrub_har(raw_har, scrub))
    manifest = {
        "skin": walked.skin, "base": RECORDED_ORIGIN, "har": HAR_NAME,
        "wording": _wording(texts, [s.html for s in walked.snapshots]),
        "pages": [{"file": f"{s.name}.html", "page": s.name.split("/")[0],
                   "state": s.name.split("/", 1)[-1], "url": scrub.text(s.url)}
                  for s in walked.snapshots],
        "orders": [{"order": scrub.text(o.id), "status": str(o.status),
                    "seller": scrub.text(o.seller or ""),
                    "items": [{"id": scrub.text(i.id), "title": scrub.text(i.title)}
                              for i in o.items]} for o in walked.orders],
        "cancel_reasons": walked.reasons, "notes": [scrub.text(n) for n in walked.notes],
        "blocked": [{"what": b.what, "target": scrub.text(b.target)} for b in guard.blocked],
    }
    files["manifest.json"] = _json(manifest)
    report = {"rules": dict(sorted(scrub.counts.items())), "files": sorted(files),
              "searched_for": sorted(scrub.secrets), "leaks": 0}
    files["scrub-report.json"] = _json(report)
    return files


def _wording(texts: Texts, pages: list[str]) -> dict[str, str]:
    """For some labels, the wording the pages used (the first variant found)."""
    seen: dict[str, str] = {}
    for key in WORDING_KEYS:
        for variant in texts.variants(key):
            if any(f">{variant}<" in p or f'"{variant}"' in p for p in pages):
                seen[key] = variant
                break
    return seen


def _json(doc: Any) -> bytes:
    return (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode()


def _write(out: Path, files: dict[str, bytes]) -> None:
    """All the files, or none: written beside ``out``, then moved there in one step."""
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    partial = private_dir(parent / f".{out.name}.partial-{os.getpid()}")
    try:
        for name, data in sorted(files.items()):
            path = partial / name
            private_dir(path.parent)
            path.write_bytes(data)
            path.chmod(0o600)
        if out.is_dir():
            out.rmdir()
        partial.rename(out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
