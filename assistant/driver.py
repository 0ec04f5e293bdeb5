"""Playwright's driver for a run, and starting it ahead while the command's modules load.

Starting the driver is mostly waiting: a Node.js process boots and connects. A command in a
hurry (`assistant cancel`: the shop's warehouse does not wait) starts it first, with
``driver_ahead``, and imports its use case in a thread meanwhile; the run's
``started_playwright`` then takes that driver instead of starting one. Nothing else changes:
the same driver, the same temporary folder, stopped when the run's block ends (or, when the
run never opened a browser, when ``driver_ahead`` ends). The console script may have started
it earlier still, before the command line loaded (``start_ahead``, from ``assistant.entry``).
"""

from __future__ import annotations

import gc
import importlib
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.files import scratch_dir, unusable

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

    from assistant.settings import Settings

_ahead: dict[Path, tuple[Playwright, Path]] = {}  # by data dir: a driver started ahead


@contextmanager
def started_playwright(settings: Settings) -> Iterator[Playwright]:
    """Playwright's driver, with its temporary folders (the browser's profile, the traces
    being recorded, downloads) in a folder of this run under the data dir instead of /tmp.

    The folder is removed when the block ends; a run killed before that leaves it behind,
    and the next start removes it (``scratch_dir``).
    """
    ahead = _ahead.pop(settings.data_dir, None)
    pw, folder = ahead if ahead is not None else _start(settings.data_dir)
    try:
        yield pw
    finally:
        _stop(pw, folder)


@contextmanager
def driver_ahead(settings: Settings, *modules: str) -> Iterator[None]:
    """Start the driver now (unless it was started for this data dir already), importing
    ``modules`` in a thread meanwhile; the block's first ``started_playwright`` takes it.
    A driver not taken by then stops when it ends."""
    if settings.data_dir not in _ahead:
        stop_ahead()  # one started for another data dir than the settings name
        start_ahead(settings.data_dir, *modules)
    try:
        yield
    finally:
        stop_ahead()


def stop_ahead() -> None:
    """Stop the drivers started ahead that no run has taken."""
    while _ahead:
        _stop(*_ahead.popitem()[1])


def start_ahead(data_dir: Path, *modules: str) -> None:
    """Start the driver for ``data_dir``, importing ``modules`` in a thread meanwhile. An
    import that failed in the thread fails again, with its error, where the module is
    imported next."""

    def load() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except BaseException:  # raised again by the next import of it
                return

    collecting = gc.isenabled()
    gc.disable()  # as while the CLI loads (``assistant.cli._started``): start-up frees little
    loading = threading.Thread(target=load, name="imports", daemon=True)
    try:
        import playwright.sync_api  # noqa: F401 - first, alone: its driver starts the sooner

        loading.start()
        _ahead[data_dir] = _start(data_dir)
    finally:
        if loading.is_alive():
            loading.join()
        gc.freeze()
        if collecting:
            gc.enable()


def _start(data_dir: Path) -> tuple[Playwright, Path]:
    from playwright.sync_api import sync_playwright

    try:
        folder = scratch_dir(data_dir / "tmp")
    except OSError as exc:
        raise unusable(exc, data_dir / "tmp", "browser's temporary folder") from exc
    saved = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)  # the driver copies the environment when it starts
    try:
        return sync_playwright().start(), folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        if saved is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved


def _stop(pw: Playwright, folder: Path) -> None:
    try:
        pw.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
