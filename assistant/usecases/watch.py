"""`assistant watch`: the tick's pass on an APScheduler interval, until SIGINT or SIGTERM.

- One interval job (coalesce: missed runs become one; max_instances=1: never two passes at
  once). Each run is ``run_tick`` with owner "watch", so a cron `tick` beside it gives way.
- A waker thread runs the job early when mail arrives: IMAP IDLE (imap-tools) where the
  server offers it, a look at a Maildir's ``new/`` folder every few seconds; otherwise the
  interval alone.
- SIGINT/SIGTERM: no new pass starts; a running pass stops after its current case.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from assistant.mail.location import MailLocation, parse_location
from assistant.scheduler.report import TickReport
from assistant.secrets import password_for
from assistant.settings import Settings
from assistant.usecases.tick import run_tick

log = logging.getLogger(__name__)

JOB_ID = "tick"
IDLE_SLICE_S = 300  # re-issue IDLE well inside the 29 minutes servers allow (RFC 2177)
MAILDIR_LOOK_S = 2.0
RECONNECT_S = 60.0


class Watch:
    def __init__(self, settings: Settings, out: Callable[[TickReport], None]) -> None:
        from apscheduler.schedulers.blocking import BlockingScheduler

        self.settings = settings
        self.out = out
        self.stop = threading.Event()
        self.again = threading.Event()  # mail came while a pass was running
        self.running = threading.Lock()
        self.scheduler = BlockingScheduler(timezone=UTC)

    def run(self) -> None:
        """Block until SIGINT or SIGTERM stops it (each pass reports as it ends)."""
        self.scheduler.add_job(
            self._job, "interval", id=JOB_ID, seconds=self.settings.watch_every.total_seconds(),
            next_run_time=datetime.now(UTC), coalesce=True, max_instances=1,
            misfire_grace_time=None)
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)
        if self.settings.mail:
            waker = MailWaker(self.settings, self.wake, self.stop)
            threading.Thread(target=waker.run, name="mail-waker", daemon=True).start()
        log.info("Watching every %s", self.settings.watch_every)
        self.scheduler.start()  # returns after shutdown
        with self.running:  # a pass in progress ends after its current case
            pass

    def wake(self) -> None:
        """Run the pass now (or once more right after the running one)."""
        if self.stop.is_set():
            return
        self.again.set()
        self.scheduler.modify_job(JOB_ID, next_run_time=datetime.now(UTC))

    def _job(self) -> None:
        with self.running:
            while not self.stop.is_set():
                self.again.clear()
                try:
                    report = run_tick(self.settings, owner="watch", stop=self.stop)
                except Exception:  # one bad pass must not end the watch; the next may work
                    log.exception("The pass failed")
                    return
                self.out(report)
                if not self.again.is_set():
                    return

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        log.info("Stopping on %s", signal.Signals(signum).name)
        self.stop.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)


class MailWaker:
    """Calls ``wake`` when new mail arrives, until ``stop`` is set (runs in its own thread)."""

    def __init__(self, settings: Settings, wake: Callable[[], None],
                 stop: threading.Event) -> None:
        self.settings = settings
        self.wake = wake
        self.stop = stop

    def run(self) -> None:
        location = parse_location(self.settings.mail or "")
        while not self.stop.is_set():
            try:
                if location.scheme == "maildir":
                    self._look_at_maildir(location)
                else:
                    self._idle(location)
            except Exception as exc:  # the mailbox may be away; the interval still runs
                log.warning("Waiting for mail failed (%s); trying again in %.0f s", exc,
                            RECONNECT_S)
                self.stop.wait(RECONNECT_S)

    def _look_at_maildir(self, location: MailLocation) -> None:
        assert location.path is not None
        new = location.path / "new"
        seen = _names(new)
        while not self.stop.wait(MAILDIR_LOOK_S):
            now = _names(new)
            if now - seen:
                log.info("New mail in %s", location.path)
                self.wake()
            seen = now

    def _idle(self, location: MailLocation) -> None:
        # imap_tools loads only when IDLE is used: `status` imports this module too
        from assistant.mail.imap import ImapReader

        with ImapReader(location, password_for(self.settings, "mail"),
                        ca_file=self.settings.mail_ca_file) as reader:
            reader.examine()
            if not reader.offers_idle:
                log.info("The mail server offers no IDLE: the watch wakes on its interval")
                self.stop.wait()
                return
            while not self.stop.is_set():
                if reader.wait_for_new_mail(IDLE_SLICE_S):
                    log.info("New mail in %s", location.key)
                    self.wake()


def _names(folder: Any) -> set[str]:
    try:
        return {p.name for p in folder.iterdir()}
    except OSError:
        return set()
