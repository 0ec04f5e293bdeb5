"""Opening the shop for a use case: the browser session, a surface, how to sign in
(keyring, the refused-password guard, the verification code from the mailbox), retries.

This is where the settings, the keyring and the mailbox meet the flows: the flows only get
the browser, the texts and plain callables.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from assistant.browser import BrowserSession
from assistant.browser_attach import mobile_refused, signed_out
from assistant.browser_source import SharedConnections, open_browser
from assistant.domain.vocabulary import SurfaceName
from assistant.errors import BadInput, PersonNeeded, WrongPassword
from assistant.secrets import account_of, password_for
from assistant.settings import Settings
from assistant.texts import load_texts
from assistant.usecases import refused_password
from flows.driver import SURFACES, web_surface
from flows.person import Person
from flows.retry import RetryPolicy
from flows.sign_in import CodeProvider, Credentials, sign_in
from flows.surface import Surface
from flows.web.site import WebSite
from flows.web_surface import WebSurface

log = logging.getLogger(__name__)

CODE_MAIL_WAIT = timedelta(minutes=3)


def retry_policy(settings: Settings) -> RetryPolicy:
    """The one retry policy of a run (transient failures of the shop)."""
    return RetryPolicy(attempts=settings.submit_attempts, first_wait=timedelta(seconds=1),
                       factor=2.0, max_wait=timedelta(seconds=15))


def code_provider(settings: Settings, person: Person) -> CodeProvider:
    """The verification code: from the mailbox when one is set, else asked on the terminal."""

    def provide(since: datetime) -> str:
        if settings.mail:
            # here, not at the top: the mail modules are not loaded unless the shop asks for a
            # code (they would slow every `assistant cancel`'s start)
            from assistant.mail.verification import wait_for_verification_code

            code = wait_for_verification_code(settings, since, CODE_MAIL_WAIT)
            if code:
                return code
            log.warning("No verification code arrived in the mailbox")
        if person.present:
            code = person.ask_secret("The shop sent a verification code by email. Code")
            if code.strip():
                return code.strip()
        raise PersonNeeded(
            "The shop asks for the verification code it sent by email, and none could be read.",
            hint="Run `assistant login` on a terminal and type the code, or set ASSISTANT_MAIL "
            "so the assistant reads it from the mailbox.")

    return provide


def web_sign_in(settings: Settings, site: WebSite, person: Person, *,
                retry_refused: bool = False) -> Callable[[], None]:
    """Sign-in on ``site``; a password the shop refused once is not tried again unless
    ``retry_refused`` (`assistant login`: a person asks on purpose). In an attached Chrome
    the shopper signs in by hand: nothing is typed there, no password is read."""
    if settings.attached:
        def by_hand() -> None:
            raise signed_out(settings)

        return by_hand
    credentials = Credentials(account_of(settings), lambda: password_for(settings, "site"))

    def run() -> None:
        if not retry_refused:
            refused_password.check(settings)
        try:
            sign_in(site, credentials, codes=code_provider(settings, person), person=person,
                    now=settings.clock.now)
        except WrongPassword:
            refused_password.mark_refused(settings, settings.clock.now())
            raise
        refused_password.clear(settings)

    return run


@contextmanager
def open_surface(settings: Settings, name: str, *, person: Person, label: str,
                 keep_trace: bool = False,
                 headless: bool | None = None) -> Iterator[tuple[Surface, BrowserSession]]:
    """The named surface in a fresh browser session (evidence kept if the block fails)."""
    try:
        kind = SURFACES[SurfaceName(name)]
    except ValueError:
        raise BadInput(f"The {name!r} surface is not available.",
                       hint=f"Use --surface {' or '.join(sorted(SURFACES))}.") from None
    if settings.attached and kind.device is not None:
        raise mobile_refused(settings)  # before any browser: nothing is opened
    with open_browser(settings, label=label, keep_trace=keep_trace, headless=headless,
                      device=kind.device) as session:
        surface = kind.build(session, load_texts(settings.locale),
                             lambda site: web_sign_in(settings, site, person))
        yield surface, session


@contextmanager
def open_website(settings: Settings, *, person: Person, label: str,
                 shared: SharedConnections | None = None,
                 ) -> Iterator[tuple[WebSurface, BrowserSession]]:
    """The website in a desktop browser session (returns and the tick's page reads), on the
    run's ``shared`` browser when there is one."""
    with open_browser(settings, label=label, shared=shared) as session:
        surface = web_surface(session, load_texts(settings.locale),
                              lambda site: web_sign_in(settings, site, person))
        yield surface, session
