"""The failure switches a tester flips through ``POST /__fixture__/switch``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

HIDEABLE = ("cancel_button",)


class SwitchError(ValueError):
    """A switch request the site does not understand; the message names the key and value."""


@dataclass(kw_only=True)
class Switches:
    """Each stays as set until a later call changes it; ``{}`` clears them all."""

    hide: str | None = None
    http_500: int = 0
    sign_out_after: int | None = None
    serve_mobile_to_desktop: bool = False
    withhold_mail: bool = False

    def update(self, payload: dict[str, Any]) -> None:
        """Apply ``payload`` (already stripped of one-off actions). Validates before changing."""
        if not payload:
            self.__dict__.update(asdict(Switches()))
            return
        new = Switches(**asdict(self))
        for key, value in payload.items():
            if key == "hide":
                if value not in (None, "", *HIDEABLE):
                    raise SwitchError(f"hide must be one of {HIDEABLE} or null, got: {value!r}")
                new.hide = value or None
            elif key == "http_500":
                new.http_500 = _count(key, value)
            elif key == "sign_out_after":
                new.sign_out_after = None if value is None else _count(key, value)
            elif key in ("serve_mobile_to_desktop", "withhold_mail"):
                if not isinstance(value, bool):
                    raise SwitchError(f"{key} must be true or false, got: {value!r}")
                setattr(new, key, value)
            else:
                raise SwitchError(
                    f"unknown switch {key!r}; known: hide, http_500, sign_out_after, "
                    "serve_mobile_to_desktop, withhold_mail, send (with order)"
                )
        self.__dict__.update(asdict(new))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _count(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SwitchError(f"{key} must be a whole number >= 0, got: {value!r}")
    return value
