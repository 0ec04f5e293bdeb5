"""`assistant login`, `orders` and `cancel`: the commands that use the shop.

Each command checks its input, then hands over to its use case (``assistant.usecases``).
The use cases (with the flows) are imported inside the commands, so that `assistant tick`
and `assistant status` start without them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.domain.vocabulary import SurfaceName, order_number
from assistant.driver import driver_ahead
from assistant.errors import BadInput
from assistant.settings import Settings, load_settings

if TYPE_CHECKING:  # only for the annotations: the flows are imported by the commands
    from flows.model import Item, OrderSummary


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
    # Imported here, as in every command below: an idle `assistant tick` must not import
    # the flows (nor Playwright).
    from assistant.usecases.login import run_login

    typer.echo(run_login(load_settings(), Terminal()))


def orders(
    status: Annotated[str | None, typer.Option(help="Only orders with this status, e.g. "
                                               "awaiting_shipment.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """The account's orders as the shop shows them: number, date, status, seller, items."""
    from assistant.usecases.orders import orders as read_orders  # see login()

    found = read_orders(load_settings(), Terminal(), status)
    if as_json:
        typer.echo(json.dumps({"orders": [o.to_json() for o in found]}, indent=2))
        return
    _print_orders(found)


def _print_orders(found: list[OrderSummary]) -> None:
    from rich.console import Console  # rich is slow to import: only where a table is printed
    from rich.table import Table

    table = Table("Order", "Date", "Status", "Seller", "Items")
    for order in found:
        table.add_row(order.id, order.date or "", str(order.status), order.seller or "",
                      "\n".join(f"{i.id}: {i.title}" for i in order.items))
    Console().print(table)
    typer.echo(f"{len(found)} order{'' if len(found) == 1 else 's'}.")


def cancel(
    order: Annotated[list[str], typer.Argument(
        help="The order number (16 digits); several for a batch, each order cancelled whole.",
        metavar="ORDER...")],
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
    whole_order: Annotated[bool, typer.Option(
        "--whole-order", help="Where the shop cancels only whole orders, cancel every item "
        "even though --item names some (else exit 2, nothing submitted).")] = False,
    keep_trace: Annotated[bool, typer.Option(
        "--keep-trace", help="Keep the Playwright trace of a successful run too, with "
        "each action's page in it (DOM snapshots: a little slower).")] = False,
) -> None:
    """Cancel an order's items on the shop (all items unless --item names some).

    Several orders (`assistant cancel A B C`) share one browser, one sign-in and one
    confirmation; each is checked against the order list before anything is submitted.
    """
    numbers = list(dict.fromkeys(order_number(o) for o in order))  # exit 2 before anything
    person = Terminal()
    if not (yes or dry_run or person.present):
        raise BadInput("No terminal to confirm the cancellation on: nothing was submitted.",
                       hint="Pass --yes to cancel without asking (e.g. from a script), "
                       "or --dry-run to only see what would be submitted.")
    settings = load_settings()
    chosen = surface.value if surface else settings.surface
    many = len(numbers) > 1
    # the browser's driver starts while the use case loads: the warehouse does not wait
    with driver_ahead(settings, "assistant.usecases.cancel_many" if many
                      else "assistant.usecases.cancel"):
        if many:
            _cancel_many(settings, numbers, tuple(item or ()), reason, chosen, dry_run, yes,
                         keep_trace, person)
        else:
            _cancel(settings, numbers[0], tuple(item or ()), reason, chosen, dry_run, yes,
                    keep_trace, person, whole_order=whole_order)


def _cancel_many(settings: Settings, orders: list[str], items: tuple[str, ...],
                 reason: str | None, surface: str, dry_run: bool, yes: bool, keep_trace: bool,
                 person: Terminal) -> None:
    from assistant.usecases.cancel import CancelRequest  # see login()
    from assistant.usecases.cancel_many import OrderResult, Planned, cancel_many

    def gate(plan: Sequence[Planned]) -> bool:
        if yes:
            return True
        for number, chosen, _ in plan:
            person.tell(f"Order:  {number}\nItems:  " + "\n        ".join(
                f"{i.id}  {i.title}" for i in chosen))
        person.tell(f"Reason: {plan[0][2]}")
        return person.confirm(f"Submit these {len(plan)} cancellation requests to the shop?")

    def told(result: OrderResult) -> None:
        if result.outcome is not None:
            for line in result.outcome.lines():
                typer.echo(line)
        elif result.error is not None:
            person.tell(f"Order {result.order}: {result.error}")

    requests = [CancelRequest(o, items, reason, settings.default_reason, dry_run, confirmed=yes)
                for o in orders]  # cancel_many refuses --item with several orders
    cancel_many(settings, requests, surface=surface, person=person, gate=gate, told=told,
                keep_trace=keep_trace)


def _cancel(settings: Settings, order: str, items: tuple[str, ...], reason: str | None,
            surface: str, dry_run: bool, yes: bool, keep_trace: bool, person: Terminal, *,
            whole_order: bool = False) -> None:
    from assistant.usecases.cancel import CancelRequest, cancel  # see login()

    def gate(number: str, chosen: Sequence[Item], why: str) -> bool:
        if yes:
            return True
        person.tell(f"Order:  {number}\nItems:  " + "\n        ".join(
            f"{i.id}  {i.title}" for i in chosen) + f"\nReason: {why}")
        return person.confirm("Submit this cancellation request to the shop?")

    request = CancelRequest(order, items, reason, settings.default_reason, dry_run,
                            confirmed=yes, whole_order=whole_order)
    done = cancel(settings, request, surface=surface, person=person, gate=gate,
                  keep_trace=keep_trace)
    for line in done.lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command()(login)
    app.command()(orders)
    app.command()(cancel)
