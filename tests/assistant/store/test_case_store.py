"""Saving and reading cases: what is saved is what is read back, atomically, once."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain import Case, CaseError, State
from assistant.store import CaseStore, StaleCase
from tests.support.casebuilder import DAY, ITEMS, OPS, ORDER, at, case_in


@pytest.mark.parametrize("state", [s for s in State if s is not State.NEW])
def test_a_saved_case_reads_back_the_same(store: CaseStore, state: State) -> None:
    # GIVEN a case in any state, with its requests, returns and events
    case = case_in(state)
    case.describe(seller="AliExpress", fulfilled_by_aliexpress=True)
    # WHEN it is saved and read again
    store.save(case)
    read = store.get(ORDER)
    # THEN everything the shopper and the scheduler rely on came back
    assert read is not None
    assert read.to_dict() == case.to_dict()
    assert (read.failures_in_a_row, read.failed_from, read.revision) == (
        case.failures_in_a_row, case.failed_from, 1)


def test_an_unknown_order_has_no_case(store: CaseStore) -> None:
    assert store.get("8190000000000999") is None
    assert store.all() == []


def test_a_case_that_never_moved_is_not_saved(store: CaseStore) -> None:
    with pytest.raises(CaseError, match="nothing happened to this case yet"):
        store.save(Case.open(ORDER))
    assert store.all() == []


def test_saving_again_appends_the_new_events(store: CaseStore) -> None:
    case = case_in(State.REQUESTED)
    store.save(case)
    case.submit_confirmed(at(1), next_check=at(120))
    store.save(case)
    case.cancel_received(at(2))
    store.save(case)
    read = store.get(ORDER)
    assert read is not None
    assert [e.kind for e in read.events] == ["requested", "submitted", "cancel_received"]
    assert (read.state, read.revision) == (State.ACKNOWLEDGED, 3)


def test_all_lists_the_cases_by_order_number(store: CaseStore) -> None:
    for order in ("8190000000000003", "8190000000000001", "8190000000000002"):
        store.save(case_in(State.SUBMITTED, order=order))
    assert [c.order for c in store.all()] == [
        "8190000000000001", "8190000000000002", "8190000000000003"]


def test_due_lists_the_cases_to_check_most_overdue_first(store: CaseStore) -> None:
    # GIVEN cases with next checks at +120 min, +30 min (declined: at its mail), and none
    submitted = case_in(State.SUBMITTED, order="8190000000000001")  # next check at(120)
    declined = case_in(State.DECLINED, order="8190000000000002")  # next check at(30)
    cancelled = case_in(State.CANCELLED, order="8190000000000003")  # no next check
    for case in (submitted, declined, cancelled):
        store.save(case)
    # THEN each time sees the cases due by then
    assert [c.order for c in store.due(at(29))] == []
    assert [c.order for c in store.due(at(30))] == ["8190000000000002"]
    assert [c.order for c in store.due(at(10 * DAY))] == ["8190000000000002",
                                                          "8190000000000001"]


def test_due_compares_times_not_texts_across_offsets(store: CaseStore) -> None:
    from datetime import timezone

    case = case_in(State.SUBMITTED)
    case.schedule(at(60).astimezone(timezone(timedelta(hours=-5))))
    store.save(case)
    assert store.due(at(59).astimezone(timezone(timedelta(hours=9)))) == []
    assert len(store.due(at(60).astimezone(timezone(timedelta(hours=9))))) == 1


def test_failed_lists_the_cases_that_need_a_person(store: CaseStore) -> None:
    store.save(case_in(State.FAILED, order="8190000000000001"))
    store.save(case_in(State.SELLER_CONTACT, order="8190000000000002"))
    assert [c.order for c in store.failed()] == ["8190000000000001"]


def test_a_save_over_another_runs_save_is_refused_whole(db_path: Path) -> None:
    # GIVEN two runs that read the same case
    with CaseStore.open(db_path) as first, CaseStore.open(db_path) as second:
        first.save(case_in(State.SUBMITTED))
        mine, theirs = first.get(ORDER), second.get(ORDER)
        assert mine is not None and theirs is not None
        # WHEN one saves the approval and then the other saves the decline it read
        mine.cancel_approved(at(40))
        first.save(mine)
        theirs.cancel_declined(at(41))
        with pytest.raises(StaleCase) as raised:
            second.save(theirs)
        # THEN the second save is refused whole, with a message saying what to do
        assert f"Order {ORDER} was changed by another run" in str(raised.value)
        assert f"assistant status {ORDER}" in str(raised.value)
        read = second.get(ORDER)
        assert read is not None and read.state is State.CANCELLED
        assert [e.kind for e in read.events][-1] == "cancel_approved"


def test_two_runs_opening_the_same_new_case_save_once(db_path: Path) -> None:
    # GIVEN two runs that both found no case for the order
    with CaseStore.open(db_path) as first, CaseStore.open(db_path) as second:
        first.save(case_in(State.REQUESTED))
        # WHEN the second saves its own new case THEN it is refused: the first one stands
        with pytest.raises(StaleCase):
            second.save(case_in(State.AWAITING_DELIVERY))
        read = second.get(ORDER)
        assert read is not None and read.state is State.REQUESTED


plans = st.lists(st.tuples(st.sampled_from(sorted(OPS)),
                           st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4)),
                 max_size=12)


@settings(max_examples=40, deadline=None)
@given(plan=plans)
def test_whatever_happens_to_a_case_reads_back_the_same(plan: list[tuple[str, list[str]]]
                                                        ) -> None:
    with tempfile.TemporaryDirectory() as tmp, \
            CaseStore.open(Path(tmp) / "assistant.sqlite3") as store:
        case = Case.open(ORDER)
        for n, (op, items) in enumerate(plan):
            try:
                OPS[op](case, at(n), items)
            except CaseError:
                continue
            if case.state is State.NEW:
                continue
            store.save(case)
            read = store.get(ORDER)
            assert read is not None and read.to_dict() == case.to_dict()
            assert read.revision == case.revision
            case = read  # go on from what was read, as the next run would
