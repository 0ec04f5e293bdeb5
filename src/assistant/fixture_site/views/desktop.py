"""Desktop pages: home, product search, Your Orders, order details, Cancel items."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from assistant.fixture_site.model import Order
from assistant.fixture_site.rules import ShopRefusal
from assistant.fixture_site.shop import PAGE_SIZE, TABS
from assistant.fixture_site.web import current_shop, signed_in

bp = Blueprint("desktop", __name__)

ORDER_TABS = (("all", "All"), ("to_pay", "To pay"), ("shipped", "Shipped"),
              ("processed", "Processed"))


def _order_or_404() -> Order:
    order = current_shop().order(request.args.get("orderId", ""))
    if order is None:
        abort(404, description="Order not found")
    return order


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
    order = _order_or_404()
    with current_shop().lock:
        return render_template("desktop/order/detail.html", order=order)


@bp.route("/p/order/cancel.html", methods=["GET", "POST"])
@signed_in
def cancel() -> BaseResponse | tuple[str, int]:
    shop = current_shop()
    order = _order_or_404()
    if request.method == "GET":
        return _cancel_page(order, status=200)
    reason = request.form.get("reason", "")
    items = request.form.getlist("items")
    try:
        made = shop.request_cancel(order.id, items, reason, surface="web")
    except ShopRefusal as refusal:
        if refusal.code in ("seller_refuses", "not_cancellable"):
            return _cancel_page(order, status=409)
        return _cancel_page(order, status=400, refusal=refusal, reason=reason, checked=items)
    return redirect(url_for("desktop.cancel_result", orderId=order.id, request=made.number),
                    code=303)


def _cancel_page(order: Order, *, status: int, refusal: ShopRefusal | None = None,
                 reason: str = "", checked: list[str] | None = None) -> tuple[str, int]:
    shop = current_shop()
    with shop.lock:
        if not order.cancellable:
            code = "seller_refuses" if order.cancel_outcome == "seller_refuses" and \
                order.status == "awaiting_shipment" else "not_cancellable"
            return render_template("desktop/cancel/refused.html", order=order,
                                   refusal=ShopRefusal(code, seller=order.seller,
                                                       status=order.status)), status
        offered = reason if reason in shop.scenario.cancel_reasons else ""
        return render_template("desktop/cancel/form.html", order=order, refusal=refusal,
                               reason=offered, checked=set(checked or ())), status


@bp.get("/p/order/cancel-result.html")
@signed_in
def cancel_result() -> str:
    shop = current_shop()
    order = _order_or_404()
    number = request.args.get("request", 0, type=int) or 0
    with shop.lock:
        made = next((r for r in shop.cancel_requests
                     if r.number == number and r.order == order.id), None)
        if made is None:
            abort(404, description="Cancellation request not found")
        items = [i for i in order.items if i.id in made.items]
        return render_template("desktop/cancel/result.html", order=order, made=made,
                               items=items)
