"""The trace kept for a failure shows where it failed (each action's page, as DOM snapshots),
without the screencast that cost the run its speed; the failure's screenshot is kept too."""

from __future__ import annotations

import zipfile

import pytest

from tests.support.cli import REASON, Assistant

pytestmark = pytest.mark.browser

SINGLE = "8190000000000001"


def test_a_failures_trace_holds_the_pages_of_its_actions_and_no_screencast(
        assistant: Assistant) -> None:
    # GIVEN the shop's pages lost their cancel controls, WHEN the shopper cancels
    assistant.site.switch(hide="cancel_button")
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    assert run.returncode == 4, run.stderr
    # THEN the failure's folder keeps a screenshot and the trace of the part after sign-in,
    folder = next((assistant.data_dir / "evidence").iterdir())
    assert (folder / "failure.png").stat().st_size > 0
    traces = sorted(folder.glob("trace-*.zip"))
    assert traces
    with zipfile.ZipFile(traces[-1]) as trace:
        names = trace.namelist()
        events = trace.read("trace.trace").decode()
    # whose DOM snapshots show the order list the run looked at, and no screencast frames
    assert '"frame-snapshot"' in events and SINGLE in events
    assert not [n for n in names if n.endswith(".jpeg")]
    assert '"screencast-frame"' not in events
