"""The project's own recordings (fixtures/recorded/, made by `make record-fixtures`),
replayed offline: the read paths, the dry runs and the scheduler's page checks give what the
live fixture shop gave, under the recording's fake numbers; nothing outside the recording
is asked for."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from assistant.usecases.scrub_rules import fake_digits
from fixture_shop.pytest_plugin import RecordedSite
from tests.support.cli import REASON, ROOT, run_assistant

RECORDED = ROOT / "fixtures" / "recorded"
SINGLE = fake_digits("8190000000000001")
SHIPPED = fake_digits("8190000000000007")
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("skin", ["seed", "aliexpress"])]


@pytest.fixture
def replayed(skin: str, fixture_site_factory: Callable[..., Any], with_browser: None,
             monkeypatch: pytest.MonkeyPatch) -> RecordedSite:
    """GIVEN the skin's recording replayed, the assistant pointed at it (no password)."""
    site: RecordedSite = fixture_site_factory(recorded=RECORDED / skin)
    monkeypatch.setenv("ASSISTANT_BASE_URL", site.url)
    monkeypatch.setenv("ASSISTANT_ACCOUNT", "someone@example.invalid")
    return site


def test_orders_lists_the_recorded_orders(replayed: RecordedSite, skin: str) -> None:
    listed = run_assistant("orders", "--json")
    assert listed.returncode == 0, listed.stderr
    manifest = json.loads((RECORDED / skin / "manifest.json").read_text())
    assert manifest["skin"] == skin
    shown = [{k: o[k] for k in ("order", "status", "seller")} |
             {"items": [{k: i[k] for k in ("id", "title")} for i in o["items"]]}
             for o in listed.json()["orders"]]
    assert shown == manifest["orders"] and len(shown) == 15
    assert [m for m in replayed.misses if not m.endswith("/favicon.ico")] == []


def test_a_dry_run_fills_the_form_and_a_shipped_order_exits_5(replayed: RecordedSite) -> None:
    dry = run_assistant("cancel", SINGLE, "--dry-run", "--yes", "--reason", REASON)
    assert dry.returncode == 0, dry.stderr
    assert f"Dry run: would cancel order {SINGLE}" in dry.stdout
    shipped = run_assistant("cancel", SHIPPED, "--dry-run", "--yes", "--reason", REASON)
    assert shipped.returncode == 5, shipped.stderr
    assert [m for m in replayed.misses if not m.endswith("/favicon.ico")] == []


def test_the_schedulers_page_check_reads_the_recorded_order_page(
        replayed: RecordedSite) -> None:
    # GIVEN the shop refused the shipped order (no cancel on its page): a case follows it
    refused = run_assistant("cancel", SHIPPED, "--yes", "--reason", REASON)
    assert refused.returncode == 5, refused.stderr
    before = _case(SHIPPED)
    assert before["next_check"] is not None
    # WHEN a tick comes after the case's next check
    later = datetime.fromisoformat(before["next_check"]) + timedelta(minutes=1)
    tick = run_assistant("tick", "--json", env={"ASSISTANT_NOW": later.isoformat()})
    # THEN it read the recorded order page (still shipped) and planned the next look,
    # asking for nothing the recording does not hold
    assert tick.returncode == 0, tick.stderr
    assert [line for line in tick.json()["lines"]
            if line.startswith(f"Order {SHIPPED}: the order page shows")], tick.stdout
    after = _case(SHIPPED)
    assert after["state"] == before["state"]
    assert datetime.fromisoformat(after["next_check"]) > later
    assert [m for m in replayed.misses if not m.endswith("/favicon.ico")] == []


def _case(order: str) -> dict[str, Any]:
    shown = run_assistant("status", "--json")
    assert shown.returncode == 0, shown.stderr
    found = [c for c in shown.json()["cases"] if c["order"] == order]
    assert len(found) == 1, shown.stdout
    case: dict[str, Any] = found[0]
    return case
