"""Small helpers for talking to the fixture site over HTTP."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import FormData


def form(**fields: Any) -> FormData:
    """A form body; a list value repeats its field (items=["1", "2"])."""
    data = FormData()
    for name, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            data.append(name, one)
    return data


def without_clock(state: dict[str, Any]) -> dict[str, Any]:
    """The state document minus what moves by itself (the time)."""
    return {k: v for k, v in state.items() if k != "now"}
