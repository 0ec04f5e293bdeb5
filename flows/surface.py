"""What a surface of the shop (the website, the mobile pages) must offer the journeys.

The rules of a cancellation (exact items, a reason the shop offers, the gate, at most once,
exit codes, evidence) live in the cancel use case (``assistant.usecases.cancel``) and do not
care which surface is driven. A surface only knows its pages: how to reach an order's cancel
form, fill it, send it, and read the confirmation. The web surface is
``flows.web_surface.WebSurface``, the mobile one ``flows.mobile_surface.MobileSurface``;
another plugs in by implementing these two protocols.

Errors a surface raises, and what the journey makes of them:
- ``assistant.errors.SignedOut``: the shop asked to sign in again. The journey calls
  ``sign_in()`` and starts the attempt over.
- ``assistant.errors.SiteUnavailable`` (HTTP 5xx, a page that did not load in time): retried
  with backoff.
- ``AlreadyRequested``: no form because the asked items are requested already (not an error).
- ``BadInput`` (order not on the account), ``ShippedAlready`` / ``SellerRefuses`` (no cancel
  form), ``PageChanged`` (the page did not look as expected), ``CaptchaRequired``: final.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from assistant.errors import NotCancellable
from flows.model import Confirmation, Item, OrderSummary


class AlreadyRequested(Exception):
    """Not an error: the page shows the asked items requested already, and offers no form."""

    def __init__(self, order: OrderSummary) -> None:
        super().__init__(f"order {order.id}: the asked items are requested already")
        self.order = order


class CancelForm(Protocol):
    """An order's cancel form, open in the browser."""

    @property
    def order(self) -> OrderSummary: ...

    @property
    def cancels_whole_order(self) -> bool:
        """The form offers no choice of items: submitting it cancels every item."""
        ...

    def reasons(self) -> list[str]:
        """The reasons the form's drop-down offers, in its order."""
        ...

    def items(self) -> list[Item]:
        """Every item of the order the form lists, with its state."""
        ...

    def fill(self, reason: str, items: Sequence[str]) -> None:
        """Choose ``reason`` and tick exactly ``items`` (others unticked)."""
        ...

    def screenshot(self, name: str) -> Path:
        """A screenshot of the form as it is now, kept in the run's evidence folder."""
        ...

    def submit(self) -> Confirmation:
        """The final click, then the confirmation screen read back."""
        ...


class Surface(Protocol):
    """One way into the shop (``name`` is what the case records: "web", "mobile")."""

    @property
    def name(self) -> str: ...

    def sign_in(self) -> None:
        """Sign in on this surface's sign-in pages; saves the session."""
        ...

    def open_cancel_form(self, order: str, asked: tuple[str, ...] = ()) -> CancelForm:
        """Find ``order`` the way a person does and open its cancel form.

        When the page offers no form because ``asked`` (all items if empty) are requested
        already, raise AlreadyRequested with the order as the page shows it.
        """
        ...

    def list_orders(self) -> list[OrderSummary]:
        """Every order the account shows, newest first (all pages)."""
        ...

    def find_orders(self, orders: Sequence[str]) -> dict[str, OrderSummary]:
        """The named ``orders`` as the order list shows them, found the way ``open_cancel_form``
        finds one; an order the account does not have is left out."""
        ...


@contextmanager
def refusal_names_items(order: OrderSummary) -> Iterator[None]:
    """On the way to an order's cancel form: a NotCancellable whose page listed no items
    names the order's items as the list showed them (the case records what was refused)."""
    try:
        yield
    except NotCancellable as refused:
        refused.items = refused.items or tuple(i.id for i in order.items)
        raise
