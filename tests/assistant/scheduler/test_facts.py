"""Page readings and returns applied to a case: GIVEN a case, WHEN the page shows X, THEN ..."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from assistant.domain import State
from assistant.domain.reading import OrderReading
from assistant.scheduler.facts import apply_reading, give_up, record_return
from assistant.scheduler.plan import Action, next_step
from assistant.scheduler.policy import SchedulePolicy
from tests.support.casebuilder import DAY, ORDER, at, case_in

POLICY = SchedulePolicy()
NOW = at(3 * 60)


def page(status: str, **kw: object) -> OrderReading:
    return OrderReading(order=ORDER, status=status, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", ["cancelled", "closed"])
def test_a_page_showing_the_order_cancelled_settles_the_case(status: str) -> None:
    case = case_in(State.ACKNOWLEDGED)
    said = apply_reading(case, page(status), NOW, POLICY)
    assert case.state is State.CANCELLED
    assert case.next_check is None  # no more browser work for this case
    assert "acknowledged -> cancelled" in said


def test_every_requested_item_cancelled_on_the_page_settles_the_case() -> None:
    case = case_in(State.ACKNOWLEDGED)  # items 1, 2 of a bigger order
    apply_reading(case, page("awaiting_shipment",
                             items={"1": "cancelled", "2": "cancelled", "3": "open"}), NOW, POLICY)
    assert case.state is State.CANCELLED


@pytest.mark.parametrize("state", [State.SUBMITTED, State.ACKNOWLEDGED])
def test_a_request_still_with_the_seller_is_looked_at_just_after_the_seller_deadline(
        state: State) -> None:
    # GIVEN a request the shop confirmed at at(1): the seller has 48 hours to answer
    case = case_in(state)
    assert case.seller_deadline == at(1) + timedelta(hours=48)
    # WHEN the page check shows the cancellation still requested
    said = apply_reading(case, page("awaiting_shipment", items={"1": "requested",
                                                                 "2": "requested"}),
                         NOW, POLICY)
    # THEN the case waits, and the next look is just after the seller's deadline
    assert case.state is state and f"still {state}" in said
    assert "the order page shows the cancellation requested" in said
    assert case.next_check == at(1) + timedelta(hours=48, minutes=10)
    assert case.last_event is not None and case.last_event.kind == "page_checked"
    assert case.last_event.detail == ("The order page shows the cancellation requested; the "
                                      "seller has until 2026-11-28 10:01 UTC to answer")
    # AND that look, once the deadline has passed, is a look at the seller's silence
    step = next_step(case, case.next_check, POLICY)
    assert step is not None and step.action is Action.CHECK_PAGE
    assert step.why == "the seller's 48 hours to answer are over"


def test_past_the_seller_deadline_an_unsettled_request_is_looked_at_every_wait() -> None:
    case = case_in(State.SUBMITTED)
    late = at(1) + timedelta(hours=48, minutes=10)
    apply_reading(case, page("awaiting_shipment", items={"1": "requested",
                                                          "2": "requested"}), late, POLICY)
    assert case.next_check == late + timedelta(hours=2)


def test_awaiting_delivery_on_the_page_waits_for_the_parcel_daily() -> None:
    case = case_in(State.DECLINED)
    apply_reading(case, page("shipped"), NOW, POLICY)
    assert case.state is State.AWAITING_DELIVERY
    assert case.next_check == NOW + timedelta(days=1)


def test_delivered_by_aliexpress_opens_the_return_window_with_the_holiday_extension() -> None:
    case = case_in(State.AWAITING_DELIVERY)
    when = at(4 * DAY)
    apply_reading(case, page("delivered", seller="AliExpress", fulfilled_by_aliexpress=True,
                             delivered_on=date(2026, 11, 29)), when, POLICY)
    delivered = datetime(2026, 11, 29, tzinfo=UTC)
    assert case.delivered_at == delivered
    assert case.return_by == delivered + timedelta(days=45)  # November: in the season
    step = next_step(case, when, POLICY)
    assert step is not None and step.action is Action.OPEN_RETURN


def test_a_third_party_sellers_delivered_order_ends_in_seller_contact() -> None:
    case = case_in(State.DECLINED)
    apply_reading(case, page("delivered", seller="Leather Craft Store",
                             fulfilled_by_aliexpress=False, delivered_on=date(2026, 11, 29)),
                  at(4 * DAY), POLICY)
    assert case.state is State.SELLER_CONTACT
    assert case.todo is not None and "Leather Craft Store" in case.todo and ORDER in case.todo
    assert "return" in case.todo
    assert case.next_check is None


def test_a_return_opened_says_what_the_shopper_does_next() -> None:
    case = case_in(State.AWAITING_DELIVERY)
    case.delivered(at(5 * DAY), delivered_at=at(5 * DAY), return_by=at(35 * DAY),
                   auto_return=True)
    said = record_return(case, ["1", "2"], "Changed my mind", at(5 * DAY), POLICY)
    assert case.state is State.RETURN_REQUESTED
    assert case.next_check is None
    assert case.todo == ("Wait for the shop's review, then send the parcel with items 1, 2 "
                         "back by 2026-12-16")
    assert "send the parcel back by 2026-12-16" in said


def test_giving_up_fails_the_case_with_the_last_evidence() -> None:
    case = case_in(State.REQUESTED)
    case.submit_failed(at(1), error="HTTP 500", next_check=at(2), evidence="/ev/trace-1.zip")
    reason = give_up(case, at(3), POLICY)
    assert case.state is State.FAILED
    assert "could not be submitted after 1 tries" in reason
    assert case.last_event is not None and case.last_event.evidence == "/ev/trace-1.zip"
    assert case.todo is not None and f"assistant cancel {ORDER}" in case.todo
