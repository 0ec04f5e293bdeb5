"""At most once: a run that dies right after the final click is never submitted twice."""

from __future__ import annotations

import subprocess
import time
from typing import Any

import pytest

from assistant.domain import State
from tests.support.cli import REASON, Assistant

pytestmark = pytest.mark.browser

ORDER = "8190000000000003"  # three items


def test_a_run_killed_after_the_final_click_is_not_submitted_again(
        assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a shop that, the moment it records a cancel request, sees the run die (SIGKILL)
    shop = assistant.site.server.shop
    record = shop.request_cancel
    running: list[subprocess.Popen[str]] = []

    def record_then_kill(*args: Any, **kwargs: Any) -> Any:
        made = record(*args, **kwargs)
        running[0].kill()  # before the browser even sees the confirmation
        running[0].wait()
        return made

    monkeypatch.setattr(shop, "request_cancel", record_then_kill)
    # WHEN the shopper cancels two items and the run dies right after the final click
    running.append(assistant.popen("cancel", ORDER, "--item", "1", "--item", "3",
                                   "--reason", REASON, "--yes"))
    running[0].wait(timeout=120)
    assert running[0].returncode == -9
    # THEN the shop holds the request, and the case holds it as recorded, not yet confirmed
    assert [r["items"] for r in assistant.requests()] == [["1", "3"]]
    case = assistant.case(ORDER)
    assert case is not None and case.state is State.REQUESTED
    assert case.pending_items() == ("1", "3")

    # WHEN the command runs again (the killed run's lease is taken over: its process is gone)
    monkeypatch.setattr(shop, "request_cancel", record)
    again = assistant("cancel", ORDER, "--item", "1", "--item", "3", "--reason", REASON, "--yes")
    # THEN it finds the request on the order page, submits nothing, and confirms the case
    assert again.returncode == 0, again.stderr
    assert f"Order {ORDER}: items 1, 3 were requested already" in again.stdout
    assert [r["items"] for r in assistant.requests()] == [["1", "3"]]
    case = assistant.case(ORDER)
    assert case is not None and case.state is State.SUBMITTED and not case.pending_items()


def test_a_run_killed_before_the_click_reached_the_shop_submits_on_the_next_run(
        assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a run that died after recording its request but before the shop got the click
    shop = assistant.site.server.shop
    record = shop.request_cancel
    running: list[subprocess.Popen[str]] = []

    def kill_instead(*args: Any, **kwargs: Any) -> Any:
        running[0].kill()
        running[0].wait()
        raise ConnectionAbortedError("the browser is gone")

    monkeypatch.setattr(shop, "request_cancel", kill_instead)
    running.append(assistant.popen("cancel", ORDER, "--item", "2", "--reason", REASON, "--yes"))
    running[0].wait(timeout=120)
    assert assistant.requests() == []
    case = assistant.case(ORDER)
    assert case is not None and case.pending_items() == ("2",)
    # WHEN the command runs again
    monkeypatch.setattr(shop, "request_cancel", record)
    again = assistant("cancel", ORDER, "--item", "2", "--reason", REASON, "--yes")
    # THEN the page shows item 2 still open, so it is submitted, once, and confirmed
    assert again.returncode == 0, again.stderr
    assert [r["items"] for r in assistant.requests()] == [["2"]]
    case = assistant.case(ORDER)
    assert case is not None and case.state is State.SUBMITTED and case.items == ["2"]


def test_a_shop_that_keeps_failing_leaves_the_case_requested_for_later(
        assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a shop whose cancel form answers HTTP 500 every time
    shop = assistant.site.server.shop
    record = shop.request_cancel

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the shop's database is down")

    monkeypatch.setattr(shop, "request_cancel", fail)
    # WHEN the shopper cancels
    run = assistant("cancel", ORDER, "--item", "1", "--reason", REASON, "--yes")
    # THEN after the retries it exits 1, naming the failure, the evidence and what comes next
    assert run.returncode == 1, run.stderr
    assert "HTTP 500" in run.stderr and "Evidence: " in run.stderr
    assert "`assistant tick` tries again later" in run.stderr
    # AND the case stays requested, with a time for the next try
    case = assistant.case(ORDER)
    assert case is not None and case.state is State.REQUESTED
    assert case.pending_items() == ("1",) and case.next_check is not None
    # WHEN the shop is back and the command runs again: one request, confirmed
    monkeypatch.setattr(shop, "request_cancel", record)
    again = assistant("cancel", ORDER, "--item", "1", "--reason", REASON, "--yes")
    assert again.returncode == 0, again.stderr
    assert [r["items"] for r in assistant.requests()] == [["1"]]
    case = assistant.case(ORDER)
    assert case is not None and case.state is State.SUBMITTED


@pytest.mark.parametrize("after_ms", [0, 40, 120, 300, 800])
def test_a_kill_at_any_moment_around_the_final_click_never_submits_twice(
        assistant: Assistant, after_ms: int) -> None:
    # GIVEN a run killed (SIGKILL) ``after_ms`` after it recorded its request, pre-click
    assert assistant("login").returncode == 0
    run = assistant.popen("cancel", ORDER, "--item", "3", "--reason", REASON, "--yes")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        case = assistant.case_or_none(ORDER)
        if case is not None and case.items:
            break
        time.sleep(0.01)
    time.sleep(after_ms / 1000)
    run.kill()
    run.wait(timeout=60)
    assert len(assistant.requests()) <= 1
    # WHEN the command runs again
    again = assistant("cancel", ORDER, "--item", "3", "--reason", REASON, "--yes")
    # THEN the shop holds exactly one request for item 3, and the case says submitted
    assert again.returncode == 0, again.stdout + again.stderr
    assert [r["items"] for r in assistant.requests()] == [["3"]]
    case = assistant.case(ORDER)
    assert case is not None and case.state is State.SUBMITTED and case.items == ["3"]
