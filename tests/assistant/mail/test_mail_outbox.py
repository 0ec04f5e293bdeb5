"""The fixture shop's outbox renders real messages of every kind and delivers them to a Maildir."""

from __future__ import annotations

import email
import email.policy
import mailbox
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from assistant.mail.authenticity import TrustPolicy, read_keys_file
from assistant.mail.classify import ShopMail, classify, verification_code
from assistant.mail.message import parse
from assistant.mail.rules import load_rules
from fixture_shop import dkim
from fixture_shop.outbox import KINDS, OutgoingMail, open_outbox

ORDER = "8190000000000001"
SUBJECTS = {
    "verification_code": "Your AliExpress verification code",
    "cancel_received": f"We've received your cancellation request for order {ORDER}",
    "cancel_approved": f"Your order {ORDER} has been cancelled",
    "cancel_declined": f"Your cancellation request for order {ORDER} was declined",
    "seller_contact": f"The seller needs to review your cancellation request for order {ORDER}",
    "return_received": f"We've received your return request for order {ORDER}",
    "refund_issued": f"Your refund for order {ORDER} has been issued",
    "order_closed": f"Your order {ORDER} is closed",
}
AT = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def _mail(kind: str) -> OutgoingMail:
    order = None if kind == "verification_code" else ORDER
    return OutgoingMail(
        kind=kind, to="shopper@example.test", at=AT, order=order,
        context={"order": order, "seller": "Shenzhen Gadget Store", "code": "123456",
                 "items": [{"id": "1", "title": "USB-C cable 1 m"}], "reason": "No longer needed",
                 "amount": "US $12.34"},
    )


def _delivered(path: Path) -> list[EmailMessage]:
    """Parse what landed in the Maildir with nothing but the standard library."""
    box = mailbox.Maildir(path, factory=None, create=False)
    messages = []
    for key in box.iterkeys():
        raw = box.get_bytes(key)
        messages.append(email.message_from_bytes(raw, policy=email.policy.default))
    return messages  # type: ignore[return-value]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_lands_in_the_maildir_with_subject_and_order(kind: str, tmp_path: Path) -> None:
    # GIVEN an outbox on a Maildir that does not exist yet
    outbox = open_outbox(f"maildir:{tmp_path / 'Mail'}")

    # WHEN the shop sends a mail of this kind
    subject = outbox.send(_mail(kind))

    # THEN one real multipart/alternative message from the shop is in new/
    assert subject == SUBJECTS[kind]
    assert {p.name for p in (tmp_path / "Mail").iterdir()} >= {"cur", "new", "tmp"}
    [msg] = _delivered(tmp_path / "Mail")
    assert msg["Subject"] == SUBJECTS[kind]
    assert msg["From"] == "AliExpress <transaction@notice.aliexpress.com>"
    assert msg["To"] == "shopper@example.test"
    assert msg["Date"].datetime == AT
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    if kind == "verification_code":
        assert "Your verification code is 123456" in text.get_content()
        assert "123456" in html.get_content()
    else:
        assert ORDER in text.get_content()
        assert ORDER in html.get_content()


def test_bodies_say_what_happened(tmp_path: Path) -> None:
    # GIVEN an outbox
    outbox = open_outbox(f"maildir:{tmp_path}")

    # WHEN the shop sends the declined and the seller-contact mails
    outbox.send(_mail("cancel_declined"))
    outbox.send(_mail("seller_contact"))

    # THEN the declined mail says it shipped, and the seller mail names the seller
    by_subject = {m["Subject"]: m.get_body(("plain",)).get_content()  # type: ignore[union-attr]
                  for m in _delivered(tmp_path)}
    assert "already been shipped" in by_subject[SUBJECTS["cancel_declined"]]
    assert "Shenzhen Gadget Store" in by_subject[SUBJECTS["seller_contact"]]


def test_every_message_has_its_own_message_id(tmp_path: Path) -> None:
    outbox = open_outbox(f"maildir:{tmp_path}")
    for kind in KINDS:
        outbox.send(_mail(kind))
    ids = {m["Message-ID"] for m in _delivered(tmp_path)}
    assert len(ids) == len(KINDS)


def test_html_escapes_what_the_shop_passes_in(tmp_path: Path) -> None:
    # GIVEN a seller name with markup in it
    outbox = open_outbox(f"maildir:{tmp_path}")
    mail = OutgoingMail(kind="seller_contact", to="s@example.test", at=AT, order=ORDER,
                        context={"seller": "<b>Tom & Co</b>"})
    # WHEN it is mailed
    outbox.send(mail)
    # THEN the HTML part shows it as text, the text part as is
    [msg] = _delivered(tmp_path)
    assert "&lt;b&gt;Tom &amp; Co&lt;/b&gt;" in msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<b>Tom & Co</b>" in msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_without_a_url_the_outbox_is_a_new_temporary_maildir() -> None:
    outbox = open_outbox(None)
    outbox.send(_mail("cancel_received"))
    assert len(_delivered(Path(outbox.description))) == 1


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        OutgoingMail(kind="parcel_lost", to="s@example.test", at=AT)


REAL_SUBJECTS = {  # the aliexpress skin: the real shop's kinds, senders and subjects
    "verification_code": ("account@notice.aliexpress.com",
                          "123456 is your AliExpress verification code"),
    "order_closed": ("transaction@notice.aliexpress.com", f"Your order {ORDER} is closed"),
    "order_shipped": ("transaction@notice.aliexpress.com", f"Order {ORDER}: order shipped"),
    "order_delivered": ("transaction@notice.aliexpress.com", f"Order {ORDER}: delivered"),
    "return_received": ("transaction@notice.aliexpress.com", f"Order {ORDER}: return received"),
    "refund_issued": ("transaction@notice.aliexpress.com", f"Order {ORDER}: refund issued"),
}


@pytest.mark.parametrize("kind", sorted(REAL_SUBJECTS))
def test_the_real_shops_kinds_come_from_its_senders_on_the_aliexpress_skin(
    kind: str, tmp_path: Path
) -> None:
    # WHEN the real shop's skin sends a mail of one of its kinds
    mail = _mail(kind)
    real = OutgoingMail(kind=kind, to=mail.to, at=AT, order=mail.order, context=mail.context,
                        skin="aliexpress")
    open_outbox(f"maildir:{tmp_path / 'Mail'}").send(real)
    # THEN it has the real shop's sender and subject (the code in it), and the assistant's
    # classifier takes it for that kind, authentic (the shop's DKIM signature verifies)
    (message,) = _delivered(tmp_path / "Mail")
    sender, subject = REAL_SUBJECTS[kind]
    assert (message["From"].addresses[0].addr_spec, message["Subject"]) == (sender, subject)
    raw = message.as_bytes()
    verdict = classify(parse(raw), load_rules(), AT)
    assert isinstance(verdict, ShopMail) and verdict.kind == kind
    assert TrustPolicy(keys=read_keys_file(dkim.keys_file())).check(raw, [sender]).authentic
    if kind == "verification_code":
        assert verification_code(parse(raw), load_rules()) == "123456"


@pytest.mark.parametrize("kind", ["cancel_received", "cancel_approved", "cancel_declined",
                                  "seller_contact"])
def test_the_aliexpress_skin_sends_no_mail_the_real_shop_does_not(kind: str) -> None:
    with pytest.raises(ValueError, match="on the aliexpress skin"):
        OutgoingMail(kind=kind, to="shopper@example.test", at=AT, order=ORDER,
                     skin="aliexpress")
