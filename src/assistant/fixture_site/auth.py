"""Sign-in as the real shop does it: email → Continue → (slider) → password → (code).

A login in progress is kept server-side under a cookie token (nothing secret in URLs);
a finished one becomes a session, also a cookie token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from assistant.fixture_site.captcha import Drag, verifies
from assistant.fixture_site.model import iso

if TYPE_CHECKING:
    from assistant.fixture_site.shop import Shop


class SignInError(Exception):
    """A sign-in step failed; ``code`` names the message the page shows."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(kw_only=True)
class LoginFlow:
    # email | captcha | password | verify
    step: str = "email"
    email: str = ""
    # pending | verified | failed
    captcha: str = "pending"
    code: str | None = None


@dataclass(frozen=True, kw_only=True)
class Session:
    email: str
    since: datetime


class SignIn:
    """Login flows and sessions of one shop; uses the shop's lock."""

    def __init__(self, shop: Shop) -> None:
        self._shop = shop
        self._flows: dict[str, LoginFlow] = {}
        self._sessions: dict[str, Session] = {}
        self.refused_passwords = 0  # a real shop locks the account after a few of these

    def flow(self, token: str | None) -> tuple[str, LoginFlow]:
        """The login in progress under ``token``, or a new one with a new token."""
        with self._shop.lock:
            if token and token in self._flows:
                return token, self._flows[token]
            token = secrets.token_urlsafe(24)
            self._flows[token] = LoginFlow()
            return token, self._flows[token]

    def restart(self, token: str) -> None:
        with self._shop.lock:
            self._flows[token] = LoginFlow()

    def submit_email(self, token: str, email: str) -> LoginFlow:
        with self._shop.lock:
            flow = self._flows[token]
            if not email.strip():
                raise SignInError("no_account")
            flow.email = email.strip()
            flow.step = "captcha" if self._shop.scenario.captcha else "password"
            return flow

    def submit_drag(self, token: str, drag: Drag) -> bool:
        with self._shop.lock:
            flow = self._flows.get(token)
            if flow is None or flow.step != "captcha" or flow.captcha == "failed":
                return False
            ok = verifies(drag)
            flow.captcha = "verified" if ok else "failed"
            if ok:
                flow.step = "password"
            return ok

    def retry_captcha(self, token: str) -> None:
        """A fresh slider after a failure (the page was refreshed)."""
        with self._shop.lock:
            flow = self._flows.get(token)
            if flow is not None and flow.step == "captcha":
                flow.captcha = "pending"

    def submit_password(self, token: str, password: str) -> str | None:
        """The new session's token, or None when a verification code is needed first."""
        with self._shop.lock:
            flow = self._flows[token]
            scenario = self._shop.scenario
            if flow.step != "password":
                raise SignInError("captcha_required" if flow.step == "captcha" else "expired")
            if flow.email.lower() != scenario.email.lower() or password != scenario.password:
                self.refused_passwords += 1
                raise SignInError("bad_credentials")
            if not scenario.verification_code:
                return self._open_session(token, flow)
            flow.step, flow.code = "verify", f"{secrets.randbelow(10**6):06d}"
            self._shop.mail("verification_code", None, self._shop.now(), code=flow.code)
            return None

    def submit_code(self, token: str, code: str) -> str:
        with self._shop.lock:
            flow = self._flows[token]
            if flow.step != "verify" or flow.code is None:
                raise SignInError("expired")
            if not secrets.compare_digest(code.strip(), flow.code):
                raise SignInError("bad_code")
            return self._open_session(token, flow)

    def _open_session(self, flow_token: str, flow: LoginFlow) -> str:
        del self._flows[flow_token]
        token = secrets.token_urlsafe(32)
        self._sessions[token] = Session(email=self._shop.scenario.email, since=self._shop.now())
        return token

    def session(self, token: str | None) -> Session | None:
        with self._shop.lock:
            return self._sessions.get(token) if token else None

    def sign_out(self, token: str | None) -> None:
        with self._shop.lock:
            self._sessions.pop(token or "", None)

    def sign_out_everyone(self) -> None:
        with self._shop.lock:
            self._sessions.clear()

    def sessions_doc(self) -> list[dict[str, Any]]:
        with self._shop.lock:
            return [{"email": s.email, "since": iso(s.since)} for s in self._sessions.values()]


def masked(email: str) -> str:
    """s***@example.test: how the code step names the address it mailed."""
    name, _, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"
