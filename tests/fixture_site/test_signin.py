"""Sign-in as the real shop does it, its errors, the slider captcha and the code."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from assistant.pytest_plugin import FixtureSite
from fixture_site.person import jump_slider, mailed_code, sign_in, slide_to_verify

ORDERS = "/p/order/index.html"


def start_sign_in(page: Page, site: FixtureSite) -> None:
    page.goto(site.url + ORDERS)
    page.get_by_label("Email or phone number").fill(site.account.email)
    page.get_by_role("button", name="Continue").click()


@pytest.mark.browser
def test_a_wrong_password_is_refused_under_the_form(page: Page,
                                                    fixture_site: FixtureSite) -> None:
    # GIVEN the password step
    start_sign_in(page, fixture_site)
    # WHEN a wrong password is typed
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    # THEN the page says so, and nobody is signed in
    expect(page.get_by_role("alert")).to_have_text(
        "Your account name or password is incorrect. Please try again.")
    assert fixture_site.state()["sessions"] == []


@pytest.mark.browser
@pytest.mark.fixture_site(scenario="captcha")
def test_a_slow_drag_verifies_and_the_password_step_goes_on(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN the slider, after Continue
    start_sign_in(page, fixture_site)
    dialog = page.get_by_role("dialog", name="Security verification")
    expect(dialog.get_by_role("slider", name="slide to verify")).to_be_visible()
    # WHEN the knob is dragged in many small moves over about 0.75 s
    slide_to_verify(page, steps=30, pause_ms=25)
    # THEN the dialog closes, the page says "Verified", and the password step follows
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text("Verified")
    page.get_by_label("Password").fill(fixture_site.account.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your Orders")).to_be_visible()
    assert len(fixture_site.state()["sessions"]) == 1


@pytest.mark.browser
@pytest.mark.fixture_site(scenario="captcha")
def test_an_instant_jump_is_rejected(page: Page, fixture_site: FixtureSite) -> None:
    # GIVEN the slider
    start_sign_in(page, fixture_site)
    dialog = page.get_by_role("dialog", name="Security verification")
    # WHEN the knob jumps to the end in one move
    jump_slider(page)
    # THEN verification fails, and the password is not accepted behind the dialog
    expect(dialog.get_by_role("alert")).to_have_text(
        "Verification failed, please refresh and try again")
    page.get_by_label("Password").evaluate(
        "(el, pw) => { el.value = pw; el.form.submit(); }", fixture_site.account.password)
    expect(page.get_by_role("alert").filter(has_text="Please slide to verify first.")) \
        .to_be_visible()
    assert fixture_site.state()["sessions"] == []
    # WHEN the person refreshes the slider and drags it properly, THEN it verifies
    dialog.get_by_role("link", name="refresh").click()
    slide_to_verify(page)
    expect(dialog).to_be_hidden()


@pytest.mark.browser
@pytest.mark.fixture_site(scenario="verification-code")
def test_a_wrong_code_is_refused_and_the_mailed_one_works(
    page: Page, fixture_site: FixtureSite
) -> None:
    # GIVEN the code step, after the password
    start_sign_in(page, fixture_site)
    page.get_by_label("Password").fill(fixture_site.account.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Verification")).to_be_visible()
    assert [m["kind"] for m in fixture_site.state()["emails"]] == ["verification_code"]
    # WHEN a wrong code is typed
    code = mailed_code(fixture_site)
    page.get_by_label("Verification code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Verify").click()
    # THEN it is refused
    expect(page.get_by_role("alert")).to_have_text(
        "The verification code is incorrect. Please try again.")
    assert fixture_site.state()["sessions"] == []
    # WHEN the mailed code is typed, THEN the person is signed in and back at the orders
    page.get_by_label("Verification code").fill(code)
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Your Orders")).to_be_visible()


@pytest.mark.browser
def test_signing_out_from_the_account_menu(page: Page, fixture_site: FixtureSite) -> None:
    # GIVEN a signed-in person on the home page
    page.goto(fixture_site.url + "/login")
    sign_in(page, fixture_site)
    page.get_by_role("dialog", name="Welcome coupon").get_by_role("button", name="Close").click()
    # WHEN they open the account menu and sign out
    page.get_by_role("button", name="Account").click()
    page.get_by_role("menuitem", name="Sign out").click()
    # THEN the header offers "Sign in" again, and the shop has no session
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert fixture_site.state()["sessions"] == []
