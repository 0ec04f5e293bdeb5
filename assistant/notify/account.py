"""The account's own notices: signing in needs a person, or the saved session ends soon.

Only the expiry time of the shop's session cookie is read from the saved session file;
no cookie value, and nothing else of the session, ever leaves it.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from assistant.notify.notices import Notice
from assistant.settings import Settings
from assistant.store.notifications import SIGN_IN

log = logging.getLogger(__name__)

# The shop's sign-in session cookie (its name on the real shop, and on the fixture shop).
SESSION_COOKIES = frozenset({"xman_t"})
# Warn this long before the saved session ends: time for `assistant login` at a screen.
SESSION_WARNING = timedelta(days=2)


def sign_in_blocked(why: str, now: datetime) -> Notice:
    """Signing in needs a person (captcha, code, signed out): one notice until it is fixed."""
    return Notice("", SIGN_IN, now.astimezone(UTC).isoformat(),
                  "AliExpress assistant: a person is needed to sign in",
                  f"The assistant could not sign in to the shop: {why.strip()}\n"
                  "To do: run `assistant login` at a screen; the cases wait until then.",
                  urgent=True)


def session_ends(settings: Settings, now: datetime) -> Notice | None:
    """The saved session's cookie expires within SESSION_WARNING (or has expired)."""
    expires = session_expiry(settings.session_path, urlsplit(settings.base).hostname or "")
    if expires is None or expires - now > SESSION_WARNING:
        return None
    when = f"{expires:%Y-%m-%d %H:%M} UTC"
    happened = (f"The saved session at the shop ended on {when}." if expires <= now else
                f"The saved session at the shop ends on {when}.")
    return Notice("", "session", str(int(expires.timestamp())),
                  "AliExpress assistant: the shop's session ends",
                  f"{happened}\nTo do: run `assistant login` (before then), so that the next "
                  "runs need no captcha or code.", urgent=True)


def session_expiry(path: Path, host: str) -> datetime | None:
    """When the shop's session cookie in the saved session expires; None if it never does
    (a browser-session cookie) or there is none."""
    try:
        state = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.info("The saved session %s could not be read (%s)", path, type(exc).__name__)
        return None
    cookies = state.get("cookies") if isinstance(state, dict) else None
    ends = [float(c["expires"]) for c in cookies or ()
            if isinstance(c, dict) and c.get("name") in SESSION_COOKIES
            and _same_site(str(c.get("domain", "")), host)
            and isinstance(c.get("expires"), int | float) and c["expires"] > 0]
    return datetime.fromtimestamp(min(ends), UTC) if ends else None


def _same_site(domain: str, host: str) -> bool:
    """The cookie's domain is the shop's host or a parent of it (``.aliexpress.com``)."""
    domain = domain.lstrip(".").lower()
    host = host.lower()
    return bool(domain) and (host == domain or host.endswith("." + domain)
                             or domain.endswith("." + host.split(".", 1)[-1]))
