"""Property-based tests: no input makes the mail parser or classifier raise, and the order
number survives every charset and transfer encoding."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.mail.classify import Ignored, ShopMail, classify
from assistant.mail.message import parse
from assistant.mail.rules import load_rules
from fixture_shop.outbox import KINDS, OutgoingMail, render

RECEIVED = datetime(2026, 11, 27, tzinfo=UTC)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
orders = st.from_regex(r"8[0-9]{15}", fullmatch=True)
words = st.text(alphabet=st.sampled_from("abcdefghij klmnop,.;:-"), max_size=200)


def _shop_raw(kind: str, order: str) -> bytes:
    mail = OutgoingMail(kind=kind, to="s@example.test", at=RECEIVED, order=order,
                        context={"seller": "ACME", "code": "123456"})
    return render(mail).as_bytes()


@FUZZ
@given(st.binary(max_size=4000))
def test_any_bytes_parse_and_classify_without_raising(raw: bytes) -> None:
    verdict = classify(parse(raw), load_rules(), RECEIVED)
    assert isinstance(verdict, ShopMail | Ignored)


@FUZZ
@given(kind=st.sampled_from(KINDS), order=orders, data=st.data())
def test_damaged_shop_mail_never_raises(kind: str, order: str, data: st.DataObject) -> None:
    # GIVEN a real shop mail, cut short and with bytes overwritten at random places
    raw = bytearray(_shop_raw(kind, order))
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    raw = raw[:cut]
    for _ in range(data.draw(st.integers(min_value=0, max_value=8))):
        if raw:
            at = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
            raw[at] = data.draw(st.integers(min_value=0, max_value=255))
    # WHEN it is read THEN the reader copes: a kind, or a reason to ignore it
    verdict = classify(parse(bytes(raw)), load_rules(), RECEIVED)
    assert isinstance(verdict, ShopMail | Ignored)


@FUZZ
@given(order=orders, before=words, after=words,
       charset=st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "koi8-r", "shift_jis",
                                "utf-16", "gb2312"]),
       cte=st.sampled_from(["base64", "quoted-printable", "8bit"]),
       html=st.booleans(), subject=st.sampled_from(["", "Notice", None]))
def test_the_order_survives_any_charset_and_encoding(
    order: str, before: str, after: str, charset: str, cte: str, html: bool,
    subject: str | None,
) -> None:
    # GIVEN a shop mail whose order number is only in the body, in some charset and encoding
    text = f"{before} Your order {order} is closed. {after}"
    body = f"<p>{text}</p>" if html else text
    msg = EmailMessage()
    msg["From"] = "AliExpress <transaction@notice.aliexpress.com>"
    if subject is not None:
        msg["Subject"] = subject
    msg.set_content(body.encode(charset), maintype="text", subtype="html" if html else "plain",
                    cte="8bit" if cte == "8bit" and charset != "utf-16" else "base64"
                    if cte == "8bit" else cte, params={"charset": charset})
    # WHEN it is classified
    verdict = classify(parse(msg.as_bytes()), load_rules(), RECEIVED)
    # THEN the order number and kind come out right
    assert isinstance(verdict, ShopMail), verdict
    assert (verdict.kind, verdict.order) == ("order_closed", order)


@FUZZ
@given(subject=st.text(max_size=120))
def test_any_subject_text_reads_back(subject: str) -> None:
    # GIVEN a mail whose subject is any text (encoded words as the sender's library makes them)
    msg = EmailMessage()
    msg["From"] = "someone@example.test"
    msg["Subject"] = " ".join(subject.splitlines())  # a header is one line
    msg.set_content("hello")
    # WHEN it is parsed THEN the subject reads back and it is not the shop's. (White space
    # aside: Python's generator may fold a space out between two encoded words, RFC 2047 §6.2.)
    parsed = parse(msg.as_bytes())
    assert "".join(parsed.subject.split()) == "".join(msg["Subject"].split())
    assert classify(parsed, load_rules(), RECEIVED) == Ignored.FOREIGN
