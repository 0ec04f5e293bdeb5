"""Which Chromium to launch: the setting, Playwright's download, or Debian's package."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.errors import ConfigError

DEBIAN_CHROMIUM = Path("/usr/lib/chromium/chromium")


def _playwright_chromium() -> Path | None:
    """Playwright's own Chromium, if `playwright install chromium` has put one in its cache."""
    default = Path.home() / ".cache" / "ms-playwright"
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", default))
    for candidate in sorted(root.glob("chromium-*/chrome-linux*/chrome"), reverse=True):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def find_chromium(configured: Path | None = None) -> Path | None:
    """The browser to launch, or None to let Playwright use its own default.

    Order: ASSISTANT_BROWSER_PATH; Playwright's download; Debian's /usr/lib/chromium/chromium
    (the real binary: /usr/bin/chromium is a shell wrapper that Playwright cannot drive).
    """
    if configured is not None:
        if not os.access(configured, os.X_OK):
            raise ConfigError(
                f"ASSISTANT_BROWSER_PATH points to {configured}, which is not an executable.",
                hint="Point it at a Chromium binary, or unset it to auto-detect.",
            )
        return configured
    if _playwright_chromium() is not None:
        return None
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    raise ConfigError(
        "No Chromium found.",
        hint="Run `playwright install chromium`, or install Debian's `chromium` package, "
        "or set ASSISTANT_BROWSER_PATH.",
    )
