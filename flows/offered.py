"""Picking what a person named among what a form offers (a reason in a drop-down)."""

from __future__ import annotations

from collections.abc import Sequence


def match_offered(wanted: str, offered: Sequence[str]) -> str | None:
    """The one offered entry ``wanted`` names, case and spaces aside; None if not exactly one."""

    def norm(text: str) -> str:
        return " ".join(text.split()).casefold()

    matches = [o for o in offered if norm(o) == norm(wanted)]
    return matches[0] if len(matches) == 1 else None
