"""The three orders the demo cancels, chosen from the shop's state by what the shop will do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.domain import State
from assistant.errors import AssistantError


@dataclass(frozen=True)
class Pick:
    """One order the demo cancels, and the state its case must end in."""

    order: str
    story: str
    ends_in: State


# What the shop does with a request (cancel_outcome) → the demo's story for it.
STORIES = (
    ("approve", "approves the cancellation", State.CANCELLED),
    ("decline_shipped", "declines: it ships; then a return, a refund", State.REFUNDED),
    ("seller_decides", "leaves it to a third-party seller", State.SELLER_CONTACT),
)
# The real shop's pages (skin "aliexpress") send no mail about a seller's decision: a seller
# who stays silent for 48 hours has the order cancelled, which the assistant sees on its page.
SILENT_SELLER = ("seller_decides", "leaves it to a seller, who stays silent for 48 hours",
                 State.CANCELLED)


class DemoFailed(AssistantError):
    """A step of the demo did not do what it should (exit 1)."""


def pick_orders(state: dict[str, Any]) -> list[Pick]:
    """The first single-item order of each kind the demo shows, from the shop's state."""
    picks = []
    stories = STORIES if state.get("skin") != "aliexpress" else (*STORIES[:2], SILENT_SELLER)
    for outcome, story, ends_in in stories:
        found = [o for o in state["orders"] if o["cancel_outcome"] == outcome
                 and o["status"] == "awaiting_shipment" and len(o["items"]) == 1]
        if not found:
            raise DemoFailed(f"The fixture shop has no order whose request is {outcome!r}.",
                             hint="The demo needs the `default` scenario as shipped.")
        picks.append(Pick(found[0]["id"], story, ends_in))
    return picks
