"""Desktop pages: home, product search, Your Orders, order details, Cancel items."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from werkzeug.wrappers import Response as BaseResponse

from assistant.fixture_site.shop import PAGE_SIZE, TABS
from assistant.fixture_site.views import cancel_pages
from assistant.fixture_site.web import current_shop, order_or_404, signed_in

bp = Blueprint("desktop", __name__)

ORDER_TABS = (("all", "All"), ("to_pay", "To pay"), ("shipped", "Shipped"),
              ("processed", "Processed"))


@bp.get("/")
def home() -> str:
    return render_template("desktop/home.html")


@bp.get("/w/wholesale")
def product_search() -> str:
    return render_template("desktop/search/results.html",
                           query=request.args.get("SearchText", "").strip())


@bp.get("/p/order/index.html")
@signed_in
def orders() -> str:
    return render_template("desktop/orders/index.html", tabs=ORDER_TABS)


@bp.get("/api/orders")
@signed_in
def order_list() -> Response:
    """The list's HTML, fetched by the page after it loads (as the real shop's list is)."""
    shop = current_shop()
    tab = request.args.get("tab", "all")
    page = max(1, request.args.get("page", 1, type=int) or 1)
    found = shop.list_orders(tab=tab if tab in TABS else "all",
                             query=request.args.get("q", ""))
    shown = found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    with shop.lock:  # render a consistent snapshot
        html = render_template("desktop/orders/_list.html", orders=shown, page=page)
    response = Response(html)
    response.headers["X-Next-Page"] = str(page + 1) if len(found) > page * PAGE_SIZE else ""
    return response


@bp.get("/p/order/detail.html")
@signed_in
def detail() -> str:
    order = order_or_404()
    with current_shop().lock:
        return render_template("desktop/order/detail.html", order=order)


@bp.route("/p/order/cancel.html", methods=["GET", "POST"])
@signed_in
def cancel() -> BaseResponse | tuple[str, int]:
    return cancel_pages.cancel(folder="desktop", surface="web",
                               result_endpoint="desktop.cancel_result")


@bp.get("/p/order/cancel-result.html")
@signed_in
def cancel_result() -> str:
    return cancel_pages.cancel_result("desktop")
