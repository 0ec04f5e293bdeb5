"""`assistant status [ORDER] [--json]`, run as the shopper runs it, on cases the store saved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.domain import State
from assistant.settings import load_settings
from assistant.store import CaseStore
from tests.support.casebuilder import at, case_in
from tests.support.cli import run_assistant

SUBMITTED, SELLER, FAILED = "8190000000000001", "8190000000000005", "8190000000000007"


@pytest.fixture(autouse=True)
def no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def db() -> Path:
    """Three cases saved through the store, in the data dir the settings name."""
    path = load_settings().db_path
    with CaseStore.open(path) as store:
        store.save(case_in(State.SUBMITTED, order=SUBMITTED))
        seller = case_in(State.NEW, order=SELLER)
        seller.seller_refuses(at(0), seller="ACME Store", items=["1", "2"])
        store.save(seller)
        store.save(case_in(State.FAILED, order=FAILED))
    return path


def only_json(out: str) -> dict[str, Any]:
    document = json.loads(out)  # one document, nothing around it
    assert isinstance(document, dict)
    return document


def test_status_json_prints_every_case_in_one_document(db: Path) -> None:
    # WHEN the shopper asks for the cases as JSON
    result = run_assistant("status", "--json")
    # THEN one JSON document lists them, with the fields the README names
    assert result.returncode == 0, result.stderr
    cases = only_json(result.stdout)["cases"]
    assert [c["order"] for c in cases] == [SUBMITTED, SELLER, FAILED]
    first = cases[0]
    assert first["items"] == ["1", "2"]
    assert (first["state"], first["attempts"]) == ("submitted", 1)
    assert first["next_check"] == "2026-11-26T12:00:00+00:00"
    assert [(e["kind"], e["at"]) for e in first["events"]] == [
        ("requested", "2026-11-26T10:00:00+00:00"), ("submitted", "2026-11-26T10:01:00+00:00")]
    assert all(set(e) >= {"at", "kind", "detail"} for e in first["events"])
    assert first["seller_deadline"] == "2026-11-28T10:01:00+00:00"  # 48 h after the submit
    assert cases[1]["state"] == "seller_contact" and cases[1]["next_check"] is None
    assert cases[1]["seller_deadline"] is None  # refused on the page: no request to answer
    assert cases[1]["todo"] == ("Contact the seller ACME Store via AliExpress Messages about "
                                f"order {SELLER}: ask them to cancel items 1, 2")
    assert cases[2]["state"] == "failed" and cases[2]["todo"] == "Run `assistant login`"


def test_status_of_one_order(db: Path) -> None:
    result = run_assistant("status", SELLER, "--json")
    assert result.returncode == 0, result.stderr
    assert [c["order"] for c in only_json(result.stdout)["cases"]] == [SELLER]


def test_status_of_an_unknown_order_exits_2_and_says_so(db: Path) -> None:
    result = run_assistant("status", "8190000000000999", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "No case for order 8190000000000999." in result.stderr
    assert "`assistant status` lists the cases" in result.stderr


def test_status_without_any_case_yet_creates_nothing() -> None:
    path = load_settings().db_path
    result = run_assistant("status", "--json")
    assert result.returncode == 0, result.stderr
    assert only_json(result.stdout) == {"account": None, "cases": []}
    assert not path.exists()
    human = run_assistant("status")
    assert "No cases yet. `assistant cancel ORDER` opens one." in human.stdout


@pytest.mark.parametrize("columns", [200, 80])
def test_status_for_a_person_shows_state_and_what_to_do(db: Path, columns: int) -> None:
    result = run_assistant("status", columns=columns)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())  # wrapped lines joined: read it as a person would
    for expected in (SUBMITTED, "submitted", SELLER, "seller_contact", FAILED, "failed",
                     "Run `assistant login`", "2026-11-26 12:00",
                     "Wait: the seller has until 2026-11-28 10:01 UTC to answer"):
        assert expected in text
    assert text.count("seller has until") == 1  # only the submitted case waits for one


def test_status_does_not_load_the_browser_or_the_web_server(db: Path) -> None:
    probe = ("import sys, runpy; sys.argv = ['assistant', 'status', '--json']\n"
             "try:\n    runpy.run_module('assistant', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "heavy = [m for m in ('playwright', 'flask', 'imap_tools', 'apscheduler') "
             "if m in sys.modules]\n"
             "sys.stderr.write('HEAVY=' + ','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert "HEAVY=" in result.stderr
    assert result.stderr.rsplit("HEAVY=", 1)[1].strip() == ""
