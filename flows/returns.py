"""The return journey: a delivered order's items sent back, the way a person asks for it.

Your Orders → the order → "Returns/refunds" (new tab; on the real shop's "My Orders" the
cards have none: the order's page has one per item) → "Before you start": Yes → items,
"Return reason", "Describe the problem" → "Next step" → review → "Submit" → "We're reviewing
your request".

At most once: the journey never records anything itself (the caller records the outcome in
the case, under the case's lease), and before every submit it reads the form, where items
with a return already show "Return requested" and cannot be ticked. A run that died after
the final click is therefore answered by the next run with those items as ``already``.
Retries inside a run start over from the home page and pass through that check again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.errors import AssistantError, BadInput, NotReturnable, PageChanged
from flows.attempts import run_attempts
from flows.model import Confirmation
from flows.offered import match_offered
from flows.retry import RetryPolicy
from flows.web.my_orders import MyOrdersPage
from flows.web.returns import (
    ReturnApplyPage,
    ReturnItem,
    ReturnsTab,
    open_returns_tab,
    returns_button,
)
from flows.web.site import WebSite
from flows.web_surface import WebSurface

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReturnRequest:
    """What to return: ``items`` (empty: every item still open), the reason asked for."""

    order: str
    items: tuple[str, ...] = ()
    reason: str | None = None  # --reason, must be one the form offers
    default_reason: str | None = None  # ASSISTANT_RETURN_REASON; else the first offered
    description: str = ""


@dataclass(frozen=True)
class ReturnOutcome:
    order: str
    items: tuple[str, ...]  # requested by this run
    reason: str | None
    already: tuple[str, ...] = ()  # the form shows a return for them already
    seller: str | None = None


def choose_return_reason(order: str, wanted: str | None, offered: Sequence[str], *,
                         source: str) -> str:
    """``wanted`` as the form spells it (case and spaces aside); none: the first offered."""
    if not offered:
        raise PageChanged(f"The return form of order {order} offers no reason; nothing was "
                          "submitted.", hint="See the screenshot and trace.")
    if not wanted:
        return offered[0]
    match = match_offered(wanted, offered)
    if match is not None:
        return match
    listing = "; ".join(f'"{r}"' for r in offered)
    raise BadInput(f'The shop does not offer the return reason "{wanted}" ({source}) for '
                   f"order {order}. It offers: {listing}. Nothing was submitted.",
                   hint=f"Use one of these exactly in {source}.")


def select_items(order: str, named: Sequence[str],
                 items: Sequence[ReturnItem]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(to return now, returned already) among the named items (all when none is named)."""
    by_id = {i.id: i for i in items}
    unknown = [i for i in named if i not in by_id]
    if unknown:
        listing = ", ".join(f"{i.id} ({i.title})" for i in items)
        raise BadInput(f"Order {order} has no item {', '.join(unknown)}. Its items: {listing}. "
                       "Nothing was submitted.",
                       hint="Pass --item with one of these item IDs, or no --item to return "
                       "every item.")
    asked = tuple(dict.fromkeys(named)) or tuple(by_id)
    return (tuple(i for i in asked if by_id[i].open),
            tuple(i for i in asked if not by_id[i].open))


class ReturnJourney:
    """One return request (from `assistant return` or the scheduler)."""

    def __init__(self, request: ReturnRequest, *, policy: RetryPolicy) -> None:
        self.request = request
        self.policy = policy

    def run(self, surface: WebSurface) -> ReturnOutcome:
        return run_attempts(self.policy, lambda: self._attempt(surface),
                            what=f"return order {self.request.order}", sign_in=surface.sign_in)

    def _attempt(self, surface: WebSurface) -> ReturnOutcome:
        order, site = self.request.order, surface.site
        orders = surface.order_list()
        block = orders.find(order)
        summary = orders.summary(block, order)
        seller = summary.seller
        scope = block
        if not returns_button(block, site).count():  # not on the list: the order's page
            if isinstance(orders, MyOrdersPage):
                page = orders.open_details(block, summary)
                scope, status = page.content, page.summary().status
            else:
                detail = orders.open_details(block)
                scope, status = site.page.get_by_role("main"), detail.summary().status
            if not returns_button(scope, site).count():
                raise NotReturnable(
                    f"Order {order} offers no \"Returns/refunds\" (the shop shows it as "
                    f"{_words(site, status)}); nothing was submitted.",
                    hint="A return can be opened once the order is delivered, within its "
                    "return period; `assistant status` shows the case.")
        tab = open_returns_tab(site, scope)
        try:
            return self._on_tab(tab, seller)
        except AssistantError as exc:
            exc.evidence.append(tab.session.evidence.screenshot(tab.page, "returns-tab.png"))
            raise
        finally:
            tab.close()

    def _on_tab(self, tab: ReturnsTab, seller: str | None) -> ReturnOutcome:
        order, named = self.request.order, self.request.items
        form = ReturnApplyPage(tab).arrive().answer_received()
        shown = form.order_number()
        if shown is not None and shown != order:
            raise PageChanged(f"The return page is for order {shown}, not {order}; nothing "
                              "was submitted.", hint="See the screenshot and trace.")
        listed = form.items()
        todo, already = select_items(order, named, listed)
        if not todo:
            log.info("Order %s: a return exists already for %s", order, already)
            return ReturnOutcome(order, (), None, already=already, seller=seller)
        source = "--reason" if self.request.reason else "ASSISTANT_RETURN_REASON"
        reason = choose_return_reason(order, self.request.reason or self.request.default_reason,
                                      form.reasons(), source=source)
        form.fill(reason, todo, self.request.description)
        review = form.next_step()
        _check(review.read(listed), order, todo, "review")
        confirmation = review.submit().read(listed)  # the final click
        _check(confirmation, order, todo, "confirmation")
        return ReturnOutcome(order, todo, reason, already=already, seller=seller)


def _words(site: WebSite, status: str) -> str:
    """The page's words for a status name ("shipped" → "Awaiting delivery")."""
    try:
        return site.texts.first(f"status.{status}")
    except LookupError:
        return status


def _check(page: Confirmation, order: str, items: tuple[str, ...], which: str) -> None:
    if page.order == order and set(page.items) == set(items):
        return
    raise PageChanged(
        f"The return {which} page does not name order {order} with items {', '.join(items)} "
        f"(it shows order {page.order}, items {', '.join(page.items) or '-'})."
        + (" The request MAY have been made." if which == "confirmation"
           else " Nothing was submitted."),
        hint="Check the order on the shop; the next run reads the return form before it "
        "submits anything, so rerunning is safe.")
