"""The scheduler's rules of time, as one frozen object built from the settings.

Plain Python: no clock, no browser. Every function takes the time it reasons about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.settings import Settings


@dataclass(frozen=True)
class HolidaySeason:
    """Delivery days (month, day) from ``first`` to ``last`` inclusive; may wrap the new year
    (e.g. 12-01/01-15)."""

    first: tuple[int, int]
    last: tuple[int, int]

    @classmethod
    def parse(cls, text: str) -> HolidaySeason:
        """From ``MM-DD/MM-DD`` (validated by the settings)."""
        first, last = (tuple(int(n) for n in part.split("-")) for part in text.split("/"))
        return cls((first[0], first[1]), (last[0], last[1]))

    def __contains__(self, day: date) -> bool:
        key = (day.month, day.day)
        if self.first <= self.last:
            return self.first <= key <= self.last
        return key >= self.first or key <= self.last


@dataclass(frozen=True, kw_only=True)
class SchedulePolicy:
    """When the scheduler looks again, how it backs off, and the return window."""

    no_result_wait: timedelta = timedelta(hours=2)
    delivery_check_every: timedelta = timedelta(days=1)
    retry_wait: timedelta = timedelta(minutes=10)
    retry_max_wait: timedelta = timedelta(hours=2)
    retry_jitter: float = 0.2
    retry_limit: int = 5
    return_window: timedelta = timedelta(days=30)
    holiday_extension: timedelta = timedelta(days=15)
    holiday_season: HolidaySeason = HolidaySeason((11, 1), (12, 31))
    delivery_wait: timedelta = timedelta(days=60)
    window_warning: timedelta = timedelta(days=5)
    send_back_within: timedelta = timedelta(days=15)
    auto_return: bool = True

    def __post_init__(self) -> None:
        for name in ("no_result_wait", "delivery_check_every", "retry_wait", "retry_max_wait",
                     "delivery_wait", "send_back_within"):
            value: timedelta = getattr(self, name)
            if value <= timedelta(0):
                raise ValueError(f"{name} must be positive, got: {value}")
        if not 0 <= self.retry_jitter <= 1:
            raise ValueError(f"retry_jitter must be between 0 and 1, got: {self.retry_jitter}")
        if self.retry_limit < 1:
            raise ValueError(f"retry_limit must be at least 1, got: {self.retry_limit}")

    @classmethod
    def from_settings(cls, settings: Settings) -> SchedulePolicy:
        return cls(
            no_result_wait=settings.no_result_wait,
            delivery_check_every=settings.delivery_check_every,
            retry_wait=settings.retry_wait,
            # a maximum below the first wait would make the backoff shrink: it never does
            retry_max_wait=max(settings.retry_max_wait, settings.retry_wait),
            retry_jitter=settings.retry_jitter,
            retry_limit=settings.retry_limit,
            return_window=settings.return_window,
            holiday_extension=settings.holiday_extension,
            holiday_season=HolidaySeason.parse(settings.holiday_season),
            delivery_wait=settings.delivery_wait,
            window_warning=settings.window_warning,
            send_back_within=settings.send_back_within,
            auto_return=settings.auto_return,
        )

    def return_by(self, delivered_at: datetime) -> datetime:
        """The last moment of the return window of an order sold and fulfilled by AliExpress:
        30 days from delivery, plus the extension when the delivery day is in the season."""
        extra = self.holiday_extension if delivered_at.date() in self.holiday_season \
            else timedelta(0)
        return delivered_at + self.return_window + extra

    def backoff(self, failures: int) -> timedelta:
        """The wait before the next try after ``failures`` failed submits in a row (no jitter)."""
        doubled: timedelta = self.retry_wait * (2 ** max(0, min(failures - 1, 32)))
        return min(doubled, self.retry_max_wait)
