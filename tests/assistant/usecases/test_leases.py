"""A long run keeps its lease: the keeper renews it while the work goes on, so a second run
(a cron tick that starts while the first is still at it) finds the work taken."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from assistant.store import CaseStore
from assistant.usecases.leases import LeaseKeeper

TTL = timedelta(seconds=0.6)


def second_run_gets(db_path: Path) -> bool:
    with CaseStore.open(db_path) as other, other.lease("tick", owner="second", ttl=TTL) as lease:
        return bool(lease)


def test_a_kept_lease_outlives_its_time_to_live(tmp_path: Path) -> None:
    db_path = tmp_path / "assistant.sqlite3"
    with CaseStore.open(db_path) as store, store.lease("tick", owner="first", ttl=TTL) as lease, \
            LeaseKeeper(db_path, TTL) as keeper, keeper.keeping(lease):
        time.sleep(3 * TTL.total_seconds())  # a long step, with no renewal of its own
        assert not second_run_gets(db_path)
    assert second_run_gets(db_path)  # released when the work is done


def test_without_the_keeper_a_long_step_loses_the_lease(tmp_path: Path) -> None:
    # the same run, not kept: the second run takes over once the time to live is over
    db_path = tmp_path / "assistant.sqlite3"
    with CaseStore.open(db_path) as store, store.lease("tick", owner="first", ttl=TTL):
        time.sleep(3 * TTL.total_seconds())
        assert second_run_gets(db_path)
