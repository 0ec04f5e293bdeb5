"""Sign-in with a slider captcha: a person at a visible browser solves it, never the assistant.
On both skins: the seed's slider is in the page, the real shop's in an iframe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from assistant.browser import browser_session
from assistant.errors import CaptchaRequired
from assistant.settings import Settings
from assistant.texts import load_texts
from assistant.usecases.shop import web_sign_in
from flows.person import Nobody
from flows.web.home import HomePage
from flows.web.site import WebSite
from tests.fixtures.person import slide_to_verify

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("skin", [
    pytest.param(skin, marks=pytest.mark.fixture_site(scenario="captcha", skin=skin), id=skin)
    for skin in ("seed", "aliexpress")])]
# Where each skin draws the slider: in the page, or in the sign-in's iframe.
FRAME = {"seed": None, "aliexpress": "#baxia-dialog-content"}


class PersonAtTheScreen:
    """Someone watching the browser window: told about the slider, they slide it."""

    present = True

    def __init__(self, page: Page, frame: str | None) -> None:
        self.page = page
        self.frame = frame
        self.told: list[str] = []

    def tell(self, message: str) -> None:
        self.told.append(message)
        slide_to_verify(self.page, frame=self.frame)

    def confirm(self, question: str) -> bool:
        return False

    def ask_secret(self, question: str) -> str:
        return ""


def test_a_person_at_a_visible_browser_solves_the_slider_and_the_session_is_kept(
        browser: Browser, settings: Settings, skin: str) -> None:
    # GIVEN a browser a person can see (as `assistant login` opens it for a captcha)
    with browser_session(settings, browser, label="login", headless=False) as session:
        site = WebSite(session, load_texts("en"))
        person = PersonAtTheScreen(site.page, FRAME[skin])
        # WHEN the shop shows the slider during sign-in
        web_sign_in(settings, site, person)()
        # THEN the person was asked to solve it, and the assistant went on after them
        assert person.told == [
            "The shop shows a slider captcha: please solve it in the browser window."]
        assert HomePage(site).open().signed_in()
    # AND the session is saved for runs without a screen
    assert settings.session_path.stat().st_mode & 0o777 == 0o600


def test_without_a_person_the_slider_stops_sign_in_untouched(
        browser: Browser, settings: Settings, skin: str) -> None:
    with pytest.raises(CaptchaRequired) as caught, \
            browser_session(settings, browser, label="login") as session:
        site = WebSite(session, load_texts("en"))
        web_sign_in(settings, site, Nobody())()
    assert caught.value.exit_code == 3 and not caught.value.can_open_window
    assert caught.value.hint is not None and "assistant login" in caught.value.hint
    assert any(p.name == "failure.png" for p in caught.value.evidence)
