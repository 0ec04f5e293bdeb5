"""Quiet hours (``ASSISTANT_QUIET_HOURS=22:00-07:00``, the machine's local time): non-urgent
notifications wait until they end; "a person is needed" never waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    @classmethod
    def parse(cls, text: str | None) -> QuietHours | None:
        """``HH:MM-HH:MM``; None or "" for none. ValueError names the bad value."""
        if not text or not text.strip():
            return None
        try:
            first, last = (part.strip() for part in text.split("-"))
            start = datetime.strptime(first, "%H:%M").time()
            end = datetime.strptime(last, "%H:%M").time()
        except ValueError:
            raise ValueError(f"must be HH:MM-HH:MM such as 22:00-07:00, got: {text!r}") from None
        if start == end:
            raise ValueError(f"must not start and end at the same time, got: {text!r}")
        return cls(start, end)

    def holds(self, now: datetime) -> bool:
        """Whether ``now`` (in the machine's local time) is inside the quiet hours."""
        local = now.astimezone().time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # over midnight
