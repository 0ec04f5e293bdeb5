"""A run's evidence: its Playwright trace (paused around sign-in) and, on failure, the page.

Every browser run records a trace of its actions, the network and the console. DOM snapshots
of each action's page would cost every call of the run (0.2-0.3 s of a cancel on the
fixture site, `benchmarks/README.md`), and the screencast more, so the run's trace records
neither: a failure keeps its own page instead, as a screenshot, its HTML, and a last trace
part holding the page as a DOM snapshot (open in `playwright show-trace`, beside the
actions that led there). With ``--keep-trace`` (``snapshots``) every action's page is
recorded, as a person debugging a run wants. Traces record what is typed and what forms
post, so recording stops before sign-in and starts again after it; a run's trace is
therefore a few parts, ``trace-1.zip``, ``trace-2.zip``... On failure the parts, the
screenshot and the HTML are kept under ``<evidence_dir>/<timestamp>-<label>/`` and the
error names them; on success they are dropped unless the user asked to keep them.

Pausing means stopping the tracing altogether (``tracing.stop``), not only its chunk: the
network log outlives ``stop_chunk``, and the next chunk then carried the sign-in's form
posts, password included (tests/journeys/test_cli_cancel.py searches every file for it).

Without a trace (``trace=False``: the shopper's own Chrome, attached, whose context holds
their other tabs too, all of which a trace would record) the evidence of our tab is the
screenshot and the HTML (``failure.png`` and ``failure.html``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.files import private_dir

STAMP = "%Y%m%dT%H%M%SZ"  # a run folder's name starts with its time, in UTC

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

log = logging.getLogger(__name__)

# A run's trace records no screencast, and DOM snapshots only with --keep-trace or for the
# failure's page (see the module's words).
SCREENCAST = False

# Anything that may show a secret typed by the flow is blacked out in screenshots: passwords
# and verification codes, also the real shop's code page with one box per digit
# (input[data-id='0']…, one character each).
SECRET_FIELDS = ("input[type=password], input[autocomplete=one-time-code], "
                 "input[name*=code i], input[data-id][maxlength='1']")


class Evidence:
    """Collects one run's trace parts in a folder that is kept on failure, else removed."""

    def __init__(self, context: BrowserContext, root: Path, label: str, at: datetime, *,
                 trace: bool = True, snapshots: bool = False) -> None:
        self._context = context
        self.trace = trace
        self.snapshots = snapshots  # every action's page in the trace (--keep-trace)
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-") or "run"
        base = private_dir(root) / f"{at.astimezone(UTC).strftime(STAMP)}-{safe}"
        self.folder, n = base, 1
        while self.folder.exists():  # two runs in the same second
            n += 1
            self.folder = base.with_name(f"{base.name}-{n}")
        private_dir(self.folder)
        self._parts: list[Path] = []
        self._recording = False
        self._paused = 0
        self.kept_on_success: list[Path] = []  # e.g. the dry run's screenshot

    def start(self) -> None:
        if not self.trace:
            return
        self._start()
        self._recording = True

    @contextmanager
    def paused(self, page: Page | None = None) -> Iterator[None]:
        """Record nothing inside: sign-in types a password and perhaps a code.

        Before recording starts again, the secret fields of ``page`` are emptied: when
        sign-in fails half-way, the password may still sit in its box, and the next traced
        action would snapshot the page with it.
        """
        self._paused += 1
        if self._paused == 1 and self._recording:
            self._stop()
        try:
            yield
        finally:
            self._paused -= 1
            if self._paused == 0 and self._recording:
                if page is not None and not page.is_closed():
                    _empty_secret_fields(page)
                self._start()

    def screenshot(self, page: Page, name: str) -> Path:
        """A full-page screenshot in the run's folder, secret fields masked."""
        path = private_dir(self.folder) / name
        page.screenshot(path=path, full_page=True, mask=[page.locator(SECRET_FIELDS)])
        os.chmod(path, 0o600)
        return path

    def snapshot(self, page: Page, name: str) -> Path:
        """The page's HTML as it is now, secret fields emptied, in the run's folder."""
        _empty_secret_fields(page)
        path = private_dir(self.folder) / name
        path.write_text(page.content(), encoding="utf-8")
        os.chmod(path, 0o600)
        return path

    def keep(self, page: Page | None) -> list[Path]:
        """Stop recording and keep the trace, a screenshot, the page's HTML and (with a
        trace) a last trace part holding the page as a DOM snapshot; returns their paths."""
        kept: list[Path] = []
        if page is not None and not page.is_closed():
            try:
                kept.append(self.screenshot(page, "failure.png"))
                kept.append(self.snapshot(page, "failure.html"))  # secret fields emptied
                self._snapshot_part(page)
            except Exception as exc:  # the browser may be gone: the trace still matters
                log.warning("The failure's page could not be kept: %s", exc)
        self.finish()
        kept.extend(p for p in self._parts if p.exists())
        return sorted(set(kept))

    def _snapshot_part(self, page: Page) -> None:
        """End the trace's part and start one with DOM snapshots, holding one call on
        ``page`` (its snapshots before and after); ``finish`` saves it. Not while sign-in
        has paused the recording."""
        if not self._recording or self._paused or self.snapshots:
            return  # with snapshots on, the run's own part holds the page already
        self._stop()
        self._start(snapshots=True)
        page.locator(":root").count()

    def keep_end(self, page: Page) -> None:
        """Keep what a run that went well leaves (--keep-trace): its trace, or without one
        a screenshot and the HTML of the page where it ended."""
        if not self.trace and not page.is_closed():
            self.kept_on_success += [self.screenshot(page, "end.png"),
                                     self.snapshot(page, "end.html")]
        self.finish()

    def finish(self) -> None:
        """Stop recording; the parts stay in the folder until ``discard``."""
        if not self._recording:
            return
        try:
            if self._paused == 0:
                self._stop()
        except Exception as exc:
            log.warning("The trace could not be saved: %s", exc)
        self._recording = False

    def discard(self) -> None:
        """Drop the trace (a successful run, no --keep-trace); keeps ``kept_on_success``."""
        if self._recording and self._paused == 0:
            try:  # no path: Playwright throws the recording away without writing a zip
                self._context.tracing.stop()
            except Exception as exc:
                log.warning("The trace could not be stopped: %s", exc)
            self._recording = False
        self.finish()
        if not self.kept_on_success:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        for path in self.files:
            if path not in self.kept_on_success:
                path.unlink(missing_ok=True)

    @property
    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.glob("*") if p.is_file()) if \
            self.folder.exists() else []

    def _start(self, *, snapshots: bool | None = None) -> None:
        self._context.tracing.start(screenshots=SCREENCAST, snapshots=self.snapshots
                                    if snapshots is None else snapshots)

    def _stop(self) -> None:
        path = private_dir(self.folder) / f"trace-{len(self._parts) + 1}.zip"
        self._context.tracing.stop(path=path)
        if path.exists():
            os.chmod(path, 0o600)
            self._parts.append(path)


def remove_expired(root: Path, before: datetime) -> list[Path]:
    """Remove the run folders under ``root`` made before ``before`` (by the time their name
    starts with); returns them. Evidence holds the shopper's name, address and orders, so it
    is not kept for ever (ASSISTANT_EVIDENCE_KEEP). Folders not named by a run are left alone,
    and a missing ``root`` is not created."""
    if not root.is_dir():
        return []
    removed = []
    for folder in sorted(root.iterdir()):
        try:
            made = datetime.strptime(folder.name[:16], STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        if folder.is_dir() and made < before:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    if removed:
        log.info("Removed %d evidence folder(s) made before %s: %s", len(removed),
                 before.isoformat(), ", ".join(p.name for p in removed))
    return removed


def _empty_secret_fields(page: Page) -> None:
    try:
        page.evaluate("s => document.querySelectorAll(s).forEach(i => { i.value = ''; })",
                      SECRET_FIELDS)
    except Exception as exc:  # a page in the middle of navigating: nothing typed survives
        log.debug("Could not empty the secret fields: %s", exc)
