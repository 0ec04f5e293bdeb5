"""The plan: GIVEN a case and a time, WHEN the tick asks, THEN the step due and the next check."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from assistant.domain import Case, State
from assistant.scheduler.plan import (
    Action,
    after_mail,
    follow_up,
    next_step,
    retry_at,
    waiting_todo,
)
from assistant.scheduler.policy import HolidaySeason, SchedulePolicy
from tests.support.casebuilder import DAY, REASON, at, case_in

POLICY = SchedulePolicy()
HOUR = timedelta(hours=1)


def failing(times: int) -> Case:
    """A request whose submit failed ``times`` times in a row."""
    case = Case.open("8190000000000001")
    case.record_request(["1"], reason=REASON, surface="web", at=at(0))
    for n in range(times):
        case.submit_failed(at(n + 1), error="HTTP 500", next_check=at(n + 2))
    return case


def test_nothing_is_due_before_the_next_check() -> None:
    case = case_in(State.SUBMITTED)  # next check at(120)
    assert next_step(case, at(119), POLICY) is None
    step = next_step(case, at(120), POLICY)
    assert step is not None and step.action is Action.CHECK_PAGE


def test_a_case_without_next_check_is_never_due() -> None:
    case = case_in(State.CANCELLED)
    assert next_step(case, at(10 * DAY), POLICY) is None


def test_a_failed_submit_is_retried_until_the_limit_then_given_up() -> None:
    policy = SchedulePolicy(retry_limit=3)
    for times, action in ((1, Action.SUBMIT), (2, Action.SUBMIT), (3, Action.GIVE_UP)):
        step = next_step(failing(times), at(100), policy)
        assert step is not None and step.action is action, times
        assert step.needs_browser is (action is Action.SUBMIT)


def test_retries_back_off_exponentially_up_to_the_maximum() -> None:
    policy = SchedulePolicy(retry_wait=timedelta(minutes=10), retry_max_wait=timedelta(hours=1),
                            retry_jitter=0)
    waits = [retry_at(failing(n), at(0), policy) - at(0) for n in range(1, 6)]
    assert waits == [timedelta(minutes=m) for m in (10, 20, 40, 60, 60)]


def test_retry_jitter_stays_within_its_fraction_and_varies() -> None:
    policy = SchedulePolicy(retry_wait=timedelta(minutes=10), retry_jitter=0.2)
    rng = random.Random(7)
    waits = {retry_at(failing(1), at(0), policy, rng) - at(0) for _ in range(50)}
    assert len(waits) > 10
    assert all(timedelta(minutes=8) <= w <= timedelta(minutes=12) for w in waits)


@pytest.mark.parametrize("state", [State.SUBMITTED, State.ACKNOWLEDGED])
def test_no_result_mail_within_the_wait_means_a_page_check(state: State) -> None:
    case = case_in(state)
    assert follow_up(case, at(2), POLICY) == at(2) + timedelta(hours=2)


def test_an_order_closed_mail_asks_for_a_page_check_now() -> None:
    case = case_in(State.ACKNOWLEDGED)
    case.order_closed(at(30))
    step = next_step(case, at(30), POLICY)
    assert step is not None and step.action is Action.CHECK_PAGE
    assert "order closed" in step.why


def test_a_decline_is_checked_on_the_page_at_once_then_daily() -> None:
    case = case_in(State.DECLINED)  # declined at(30), next check at(30)
    step = next_step(case, at(30), POLICY)
    assert step is not None and step.action is Action.CHECK_PAGE
    assert follow_up(case, at(31), POLICY) == at(31) + timedelta(days=1)


def test_awaiting_delivery_is_checked_daily_until_the_delivery_wait_ends() -> None:
    case = case_in(State.AWAITING_DELIVERY)  # declined at(30), shipped at(31)
    assert follow_up(case, at(40), POLICY) == at(40) + timedelta(days=1)
    end = at(30) + POLICY.delivery_wait
    assert follow_up(case, end - HOUR, POLICY) == end
    assert follow_up(case, end, POLICY) is None
    case.schedule(end)
    step = next_step(case, end, POLICY)
    assert step is not None and step.action is Action.WAIT


def test_the_window_closing_without_delivery_is_said_in_the_todo() -> None:
    case = case_in(State.AWAITING_DELIVERY)
    end = at(30) + POLICY.delivery_wait
    assert waiting_todo(case, at(40), POLICY) is None
    soon = waiting_todo(case, end - timedelta(days=2), POLICY)
    assert soon is not None and "still not delivered" in soon and end.date().isoformat() in soon
    late = waiting_todo(case, end, POLICY)
    assert late is not None and "stopped checking" in late


def delivered(auto_return: bool = True, returned: bool = False) -> Case:
    case = case_in(State.AWAITING_DELIVERY)
    case.delivered(at(5 * DAY), delivered_at=at(5 * DAY), return_by=at(35 * DAY),
                   auto_return=auto_return)
    if returned:
        case.return_requested(at(5 * DAY), items=case.items, reason="Changed my mind")
    return case


def test_a_delivered_order_opens_its_return_while_the_window_is_open() -> None:
    case = delivered()
    step = next_step(case, at(5 * DAY), POLICY)
    assert step is not None and step.action is Action.OPEN_RETURN
    assert follow_up(case, at(36 * DAY), POLICY) is None


def test_no_automatic_return_when_it_is_switched_off() -> None:
    case = delivered(auto_return=True)
    step = next_step(case, at(5 * DAY), SchedulePolicy(auto_return=False))
    assert step is not None and step.action is Action.WAIT


def test_a_return_window_that_passed_is_said_in_the_todo() -> None:
    case = delivered()
    todo = waiting_todo(case, at(36 * DAY), POLICY)
    assert todo is not None and "ended on" in todo


@pytest.mark.parametrize("state", [State.CANCELLED, State.REFUNDED, State.SELLER_CONTACT,
                                   State.FAILED, State.RETURN_REQUESTED])
def test_settled_or_waiting_cases_get_no_next_check(state: State) -> None:
    assert follow_up(case_in(state), at(10 * DAY), POLICY) is None


def test_after_a_mail_the_next_check_is_filled_in_only_when_missing() -> None:
    acknowledged = case_in(State.ACKNOWLEDGED)  # the ack mail cleared the next check
    assert acknowledged.next_check is None
    assert after_mail(acknowledged, at(2), POLICY)
    assert acknowledged.next_check == at(2) + timedelta(hours=2)
    declined = case_in(State.DECLINED)  # the decline set "look now": kept
    assert not after_mail(declined, at(30), POLICY)
    assert declined.next_check == at(30)


def test_after_the_return_mail_the_case_says_by_when_to_send_the_parcel() -> None:
    case = delivered(returned=True)
    case.return_received(at(5 * DAY + 1))
    assert after_mail(case, at(5 * DAY + 1), POLICY)
    assert case.todo == "Send the parcel back by 2026-12-16"  # + 15 days


@pytest.mark.parametrize(("day", "extended"), [
    (datetime(2026, 11, 1, tzinfo=UTC), True),
    (datetime(2026, 12, 31, 23, tzinfo=UTC), True),
    (datetime(2026, 10, 31, tzinfo=UTC), False),
    (datetime(2027, 1, 1, tzinfo=UTC), False),
])
def test_the_holiday_season_extends_the_return_window(day: datetime, extended: bool) -> None:
    extra = timedelta(days=15) if extended else timedelta(0)
    assert POLICY.return_by(day) == day + timedelta(days=30) + extra


def test_a_holiday_season_may_wrap_the_new_year() -> None:
    season = HolidaySeason.parse("12-15/01-10")
    assert datetime(2026, 12, 20).date() in season
    assert datetime(2027, 1, 5).date() in season
    assert datetime(2027, 1, 11).date() not in season


def test_a_bad_policy_names_the_field_and_value() -> None:
    with pytest.raises(ValueError,
                       match=r"retry_wait\n  Value error, must be positive, got: -1 day"):
        SchedulePolicy(retry_wait=timedelta(days=-1))
