"""Which fact may move a case from which state: the whole state machine in one table.

Each fact (a page seen, a mail read, a check made) names the state it leads to and
- ``moves``: the states it moves the case from;
- ``repeats``: the states where it changes nothing (an idempotent repeat: nothing recorded);
- ``stale``: the states where it came too late or contradicts what is known (recorded as an
  event, the state is kept). Mail facts are never refused: the shop said it, so it is recorded.
Any other state raises CaseError: the caller asked for an impossible move.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.model import State
from assistant.domain.vocabulary import Fact

S = State
F = Fact
ALL = frozenset(State)
_SAVED = ALL - {S.NEW}
_UNSETTLED = frozenset({S.REQUESTED, S.SUBMITTED, S.ACKNOWLEDGED, S.FAILED})
_SHIPPED = frozenset(
    {S.DECLINED, S.AWAITING_DELIVERY, S.RETURN_REQUESTED, S.RETURN_RECEIVED, S.REFUNDED}
)


@dataclass(frozen=True)
class Rule:
    to: State | None  # None: the fact keeps the state
    moves: frozenset[State]
    repeats: frozenset[State] = frozenset()
    stale: frozenset[State] = frozenset()

    def __post_init__(self) -> None:
        overlap = (self.moves & self.repeats) | (self.moves & self.stale)
        if overlap | (self.repeats & self.stale):
            raise ValueError(f"a state has two meanings in this rule: {sorted(overlap)}")


def _mail(to: State | None, moves: frozenset[State], repeats: frozenset[State] = frozenset(),
          ) -> Rule:
    moves -= {S.DROPPED}  # a case no longer followed: its mail changes nothing, adds nothing
    repeats |= {S.DROPPED}
    return Rule(to, moves, repeats, stale=_SAVED - moves - repeats)


RULES: dict[str, Rule] = {  # keyed by Fact (a str)
    # the web flow (assistant cancel, and the scheduler's retries)
    F.REQUESTED: Rule(S.REQUESTED, ALL - _SHIPPED),
    F.SUBMITTED: Rule(S.SUBMITTED, frozenset({S.REQUESTED, S.FAILED})),
    # a person's rerun of a failed case that fails again is a new, temporary failure
    F.SUBMIT_FAILED: Rule(S.REQUESTED, frozenset({S.REQUESTED, S.FAILED})),
    F.SHIPPED: Rule(
        S.AWAITING_DELIVERY,
        frozenset({S.NEW, S.REQUESTED, S.SUBMITTED, S.ACKNOWLEDGED, S.DECLINED, S.FAILED}),
        repeats=frozenset({S.AWAITING_DELIVERY}),
        stale=frozenset({S.CANCELLED, S.SELLER_CONTACT, S.RETURN_REQUESTED,
                         S.RETURN_RECEIVED, S.REFUNDED}),
    ),
    F.SELLER_REFUSES: Rule(
        S.SELLER_CONTACT, _UNSETTLED | {S.NEW}, repeats=frozenset({S.SELLER_CONTACT}),
        stale=_SHIPPED | {S.CANCELLED},
    ),
    F.FAILED: Rule(S.FAILED, _SAVED),  # nothing recorded yet: the error alone says it
    # the shop's mail (assistant poll)
    F.CANCEL_RECEIVED: _mail(S.ACKNOWLEDGED, frozenset({S.REQUESTED, S.SUBMITTED, S.FAILED}),
                             repeats=frozenset({S.ACKNOWLEDGED})),
    F.CANCEL_APPROVED: _mail(S.CANCELLED, _UNSETTLED | {S.SELLER_CONTACT},
                             repeats=frozenset({S.CANCELLED})),
    # the order page shows it Cancelled (a late or lost approval mail): as good as the mail
    F.PAGE_CANCELLED: _mail(S.CANCELLED, _UNSETTLED | {S.SELLER_CONTACT},
                            repeats=frozenset({S.CANCELLED})),
    F.CANCEL_DECLINED: _mail(S.DECLINED, _UNSETTLED, repeats=frozenset({S.DECLINED})),
    F.SELLER_CONTACT: _mail(S.SELLER_CONTACT, _UNSETTLED, repeats=frozenset({S.SELLER_CONTACT})),
    # ambiguous: no state guess; the page is checked (nothing to check once it is settled)
    F.ORDER_CLOSED: _mail(None, _SAVED - {S.CANCELLED, S.REFUNDED}),
    F.RETURN_RECEIVED: _mail(
        S.RETURN_RECEIVED,
        frozenset({S.RETURN_REQUESTED, S.DECLINED, S.AWAITING_DELIVERY, S.SELLER_CONTACT,
                   S.FAILED}),
        repeats=frozenset({S.RETURN_RECEIVED}),
    ),
    F.REFUND_ISSUED: _mail(S.REFUNDED, frozenset({S.RETURN_REQUESTED, S.RETURN_RECEIVED,
                                                  S.FAILED}),
                           repeats=frozenset({S.REFUNDED})),
    # the scheduler's page checks and the return flow
    F.DELIVERED: Rule(
        S.AWAITING_DELIVERY,  # or SELLER_CONTACT for a third-party seller's order
        frozenset({S.NEW, S.SUBMITTED, S.ACKNOWLEDGED, S.DECLINED, S.AWAITING_DELIVERY,
                   S.SELLER_CONTACT, S.FAILED}),
        stale=frozenset({S.CANCELLED, S.RETURN_REQUESTED, S.RETURN_RECEIVED, S.REFUNDED}),
    ),
    F.RETURN_REQUESTED: Rule(
        S.RETURN_REQUESTED, ALL - {S.REQUESTED, S.SUBMITTED, S.ACKNOWLEDGED}
    ),
    F.PAGE_CHECKED: Rule(None, _SAVED),
    # the shopper stops following the case (settled by hand, or moved by a bad mail)
    F.DROPPED: Rule(S.DROPPED, _SAVED - {S.DROPPED}, repeats=frozenset({S.DROPPED})),
}

MAIL_KINDS: frozenset[str] = frozenset({
    F.CANCEL_RECEIVED, F.CANCEL_APPROVED, F.CANCEL_DECLINED, F.SELLER_CONTACT, F.ORDER_CLOSED,
    F.RETURN_RECEIVED, F.REFUND_ISSUED})
