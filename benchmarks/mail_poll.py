"""What a mail poll costs on a big mailbox: IMAP commands and time, at 100 and 10,000 messages.

Starts a private Dovecot on loopback (tests/support/dovecot.py), fills a mailbox with unrelated
messages plus a few of the shop's, and polls it: first contact, then with nothing new, then
with one new shop mail. The messages are written straight into Dovecot's Maildir (as a
delivery agent does): APPENDing 10,000 messages one by one would take minutes.

    .venv/bin/python benchmarks/mail_poll.py [--sizes 100,10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support

from assistant.mail.cursor_store import SqliteMailState
from assistant.mail.poll import Poll, read_new_mail
from assistant.settings import Settings
from fixture_shop import dkim
from fixture_shop.outbox import OutgoingMail, render
from tests.support.dovecot import Dovecot, Mailbox

SHOP_MAILS = 3


def unrelated(number: int) -> bytes:
    return (f"From: Friend {number % 97} <friend{number % 97}@example.test>\r\n"
            f"To: shopper@example.test\r\nSubject: Message {number}\r\n"
            f"Message-ID: <bench{number}@example.test>\r\nDate: Wed, 25 Nov 2026 09:00:00 +0000"
            f"\r\nContent-Type: text/plain\r\n\r\n" + "Some words. " * 40 + "\r\n").encode()


def shop(order: str, kind: str = "cancel_received") -> bytes:
    mail = OutgoingMail(kind=kind, to="shopper@example.test", at=datetime.now(UTC),
                        order=order, context={})
    return render(mail).as_bytes()


def timed_poll(settings: Settings, state: SqliteMailState, password: str) -> tuple[Poll, float]:
    started = time.perf_counter()
    poll = read_new_mail(settings, state, password=password)
    poll.commit()
    return poll, time.perf_counter() - started


def bench(server: Dovecot, size: int, workdir: Path) -> list[tuple[str, int, Poll, float]]:
    box: Mailbox = server.new_mailbox("bench")
    for number in range(size):
        box.drop(unrelated(number))
    for number in range(SHOP_MAILS):
        box.drop(shop(f"81900000000{number:05d}"))
    settings = Settings(mail=box.url("imaps"), mail_ca_file=server.ca_file,
                        data_dir=workdir, mail_lookback=timedelta(days=30),
                        dkim_keys=dkim.keys_file())  # the shop's signatures checked for real
    state = SqliteMailState(workdir / f"state-{size}.sqlite3")
    rows = []
    poll, seconds = timed_poll(settings, state, box.password)
    rows.append(("first contact", size, poll, seconds))
    poll, seconds = timed_poll(settings, state, box.password)
    rows.append(("nothing new", size, poll, seconds))
    box.drop(shop("8190000000099999", "cancel_approved"))
    poll, seconds = timed_poll(settings, state, box.password)
    rows.append(("one new shop mail", size, poll, seconds))
    poll, seconds = timed_poll(settings, state, box.password)
    rows.append(("nothing new", size, poll, seconds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000",
                        help="mailbox sizes (unrelated messages), comma-separated")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    server = Dovecot.start()
    try:
        with tempfile.TemporaryDirectory() as workdir:
            rows = [row for size in sizes for row in bench(server, size, Path(workdir))]
    finally:
        server.stop()
    print(f"{'messages':>9}  {'poll':<18} {'IMAP commands':>13} {'shop mails':>10} "
          f"{'authentic':>9} {'seconds':>8}")
    for name, size, poll, seconds in rows:
        authentic = sum(m.authentic for m in poll.mails)
        print(f"{size + SHOP_MAILS:>9}  {name:<18} {poll.commands:>13} {len(poll.mails):>10} "
              f"{authentic:>9} {seconds:>8.3f}")
    idle = {size: poll.commands for name, size, poll, _ in rows if name == "nothing new"}
    same = len(set(idle.values())) == 1
    print(f"\nA poll with nothing new sends {sorted(set(idle.values()))} command(s) at every "
          f"size: {'the same' if same else 'NOT the same'} (CAPABILITY, LOGIN, EXAMINE, LOGOUT;"
          " no SEARCH when UIDNEXT shows nothing new).")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
