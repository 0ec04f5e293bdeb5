"""The checks, in the order a person fixes things: settings, data dir, database, keyring,
passwords, mailbox, browser, saved session, notifications. A check that depends on a failed one
is skipped, not failed again, so the first failure is the one to fix."""

from __future__ import annotations

import os
from collections.abc import Iterator

from assistant.doctor.browser import browser, session
from assistant.doctor.mailbox import mailbox
from assistant.doctor.model import Check, Status
from assistant.doctor.notify import notifications
from assistant.errors import AssistantError
from assistant.files import private_dir, private_file, unusable, usable_dir
from assistant.mail.location import parse_location
from assistant.secrets import mail_user_of, password_for
from assistant.settings import Settings, load_settings
from assistant.store import CaseStore

PLAINTEXT_NOTE = ("a plain file: anyone who can read your files can read the passwords "
                  "(fine on a server of your own, with the disk encrypted)")


def run_checks() -> list[Check]:
    return list(_all())


def _all() -> Iterator[Check]:
    try:
        settings = load_settings()
    except AssistantError as exc:
        yield Check.failed("settings", exc)
        yield Check.skipped("data dir", "needs valid settings")
        yield Check.skipped("database", "needs valid settings")
        yield keyring_backend()
        for name in ("shop password", "mailbox password", "mailbox", "browser", "session",
                     "notifications"):
            yield Check.skipped(name, "needs valid settings")
        return
    yield Check.ok("settings", f"shop {settings.base}; account {settings.account or 'not set'}; "
                   f"mailbox {_mailbox(settings)}")
    where = data_dir(settings)
    yield where
    yield database(settings) if where.status is not Status.FAIL else Check.skipped(
        "database", "needs a usable data dir")
    backend = keyring_backend()
    yield backend
    usable = backend.status is not Status.FAIL
    yield site_password(settings) if usable else Check.skipped("shop password", "no keyring")
    mail_password = mailbox_password(settings) if usable else Check.skipped(
        "mailbox password", "no keyring")
    yield mail_password

    yield mailbox(settings, password_ok=mail_password.status is Status.OK)

    if where.status is Status.FAIL:  # the browser's temporary folders live there
        yield Check.skipped("browser", "needs a usable data dir")
        yield Check.skipped("session", "needs a usable data dir")
        return
    found = browser(settings)
    yield found
    yield session(settings) if found.status is not Status.FAIL else Check.skipped(
        "session", "needs a browser")
    yield notifications(settings) if usable else Check.skipped("notifications", "no keyring")


def _mailbox(settings: Settings) -> str:
    if not settings.mail:
        return "not set"

    try:
        return parse_location(settings.mail).key  # never holds a password
    except AssistantError:
        return "invalid (see below)"


def data_dir(settings: Settings) -> Check:
    where = settings.data_dir
    try:
        private_dir(usable_dir(where))
        probe = private_file(where / f".doctor-{os.getpid()}")  # writable, even by root?
        probe.unlink()
    except AssistantError as exc:
        return Check.failed("data dir", exc)
    except OSError as exc:
        return Check.failed("data dir", unusable(exc, where, "data dir (ASSISTANT_DATA_DIR)"))
    return Check.ok("data dir", f"{where} (log file {settings.log_path})")


def database(settings: Settings) -> Check:
    """The state database opens, SQLite finds it whole, and every case in it can be read."""
    path = settings.db_path
    if not path.exists():
        return Check.ok("database", f"{path} (created on first use)")
    try:
        with CaseStore.open(path) as store:
            cases = store.check()
    except AssistantError as exc:
        return Check.failed("database", exc)
    return Check.ok("database", f"{path}: {cases} case(s)")


def keyring_backend() -> Check:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if isinstance(backend, fail.Keyring):
        return Check.failed(
            "keyring", "No usable keyring backend was found.",
            "On a desktop, unlock or install its keyring (GNOME Keyring, KWallet, macOS "
            "Keychain). On a server: pip install keyrings.alt and set PYTHON_KEYRING_BACKEND="
            "keyrings.alt.file.PlaintextKeyring (see the README on the trade-offs).",
            config=True)
    chosen = "PYTHON_KEYRING_BACKEND" if os.environ.get("PYTHON_KEYRING_BACKEND") else "auto"
    found = f"{name} ({chosen})"
    if "plaintext" in name.lower():
        found += f"; {PLAINTEXT_NOTE}"
    return Check.ok("keyring", found)


def site_password(settings: Settings) -> Check:
    try:
        password_for(settings, "site")
    except AssistantError as exc:
        if settings.attached:  # nothing signs in there: the shopper does, by hand
            return Check.ok("shop password", "none stored; none needed: the Chrome at "
                            f"{settings.cdp_url} (ASSISTANT_CDP_URL) keeps its own session")
        return Check.failed("shop password", exc)
    return Check.ok("shop password", f"stored for {settings.account}")


def mailbox_password(settings: Settings) -> Check:
    if not settings.mail:
        return Check.warn(
            "mailbox password", "ASSISTANT_MAIL is not set: no mailbox is read.",
            "Set ASSISTANT_MAIL (imaps://user@host/INBOX or maildir:/path) so results and "
            "sign-in codes are read from the shop's emails; without it results are only "
            "seen on the order page, hours later.")
    try:
        if parse_location(settings.mail).scheme == "maildir":
            return Check.ok("mailbox password", "none needed (a local Maildir)")
        user = mail_user_of(settings)
        password_for(settings, "mail")
    except AssistantError as exc:
        return Check.failed("mailbox password", exc)
    return Check.ok("mailbox password", f"stored for {user}")
