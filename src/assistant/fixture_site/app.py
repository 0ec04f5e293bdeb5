"""The Flask app factory: pages from fixtures/templates, behaviour from the Shop."""

from __future__ import annotations

import tomllib
from datetime import datetime
from typing import Any

import jinja2
from flask import Flask, make_response, render_template, request
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.wrappers import Response

from assistant.fixture_site.paths import fixtures_dir
from assistant.fixture_site.shop import Shop
from assistant.fixture_site.views import auth, control, desktop, mobile, returns
from assistant.fixture_site.web import SESSION_COOKIE, current_shop, is_page


def create_app(shop: Shop) -> Flask:
    """One fixture site serving ``shop``."""
    root = fixtures_dir()
    app = Flask(__name__, template_folder=str(root / "templates"),
                static_folder=str(root / "static"), static_url_path="/static")
    app.extensions["fixture_shop"] = shop
    app.jinja_env.undefined = jinja2.StrictUndefined  # a missing value is a bug, not ""
    texts = tomllib.loads((root / "texts" / "en.toml").read_text(encoding="utf-8"))
    app.jinja_env.globals.update(texts=texts, refusal_text=_refusal_text(texts))
    app.jinja_env.filters["order_date"] = order_date

    app.before_request(_switches_and_surface)
    app.context_processor(_page_context)
    app.register_error_handler(HTTPException, _error_page)
    for blueprint in (control.bp, auth.bp, desktop.bp, returns.bp, mobile.bp):
        app.register_blueprint(blueprint)
    return app


def order_date(at: datetime) -> str:
    """"Nov 20, 2026", as the real order list writes dates."""
    return f"{at:%b} {at.day}, {at.year}"


def _refusal_text(texts: dict[str, Any]) -> Any:
    def refusal_text(code: str, params: dict[str, str]) -> str:
        values = dict(params)
        if "status" in values:
            values["status"] = texts["order_status"][values["status"]]
        return str(texts["refusal"][code]).format(**values)
    return refusal_text


def _switches_and_surface() -> Response | None:
    """Before every request: the 500 and sign-out switches, then the phone redirect."""
    shop = current_shop()
    if not is_page():
        shop.run_due()
        return None
    if shop.page_request():
        return make_response(render_template("desktop/errors/500.html"), 500)
    return mobile.redirect_if_phone(shop)


def _page_context() -> dict[str, Any]:
    shop = current_shop()
    session = shop.sign_in.session(request.cookies.get(SESSION_COOKIE))
    return {
        "scenario": shop.scenario,
        "account_email": None if session is None else session.email,
        "hide_cancel": shop.switches.hide == "cancel_button",
    }


def _error_page(exc: HTTPException) -> Response | HTTPException:
    if isinstance(exc, NotFound):
        # abort(404, description=...) names what is missing ("Order not found"); the
        # template says "Page not found" for werkzeug's generic description.
        custom = exc.description if exc.description != NotFound.description else None
        surface = "mobile" if request.path.startswith("/m/") else "desktop"
        return make_response(render_template(f"{surface}/errors/404.html", heading=custom), 404)
    return exc
