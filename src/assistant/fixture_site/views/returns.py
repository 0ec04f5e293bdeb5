"""Returns for delivered orders, in the real shop's steps: question, items and reason,
"Next step", review, "Submit", confirmation. The real shop opens these in a new tab."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from assistant.fixture_site.model import Order
from assistant.fixture_site.rules import ShopRefusal
from assistant.fixture_site.web import current_shop, order_or_404, signed_in

bp = Blueprint("returns", __name__, url_prefix="/reverse-pages")


@bp.get("/apply.html")
@signed_in
def apply() -> tuple[str, int]:
    return _apply_page(order_or_404(), status=200)


@bp.post("/apply.html")
@signed_in
def apply_step() -> Response | tuple[str, int]:
    shop = current_shop()
    order = order_or_404()
    items = request.form.getlist("items")
    reason = request.form.get("reason", "")
    description = request.form.get("description", "")
    try:
        if request.form.get("step") == "submit":
            made = shop.request_return(order.id, items, reason, description)
            return redirect(url_for("returns.result", orderId=order.id, request=made.number),
                            code=303)
        shop.validate_return(order.id, items, reason)
    except ShopRefusal as refusal:
        status = 409 if refusal.code == "not_returnable" else 400
        return _apply_page(order, status=status, refusal=refusal, reason=reason,
                           checked=items, description=description)
    with shop.lock:
        chosen = [i for i in order.items if i.id in items]
        return render_template("desktop/returns/review.html", order=order, items=chosen,
                               reason=reason, description=description), 200


def _apply_page(order: Order, *, status: int, refusal: ShopRefusal | None = None,
                reason: str = "", checked: list[str] | None = None,
                description: str = "") -> tuple[str, int]:
    shop = current_shop()
    with shop.lock:
        if order.status != "delivered":
            refusal = ShopRefusal("not_returnable", status=order.status)
            return render_template("desktop/returns/refused.html", order=order,
                                   refusal=refusal), status
        offered = reason if reason in shop.scenario.return_reasons else ""
        return render_template("desktop/returns/apply.html", order=order, refusal=refusal,
                               reason=offered, checked=set(checked or ()),
                               description=description,
                               answered=request.method == "POST"), status


@bp.get("/result.html")
@signed_in
def result() -> str:
    shop = current_shop()
    order = order_or_404()
    number = request.args.get("request", 0, type=int) or 0
    with shop.lock:
        made = next((r for r in shop.return_requests
                     if r.number == number and r.order == order.id), None)
        if made is None:
            abort(404, description="Return request not found")
        items = [i for i in order.items if i.id in made.items]
        return render_template("desktop/returns/result.html", order=order, made=made,
                               items=items)
