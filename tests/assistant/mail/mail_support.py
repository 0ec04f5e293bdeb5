"""Helpers of the mail tests: the shop's mails as its outbox makes them, cases; the command
line is run by tests/support/cli.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from assistant.domain import Case
from assistant.store import CaseStore
from fixture_shop import dkim
from fixture_shop.outbox import OutgoingMail

ACCOUNT = "shopper@example.test"


def shop_mail(kind: str, order: str | None = "8190000000000001", *,
              at: datetime | None = None, **context: Any) -> OutgoingMail:
    """A mail as the fixture shop sends it (same outbox code)."""
    values: dict[str, Any] = {"order": order, "seller": "Shenzhen Gadget Store",
                              "code": "123456", "items": [{"id": "1", "title": "USB-C cable"}]}
    values.update(context)
    return OutgoingMail(kind=kind, to=ACCOUNT, at=at or datetime.now(UTC), order=order,
                        context=values)


def signed(raw: bytes) -> bytes:
    """``raw`` signed with the fixture shop's DKIM key; as it is where it has no header block
    a signer accepts (a malformed mail)."""
    try:
        return dkim.sign(raw)
    except Exception:  # dkimpy refuses the header block
        return raw


def open_case(store: CaseStore, order: str, *, items: tuple[str, ...] = ("1",),
              at: datetime | None = None) -> Case:
    """A case whose cancellation the shop's page confirmed (state submitted)."""
    at = at or datetime.now(UTC) - timedelta(hours=1)
    case = Case.open(order)
    case.record_request(items, reason="No longer needed", surface="web", at=at)
    case.submit_confirmed(at)
    store.save(case)
    return case

from tests.support.cli import run_assistant as run_cli  # noqa: E402, F401  (the old name)
