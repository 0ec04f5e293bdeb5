"""The "Cancel items" page and its confirmation, as both the desktop and the mobile pages
serve them: the shop's rules are the same, only the templates and the URLs differ.

``folder`` is the surface's template folder ("desktop" or "mobile"), ``surface`` what the
shop records as where a request was made ("web" or "mobile"), ``result_endpoint`` the view of
the confirmation page a successful request is redirected to.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from assistant.fixture_site.model import Order
from assistant.fixture_site.rules import ShopRefusal
from assistant.fixture_site.web import current_shop, order_or_404


def cancel(*, folder: str, surface: str, result_endpoint: str) -> Response | tuple[str, int]:
    """GET: the form (or why there is none). POST: the request, or the form with the alert."""
    shop = current_shop()
    order = order_or_404()
    if request.method == "GET":
        return cancel_page(folder, order, status=200)
    reason = request.form.get("reason", "")
    items = request.form.getlist("items")
    try:
        made = shop.request_cancel(order.id, items, reason, surface=surface)
    except ShopRefusal as refusal:
        if refusal.code in ("seller_refuses", "not_cancellable"):
            return cancel_page(folder, order, status=409)
        return cancel_page(folder, order, status=400, refusal=refusal, reason=reason,
                           checked=items)
    return redirect(url_for(result_endpoint, orderId=order.id, request=made.number), code=303)


def cancel_page(folder: str, order: Order, *, status: int, refusal: ShopRefusal | None = None,
                reason: str = "", checked: list[str] | None = None) -> tuple[str, int]:
    shop = current_shop()
    with shop.lock:
        refused = shop.cancel_refusal(order.id)
        if refused is not None:
            return render_template(f"{folder}/cancel/refused.html", order=order,
                                   refusal=refused), status
        offered = reason if reason in shop.scenario.cancel_reasons else ""
        return render_template(f"{folder}/cancel/form.html", order=order, refusal=refusal,
                               reason=offered, checked=set(checked or ())), status


def cancel_result(folder: str) -> str:
    """The confirmation of the request ``?request=N`` for ``?orderId=``."""
    shop = current_shop()
    order = order_or_404()
    number = request.args.get("request", 0, type=int) or 0
    with shop.lock:
        made = next((r for r in shop.cancel_requests
                     if r.number == number and r.order == order.id), None)
        if made is None:
            abort(404, description="Cancellation request not found")
        items = [i for i in order.items if i.id in made.items]
        return render_template(f"{folder}/cancel/result.html", order=order, made=made,
                               items=items)
