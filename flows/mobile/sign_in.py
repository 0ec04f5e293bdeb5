"""MobileSignInPage: the mobile sign-in, with the website's steps and labels at /m/login.

Email → Continue → (slider) → password → Sign in → (verification code): the sign-in journey
(flows.sign_in) walks these steps on either surface; only the address differs.
"""

from __future__ import annotations

from flows.web.sign_in import SignInPage

MOBILE_LOGIN_PATH = "/m/login"


class MobileSignInPage(SignInPage):
    def open(self, return_path: str = "/") -> MobileSignInPage:
        self.site.goto(self.site.url(MOBILE_LOGIN_PATH, return_url=return_path))
        return self
