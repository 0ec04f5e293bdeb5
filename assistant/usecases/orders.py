"""`assistant orders`: every order the account shows, read the way a person reads it."""

from __future__ import annotations

from assistant.settings import Settings
from assistant.texts import load_texts
from assistant.usecases.login import with_captcha_window
from assistant.usecases.shop import open_surface, retry_policy
from flows.list_orders import list_orders, status_key
from flows.model import OrderSummary
from flows.person import Person


def orders(settings: Settings, person: Person, status: str | None) -> list[OrderSummary]:
    """All orders, or those with ``status`` (checked before the browser starts)."""
    texts = load_texts(settings.locale)
    wanted = status_key(status, texts) if status else None  # BadInput before any click

    def run() -> list[OrderSummary]:
        with open_surface(settings, "web", person=person, label="orders") as (surface, _):
            return list_orders(surface, retry_policy(settings), wanted)

    return with_captcha_window(settings, person, run)
