"""Faults: the shop failing, retries running out, a tick killed part-way, ticks side by side."""

from __future__ import annotations

import subprocess
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.cli import Assistant

pytestmark = pytest.mark.browser

ORDER = "8190000000000001"
OTHER = "8190000000000002"


def requests(cron: Assistant, order: str) -> list[list[str]]:
    return [r["items"] for r in cron.site.state()["cancel_requests"] if r["order"] == order]


def test_a_shop_failing_for_a_while_is_retried_with_growing_waits_then_succeeds(
        cron: Assistant) -> None:
    # GIVEN a request whose submit failed once, and a shop answering 500 to the next 2 pages
    cron.request_due(ORDER)
    cron.site.switch(http_500=2)
    waits = []
    for failures in (2, 3):
        # WHEN a tick runs while the shop fails
        ticked = cron.tick()
        # THEN the failure is counted, nothing reaches the shop, and the next try waits longer
        assert ticked.returncode == 0, ticked.stderr
        case = cron.case(ORDER)
        assert (case.state, case.failures_in_a_row) == (State.REQUESTED, failures)
        assert case.next_check is not None
        waits.append(case.next_check - cron.now())
        assert requests(cron, ORDER) == []
        cron.advance_to(case.next_check)
    # (10 min doubling per failure, moved by at most 20 %: 16-24 min, then 32-48 min)
    assert timedelta(minutes=15) < waits[0] < timedelta(minutes=25)
    assert timedelta(minutes=31) < waits[1] < timedelta(minutes=49)
    # WHEN the shop works again and the next tick runs
    done = cron.tick()
    # THEN the request is submitted exactly once
    assert done.returncode == 0, done.stderr
    assert requests(cron, ORDER) == [["1"]]
    case = cron.case(ORDER)
    assert case.state is State.SUBMITTED and case.failures_in_a_row == 0


def test_when_the_tries_run_out_the_case_fails_with_evidence_and_tick_exits_3(
        cron: Assistant) -> None:
    # GIVEN a request whose submit failed once, a limit of 2 tries, and a shop that keeps failing
    cron.request_due(ORDER)
    cron.site.switch(http_500=100)
    # WHEN the tick tries again
    ticked = cron.tick(ASSISTANT_RETRY_LIMIT="2")
    # THEN the case is failed, the tick exits 3 and names the evidence of the last try
    assert ticked.returncode == 3, ticked.stderr
    case = cron.case(ORDER)
    assert case.state is State.FAILED
    assert case.todo is not None and f"assistant cancel {ORDER}" in case.todo
    needed = "\n".join(ticked.json()["person_needed"])
    assert f"Order {ORDER} needs a person" in needed and "could not be submitted after 2 tries" \
        in needed
    evidence = Path(needed.split("Evidence: ")[1].split(",")[0].strip())
    assert evidence.exists()
    folder = evidence if evidence.is_dir() else evidence.parent
    assert sorted(p.suffix for p in folder.iterdir()) >= [".png", ".zip"]
    assert requests(cron, ORDER) == []
    # AND later ticks keep saying a person is needed, without a browser
    cron.site.switch()
    again = cron.tick()
    assert again.returncode == 3 and not again.json()["browser_started"]


