"""Scenarios: the shop's starting state, read from fixtures/scenarios/NAME.toml.

A scenario may say ``extends = "other"``: it is then the other one with its own keys laid
over it (tables merged key by key), so the sign-in variants repeat no orders.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.fixture_site.paths import fixtures_dir

ORDER_STATUSES = (
    "awaiting_payment", "awaiting_shipment", "shipped", "delivered", "cancelled", "closed",
)
CANCEL_OUTCOMES = ("approve", "decline_shipped", "seller_decides", "seller_refuses")


class ScenarioError(ValueError):
    """A scenario file is missing or malformed; the message names the file and the field."""


@dataclass(frozen=True, kw_only=True)
class ItemSpec:
    id: str
    title: str
    price: Decimal


@dataclass(frozen=True, kw_only=True)
class OrderSpec:
    id: str
    status: str
    age_hours: float
    seller: str
    fulfilled_by_aliexpress: bool
    cancel_outcome: str
    items: tuple[ItemSpec, ...]
    delivery_after_days: float = 3.0
    delivered_days_ago: float | None = None


@dataclass(frozen=True, kw_only=True)
class Scenario:
    name: str
    description: str
    email: str
    password: str
    verification_code: bool
    captcha: bool
    cancel_reasons: tuple[str, ...]
    return_reasons: tuple[str, ...]
    orders: tuple[OrderSpec, ...]
    late_offer_delay_ms: int = 3000


def scenario_names() -> list[str]:
    """The scenarios shipped with the site."""
    return sorted(p.stem for p in (fixtures_dir() / "scenarios").glob("*.toml"))


def load_scenario(name: str) -> Scenario:
    """Read scenario ``name``, following ``extends``."""
    raw = _read(name, seen=())
    try:
        return _build(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ScenarioError(f"scenario {name!r} is malformed: {exc!r}") from exc


def _read(name: str, seen: tuple[str, ...]) -> dict[str, Any]:
    path: Path = fixtures_dir() / "scenarios" / f"{name}.toml"
    if not path.is_file():
        raise ScenarioError(
            f"unknown scenario {name!r}; choose one of: {', '.join(scenario_names())}"
        )
    if name in seen:
        raise ScenarioError(f"scenario {name!r} extends itself through {' -> '.join(seen)}")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    base = raw.pop("extends", None)
    return _merge(_read(base, (*seen, name)), raw) if base else raw


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _build(raw: dict[str, Any]) -> Scenario:
    orders = tuple(_order(o) for o in raw["orders"])
    ids = [o.id for o in orders]
    if len(set(ids)) != len(ids):
        raise ValueError(f"order IDs repeat: {ids}")
    return Scenario(
        name=str(raw["name"]),
        description=str(raw.get("description", "")),
        email=str(raw["account"]["email"]),
        password=str(raw["account"]["password"]),
        verification_code=bool(raw["sign_in"].get("verification_code", False)),
        captcha=bool(raw["sign_in"].get("captcha", False)),
        cancel_reasons=tuple(raw["cancel_reasons"]),
        return_reasons=tuple(raw["return_reasons"]),
        orders=orders,
        late_offer_delay_ms=int(raw.get("late_offer_delay_ms", 3000)),
    )


def _order(raw: dict[str, Any]) -> OrderSpec:
    order_id = str(raw["id"])
    if len(order_id) != 16 or not order_id.isdigit():
        raise ValueError(f"order ID must be 16 digits, got: {order_id!r}")
    if raw["status"] not in ORDER_STATUSES:
        raise ValueError(f"order {order_id}: status must be one of {ORDER_STATUSES}")
    if raw["cancel_outcome"] not in CANCEL_OUTCOMES:
        raise ValueError(f"order {order_id}: cancel_outcome must be one of {CANCEL_OUTCOMES}")
    delivered = raw.get("delivered_days_ago")
    return OrderSpec(
        id=order_id,
        status=raw["status"],
        age_hours=float(raw["age_hours"]),
        seller=str(raw["seller"]),
        fulfilled_by_aliexpress=bool(raw["fulfilled_by_aliexpress"]),
        cancel_outcome=raw["cancel_outcome"],
        items=tuple(
            ItemSpec(id=str(i["id"]), title=str(i["title"]), price=Decimal(str(i["price"])))
            for i in raw["items"]
        ),
        delivery_after_days=float(raw.get("delivery_after_days", 3.0)),
        delivered_days_ago=None if delivered is None else float(delivered),
    )
