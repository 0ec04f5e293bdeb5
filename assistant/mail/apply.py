"""The shop's new mails applied to the cases, through the case model's transitions.

Each mail is applied under its case's lease (never while `cancel`, `return` or another tick
works on the case), and its Message-ID is recorded in the same transaction as the case, so it
is never applied twice. A mail whose case is busy is read again on the next poll.

An ambiguous mail ("is closed", parcel steps) or one not verified as the shop's moves no case:
it has the order page looked at by the next tick, at most once an hour per case
(``PAGE_LOOK_GAP``), so that a flood of such mails, forged or not, never has the shop's pages
read more often. The look it asks for is due at once, or, when an earlier such mail's look is
less than an hour before, an hour after that one (a later mail joins a look still to come).
It never puts off a check the case already had planned.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from assistant.domain import Case
from assistant.domain.vocabulary import Fact
from assistant.mail.classify import Ignored, ShopMail
from assistant.mail.poll import Poll, read_new_mail
from assistant.mail.state import MESSAGE_ID
from assistant.settings import Settings
from assistant.store import CaseStore, Seen, StaleCase

log = logging.getLogger(__name__)

Busy = Literal["busy"]
AfterMail = Callable[[Case, datetime], object]
LEASE_TTL = timedelta(minutes=2)
LEASE_WAIT = timedelta(seconds=5)
PAGE_LOOK_GAP = timedelta(hours=1)  # between two page looks asked for by such mails


@dataclass(frozen=True)
class Change:
    """What one mail did to its case."""

    mail: ShopMail
    before: str
    after: str
    changed: bool  # False: a repeat or a stale fact (the case kept its state)


@dataclass
class PollReport:
    poll: Poll
    changes: list[Change] = field(default_factory=list)
    not_tracked: list[ShopMail] = field(default_factory=list)  # orders with no case here
    busy: list[ShopMail] = field(default_factory=list)         # read again next time

    def to_dict(self) -> dict[str, Any]:
        return {
            "mailbox": self.poll.mailbox,
            "changes": [{**_mail_dict(c.mail), "state_before": c.before, "state": c.after,
                         "changed": c.changed} for c in self.changes],
            "not_tracked": [_mail_dict(m) for m in self.not_tracked],
            "busy": [_mail_dict(m) for m in self.busy],
            "already_applied": self.poll.already_applied,
            "ignored": dict(sorted(self.poll.ignored.items())),
            "unreadable": self.poll.ignored.get(Ignored.UNREADABLE.value, 0),
            "inauthentic": self.poll.inauthentic,
            "imap_commands": self.poll.commands,
        }


def poll_and_apply(settings: Settings, store: CaseStore, *, password: str | None = None,
                   after: AfterMail | None = None) -> PollReport:
    """Read the mailbox once and apply what is new. MailError/WrongPassword/ConfigError pass up.

    ``after(case, mail_at)`` runs on each case a mail was applied to, in the same transaction
    (the scheduler fills in the next check there, counted from the mail's time).
    """
    poll = read_new_mail(settings, store, password=password)
    report = PollReport(poll)
    now = settings.clock.now()
    for mail in poll.mails:
        outcome = apply_mail(store, mail, now, after=after)
        if outcome == "busy":
            report.busy.append(mail)
        elif outcome is None:
            report.not_tracked.append(mail)
        else:
            report.changes.append(outcome)
    poll.commit(again=report.busy)
    return report


def apply_mail(store: CaseStore, mail: ShopMail, now: datetime, *,
               after: AfterMail | None = None) -> Change | Busy | None:
    """Apply ``mail`` to its case: the Change, None when no case has this order, or "busy"."""
    assert mail.order is not None
    # An ambiguous mail ("is closed", parcel steps, "order shipped") and one that is not
    # authentic (whatever it claims) never move a case by themselves: each is the case's
    # ambiguous fact, which keeps the state and has the order page looked at (the page
    # decides).
    with store.case_lease(mail.order, owner="poll", ttl=LEASE_TTL, wait=LEASE_WAIT) as lease:
        if not lease:
            log.info("order %s is busy (%s): its mail is read again next time", mail.order,
                     lease.holder)
            return "busy"
        for _attempt in range(2):
            case = store.get(mail.order)
            if case is None:
                return None
            before, planned = str(case.state), case.next_check
            look = mail.ambiguous or not mail.authentic
            fact = Fact.ORDER_CLOSED if look else mail.kind
            # a look is asked for when the mail is read, whatever Date a forger wrote
            at = min(mail.at, now) if look else mail.at
            changed = case.apply_mail(fact, at, seller=mail.seller,
                                      detail=_detail(mail) if fact != mail.kind else None,
                                      evidence=f"mail {mail.message_id}")
            if look and changed and case.next_check == at:  # (a failed case waits)
                case.schedule(_look_at(case, planned))
            if after is not None:
                after(case, mail.at)
            try:
                store.save(case, seen=[Seen(MESSAGE_ID, mail.message_id, now)])
            except StaleCase:
                continue  # saved by a run that held no lease: read the case again
            log.info("order %s: %s mail applied (%s -> %s)", mail.order, mail.kind, before,
                     case.state)
            return Change(mail, before, str(case.state), changed)
    return "busy"


def _look_at(case: Case, planned: datetime | None) -> datetime:
    """When the page look asked for by the case's latest ambiguous mail is due.

    Each such mail (an ``order_closed`` fact of the history, at its time) gets a look: at its
    own time, or with the previous mail's look when that one is not before it, or else no
    sooner than ``PAGE_LOOK_GAP`` after the previous look. A check planned earlier stays.
    """
    due: datetime | None = None
    for event in case.events:
        if event.kind != Fact.ORDER_CLOSED:
            continue
        if due is None or event.at >= due + PAGE_LOOK_GAP:
            due = event.at
        elif event.at > due:
            due = due + PAGE_LOOK_GAP
    assert due is not None  # the mail just applied is one
    return due if planned is None else min(planned, due)


def _mail_dict(mail: ShopMail) -> dict[str, Any]:
    return {"order": mail.order, "kind": mail.kind, "at": mail.at.isoformat(),
            "subject": mail.subject, "detail": mail.detail, "seller": mail.seller,
            "message_id": mail.message_id, "ambiguous": mail.ambiguous,
            "authentic": mail.authentic}


def _detail(mail: ShopMail) -> str:
    """The case history's words for a mail that only has the page looked at."""
    if mail.authentic:
        return mail.detail
    return (f"A mail not verified as the shop's (no valid DKIM signature) says: {mail.detail}; "
            "the order page will be checked")
