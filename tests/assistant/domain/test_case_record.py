"""What a case records along the way: items, requests, attempts, next checks, and the to-do."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assistant.domain import Case, CaseError, RequestStatus, State
from tests.support.casebuilder import DAY, ORDER, REASON, at, case_in


def test_a_later_request_joins_the_case_with_only_the_new_items() -> None:
    # GIVEN items 1 and 2 were requested and confirmed
    case = case_in(State.SUBMITTED)
    # WHEN the shopper asks for items 2, 3 and 4
    new = case.new_items(["2", "3", "4", "3"])
    case.record_request(new, reason=REASON, surface="mobile", at=at(10))
    # THEN only 3 and 4 are requested again, in a second request of the same case
    assert new == ("3", "4")
    assert case.items == ["1", "2", "3", "4"]
    assert [r.items for r in case.requests] == [("1", "2"), ("3", "4")]
    assert case.state is State.REQUESTED
    assert case.pending_items() == ("3", "4")


def test_an_item_is_never_requested_twice() -> None:
    case = case_in(State.CANCELLED)
    with pytest.raises(CaseError) as raised:
        case.record_request(["3", "2"], reason=REASON, surface="web", at=at(50))
    assert str(raised.value) == (f"Order {ORDER}: item 2 already requested; "
                                 "an item is never requested twice.")
    assert case.state is State.CANCELLED and case.items == ["1", "2"]


def test_a_request_needs_items_and_a_known_surface() -> None:
    with pytest.raises(CaseError, match="at least one item"):
        Case.open(ORDER).record_request([], reason=REASON, surface="web", at=at(0))
    with pytest.raises(ValueError, match="surface must be one of web, mobile, got: 'app'"):
        Case.open(ORDER).record_request(["1"], reason=REASON, surface="app", at=at(0))


def test_a_request_is_pending_until_the_page_confirms_it() -> None:
    # GIVEN a request recorded before the final click
    case = case_in(State.REQUESTED)
    assert [r.status for r in case.requests] == [RequestStatus.PENDING]
    # WHEN the confirmation page is seen
    case.submit_confirmed(at(1), next_check=at(121), evidence="evidence/confirm.png")
    # THEN the request is submitted, one attempt counted, and the page check is scheduled
    assert case.requests[0].status is RequestStatus.SUBMITTED
    assert case.requests[0].submitted_at == at(1)
    assert (case.attempts, case.failures_in_a_row, case.next_check) == (1, 0, at(121))
    assert case.last_event is not None and case.last_event.evidence == "evidence/confirm.png"


def test_failed_attempts_are_counted_and_the_caller_sets_the_backoff() -> None:
    case = case_in(State.REQUESTED)
    case.submit_failed(at(1), error="HTTP 500", next_check=at(3))
    case.submit_failed(at(3), error="HTTP 500", next_check=at(7))
    assert (case.state, case.attempts, case.failures_in_a_row) == (State.REQUESTED, 2, 2)
    assert case.next_check == at(7)
    assert case.pending_items() == ("1", "2")
    assert case.events[-1].detail == "Submitting items 1, 2 failed: HTTP 500"
    # WHEN the third attempt goes through THEN the failures in a row start again from zero
    case.submit_confirmed(at(7))
    assert (case.state, case.attempts, case.failures_in_a_row) == (State.SUBMITTED, 3, 0)


def test_a_result_mail_proves_a_pending_request_was_submitted() -> None:
    # GIVEN a run crashed after the click, before it saw the confirmation page
    case = case_in(State.REQUESTED)
    # WHEN the request-received mail arrives
    case.cancel_received(at(2), next_check=at(180))
    # THEN the request counts as submitted, nothing is left to submit
    assert case.pending_items() == ()
    assert case.requests[0].status is RequestStatus.SUBMITTED
    assert (case.state, case.attempts, case.next_check) == (State.ACKNOWLEDGED, 1, at(180))


def test_an_order_page_showing_cancelled_settles_a_pending_request() -> None:
    case = case_in(State.REQUESTED)
    case.cancelled_on_page(at(90), evidence="evidence/order.png")
    assert (case.state, case.pending_items(), case.attempts) == (State.CANCELLED, (), 1)
    assert case.events[-1].detail == "The order page shows the order cancelled"


def test_a_page_without_a_cancel_form_means_nothing_was_submitted() -> None:
    case = case_in(State.REQUESTED)
    case.shipped(at(1), items=["1", "2", "3"])
    assert case.state is State.AWAITING_DELIVERY
    assert [r.status for r in case.requests] == [RequestStatus.NOT_SUBMITTED]
    assert case.items == ["1", "2", "3"]
    assert case.new_items(["3"]) == ()


def test_a_seller_who_refuses_is_named_in_the_todo() -> None:
    case = Case.open(ORDER)
    case.seller_refuses(at(0), seller="ACME Store", items=["1", "2"])
    assert case.state is State.SELLER_CONTACT
    assert case.todo == (f"Contact the seller ACME Store via AliExpress Messages about order "
                         f"{ORDER}: ask them to cancel items 1, 2")
    assert case.fulfilled_by_aliexpress is False


def test_the_seller_decides_mail_names_the_seller() -> None:
    case = case_in(State.ACKNOWLEDGED)
    case.apply_mail("seller_contact", at(40), seller="Gadget World")
    assert case.state is State.SELLER_CONTACT
    assert case.todo is not None and case.todo.startswith("Contact the seller Gadget World")
    assert case.events[-1].detail == "The seller Gadget World decides on the cancellation (mail)"


def test_a_decline_mail_schedules_a_page_check_at_once() -> None:
    case = case_in(State.ACKNOWLEDGED)
    case.cancel_declined(at(30))
    assert (case.state, case.next_check, case.todo) == (State.DECLINED, at(30), None)


def test_the_ambiguous_closed_mail_guesses_nothing_and_asks_for_a_page_check() -> None:
    case = case_in(State.ACKNOWLEDGED)
    case.order_closed(at(45))
    assert (case.state, case.next_check) == (State.ACKNOWLEDGED, at(45))
    assert case.events[-1].kind == "order_closed"


def test_a_delivered_order_waits_for_the_automatic_return() -> None:
    case = case_in(State.AWAITING_DELIVERY)
    case.delivered(at(5 * DAY), delivered_at=at(5 * DAY - 60), return_by=at(35 * DAY),
                   auto_return=True)
    assert (case.state, case.next_check, case.todo) == (State.AWAITING_DELIVERY, at(5 * DAY),
                                                        None)
    assert case.return_by == at(35 * DAY)
    # seen delivered again: nothing new
    assert case.delivered(at(6 * DAY), delivered_at=at(5 * DAY), return_by=at(35 * DAY),
                          auto_return=True) is False


def test_without_automatic_returns_the_shopper_is_told_the_deadline() -> None:
    case = case_in(State.AWAITING_DELIVERY)
    case.delivered(at(5 * DAY), delivered_at=at(5 * DAY), return_by=at(35 * DAY),
                   auto_return=False)
    assert case.todo == (f"Request a return of items 1, 2 of order {ORDER} by 2026-12-31: "
                         f"run `assistant return {ORDER}`")
    assert case.next_check is None


def test_a_third_party_order_delivered_after_a_refusal_ends_in_seller_contact() -> None:
    case = case_in(State.SELLER_CONTACT)
    case.delivered(at(5 * DAY), delivered_at=at(5 * DAY), return_by=at(35 * DAY),
                   auto_return=True)
    assert case.state is State.SELLER_CONTACT
    assert case.todo == (f"Contact the seller ACME Store via AliExpress Messages about order "
                         f"{ORDER}: ask them for a return of items 1, 2")


def test_an_item_is_returned_at_most_once() -> None:
    case = case_in(State.RETURN_REQUESTED)
    with pytest.raises(CaseError, match="not returned before"):
        case.return_requested(at(6 * DAY), items=["2"], reason="Changed my mind")


def test_a_return_received_mail_can_say_when_to_send_the_parcel() -> None:
    case = case_in(State.RETURN_REQUESTED)
    case.return_received(at(6 * DAY), send_back_by=at(20 * DAY))
    assert case.todo == "Send the parcel back by 2026-12-16"
    case.refunded(at(8 * DAY))
    assert (case.state, case.todo) == (State.REFUNDED, None)


def test_a_failed_case_says_what_to_do_and_resumes_where_it_was() -> None:
    # GIVEN a declined case whose page check found the session signed out
    case = case_in(State.DECLINED)
    case.fail(at(31), reason="Signed out", todo="Run `assistant login`")
    assert (case.state, case.todo, case.next_check) == (State.FAILED, "Run `assistant login`",
                                                        None)
    # WHEN a person signed in again
    assert case.resume(at(90), next_check=at(90)) is True
    # THEN the case is declined again, and its page check is due
    assert (case.state, case.todo, case.next_check) == (State.DECLINED, None, at(90))
    assert case.resume(at(91)) is False


def test_times_are_kept_in_utc_and_naive_times_are_refused() -> None:
    case = Case.open(ORDER)
    paris = timezone(timedelta(hours=1))
    case.record_request(["1"], reason=REASON, surface="web",
                        at=datetime(2026, 11, 26, 11, 0, tzinfo=paris))
    assert case.events[0].at == at(0) and case.events[0].at.utcoffset() == timedelta(0)
    with pytest.raises(ValueError, match="timezone-aware"):
        case.submit_confirmed(datetime(2026, 11, 26, 11, 0))


def test_unknown_mail_kinds_are_refused() -> None:
    with pytest.raises(ValueError, match="verification_code"):
        case_in(State.SUBMITTED).apply_mail("verification_code", at(5))


@pytest.mark.parametrize(("kind", "then"), [
    ("cancel_received", State.ACKNOWLEDGED), ("cancel_approved", State.CANCELLED),
    ("cancel_declined", State.DECLINED), ("seller_contact", State.SELLER_CONTACT),
    ("order_closed", State.SUBMITTED),
])
def test_apply_mail_dispatches_by_the_spec_kind(kind: str, then: State) -> None:
    case = case_in(State.SUBMITTED)
    assert case.apply_mail(kind, at(5), seller="ACME Store") is True
    assert case.state is then
    assert case.events[-1].kind == kind


def test_the_json_view_has_the_spec_fields() -> None:
    view = case_in(State.ACKNOWLEDGED).to_dict()
    assert {"order", "items", "state", "attempts", "events", "next_check"} <= set(view)
    assert view["state"] == "acknowledged" and view["items"] == ["1", "2"]
    assert view["events"][0] == {
        "at": "2026-11-26T10:00:00+00:00", "kind": "requested", "evidence": None,
        "detail": "Cancellation of items 1, 2 recorded (reason: No longer needed; web)"}


@pytest.mark.parametrize(("state", "deadline"), [
    (State.REQUESTED, None), (State.SUBMITTED, at(1) + timedelta(hours=48)),
    (State.ACKNOWLEDGED, at(1) + timedelta(hours=48)),
    (State.SELLER_CONTACT, at(1) + timedelta(hours=48)),  # the seller decides (mail)
    (State.CANCELLED, None), (State.DECLINED, None), (State.AWAITING_DELIVERY, None),
    (State.FAILED, None),  # failed before any submit
])
def test_the_seller_deadline_is_48_hours_after_the_submit_while_the_seller_may_answer(
        state: State, deadline: datetime | None) -> None:
    case = case_in(state)
    assert case.seller_deadline == deadline
    assert case.to_dict()["seller_deadline"] == (None if deadline is None
                                                 else deadline.isoformat())


def test_a_case_that_failed_while_the_seller_decides_keeps_the_deadline() -> None:
    case = case_in(State.SUBMITTED)
    case.fail(at(200), reason="Signed out during a page check", todo="Run `assistant login`")
    assert case.seller_deadline == at(1) + timedelta(hours=48)
