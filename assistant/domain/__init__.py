"""The domain: a cancellation case and its states. Plain Python; no browser, mail or clock."""

from assistant.domain.case import Case
from assistant.domain.model import (
    CaseError,
    Event,
    Request,
    RequestStatus,
    ReturnRequest,
    State,
)
from assistant.domain.rules import MAIL_KINDS, RULES, Rule
from assistant.domain.vocabulary import WHOLE_ORDER

__all__ = [
    "MAIL_KINDS",
    "RULES",
    "WHOLE_ORDER",
    "Case",
    "CaseError",
    "Event",
    "Request",
    "RequestStatus",
    "ReturnRequest",
    "Rule",
    "State",
]
