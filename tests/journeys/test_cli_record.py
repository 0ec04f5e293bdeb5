"""`assistant record` on both skins of the fixture shop, then the recording replayed.

GIVEN a signed-in shopper (on the aliexpress skin also with the labels' other wording, the
recording's pages showing it), WHEN `assistant record` walks the account, THEN nothing of the
shopper is in any byte of the recording, the shop received no request, and the cancel window
was opened and closed; replayed by `fixture_site_factory(recorded=...)`, `assistant orders
--json` lists the live site's orders under their fake numbers and `assistant cancel N
--dry-run --yes` fills the form and exits 0, offline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.usecases.scrub_rules import fake_digits
from fixture_shop.pytest_plugin import RecordedSite
from tests.support.cli import REASON, Assistant
from tests.support.leaks import files_under

SINGLE = "8190000000000001"
DELIVERED = "8190000000000008"
# Each skin, and the aliexpress skin in its other wording of the labels (--wording 1).
SITES = [pytest.param(skin, wording, id=f"{skin}-wording-{wording}" if wording else skin,
                      marks=pytest.mark.fixture_site(skin=skin, wording=wording))
         for skin, wording in (("seed", 0), ("aliexpress", 0), ("aliexpress", 1))]
pytestmark = [pytest.mark.browser, pytest.mark.parametrize(("skin", "wording"), SITES)]
REWORDED = "Request cancellation"  # the cancel window's title in wording 1 only
NUMBER = re.compile(r"(?<!\d)\d{16}(?!\d)")


def faked(doc: Any) -> Any:
    """``doc`` with every 16-digit number as the recording's fake one."""
    return json.loads(NUMBER.sub(lambda m: fake_digits(m.group(0)), json.dumps(doc)))


def shopper_values(assistant: Assistant) -> list[str]:
    """What must be in no byte of a recording: the account, its password, the session."""
    email, password = assistant.site.account
    session = json.loads((assistant.data_dir / "session" / "storage-state.json").read_bytes())
    cookies = [c["value"] for c in session["cookies"] if len(c["value"]) >= 12]
    return [email, email.split("@")[0] + "@", password, *cookies]


def test_a_recording_holds_nothing_of_the_shopper_and_replays_offline(
    assistant: Assistant, skin: str, wording: int, tmp_path: Path,
    fixture_site_factory: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a signed-in shopper and the orders the live shop lists
    assert assistant("login").returncode == 0
    live = assistant("orders", "--json")
    assert live.returncode == 0, live.stderr
    # WHEN the account is recorded
    out = tmp_path / "recording"
    ran = assistant("record", SINGLE, DELIVERED, "--all-pages", "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    # THEN no byte of any file holds the shopper's account, password or session
    for value in shopper_values(assistant):
        needle = value.lower().encode()
        assert [n for n, data in files_under(out) if needle in data.lower()] == [], value
    report = json.loads((out / "scrub-report.json").read_text())
    assert report["rules"]["secret: account e-mail"] > 0
    assert report["rules"]["order and item numbers"] > 0
    assert report["leaks"] == 0 and "site password" in report["searched_for"]
    # and the walk was read-only: the cancel window opened and closed, nothing sent
    manifest = json.loads((out / "manifest.json").read_text())
    files = {p["file"] for p in manifest["pages"]}
    assert {"orders/list-page-1.html", "orders/list-page-2.html", "cancel/window-open.html",
            "cancel/window-closed.html", "order/detail-awaiting-shipment.html",
            "order/detail-delivered.html", "returns/form.html"} <= files
    assert all((out / f).is_file() for f in files)
    assert (REWORDED in (out / "cancel/window-open.html").read_text()) == (wording == 1)
    assert manifest["skin"] == skin and manifest["blocked"] == []
    state = assistant.site.state()
    assert state["cancel_requests"] == [] and state["return_requests"] == []
    # WHEN the recording is replayed
    replay: RecordedSite = fixture_site_factory(recorded=out)
    monkeypatch.setenv("ASSISTANT_BASE_URL", replay.url)
    replayed = assistant("orders", "--json")
    # THEN the same orders, under their fake numbers
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.json()["orders"] == faked(live.json()["orders"])
    assert fake_digits(SINGLE) in {o["order"] for o in replayed.json()["orders"]}
    # and a dry run fills the order's cancel form there and exits 0
    dry = assistant("cancel", fake_digits(SINGLE), "--dry-run", "--yes", "--reason", REASON)
    assert dry.returncode == 0, dry.stderr
    assert f"Dry run: would cancel order {fake_digits(SINGLE)}" in dry.stdout
    assert [m for m in replay.misses if not m.endswith("/favicon.ico")] == []
