"""The shop accounts one data dir serves (`assistant accounts …`), each in a home of its own.

With no account added, the data dir is the one account's home, as it always was. Once
accounts are added, ``accounts.json`` (0600) in the data dir lists them, and each lives in
its home: its own state database, saved session, evidence and log. The first account added
with the email ASSISTANT_ACCOUNT names keeps the data dir itself (and the cases already
there); every other one gets ``accounts/<name>/``. Its shop password is the keyring entry
for its email; its mailbox is its own ``--mail`` (else ASSISTANT_MAIL). `assistant tick`
serves every account; every other command serves one: ``--account EMAIL``, else
ASSISTANT_ACCOUNT, else the only one there is. Accounts never share a home, so their cases,
sessions and passwords cannot mix.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import BadInput, ConfigError
from assistant.files import write_private

if TYPE_CHECKING:
    from assistant.settings import Settings

FILE_NAME = "accounts.json"
EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


@dataclass(frozen=True)
class Account:
    email: str
    mail: str | None = None
    base_url: str | None = None
    cdp_url: str | None = None
    home: str = ""  # under the data dir; "" is the data dir itself

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def home_name(email: str) -> str:
    """A folder name for ``email``: readable, and distinct for distinct emails."""
    readable = re.sub(r"[^a-z0-9]+", "-", email.lower()).strip("-")[:40]
    return f"{readable}-{hashlib.sha256(email.lower().encode()).hexdigest()[:8]}"


def registry(data_dir: Path) -> list[Account]:
    path = data_dir / FILE_NAME
    try:
        rows = json.loads(path.read_text())["accounts"]
        return [Account(**row) for row in rows]
    except (FileNotFoundError, NotADirectoryError):
        return []  # none added; a data dir that is no folder is the data dir checks' to tell
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"The account list {path} cannot be read ({type(exc).__name__}).",
                          hint="Fix or remove the file; `assistant accounts add` writes it "
                          "again.") from None


def _write(data_dir: Path, accounts: list[Account]) -> None:
    body = json.dumps({"accounts": [a.to_json() for a in accounts]}, indent=2)
    write_private(data_dir / FILE_NAME, body.encode())


def find(accounts: list[Account], email: str) -> Account | None:
    return next((a for a in accounts if a.email.casefold() == email.casefold()), None)


def add(root: Settings, account: Account) -> Account:
    """Register ``account``; its home is the data dir itself when it is ASSISTANT_ACCOUNT's
    and no account has that home yet (the cases already there are its)."""
    if not EMAIL.fullmatch(account.email):
        raise BadInput(f"{account.email!r} is not an email address.",
                       hint="Give the email you sign in to the shop with.")
    accounts = registry(root.data_dir)
    if find(accounts, account.email):
        raise BadInput(f"The account {account.email} is there already.",
                       hint="`assistant accounts remove` it first to change its settings.")
    _check(root, account)
    owns_root = (root.account or "").casefold() == account.email.casefold() and not any(
        a.home == "" for a in accounts)
    added = Account(account.email, account.mail, account.base_url, account.cdp_url,
                    "" if owns_root else f"accounts/{home_name(account.email)}")
    _write(root.data_dir, [*accounts, added])
    return added


def remove(root: Settings, email: str) -> Account:
    """Forget ``email``; its home stays on disk (the command says where)."""
    accounts = registry(root.data_dir)
    gone = find(accounts, email)
    if gone is None:
        raise BadInput(f"No account {email} in {root.data_dir / FILE_NAME}.",
                       hint="`assistant accounts list` shows them.")
    _write(root.data_dir, [a for a in accounts if a is not gone])
    return gone


def _check(root: Settings, account: Account) -> None:
    """The account's own settings are valid settings (exit 2 before anything is kept)."""
    from pydantic import ValidationError  # already loaded with the settings

    given = {k: v for k, v in (("mail", account.mail), ("base_url", account.base_url))
             if v is not None}
    try:
        type(root).model_validate({**root.model_dump(include=set(given)), **given})
    except ValidationError as exc:
        problems = "; ".join(f"--{'-'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        raise BadInput(f"Invalid account settings: {problems}.",
                       hint="See .env.example for the forms ASSISTANT_MAIL and "
                       "ASSISTANT_BASE_URL take.") from None


def serve(root: Settings, account: Account) -> Settings:
    """``root``'s settings as ``account`` sees them: its email, home, shop and mailbox."""
    update: dict[str, Any] = {"account": account.email,
                              "data_dir": root.data_dir / account.home if account.home
                              else root.data_dir}
    given = {k: v for k, v in (("mail", account.mail), ("base_url", account.base_url))
             if v is not None}
    if given:
        update.update(type(root).model_validate(given).model_dump(include=set(given)))
    if account.cdp_url is not None and "cdp_url" in type(root).model_fields:
        update["cdp_url"] = account.cdp_url
    return root.model_copy(update=update)


def chosen(root: Settings) -> Settings:
    """The settings of the account a command serves (see the module's words)."""
    accounts = registry(root.data_dir)
    if not accounts:
        return root
    if root.account is None:
        if len(accounts) == 1:
            return serve(root, accounts[0])
        return root
    found = find(accounts, root.account)
    if found is None:
        raise ConfigError(
            f"The account {root.account} is not one of this data dir's accounts "
            f"({', '.join(a.email for a in accounts)}).",
            hint=f"Add it with `assistant accounts add {root.account}`, or pick one with "
            "--account EMAIL.")
    return serve(root, found)


def every(root: Settings) -> list[Settings]:
    """The settings of every account (the tick's round): the data dir alone when none was
    added."""
    accounts = registry(root.data_dir)
    return [serve(root, a) for a in accounts] if accounts else [root]
