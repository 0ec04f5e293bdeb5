"""Sign-in pages: one URL, /login, showing the step the login in progress has reached."""

from __future__ import annotations

from flask import Blueprint, jsonify, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from assistant.fixture_site.auth import SignInError, masked
from assistant.fixture_site.captcha import Drag
from assistant.fixture_site.web import (
    FLOW_COOKIE,
    SESSION_COOKIE,
    current_shop,
    safe_return_url,
)

bp = Blueprint("auth", __name__)

TEMPLATES = {"email": "email", "captcha": "password", "password": "password",
             "verify": "verify"}


@bp.get("/login")
def login() -> Response:
    return show_step()


@bp.post("/login")
def login_step() -> Response:
    return submit_step()


# The mobile pages (views/mobile.py) have their own sign-in pages: the same steps and rules,
# their own templates (``folder``) and URL (``login_endpoint``).
def show_step(*, folder: str = "desktop/login", login_endpoint: str = "auth.login") -> Response:
    shop = current_shop()
    token, _ = shop.sign_in.flow(request.cookies.get(FLOW_COOKIE))
    if request.args.get("restart"):
        shop.sign_in.restart(token)
    else:  # "please refresh and try again": a refreshed page gets a fresh slider
        shop.sign_in.retry_captcha(token)
    return _step_page(token, folder=folder, login_endpoint=login_endpoint)


def submit_step(*, folder: str = "desktop/login", login_endpoint: str = "auth.login") -> Response:
    shop = current_shop()
    token, _ = shop.sign_in.flow(request.cookies.get(FLOW_COOKIE))
    step = request.form.get("step", "")
    try:
        session = None
        if step == "email":
            shop.sign_in.submit_email(token, request.form.get("account", ""))
        elif step == "password":
            session = shop.sign_in.submit_password(token, request.form.get("password", ""))
        elif step == "verify":
            session = shop.sign_in.submit_code(token, request.form.get("code", ""))
        else:
            raise SignInError("expired")
    except SignInError as failure:
        return _step_page(token, error=failure.code, folder=folder,
                          login_endpoint=login_endpoint)
    if session is None:  # the next step, shown by GET (so a refresh re-posts nothing)
        back = redirect(url_for(login_endpoint, return_url=request.args.get("return_url")),
                        code=303)
        back.set_cookie(FLOW_COOKIE, token, httponly=True, samesite="Lax")
    else:
        back = redirect(safe_return_url(request.args.get("return_url")), code=303)
        back.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="Lax")
        back.delete_cookie(FLOW_COOKIE)
    return back


@bp.post("/login/slider")
def slider() -> Response:
    """The slider posts the knob's path here; the server judges it."""
    shop = current_shop()
    token = request.cookies.get(FLOW_COOKIE, "")
    try:
        drag = Drag.from_json(request.get_json(silent=True))
    except (TypeError, ValueError):
        return make_response(jsonify(verified=False), 400)
    return jsonify(verified=shop.sign_in.submit_drag(token, drag))


@bp.post("/logout")
def logout() -> Response:
    current_shop().sign_in.sign_out(request.cookies.get(SESSION_COOKIE))
    back = redirect("/", code=303)
    back.delete_cookie(SESSION_COOKIE)
    return back


def _step_page(token: str, error: str | None = None, *, folder: str = "desktop/login",
               login_endpoint: str = "auth.login") -> Response:
    shop = current_shop()
    _, flow = shop.sign_in.flow(token)
    html = render_template(
        f"{folder}/{TEMPLATES[flow.step]}.html", flow=flow, error=error,
        masked_email=masked(flow.email), return_url=request.args.get("return_url") or "",
        login_endpoint=login_endpoint,
    )
    page = make_response(html)
    page.set_cookie(FLOW_COOKIE, token, httponly=True, samesite="Lax")
    return page
