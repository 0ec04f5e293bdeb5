"""Awkward mails, built in code: each with the kind and order it must get, or why it is ignored.

Built rather than stored so that the 10 MB attachment costs no repository space and each
oddity is visible where it is made.
"""

from __future__ import annotations

import base64
import quopri
from dataclasses import dataclass
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

SHOP = "AliExpress <transaction@notice.aliexpress.com>"
TO = "shopper@example.test"
DATE = "Thu, 26 Nov 2026 10:00:00 +0000"


@dataclass(frozen=True)
class Awkward:
    name: str
    raw: bytes
    kind: str | None       # None: must be ignored
    order: str | None = None
    ignored: str | None = None  # the Ignored reason when kind is None


def _headers(subject: str | None, *, mid: str, sender: str = SHOP) -> bytes:
    lines = [f"From: {sender}", f"To: {TO}", f"Date: {DATE}", f"Message-ID: <{mid}@corpus.test>",
             "MIME-Version: 1.0"]
    if subject is not None:
        lines.append(f"Subject: {subject}")
    return ("\r\n".join(lines) + "\r\n").encode()


def html_only() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Date"] = SHOP, TO, DATE
    msg["Subject"] = "Your order 8190000000000101 has been cancelled"
    msg["Message-ID"] = "<html-only@corpus.test>"
    msg.set_content("<html><body><table><tr><td><p>Your cancellation request has been "
                    "<b>approved</b>.</p></td></tr></table></body></html>", subtype="html")
    return msg.as_bytes()


def base64_empty_subject() -> bytes:
    body = (b"Hello,\r\nYour cancellation request has been approved. Order 8190000000000102 "
            b"has been cancelled.\r\n")
    return (_headers("", mid="b64") + b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(body))


def quoted_printable_split_number() -> bytes:
    text = ("Unfortunately, your cancellation request for order 8190000000000103 was declined: "
            "the order has already been shipped. Caf\u00e9 \u2013 \u00fcber.")
    encoded = quopri.encodestring(text.encode("utf-8"))
    # a soft line break in the middle of the order number, as long lines get
    encoded = encoded.replace(b"81900000", b"81900000=\r\n", 1)
    return (_headers("Your cancellation request for order 8190000000000103 was declined",
                     mid="qp") + b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + encoded)


