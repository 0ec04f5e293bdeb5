"""One check's finding, and what all of them mean for the exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from assistant.errors import AssistantError, BadInput


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"  # works, but worth knowing (no exit code of its own)
    FAIL = "fail"
    SKIPPED = "skipped"  # could not be checked until another check passes


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    found: str
    fix: str = ""
    exit_code: int = 0  # a failure's: 2 for configuration, 1 otherwise

    @classmethod
    def ok(cls, name: str, found: str, fix: str = "") -> Check:
        return cls(name, Status.OK, found, fix)

    @classmethod
    def warn(cls, name: str, found: str, fix: str) -> Check:
        return cls(name, Status.WARN, found, fix)

    @classmethod
    def skipped(cls, name: str, why: str) -> Check:
        return cls(name, Status.SKIPPED, why)

    @classmethod
    def failed(cls, name: str, error: AssistantError | str, fix: str = "", *,
               config: bool = False) -> Check:
        """A failure; an AssistantError brings its message, hint and exit code."""
        if isinstance(error, AssistantError):
            found, fix = error.message, fix or error.hint or ""
            code = 2 if isinstance(error, BadInput) else 1
        else:
            found, code = error, 2 if config else 1
        return cls(name, Status.FAIL, found, fix, code)

    def to_dict(self) -> dict[str, str]:
        return {"check": self.name, "status": str(self.status), "found": self.found,
                "fix": self.fix}


def exit_code(checks: Sequence[Check]) -> int:
    """0 when nothing failed; 2 when a failure is one of configuration; else 1."""
    codes = {c.exit_code for c in checks if c.status is Status.FAIL}
    if not codes:
        return 0
    return 2 if 2 in codes else 1
