"""One read of the mailbox that costs only what is new: the shop's new mails, classified.

IMAP: the folder's UIDVALIDITY and last UID read are kept; when UIDNEXT shows nothing new, no
SEARCH is sent at all. Otherwise one UID SEARCH (the shop's senders, SINCE the look-back, UID
above the last) and one FETCH per 100 matches, with BODY.PEEK. Maildir: the names of the files
read are kept. Either way a Message-ID already applied is skipped, so a rescan after a changed
UIDVALIDITY (or a crash before the cursor was saved) applies nothing twice.

The caller applies ``Poll.mails`` and then calls ``Poll.commit()``: only then does the cursor
move, so a crash in between reads the same mails again (and the Message-IDs dedupe them).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from assistant.errors import ConfigError
from assistant.mail.authenticity import TrustPolicy
from assistant.mail.classify import Ignored, ShopMail, classify
from assistant.mail.location import MailLocation, parse_location
from assistant.mail.maildir import MaildirReader
from assistant.mail.message import parse
from assistant.mail.rules import MailRules, rules_for
from assistant.mail.state import MESSAGE_ID, MailState
from assistant.settings import Settings

log = logging.getLogger(__name__)

SIGN_IN_CODE = "sign_in_code"  # counted apart: a verification mail is about no case


@dataclass
class Poll:
    """What one read found. ``mails``: the shop's mails about orders, new, oldest first."""

    mailbox: str
    mails: list[ShopMail] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    already_applied: int = 0
    inauthentic: int = 0  # from the shop's senders, but neither DKIM nor the provider vouch
    commands: int | None = None  # IMAP commands sent; None for a Maildir
    _commit: Callable[[set[str]], None] = lambda again: None

    def commit(self, again: Iterable[ShopMail] = ()) -> None:
        """Remember what was read. Mails in ``again`` (e.g. their case was busy) are read again
        next time."""
        self._commit({m.message_id for m in again})


def lookback_start(settings: Settings) -> datetime:
    """The oldest mail a first contact reads. The earlier of the assistant's clock and the real
    one, so that ASSISTANT_NOW set ahead of the mail server's clock hides no mail."""
    return min(settings.clock.now(), datetime.now(UTC)) - settings.mail_lookback


def read_new_mail(settings: Settings, state: MailState, *, password: str | None = None,
                  rules: MailRules | None = None) -> Poll:
    """Read what is new in ASSISTANT_MAIL. Raises ConfigError, MailError or WrongPassword."""
    # keyring loads only when an IMAP mailbox needs the password: a tick over a Maildir
    # stays small at start-up
    from assistant.secrets import password_for

    location = require_location(settings)
    rules = rules or rules_for(settings)
    trust = TrustPolicy.from_settings(settings, rules)  # a bad setting stops before the mailbox
    if location.scheme == "maildir":
        return _read_maildir(location, state, rules, settings, trust)
    password = password if password is not None else password_for(settings, "mail")
    return _read_imap(location, password, state, rules, settings, trust)


def require_location(settings: Settings) -> MailLocation:
    """ASSISTANT_MAIL parsed, or a ConfigError saying how to set it."""
    if not settings.mail:
        raise ConfigError("ASSISTANT_MAIL is not set: there is no mailbox to read.",
                          hint="Set it to imaps://user@host/INBOX, imap://… or maildir:/path.")
    return parse_location(settings.mail)


def _read_imap(location: MailLocation, password: str, state: MailState, rules: MailRules,
               settings: Settings, trust: TrustPolicy) -> Poll:
    # imap_tools loads only for an IMAP mailbox: `status` and a tick over a Maildir start small
    from assistant.mail.imap import ImapReader

    now = settings.clock.now()
    cursor = state.mail_cursor(location.key)
    with ImapReader(location, password, ca_file=settings.mail_ca_file) as reader:
        status = reader.examine()
        known = cursor is not None and cursor.uidvalidity == status.uidvalidity
        if cursor is not None and not known:
            log.info("UIDVALIDITY of %s changed: reading the last %s again", location.key,
                     settings.mail_lookback)
        after = cursor.last_uid if cursor is not None and known else 0
        nothing_new = known and status.uidnext is not None and status.uidnext - 1 <= after
        uids = [] if nothing_new else reader.search(
            rules.search_terms, (lookback_start(settings) - timedelta(days=1)).date(), after)
        fetched = list(reader.fetch(uids)) if uids else []
    poll = Poll(location.key, commands=reader.commands)
    # a mail with no usable Date is dated by its arrival at the server
    refs = _classify_all(poll, ((f.uid, f.raw, f.arrived or now) for f in fetched), state, rules,
                         trust)
    high = max([after, (status.uidnext or 1) - 1, *uids])

    def commit(again: set[str]) -> None:
        keep = [uid for uid, ids in refs.items() if ids & again]
        last = min(keep) - 1 if keep else high
        if cursor is None or not known or last != cursor.last_uid:
            state.set_mail_cursor(location.key, status.uidvalidity, last, now)

    poll._commit = commit
    return poll


