"""`assistant demo`: three cases settled against the embedded fixture shop, in its own folder,
with its own keyring file, whatever the person's own settings say."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.cli import run_assistant

APPROVED, DECLINED, SELLER = "8190000000000001", "8190000000000004", "8190000000000005"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.browser
def test_the_demo_settles_three_cases_and_keeps_to_its_folder(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch, with_browser: None) -> None:
    # GIVEN a person whose own settings would spoil the demo if they leaked into it: no
    # automatic returns, a reason the shop does not offer, and an invalid retry setting
    (isolated_home / ".env").write_text("ASSISTANT_AUTO_RETURN=false\n")
    monkeypatch.setenv("ASSISTANT_DEFAULT_REASON", "Not a reason the shop offers")
    monkeypatch.setenv("ASSISTANT_RETRY_JITTER", "7")
    own_data = isolated_home / "data"  # their ASSISTANT_DATA_DIR (tests/conftest.py)
    folder = isolated_home / "demo"
    # WHEN the demo runs
    ran = run_assistant("demo", "--dir", str(folder), timeout=300)
    # THEN it exits 0 having settled the three cases: cancelled; refunded after a return;
    # seller contact
    assert ran.returncode == 0, ran.stdout + ran.stderr
    with CaseStore.open(folder / "data" / "assistant.sqlite3") as store:
        states = {case.order: case.state for case in store.all()}
    assert states == {APPROVED: State.CANCELLED, DECLINED: State.REFUNDED,
                      SELLER: State.SELLER_CONTACT}
    # AND the shop saw one request per order, and one return, for the declined order
    shop = json.loads((folder / "shop-state.json").read_text())
    assert sorted(r["order"] for r in shop["cancel_requests"]) == [APPROVED, DECLINED, SELLER]
    assert [r["order"] for r in shop["return_requests"]] == [DECLINED]
    # AND it ends with the status table and where the evidence is
    out = " ".join(ran.stdout.split())
    assert "Contact the seller Leather Craft Store" in out
    assert f"Everything is kept in {folder}" in out
    assert "playwright show-trace" in out
    assert len(list((folder / "data" / "evidence").glob("*/trace-*.zip"))) == 3
    assert "refunded" in (folder / "data" / "logs" / "assistant.log").read_text()
    # AND its password sits in its own keyring file, private; the person's keyring and data
    # dir were never touched
    keyring_file = folder / "data" / "demo-keyring.json"
    assert "aliexpress-assistant" in keyring_file.read_text()
    assert mode(keyring_file) == 0o600 and mode(folder / "data") == 0o700
    assert not (isolated_home / "xdg-data" / "python_keyring").exists()
    assert not own_data.exists()


@pytest.mark.browser
@pytest.mark.timeout(600)  # a browser per tick: about 3 minutes on an idle machine
def test_the_demo_settles_three_cases_on_the_real_shops_pages(
        isolated_home: Path, with_browser: None) -> None:
    # WHEN the demo runs on the skin modelled on the real shop, which sends no mail about a
    # seller's decision
    folder = isolated_home / "demo"
    ran = run_assistant("demo", "--skin", "aliexpress", "--dir", str(folder), timeout=540)
    # THEN it exits 0 having settled the three cases from the order pages: cancelled;
    # refunded after a return; cancelled after the seller stayed silent for 48 hours
    assert ran.returncode == 0, ran.stdout + ran.stderr
    with CaseStore.open(folder / "data" / "assistant.sqlite3") as store:
        states = {case.order: case.state for case in store.all()}
    assert states == {APPROVED: State.CANCELLED, DECLINED: State.REFUNDED,
                      SELLER: State.CANCELLED}
    # AND the shop saw one request per order, and one return, for the declined order
    shop = json.loads((folder / "shop-state.json").read_text())
    assert shop["skin"] == "aliexpress"
    assert sorted(r["order"] for r in shop["cancel_requests"]) == [APPROVED, DECLINED, SELLER]
    assert [r["order"] for r in shop["return_requests"]] == [DECLINED]
    assert "stays silent for 48 hours" in " ".join(ran.stdout.split())


def test_headed_without_a_display_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN no display
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    # WHEN the demo is asked to show its browsers
    ran = run_assistant("demo", "--headed")
    # THEN it refuses before starting anything, and says what to do
    assert ran.returncode == 2
    assert "--headed needs a display" in ran.stderr and "xvfb-run" in ran.stderr


def test_the_demo_starts_only_in_an_empty_folder(tmp_path: Path) -> None:
    # GIVEN a folder that holds something already
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    # WHEN the demo is pointed at it
    ran = run_assistant("demo", "--dir", str(folder))
    # THEN it refuses, and leaves the folder as it was
    assert ran.returncode == 2
    assert f"{folder} is not empty" in ran.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_the_demo_names_the_skins_it_has(tmp_path: Path) -> None:
    # WHEN the demo is asked for a skin the fixture shop does not have
    ran = run_assistant("demo", "--skin", "amazon", "--dir", str(tmp_path / "demo"))
    # THEN it refuses before starting anything, naming the two it has
    assert ran.returncode == 2
    assert "unknown skin 'amazon'" in ran.stderr and "seed, aliexpress" in ran.stderr
    assert not (tmp_path / "demo").exists()
