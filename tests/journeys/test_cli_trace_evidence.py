"""The evidence of a failure shows where it failed: a screenshot, the page's HTML, and a
trace whose last part holds that page as a DOM snapshot. The run's own parts record its
actions and the network without snapshots or screencast, which would cost the run its
speed; ``--keep-trace`` records each action's page."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.support.cli import REASON, Assistant

pytestmark = pytest.mark.browser

SINGLE = "8190000000000001"


def events(trace: Path) -> str:
    with zipfile.ZipFile(trace) as opened:
        assert not [n for n in opened.namelist() if n.endswith(".jpeg")]  # no screencast
        return opened.read("trace.trace").decode()


def test_a_failures_evidence_holds_its_page_and_the_trace_of_its_actions(
        assistant: Assistant) -> None:
    # GIVEN the shop's pages lost their cancel controls, WHEN the shopper cancels
    assistant.site.switch(hide="cancel_button")
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    assert run.returncode == 4, run.stderr
    # THEN the failure's folder keeps a screenshot and the HTML of the page it failed on,
    folder = next((assistant.data_dir / "evidence").iterdir())
    assert (folder / "failure.png").stat().st_size > 0
    assert SINGLE in (folder / "failure.html").read_text()
    *run_parts, last = [events(t) for t in sorted(folder.glob("trace-*.zip"))]
    # the trace of the run's actions after sign-in (no page snapshots: they slow every run),
    assert run_parts and all('"frame-snapshot"' not in e for e in run_parts)
    assert '"method":"click"' in run_parts[-1]
    # and a last part holding the order list it failed on, as a DOM snapshot
    assert '"frame-snapshot"' in last and SINGLE in last
    assert '"screencast-frame"' not in "".join([*run_parts, last])


def test_keep_trace_records_each_actions_page(assistant: Assistant) -> None:
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes", "--keep-trace")
    assert run.returncode == 0, run.stderr
    parts = [events(t) for t in sorted((assistant.data_dir / "evidence").rglob("trace-*.zip"))]
    assert len(parts) == 2 and all('"frame-snapshot"' in e for e in parts)
