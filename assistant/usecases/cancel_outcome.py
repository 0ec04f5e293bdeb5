"""What a cancel run did, for the person (lines of text) and for scripts (JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from assistant.domain import Case, wording
from assistant.domain.model import iso
from flows.cancel_rules import describe_items
from flows.model import Item


class Done(StrEnum):
    SUBMITTED = "submitted"  # the shop confirmed the request made now
    ALREADY = "already_requested"  # nothing submitted: the items were requested before
    DRY_RUN = "dry_run"  # the form was filled, not sent; nothing recorded


@dataclass(frozen=True)
class CancelOutcome:
    order: str
    done: Done
    items: tuple[Item, ...] = ()  # submitted now, or would be (dry run)
    already: tuple[str, ...] = ()  # requested before this run
    reason: str | None = None
    case_state: str | None = None
    screenshot: Path | None = None
    earlier: tuple[str, ...] = field(default=())  # the earlier requests, described
    seller_deadline: datetime | None = None  # until when the seller may answer the request

    @classmethod
    def submitted(cls, case: Case, items: Sequence[Item], reason: str, *,
                  already: tuple[str, ...] = ()) -> CancelOutcome:
        return cls(case.order, Done.SUBMITTED, tuple(items), already, reason, str(case.state),
                   seller_deadline=case.seller_deadline)

    @classmethod
    def found_requested(cls, order: str, case: Case | None, ids: Sequence[str]) -> CancelOutcome:
        earlier = tuple(
            f"items {', '.join(r.items)} requested {r.at:%Y-%m-%d %H:%M} UTC "
            f"(reason: {r.reason}; {r.status})"
            for r in (case.requests if case else []) if set(r.items) & set(ids))
        return cls(order, Done.ALREADY, already=tuple(ids),
                   case_state=str(case.state) if case else None, earlier=earlier)

    @classmethod
    def dry_run(cls, order: str, items: Sequence[Item], reason: str,
                screenshot: Path) -> CancelOutcome:
        return cls(order, Done.DRY_RUN, tuple(items), reason=reason, screenshot=screenshot)

    def lines(self) -> list[str]:
        if self.done is Done.DRY_RUN:
            return [f"Dry run: would cancel order {self.order}: items "
                    f"{describe_items(self.items)}; reason: {self.reason}.",
                    f"Nothing was submitted or recorded. The filled form: {self.screenshot}"]
        if self.done is Done.ALREADY:
            lines = [f"Order {self.order}: items {', '.join(self.already)} were requested "
                     "already; nothing was submitted again."]
            lines += [f"  {e}" for e in self.earlier]
            lines.append(f"Case: {self.case_state}. `assistant status {self.order}` shows it.")
            return lines
        lines = [f"Cancellation requested for order {self.order}: items "
                 f"{describe_items(self.items)}; reason: {self.reason}."]
        if self.already:
            lines.append(f"Items {', '.join(self.already)} were requested before; "
                         "not submitted again.")
        waits = "" if self.seller_deadline is None else (
            f" The seller has until {wording.moment(self.seller_deadline)} to answer.")
        lines.append(f"Case: {self.case_state}.{waits} `assistant tick` follows the case: the "
                     "shop's mail, and the order page.")
        return lines

    def to_json(self) -> dict[str, object]:
        return {"order": self.order, "outcome": str(self.done),
                "items": [i.id for i in self.items], "already_requested": list(self.already),
                "reason": self.reason, "state": self.case_state,
                "screenshot": str(self.screenshot) if self.screenshot else None,
                "seller_deadline": iso(self.seller_deadline)}
