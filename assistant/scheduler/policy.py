"""The scheduler's rules of time: its settings and what follows from them (the return
window, the backoff).

The settings themselves, with each default and check, are declared once, in
``assistant.settings.ScheduleSettings`` (part of the validated settings, read from
ASSISTANT_NO_RESULT_WAIT, ASSISTANT_RETRY_WAIT, …); ``SchedulePolicy`` is those settings
with their consequences. Plain Python: no clock, no browser. Every function takes the time
it reasons about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from assistant.settings import ScheduleSettings


@dataclass(frozen=True)
class HolidaySeason:
    """Delivery days (month, day) from ``first`` to ``last`` inclusive; may wrap the new year
    (e.g. 12-01/01-15)."""

    first: tuple[int, int]
    last: tuple[int, int]

    @classmethod
    def parse(cls, text: str) -> HolidaySeason:
        """From ``MM-DD/MM-DD`` (checked by ``ScheduleSettings``)."""
        first, last = (tuple(int(n) for n in part.split("-")) for part in text.split("/"))
        return cls((first[0], first[1]), (last[0], last[1]))

    def __contains__(self, day: date) -> bool:
        key = (day.month, day.day)
        if self.first <= self.last:
            return self.first <= key <= self.last
        return key >= self.first or key <= self.last


class SchedulePolicy(ScheduleSettings):
    """The scheduler's settings with what follows from them."""

    @classmethod
    def from_settings(cls, settings: ScheduleSettings) -> SchedulePolicy:
        """The policy of ``settings``: their values, validated already, are copied as they are
        (validating them again would first build this class's validator, on every pass)."""
        return cls.model_construct(**{name: getattr(settings, name)
                                      for name in ScheduleSettings.model_fields})

    @property
    def season(self) -> HolidaySeason:
        return HolidaySeason.parse(self.holiday_season)

    def return_by(self, delivered_at: datetime) -> datetime:
        """The last moment of the return window of an order sold and fulfilled by AliExpress:
        30 days from delivery, plus the extension when the delivery day is in the season."""
        extra = self.holiday_extension if delivered_at.date() in self.season else timedelta(0)
        return delivered_at + self.return_window + extra

    def backoff(self, failures: int) -> timedelta:
        """The wait before the next try after ``failures`` failed submits in a row (no jitter);
        a maximum below the first wait never makes the backoff shrink."""
        doubled: timedelta = self.retry_wait * (2 ** max(0, min(failures - 1, 32)))
        return min(doubled, max(self.retry_max_wait, self.retry_wait))
