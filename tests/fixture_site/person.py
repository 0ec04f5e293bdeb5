"""What a person does on the fixture site's desktop pages, by role and visible text."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from assistant.pytest_plugin import FixtureSite


def close_overlays_as_they_appear(page: Page) -> None:
    """A person closes the coupon dialogs and accepts cookies whenever they get in the way."""
    for name, button in (("Welcome coupon", "Close"), ("Limited-time offer", "No thanks")):
        dialog = page.get_by_role("dialog", name=name)
        page.add_locator_handler(
            dialog, lambda d=dialog, b=button: d.get_by_role("button", name=b).click()
        )
    banner = page.get_by_role("region", name="Cookie consent")
    page.add_locator_handler(banner, lambda: banner.get_by_role("button", name="Accept").click())


def slide_to_verify(page: Page, *, steps: int = 30, pause_ms: int = 25) -> None:
    """Drag the knob to the end in many small moves, pausing between them, as a hand does.

    ``pause_ms=0`` makes it a script's drag: the same moves, all at once.
    """
    knob = page.locator("#baxia-dialog .nocaptcha #nc_1_n1z")
    track = page.locator("#baxia-dialog .nocaptcha #nc_1_n1t")
    expect(knob).to_be_visible()
    k, t = knob.bounding_box(), track.bounding_box()
    assert k and t
    x0, y = k["x"] + k["width"] / 2, k["y"] + k["height"] / 2
    end = t["x"] + t["width"] - k["width"] / 2 + 2
    page.mouse.move(x0, y)
    page.mouse.down()
    if pause_ms == 0:
        page.mouse.move(end, y, steps=steps)
    for i in range(1, steps + 1 if pause_ms else 1):
        page.mouse.move(x0 + (end - x0) * i / steps, y + (i % 3) - 1)
        page.wait_for_timeout(pause_ms)
    page.mouse.up()


def jump_slider(page: Page) -> None:
    """What a naive script does: grab the knob and teleport it to the end."""
    knob = page.locator("#nc_1_n1z")
    track = page.locator("#nc_1_n1t")
    expect(knob).to_be_visible()
    k, t = knob.bounding_box(), track.bounding_box()
    assert k and t
    y = k["y"] + k["height"] / 2
    page.mouse.move(k["x"] + k["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(t["x"] + t["width"], y)
    page.mouse.up()


def sign_in(page: Page, site: FixtureSite) -> None:
    """From the sign-in page to signed in, through whatever steps the scenario asks for."""
    email, password = site.account
    page.get_by_label("Email or phone number").fill(email)
    page.get_by_role("button", name="Continue").click()
    slider = page.get_by_role("dialog", name="Security verification")
    password_box = page.get_by_label("Password")
    expect(password_box).to_be_visible()  # the slider, if any, comes with the same page
    if slider.is_visible():
        expect(slider.get_by_text("Please slide to verify")).to_be_visible()
        slide_to_verify(page)
        expect(slider).to_be_hidden()
    password_box.fill(password)
    page.get_by_role("button", name="Sign in").click()
    code_box = page.get_by_label("Verification code")
    expect(code_box.or_(page.get_by_role("button", name="Account")).first).to_be_visible()
    if code_box.is_visible():
        expect(page.get_by_text("We sent a verification code to s***@example.test")).to_be_visible()
        code_box.fill(mailed_code(site))
        page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("button", name="Account")).to_be_visible()


def mailed_code(site: FixtureSite) -> str:
    """The newest verification code in the Maildir, read as a person reads the mail."""
    mails = [m for m in site.messages() if m["Subject"] == "Your AliExpress verification code"]
    assert mails, "no verification mail arrived"
    body = mails[-1].get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(r"\b(\d{6})\b", body.get_content())
    assert found, "the verification mail has no 6-digit code"
    return found.group(1)


def open_orders_and_sign_in(page: Page, site: FixtureSite) -> None:
    """Home → "Returns & Orders" → sign in → "Your Orders"."""
    page.goto(site.url)
    close_overlays_as_they_appear(page)
    page.get_by_role("link", name="Returns & Orders").click()
    sign_in(page, site)
    expect(page.get_by_role("heading", name="Your Orders", level=1)).to_be_visible()


def find_order(page: Page, order_id: str) -> None:
    """Type the order number into the order search and press Enter."""
    search = page.get_by_role("searchbox", name="Search orders by order number")
    search.fill(order_id)
    search.press("Enter")
    expect(page.get_by_role("region", name=re.compile(r"^Order \d{16}$"))).to_have_count(1)


def choose_reason(page: Page, label: str, reason: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("listbox", name=label).get_by_role("option", name=reason, exact=True).click()
