"""The person at the keyboard, if any: the flows ask them, they never guess."""

from __future__ import annotations

from typing import Protocol


class Person(Protocol):
    """Who the flows can talk to. ``present`` is False under cron or with no terminal."""

    @property
    def present(self) -> bool: ...

    def tell(self, message: str) -> None: ...

    def confirm(self, question: str) -> bool: ...

    def ask_secret(self, question: str) -> str: ...


class Nobody:
    """No terminal: nothing can be asked, so whatever needs a person stops with exit 3."""

    present = False

    def tell(self, message: str) -> None:  # nobody reads it; the logs carry the story
        pass

    def confirm(self, question: str) -> bool:
        return False

    def ask_secret(self, question: str) -> str:
        return ""
