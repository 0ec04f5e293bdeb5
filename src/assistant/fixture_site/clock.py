"""The shop's clock: real time from a start, plus whatever the tester advanced it by."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assistant.clock import Clock


class ShopClock:
    """Starts at ``start`` (default: the real time now), runs with real time, can jump ahead."""

    def __init__(self, start: datetime | None = None) -> None:
        self._clock = Clock(start or datetime.now(UTC))
        self._offset = timedelta()

    def now(self) -> datetime:
        return self._clock.now() + self._offset

    @property
    def offset(self) -> timedelta:
        return self._offset

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError(f"the shop's clock only moves ahead, got: {seconds} seconds")
        self._offset += timedelta(seconds=seconds)
        return self.now()
