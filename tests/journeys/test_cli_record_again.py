"""Recording unchanged pages again gives the same files.

GIVEN a signed-in shopper on a fixture shop whose clock starts at a fixed time (the seed
skin's order list shows the late "Limited-time offer" seconds after it loads), WHEN the same
orders are recorded twice, THEN the DOM snapshots, manifest.json and scrub-report.json are
byte for byte the same, and so is network.har: the answers replay serves (method, address,
status, body, in order) and every other byte.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import Assistant

START = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
ORDERS = ("8190000000000001", "8190000000000008")  # its cancel window; its returns form
pytestmark = [pytest.mark.browser, pytest.mark.parametrize(
    "skin", [pytest.param(s, marks=pytest.mark.fixture_site(skin=s, start=START), id=s)
             for s in ("seed", "aliexpress")])]


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def served(har: bytes) -> list[tuple[Any, ...]]:
    """What replay answers from a HAR file, in its order."""
    return [(e["request"]["method"], e["request"]["url"], e["response"]["status"],
             e["response"]["content"].get("text")) for e in json.loads(har)["log"]["entries"]]


def test_recording_unchanged_pages_again_gives_the_same_files(
    assistant: Assistant, skin: str, tmp_path: Path
) -> None:
    assert assistant("login").returncode == 0
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        ran = assistant("record", *ORDERS, "--out", str(out))
        assert ran.returncode == 0, ran.stderr
    once, again = files(first), files(second)
    assert sorted(once) == sorted(again)
    pages = [name for name in once if name.endswith(".html")]
    assert "orders/list-page-1.html" in pages and "cancel/window-open.html" in pages
    for name in [*pages, "manifest.json", "scrub-report.json"]:
        assert once[name] == again[name], name
    assert served(once["network.har"]) == served(again["network.har"])
    assert once["network.har"] == again["network.har"]
    # the popups were closed before each snapshot: none covers a recorded page
    assert not any(b"Limited-time offer" in once[name] for name in pages)
