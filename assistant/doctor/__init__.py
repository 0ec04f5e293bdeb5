"""`assistant doctor`: is everything in place for the assistant to run on its own?

``checks.run_checks`` gives one ``Check`` per part (settings, data dir, keyring, both
passwords, mailbox, browser, saved session), each saying what it found and what to fix.
"""

from assistant.doctor.model import Check, Status, exit_code

__all__ = ["Check", "Status", "exit_code"]
