"""What every web page object shares: the tab, the texts, and telling detours apart.

After each navigation a page object waits for its landmark (``WebSite.wait_until`` is the one
wait for any page to be ready). If the landmark does not come, it says why, because each
reason is handled differently:
- the shop sent us to sign in (``SignedOut``: the journey signs in and starts over);
- the anti-bot block page (``Blocked``: a person must act; never retried);
- a slider captcha (``CaptchaRequired``: a person must solve it);
- the server answered 5xx (``SiteUnavailable``: retried with backoff);
- none of these: the page is not what we expect (``PageChanged``, exit 4).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar
from urllib.parse import urlencode, urlsplit

from assistant.browser import BrowserSession
from assistant.errors import (
    AssistantError,
    Blocked,
    CaptchaRequired,
    PageChanged,
    SignedOut,
    SiteUnavailable,
)
from assistant.texts import Texts

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

# Where the real shop signs in and challenges: login.aliexpress.com, or a
# /login path on the fixture site. The anti-bot block ("unusual traffic") is a page under
# /_____tmd_____/punish?x5secdata=…, where a page load that was blocked is sent by script.
LOGIN_URL = re.compile(r"^https?://login\.|^https?://[^/]+/(?:m/)?login(?:[/?#.]|$)")
CHALLENGE_URL = re.compile(r"punish|x5sec", re.IGNORECASE)
# The slider's parts carry these ids and classes on the real shop and the fixture site; the
# real sign-in shows it inside an iframe, #baxia-dialog-content.
CAPTCHA_SELECTOR = "#baxia-dialog, .nocaptcha, #nc_1_n1z, iframe#baxia-dialog-content"
POLL_SECONDS = 0.1
ARRIVE_SLICE_S = 0.1  # how often the browser's own waits stop to look for a detour
R = TypeVar("R")
State = Literal["attached", "detached", "hidden", "visible"]


@dataclass
class WebSite:
    """The browser tab on the shop, with its texts and the run's session."""

    session: BrowserSession
    texts: Texts

    @property
    def page(self) -> Page:
        return self.session.page

    @property
    def timeout_s(self) -> float:
        return self.session.settings.page_timeout.total_seconds()

    def url(self, path: str, **query: str) -> str:
        return self.session.settings.base + path + (f"?{urlencode(query)}" if query else "")

    def on_sign_in_page(self) -> bool:
        return bool(LOGIN_URL.search(self.page.url))

    def blocked(self) -> bool:
        """Whether the tab shows the shop's anti-bot block page."""
        parts = urlsplit(self.page.url)
        return bool(CHALLENGE_URL.search(f"{parts.path}?{parts.query}"))

    def raise_if_blocked(self, page_name: str) -> None:
        if self.blocked():
            raise Blocked(
                f"The shop blocked this browser as unusual traffic (its anti-bot page) while "
                f"opening {page_name}; nothing was submitted, and the assistant does not retry.",
                hint="A person is needed: let the assistant rest for an hour or more (no cron "
                "runs), then open the shop in a browser on this machine and solve its check if "
                "it asks; then run `assistant login` and the command again.")

    def captcha_shown(self) -> bool:
        return self.blocked() or self.page.locator(CAPTCHA_SELECTOR).first.is_visible()

    def shows(self, target: Locator, page_name: str) -> bool:
        """Whether ``target`` matches now, after ``raise_for_detour(page_name, final=False)``,
        the captcha and ``target`` looked for at once (the page is asked once, not twice)."""
        captcha = self.page.locator(CAPTCHA_SELECTOR).filter(visible=True)
        if not captcha.or_(target).count():
            self.raise_for_detour(page_name, final=False, captcha=False)
            return False
        self.raise_for_detour(page_name, final=False)
        return target.count() > 0

    def goto(self, url: str) -> None:
        """Open ``url``; a 5xx answer is a transient failure."""
        # a 5xx answer seen before (an earlier attempt's, raised then) is not this page's
        self.session.take_server_errors()
        response = self.page.goto(url, wait_until="domcontentloaded")
        if response is not None and response.status >= 500:
            raise SiteUnavailable(f"The shop answered HTTP {response.status} for {url}.",
                                  hint="Try again in a few minutes.")

    def reached(self, target: Locator, state: State = "visible") -> bool:
        """Whether ``target`` gets to ``state`` within one slice of a wait. The browser itself
        waits (it answers the moment the page changes, no timer between looks)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            target.first.wait_for(state=state, timeout=ARRIVE_SLICE_S * 1000)
        except PlaywrightTimeout:
            return False
        return True

    def wait_for(self, target: Locator, page_name: str, *, state: State = "visible",
                 late: AssistantError | None = None, timeout_s: float | None = None) -> None:
        """Until ``target`` is in ``state``: ``wait_until`` with the browser's own wait, the
        detours checked between its slices."""
        self.wait_until(lambda: self.reached(target, state), page_name, late=late,
                        timeout_s=timeout_s, poll_s=0)

    def arrive(self, landmark: Locator, page_name: str) -> None:
        """Wait until ``landmark`` shows, or raise what the detour means (see module doc)."""
        self.wait_for(landmark, page_name)
        self.session.take_server_errors()

    def wait_until(self, ready: Callable[[], R | None], page_name: str, *,
                   late: AssistantError | None = None, timeout_s: float | None = None,
                   poll_s: float = POLL_SECONDS, detours: bool = True) -> R:
        """Look at ``ready()`` until it gives a true value, and return that value.

        Between looks, a detour (sign-in, captcha, a 5xx answer) raises what it means, unless
        ``detours`` is False. When ``timeout_s`` (default: the page timeout) has passed,
        raise ``late``, or else why we are not on ``page_name`` (PageChanged at the least).
        """
        deadline = time.monotonic() + (self.timeout_s if timeout_s is None else timeout_s)
        while True:
            result = ready()
            if result:
                return result
            if detours:
                self.raise_for_detour(page_name, final=False)
            if time.monotonic() > deadline:
                if late is not None:
                    raise late
                self.raise_for_detour(page_name)
            if poll_s:
                self.page.wait_for_timeout(poll_s * 1000)

    def raise_for_detour(self, page_name: str, *, final: bool = True,
                         captcha: bool = True) -> None:
        """Raise why we are not on ``page_name``; with ``final`` False, only certain detours
        (``captcha`` False: the caller has just seen that no captcha shows)."""
        self.raise_if_blocked(page_name)
        if self.on_sign_in_page():
            raise SignedOut(
                f"The shop asked to sign in again while opening {page_name}.",
                hint="Run `assistant login` to sign in, then run the command again.")
        if captcha and self.captcha_shown():
            raise CaptchaRequired(
                f"The shop showed a slider captcha while opening {page_name}; a person must "
                "solve it.",
                hint="Run `assistant login` on a machine with a screen and solve it there.")
        errors = self.session.take_server_errors()
        if errors:
            raise SiteUnavailable(f"The shop failed while opening {page_name}: {errors[-1]}.",
                                  hint="Try again in a few minutes.")
        if final:
            raise PageChanged(
                f"The {page_name} page did not look as expected (at {self.page.url}); "
                "nothing was submitted.",
                hint="The shop may have changed its pages: see the screenshot and trace; "
                "check for an update of the assistant or its locale file.")
