"""The sign-in journey: whatever step the shop shows, answer it, until we are signed in.

Tracing is paused for the whole journey (``Evidence.paused``): a trace records typed text
and form posts, and the password and a verification code must never be on disk. The
password is read from the keyring only when the shop asks for it. A wrong password stops
at once (exit 2): retrying could lock the account. A slider captcha is never answered by
the assistant: a person solves it in a visible browser, or the run stops with exit 3.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from assistant.browser import has_display
from assistant.errors import (
    CaptchaRequired,
    ConfigError,
    PageChanged,
    PersonNeeded,
    WrongPassword,
)
from flows.person import Person
from flows.web.sign_in import SignInPage, Step
from flows.web.site import WebSite

log = logging.getLogger(__name__)

CodeProvider = Callable[[datetime], str]
"""Returns the shop's verification code, sent at or after the given time (or raises)."""

MAX_STEPS = 8
CAPTCHA_PATIENCE_S = 300.0  # how long a person gets to solve the slider


@dataclass(frozen=True)
class Credentials:
    account: str
    password: Callable[[], str]  # read from the keyring only when the shop asks


def sign_in(site: WebSite, credentials: Credentials, *, codes: CodeProvider, person: Person,
            now: Callable[[], datetime], return_path: str = "/") -> None:
    """Sign in from the sign-in page (opening it unless the shop already sent us there)."""
    page = SignInPage(site)
    with site.session.evidence.paused(site.page):
        if not site.on_sign_in_page():
            page.open(return_path)
        _walk(page, credentials, codes, person, now)
    site.session.save_session()
    log.info("Signed in as %s", credentials.account)


def _walk(page: SignInPage, credentials: Credentials, codes: CodeProvider, person: Person,
          now: Callable[[], datetime]) -> None:
    last: Step | None = None
    code_since = now()
    for _ in range(MAX_STEPS):
        step = page.step()
        if step is Step.DONE:
            return
        if step is Step.CAPTCHA:
            _let_a_person_solve(page, person)
            last = step
            continue
        if step is last:
            _refused(page, step)
        if step is Step.EMAIL:
            page.submit_email(credentials.account)
        elif step is Step.PASSWORD:
            code_since = now()  # a code, if one comes, is sent after this
            page.submit_password(credentials.password())
        else:
            page.submit_code(codes(code_since))
        last = step
    raise PageChanged(f"The sign-in did not finish after {MAX_STEPS} steps.",
                      hint="Run `assistant login` to see where it stops.")


def _refused(page: SignInPage, step: Step) -> None:
    """The shop showed the same step again: it did not accept our answer."""
    alert = page.alert_text() or "(no message)"
    texts = page.site.texts
    if step is Step.PASSWORD and texts.starts("sign_in.wrong_credentials").match(alert):
        raise WrongPassword(
            f"The shop rejected the sign-in: {alert}",
            hint="Check ASSISTANT_ACCOUNT and store the right password with `assistant secrets "
            "set site`. The assistant does not retry, so the account is not locked.")
    if step is Step.EMAIL:
        raise ConfigError(f"The shop did not accept the account name: {alert}",
                          hint="Check ASSISTANT_ACCOUNT.")
    if step is Step.CODE:
        raise PersonNeeded(f"The shop did not accept the verification code: {alert}",
                           hint="Run `assistant login` and type the newest code from the mail.")
    raise PersonNeeded(f"The shop did not accept the sign-in: {alert}",
                       hint="Run `assistant login` where there is a screen to see what it asks.")


def _let_a_person_solve(page: SignInPage, person: Person) -> None:
    headed = not page.site.session.headless
    if not (headed and person.present):
        raise CaptchaRequired(
            "The shop asks to solve a slider captcha before signing in; a person must solve it.",
            hint="Run `assistant login` on a machine with a screen and solve the slider there; "
            "the saved session then lets this command run without it.",
            can_open_window=person.present and has_display())
    person.tell("The shop shows a slider captcha: please solve it in the browser window.")
    page.site.wait_until(page.captcha_solved, "the slider captcha", detours=False,
                         timeout_s=CAPTCHA_PATIENCE_S, poll_s=0.5,
                         late=CaptchaRequired("The slider captcha was not solved in time.",
                                              hint="Run `assistant login` again and solve "
                                              "the slider."))