def test_a_tick_killed_after_the_final_click_is_resumed_without_a_second_request(
        cron: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a due request, and a shop that, the moment it records it, sees the tick die
    # (and sends no mail, so only the order page can tell what happened)
    cron.request_due(ORDER)
    cron.site.switch(withhold_mail=True)
    shop = cron.site.server.shop
    record = shop.request_cancel
    running: list[subprocess.Popen[str]] = []

    def record_then_kill(*args: Any, **kwargs: Any) -> Any:
        made = record(*args, **kwargs)
        running[0].kill()
        running[0].wait()
        return made

    monkeypatch.setattr(shop, "request_cancel", record_then_kill)
    # WHEN a tick runs and is killed right after the final click
    running.append(cron.popen("tick"))
    running[0].wait(timeout=120)
    assert running[0].returncode == -9
    assert requests(cron, ORDER) == [["1"]]
    assert cron.case(ORDER).pending_items() == ("1",)
    # WHEN the next tick runs (the killed tick's leases are taken over: its process is gone)
    monkeypatch.setattr(shop, "request_cancel", record)
    resumed = cron.tick()
    # THEN it finds the request on the order page and submits nothing again
    assert resumed.returncode == 0, resumed.stderr
    assert "nothing was submitted again" in resumed.said
    assert requests(cron, ORDER) == [["1"]]
    assert cron.case(ORDER).state is State.SUBMITTED


def test_two_ticks_at_once_one_works_the_other_exits_0(cron: Assistant,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN two due requests
    cron.request_due(ORDER)
    cron.request_due(OTHER)
    monkeypatch.setenv("ASSISTANT_TICK_WAIT", "PT1S")
    # WHEN two ticks start together
    both = [cron.popen("tick"), cron.popen("tick")]
    outputs = [p.communicate(timeout=180) for p in both]
    # THEN both exit 0; one did the work, the other said so and left it
    assert [p.returncode for p in both] == [0, 0], outputs
    gave_way = [out for out, _ in outputs if "Another tick is running" in out]
    assert len(gave_way) == 1, outputs
    # AND each order was requested exactly once
    assert requests(cron, ORDER) == [["1"]] and requests(cron, OTHER) == [["1"]]


def test_a_second_tick_waits_briefly_then_gives_way(cron: Assistant) -> None:
    # GIVEN a tick holding the global lease
    with CaseStore.open(cron.db) as store, \
            store.lease("tick", owner="tick", ttl=timedelta(minutes=1)):
        started = time.monotonic()
        # WHEN another tick starts
        ticked = cron.tick(ASSISTANT_TICK_WAIT="PT2S")
        took = time.monotonic() - started
    # THEN it waited about 2 s, said who is running, and exited 0
    assert ticked.returncode == 0
    assert ticked.said.startswith("Another tick is running (tick (pid ")
    assert took >= 2


def test_a_case_held_by_another_command_is_left_for_the_next_pass(cron: Assistant) -> None:
    # GIVEN a case whose retries ran out (the tick would fail it) while `cancel` works on it
    cron.request_due(ORDER, failures=5)
    with CaseStore.open(cron.db) as store, \
            store.case_lease(ORDER, owner="cancel", ttl=timedelta(minutes=1)):
        # WHEN a tick runs
        held = cron.tick()
    # THEN it leaves the case alone
    assert held.returncode == 0, held.stderr
    assert f"Order {ORDER}: cancel (pid " in held.said and "left for the next pass" in held.said
    assert cron.case(ORDER).state is State.REQUESTED
    # AND once the case is free, the next tick fails it and exits 3
    freed = cron.tick()
    assert freed.returncode == 3
    assert cron.case(ORDER).state is State.FAILED


@pytest.mark.fixture_site(scenario="captcha")
def test_a_sign_in_that_needs_a_person_stops_the_browser_work_and_exits_3(
        cron: Assistant) -> None:
    # GIVEN a request with no result mail for 2 hours (its page is due a look), and a shop
    # that shows a slider captcha at sign-in
    now = cron.request_due(ORDER, submitted=True)
    # WHEN a tick runs from cron (nobody at a screen)
    ticked = cron.tick()
    # THEN it exits 3, says a person must sign in, and names the evidence
    assert ticked.returncode == 3, ticked.stderr
    needed = "\n".join(ticked.json()["person_needed"])
    assert "Signing in to the shop needs a person: The shop asks to solve a slider captcha" \
        in needed
    assert "assistant login" in needed and "Evidence: " in needed
    # AND the case is not failed: it is looked at again once a person has signed in
    case = cron.case(ORDER)
    assert case.state is State.SUBMITTED and case.next_check == now
