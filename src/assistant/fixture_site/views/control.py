"""The tester's controls: /__fixture__/state, /__fixture__/clock, /__fixture__/switch."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, make_response, request
from werkzeug.wrappers import Response

from assistant.fixture_site.switches import SwitchError
from assistant.fixture_site.web import current_shop

bp = Blueprint("control", __name__, url_prefix="/__fixture__")


def _bad(message: str) -> Response:
    return make_response(jsonify(error=message), 400)


def _json_object() -> dict[str, Any] | None:
    doc = request.get_json(silent=True)
    return doc if isinstance(doc, dict) else None


@bp.get("/state")
def state() -> Response:
    return jsonify(current_shop().state())


@bp.post("/clock")
def clock() -> Response:
    doc = _json_object()
    seconds = None if doc is None else doc.get("advance_seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        return _bad(f'send {{"advance_seconds": N}} with N >= 0, got: {seconds!r}')
    now = current_shop().advance(float(seconds))
    return jsonify(now=now.isoformat(timespec="seconds"))


@bp.post("/switch")
def switch() -> Response:
    doc = _json_object()
    if doc is None:
        return _bad("send a JSON object, e.g. {\"http_500\": 2}; {} clears every switch")
    try:
        return jsonify(switches=current_shop().switch(doc))
    except SwitchError as exc:
        return _bad(str(exc))
