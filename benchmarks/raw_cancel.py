"""The same clicks as `assistant cancel`, as a minimal raw Playwright script (for cancel_speed).

Usage: raw_cancel.py BASE_URL EMAIL PASSWORD ORDER REASON STATE_FILE [CHROMIUM]
No checks, no retries, no evidence, no case record: the floor the assistant is compared with.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def main() -> None:
    base, email, password, order, reason, state = sys.argv[1:7]
    executable = sys.argv[7] if len(sys.argv) > 7 else None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable)
        context = browser.new_context(
            storage_state=state if Path(state).exists() else None)
        page = context.new_page()
        close = page.get_by_role("button", name=re.compile("^(Close|No thanks)$"))
        page.add_locator_handler(page.get_by_role("dialog").filter(has=close),
                                 lambda d: d.get_by_role("button", name=re.compile(
                                     "^(Close|No thanks)$")).first.click(), no_wait_after=True)
        page.add_locator_handler(page.get_by_role("region", name="Cookie consent"),
                                 lambda b: b.get_by_role("button", name="Accept").click(),
                                 no_wait_after=True)
        page.goto(base + "/")
        page.get_by_role("link", name="Returns & Orders").click()
        page.wait_for_load_state()
        if "/login" in page.url:
            page.get_by_label("Email or phone number").fill(email)
            page.get_by_role("button", name="Continue").click()
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(re.compile(r"/p/order/index\.html"))
            context.storage_state(path=state)
        search = page.get_by_role("searchbox", name="Search orders by order number")
        search.fill(order)
        search.press("Enter")
        block = page.get_by_role("region", name=f"Order {order}")
        block.get_by_role("link", name="Cancel items").first.click()
        page.get_by_role("combobox", name="Cancellation reason").click()
        page.get_by_role("option", name=reason, exact=True).click()
        page.locator("input[type=checkbox][value='1']").check()
        page.get_by_role("button", name="Cancel selected items").click()
        page.get_by_role("heading", name="Cancellation request submitted").wait_for()
        browser.close()


if __name__ == "__main__":
    main()
