"""`assistant watch`: passes on an interval, woken early by new mail, stopped by a signal."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.domain import Case
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import REASON, Assistant, run_assistant
from tests.support.dovecot import Dovecot, Mailbox

ORDER = "8190000000000001"


class Running:
    """A running `assistant watch`, its output read line by line as it comes."""

    def __init__(self, cron: Assistant, env: dict[str, str]) -> None:
        self.process = cron.popen("watch", env=env, stderr=subprocess.STDOUT)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.seen):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {text!r} within {timeout} s; output:\n"
                                     + "\n".join(self.seen))
            try:
                self.seen.append(self.lines.get(timeout=left))
            except queue.Empty:
                continue

    def stop(self, signum: int = signal.SIGTERM) -> int:
        self.process.send_signal(signum)
        code = self.process.wait(timeout=60)
        time.sleep(0.2)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


@pytest.fixture
def watching(cron: Assistant) -> Iterator[Callable[..., Running]]:
    started: list[Running] = []

    def start(**env: str) -> Running:
        run = Running(cron, {"ASSISTANT_WATCH_EVERY": "PT1H", **env})
        started.append(run)
        return run

    yield start
    for run in started:
        if run.process.poll() is None:
            run.process.kill()
            run.process.wait()


def failed_case(cron: Assistant) -> None:
    """GIVEN a case waiting for a person (so that a mail about it needs no browser)."""
    case = Case.open(ORDER)
    case.record_request(["1"], reason=REASON, surface="web", at=cron.now())
    case.fail(cron.now(), reason="Signed out", todo="Run `assistant login`")
    cron.save(case)


def events(cron: Assistant) -> list[str]:
    return [e.kind for e in cron.case(ORDER).events]


def wait_for_event(cron: Assistant, kind: str, timeout: float) -> float:
    started = time.monotonic()
    while kind not in events(cron):
        if time.monotonic() - started > timeout:
            raise AssertionError(f"no {kind} event within {timeout} s: {events(cron)}")
        time.sleep(0.2)
    return time.monotonic() - started


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_watch_runs_a_pass_at_once_and_stops_cleanly_on_a_signal(
        watching: Callable[..., Running], signum: int) -> None:
    # GIVEN a watch with nothing due
    watch = watching()
    watch.wait_for("Nothing due.")
    # WHEN it gets SIGTERM or SIGINT
    code = watch.stop(signum)
    # THEN it stops, says so, and exits 0
    assert code == 0, "\n".join(watch.seen)
    assert watch.seen[-1] == "Stopped."
    assert not any("Traceback" in line for line in watch.seen)


def test_watch_wakes_when_mail_arrives_in_a_maildir(
        cron: Assistant, watching: Callable[..., Running]) -> None:
    # GIVEN a case and a watch that runs only once an hour
    failed_case(cron)
    watch = watching()
    watch.wait_for("needs a person")
    # WHEN the shop sends a mail about the case
    cron.site.switch(send="order_closed", order=ORDER)
    # THEN the watch applies it within seconds, not an hour
    assert wait_for_event(cron, "order_closed", timeout=20) < 20
    assert watch.stop() == 0


@pytest.mark.imap
def test_watch_wakes_on_imap_idle(
        cron: Assistant, watching: Callable[..., Running], mailbox: Mailbox, dovecot: Dovecot,
        fixture_site_factory: Callable[..., FixtureSite], isolated_home: Path) -> None:
    # GIVEN a shop that mails to an IMAP server offering IDLE, and the mailbox's password
    site = fixture_site_factory(mail=mailbox.outbox_url("imaps"))
    env = {"ASSISTANT_MAIL": mailbox.url("imaps"),
           "ASSISTANT_MAIL_CA_FILE": str(dovecot.ca_file)}
    stored = run_assistant("secrets", "set", "mail", stdin=mailbox.password + "\n", env=env)
    assert stored.returncode == 0, stored.stderr
    failed_case(cron)
    watch = watching(**env)
    watch.wait_for("needs a person")
    time.sleep(1)  # the waker's IDLE is up once the first pass has read the mailbox
    # WHEN the shop sends a mail about the case
    site.switch(send="order_closed", order=ORDER)
    # THEN the IDLE wakes the watch at once
    assert wait_for_event(cron, "order_closed", timeout=20) < 20
    assert watch.stop() == 0
