"""The slider captcha's judge: a person drags in many small moves; a script jumps.

The page records the pointer's moves while the knob is held and posts them; the server
decides, so a script cannot just flip a flag in the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_MOVES = 10
MIN_DURATION_MS = 500.0
END_TOLERANCE_PX = 4.0
MAX_STEP_SHARE = 0.35  # no single move may cover more than this share of the track


@dataclass(frozen=True, kw_only=True)
class Drag:
    """The knob's path: (x offset in px from where it was grabbed, ms since grabbed)."""

    moves: Sequence[tuple[float, float]]
    travel: float  # how far the knob must go to reach the end of the track, in px

    @classmethod
    def from_json(cls, doc: object) -> Drag:
        """Parse ``{"moves": [[x, t], ...], "travel": px}``; ValueError when malformed."""
        if not isinstance(doc, dict):
            raise ValueError("a drag is a JSON object")
        moves = [(float(x), float(t)) for x, t in doc.get("moves", [])]
        travel = float(doc.get("travel", 0))
        if travel <= 0:
            raise ValueError(f"travel must be positive, got: {travel}")
        return cls(moves=moves, travel=travel)


def verifies(drag: Drag) -> bool:
    """True for a drag of many small moves, over at least half a second, to the end."""
    if len(drag.moves) < MIN_MOVES:
        return False
    duration = drag.moves[-1][1] - drag.moves[0][1]
    if duration < MIN_DURATION_MS:
        return False
    if max(x for x, _ in drag.moves) < drag.travel - END_TOLERANCE_PX:
        return False
    steps = [abs(b[0] - a[0]) for a, b in zip(drag.moves, drag.moves[1:], strict=False)]
    return max(steps, default=0.0) <= drag.travel * MAX_STEP_SHARE
