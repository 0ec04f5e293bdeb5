"""Housekeeping: `tick` removes failure evidence older than ASSISTANT_EVIDENCE_KEEP, and
`assistant drop ORDER` stops following a case, keeping its history."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.casebuilder import ORDER, case_in
from tests.support.cli import run_assistant

NOW = "2026-12-01T10:00:00+00:00"


@pytest.fixture
def data(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_NOW", NOW)
    monkeypatch.setenv("ASSISTANT_BASE_URL", "http://127.0.0.1:9")  # no shop: no browser work
    return isolated_home / "data"


def evidence(data: Path, *names: str) -> list[Path]:
    folders = []
    for name in names:
        folder = data / "evidence" / name
        folder.mkdir(parents=True)
        (folder / "failure.png").write_bytes(b"\x89PNG the shopper's address")
        folders.append(folder)
    return folders


def test_tick_removes_evidence_older_than_the_default_30_days(data: Path) -> None:
    # GIVEN evidence of 31 days ago, of 29 days ago, and a folder the shopper made there
    old, recent, own = evidence(data, "20261031T095959Z-8190000000000001",
                                "20261102T100000Z-8190000000000002-2", "my notes")
    # WHEN a tick runs
    ran = run_assistant("tick")
    # THEN only the old run's folder is gone
    assert ran.returncode == 0, ran.stderr
    assert not old.exists()
    assert recent.exists() and own.exists()
    log = (data / "logs" / "assistant.log").read_text()
    assert "Removed 1 evidence folder(s)" in log and old.name in log


def test_the_time_evidence_is_kept_is_a_setting(data: Path) -> None:
    # GIVEN evidence of 3 days ago, and ASSISTANT_EVIDENCE_KEEP of two days
    [folder] = evidence(data, "20261128T100000Z-8190000000000001")
    # WHEN a tick runs THEN it is removed
    ran = run_assistant("tick", env={"ASSISTANT_EVIDENCE_KEEP": "P2D"})
    assert ran.returncode == 0, ran.stderr
    assert not folder.exists()


def test_a_keep_that_is_no_duration_is_exit_2(data: Path) -> None:
    ran = run_assistant("tick", env={"ASSISTANT_EVIDENCE_KEEP": "-P1D"})
    assert ran.returncode == 2
    assert "ASSISTANT_EVIDENCE_KEEP" in ran.stderr and "Traceback" not in ran.stderr


def status(order: str = ORDER) -> dict[str, object]:
    ran = run_assistant("status", "--json")
    assert ran.returncode == 0, ran.stderr
    [case] = [c for c in ran.json()["cases"] if c["order"] == order]
    return dict(case)


def test_a_dropped_case_is_kept_shown_and_never_touched_again(data: Path) -> None:
    # GIVEN a submitted case whose page check is due
    with CaseStore.open(data / "assistant.sqlite3") as store:
        store.save(case_in(State.SUBMITTED))
    before = status()
    assert before["state"] == "submitted" and before["next_check"] is not None
    # WHEN the shopper drops it
    ran = run_assistant("drop", ORDER)
    # THEN it says so; the case is dropped, nothing is due, its history is kept
    assert ran.returncode == 0, ran.stderr
    assert f"Order {ORDER} is no longer followed (dropped)" in ran.stdout
    after = status()
    assert after["state"] == "dropped" and after["next_check"] is None
    events = after["events"]
    assert isinstance(events, list) and isinstance(before["events"], list)
    assert events[:-1] == before["events"]
    assert events[-1]["kind"] == "dropped"
    # AND the table shows it as dropped
    table = run_assistant("status")
    assert "dropped" in table.stdout
    # AND a tick leaves it alone (no page check, no browser), now and later
    for later in (NOW, "2027-03-01T10:00:00+00:00"):
        tick = run_assistant("tick", env={"ASSISTANT_NOW": later})
        assert tick.returncode == 0, tick.stderr
        assert "Nothing due." in tick.stdout
        assert status() == after
    # AND dropping it again changes nothing
    again = run_assistant("drop", ORDER)
    assert again.returncode == 0 and "dropped already" in again.stdout
    assert status() == after


@pytest.mark.parametrize("with_database", [False, True], ids=["no-database", "other-case"])
def test_dropping_an_order_without_a_case_is_exit_2(data: Path, with_database: bool) -> None:
    # GIVEN no case for the order (no database yet, or only another order's case)
    if with_database:
        with CaseStore.open(data / "assistant.sqlite3") as store:
            store.save(case_in(State.SUBMITTED, order="8190000000000009"))
    # WHEN the shopper drops it THEN exit 2, naming the order and what to do
    ran = run_assistant("drop", ORDER)
    assert ran.returncode == 2
    said = " ".join(ran.stderr.split())
    assert f"No case for order {ORDER}." in said and "assistant status" in said
    assert not with_database or status("8190000000000009")["state"] == "submitted"
