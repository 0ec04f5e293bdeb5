"""`assistant evidence pack`: a failed run's evidence (its trace and screenshot), scrubbed into
one archive holding no byte of the shopper's account, password or session, and no image."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.support.cli import Assistant
from tests.support.leaks import files_under

SINGLE = "8190000000000001"


@pytest.mark.browser
def test_a_failed_runs_evidence_is_packed_without_the_shopper(assistant: Assistant,
                                                              tmp_path: Path) -> None:
    # GIVEN a signed-in shopper whose cancel failed (no reason given), leaving evidence
    assert assistant("login").returncode == 0
    failed = assistant("cancel", SINGLE, "--dry-run", "--yes")
    assert failed.returncode == 2, failed.stderr
    named = re.search(r"Evidence: (\S+)/failure\.(?:html|png)", failed.stderr.replace("\n", ""))
    assert named, failed.stderr
    folder = Path(named.group(1))
    assert {p.name for p in folder.iterdir()} >= {"failure.html", "failure.png", "trace-1.zip"}
    # WHEN it is packed
    archive = tmp_path / "bug.zip"
    packed = assistant("evidence", "pack", str(folder), "--out", str(archive))
    # THEN one archive with the scrubbed trace and a report, no image, nothing of the shopper
    assert packed.returncode == 0, packed.stderr
    out = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(out)
    names = {n for n, _ in files_under(out)}
    assert any(n.endswith("trace-1.zip!trace.trace") for n in names)
    assert not [n for n in names if n.endswith((".png", ".jpeg", ".jpg"))]
    report = json.loads((out / "scrub-report.json").read_text())
    assert report["rules"]["images left out"] > 0 and "failure.png" in report["left_out"]
    assert report["rules"]["order and item numbers"] > 0
    email, password = assistant.site.account
    session = json.loads((assistant.data_dir / "session" / "storage-state.json").read_bytes())
    cookies = [c["value"] for c in session["cookies"] if len(c["value"]) >= 12]
    for value in (email, email.split("@")[0] + "@", password, *cookies, SINGLE):
        needle = value.lower().encode()
        assert [n for n, data in files_under(out) if needle in data.lower()] == [], value
