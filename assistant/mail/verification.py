"""The sign-in verification code, read from the mailbox: the newest code mail since the request.

Read-only and stateless (no cursor, nothing recorded): the code is a secret and is never
logged or stored; only the caller sees it. Only an authentic code mail counts (DKIM or the
provider's Authentication-Results, as for the order mails: ``authenticity``): a forged one,
which anyone can send, is never used to sign in.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from assistant.mail.authenticity import TrustPolicy
from assistant.mail.classify import ShopMail, classify, verification_code
from assistant.mail.imap import ImapReader
from assistant.mail.location import MailLocation
from assistant.mail.maildir import MaildirReader
from assistant.mail.message import parse
from assistant.mail.poll import require_location
from assistant.mail.rules import MailRules, rules_for
from assistant.secrets import password_for
from assistant.settings import Settings

log = logging.getLogger(__name__)

# Mail servers, the shop and this machine rarely agree on the time to the second.
CLOCK_SKEW = timedelta(minutes=2)
POLL_EVERY = 2.0  # seconds between looks at the mailbox


def wait_for_verification_code(settings: Settings, since: datetime,
                               timeout: timedelta) -> str | None:
    """The code of the newest verification mail that came after ``since`` (the assistant's
    clock), waiting up to ``timeout`` (real time); None when none came or no mailbox is set.

    A mail counts when its Date, or its arrival at the mailbox, is after ``since`` (less a
    little clock skew): ``since`` is also mapped to real time, so ASSISTANT_NOW does not hide
    a code that the shop dated by its own clock.
    """
    if since.tzinfo is None:
        raise ValueError(f"since needs a UTC offset, got: {since.isoformat()}")
    if not settings.mail:
        return None
    location = require_location(settings)
    rules = rules_for(settings)
    trust = TrustPolicy.from_settings(settings, rules)
    offset = settings.clock.now() - datetime.now(UTC)  # assistant clock minus the real one
    window = _Window(dated_after=since - CLOCK_SKEW, arrived_after=since - offset - CLOCK_SKEW,
                     trust=trust)
    deadline = time.monotonic() + timeout.total_seconds()
    if location.scheme == "maildir":
        return _wait_maildir(location, rules, window, deadline)
    return _wait_imap(location, password_for(settings, "mail"), settings, rules, window,
                      deadline)


class _Window:
    def __init__(self, *, dated_after: datetime, arrived_after: datetime,
                 trust: TrustPolicy) -> None:
        self.trust = trust
        self.dated_after = dated_after
        self.arrived_after = arrived_after
        self.earliest = min(dated_after, arrived_after)

    def newest_code(self, found: Iterable[tuple[bytes, datetime]], rules: MailRules) -> \
            tuple[datetime, str] | None:
        best: tuple[datetime, str] | None = None
        for raw, arrived in found:
            try:
                msg = parse(raw)
                verdict = classify(msg, rules, arrived)
            except Exception:  # an odd mail must not stop the sign-in
                log.debug("skipped an unreadable mail while waiting for the code", exc_info=True)
                continue
            if not isinstance(verdict, ShopMail) or verdict.kind != "verification_code":
                continue
            if not (verdict.at >= self.dated_after or arrived >= self.arrived_after):
                continue
            verdict_of = self.trust.check(raw, msg.senders)
            if not verdict_of.authentic:  # the log line names no code, only why
                log.info("a verification code mail is not authentic (%s): its code is not "
                         "used", verdict_of.why[:300])
                continue
            code = verification_code(msg, rules)
            if code and (best is None or max(verdict.at, arrived) > best[0]):
                best = (max(verdict.at, arrived), code)
        return best


def _wait_imap(location: MailLocation, password: str, settings: Settings, rules: MailRules,
               window: _Window, deadline: float) -> str | None:
    looked: set[int] = set()
    best: tuple[datetime, str] | None = None
    with ImapReader(location, password, ca_file=settings.mail_ca_file) as reader:
        while True:
            reader.examine()  # re-opening the folder shows what arrived meanwhile
            since = (window.earliest - timedelta(days=1)).date()
            uids = [u for u in reader.search(rules.search_terms, since) if u not in looked]
            fetched = list(reader.fetch(uids)) if uids else []
            looked.update(uids)
            newest = window.newest_code(
                ((f.raw, f.arrived or datetime.now(UTC)) for f in fetched), rules)
            if newest and (best is None or newest[0] > best[0]):
                best = newest
            if best is not None or time.monotonic() >= deadline:
                return best[1] if best else None
            time.sleep(max(0.0, min(POLL_EVERY, deadline - time.monotonic())))


def _wait_maildir(location: MailLocation, rules: MailRules, window: _Window,
                  deadline: float) -> str | None:
    assert location.path is not None
    reader = MaildirReader(location.path)
    looked: set[str] = set()
    while True:
        found = []
        for file in reader.files(window.earliest):
            if file.name in looked:
                continue
            looked.add(file.name)
            senders = reader.senders(file.name)
            if senders and all(rules.is_shop_sender(s) for s in senders):
                raw = reader.read(file.name)
                if raw is not None:
                    found.append((raw, file.received))
        newest = window.newest_code(found, rules)
        if newest is not None:
            return newest[1]
        if time.monotonic() >= deadline:
            return None
        time.sleep(max(0.0, min(POLL_EVERY, deadline - time.monotonic())))
