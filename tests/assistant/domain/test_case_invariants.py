"""Whatever happens, in whatever order, a case keeps its promises (Hypothesis)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain import Case, CaseError, RequestStatus, State
from tests.support.casebuilder import ITEMS, OPS, ORDER, T0

steps = st.lists(
    st.tuples(st.sampled_from(sorted(OPS)),
              st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4)),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(steps)
def test_a_case_keeps_its_promises_whatever_happens(plan: list[tuple[str, list[str]]]) -> None:
    case = Case.open(ORDER)
    requested: list[str] = []
    for n, (op, items) in enumerate(plan):
        before = (case.state, len(case.events), case.attempts, list(case.items))
        try:
            OPS[op](case, T0 + timedelta(minutes=n), items)
        except CaseError:
            # an impossible move changes nothing
            assert (case.state, len(case.events), case.attempts, list(case.items)) == before
            continue
        # an item is never requested twice, across all requests
        asked = [i for r in case.requests for i in r.items]
        assert len(asked) == len(set(asked))
        assert set(asked) <= set(case.items) and len(case.items) == len(set(case.items))
        # a request, once recorded, stays; its items never change
        assert asked[: len(requested)] == requested
        requested = asked
        # a pending request means the case still waits for its submit (or a person)
        if any(r.status is RequestStatus.PENDING for r in case.requests):
            assert case.state in {State.REQUESTED, State.FAILED}
        # history only grows; attempts only grow; a moved case is never "new" again
        assert len(case.events) >= before[1] and case.attempts >= before[2]
        if case.events:
            assert case.state is not State.NEW
        # only a failed case, or one waiting on the shopper, has something for them to do
        if case.todo is not None:
            assert case.state in {State.FAILED, State.SELLER_CONTACT, State.AWAITING_DELIVERY,
                                  State.RETURN_RECEIVED}
        if case.state is State.FAILED:
            assert case.todo is not None and case.next_check is None
