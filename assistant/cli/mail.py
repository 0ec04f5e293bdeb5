"""`assistant poll [--json]`: reads the mailbox once and applies the shop's mails to the cases."""

from __future__ import annotations

import json
from datetime import UTC
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.scheduler.plan import after_mail
from assistant.scheduler.policy import SchedulePolicy
from assistant.settings import load_settings
from assistant.store import CaseStore

if TYPE_CHECKING:  # only for the annotations: the mail modules load in the command
    from assistant.mail.apply import PollReport


def register(app: typer.Typer) -> None:
    """Add this area's commands to the `assistant` app."""
    app.command("poll")(poll)


def poll(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Read the mailbox once and apply what it finds to the cases."""
    # Imported here: an idle `assistant tick` must start without the mail modules.
    from assistant.mail.apply import poll_and_apply

    settings = load_settings()
    policy = SchedulePolicy.from_settings(settings)
    with CaseStore.open(settings.db_path) as store:
        # the scheduler's follow-up (next check, send-back date), as `tick` does after mail
        report = poll_and_apply(settings, store,
                                after=lambda case, at: after_mail(case, at, policy))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(describe(report))


def describe(report: PollReport) -> str:
    """What changed, for a person at a terminal."""
    lines = []
    for change in report.changes:
        mail = change.mail
        moved = (f"{change.before} -> {change.after}" if change.before != change.after
                 else f"still {change.after}")
        if mail.authentic:
            lines.append(f"Order {mail.order}: {mail.detail} ({moved}).")
        else:  # its claim is not the shop's word: say what it said, and that it moved nothing
            lines.append(f"Order {mail.order}: a mail not verified as the shop's said "
                         f'"{mail.detail}"; the order page will be checked ({moved}).')
        lines.append(f'  mail of {mail.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC: "{mail.subject}"')
    for mail in report.not_tracked:
        lines.append(f"Order {mail.order}: {mail.detail} — no case for this order here, "
                     "nothing changed.")
    for mail in report.busy:
        lines.append(f"Order {mail.order}: another run works on this case; its mail "
                     f'("{mail.subject}") is applied on the next poll.')
    if not lines:
        lines.append("No new mail from the shop.")
    unreadable = report.poll.ignored.get("unreadable", 0)
    ignored = sum(report.poll.ignored.values()) - unreadable
    if ignored:
        lines.append(f"Ignored {ignored} other mail(s) (not the shop's, or not about an order).")
    if unreadable:
        lines.append(f"{unreadable} mail(s) from the shop could not be read: the log file "
                     "names each.")
    if report.poll.inauthentic:
        lines.append(f"{report.poll.inauthentic} mail(s) with the shop's sender address could "
                     "not be verified as the shop's (DKIM): they move no case, at most the "
                     "order page is checked; the log file names each.")
    return "\n".join(lines)
