"""The mailbox check: connect (read-only), and count the shop's mails of the look-back period.

It changes nothing: no mail is flagged, and the poller's own bookkeeping (what was read) is
not touched, so the next `assistant poll` sees exactly what it would have seen.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assistant.doctor.model import Check
from assistant.errors import AssistantError
from assistant.mail.imap import ImapReader
from assistant.mail.location import MailLocation, parse_location
from assistant.mail.maildir import MaildirReader
from assistant.mail.rules import MailRules, rules_for
from assistant.secrets import password_for
from assistant.settings import Settings

NAME = "mailbox"


def mailbox(settings: Settings, *, password_ok: bool) -> Check:
    if not settings.mail:
        return Check.skipped(NAME, "ASSISTANT_MAIL is not set")
    try:
        location = parse_location(settings.mail)
        rules = rules_for(settings)
        if location.scheme == "maildir":
            return _maildir(location, rules, settings)
        if not password_ok:
            return Check.skipped(NAME, "needs the mailbox password")
        return _imap(location, rules, settings)
    except AssistantError as exc:
        return Check.failed(NAME, exc)


def _since(settings: Settings) -> datetime:
    return min(settings.clock.now(), datetime.now(UTC)) - settings.mail_lookback


def _found(where: str, shop: int, settings: Settings, besides: str) -> Check:
    days = settings.mail_lookback.days
    return Check.ok(NAME, f"{where}: {shop} mail(s) from the shop in the last {days} days "
                    f"({besides})")


def _imap(location: MailLocation, rules: MailRules, settings: Settings) -> Check:
    password = password_for(settings, "mail")
    since = (_since(settings) - timedelta(days=1)).date()
    with ImapReader(location, password, ca_file=settings.mail_ca_file) as reader:
        status = reader.examine()
        shop = reader.search(rules.search_terms, since)
    return _found(location.key, len(shop), settings, f"{status.exists} in the folder")


def _maildir(location: MailLocation, rules: MailRules, settings: Settings) -> Check:
    assert location.path is not None
    maildir = MaildirReader(location.path)
    files = list(maildir.files(_since(settings)))
    shop = 0
    for file in files:
        senders = maildir.senders(file.name)
        if senders and all(rules.is_shop_sender(s) for s in senders):
            shop += 1
    return _found(location.key, shop, settings, f"{len(files)} mail(s) in all in that time")
