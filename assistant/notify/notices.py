"""What to tell the shopper about a case, derived from its record alone.

Each notice says what happened, for which order, and the one thing to do. It belongs to the
case event that brought it about (``event``, a position in the case's events), and its key
(order, topic, ref) makes it one: the same fact found again by a later run is the same notice.
- a result: ``cancelled`` or ``refunded`` (ref: the event that settled it);
- something the shopper must do: ``todo`` (ref: a digest of the case's to-do, which names
  whom to contact and about what, or the parcel's send-back date), and ``window`` when a
  return the shopper makes by hand is about to be too late (ref: the window's end);
- a person is needed: ``failed`` (ref: the failure's event), and ``layout`` when a tick
  found a page that did not look as expected (ref: a digest of what was wrong, so a daily
  check failing the same way tells it once), both urgent.
Texts come from the case's own details and to-do, which never hold a password, a code or a
cookie.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.domain import Case, Event, State, wording

_RESULTS = {State.CANCELLED: ("cancelled", ("cancel_approved", "page_cancelled")),
            State.REFUNDED: ("refunded", ("refund_issued",))}
# While the shop reviews a return there is nothing to do yet; its mail brings the date.
_NO_TODO_MESSAGE = frozenset({State.RETURN_REQUESTED, State.FAILED})


@dataclass(frozen=True)
class Notice:
    order: str  # '' for the account's own (signing in, the session)
    topic: str
    ref: str
    title: str
    body: str
    urgent: bool = False  # a person is needed: never held by quiet hours
    event: int | None = None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def for_case(case: Case, now: datetime, *, window_warning: timedelta) -> list[Notice]:
    """The notices the case calls for now (a later run finds the same ones again)."""
    found: list[Notice] = []
    result = _result(case)
    if result is not None:
        found.append(result)
    if case.state is State.FAILED:
        failed = _failed(case)
        if failed is not None:
            found.append(failed)
    elif case.todo and case.state not in _NO_TODO_MESSAGE:
        found.append(_todo(case, case.todo))
    closing = _window_closing(case, now, window_warning)
    if closing is not None:
        found.append(closing)
    return found


def layout_changed(order: str, what: str, evidence: str | None, case: Case | None) -> Notice:
    """A tick found the shop's page not as expected (its layout changed): nothing was
    submitted; a person should look, and report it with the evidence."""
    body = (f"Order {order}: the shop's page did not look as expected: {_sentence(what)}\n"
            f"To do: check order {order} on the shop yourself; nothing was submitted. If the "
            "page changed, report it with the evidence (the assistant tries again later).")
    if evidence:
        body += f"\nEvidence: {evidence}"
    last = None if case is None or not case.events else len(case.events) - 1
    return Notice(order, "layout", digest(what), f"Order {order}: the shop's page changed",
                  body, urgent=True, event=last)


def _last(case: Case, kinds: tuple[str, ...]) -> tuple[int, Event] | None:
    for position in range(len(case.events) - 1, -1, -1):
        if case.events[position].kind in kinds:
            return position, case.events[position]
    return None


def _result(case: Case) -> Notice | None:
    if case.state not in _RESULTS:
        return None
    topic, kinds = _RESULTS[case.state]
    found = _last(case, kinds)
    if found is None:
        return None
    position, event = found
    return Notice(case.order, topic, str(position), f"Order {case.order}: {topic}",
                  f"{_sentence(event.detail)} Items: {', '.join(case.items) or 'all'}.\n"
                  f"To do: nothing; the assistant no longer follows order {case.order}.",
                  event=position)


def _failed(case: Case) -> Notice | None:
    found = _last(case, ("failed",))
    if found is None:
        return None
    position, event = found
    body = f"Order {case.order}: {_sentence(event.detail)}\nTo do: " \
           f"{_sentence(case.todo or 'see `assistant status ' + case.order + '`')}"
    if event.evidence:
        body += f"\nEvidence: {event.evidence}"
    return Notice(case.order, "failed", str(position), f"Order {case.order}: a person is needed",
                  body, urgent=True, event=position)


def _todo(case: Case, todo: str) -> Notice:
    last = len(case.events) - 1
    happened = case.events[last].detail if case.events else f"Order {case.order}"
    by = _by_when(case)
    body = f"Order {case.order}: {_sentence(happened)}\nTo do: {_sentence(todo)}"
    if by:
        body += f"\nBy: {by}"
    return Notice(case.order, "todo", digest(todo), f"Order {case.order}: {_title(case)}", body,
                  event=None if last < 0 else last)


def _title(case: Case) -> str:
    if case.state is State.SELLER_CONTACT:
        return "contact the seller"
    if case.state is State.RETURN_RECEIVED:
        return "send the parcel back"
    return "something for you to do"


def _by_when(case: Case) -> str | None:
    """Until when the to-do can be done, when the case knows it."""
    if case.state is not State.SELLER_CONTACT:
        return None
    if case.delivered_at is not None:
        return None if case.return_by is None else (
            f"{wording.day(case.return_by)} (the end of the return window)")
    end = case.seller_deadline
    if end is not None:
        return (f"{wording.moment(end)} (the seller has 48 hours to answer; without an "
                "answer the order is cancelled and refunded)")
    return "as soon as you can: before the order ships"


def _window_closing(case: Case, now: datetime, warning: timedelta) -> Notice | None:
    """A return the shopper opens by hand (``assistant return``) is due soon."""
    if case.state is not State.AWAITING_DELIVERY or case.return_by is None:
        return None
    if case.delivered_at is None or not case.todo or "assistant return" not in case.todo:
        return None
    if not case.return_by - warning <= now < case.return_by:
        return None
    end = wording.day(case.return_by)
    return Notice(case.order, "window", end, f"Order {case.order}: the return window closes",
                  f"Order {case.order}: the return window closes on {end}.\n"
                  f"To do: {_sentence(case.todo)}", event=len(case.events) - 1)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "`")) else text + "."
