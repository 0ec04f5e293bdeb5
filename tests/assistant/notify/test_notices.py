"""What a case calls for: one notice per result, to-do and failure, each naming the order and
the next step; the same case read again gives the same notices (the same keys)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.domain import Case, State
from assistant.notify.account import session_ends, session_expiry
from assistant.notify.notices import Notice, for_case
from assistant.notify.quiet import QuietHours
from assistant.settings import Settings
from tests.support.casebuilder import ORDER, at, case_in

WARNING = timedelta(days=5)
DAY = 60 * 24


def notices(case: Case, minutes: float = 0) -> list[Notice]:
    return for_case(case, at(minutes), window_warning=WARNING)


def test_a_cancelled_case_tells_its_result_once_naming_the_order() -> None:
    case = case_in(State.CANCELLED)
    [result] = notices(case)
    assert (result.topic, result.urgent) == ("cancelled", False)
    assert result.title == f"Order {ORDER}: cancelled"
    assert "The shop approved the cancellation (mail)." in result.body
    assert "To do: nothing" in result.body
    # the event it belongs to is the approval
    assert result.event is not None and case.events[result.event].kind == "cancel_approved"
    # AND read again (a rerun) it is the same notice
    assert notices(case_in(State.CANCELLED)) == [result]


def test_a_seller_who_decides_says_whom_to_contact_about_what_and_by_when() -> None:
    [todo] = notices(case_in(State.SELLER_CONTACT))
    assert todo.title == f"Order {ORDER}: contact the seller"
    assert ("To do: Contact the seller ACME Store via AliExpress Messages about order "
            f"{ORDER}: ask them to cancel items 1, 2.") in todo.body
    # the shop confirmed the request at 1 minute; the seller has 48 hours to answer it
    assert "By: 2026-11-28 10:01 UTC (the seller has 48 hours to answer" in todo.body


def test_a_refunded_case_tells_the_send_back_date_then_the_refund() -> None:
    case = case_in(State.RETURN_RECEIVED)
    case.remind("Send the parcel back by 2026-12-17")  # as the tick sets it after the mail
    [parcel] = notices(case, 6 * DAY)
    assert parcel.title == f"Order {ORDER}: send the parcel back"
    assert "To do: Send the parcel back by 2026-12-17." in parcel.body
    case.refunded(at(7 * DAY))
    [refund] = notices(case, 7 * DAY)
    assert refund.title == f"Order {ORDER}: refunded" and refund.ref != parcel.ref


def test_while_the_shop_reviews_a_return_nothing_is_asked_yet() -> None:
    case = case_in(State.RETURN_REQUESTED)
    case.remind("Wait for the shop's review, then send the parcel with items 1, 2 back by X")
    assert notices(case, 5 * DAY + 2) == []


def test_a_failed_case_needs_a_person_and_names_the_evidence() -> None:
    case = Case.open(ORDER)
    case.record_request(["1"], reason="No longer needed", surface="web", at=at(0))
    case.fail(at(1), reason="The page did not look as expected", todo="Check the order",
              evidence="/data/evidence/run/8190-submit.png")
    [failed] = notices(case)
    assert (failed.topic, failed.urgent) == ("failed", True)
    assert failed.title == f"Order {ORDER}: a person is needed"
    assert "To do: Check the order." in failed.body
    assert "Evidence: /data/evidence/run/8190-submit.png" in failed.body
    # a second failure after a resume is a new notice
    case.resume(at(2))
    case.fail(at(3), reason="Signed out", todo="Run `assistant login`")
    [again] = notices(case)
    assert again.ref != failed.ref


def test_a_return_by_hand_is_reminded_before_its_window_closes() -> None:
    case = case_in(State.AWAITING_DELIVERY)
    case.delivered(at(5 * DAY), delivered_at=at(5 * DAY), return_by=at(35 * DAY),
                   auto_return=False)
    first = notices(case, 5 * DAY)
    assert [n.topic for n in first] == ["todo"]
    assert f"run `assistant return {ORDER}`" in first[0].body
    late = notices(case, 31 * DAY)
    assert [n.topic for n in late] == ["todo", "window"]
    assert "the return window closes on 2026-12-31" in late[1].body
    assert notices(case, 36 * DAY)[-1].topic == "todo"  # ended: the to-do says what now


@pytest.mark.parametrize(("text", "local", "held"), [
    ("22:00-07:00", "23:30", True), ("22:00-07:00", "06:59", True),
    ("22:00-07:00", "07:00", False), ("22:00-07:00", "12:00", False),
    ("12:00-13:00", "12:30", True), ("12:00-13:00", "13:30", False)])
def test_quiet_hours_are_read_in_the_machines_local_time(text: str, local: str,
                                                         held: bool) -> None:
    hours, minutes = map(int, local.split(":"))
    now = datetime.now().astimezone().replace(hour=hours, minute=minutes)
    quiet = QuietHours.parse(text)
    assert quiet is not None and quiet.holds(now) is held


def test_the_saved_sessions_cookie_says_when_it_ends_and_nothing_else_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    ends = now + timedelta(days=1)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_BASE_URL", "https://www.aliexpress.com")
    settings = Settings()
    settings.session_path.parent.mkdir(parents=True)
    settings.session_path.write_text(json.dumps({"cookies": [
        {"name": "xman_t", "value": "SECRET-TOKEN", "domain": ".aliexpress.com",
         "expires": ends.timestamp()},
        {"name": "other", "value": "x", "domain": ".aliexpress.com", "expires": 1.0}]}))
    os.chmod(settings.session_path, 0o600)
    assert session_expiry(settings.session_path, "www.aliexpress.com") == ends
    notice = session_ends(settings, now)
    assert notice is not None and notice.urgent
    assert "ends on 2026-12-02 09:00 UTC" in notice.body and "assistant login" in notice.body
    assert "SECRET-TOKEN" not in notice.title + notice.body
    assert session_ends(settings, now - timedelta(days=3)) is None  # not yet worth a word