def latin1_encoded_subject() -> bytes:
    body = "Your order 8190000000000104 is closed. D\u00e9tails: see the order page.".encode(
        "iso-8859-1")
    return (_headers("=?iso-8859-1?q?Your_order_8190000000000104_is_closed_=E9?=", mid="latin1")
            + b"Content-Type: text/plain; charset=iso-8859-1\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body)


def shift_jis_body_only() -> bytes:
    body = ("\u3054\u6ce8\u6587 Your cancellation request for order 8190000000000105 was "
            "declined \u3002").encode("shift_jis")
    return (_headers("=?shift_jis?b?" + base64.b64encode("\u304a\u77e5\u3089\u305b".encode(
        "shift_jis")).decode() + "?=", mid="sjis")
            + b"Content-Type: text/plain; charset=shift_jis\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body)


def unknown_charset() -> bytes:
    return (_headers("=?x-klingon?q?Your_refund_for_order_8190000000000106_has_been_issued?=",
                     mid="klingon")
            + b"Content-Type: text/plain; charset=x-klingon\r\n\r\n"
            b"Your refund of US $3.20 for order 8190000000000106 has been issued \xff\xfe.\r\n")


def raw_utf8_header() -> bytes:
    return (_headers("We\u2019ve received your return request for order 8190000000000107 \u2713",
                     mid="raw8bit")
            + b"Content-Type: text/plain; charset=utf-8\r\n\r\nWe have received your return "
            b"request.\r\n")


def forwarded_by_the_shopper() -> bytes:
    outer = MIMEMultipart()
    outer["From"], outer["To"], outer["Date"] = TO, "friend@example.test", DATE
    outer["Subject"] = "Fwd: Your order 8190000000000108 has been cancelled"
    outer["Message-ID"] = "<fwd@corpus.test>"
    outer.attach(MIMEText("---------- Forwarded message ---------\nFrom: " + SHOP +
                          "\nSubject: Your order 8190000000000108 has been cancelled\n\n"
                          "Your cancellation request has been approved."))
    return outer.as_bytes()


def order_only_in_body() -> bytes:
    return (_headers("Your cancellation request was declined", mid="body-order")
            + b"Content-Type: text/plain; charset=us-ascii\r\n\r\n"
            b"Order ID: 8190000000000109\r\nThe order has already been shipped.\r\n")


def broken_mime() -> bytes:
    # boundary declared, never closed; a part with bad base64; a header line without a colon
    return (_headers("We've received your cancellation request for order 8190000000000110",
                     mid="broken")
            + b'Content-Type: multipart/alternative; boundary="XYZ"\r\nthis is not a header\r\n'
            b"\r\n--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n!!!not*base64***\r\n"
            b"--XYZ\r\nContent-Type: text/html\r\n\r\n<p>We've received your request to cancel"
            b" <b unclosed")


def truncated_headers() -> bytes:
    return b"From: AliExpress <transaction@notice.aliexpress.com>\r\nSubject: Your ord"


def big_attachment() -> bytes:
    msg = MIMEMultipart()
    msg["From"], msg["To"], msg["Date"] = SHOP, TO, DATE
    msg["Subject"] = "Your refund for order 8190000000000111 has been issued"
    msg["Message-ID"] = "<big@corpus.test>"
    msg.attach(MIMEText("Your refund of US $9.99 for order 8190000000000111 has been issued."))
    msg.attach(MIMEApplication(b"%PDF-1.4\n" + bytes(range(256)) * (10 * 4096),
                               Name="invoice.pdf"))
    return msg.as_bytes()


def look_alike(sender: str, mid: str) -> bytes:
    return (_headers("Your order 8190000000000112 has been cancelled", sender=sender, mid=mid)
            + b"Content-Type: text/plain\r\n\r\nYour cancellation request has been approved.\r\n")


def shop_marketing() -> bytes:
    return (_headers("Flash deals: up to 90% off today", mid="deals")
            + b"Content-Type: text/plain\r\n\r\nShop now and save on 10,000 products.\r\n")


def no_message_id_no_date() -> bytes:
    return (b"From: " + SHOP.encode() + b"\r\nSubject: Your order 8190000000000113 has been "
            b"cancelled\r\nDate: yesterday-ish\r\n\r\nApproved.\r\n")


def corpus() -> list[Awkward]:
    return [
        Awkward("html only", html_only(), "cancel_approved", "8190000000000101"),
        Awkward("base64, empty subject", base64_empty_subject(), "cancel_approved",
                "8190000000000102"),
        Awkward("quoted-printable", quoted_printable_split_number(), "cancel_declined",
                "8190000000000103"),
        Awkward("latin-1", latin1_encoded_subject(), "order_closed", "8190000000000104"),
        Awkward("shift_jis, order in body", shift_jis_body_only(), "cancel_declined",
                "8190000000000105"),
        Awkward("unknown charset", unknown_charset(), "refund_issued", "8190000000000106"),
        Awkward("raw 8-bit header", raw_utf8_header(), "return_received", "8190000000000107"),
        Awkward("forwarded", forwarded_by_the_shopper(), None, ignored="foreign"),
        Awkward("order only in body", order_only_in_body(), "cancel_declined",
                "8190000000000109"),
        Awkward("broken MIME", broken_mime(), "cancel_received", "8190000000000110"),
        Awkward("truncated", truncated_headers(), None, ignored="unknown"),
        Awkward("10 MB attachment", big_attachment(), "refund_issued", "8190000000000111"),
        Awkward("look-alike domain", look_alike(
            "AliExpress <transaction@notice.aliexpress.com.evil.test>", "la1"), None,
            ignored="look_alike"),
        Awkward("look-alike local part at the shop's domain", look_alike(
            "AliExpress <aliexpress-notice@notice.aliexpress.com>", "la2"), None,
            ignored="unknown"),
        Awkward("address as display name", look_alike(
            '"transaction@notice.aliexpress.com" <evil@example.test>', "la3"), None,
            ignored="look_alike"),
        Awkward("two senders", look_alike(
            "transaction@notice.aliexpress.com, evil@example.test", "la4"), None,
            ignored="look_alike"),
        Awkward("the shop's marketing", shop_marketing(), None, ignored="unknown"),
        Awkward("no Message-ID, bad Date", no_message_id_no_date(), "cancel_approved",
                "8190000000000113"),
    ]
