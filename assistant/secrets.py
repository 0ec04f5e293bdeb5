"""Passwords in the OS keyring: the shop's, the mailbox's, the notification URLs'. Never
anywhere else.

The shop's password sits under service ``aliexpress-assistant`` with the account email as
user name; the mailbox's under ``aliexpress-assistant-mail`` with the mailbox user; the
notification URLs (apprise's, one a line: they often hold tokens) under
``aliexpress-assistant-notify`` with the user name ``urls``. A headless
server picks a file-based backend through keyring's own ``PYTHON_KEYRING_BACKEND``.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import unquote, urlsplit

from assistant.errors import ConfigError
from assistant.settings import (
    MAIL_KEYRING_SERVICE,
    NOTIFY_KEYRING_SERVICE,
    SITE_KEYRING_SERVICE,
    Settings,
)

Which = Literal["site", "mail", "notify"]

_NO_KEYRING_HINT = (
    "No usable keyring was found. On a server without a desktop keyring, install keyrings.alt "
    "and set PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring (or another backend)."
)


def account_of(settings: Settings) -> str:
    """The shop account's email, or a ConfigError saying how to set it."""
    if not settings.account:
        raise ConfigError(
            "ASSISTANT_ACCOUNT is not set.",
            hint="Set it to the email you sign in to the shop with (in the environment or .env).",
        )
    return settings.account


def mail_user_of(settings: Settings) -> str:
    """The mailbox user from ASSISTANT_MAIL (imaps://user@host/FOLDER)."""
    if not settings.mail:
        raise ConfigError(
            "ASSISTANT_MAIL is not set.",
            hint="Set it to imaps://user@host/INBOX (or maildir:/path, which needs no password).",
        )
    parts = urlsplit(settings.mail)
    if parts.scheme == "maildir":
        raise ConfigError("A maildir: mailbox needs no password.",
                          hint="Nothing to store; `assistant poll` reads it directly.")
    if not parts.username:
        raise ConfigError("ASSISTANT_MAIL names no user.",
                          hint="Write it as imaps://user@host/INBOX.")
    return unquote(parts.username)


def keyring_entry(settings: Settings, which: Which) -> tuple[str, str]:
    """(service, user name) the password is kept under; ConfigError if it cannot be known."""
    if which == "site":
        return SITE_KEYRING_SERVICE, account_of(settings)
    if which == "notify":
        return NOTIFY_KEYRING_SERVICE, "urls"
    return MAIL_KEYRING_SERVICE, mail_user_of(settings)


def store_password(settings: Settings, which: Which, password: str) -> str:
    """Keep ``password`` in the keyring; returns the user name it is stored under."""
    service, user = keyring_entry(settings, which)
    if not password:
        raise ConfigError("The password is empty; nothing was stored.",
                          hint=f"Run `assistant secrets set {which}` again and type it.")
    import keyring  # slow to import, and loads its backends: only when a password is used
    import keyring.errors

    try:
        keyring.set_password(service, user, password)
    except keyring.errors.KeyringError as exc:
        raise ConfigError(f"The keyring refused the password: {type(exc).__name__}.",
                          hint=_NO_KEYRING_HINT) from None
    return user


def password_for(settings: Settings, which: Which) -> str:
    """The stored password, or a ConfigError saying to run `assistant secrets set`."""
    service, user = keyring_entry(settings, which)
    import keyring  # slow to import, and loads its backends: only when a password is used
    import keyring.errors

    try:
        password = keyring.get_password(service, user)
    except keyring.errors.KeyringError as exc:
        raise ConfigError(f"The keyring could not be read: {type(exc).__name__}.",
                          hint=_NO_KEYRING_HINT) from None
    if not password:
        raise ConfigError(
            f"No {which} password is stored for {user}.",
            hint=f"Run `assistant secrets set {which}` (it asks, or reads one line from stdin).",
        )
    return password
