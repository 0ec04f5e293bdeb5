#!/usr/bin/env python3
"""Takes docs/cancel-page.png from a running fixture site (for the README).

    .venv/bin/python scripts/screenshot-cancel-page.py [docs/cancel-page.png]

Starts the default scenario in-process, signs in as a person would, opens "Cancel items"
for the multi-item order, picks a reason and ticks one item, and screenshots the page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from assistant.chromium import find_chromium
from fixture_shop.server import build_server

ORDER = "8190000000000003"


def main(target: Path) -> None:
    with build_server(scenario="default") as server, sync_playwright() as pw:
        chromium = find_chromium()
        browser = pw.chromium.launch(executable_path=str(chromium) if chromium else None)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        email, password = server.shop.scenario.email, server.shop.scenario.password
        page.goto(f"{server.url}/login?return_url=/p/order/cancel.html?orderId={ORDER}")
        page.get_by_label("Email or phone number").fill(email)
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        coupon = page.get_by_role("dialog", name="Welcome coupon")
        coupon.get_by_role("button", name="Close").click()
        banner = page.get_by_role("region", name="Cookie consent")
        banner.get_by_role("button", name="Accept").click()
        page.get_by_role("combobox", name="Cancellation reason").click()
        page.get_by_role("option", name="No longer needed").click()
        page.get_by_role("checkbox", name="Spare lamp bulb (2 pcs)").check()
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        browser.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/cancel-page.png"))
