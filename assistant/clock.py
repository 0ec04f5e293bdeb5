"""The assistant's clock: the real one, or one that starts at ASSISTANT_NOW and runs on."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta


class Clock:
    """Tells the time. With ``start`` it begins there and advances with real elapsed time."""

    def __init__(self, start: datetime | None = None) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError(f"the clock's start needs a UTC offset, got: {start.isoformat()}")
        self._start = start
        self._started_at = time.monotonic()

    def now(self) -> datetime:
        if self._start is None:
            return datetime.now(UTC)
        return self._start + timedelta(seconds=time.monotonic() - self._started_at)
