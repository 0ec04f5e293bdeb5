"""The phone the mobile surface emulates: a Pixel 7 with touch, running Chrome.

The values are Playwright's "Pixel 7" descriptor, written out rather than looked up, so that
they stay the same from run to run and across Playwright upgrades: the shop's device checks
see the same phone every time (see assistant/browser.py on why that matters). Like the
desktop user agent, the phone's names the browser's own Chrome major version.
"""

from __future__ import annotations

from typing import Any

PHONE_NAME = "Pixel 7"
VIEWPORT = {"width": 412, "height": 839}
SCREEN = {"width": 412, "height": 915}


def phone_user_agent(browser_version: str) -> str:
    major = browser_version.split(".", 1)[0]
    return (f"Mozilla/5.0 (Linux; Android 14; {PHONE_NAME}) AppleWebKit/537.36 "
            f"(KHTML, like Gecko) Chrome/{major}.0.0.0 Mobile Safari/537.36")


def phone_context(browser_version: str) -> dict[str, Any]:
    """Options for ``Browser.new_context`` that make it a phone (user agent, size, touch)."""
    return {
        "user_agent": phone_user_agent(browser_version),
        "viewport": dict(VIEWPORT),
        "screen": dict(SCREEN),
        "device_scale_factor": 2.625,
        "is_mobile": True,
        "has_touch": True,
    }
