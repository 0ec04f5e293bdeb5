"""Malformed mail from the shop's own address, as a hostile sender or a broken relay writes it:
charsets that are no text charsets, MIME nested a thousand deep, bad encoded words, broken
structure, and subjects of hundreds of kilobytes. Each mail speaks of ORDER."""

from __future__ import annotations

SHOP = "transaction@notice.aliexpress.com"
ORDER = "8190000000000001"
SAYS = f"Your order {ORDER} has been cancelled."
_HEAD = (f"From: AliExpress <{SHOP}>\r\nTo: shopper@example.test\r\n"
         "Date: Wed, 25 Nov 2026 09:00:00 +0000\r\n")

# charsets declared in Content-Type or in encoded words: codecs that turn bytes into bytes,
# text codecs no mail is written in, unknown and absurd names
CHARSETS = ["rot-13", "rot13", "base64", "base_64", "zlib", "zip", "idna", "hex", "bz2", "uu",
            "quopri", "punycode", "unicode_escape", "raw_unicode_escape", "undefined", "utf-7",
            "utf-16", "utf-16-le", "utf-32", "utf_8_sig", "mbcs", "x-unknown", '""', "a" * 300,
            "cp65001", "hz", "iso-2022-jp", "big5hkscs", "cp037", "cp1026", "mac-roman",
            "utf8mb4", "latin-99", "=?", "utf-8; charset=rot13", "utf-8\\", "%", "unknown-8bit",
            "iso-8859-1*en", "uTf-8 "]

BAD_WORDS = ["=?utf-8?B?!!!?=", "=?utf-8?Q?=ZZ?=", "=??Q?x?=", "=?utf-8?B?YWJj",
             "=?utf-8*?B?YWJj?=", "=?utf-8?X?abc?=", "=?utf-8?B?" + "A" * 10001 + "?=",
             "=?utf-8?b?YQ?=", "=?rot13?q?Lbhe?=", "=?utf-8?q?" + "=00" * 100 + "?=",
             "=?utf-8?q?a?= " * 2000, "=?a?q?" * 20000, "=?utf-8?Q?" + "=C3" * 50 + "?=",
             "=?utf-16?B?//4=?=", "=?zlib?B?eJzLSM3JBwAGLAIV?=", "=?idna?Q?xn--=FF?=",
             "=?base64?B?WVdKag==?=", "=?utf-8?q??=", "=?utf-8??abc?=", "=?" * 30000]

