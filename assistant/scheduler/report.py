"""What a scheduler pass did: lines for the person (or cron's mail) and its exit code."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from assistant.errors import AssistantError, PersonNeeded

log = logging.getLogger(__name__)


@dataclass
class TickReport:
    lines: list[str] = field(default_factory=list)
    person_needed: list[str] = field(default_factory=list)  # exit 3
    problems: list[str] = field(default_factory=list)  # exit 1
    browser_started: bool = False
    busy: str | None = None  # another tick held the lease: this one did nothing
    sign_in_blocked: str | None = None  # why signing in needs a person, when it does
    # pages that did not look as expected: (order, what was wrong, the evidence)
    layout_changed: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """3 when a person is needed (it outranks the rest), 1 on another problem, else 0."""
        if self.person_needed:
            return PersonNeeded.exit_code
        return AssistantError.exit_code if self.problems else 0

    def say(self, line: str) -> None:
        log.info("%s", line)
        self.lines.append(line)

    def join(self, other: TickReport, account: str) -> None:
        """Add ``other``, one account's pass of a tick over several, its lines named."""
        named = [f"[{account}] {line}" for line in other.lines]
        self.lines += named
        self.person_needed += [f"[{account}] {line}" for line in other.person_needed]
        self.problems += [f"[{account}] {line}" for line in other.problems]
        self.browser_started |= other.browser_started
        self.busy = self.busy or other.busy
        self.sign_in_blocked = self.sign_in_blocked or other.sign_in_blocked
        self.layout_changed += other.layout_changed
