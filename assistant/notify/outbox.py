"""The tick's last step: log what the cases call for, then send what waits.

1. Derive the notices (``notices.for_case`` for every case; signing in, the session's end
   from the account) and log the new ones: a notice already logged is never logged again.
2. Send the waiting ones, urgent first; quiet hours hold the non-urgent ones. A failed send
   ends the sending for this tick: the rest wait for the next one; it never fails this tick
   (it is logged; `status` counts them).
Nothing is logged, and apprise is not imported, when no target is set up; the keyring is not
read when there is nothing new to tell and nothing waits.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Protocol

from assistant.domain import Case
from assistant.errors import AssistantError
from assistant.notify import account
from assistant.notify.notices import Notice, for_case, layout_changed
from assistant.notify.targets import Targets, config_file, stored_urls
from assistant.settings import Settings
from assistant.store import CaseStore
from assistant.store.notifications import Entry, NotificationLog

log = logging.getLogger(__name__)


class PassReport(Protocol):
    """What the notifications need from a scheduler pass's report."""

    browser_started: bool
    sign_in_blocked: str | None
    layout_changed: list[tuple[str, str, str | None]]
    problems: list[str]


def send_due(settings: Settings, store: CaseStore, now: datetime,
             report: PassReport | None = None) -> int:
    """Log and send what is due; returns how many went out. Never raises for a failed send;
    a bad notification configuration is a problem of the pass (it says what to fix).

    The targets (the keyring, slow to load) are read only when there is something to tell:
    a notice not logged yet, or one waiting to be sent (or a configuration file to send to).
    An idle tick reads no keyring."""
    try:
        config = config_file(settings)  # a bad file is said on every pass
    except AssistantError as exc:
        return _bad_targets(exc, report)
    with NotificationLog.open(store.path) as book:
        found, folded = due_notices(settings, store, now, book, report)
        logged = {(e.order, e.topic, e.ref) for e in book.all()}
        new = [n for n in (*found, *folded) if (n.order, n.topic, n.ref) not in logged]
        if config is None and not new and not book.count_waiting():
            return 0
        try:
            targets = Targets(stored_urls(settings), config)
        except AssistantError as exc:
            return _bad_targets(exc, report)
        if not targets:
            return 0  # nothing is logged: a target set up later hears of what is open then
        book.add([_entry(n) for n in folded], now, told_by="told with the sign-in notice")
        book.add([_entry(n) for n in found], now)
        return _send_waiting(book, targets, settings, now, report)


def _bad_targets(exc: AssistantError, report: PassReport | None) -> int:
    log.error("Notifications: %s", exc.message)
    if report is not None:
        report.problems.append(f"Notifications: {exc}")
    return 0


def due_notices(settings: Settings, store: CaseStore, now: datetime, book: NotificationLog,
                report: PassReport | None) -> tuple[list[Notice], list[Notice]]:
    """The notices due, and those folded into the sign-in notice: a case that failed because
    signing in needs a person is told once, by that notice, not once more per case."""
    blocked = None if report is None else report.sign_in_blocked
    found: list[Notice] = []
    folded: list[Notice] = []
    for case in store.all():
        for notice in for_case(case, now, window_warning=settings.window_warning):
            same = blocked and notice.topic == "failed" and _failed_signing_in(case, blocked)
            (folded if same else found).append(notice)
    ends = account.session_ends(settings, now)
    if ends is not None:
        found.append(ends)
    if report is not None:
        for order, what, evidence in report.layout_changed:
            found.append(layout_changed(order, what, evidence, store.get(order)))
        if report.sign_in_blocked:
            if not book.sign_in_open():
                found.append(account.sign_in_blocked(report.sign_in_blocked, now))
        elif report.browser_started and book.sign_in_resolved(now):
            log.info("Notifications: signed in again; a new sign-in problem is told again")
    return found, folded


def _failed_signing_in(case: Case, why: str) -> bool:
    last = next((e for e in reversed(case.events) if e.kind == "failed"), None)
    return last is not None and bool(last.detail) and why.startswith(last.detail)


def _send_waiting(book: NotificationLog, targets: Targets, settings: Settings, now: datetime,
                  report: PassReport | None) -> int:
    # Imported here: an idle tick (nothing to send) starts without the sending modules.
    from assistant.notify.deliver import Sender
    from assistant.notify.quiet import QuietHours

    quiet = QuietHours.parse(settings.quiet_hours)
    held = quiet is not None and quiet.holds(now)
    sender, sent = Sender(targets), 0
    for entry in book.waiting():
        if held and not entry.urgent:
            continue  # the next tick after the quiet hours sends it
        if not book.mark_sent(entry, now):
            continue
        try:
            error = sender.send(entry.title, entry.body, urgent=entry.urgent)
        except AssistantError as exc:  # the targets themselves are wrong: none will go
            book.send_failed(entry, exc.message)
            log.error("Notifications: %s", exc.message)
            if report is not None:
                report.problems.append(f"Notifications: {exc}")
            return sent
        if error is None:
            sent += 1
            log.info("Notification sent: %s", entry.title)
        else:
            book.send_failed(entry, error)
            log.warning("Notification not sent (the rest wait too; the next tick tries "
                        "again): %s: %s", entry.title, error)
            break  # the service is likely down: do not wait out its timeout once per message
    return sent


def waiting_count(settings: Settings) -> int:
    """How many notifications wait to be sent (0 when there is no database yet)."""
    if not settings.db_path.exists():
        return 0
    with NotificationLog.open(settings.db_path) as book:
        return book.count_waiting()


def _entry(notice: Notice) -> Entry:
    return Entry(order=notice.order, topic=notice.topic, ref=notice.ref, title=notice.title,
                 body=notice.body, urgent=notice.urgent, event=notice.event)
