"""`assistant orders`: the account's orders, read the way the cancel journey reads them."""

from __future__ import annotations

import pytest

from tests.support.cli import Assistant, every_order_listed

pytestmark = pytest.mark.browser


def test_orders_json_lists_every_order_with_its_items(assistant: Assistant) -> None:
    every_order_listed(assistant("orders", "--json"), assistant.site)


def test_orders_by_status_as_a_table(assistant: Assistant) -> None:
    run = assistant("orders", "--status", "Awaiting delivery")
    assert run.returncode == 0, run.stderr
    assert "8190000000000007" in run.stdout and "Bluetooth speaker" in run.stdout
    assert "8190000000000001" not in run.stdout
    assert "1 order." in run.stdout


def test_an_unknown_status_exits_2_listing_the_known_ones(assistant: Assistant) -> None:
    run = assistant("orders", "--status", "lost")
    assert run.returncode == 2
    assert "Unknown order status 'lost'" in run.stderr and "awaiting_shipment" in run.stderr
    assert not (assistant.data_dir / "session").exists()  # no browser was opened
