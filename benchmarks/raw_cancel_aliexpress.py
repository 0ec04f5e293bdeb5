"""The same clicks as `assistant cancel` on the aliexpress skin, as a minimal raw Playwright
script (for cancel_speed): Account → My Orders, the real sign-in's two steps, the order's
card, "Cancel order", a reason from the drop-down, "Submit".

Usage: raw_cancel_aliexpress.py BASE_URL EMAIL PASSWORD ORDER REASON STATE_FILE [CHROMIUM]
No checks, no retries, no evidence, no case record: the floor the assistant is compared with.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ORDERS = re.compile(r"/p/order/index\.html")


def main() -> None:
    base, email, password, order, reason, state = sys.argv[1:7]
    executable = sys.argv[7] if len(sys.argv) > 7 else None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable)
        context = browser.new_context(
            storage_state=state if Path(state).exists() else None)
        page = context.new_page()
        page.add_locator_handler(page.locator(".pop-coupon .pop-close-btn"),
                                 lambda b: b.click(), no_wait_after=True)
        page.add_locator_handler(page.locator(".global-gdpr-wrap .btn-accept"),
                                 lambda b: b.click(), no_wait_after=True)
        page.goto(base + "/")
        page.locator(".my-account-name").hover()
        page.get_by_role("link", name="My Orders").first.click()
        page.wait_for_url(re.compile(r"/login|/p/order/index\.html"))
        if "/login" in page.url:
            field = page.get_by_label("Email or phone number")
            field.fill(email)
            field.press("Tab")  # Continue is enabled when the field loses focus
            page.get_by_role("button", name="Continue").click()
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(ORDERS)
            context.storage_state(path=state)
        card = page.locator("div.order-content div.order-item").filter(has_text=order)
        card.get_by_role("button", name="Cancel order").click()
        window = page.locator(".cancel-order-modal")
        window.locator("[data-reason-select]").click()
        window.locator(".comet-v2-menu-item").filter(
            has_text=re.compile(rf"^\s*{re.escape(reason)}\s*$")).click()
        window.get_by_role("button", name="Submit").click()
        page.wait_for_url(re.compile(r"/p/order/detail\.html"))
        browser.close()


if __name__ == "__main__":
    main()
