"""`assistant login`, `orders` and `cancel`: the commands that use the shop.

Playwright and the flows are imported inside the commands, so that `assistant tick` and
`assistant status` start without them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.errors import BadInput, Busy
from assistant.settings import load_settings

if TYPE_CHECKING:
    from flows.cancel_outcome import CancelOutcome
    from flows.model import Item

CASE_LEASE = timedelta(minutes=15)


class SurfaceName(StrEnum):
    web = "web"
    mobile = "mobile"


class Terminal:
    """The person at the terminal (``present`` only when stdin and stderr are terminals)."""

    @property
    def present(self) -> bool:
        return sys.stdin.isatty() and sys.stderr.isatty()

    def tell(self, message: str) -> None:
        typer.echo(message, err=True)

    def confirm(self, question: str) -> bool:
        return bool(typer.confirm(question, default=False, err=True))

    def ask_secret(self, question: str) -> str:
        return str(typer.prompt(question, hide_input=True, err=True))


def login() -> None:
    """Sign in to the shop and save the session (a window opens if a captcha needs a person)."""
    from flows.driver import login as sign_in
    from flows.driver import with_captcha_window

    settings = load_settings()
    person = Terminal()
    typer.echo(with_captcha_window(settings, person, lambda: sign_in(settings, person)))


def orders(
    status: Annotated[str | None, typer.Option(help="Only orders with this status, e.g. "
                                               "awaiting_shipment.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """The account's orders as the shop shows them: number, date, status, seller, items."""
    from assistant.texts import load_texts
    from flows.driver import open_surface, retry_policy, with_captcha_window
    from flows.list_orders import list_orders

    settings = load_settings()
    person = Terminal()
    texts = load_texts(settings.locale)

    def run() -> list[dict[str, object]]:
        with open_surface(settings, "web", person=person, label="orders") as (surface, _):
            found = list_orders(surface, retry_policy(settings), texts, status)
            return [o.to_json() for o in found]

    found = with_captcha_window(settings, person, run)
    if as_json:
        typer.echo(json.dumps({"orders": found}, indent=2))
        return
    _print_orders(found)


def _print_orders(found: list[dict[str, object]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("Order", "Date", "Status", "Seller", "Items")
    for order in found:
        items = order["items"]
        assert isinstance(items, list)
        table.add_row(str(order["order"]), str(order["date"] or ""), str(order["status"]),
                      str(order["seller"] or ""),
                      "\n".join(f"{i['id']}: {i['title']}" for i in items))
    Console().print(table)
    typer.echo(f"{len(found)} order{'' if len(found) == 1 else 's'}.")


def cancel(
    order: Annotated[str, typer.Argument(help="The order number (16 digits).")],
    item: Annotated[list[str] | None, typer.Option(
        "--item", help="An item ID to cancel (repeat for more); all items when none.")] = None,
    reason: Annotated[str | None, typer.Option(
        help="A cancellation reason the shop offers (else ASSISTANT_DEFAULT_REASON).")] = None,
    surface: Annotated[SurfaceName | None, typer.Option(
        help="web or mobile (default: ASSISTANT_SURFACE, else web).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Fill everything, stop before the final click, record nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    keep_trace: Annotated[bool, typer.Option(
        "--keep-trace", help="Keep the Playwright trace of a successful run too.")] = False,
) -> None:
    """Cancel an order's items on the shop (all items unless --item names some)."""
    order = order.strip()
    if not re.fullmatch(r"\d{6,20}", order):
        raise BadInput(f"{order!r} is not an order number.",
                       hint="Give the number as \"Your Orders\" shows it (16 digits).")
    person = Terminal()
    if not (yes or dry_run or person.present):
        raise BadInput("No terminal to confirm the cancellation on: nothing was submitted.",
                       hint="Pass --yes to cancel without asking (e.g. from a script), "
                       "or --dry-run to only see what would be submitted.")
    chosen = surface.value if surface else load_settings().surface
    _cancel(order, tuple(item or ()), reason, chosen, dry_run, yes, keep_trace, person)


def _cancel(order: str, items: tuple[str, ...], reason: str | None, surface: str,
            dry_run: bool, yes: bool, keep_trace: bool, person: Terminal) -> None:
    from assistant.scheduler.policy import SchedulePolicy
    from assistant.store import CaseStore
    from flows.cancel import CancelJourney, CancelRequest
    from flows.driver import open_surface, retry_policy, with_captcha_window

    settings = load_settings()

    def gate(number: str, chosen: Sequence[Item], why: str) -> bool:
        if yes:
            return True
        person.tell(f"Order:  {number}\nItems:  " + "\n        ".join(
            f"{i.id}  {i.title}" for i in chosen) + f"\nReason: {why}")
        return person.confirm("Submit this cancellation request to the shop?")

    request = CancelRequest(order, items, reason, settings.default_reason, dry_run)
    with CaseStore.open(settings.db_path) as store, \
            store.case_lease(order, owner="cancel", ttl=CASE_LEASE) as lease:
        if not lease:
            raise Busy(f"Order {order} is being worked on by another run ({lease.holder}).",
                       hint="Wait for it to finish; `assistant status` shows the case.")
        journey = CancelJourney(request, store=store, now=settings.clock.now,
                                policy=retry_policy(settings), gate=gate,
                                schedule=SchedulePolicy.from_settings(settings))
        done = journey.before_browser()
        if done is None:
            def run() -> CancelOutcome:
                with open_surface(settings, surface, person=person, label=order,
                                  keep_trace=keep_trace) as (shop, session):
                    outcome = journey.run(shop, evidence=session.evidence.folder)
                if keep_trace:
                    person.tell(f"Trace kept in {session.evidence.folder}")
                return outcome

            done = with_captcha_window(settings, person, run)
    for line in done.lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(login)
    app.command()(orders)
    app.command()(cancel)
