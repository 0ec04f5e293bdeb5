"""SignInPage: the shop's sign-in, one step at a time (email, password, code, slider)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from assistant.errors import PageChanged, SiteUnavailable
from flows.web.markup import CODE_BOXES, SIGN_IN_ERROR
from flows.web.site import CAPTCHA_SELECTOR, WebSite

if TYPE_CHECKING:
    from playwright.sync_api import Locator


class Step(StrEnum):
    """What the sign-in page asks for now."""

    EMAIL = "email"
    PASSWORD = "password"
    CODE = "code"
    CAPTCHA = "captcha"
    DONE = "done"  # we left the sign-in page: signed in


class SignInPage:
    """email → Continue → password → Sign in (→ verification code → Verify)."""

    def __init__(self, site: WebSite) -> None:
        self.site = site
        page, texts = site.page, site.texts
        self.email = page.get_by_label(texts.exact("sign_in.email"))
        self.password = page.get_by_label(texts.exact("sign_in.password"))
        self.code = page.get_by_label(texts.exact("sign_in.verification_code"))
        self.code_boxes = page.locator(CODE_BOXES)  # the real shop's: one box per digit
        self.captcha = page.locator(CAPTCHA_SELECTOR)
        self.alert = page.get_by_role("alert").or_(page.locator(SIGN_IN_ERROR)).filter(
            visible=True)

    def open(self, return_path: str = "/") -> SignInPage:
        self.site.goto(self.site.url("/login", return_url=return_path))
        return self

    def step(self) -> Step:
        """Wait until the page shows a step (or we left it) and say which."""
        # No detours: the sign-in page is where the shop's sign-in detour leads.
        return self.site.wait_until(self._shown_step, "the sign-in page", detours=False)

    def _shown_step(self) -> Step | None:
        self.site.raise_if_blocked("the sign-in page")
        if not self.site.on_sign_in_page():
            return Step.DONE
        # the captcha and the code come first, looked for at once (they are rare)
        rare = self.captcha.or_(self.code).or_(self.code_boxes).filter(visible=True)
        if rare.count():
            if self.site.captcha_shown():
                return Step.CAPTCHA
            if self.code.first.is_visible() or self.code_boxes.first.is_visible():
                return Step.CODE
        for step, field in ((Step.PASSWORD, self.password), (Step.EMAIL, self.email)):
            if field.first.is_visible():
                return step
        errors = self.site.session.take_server_errors()
        if errors:
            raise SiteUnavailable(f"The shop's sign-in failed: {errors[-1]}.",
                                  hint="Try again in a few minutes.")
        return None

    def alert_text(self) -> str | None:
        """The error under the form, if the shop shows one."""
        texts = [t.strip() for t in self.alert.all_inner_texts() if t.strip()]
        return texts[0] if texts else None

    def submit_email(self, email: str) -> None:
        self.email.fill(email)
        # The real shop enables "Continue" only when the field loses focus (and closes its
        # e-mail suggestions over the button then).
        self.email.blur()
        self._click("sign_in.continue")

    def submit_password(self, password: str) -> None:
        self.password.fill(password)
        self._click("sign_in.submit")

    def submit_code(self, code: str) -> None:
        """One field for the code, or one box per digit (each box gets its digit; boxes
        first, as each may be labelled with the word "code" too)."""
        boxes = self.code_boxes.filter(visible=True)
        if not boxes.count() and self.code.first.is_visible():
            self.code.first.fill(code)
        else:
            if boxes.count() != len(code):
                raise PageChanged(
                    f"The verification code page shows {boxes.count()} boxes for a code of "
                    f"{len(code)} digits; nothing was submitted.",
                    hint="The shop may have changed its sign-in: run `assistant login` where "
                    "there is a screen, and check for an update of the assistant.")
            for n, digit in enumerate(code):
                boxes.nth(n).fill(digit)
        self._click("sign_in.verify")

    def captcha_solved(self) -> bool:
        return not self.captcha.first.is_visible()

    def _click(self, key: str) -> None:
        button: Locator = self.site.page.get_by_role("button", name=self.site.texts.exact(key))
        # Each step posts the form and the shop answers with the next step's page: wait for
        # it, so the next look at the page does not see the step we just left.
        with self.site.page.expect_navigation(wait_until="domcontentloaded"):
            button.first.click()
