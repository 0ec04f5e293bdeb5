"""Notifications from cron: `assistant secrets set notify` stores a json:// URL of a receiver on
loopback, and each `assistant tick` tells it what the cases call for, each thing once.

The cases are stored as the shop's mails left them (no browser is needed for any of them):
an approved cancellation, a seller who decides, a return whose parcel must go back (and is
refunded later), and a case whose retries ran out.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest

from assistant.domain import Case
from assistant.store import CaseStore
from tests.support.cli import Ran, run_assistant, start_assistant
from tests.support.notify_receiver import Receiver

APPROVED = "8190000000000001"
SELLER = "8190000000000005"
RETURNED = "8190000000000004"
FAILED = "8190000000000002"
REASON = "No longer needed"


@pytest.fixture
def stored(receiver: Receiver) -> Receiver:
    """GIVEN its json:// URL stored with `assistant secrets set notify` (piped)."""
    done = run_assistant("secrets", "set", "notify", stdin=receiver.url + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Stored 1 notification URL(s) in the keyring.")
    assert receiver.url not in done.stdout + done.stderr
    return receiver


def db(home: Path) -> Path:
    return home / "data" / "assistant.sqlite3"


def seed(home: Path, now: datetime) -> None:
    """GIVEN four cases as their mails left them."""
    t = now - timedelta(days=1)

    def requested(order: str) -> Case:
        case = Case.open(order)
        case.record_request(["1"], reason=REASON, surface="web", at=t)
        case.submit_confirmed(t, next_check=None)
        case.cancel_received(t + timedelta(minutes=1))
        return case

    approved = requested(APPROVED)
    approved.cancel_approved(t + timedelta(minutes=40))
    seller = requested(SELLER)
    seller.seller_decides(t + timedelta(minutes=40), seller="Leather Craft Store")
    returned = requested(RETURNED)
    returned.cancel_declined(t + timedelta(minutes=30), next_check=None)
    returned.shipped(t + timedelta(minutes=31))
    returned.delivered(t + timedelta(hours=5), delivered_at=t + timedelta(hours=4),
                       return_by=t + timedelta(days=30), auto_return=True)
    returned.return_requested(t + timedelta(hours=5), items=["1"], reason="Changed my mind")
    returned.return_received(t + timedelta(hours=6), send_back_by=t + timedelta(days=15))
    failed = Case.open(FAILED)
    failed.record_request(["1"], reason=REASON, surface="web", at=t)
    failed.fail(t + timedelta(minutes=5), reason="The cancellation request for item 1 could "
                "not be submitted after 5 tries", todo=f"Check order {FAILED} on the shop; "
                f"then run `assistant cancel {FAILED}`", evidence="/evidence/submit.png")
    with CaseStore.open(db(home)) as store:
        for case in (approved, seller, returned, failed):
            store.save(case)


def tick(now: datetime, **env: str) -> Ran:
    return run_assistant("tick", env={"ASSISTANT_NOW": now.isoformat(), **env})


def by_order(receiver: Receiver) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text in receiver.texts():
        order = next((o for o in (APPROVED, SELLER, RETURNED, FAILED) if o in text), "")
        found.setdefault(order, []).append(text)
    return found


def test_each_event_is_told_once_naming_the_order_and_the_next_step(
        stored: Receiver, isolated_home: Path) -> None:
    now = datetime.now(UTC)
    seed(isolated_home, now)
    # WHEN a tick runs, and another after it
    first = tick(now)
    second = tick(now + timedelta(minutes=15))
    # THEN each tick exits as it would without notifications (3: a case failed)
    assert (first.returncode, second.returncode) == (3, 3), first.stderr
    # AND the receiver got exactly one message per case and event, each naming the order
    # and the one thing to do
    sent = by_order(stored)
    assert sorted(sent) == sorted([APPROVED, SELLER, RETURNED, FAILED])
    assert all(len(texts) == 1 for texts in sent.values()), sent
    assert sent[APPROVED][0].startswith(f"Order {APPROVED}: cancelled\n")
    assert "To do: nothing" in sent[APPROVED][0]
    assert "To do: Contact the seller Leather Craft Store via AliExpress Messages about " \
        f"order {SELLER}: ask them to cancel item 1." in sent[SELLER][0]
    assert "By: " in sent[SELLER][0] and "48 hours" in sent[SELLER][0]
    send_back = (now - timedelta(days=1) + timedelta(days=15)).date().isoformat()
    assert f"To do: Send the parcel back by {send_back}." in sent[RETURNED][0]
    assert sent[FAILED][0].startswith(f"Order {FAILED}: a person is needed\n")
    assert f"run `assistant cancel {FAILED}`" in sent[FAILED][0]
    assert "Evidence: /evidence/submit.png" in sent[FAILED][0]
    # WHEN the refund comes for the returned order
    with CaseStore.open(db(isolated_home)) as store:
        case = store.get(RETURNED)
        assert case is not None
        case.refunded(now + timedelta(minutes=20))
        store.save(case)
    tick(now + timedelta(minutes=30))
    tick(now + timedelta(minutes=45))
    # THEN only that is told, once
    refunds = [t for t in stored.texts() if t.startswith(f"Order {RETURNED}: refunded\n")]
    assert len(refunds) == 1 and len(stored.messages) == 5
    # AND nothing waits
    status = run_assistant("status")
    assert "wait to be sent" not in status.stdout


def test_with_the_receiver_down_the_tick_exits_as_it_would_and_the_next_one_sends(
        stored: Receiver, isolated_home: Path) -> None:
    now = datetime.now(UTC)
    seed(isolated_home, now)
    # GIVEN the notification service is down
    stored.down()
    # WHEN a tick runs
    down = tick(now)
    # THEN it exits as it would (3: a case failed), and says nothing more on stdout
    assert down.returncode == 3, down.stderr
    assert "Notifications" not in down.stdout
    # AND `status` says how many wait
    status = run_assistant("status")
    assert "4 notification(s) wait to be sent" in status.stdout
    # WHEN the service is back and the next tick runs
    stored.up()
    back = tick(now + timedelta(minutes=15))
    # THEN every message goes out, once
    assert back.returncode == 3
    assert sorted(len(t) for t in by_order(stored).values()) == [1, 1, 1, 1]
    assert "wait to be sent" not in run_assistant("status").stdout


def test_a_tick_killed_right_after_sending_sends_nothing_twice(
        stored: Receiver, isolated_home: Path) -> None:
    now = datetime.now(UTC)
    seed(isolated_home, now)
    running: list[subprocess.Popen[str]] = []

    def kill(_: object) -> None:
        running[0].kill()

    # GIVEN a tick that dies the moment its first message is received
    stored.on_message = kill
    running.append(start_assistant("tick", env={"ASSISTANT_NOW": now.isoformat()}))
    running[0].communicate(timeout=120)
    assert running[0].returncode == -9
    assert len(stored.messages) == 1
    # WHEN the next ticks run
    stored.on_message = None
    tick(now + timedelta(minutes=15))
    tick(now + timedelta(minutes=30))
    # THEN each case's message arrived exactly once
    assert sorted(len(t) for t in by_order(stored).values()) == [1, 1, 1, 1]


def test_quiet_hours_hold_all_but_a_person_needed_until_they_end(
        stored: Receiver, isolated_home: Path) -> None:
    now = datetime.now(UTC)
    seed(isolated_home, now)
    local = now.astimezone()
    start = (local - timedelta(hours=1)).strftime("%H:%M")
    end = (local + timedelta(hours=1)).strftime("%H:%M")
    # WHEN a tick runs inside the quiet hours
    tick(now, ASSISTANT_QUIET_HOURS=f"{start}-{end}")
    # THEN only "a person is needed" went out
    assert [t.split("\n")[0] for t in stored.texts()] == [f"Order {FAILED}: a person is needed"]
    # WHEN the next tick runs after they ended
    tick(now + timedelta(hours=2), ASSISTANT_QUIET_HOURS=f"{start}-{end}")
    # THEN the held ones go out
    assert sorted(len(t) for t in by_order(stored).values()) == [1, 1, 1, 1]


def test_a_configuration_file_readable_by_others_is_refused(
        receiver: Receiver, isolated_home: Path) -> None:
    # GIVEN an apprise configuration file with mode 0644
    config = isolated_home / "apprise.txt"
    config.write_text(receiver.url + "\n")
    config.chmod(0o644)
    env = {"ASSISTANT_NOTIFY_CONFIG": str(config)}
    # WHEN the test message is asked for
    refused = run_assistant("notify", "--test", env=env)
    # THEN it exits 2, saying what to do, and sends nothing
    assert refused.returncode == 2
    assert "readable by others (mode 0644)" in refused.stderr
    assert f"chmod 600 {config}" in " ".join(refused.stderr.split())
    assert receiver.messages == []
    # WHEN the file is made private
    config.chmod(0o600)
    sent = run_assistant("notify", "--test", env=env)
    # THEN the test message goes out
    assert sent.returncode == 0, sent.stderr
    assert [m["title"] for m in receiver.messages] == ["AliExpress assistant: test message"]


def test_a_url_apprise_does_not_know_is_refused_and_nothing_is_stored(
        isolated_home: Path) -> None:
    done = run_assistant("secrets", "set", "notify", stdin="json://127.0.0.1:9/ok\nnope://token\n")
    assert done.returncode == 2
    assert "apprise does not know 1 of the URLs (nope://…); nothing was stored." in done.stderr
    assert "token" not in done.stdout + done.stderr
    nothing = run_assistant("notify", "--test")
    assert nothing.returncode == 2 and "No notification target is set up." in nothing.stderr


def test_doctor_checks_the_urls_parse_and_never_shows_them(stored: Receiver) -> None:
    # GIVEN the receiver's URL stored; WHEN the doctor runs
    ok = run_assistant("doctor", "--json").json()
    [check] = [c for c in ok["checks"] if c["check"] == "notifications"]
    # THEN it finds it, by scheme only
    assert check["status"] == "ok", check
    assert check["found"].startswith("1 URL(s) in the keyring (json)")
    # WHEN a URL apprise cannot parse is in the keyring
    keyring.set_password("aliexpress-assistant-notify", "urls", "nope://secret-token")
    bad = run_assistant("doctor", "--json")
    [check] = [c for c in bad.json()["checks"] if c["check"] == "notifications"]
    # THEN the check fails as configuration (exit 2), naming the scheme, not the token
    assert (bad.returncode, check["status"]) == (2, "fail")
    assert "nope://…" in check["found"] and "secret-token" not in bad.stdout + bad.stderr


def test_a_saved_session_about_to_end_is_told_once(stored: Receiver, isolated_home: Path) -> None:
    # GIVEN a saved session whose shop cookie expires in a day
    now = datetime.now(UTC)
    session = isolated_home / "data" / "session" / "storage-state.json"
    session.parent.mkdir(parents=True, exist_ok=True)
    session.write_text(json.dumps({"cookies": [
        {"name": "xman_t", "value": "COOKIE-VALUE", "domain": ".aliexpress.com", "path": "/",
         "expires": (now + timedelta(days=1)).timestamp()}], "origins": []}))
    session.chmod(0o600)
    # WHEN two ticks run
    codes = [tick(now).returncode, tick(now + timedelta(minutes=15)).returncode]
    # THEN one message says when it ends and what to do, without the cookie
    assert codes == [0, 0]
    [text] = stored.texts()
    ends = f"{datetime.fromtimestamp(int((now + timedelta(days=1)).timestamp()), UTC):%Y-%m-%d}"
    assert text.startswith("AliExpress assistant: the shop's session ends\n")
    assert f"ends on {ends}" in text and "run `assistant login`" in text
    assert "COOKIE-VALUE" not in text
