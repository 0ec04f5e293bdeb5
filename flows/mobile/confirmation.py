"""MobileConfirmationPage: "Cancellation request submitted", naming the order and its items.

It says what the website's confirmation says, and is read the same way.
"""

from __future__ import annotations

from flows.web.confirmation import CancellationConfirmationPage


class MobileConfirmationPage(CancellationConfirmationPage):
    pass
