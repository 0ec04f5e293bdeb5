"""What every view needs: the shop of this app, the session, the signed-in guard."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Response, abort, current_app, redirect, request, url_for

from assistant.fixture_site.auth import Session
from assistant.fixture_site.model import Order
from assistant.fixture_site.shop import Shop

SESSION_COOKIE = "xman_t"  # the real shop's session cookie name
FLOW_COOKIE = "login_flow"
# Paths that are not "pages" for the switches (http_500, sign_out_after).
NOT_PAGES = ("/__fixture__/", "/static/", "/api/", "/favicon.ico")

F = TypeVar("F", bound=Callable[..., Any])


def current_shop() -> Shop:
    shop: Shop = current_app.extensions["fixture_shop"]
    return shop


def order_or_404() -> Order:
    """The order named by ``?orderId=``; an unknown one is the "Order not found" page."""
    order = current_shop().order(request.args.get("orderId", ""))
    if order is None:
        abort(404, description="Order not found")
    return order


def is_page() -> bool:
    return not request.path.startswith(NOT_PAGES)


def current_session() -> Session | None:
    return current_shop().sign_in.session(request.cookies.get(SESSION_COOKIE))


def here() -> str:
    """This request's path and query, for ``return_url``."""
    return request.full_path.rstrip("?")


def signed_in(view: F) -> F:
    """Pages of the account: without a valid session, off to sign-in (APIs answer 401)."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if current_session() is None:
            if request.path.startswith("/api/"):
                return Response("", status=401)
            login = "mobile.login" if request.path.startswith("/m/") else "auth.login"
            return redirect(url_for(login, return_url=here()))
        return view(*args, **kwargs)

    return cast(F, guarded)


def safe_return_url(value: str | None) -> str:
    """Only a path on this site (no open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return "/"
    return value
