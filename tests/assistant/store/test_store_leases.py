"""Leases keep tick, watch, cancel and return off the same case, and outlive no crash for long."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from assistant.store import CaseStore

ORDER = "8190000000000001"
MINUTE = timedelta(minutes=1)

HOLDER = """
import sys, time
from datetime import timedelta
from pathlib import Path
from assistant.store import CaseStore
store = CaseStore.open(Path(sys.argv[1]))
with store.case_lease(sys.argv[2], "tick", timedelta(seconds=float(sys.argv[3]))) as lease:
    print("held" if lease else "busy", flush=True)
    time.sleep(600)
"""


def other_process_holds(db_path: Path, ttl: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), ORDER, str(ttl)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_case_held_by_another_process_is_busy_and_says_who(db_path: Path,
                                                             store: CaseStore) -> None:
    # GIVEN `tick` in another process works on the case
    proc = other_process_holds(db_path, ttl=60)
    try:
        # WHEN `cancel` asks for the same case
        with store.case_lease(ORDER, "cancel", MINUTE) as lease:
            # THEN it does not get it, and learns who has it
            assert not lease
            assert lease.holder == f"tick (pid {proc.pid})"
        # while another case is free
        with store.case_lease("8190000000000002", "cancel", MINUTE) as other:
            assert other
    finally:
        proc.kill()
        proc.wait()


def test_a_crashed_holder_on_this_host_is_taken_over_at_once(db_path: Path,
                                                              store: CaseStore) -> None:
    # GIVEN a process took the case for ten minutes and was killed (no clean release)
    proc = other_process_holds(db_path, ttl=600)
    proc.kill()
    proc.wait()
    # WHEN another run asks for the case THEN it gets it without waiting out the lease
    with store.case_lease(ORDER, "cancel", MINUTE) as lease:
        assert lease and lease.holder is not None and lease.holder.startswith("cancel (pid ")


def test_a_holder_on_another_host_blocks_until_its_lease_expires(db_path: Path,
                                                                 store: CaseStore) -> None:
    # GIVEN a process on another machine (sharing the data dir) holds the case for 1.5 s
    proc = other_process_holds(db_path, ttl=1.5)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE leases SET host = 'elsewhere.example'")
    proc.kill()
    proc.wait()
    # WHEN we cannot see whether it still runs THEN its lease stands until it expires
    with store.case_lease(ORDER, "cancel", MINUTE) as lease:
        assert not lease
    time.sleep(1.6)
    with store.case_lease(ORDER, "cancel", MINUTE) as lease:
        assert lease


def test_a_released_lease_is_free_at_once(store: CaseStore, db_path: Path) -> None:
    with store.case_lease(ORDER, "cancel", MINUTE) as lease:
        assert lease
    with CaseStore.open(db_path) as other, other.case_lease(ORDER, "tick", MINUTE) as again:
        assert again


def test_a_waiter_gets_the_lease_when_the_holder_lets_go(db_path: Path,
                                                         store: CaseStore) -> None:
    # GIVEN a tick that holds the global tick lease for 0.5 s
    taken = threading.Event()

    def first_tick() -> None:
        with CaseStore.open(db_path) as own, own.lease("tick", "tick", MINUTE) as lease:
            assert lease
            taken.set()
            time.sleep(0.5)

    thread = threading.Thread(target=first_tick)
    thread.start()
    assert taken.wait(10)
    try:
        # WHEN a second tick waits up to 10 s THEN it gets the lease after the first lets go
        started = time.monotonic()
        with store.lease("tick", "tick", MINUTE, wait=timedelta(seconds=10)) as lease:
            assert lease
            assert 0.2 < time.monotonic() - started < 9
    finally:
        thread.join()


def test_a_second_tick_that_waits_briefly_gives_up(db_path: Path, store: CaseStore) -> None:
    with store.lease("tick", "tick", MINUTE) as first:
        assert first
        with CaseStore.open(db_path) as other:
            started = time.monotonic()
            with other.lease("tick", "tick", MINUTE, wait=timedelta(seconds=0.5)) as second:
                assert not second
            assert 0.4 < time.monotonic() - started < 5


def test_renewing_keeps_the_lease_past_its_first_expiry(db_path: Path,
                                                        store: CaseStore) -> None:
    with store.case_lease(ORDER, "cancel", timedelta(seconds=2)) as lease, \
            CaseStore.open(db_path) as other:
        time.sleep(1.2)
        assert lease.renew()
        time.sleep(1.2)  # 2.4 s after taking it: past the first expiry, not the renewed one
        with other.case_lease(ORDER, "tick", MINUTE) as second:
            assert not second


def test_a_lost_lease_cannot_be_renewed_nor_released_from_its_new_holder(
        db_path: Path, store: CaseStore) -> None:
    with store.case_lease(ORDER, "cancel", timedelta(seconds=0.3)) as mine:
        time.sleep(0.4)
        with CaseStore.open(db_path) as other, \
                other.case_lease(ORDER, "tick", MINUTE) as theirs:
            assert theirs
            assert mine.renew() is False
            assert not mine
        # (leaving `mine` must not free the lease `theirs` held; it was released by its owner)


def test_only_one_of_many_simultaneous_takers_gets_the_case(db_path: Path,
                                                            store: CaseStore) -> None:
    winners: list[str] = []
    barrier = threading.Barrier(6)
    hold = threading.Event()

    def take(name: str) -> None:
        with CaseStore.open(db_path) as own:
            barrier.wait()
            with own.case_lease(ORDER, name, MINUTE) as lease:
                if lease:
                    winners.append(name)
                    hold.wait(10)

    threads = [threading.Thread(target=take, args=(f"run{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    hold.set()
    for thread in threads:
        thread.join()
    assert len(winners) == 1


def test_a_lease_needs_a_positive_time_to_live(store: CaseStore) -> None:
    with pytest.raises(ValueError, match="must be positive, got: 0:00:00"), \
            store.case_lease(ORDER, "cancel", timedelta(0)):
        pass
