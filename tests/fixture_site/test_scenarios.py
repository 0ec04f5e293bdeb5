"""The scenarios hold what SPEC.md promises testers."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.fixture_site.scenario import ScenarioError, load_scenario, scenario_names


def test_the_three_scenarios_are_shipped() -> None:
    assert scenario_names() == ["captcha", "default", "verification-code"]


def test_the_default_scenario_has_an_order_of_every_kind() -> None:
    # GIVEN the default scenario
    sc = load_scenario("default")
    open_ = [o for o in sc.orders if o.status == "awaiting_shipment"]
    outcomes = Counter(o.cancel_outcome for o in open_)
    # THEN it has every order the assistant must handle
    assert sum(1 for o in open_ if o.cancel_outcome == "approve" and len(o.items) == 1) >= 2
    assert any(o.cancel_outcome == "approve" and len(o.items) >= 3 for o in open_)
    assert outcomes["decline_shipped"] == outcomes["seller_decides"] == 1
    assert outcomes["seller_refuses"] == 1
    assert any(o.status == "shipped" for o in sc.orders)
    assert any(o.status == "delivered" for o in sc.orders)
    # AND the ones that end in a return are sold and fulfilled by AliExpress
    for order in sc.orders:
        if order.status in ("shipped", "delivered") or order.cancel_outcome == "decline_shipped":
            assert order.fulfilled_by_aliexpress and order.seller == "AliExpress", order.id
    # AND more orders than one page, with a cancellable one beyond the first page
    newest_first = sorted(sc.orders, key=lambda o: o.age_hours)
    assert len(newest_first) > 10
    assert any(o.status == "awaiting_shipment" for o in newest_first[10:])
    # AND 16-digit order IDs and a password of at least 12 characters
    assert all(len(o.id) == 16 and o.id.isdigit() for o in sc.orders)
    assert len(sc.password) >= 12


def test_the_sign_in_variants_only_change_the_sign_in() -> None:
    default = load_scenario("default")
    code, slider = load_scenario("verification-code"), load_scenario("captcha")
    assert (code.verification_code, code.captcha) == (True, False)
    assert (slider.verification_code, slider.captcha) == (False, True)
    assert code.orders == slider.orders == default.orders


def test_an_unknown_scenario_names_the_known_ones() -> None:
    with pytest.raises(ScenarioError, match="unknown scenario 'nope'; choose one of: captcha, "
                                            "default, verification-code"):
        load_scenario("nope")
