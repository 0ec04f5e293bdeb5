"""Every kind of the shop's mail gets its kind and order; awkward mail never breaks the reader."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from assistant.mail.classify import Ignored, ShopMail, classify, verification_code
from assistant.mail.message import parse
from assistant.mail.rules import load_rules
from fixture_shop.outbox import KINDS

from .mail_corpus import Awkward, corpus

RECEIVED = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
ORDER = "8190000000000042"


@pytest.mark.parametrize("kind", KINDS)
def test_the_fixture_shops_mail_of_each_kind_is_classified_by_order(
    kind: str, shop_bytes: Callable[..., bytes]
) -> None:
    # GIVEN a mail of this kind, rendered by the fixture shop's own outbox
    order = None if kind == "verification_code" else ORDER
    raw = shop_bytes(kind, order, code="987654")

    # WHEN it is classified
    verdict = classify(parse(raw), load_rules(), RECEIVED)

    # THEN it has its kind and its order number (a code mail has none)
    assert isinstance(verdict, ShopMail)
    assert (verdict.kind, verdict.order) == (kind, order)


def test_the_seller_contact_mail_names_the_seller(shop_bytes: Callable[..., bytes]) -> None:
    verdict = classify(parse(shop_bytes("seller_contact", ORDER, seller="Tom's Gadgets, Ltd")),
                       load_rules(), RECEIVED)
    assert isinstance(verdict, ShopMail)
    assert verdict.seller == "Tom's Gadgets, Ltd"


def test_the_verification_code_is_read_from_the_mail(shop_bytes: Callable[..., bytes]) -> None:
    assert verification_code(parse(shop_bytes("verification_code", None, code="048213")),
                             load_rules()) == "048213"


def test_the_closed_mail_stays_ambiguous(shop_bytes: Callable[..., bytes]) -> None:
    # GIVEN the shop's "Your order … is closed" (cancelled? refunded? completed?)
    verdict = classify(parse(shop_bytes("order_closed", ORDER)), load_rules(), RECEIVED)
    # THEN it is its own kind, and its meaning says the page will tell
    assert isinstance(verdict, ShopMail)
    assert verdict.kind == "order_closed"
    assert "order page" in verdict.detail


@pytest.mark.parametrize("mail", corpus(), ids=lambda m: m.name)
def test_awkward_mail_gets_the_right_kind_or_is_ignored(mail: Awkward) -> None:
    # WHEN the awkward mail is parsed and classified
    verdict = classify(parse(mail.raw), load_rules(), RECEIVED)
    # THEN it has the expected kind and order, or is ignored for the expected reason
    if mail.kind is None:
        assert verdict == Ignored(mail.ignored)
    else:
        assert isinstance(verdict, ShopMail), verdict
        assert (verdict.kind, verdict.order) == (mail.kind, mail.order)


def test_a_mail_without_a_date_takes_its_arrival_time() -> None:
    [mail] = [m for m in corpus() if m.name == "no Message-ID, bad Date"]
    verdict = classify(parse(mail.raw), load_rules(), RECEIVED)
    assert isinstance(verdict, ShopMail)
    assert verdict.at == RECEIVED
    # and its stand-in Message-ID is the same every time it is read
    assert verdict.message_id == parse(mail.raw).message_id
