"""The rules of a cancellation that hold on every surface: which items, which reason.

Plain functions over what the page showed; each refusal is a BadInput (exit 2) that lists
what the shop offers, so the person can fix the command at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.errors import BadInput
from flows.model import Item, ItemState
from flows.offered import match_offered


@dataclass(frozen=True)
class Selection:
    """The items a run asks for, split by what the page and the case say about them."""

    asked: tuple[str, ...]  # named with --item, or every item of the order
    on_page: tuple[str, ...]  # shown as requested or cancelled already
    confirmed: tuple[str, ...]  # the case holds a confirmed request for them
    todo: tuple[str, ...]  # to be ticked and submitted now


def describe_items(items: Sequence[Item]) -> str:
    return ", ".join(f"{i.id} ({i.title})" if i.title else i.id for i in items)


def select_items(order: str, named: Sequence[str], items: Sequence[Item],
                 confirmed: Sequence[str]) -> Selection:
    """Exactly the named items (all when none is named); an unknown one is an error."""
    by_id = {i.id: i for i in items}
    unknown = [i for i in named if i not in by_id]
    if unknown:
        raise BadInput(
            f"Order {order} has no item {', '.join(unknown)}. Its items: "
            f"{describe_items(items)}. Nothing was submitted.",
            hint="Pass --item with one of these item IDs (as the order page shows them), "
            "or no --item to cancel every item.")
    asked = tuple(dict.fromkeys(named)) or tuple(by_id)
    on_page = tuple(i for i in asked if by_id[i].state is not ItemState.OPEN)
    done = tuple(i for i in asked if i in confirmed and i not in on_page)
    todo = tuple(i for i in asked if i not in on_page and i not in done)
    return Selection(asked, on_page, done, todo)


def whole_order_items(order: str, named: Sequence[str], items: Sequence[Item], *,
                      form_cancels_all: bool, whole_order: bool) -> tuple[str, ...]:
    """The items to ask for when the form cancels the whole order only (no choice of items).

    Naming some items of a multi-item order there is refused (BadInput, naming the items
    that would be cancelled too), unless ``whole_order`` (--whole-order): then every item.
    An unknown item is left for ``select_items`` to refuse.
    """
    known = {i.id for i in items}
    if not form_cancels_all or not named or not set(named) <= known:
        return tuple(named)
    others = [i for i in items if i.id not in named and i.state is ItemState.OPEN]
    if not others:
        return tuple(named)
    if whole_order:
        return tuple(i.id for i in items)
    raise BadInput(
        f"The shop cancels order {order} only as a whole: cancelling {', '.join(named)} would "
        f"cancel {describe_items(others)} too. Nothing was submitted.",
        hint="Pass --whole-order to cancel every item of the order, or let it ship and return "
        f"the unwanted items after delivery (`assistant return {order} --item …`).")


def choose_reason(order: str, wanted: str | None, offered: Sequence[str], *,
                  from_setting: bool) -> str:
    """The offered reason that ``wanted`` names (case and spaces aside), else BadInput."""
    listing = "; ".join(f'"{r}"' for r in offered)
    if not wanted:
        raise BadInput(
            f"No cancellation reason given. For order {order} the shop offers: {listing}. "
            "Nothing was submitted.",
            hint='Pass --reason "…" with one of them, or set ASSISTANT_DEFAULT_REASON.')
    match = match_offered(wanted, offered)
    if match is not None:
        return match
    source = "ASSISTANT_DEFAULT_REASON" if from_setting else "--reason"
    raise BadInput(
        f'The shop does not offer the reason "{wanted}" ({source}) for order {order}. '
        f"It offers: {listing}. Nothing was submitted.",
        hint=f"Use one of these exactly in {source}.")
