#!/usr/bin/env python3
"""Takes the README's pictures of each skin's cancel window from the fixture shop.

    .venv/bin/python scripts/screenshot-cancel-windows.py [FOLDER]   # default: docs

Starts the fixture shop in-process (default scenario) once per skin, signs in as a person
would, opens the cancel form of an order, picks a reason, and saves
FOLDER/cancel-window-seed.png ("Cancel items": a page, one checkbox per item) and
FOLDER/cancel-window-aliexpress.png ("Cancel order": a window for the whole order).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from assistant.chromium import find_chromium
from fixture_shop.server import build_server

MULTI = "8190000000000003"  # two items: the seed's page shows its checkboxes
SINGLE = "8190000000000001"
REASON = "No longer needed"
VIEWPORT = {"width": 1280, "height": 900}
# The popups and the cookie banner, as closed once: the pictures show the form itself.
CLOSED = ("coupon_closed", "offer_closed", "cookie_consent", "cookies_accepted")


def seed(page: Page, url: str, email: str, password: str) -> None:
    page.goto(f"{url}/login?return_url=/p/order/cancel.html?orderId={MULTI}")
    page.get_by_label("Email or phone number").fill(email)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("combobox", name="Cancellation reason").click()
    page.get_by_role("option", name=REASON).click()
    page.get_by_role("checkbox", name="Spare lamp bulb (2 pcs)").check()


def aliexpress(page: Page, url: str, email: str, password: str) -> None:
    page.goto(f"{url}/login?return_url=/p/order/detail.html?orderId={SINGLE}")
    page.locator("#fm-login-id").fill(email)
    page.locator("#fm-login-id").blur()  # "Continue" is enabled when the field loses focus
    page.get_by_role("button", name="Continue").click()
    page.locator("#fm-login-password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Cancel order").click()
    window = page.locator(".cancel-order-modal")
    window.locator("[data-reason-select]").click()
    window.locator("[data-reason]", has_text=REASON).click()


def shoot(browser: Browser, skin: str, target: Path) -> None:
    with build_server(scenario="default", skin=skin) as server:
        page = browser.new_page(viewport=VIEWPORT)
        page.context.add_cookies([{"name": name, "value": "1", "url": server.url}
                                  for name in CLOSED])
        scenario = server.shop.scenario
        (seed if skin == "seed" else aliexpress)(page, server.url, scenario.email,
                                                 scenario.password)
        page.wait_for_timeout(300)  # the drop-down's closing animation
        page.screenshot(path=str(target), full_page=skin == "seed")
        page.close()
    print(f"wrote {target}")


def main(folder: Path) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = find_chromium()
        browser = pw.chromium.launch(executable_path=str(chromium) if chromium else None)
        for skin in ("seed", "aliexpress"):
            shoot(browser, skin, folder / f"cancel-window-{skin}.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
