"""The project's own recordings (fixtures/recorded/, made by `make record-fixtures`),
replayed offline: the read paths and the dry runs give what the live fixture shop gave, under
the recording's fake numbers; nothing outside the recording is asked for."""

from __future__ import annotations

import json
from collections.abc import Callable
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
