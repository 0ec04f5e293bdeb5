"""Mail in the real shop's shape: its senders (and Apple's relay form), subjects in English,
German, French and Spanish, HTML-only, text-only and quoted-printable bodies, parcel mails that
name their orders only in links, marketing, and mails that only pretend."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email.message import EmailMessage

from assistant.mail.classify import Ignored

from .malformed_corpus import SHOP

RELAY = "transaction_at_notice_aliexpress_com_k3x9q2m7@privaterelay.appleid.com"
CODES = "account@notice.aliexpress.com"
N1, N2, N3 = "8190000000000101", "8190000000000102", "8190000000000103"
DATE = "Wed, 25 Nov 2026 09:00:00 +0000"


@dataclass(frozen=True)
class RealMail:
    name: str
    raw: bytes
    expect: tuple[str, tuple[str, ...]] | Ignored  # (kind, orders), or why it is ignored
    code: str | None = None


def shaped(sender: str, subject: str, *, html: str | None = None, text: str | None = None,
           qp: bool = False, name: str = "AliExpress") -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{name} <{sender}>" if name else sender
    msg["To"] = "shopper@example.test"
    msg["Subject"] = subject
    msg["Date"] = DATE
    seed = f"{sender}|{subject}|{html}|{text}".encode()
    msg["Message-ID"] = f"<{hashlib.sha256(seed).hexdigest()[:24]}@notice.aliexpress.com>"
    cte = "quoted-printable" if qp else None
    if text is not None:
        msg.set_content(text, cte=cte)
        if html is not None:
            msg.add_alternative(html, subtype="html", cte=cte)
    else:
        msg.set_content(html or "", subtype="html", cte=cte)
    return msg.as_bytes()


def _who(sender: str) -> str:
    return "the relay" if sender == RELAY else "the shop"


def _page(body: str) -> str:
    return (f'<html><head><style>p {{color: #333}}</style></head><body>'
            f'<table><tr><td><p>Hi Sam,</p>{body}'
            '<p><a href="https://www.aliexpress.com/p/order/index.html">My orders</a></p>'
            '</td></tr></table></body></html>')


def _detail_link(order: str) -> str:
    return (f'<a href="https://www.aliexpress.com/p/order/detail.html?orderId={order}">'
            "View order</a>")


# (language, kind, subject of order N, text of the body)
STEPS = [
    ("en", "order_confirmed", "Order {n}: order confirmed", "We've got your order."),
    ("en", "order_ready", "Order {n}: ready to ship", "Your order is ready to ship."),
    ("en", "order_shipped", "Order {n}: order shipped", "Your order is on its way."),
    ("en", "order_out_for_delivery", "Order {n}: out for delivery", "Arriving today."),
    ("en", "order_delivered", "Order {n}: delivered", "Your package was delivered."),
    ("en", "return_received", "Order {n}: return received", "We received your return."),
    ("en", "refund_issued", "Order {n}: refund issued", "Your refund is on its way."),
    ("de", "order_confirmed", "Bestellung {n}: Bestellung bestätigt", "Danke für Ihre Bestellung."),
    ("de", "order_ready", "Bestellung {n} ist versandbereit", "Ihre Bestellung ist bereit."),
    ("de", "order_shipped", "Bestellung {n} wurde versandt", "Ihre Bestellung ist unterwegs."),
    ("de", "order_out_for_delivery", "Bestellung {n} ist in Zustellung", "Heute bei Ihnen."),
    ("de", "order_delivered", "Bestellung {n} wurde zugestellt", "Ihr Paket ist da."),
    ("de", "return_received", "Bestellung {n}: Rücksendung erhalten", "Wir haben sie."),
    ("de", "refund_issued", "Bestellung {n}: Rückerstattung veranlasst", "Geld zurück."),
    ("fr", "order_confirmed", "Commande {n} : commande confirmée", "Merci pour votre commande."),
    ("fr", "order_ready", "Commande {n} : prête à être expédiée", "Votre commande est prête."),
    ("fr", "order_shipped", "Commande {n} : commande expédiée", "Votre commande est en route."),
    ("fr", "order_out_for_delivery", "Commande {n} : en cours de livraison", "Aujourd'hui."),
    ("fr", "order_delivered", "Commande {n} : commande livrée", "Votre colis est arrivé."),
    ("fr", "return_received", "Commande {n} : retour reçu", "Nous avons reçu le retour."),
    ("fr", "refund_issued", "Commande {n} : remboursement effectué", "Remboursé."),
    ("es", "order_confirmed", "Pedido {n}: pedido confirmado", "Gracias por tu pedido."),
    ("es", "order_ready", "Pedido {n}: listo para enviar", "Tu pedido está listo."),
    ("es", "order_shipped", "Pedido {n}: pedido enviado", "Tu pedido está en camino."),
    ("es", "order_out_for_delivery", "Pedido {n}: en reparto", "Llega hoy."),
    ("es", "order_delivered", "Pedido {n}: pedido entregado", "Tu paquete fue entregado."),
    ("es", "return_received", "Pedido {n}: devolución recibida", "Recibimos tu devolución."),
    ("es", "refund_issued", "Pedido {n}: reembolso emitido", "Reembolsado."),
]

PARCELS = [  # (language, subject of tracking T)
    ("en", "Package {t}: collected by the carrier"),
    ("de", "Paket {t}: vom Spediteur abgeholt"),
    ("fr", "Colis {t} : pris en charge par le transporteur"),
    ("es", "Paquete {t}: recogido por el transportista"),
]

CODE_MAILS = [  # (subject, code)
    ("123456 is your AliExpress verification code", "123456"),
    ("Ihr Bestätigungscode: 654321", "654321"),
    ("Votre code de vérification : 112233", "112233"),
    ("Tu código de verificación: 445566", "445566"),
]


def real_corpus() -> list[RealMail]:
    mails: list[RealMail] = []
    for number, (lang, kind, subject, words) in enumerate(STEPS):
        sender = RELAY if number % 3 == 0 else SHOP
        body = _page(f"<p>{words}</p>{_detail_link(N1)}")
        if number % 4 == 1:  # text-only
            raw = shaped(sender, subject.format(n=N1), text=f"Hi Sam,\n{words}\n")
        else:
            raw = shaped(sender, subject.format(n=N1), html=body, qp=number % 2 == 0)
        mails.append(RealMail(f"{lang} {kind} from {_who(sender)}", raw, (kind, (N1,))))
    for lang, kind, subject, words in STEPS:  # text and HTML, from the other sender
        if kind in ("order_shipped", "order_delivered"):
            mails.append(RealMail(f"{lang} {kind}, text and html, other sender", shaped(
                SHOP if lang in ("en", "fr") else RELAY, subject.format(n=N3),
                text=f"Hi Sam,\n{words}\n", html=_page(f"<p>{words}</p>"), qp=True),
                (kind, (N3,))))
    for sender in (SHOP, RELAY):
        body = (f"Your order {N2} has been closed. Check order detail page to know more "
                "details.")
        mails.append(RealMail(f"closed from {_who(sender)}", shaped(
            sender, f"Your order {N2} is closed", html=_page(f"<p>{body}</p>"), qp=True),
            ("order_closed", (N2,))))
    for lang, subject in PARCELS:
        track = f"LP00{lang.upper()}1234567890"
        links = (f'<a href="https://track.aliexpress.com/logisticsdetail.htm?tradeOrderId={N1}">'
                 f"Track</a> <a href=\"https://www.aliexpress.com/p/order/index.html?o_ids={N2}"
                 f'%2C{N3}">Orders</a>')
        mails.append(RealMail(f"{lang} parcel, three orders in links", shaped(
            SHOP, subject.format(t=track), html=_page(f"<p>{track}</p>{links}")),
            ("parcel_update", (N1, N2, N3))))
    mails.append(RealMail("parcel, text only, orders in the address", shaped(
        RELAY, "Package LP0099887766CN: in transit",
        text=f"Track it: https://www.aliexpress.com/p/order/index.html?o_ids={N3},{N1}\n"),
        ("parcel_update", (N3, N1))))
    for subject, code in CODE_MAILS:
        mails.append(RealMail(f"code: {subject}", shaped(
            CODES, subject, html=_page("<p>Do not share it.</p>")),
            ("verification_code", ()), code=code))
    mails += _not_for_cases()
    return mails


def _not_for_cases() -> list[RealMail]:
    closed = f"Your order {N1} is closed"
    hidden = [
        ("claim in a display:none block", f'<div style="display: none">{closed}</div>'),
        ("claim in a comment", f"<!-- {closed} -->"),
        ("claim in an attribute", f'<img alt="{closed}" title="{closed}">'),
        ("claim in a hidden element", f"<p hidden>{closed}</p>"),
        ("claim in a script", f"<script>var a = '{closed}';</script>"),
        ("claim hidden under 300 open elements",
         "<div>" * 300 + f'<span style="font-size:0">{closed}</span>'),
    ]
    mails = [RealMail(name, shaped(SHOP, "Weekly picks for you",
                                   html=_page(f"<p>Deals!</p>{block}")), Ignored.UNKNOWN)
             for name, block in hidden]
    # The shop's own other addresses (marketing) send no order mail: "unknown".
    for sender in ("notice@info.aliexpress.com", "promotion@aliexpress.com",
                   "picks@deals.aliexpress.com",
                   "promotion_at_aliexpress_com_p4q8r1@privaterelay.appleid.com"):
        mails.append(RealMail(f"the shop's marketing: {sender}", shaped(
            sender, f"Order {N1}: order shipped", text="Your order is on its way.\n"),
            Ignored.UNKNOWN))
    # A From header that names the shop but is from none of its addresses pretends to be the
    # shop's: a look-alike, counted as not authentic.
    for name, sender in (
            ("AliExpress", "transaction@notice.aliexpress.com.evil.test"),
            ("AliExpress", "transaction_at_notice_aliexpress_com_@privaterelay.appleid.com"),
            ("AliExpress", RELAY.replace("appleid.com", "appleid.com.evil.test")),
            ("AliExpress", "transaction@notice-aliexpress.com"),
            ("", "aliexpress.com@evil.test"),
            ("", "transaction.notice.aliexpress.com@evil.test"),
            ('"transaction@notice.aliexpress.com"', "noreply@evil.test"),
            ("Ali-Express Orders", "orders@evil.test"),
            ("", "service@ali-express.evil.test")):
        mails.append(RealMail(f"look-alike: {name} {sender}".replace("  ", " "), shaped(
            sender, f"Order {N1}: order shipped", text="Your order is on its way.\n",
            name=name), Ignored.LOOK_ALIKE))
    # Only mail that has nothing to do with the shop is foreign, whatever it says.
    for name, sender in (("Sam", "sam@example.test"), ("Bargains", "deals@bargains.example")):
        mails.append(RealMail(f"foreign: {sender}", shaped(
            sender, f"Order {N1}: order shipped", text="Your order is on its way.\n",
            name=name), Ignored.FOREIGN))
    mails.append(RealMail("the code address about an order", shaped(
        CODES, f"Your order {N1} has been cancelled", text="Cancelled.\n"), Ignored.UNKNOWN))
    mails.append(RealMail("a parcel mail that names no order", shaped(
        SHOP, "Package LP0011223344CN: collected by the carrier", text="On its way.\n"),
        Ignored.NO_ORDER))
    return mails

