"""One exception root; each area's subclass carries its exit code and says what to do next."""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Root of every error the assistant reports to a person. Exit code 1 unless a subclass says."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None,
                 evidence: list[Path] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.evidence = evidence or []

    def __str__(self) -> str:
        parts = [self.message]
        if self.hint:
            parts.append(self.hint)
        if self.evidence:
            parts.append("Evidence: " + ", ".join(str(p) for p in self.evidence))
        return "\n".join(parts)


class BadInput(AssistantError):
    """Bad input or configuration; nothing was submitted."""

    exit_code = 2


class ConfigError(BadInput):
    """A setting is missing or invalid."""


class DamagedDatabase(ConfigError):
    """The state database cannot be read: not SQLite, damaged, or holding rows this version
    cannot read. `assistant doctor --repair` moves it aside (kept) and starts a new one."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"The state database {path} is damaged: {why}.",
            hint="Run `assistant doctor --repair`: it moves the damaged file aside (kept, "
            "renamed with the time) and starts a new, empty one; the cases in the old file "
            "are then no longer followed.")
        self.path = path


class WrongPassword(BadInput):
    """The shop or the mailbox rejected the password; never retried automatically."""


class PersonNeeded(AssistantError):
    """A person must act: captcha, verification code, signed out."""

    exit_code = 3


class CaptchaRequired(PersonNeeded):
    """The shop shows a slider captcha; only a person may solve it, in a visible browser."""

    def __init__(self, message: str, *, hint: str | None = None,
                 evidence: list[Path] | None = None, can_open_window: bool = False) -> None:
        super().__init__(message, hint=hint, evidence=evidence)
        self.can_open_window = can_open_window  # a terminal and a display are here


class Blocked(PersonNeeded):
    """The shop's anti-bot block page ("unusual traffic"): never retried, by no run; in `tick`
    the cases wait (they are not failed) and the pass stops its browser work."""


class NotConfirmed(BadInput):
    """The person answered no at the confirmation prompt; nothing was submitted."""


class SignedOut(PersonNeeded):
    """The shop's session ended and signing in again needs a person."""


class PageChanged(AssistantError):
    """The page did not look as expected (layout changed); nothing was submitted."""

    exit_code = 4


class NotCancellable(AssistantError):
    """The shop offers no cancel form for this order now; nothing was submitted."""

    exit_code = 5

    def __init__(self, message: str, *, hint: str | None = None,
                 evidence: list[Path] | None = None, items: tuple[str, ...] = ()) -> None:
        super().__init__(message, hint=hint, evidence=evidence)
        self.items = items  # the order's items, as the page listed them


class ShippedAlready(NotCancellable):
    """The order shows "Awaiting delivery": too late to cancel; a return comes next."""


class SellerRefuses(NotCancellable):
    """A third-party seller accepts no cancellation requests: the shopper must write to them."""

    def __init__(self, message: str, *, seller: str | None = None, hint: str | None = None,
                 evidence: list[Path] | None = None, items: tuple[str, ...] = ()) -> None:
        super().__init__(message, hint=hint, evidence=evidence, items=items)
        self.seller = seller


class NotReturnable(AssistantError):
    """The shop offers no return for this order now (not delivered yet, or nothing left to
    return); nothing was submitted."""

    exit_code = 5


class SiteUnavailable(AssistantError):
    """A transient failure of the shop (HTTP 5xx, a timeout) that outlasted the retries."""


class MailError(AssistantError):
    """The mailbox could not be read (server down, TLS failure)."""


class Busy(AssistantError):
    """Another run holds this case: nothing was done by this command (exit 1, not 0, so that
    `assistant cancel … && …` does not take it for done). A second `tick` is not an error:
    it gives way with exit 0 on its own."""
