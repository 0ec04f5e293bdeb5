"""The SQLite adapter: cases, leases and the mail poller's state, in the data dir."""

from assistant.store.cases import CaseStore, StaleCase
from assistant.store.leases import Lease
from assistant.store.mailstate import MailCursor, Seen
from assistant.store.schema import MIGRATIONS

__all__ = ["MIGRATIONS", "CaseStore", "Lease", "MailCursor", "Seen", "StaleCase"]
