"""Notifications: tell the shopper when a case settles or needs them (through apprise).

- ``notices``: what a case calls for, from its record alone (results, to-dos, failures);
- ``account``: signing in needs a person; the saved session ends soon;
- ``targets``: where messages go (URLs in the keyring, or an apprise configuration file);
- ``deliver``: the one place apprise is imported, and only when a message goes out;
- ``outbox``: the tick's last step, ``send_due``: log each notice once, send what waits.
"""

from assistant.notify.outbox import send_due, waiting_count

__all__ = ["send_due", "waiting_count"]