BROKEN = {
    "empty": b"",
    "only headers": (_HEAD + "Subject: x").encode(),
    "no colon": (_HEAD + "Subject x\r\nthis is no header\r\n\r\n" + SAYS).encode(),
    "nul bytes": (_HEAD + "Subject: a\x00b\r\nX-Null: \x00\x00\r\n\r\n" + SAYS).encode(),
    "cr only": (_HEAD + "Subject: x\r\n\r\n" + SAYS).replace("\r\n", "\r").encode(),
    "one long line": (_HEAD + "Subject: x\r\n\r\n" + "y" * 900_000).encode(),
    "many headers": (_HEAD + "X-A: b\r\n" * 20000 + "Subject: x\r\n\r\n" + SAYS).encode(),
    "no boundary": (_HEAD + "Subject: x\r\nContent-Type: multipart/alternative\r\n\r\n"
                    + SAYS).encode(),
    "empty boundary": (_HEAD + 'Subject: x\r\nContent-Type: multipart/mixed; boundary=""'
                       "\r\n\r\n--\r\n\r\n" + SAYS + "\r\n----\r\n").encode(),
    "long boundary": (_HEAD + "Subject: x\r\nContent-Type: multipart/mixed; boundary="
                      + "b" * 20000 + "\r\n\r\n--" + "b" * 20000 + "\r\n\r\n" + SAYS).encode(),
    "unterminated": (_HEAD + "Subject: x\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n"
                     "--z\r\nContent-Type: text/plain\r\n\r\n" + SAYS).encode(),
    "bad base64": (_HEAD + "Subject: x\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                   "!!!!@@@@####\r\n====\r\n").encode(),
    "bad qp": (_HEAD + "Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
               "=ZZ=\r\n=" + "=" * 1000).encode(),
    "bad uuencode": (_HEAD + "Subject: x\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
                     "begin 644 a\r\n!!!!\r\nend\r\n").encode(),
    "binary cte": (_HEAD + "Subject: x\r\nContent-Transfer-Encoding: binary\r\n\r\n").encode()
    + bytes(range(256)) * 100,
    "bare charset": (_HEAD + "Subject: x\r\nContent-Type: text/plain; charset\r\n\r\n"
                     + SAYS).encode(),
    "junk content type": (_HEAD + "Subject: x\r\nContent-Type: ;;;;==;\"\r\n\r\n"
                          + SAYS).encode(),
    "8-bit subject": _HEAD.encode() + b"Subject: \xff\xfe\xc3\x28 order\r\n\r\n"
    + SAYS.encode(),
    "bad date": (_HEAD.replace("Wed, 25 Nov 2026", "Wed, 99 Foo 99999") + "Subject: x\r\n\r\n"
                 + SAYS).encode(),
    "huge charref": (_HEAD + "Subject: x\r\nContent-Type: text/html\r\n\r\n&#99999999999;"
                     "&#xFFFFFFFFFF;<p>" + SAYS).encode(),
    "unclosed comment": (_HEAD + "Subject: x\r\nContent-Type: text/html\r\n\r\n<!--"
                         + "a" * 200_000).encode(),
    "many tags": (_HEAD + "Subject: x\r\nContent-Type: text/html\r\n\r\n"
                  + "<div>" * 100_000).encode(),
    "cdata": (_HEAD + "Subject: x\r\nContent-Type: text/html\r\n\r\n"
              + "<![CDATA[" * 30_000).encode(),
}


def _plain(charset: str) -> bytes:
    return (_HEAD + f"Subject: Notice\r\nMessage-ID: <cs-plain-{len(charset)}-{charset[:20]}@x>"
            f"\r\nContent-Type: text/plain; charset={charset}\r\n\r\n{SAYS} \xff\xfe\r\n"
            ).encode("utf-8", "surrogateescape")


def _html(charset: str) -> bytes:
    return (_HEAD + f"Subject: Notice\r\nContent-Type: text/html; charset=\"{charset}\"\r\n"
            f"\r\n<p>{SAYS}</p>\r\n").encode()


def _alternative(charset: str) -> bytes:
    return (_HEAD + "Subject: Notice\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/alternative; boundary=zz\r\n\r\n"
            f"--zz\r\nContent-Type: text/plain; charset={charset}\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nWW91ciBvcmRlcg==\r\n"
            f"--zz\r\nContent-Type: text/html; charset={charset}\r\n\r\n<p>{SAYS}</p>\r\n"
            "--zz--\r\n").encode()


def _word(charset: str, encoding: str) -> bytes:
    text = "Wbhe beqre" if encoding == "Q" else "eJzLSM3JBwAGLAIV"
    return (_HEAD + f"Subject: =?{charset}?{encoding}?{text}?= {ORDER}\r\n\r\n{SAYS}\r\n"
            ).encode()


def _nested(depth: int, kind: str) -> bytes:
    """``depth`` multiparts (or attached messages) one inside the other, the text innermost."""
    head, tail = [], []
    for level in range(depth):
        if kind == "multipart":
            head.append(f"Content-Type: multipart/mixed; boundary=b{level}\r\n\r\n--b{level}\r\n")
            tail.append(f"\r\n--b{level}--\r\n")
        else:
            head.append("Content-Type: message/rfc822\r\n\r\n" + _HEAD)
    inner = f"Content-Type: text/plain\r\n\r\n{SAYS}"
    return (_HEAD + "Subject: Notice\r\n" + "".join(head) + inner
            + "".join(reversed(tail))).encode()


def malformed() -> dict[str, bytes]:
    """At least 229 malformed mails, by name."""
    mails: dict[str, bytes] = {}
    for number, charset in enumerate(CHARSETS):
        mails[f"plain part in {charset[:20]!r} #{number}"] = _plain(charset)
        mails[f"html part in {charset[:20]!r} #{number}"] = _html(charset)
        mails[f"alternative in {charset[:20]!r} #{number}"] = _alternative(charset)
        mails[f"Q word in {charset[:20]!r} #{number}"] = _word(charset, "Q")
        mails[f"B word in {charset[:20]!r} #{number}"] = _word(charset, "B")
    for number, word in enumerate(BAD_WORDS):
        mails[f"bad word in subject #{number}"] = (
            _HEAD + f"Subject: {word} {ORDER}\r\n\r\n{SAYS}\r\n").encode()
        mails[f"bad word in sender #{number}"] = (
            _HEAD.replace("AliExpress", word[:5000]) + f"Subject: x\r\n\r\n{SAYS}\r\n").encode()
    for depth in (33, 100, 1000, 3000):
        for kind in ("multipart", "message"):
            mails[f"{kind} nested {depth} deep"] = _nested(depth, kind)
    mails.update(BROKEN)
    assert len(mails) >= 229, len(mails)
    return mails


# the charsets above that name no text charset at all: a part in one of them cannot be read
NOT_TEXT = ["rot-13", "rot13", "base64", "base_64", "zlib", "zip", "idna", "hex", "bz2", "uu",
            "quopri", "punycode", "unicode_escape", "raw_unicode_escape", "undefined"]
