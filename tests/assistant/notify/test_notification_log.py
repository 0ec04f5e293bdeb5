"""The notifications log in the state database: each notification once, claimed before it is
sent, and back in the queue when the service refused it."""

from __future__ import annotations

from pathlib import Path

from assistant.store import CaseStore
from assistant.store.notifications import Entry, NotificationLog
from tests.support.casebuilder import ORDER, at


def entry(topic: str, *, urgent: bool = False, ref: str = "3") -> Entry:
    return Entry(order=ORDER, topic=topic, ref=ref, title=f"Order {ORDER}: {topic}",
                 body="To do: nothing.", urgent=urgent, event=3)


def test_a_notification_is_logged_once_and_claimed_once(tmp_path: Path) -> None:
    path = tmp_path / "data" / "assistant.sqlite3"
    with CaseStore.open(path), NotificationLog.open(path) as book:
        # WHEN the same notice is logged by two runs
        assert book.add([entry("cancelled")], at(0)) == 1
        assert book.add([entry("cancelled")], at(5)) == 0
        # THEN it waits once, and only one run may send it
        [waiting] = book.waiting()
        assert book.mark_sent(waiting, at(6)) is True
        assert book.mark_sent(waiting, at(6)) is False
        assert book.count_waiting() == 0


def test_a_refused_send_waits_again_behind_the_untried_and_urgent_first(tmp_path: Path) -> None:
    with NotificationLog.open(tmp_path / "assistant.sqlite3") as book:
        book.add([entry("cancelled"), entry("todo", ref="abc")], at(0))
        book.add([entry("failed", urgent=True, ref="4")], at(1))
        # GIVEN the urgent one went first, and the next was refused by the service
        first, second, _ = book.waiting()
        assert first.topic == "failed"
        book.mark_sent(first, at(2))
        book.mark_sent(second, at(2))
        book.send_failed(second, "a notification service did not take it")
        # THEN it waits again, after the one not tried yet, with the error kept
        untried, refused = book.waiting()
        assert (untried.topic, refused.topic) == ("todo", "cancelled")
        assert (refused.attempts, refused.last_error) == (1, "a notification service did "
                                                          "not take it")


def test_the_sign_in_notice_stays_open_until_signed_in_again(tmp_path: Path) -> None:
    with NotificationLog.open(tmp_path / "assistant.sqlite3") as book:
        assert not book.sign_in_open()
        book.add([Entry("", "sign_in", "t1", "sign in", "To do: log in.", True)], at(0))
        assert book.sign_in_open()
        assert book.sign_in_resolved(at(9)) == 1
        assert not book.sign_in_open()
