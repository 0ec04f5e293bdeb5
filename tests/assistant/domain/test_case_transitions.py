"""The case's state machine, table-driven: each row is GIVEN a state, WHEN a fact, THEN a state."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.domain import MAIL_KINDS, RULES, Case, CaseError, State
from tests.support.casebuilder import DAY, REASON, at, case_in

S = State
Fact = Callable[[Case], bool]

LATER = at(3 * DAY)

FACTS: dict[str, Fact] = {
    "request item 3": lambda c: bool(c.record_request(["3"], reason=REASON, surface="web",
                                                      at=LATER)),
    "page confirms": lambda c: c.submit_confirmed(LATER),
    "submit fails": lambda c: c.submit_failed(LATER, error="HTTP 500", next_check=at(4 * DAY)),
    "page: shipped": lambda c: c.shipped(LATER, items=["1"]),
    "page: seller refuses": lambda c: c.seller_refuses(LATER, seller="ACME Store", items=["1"]),
    "person needed": lambda c: c.fail(LATER, reason="Captcha", todo="Run `assistant login`"),
    "mail: received": lambda c: c.cancel_received(LATER),
    "mail: approved": lambda c: c.cancel_approved(LATER),
    "page: cancelled": lambda c: c.cancelled_on_page(LATER),
    "mail: declined": lambda c: c.cancel_declined(LATER),
    "mail: seller decides": lambda c: c.seller_decides(LATER, seller="ACME Store"),
    "mail: order closed": lambda c: c.order_closed(LATER),
    "mail: return received": lambda c: c.return_received(LATER),
    "mail: refund issued": lambda c: c.refunded(LATER),
    "page: delivered": lambda c: c.delivered(LATER, delivered_at=LATER,
                                             return_by=at(33 * DAY), auto_return=True),
    "return requested": lambda c: bool(c.return_requested(LATER, items=["1"],
                                                          reason="Changed my mind")),
}

# GIVEN state, WHEN fact, THEN state, and whether the fact changed the case's state or record
MOVES = [
    (S.NEW, "request item 3", S.REQUESTED, True),
    (S.REQUESTED, "page confirms", S.SUBMITTED, True),
    (S.REQUESTED, "submit fails", S.REQUESTED, True),
    (S.REQUESTED, "page: shipped", S.AWAITING_DELIVERY, True),
    (S.REQUESTED, "page: seller refuses", S.SELLER_CONTACT, True),
    (S.NEW, "page: shipped", S.AWAITING_DELIVERY, True),
    (S.NEW, "page: seller refuses", S.SELLER_CONTACT, True),
    (S.REQUESTED, "person needed", S.FAILED, True),
    (S.AWAITING_DELIVERY, "person needed", S.FAILED, True),
    (S.SUBMITTED, "request item 3", S.REQUESTED, True),
    (S.CANCELLED, "request item 3", S.REQUESTED, True),
    (S.SUBMITTED, "mail: received", S.ACKNOWLEDGED, True),
    (S.REQUESTED, "mail: received", S.ACKNOWLEDGED, True),
    (S.ACKNOWLEDGED, "mail: approved", S.CANCELLED, True),
    (S.SUBMITTED, "mail: approved", S.CANCELLED, True),
    (S.ACKNOWLEDGED, "mail: declined", S.DECLINED, True),
    (S.ACKNOWLEDGED, "mail: seller decides", S.SELLER_CONTACT, True),
    (S.SELLER_CONTACT, "mail: approved", S.CANCELLED, True),
    (S.REQUESTED, "page: cancelled", S.CANCELLED, True),
    (S.ACKNOWLEDGED, "page: cancelled", S.CANCELLED, True),
    (S.FAILED, "mail: received", S.ACKNOWLEDGED, True),
    (S.FAILED, "page confirms", S.SUBMITTED, True),
    (S.SUBMITTED, "mail: order closed", S.SUBMITTED, True),
    (S.DECLINED, "page: shipped", S.AWAITING_DELIVERY, True),
    (S.DECLINED, "page: delivered", S.AWAITING_DELIVERY, True),
    (S.AWAITING_DELIVERY, "page: delivered", S.AWAITING_DELIVERY, True),
    (S.SELLER_CONTACT, "page: delivered", S.SELLER_CONTACT, True),
    (S.AWAITING_DELIVERY, "return requested", S.RETURN_REQUESTED, True),
    (S.RETURN_REQUESTED, "mail: return received", S.RETURN_RECEIVED, True),
    (S.RETURN_RECEIVED, "mail: refund issued", S.REFUNDED, True),
    (S.RETURN_REQUESTED, "mail: refund issued", S.REFUNDED, True),
    # idempotent repeats and stale facts: no state change
    (S.ACKNOWLEDGED, "mail: received", S.ACKNOWLEDGED, False),
    (S.CANCELLED, "mail: approved", S.CANCELLED, False),
    (S.CANCELLED, "mail: declined", S.CANCELLED, False),
    (S.CANCELLED, "mail: refund issued", S.CANCELLED, False),
    (S.CANCELLED, "mail: order closed", S.CANCELLED, False),
    (S.AWAITING_DELIVERY, "mail: received", S.AWAITING_DELIVERY, False),
    (S.AWAITING_DELIVERY, "page: shipped", S.AWAITING_DELIVERY, False),
    (S.SELLER_CONTACT, "page: seller refuses", S.SELLER_CONTACT, False),
    (S.SUBMITTED, "page confirms", S.SUBMITTED, False),
]

IMPOSSIBLE = [
    (S.DECLINED, "request item 3", "while the case is declined"),
    (S.AWAITING_DELIVERY, "request item 3", "while the case is awaiting_delivery"),
    (S.REFUNDED, "request item 3", "while the case is refunded"),
    (S.NEW, "mail: received", "while the case is new"),
    (S.NEW, "mail: approved", "while the case is new"),
    (S.SUBMITTED, "submit fails", "no pending request"),
    (S.REQUESTED, "return requested", "while the case is requested"),
    (S.REQUESTED, "page: delivered", "while the case is requested"),
    (S.CANCELLED, "page: seller refuses", None),
]


@pytest.mark.parametrize(("given", "fact", "then", "changed"), MOVES,
                         ids=[f"{g}--{f}" for g, f, _, _ in MOVES])
def test_a_fact_moves_the_case(given: State, fact: str, then: State, changed: bool) -> None:
    # GIVEN a case in the given state
    case = case_in(given)
    # WHEN the fact is recorded
    result = FACTS[fact](case)
    # THEN the case is in the expected state, and says whether it changed
    assert (case.state, result) == (then, changed)


@pytest.mark.parametrize(("given", "fact", "message"), IMPOSSIBLE,
                         ids=[f"{g}--{f}" for g, f, _ in IMPOSSIBLE])
def test_an_impossible_move_is_refused_and_changes_nothing(given: State, fact: str,
                                                           message: str | None) -> None:
    case = case_in(given)
    before = case.to_dict()
    if message is None:  # stale rather than impossible: recorded, state kept
        assert FACTS[fact](case) is False
        assert case.state is given
        return
    with pytest.raises(CaseError, match=message):
        FACTS[fact](case)
    assert case.to_dict() == before


# Facts whose behaviour is exactly their row in RULES (the others depend on pending requests).
GENERIC = {"page: shipped": "shipped", "person needed": "failed",
           "mail: received": "cancel_received", "mail: approved": "cancel_approved",
           "page: cancelled": "page_cancelled",
           "mail: declined": "cancel_declined", "mail: seller decides": "seller_contact",
           "mail: order closed": "order_closed", "mail: return received": "return_received",
           "mail: refund issued": "refund_issued", "page: delivered": "delivered"}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("fact", sorted(GENERIC))
def test_every_state_and_fact_follows_the_rules_table(state: State, fact: str) -> None:
    rule = RULES[GENERIC[fact]]
    case = case_in(state)
    events = len(case.events)
    if state in rule.moves:
        FACTS[fact](case)
        assert case.state in {rule.to or state, S.SELLER_CONTACT}
        assert len(case.events) == events + 1
    elif state in rule.repeats:
        assert FACTS[fact](case) is False
        assert (case.state, len(case.events)) == (state, events)
    elif state in rule.stale:
        assert FACTS[fact](case) is False
        assert (case.state, len(case.events)) == (state, events + 1)
        assert "no change: the case is already" in case.events[-1].detail
    else:
        with pytest.raises(CaseError):
            FACTS[fact](case)


def test_mail_is_never_refused_once_a_case_exists() -> None:
    for name in (*MAIL_KINDS, "page_cancelled"):
        rule = RULES[name]
        assert rule.moves | rule.repeats | rule.stale == set(State) - {S.NEW}, name
