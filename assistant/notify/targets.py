"""Where notifications go: apprise URLs in the keyring (`assistant secrets set notify`, one
URL a line), and/or an apprise configuration file named by ASSISTANT_NOTIFY_CONFIG, which
must be readable by its owner alone (0600): both often hold passwords or tokens.

Nothing here imports apprise, nor keyring before the URLs are read (both slow to import):
an idle tick stays light.
"""

from __future__ import annotations

import logging
import stat
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError
from assistant.secrets import keyring_entry
from assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Targets:
    urls: tuple[str, ...] = ()
    config: Path | None = None

    def __bool__(self) -> bool:
        return bool(self.urls) or self.config is not None

    def describe(self) -> str:
        """Where they go, without a URL (URLs hold tokens): schemes and the file's path."""
        parts = []
        if self.urls:
            schemes = sorted({u.split("://", 1)[0] for u in self.urls})
            parts.append(f"{len(self.urls)} URL(s) in the keyring ({', '.join(schemes)})")
        if self.config is not None:
            parts.append(f"the apprise configuration {self.config}")
        return " and ".join(parts) or "nowhere"


def split_urls(text: str) -> tuple[str, ...]:
    """One URL a line (blank lines and # comments skipped)."""
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.strip().startswith("#"))


def stored_urls(settings: Settings) -> tuple[str, ...]:
    """The URLs `assistant secrets set notify` stored; none when there is no usable keyring."""
    import keyring  # slow to import, and loads its backends: only when the URLs are read
    import keyring.errors

    service, user = keyring_entry(settings, "notify")
    try:
        text = keyring.get_password(service, user)
    except keyring.errors.KeyringError as exc:
        log.info("No notification URLs: the keyring could not be read (%s)", type(exc).__name__)
        return ()
    return split_urls(text or "")


def config_file(settings: Settings) -> Path | None:
    """ASSISTANT_NOTIFY_CONFIG, checked: it exists and is 0600; ConfigError (exit 2) if not."""
    path = settings.notify_config
    if path is None or not str(path).strip():
        return None
    path = path.expanduser()
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise ConfigError(f"ASSISTANT_NOTIFY_CONFIG names {path}, which cannot be read "
                          f"({exc.strerror}).",
                          hint="Point it at your apprise configuration file, or unset it.") \
            from None
    if not stat.S_ISREG(mode):
        raise ConfigError(f"ASSISTANT_NOTIFY_CONFIG names {path}, which is not a file.",
                          hint="Point it at your apprise configuration file, or unset it.")
    if stat.S_IMODE(mode) & 0o077:
        raise ConfigError(
            f"The notification configuration {path} is readable by others "
            f"(mode {stat.S_IMODE(mode):04o}); its URLs hold passwords or tokens, so it is "
            "not used.", hint=f"Run `chmod 600 {path}`.")
    return path


def configured(settings: Settings) -> Targets:
    """Every target set up; empty Targets when none is. ConfigError for a bad config file."""
    return Targets(stored_urls(settings), config_file(settings))
