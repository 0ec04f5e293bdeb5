"""What a person does on the fixture site's mobile pages, by role and visible text."""

from __future__ import annotations

import re

from playwright.sync_api import Error, Locator, Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.person import close_overlays_as_they_appear, mailed_code, slide_to_verify


def tap(target: Locator) -> None:
    """A finger's tap on a phone; a click where the browser has no touch screen."""
    try:
        target.tap()
    except Error as exc:
        if "does not support tap" not in exc.message:
            raise
        target.click()


def open_home(page: Page, site: FixtureSite) -> None:
    """Open the shop's address on the phone: it lands on the mobile home."""
    page.goto(site.url)
    close_overlays_as_they_appear(page)
    expect(page).to_have_url(re.compile(r"/m/$"))


def tap_menu(page: Page, entry: str) -> None:
    """The three-line button at the bottom right, then an entry of the menu."""
    tap(page.get_by_role("button", name="Menu"))
    tap(page.get_by_role("navigation", name="Menu").get_by_role("link", name=entry))


def sign_in(page: Page, site: FixtureSite) -> None:
    """From the mobile sign-in page to signed in, through whatever the scenario asks for."""
    expect(page).to_have_url(re.compile(r"/m/login"))
    email, password = site.account
    page.get_by_label("Email or phone number").fill(email)
    tap(page.get_by_role("button", name="Continue"))
    slider = page.get_by_role("dialog", name="Security verification")
    password_box = page.get_by_label("Password")
    expect(password_box).to_be_visible()
    if slider.is_visible():
        expect(slider.get_by_text("Please slide to verify")).to_be_visible()
        page.wait_for_load_state()  # the slider's script is ready
        # A finger's drag is not something Playwright's touchscreen can do (tap only); the
        # slider follows pointer events, so a slow mouse drag stands in for the finger.
        slide_to_verify(page)
        expect(slider).to_be_hidden()
    password_box.fill(password)
    tap(page.get_by_role("button", name="Sign in"))
    code_box = page.get_by_label("Verification code")
    expect(code_box.or_(page.get_by_role("heading", level=1)).first).to_be_visible()
    if code_box.is_visible():
        expect(page.get_by_text("We sent a verification code to s***@example.test")).to_be_visible()
        code_box.fill(mailed_code(site))
        tap(page.get_by_role("button", name="Verify"))
    expect(page).not_to_have_url(re.compile(r"/m/login"))


def sign_in_over_http(page: Page, site: FixtureSite) -> None:
    """A session for the phone without walking the pages (default scenario only)."""
    email, password = site.account
    http = page.context.request
    http.post(f"{site.url}/m/login", form={"step": "email", "account": email})
    signed = http.post(f"{site.url}/m/login", form={"step": "password", "password": password},
                       max_redirects=0)
    assert signed.status == 303, signed.text()


def open_order(page: Page, number: str) -> None:
    """On the mobile "Your Orders": tap the order's number (pressing "View orders" as needed)."""
    link = page.get_by_role("link", name=number, exact=True)
    shown = page.get_by_role("region", name=re.compile(r"^Order \d{16}$"))
    expect(shown.first).to_be_visible()
    while not link.count():
        before = shown.count()
        tap(page.get_by_role("link", name="View orders"))
        expect(shown).not_to_have_count(before)
    tap(link)
    expect(page.get_by_role("heading", name="Order details", level=1)).to_be_visible()


def choose_reason(page: Page, reason: str) -> None:
    tap(page.get_by_role("combobox", name="Cancellation reason"))
    tap(page.get_by_role("listbox", name="Cancellation reason").get_by_role(
        "option", name=reason, exact=True))


def requests_made(site: FixtureSite) -> list[dict[str, object]]:
    """The shop's cancel requests, without their times."""
    keys = ("order", "items", "reason", "surface")
    return [{k: r[k] for k in keys} for r in site.state()["cancel_requests"]]
