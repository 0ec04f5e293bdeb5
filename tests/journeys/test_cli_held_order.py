"""Two `cancel`s for different items of one order at once: the second waits for the first
(up to ASSISTANT_LEASE_WAIT), then joins the case and makes its own request."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.cli import REASON, Assistant

pytestmark = pytest.mark.browser

MULTI = "8190000000000003"


def test_the_second_cancel_waits_and_then_makes_its_own_request(assistant: Assistant) -> None:
    # GIVEN a session saved, so both runs go straight to the order
    assert assistant("login").returncode == 0
    # WHEN two cancels for different items of one order start together
    runs = [assistant.popen("cancel", MULTI, "--item", item, "--reason", REASON, "--yes")
            for item in ("1", "2")]
    done = [(r.wait(timeout=300), r.communicate()) for r in runs]
    # THEN both succeed, one request each, and the case holds both
    for code, (out, err) in done:
        assert code == 0, out + err
    made = sorted(tuple(r["items"]) for r in assistant.requests(MULTI))
    assert made == [("1",), ("2",)]
    case = assistant.case(MULTI)
    assert case is not None and case.state is State.SUBMITTED
    assert sorted(case.items) == ["1", "2"]


def test_a_cancel_gives_up_after_the_lease_wait(assistant: Assistant) -> None:
    # GIVEN another run holds the order (a `tick` working on it)
    with CaseStore.open(assistant.data_dir / "assistant.sqlite3") as store, \
            store.case_lease(MULTI, owner="tick", ttl=timedelta(minutes=5)):
        run = assistant("cancel", MULTI, "--reason", REASON, "--yes",
                        env={"ASSISTANT_LEASE_WAIT": "PT2S"})
    # THEN exit 1 after waiting, saying who holds it; nothing submitted
    assert run.returncode == 1, run.stdout + run.stderr
    assert "being worked on by another run" in run.stderr and "waited 2 s" in run.stderr
    assert assistant.requests(MULTI) == []
