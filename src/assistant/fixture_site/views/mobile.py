"""Mobile pages, served to phones under /m/, as the shop's app shows them.

Home with the three-line "Menu" button (bottom right) → "Your Orders" → tap an order's
number → its page → "Cancel items" → reason and items → "Cancel checked items" → the
confirmation. Sign-in, the rules of a cancellation and the switches are the shop's, shared
with the desktop pages: this module only picks the mobile templates.

Phones (and desktops, with the ``serve_mobile_to_desktop`` switch) asking for a desktop page
are redirected to its mobile twin before any view runs (``redirect_if_phone``).
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request
from werkzeug.wrappers import Response

from assistant.fixture_site.shop import PAGE_SIZE, Shop
from assistant.fixture_site.views import auth, cancel_pages
from assistant.fixture_site.web import current_shop, order_or_404, signed_in

bp = Blueprint("mobile", __name__, url_prefix="/m")

SURFACE = "mobile"  # what the shop records as the surface of requests made here
LOGIN_PAGES = {"folder": "mobile/login", "login_endpoint": "mobile.login"}
PHONE_MARKERS = ("Mobile", "iPhone", "Android")
# desktop path -> mobile path; the query string goes along.
MOBILE_TWINS = {
    "/": "/m/",
    "/login": "/m/login",
    "/p/order/index.html": "/m/orders",
    "/p/order/detail.html": "/m/order",
    "/p/order/cancel.html": "/m/cancel",
    "/p/order/cancel-result.html": "/m/cancel-result",
}


def is_phone(user_agent: str) -> bool:
    return any(marker in user_agent for marker in PHONE_MARKERS)


def redirect_if_phone(shop: Shop) -> Response | None:
    """A phone (or any browser, with the switch) asking for a desktop page gets its twin."""
    twin = MOBILE_TWINS.get(request.path)
    if twin is None or request.method != "GET":
        return None
    if not (shop.switches.serve_mobile_to_desktop
            or is_phone(request.headers.get("User-Agent", ""))):
        return None
    query = request.query_string.decode()
    return redirect(twin + (f"?{query}" if query else ""), code=302)


@bp.get("/")
def home() -> str:
    return render_template("mobile/home.html")


@bp.get("/login")
def login() -> Response:
    return auth.show_step(**LOGIN_PAGES)


@bp.post("/login")
def login_step() -> Response:
    return auth.submit_step(**LOGIN_PAGES)


@bp.get("/orders")
@signed_in
def orders() -> str:
    """Newest first, a page at a time: "View orders" shows the next page below."""
    shop = current_shop()
    pages = max(1, request.args.get("pages", 1, type=int) or 1)
    found = shop.list_orders()
    with shop.lock:  # render a consistent snapshot
        return render_template("mobile/orders.html", orders=found[:pages * PAGE_SIZE],
                               more=len(found) > pages * PAGE_SIZE, pages=pages)


@bp.get("/order")
@signed_in
def order() -> str:
    found = order_or_404()
    with current_shop().lock:
        return render_template("mobile/order.html", order=found)


@bp.route("/cancel", methods=["GET", "POST"])
@signed_in
def cancel() -> Response | tuple[str, int]:
    return cancel_pages.cancel(folder="mobile", surface=SURFACE,
                               result_endpoint="mobile.cancel_result")


@bp.get("/cancel-result")
@signed_in
def cancel_result() -> str:
    return cancel_pages.cancel_result("mobile")