def _read_maildir(location: MailLocation, state: MailState, rules: MailRules,
                  settings: Settings, trust: TrustPolicy) -> Poll:
    assert location.path is not None
    now = settings.clock.now()
    source = location.key
    poll = Poll(source)
    read: list[str] = []
    candidates: list[tuple[str, bytes, datetime]] = []
    maildir = MaildirReader(location.path)
    for file in maildir.files(lookback_start(settings)):
        if state.is_seen(source, file.name):
            continue
        sender = maildir.sender_header(file.name)
        if sender is None:
            continue  # gone meanwhile
        read.append(file.name)
        standing = rules.standing(*sender)
        if standing == "foreign":
            poll.ignored[Ignored.FOREIGN.value] += 1  # not worth reading past the headers
            continue
        if standing == "look_alike":
            log.info("the mail %s in %s is not authentic (its From %s only looks like the "
                     "shop's): it moves no case", file.name, poll.mailbox,
                     _one_line(", ".join(sender[0]) or sender[1]))
            poll.inauthentic += 1
            continue
        raw = maildir.read(file.name)
        if raw is not None:
            candidates.append((file.name, raw, file.received))
    refs = _classify_all(poll, candidates, state, rules, trust)

    def commit(again: set[str]) -> None:
        skip = {name for name, ids in refs.items() if ids & again}
        for name in read:
            if name not in skip:
                state.mark_seen(source, name, now)

    poll._commit = commit
    return poll


Ref = TypeVar("Ref", int, str)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _one_line(text: str) -> str:
    return _CONTROL.sub(" ", text)[:300]


def each_order(mail: ShopMail) -> list[ShopMail]:
    """One mail per order it names. A parcel mail naming several orders is applied to each;
    past the first, its Message-ID is made ``<id>#<order>`` so that each is applied once."""
    if len(mail.orders) <= 1:
        return [mail]
    return [mail, *(replace(mail, order=order, message_id=f"{mail.message_id}#{order}",
                            orders=(order,)) for order in mail.orders[1:])]


def _classify_all(poll: Poll, items: Iterable[tuple[Ref, bytes, datetime]], state: MailState,
                  rules: MailRules, trust: TrustPolicy) -> dict[Ref, set[str]]:
    """Fill ``poll`` with the new shop mails; returns the Message-IDs at each place (UID or
    file name).

    A mail already applied (its Message-ID recorded) is skipped before its signature is
    checked: a rescan costs no DKIM check per old mail. A mail from the shop's senders that
    is not authentic is counted as such, and moves no case: one about an order only has its
    order page looked at (as an ambiguous mail does), under its own key (``<id>#unverified``),
    so that a forgery never stands in for the real mail of that Message-ID. A mail that names
    the shop in its From header but comes from none of its addresses (a look-alike) is
    counted as not authentic too, and read no further.
    """
    refs: dict[Ref, set[str]] = {}
    taken: set[str] = set()
    found: list[tuple[datetime, ShopMail]] = []
    for ref, raw, received in items:
        why: str | None
        try:
            msg = parse(raw)
            verdict = classify(msg, rules, received)
        except Exception as exc:  # a mail no parser foresaw must not stop the poll
            log.debug("the mail at %s in %s", ref, poll.mailbox, exc_info=True)
            why = f"{type(exc).__name__} while classifying it"
        else:
            why = msg.unreadable if verdict is Ignored.UNREADABLE else None
        if why is not None:  # one line each, in the log file only: cron mails what is on stderr
            log.info("the mail at %s in %s is unreadable (%s): counted, not applied", ref,
                     poll.mailbox, why)
            poll.ignored[Ignored.UNREADABLE.value] += 1
            continue
        if verdict is Ignored.LOOK_ALIKE:
            log.info("the mail at %s in %s is not authentic (its From %s only looks like the "
                     "shop's): it moves no case", ref, poll.mailbox,
                     _one_line(", ".join(msg.senders) or msg.from_header))
            poll.inauthentic += 1
            continue
        mails = each_order(verdict) if isinstance(verdict, ShopMail) and verdict.order else []
        fresh = [m for m in mails if m.message_id not in taken
                 and not state.is_seen(MESSAGE_ID, m.message_id)]
        if mails and not fresh:  # applied before (by this release or an older one)
            poll.already_applied += len(mails)
            continue
        # (the shop's other addresses' mail is about no order: counted, not checked)
        if verdict is not Ignored.FOREIGN and rules.standing(msg.senders,
                                                            msg.from_header) == "shop":
            verdict_of = trust.check(raw, msg.senders)
            if not verdict_of.authentic:
                log.info("the mail at %s in %s is not authentic (%s): it moves no case", ref,
                         poll.mailbox, _one_line(verdict_of.why))
                poll.inauthentic += 1
                if not mails or not isinstance(verdict, ShopMail):
                    continue
                verdict = replace(verdict, authentic=False, ambiguous=True,
                                  message_id=f"{verdict.message_id}#unverified")
                mails = each_order(verdict)
                fresh = [m for m in mails if m.message_id not in taken
                         and not state.is_seen(MESSAGE_ID, m.message_id)]
        if isinstance(verdict, Ignored):
            poll.ignored[verdict.value] += 1
        elif verdict.order is None:
            poll.ignored[SIGN_IN_CODE] += 1
        else:
            poll.already_applied += len(mails) - len(fresh)
            for mail in fresh:
                taken.add(mail.message_id)
                refs.setdefault(ref, set()).add(mail.message_id)
                found.append((mail.at, mail))
    poll.mails = [mail for _, mail in sorted(found, key=lambda pair: pair[0])]
    return refs

