"""Once the shop refuses the password, no run signs in with it again until a person acts.

A cron job that retried a wrong password every few minutes could get the account locked. So a
refusal leaves a marker under the data dir (its time only, never the password); every sign-in
except `assistant login` (a person asking on purpose) stops at it; `assistant secrets set site`
or a successful `assistant login` removes it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from assistant.errors import WrongPassword
from assistant.files import write_private
from assistant.settings import Settings


def _marker(settings: Settings) -> Path:
    return settings.data_dir / "session" / "password-refused"


def refused_at(settings: Settings) -> str | None:
    """When the shop last refused the password, if no person has acted since."""
    try:
        return _marker(settings).read_text(encoding="utf-8").strip() or "an earlier run"
    except FileNotFoundError:
        return None


def check(settings: Settings) -> None:
    """Raise WrongPassword, without trying, if the password was refused before."""
    when = refused_at(settings)
    if when is not None:
        raise WrongPassword(
            f"The shop refused the password for {settings.account} at {when}; the assistant "
            "does not try it again, so that the account is not locked.",
            hint="Store the right one with `assistant secrets set site`, or run "
            "`assistant login` to try again.")


def mark_refused(settings: Settings, at: datetime) -> None:
    write_private(_marker(settings), at.isoformat(timespec="seconds").encode())


def clear(settings: Settings) -> None:
    _marker(settings).unlink(missing_ok=True)
